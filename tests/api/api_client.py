"""Helpers of the API tests: a database of the ingested examples, and FastAPI's test client."""

from __future__ import annotations

import warnings

from starlette.exceptions import StarletteDeprecationWarning

from shared_data import ingest_examples

with warnings.catch_warnings():
    # Starlette now prefers the httpx2 package for its test client; httpx works the same here.
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

__all__ = ["TestClient", "ingest_examples"]
