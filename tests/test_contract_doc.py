"""docs/CONTRACT.md lists every field `detente extract` writes, and no field it never writes."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from cli_util import run_cli

pytestmark = pytest.mark.model

REPO = Path(__file__).resolve().parents[1]
CONTRACT = REPO / "docs" / "CONTRACT.md"


SPAN_KEYS = {"start", "end", "text"}


def field_paths(value: Any, prefix: str = "") -> set[str]:
    """`events[].source.code`-style paths of every key in a document; a span's own keys are
    the span's, documented once."""
    found: set[str] = set()
    if isinstance(value, dict):
        span = value.keys() >= SPAN_KEYS and prefix != ""
        for key, item in value.items():
            if span and key in SPAN_KEYS:
                continue
            found.add(prefix + key)
            found |= field_paths(item, prefix + key + ".")
    elif isinstance(value, list):
        for item in value:
            found |= field_paths(item, prefix.removesuffix(".") + "[].")
    return found


def documented_paths() -> set[str]:
    """The first cell of each table row of the field tables."""
    rows = re.findall(r"^\| `([a-z_\[\].]+)` \|", CONTRACT.read_text(encoding="utf-8"), re.M)
    return set(rows)


def test_contract_doc_matches_what_extract_writes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    wire = tmp_path / "wire.jsonl"
    record = {"id": "w1", "text": "Ministers of Norway met in Oslo on Monday. " * 3}
    wire.write_text(json.dumps(record) + "\n", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    run = run_cli(
        capsys,
        "extract",
        str(REPO / "examples" / "rbth_russia_nato.txt"),
        str(wire),
        str(empty),
        "--published",
        "2014-12-03",
    )
    assert run.code == 1  # the empty file
    written: set[str] = set()
    for document in json.loads(run.out):
        written |= field_paths(document)
    documented = documented_paths()
    assert written - documented == set(), "fields written but not in docs/CONTRACT.md"
    assert documented - written == set(), "fields in docs/CONTRACT.md that are never written"
