"""The API tests run on one database of the ingested examples (the real write path), built once;
`served` gives the examples on each backend, with the store read directly."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from api_client import TestClient, ingest_examples

from detente.api import create_app
from detente.store import Store, open_store


@pytest.fixture(scope="session")
def examples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ingest_examples(tmp_path_factory.mktemp("api") / "examples.duckdb")


@pytest.fixture(scope="module")
def client(examples_db: Path) -> Iterator[TestClient]:
    """A read-only app (no token) over the examples."""
    with TestClient(create_app(str(examples_db))) as test_client:
        yield test_client


@pytest.fixture(scope="session", params=["duckdb", "postgresql"])
def served(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[TestClient, Store]]:
    """The read-only app over the examples ingested afresh, and the store read directly."""
    if request.param == "postgresql":
        db = str(request.getfixturevalue("pg_server").create_schema())
    else:
        db = str(tmp_path_factory.mktemp("served") / "examples.duckdb")
    ingest_examples(db)  # type: ignore[arg-type]  # a URL too: it only goes to --db
    with TestClient(create_app(db)) as client, open_store(db, read_only=True) as store:
        yield client, store
