from __future__ import annotations

from pathlib import Path

import pytest

from detente.errors import EvalError
from detente.quotes.evaluate import evaluate_polnear, read_ann
from shared_data import shared_path


def test_brat_annotations_are_read_with_discontinuous_spans(tmp_path: Path) -> None:
    ann = tmp_path / "story.ann"
    ann.write_text(
        "T1\tSource 0 4\tMary\n"
        "T2\tCue 5 9\tsaid\n"
        "T3\tContent 10 20;25 30\tpart one\npart two\n"
        "T4\tAttribution 5 9\tsaid\n"
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
        "E2\tAttribution:T4\n",
        encoding="utf-8",
    )
    [attribution] = read_ann(ann)
    assert attribution.source == ((0, 4),)
    assert attribution.cue == ((5, 9),)
    assert attribution.content == ((10, 20), (25, 30))


def test_bad_brat_line_is_reported_with_its_number(tmp_path: Path) -> None:
    ann = tmp_path / "bad.ann"
    ann.write_text("T1\tSource zero four\tMary\n", encoding="utf-8")
    with pytest.raises(EvalError, match=r"^\[E603\] .*bad\.ann:1: malformed brat annotation"):
        read_ann(ann)


def test_folder_without_polnear_layout_is_refused(tmp_path: Path) -> None:
    with pytest.raises(EvalError, match=r"^\[E602\] "):
        evaluate_polnear(tmp_path, limit=1)


@pytest.mark.model
@pytest.mark.slow
def test_polnear_figures_on_forty_articles() -> None:
    report = evaluate_polnear(shared_path("data", "quotes", "polnear-train"), limit=40)
    figures = report.to_dict()
    assert report.articles == 40
    assert 300 <= report.gold <= 400
    assert figures["source"]["f1"] >= 0.75
    assert figures["content_overlap"]["f1"] >= 0.75
    assert figures["cue"]["precision"] >= 0.85
    assert 0 < figures["content_exact"]["f1"] < figures["content_overlap"]["f1"]
    assert sum(figures["errors"].values()) > 0
    assert report.to_table().row_count == 5 + len(report.errors) + 1
    assert figures["source"]["f1"] >= figures["source_strict"]["f1"]
