"""Quality gate: on zyte-dev, detente's body extraction beats trafilatura's best mode on F1 and
leaks less debris."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.clean.evaluate import CleanEvalReport, evaluate_zyte
from detente.errors import EvalError

TRAFILATURA = ("trafilatura (default)", "trafilatura (favor_precision)")


@pytest.fixture(scope="module")
def report(zyte_dir: Path) -> CleanEvalReport:
    return evaluate_zyte(zyte_dir)


@pytest.mark.slow
def test_clean_eval_zyte_numbers_in_range(report: CleanEvalReport) -> None:
    assert [row.system for row in report.rows] == ["detente", *TRAFILATURA]
    for row in report.rows:
        assert row.pages == 61
        for value in (row.precision, row.recall, row.f1, row.leak_rate):
            assert 0.0 <= value <= 1.0
        assert row.f1 > 0.9
        assert row.leaky_pages == round(row.leak_rate * row.pages)


@pytest.mark.slow
def test_clean_eval_zyte_detente_beats_trafilatura(report: CleanEvalReport) -> None:
    detente = report.row("detente")
    best = max((report.row(name) for name in TRAFILATURA), key=lambda row: row.f1)
    assert detente.f1 >= best.f1
    assert all(detente.leak_rate <= report.row(name).leak_rate for name in TRAFILATURA)
    assert detente.leak_rate < best.leak_rate


@pytest.mark.slow
def test_clean_eval_zyte_report_shapes(report: CleanEvalReport) -> None:
    data = report.to_dict()
    assert data["corpus"] == "zyte-dev"
    assert [row["system"] for row in data["systems"]] == ["detente", *TRAFILATURA]
    assert set(data["systems"][0]) >= {"precision", "recall", "f1", "leak_rate", "pages"}
    table = report.to_table()
    assert table.row_count == 3
    assert [column.header for column in table.columns][:5] == [
        "system",
        "pages",
        "precision",
        "recall",
        "F1",
    ]


def test_clean_eval_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(EvalError, match=r"^\[E601\] .*no ground-truth.json"):
        evaluate_zyte(tmp_path)


def test_clean_eval_missing_page_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "ground-truth.json").write_text('{"abc": {"articleBody": "x"}}', encoding="utf-8")
    with pytest.raises(EvalError, match=r"^\[E601\] .*abc.html.gz: cannot read the page"):
        evaluate_zyte(tmp_path)


def test_clean_eval_malformed_truth_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "ground-truth.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(EvalError, match=r"^\[E601\] .*unreadable ground truth"):
        evaluate_zyte(tmp_path)
