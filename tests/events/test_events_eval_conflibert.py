"""Evaluation on ConfliBERT's five CAMEO classes."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.errors import EvalError
from detente.events.evaluate import ConflibertReport, main_event_class, read_conflibert
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


def test_per_class_figures() -> None:
    report = ConflibertReport(sentences=4, correct=2)
    report.confusion.update({(0, 0): 1, (1, 1): 1, (1, 3): 1, (3, -1): 1})
    figures = report.per_class()
    assert figures["statement"]["precision"] == 1.0
    assert figures["verbal coop"] == {"precision": 1.0, "recall": 0.5, "gold": 2, "predicted": 1}
    assert figures["verbal conflict"]["recall"] == 0.0
    assert report.to_dict()["accuracy"] == 0.5


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
