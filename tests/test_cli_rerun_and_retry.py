"""Reruns and retries through the real CLI: stored failures are counted, reported and retried
on demand; an id two files share keeps both documents."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from cli_util import run_cli, table_counts

pytestmark = pytest.mark.model

ARTICLE = (
    "The foreign ministers of Norway and Finland met in Oslo on Monday and agreed to expand "
    "border cooperation, officials said. "
)


def make_corpus(folder: Path) -> Path:
    """Two good documents and one over a body limit of 2,000 characters."""
    folder.mkdir()
    (folder / "short1.txt").write_text(ARTICLE * 3, encoding="utf-8")
    (folder / "short2.txt").write_text(ARTICLE.replace("Oslo", "Helsinki") * 3, encoding="utf-8")
    (folder / "long.txt").write_text(ARTICLE.replace("Monday", "Friday") * 30, encoding="utf-8")
    return folder


def test_a_rerun_reports_the_failures_it_skips_and_keeps_the_exit_code(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, db = make_corpus(tmp_path / "corpus"), tmp_path / "t.duckdb"
    monkeypatch.setenv("DETENTE_MAX_DOCUMENT_CHARS", "2000")
    first = run_cli(capsys, "ingest", str(corpus), "--db", str(db))
    assert first.code == 1 and "[E203]" in first.err
    again = run_cli(capsys, "ingest", str(corpus), "--db", str(db))
    assert again.code == 1, again.err
    assert "failed before, skipped" in again.out
    assert "1 documents failed in an earlier run" in again.err
    assert "--retry-failed" in again.err
    assert table_counts(db) == {"documents": 2, "sources": 2, "errors": 1}


@pytest.mark.parametrize("with_paths", [True, False], ids=["paths", "stored-paths"])
def test_retry_failed_redoes_stored_failures_only(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    with_paths: bool,
) -> None:
    corpus, db = make_corpus(tmp_path / "corpus"), tmp_path / "t.duckdb"
    monkeypatch.setenv("DETENTE_MAX_DOCUMENT_CHARS", "2000")
    assert run_cli(capsys, "ingest", str(corpus), "--db", str(db)).code == 1
    monkeypatch.delenv("DETENTE_MAX_DOCUMENT_CHARS")  # the limit is raised: retry
    paths = [str(corpus)] if with_paths else []
    retry = run_cli(capsys, "ingest", *paths, "--retry-failed", "--db", str(db))
    assert retry.code == 0, retry.err
    assert table_counts(db) == {"documents": 3, "sources": 3, "errors": 0}
    if with_paths:  # the stored documents were skipped, not redone
        assert "already stored, skipped" in retry.out
        row = next(line for line in retry.out.splitlines() if "already stored" in line)
        assert [cell.strip() for cell in row.split("│") if cell.strip()][1] == "2"


def test_retry_failed_without_paths_names_failures_it_cannot_reach(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, db = make_corpus(tmp_path / "corpus"), tmp_path / "t.duckdb"
    monkeypatch.setenv("DETENTE_MAX_DOCUMENT_CHARS", "2000")
    run_cli(capsys, "ingest", str(corpus), "--db", str(db))
    (corpus / "long.txt").unlink()
    retry = run_cli(capsys, "ingest", "--retry-failed", "--db", str(db))
    assert retry.code == 0, retry.err
    assert "1 stored failures cannot be retried from here" in retry.err
    assert str(corpus / "long.txt") in retry.err


def test_ingest_needs_a_path_unless_retrying(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    run = run_cli(capsys, "ingest", "--db", str(tmp_path / "t.duckdb"))
    assert run.code == 102
    assert "give at least one PATH" in run.err


def test_the_same_jsonl_id_in_two_files_stores_both_documents(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    corpus, db = tmp_path / "wire", tmp_path / "t.duckdb"
    corpus.mkdir()
    monday = {"id": "1", "text": ARTICLE * 2, "title": "Monday"}
    tuesday = {"id": "1", "text": ARTICLE.replace("Oslo", "Tallinn") * 2, "title": "Tuesday"}
    (corpus / "monday.jsonl").write_text(json.dumps(monday) + "\n", encoding="utf-8")
    (corpus / "tuesday.jsonl").write_text(json.dumps(tuesday) + "\n", encoding="utf-8")
    first = run_cli(capsys, "ingest", str(corpus), "--db", str(db))
    assert first.code == 0, first.err
    assert "another file's document already has this id" in first.err
    with duckdb.connect(str(db), read_only=True) as con:
        titles = dict(con.execute("select id, title from documents order by id").fetchall())
    assert titles["1"] == "Monday"
    (renamed,) = set(titles) - {"1"}
    assert renamed.startswith("1~") and titles[renamed] == "Tuesday"
    rerun = run_cli(capsys, "ingest", str(corpus), "--db", str(db))
    assert rerun.code == 0
    assert table_counts(db) == {"documents": 2, "sources": 2, "errors": 0}
