"""Shared fixtures. Test modules import paths and helpers from shared_data, never from conftest
(each test folder may have a conftest of its own)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from pg_server import pg_server, pg_url  # noqa: F401  (a PostgreSQL server for tests)
from shared_data import EXAMPLES, SHARED, shared_path


@pytest.fixture(scope="session")
def example_path() -> Path:
    return EXAMPLES / "rbth_russia_nato.txt"


@pytest.fixture(scope="session")
def example_text(example_path: Path) -> str:
    return example_path.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def gold() -> dict[str, Any]:
    path = SHARED / "examples" / "rbth_russia_nato.gold.json"
    if not path.exists():
        pytest.skip("gold annotation not present")
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def zyte_dir() -> Path:
    return shared_path("data", "extraction", "zyte-dev")
