"""Per-type figures and confusions of the events evaluations (the tally all three reports share),
and the PLOVER report through the real CLI."""

from __future__ import annotations

import json

import pytest

from cli_util import run_cli
from detente.events.evaluate import UNTYPED, TypeScore, TypeTally
from shared_data import shared_path


def test_the_tally_scores_each_type_and_ranks_confusions() -> None:
    tally = TypeTally()
    tally.add("A", ["A", "B"])
    tally.add("A", [])  # nothing predicted: "none"
    tally.add("B", ["B"])
    tally.add(UNTYPED, ["C"])  # an event where none is expected
    tally.add("B", ["A", "A"])  # each prediction counts
    tally.add(UNTYPED, [])
    assert tally.scores() == [
        TypeScore("A", gold=2, predicted=3, precision=1 / 3, recall=0.5, f1=0.4),
        TypeScore("B", gold=2, predicted=2, precision=0.5, recall=0.5, f1=0.5),
        TypeScore("C", gold=0, predicted=1, precision=0.0, recall=0.0, f1=0.0),
        TypeScore("none", gold=2, predicted=2, precision=0.5, recall=0.5, f1=0.5),
    ]
    assert tally.confusions() == [("B", "A", 2), ("A", "B", 1), ("A", "none", 1), ("none", "C", 1)]
    assert tally.to_dict(top=2) == {
        "per_type": [
            {"type": "A", "gold": 2, "predicted": 3, "precision": 0.3333, "recall": 0.5,
             "f1": 0.4},
            {"type": "B", "gold": 2, "predicted": 2, "precision": 0.5, "recall": 0.5, "f1": 0.5},
            {"type": "C", "gold": 0, "predicted": 1, "precision": 0.0, "recall": 0.0, "f1": 0.0},
            {"type": "none", "gold": 2, "predicted": 2, "precision": 0.5, "recall": 0.5,
             "f1": 0.5},
        ],
        "confusions": [
            {"gold": "B", "predicted": "A", "count": 2},
            {"gold": "A", "predicted": "B", "count": 1},
        ],
    }  # fmt: skip
    table = tally.to_table("t", top=2)
    assert table.row_count == 4 + 1 + 2  # the types, a heading, the confusions


def test_single_label_pairs_make_the_same_tally() -> None:
    pairs = {("A", "A"): 2, ("A", "none"): 1, ("B", "A"): 1}
    tally = TypeTally.of_pairs(pairs)
    by_hand = TypeTally()
    for (gold, predicted), count in pairs.items():
        for _ in range(count):
            by_hand.add(gold, [predicted])
    assert tally.scores() == by_hand.scores()
    assert tally.confusions() == [("A", "none", 1), ("B", "A", 1)]
    assert [(r.type, r.gold, r.predicted) for r in tally.scores()] == [
        ("A", 3, 3), ("B", 1, 0), ("none", 0, 1),
    ]  # fmt: skip


@pytest.mark.model
@pytest.mark.slow
def test_plover_per_type_and_confusions_through_the_cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # the learned model is trained on these sentences and codes the first 30 without a confusion
    monkeypatch.setenv("DETENTE_EVENT_CODER", "rule")
    path = shared_path("data", "events", "plover-gsr-dev", "PLOVER_GSR_dev.json")
    run = run_cli(capsys, "eval", "events", "--plover", str(path), "--limit", "30", "--json")
    assert run.code == 0, run.err
    report = json.loads(run.out)
    rows, confusions = report["per_type"], report["confusions"]
    assert report["sentences"] == 30 == sum(row["gold"] for row in rows)
    typed = [row for row in rows if row["type"] != "none"]
    assert sum(row["predicted"] for row in typed) == report["coded"]
    # overall recall is the per-type recall weighted by the gold counts
    found = sum(round(row["recall"] * row["gold"]) for row in rows)
    assert found == round(report["recall"] * report["sentences"])
    assert 0 < len(confusions) <= 10
    assert all(c["gold"] != c["predicted"] for c in confusions)
    counts = [c["count"] for c in confusions]
    assert counts == sorted(counts, reverse=True)
    untyped = next((row["predicted"] for row in rows if row["type"] == "none"), 0)
    misses = sum(c["count"] for c in confusions if c["predicted"] == "none")
    assert misses <= untyped

    table = run_cli(capsys, "eval", "events", "--plover", str(path), "--limit", "30")
    assert table.code == 0 and "confused: gold → predicted" in table.out
