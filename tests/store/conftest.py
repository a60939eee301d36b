"""Every store test that takes `backend` runs on DuckDB and on a real PostgreSQL server."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_util import Backend


@pytest.fixture(params=["duckdb", "postgresql"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Backend:
    if request.param == "postgresql":
        return Backend("postgresql", request.getfixturevalue("pg_url"))
    return Backend("duckdb", tmp_path / "detente.duckdb")


@pytest.fixture
def duckdb_backend(tmp_path: Path) -> Backend:
    return Backend("duckdb", tmp_path / "detente.duckdb")
