"""Shared fixtures. The shared folder (../shared) is used when present; the repo keeps its own copy
of the example article under examples/ so the suite runs without it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLES = REPO / "examples"


def shared_path(*parts: str) -> Path:
    """A path under ../shared; the test is skipped when that data is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data not present: {path}")
    return path


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
