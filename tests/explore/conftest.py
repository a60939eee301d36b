"""The explore tests that take `explore_db` run on a DuckDB file and on a PostgreSQL schema.

The databases are module-scoped: a test module fills one database per backend once and its
tests only read it."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="module", params=["duckdb", "postgresql"])
def explore_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """An empty database for a test module: a DuckDB path or a PostgreSQL URL."""
    if request.param == "postgresql":
        return str(request.getfixturevalue("pg_server").create_schema())
    folder: Path = tmp_path_factory.mktemp("explore")
    return str(folder / "detente.duckdb")
