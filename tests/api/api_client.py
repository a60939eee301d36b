"""Helpers of the API tests: a database of the ingested examples, and FastAPI's test client."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from starlette.exceptions import StarletteDeprecationWarning

from detente.cli import main
from shared_data import EXAMPLES

with warnings.catch_warnings():
    # Starlette now prefers the httpx2 package for its test client; httpx works the same here.
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

__all__ = ["TestClient", "ingest_examples"]


def ingest_examples(db: Path) -> Path:
    """`detente ingest examples --db DB`, as a user runs it; the database is closed after."""
    with pytest.raises(SystemExit) as exit_info:
        main(["ingest", str(EXAMPLES), "--db", str(db)])
    assert exit_info.value.code == 0, f"ingesting the examples failed ({exit_info.value.code})"
    return db
