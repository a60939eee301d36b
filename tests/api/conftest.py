"""The API tests run on one database of the ingested examples (the real write path), built once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from api_client import TestClient, ingest_examples

from detente.api import create_app


@pytest.fixture(scope="session")
def examples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ingest_examples(tmp_path_factory.mktemp("api") / "examples.duckdb")


@pytest.fixture(scope="module")
def client(examples_db: Path) -> Iterator[TestClient]:
    """A read-only app (no token) over the examples."""
    with TestClient(create_app(str(examples_db))) as test_client:
        yield test_client
