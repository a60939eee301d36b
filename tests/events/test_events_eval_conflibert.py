"""Evaluation on ConfliBERT's five CAMEO classes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_util import run_cli
from detente.errors import EvalError
from detente.events.evaluate import (
    ConflibertReport,
    TypeScore,
    main_event_class,
    read_conflibert,
)
from detente.records import Event, Span
from shared_data import shared_path


def _event(cameo: str) -> Event:
    return Event(
        id="E1", source=None, target=None, plover=None, cameo=cameo, goldstein=0.0,
        intensity=None, quad_class=0, evidence=Span(0, 0, ""), sentence=0, rule="t",
        confidence=1.0,
    )  # fmt: skip


def test_the_main_event_is_the_first_that_is_not_a_statement() -> None:
    assert main_event_class([_event("010"), _event("190")]) == 4
    assert main_event_class([_event("013")]) == 0
    assert main_event_class([_event("042"), _event("112")]) == 1
    assert main_event_class([]) is None
    # ConfliBERT's classes: an appeal is a statement, reducing relations verbal conflict
    assert main_event_class([_event("0231")]) == 0
    assert main_event_class([_event("1621")]) == 3


def test_per_class_figures() -> None:
    report = ConflibertReport(sentences=4, correct=2)
    report.confusion.update({(0, 0): 1, (1, 1): 1, (1, 3): 1, (3, -1): 1})
    figures = report.per_class()
    assert figures["statement"]["precision"] == 1.0
    assert figures["verbal coop"] == {"precision": 1.0, "recall": 0.5, "gold": 2, "predicted": 1}
    assert figures["verbal conflict"]["recall"] == 0.0
    assert report.to_dict()["accuracy"] == 0.5


def test_per_type_rows_and_confusions_by_class() -> None:
    report = ConflibertReport(sentences=4, correct=2)
    report.confusion.update({(0, 0): 1, (1, 1): 1, (1, 3): 1, (3, -1): 1})
    assert report.tally.scores() == [
        TypeScore("0 statement", gold=1, predicted=1, precision=1.0, recall=1.0, f1=1.0),
        TypeScore("1 verbal coop", gold=2, predicted=1, precision=1.0, recall=0.5, f1=2 / 3),
        TypeScore("3 verbal conflict", gold=1, predicted=1, precision=0.0, recall=0.0, f1=0.0),
        TypeScore("none", gold=0, predicted=1, precision=0.0, recall=0.0, f1=0.0),
    ]
    figures = report.to_dict()
    assert figures["per_type"][1] == {
        "type": "1 verbal coop", "gold": 2, "predicted": 1, "precision": 1.0, "recall": 0.5,
        "f1": 0.6667,
    }  # fmt: skip
    assert figures["confusions"] == [
        {"gold": "1 verbal coop", "predicted": "3 verbal conflict", "count": 1},
        {"gold": "3 verbal conflict", "predicted": "none", "count": 1},
    ]


def test_malformed_class_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text("A sentence without a class\n", encoding="utf-8")
    with pytest.raises(EvalError) as raised:
        read_conflibert(path)
    assert raised.value.code == "E601" and "line 1" in str(raised.value)


@pytest.mark.model
@pytest.mark.slow
def test_conflibert_sample() -> None:
    from detente.events.evaluate import evaluate_conflibert

    tsv = shared_path("data", "events", "conflibert", "cameo_class_train.tsv")
    report = evaluate_conflibert(tsv, limit=80)
    assert report.sentences == 80
    assert sum(report.confusion.values()) == 80
    # full file measured 44.3% (1349 sentences, 434 without an event) on 2026-11-27
    assert report.accuracy > 0.25


@pytest.mark.model
@pytest.mark.slow
def test_conflibert_per_type_and_confusions_through_the_cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # most of these sentences train the learned model, which codes them without a confusion
    monkeypatch.setenv("DETENTE_EVENT_CODER", "rule")
    tsv = shared_path("data", "events", "conflibert", "cameo_class_train.tsv")
    run = run_cli(capsys, "eval", "events", "--conflibert", str(tsv), "--limit", "40", "--json")
    assert run.code == 0, run.err
    report = json.loads(run.out)
    rows, confusions = report["per_type"], report["confusions"]
    # one gold class and one main-event class (or none) per sentence
    assert sum(row["gold"] for row in rows) == 40 == sum(row["predicted"] for row in rows)
    untyped = next((row["predicted"] for row in rows if row["type"] == "none"), 0)
    assert untyped == report["uncoded"]
    for row in rows:  # the same counts as the per-class figures ("0 statement": "statement")
        if row["type"] != "none":
            figures = report["per_class"][row["type"][2:]]
            assert (figures["gold"], figures["predicted"]) == (row["gold"], row["predicted"])
            assert (figures["precision"], figures["recall"]) == (row["precision"], row["recall"])
    assert 0 < len(confusions) <= 10
    assert all(c["gold"] != c["predicted"] for c in confusions)
    right = sum(round(row["recall"] * row["gold"]) for row in rows)
    assert right == round(report["accuracy"] * 40)
