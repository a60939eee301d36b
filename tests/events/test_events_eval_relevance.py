"""The relevance gate's figures on hand-labelled sentences of real news (eval/relevance), through
the real CLI, and a malformed file's coded error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_util import run_cli
from detente.errors import EvalError
from detente.events.evaluate import read_relevance
from shared_data import REPO

SENTENCES = REPO / "eval" / "relevance" / "zyte_sentences.tsv"


def test_the_labelled_file_reads_as_sentence_and_label() -> None:
    rows = read_relevance(SENTENCES)
    assert len(rows) == 150
    assert sum(label == "event" for _, label in rows) == 37
    assert rows[0][1] in ("event", "none") and "\t" not in rows[0][0]


def test_a_malformed_line_is_a_coded_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text("label\tpage\tsentence\nmaybe\tp1\tRussia met NATO.\n", encoding="utf-8")
    with pytest.raises(EvalError) as raised:
        read_relevance(path)
    assert raised.value.code == "E601" and "line 2" in str(raised.value)


@pytest.mark.model
def test_gate_figures_through_the_cli(capsys: pytest.CaptureFixture[str]) -> None:
    run = run_cli(
        capsys, "eval", "events", "--relevance", str(SENTENCES), "--limit", "40", "--json"
    )
    assert run.code == 0, run.err
    report = json.loads(run.out)
    rows = {row["type"]: row for row in report["per_type"]}
    assert report["sentences"] == 40 == rows["event"]["gold"] + rows["none"]["gold"]
    assert rows["event"]["predicted"] + rows["none"]["predicted"] == 40
    wrong = sum(c["count"] for c in report["confusions"])
    right = round(rows["event"]["precision"] * rows["event"]["predicted"]) + round(
        rows["none"]["precision"] * rows["none"]["predicted"]
    )
    assert right + wrong == 40
    table = run_cli(capsys, "eval", "events", "--relevance", str(SENTENCES), "--limit", "5")
    assert table.code == 0 and "no-event precision" in table.out
