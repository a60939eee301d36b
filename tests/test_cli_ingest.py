"""`detente ingest` and `detente stats`: the store through the CLI, reruns, kills and interrupts."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cli_util import run_cli, table_counts
from detente.cli import EXIT_INTERRUPTED

pytestmark = pytest.mark.model

REPO = Path(__file__).resolve().parents[1]


def test_cli_ingest_examples_then_rerun_is_idempotent(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "t.duckdb"
    first = run_cli(capsys, "ingest", str(REPO / "examples"), "--db", str(db))
    assert first.code == 0, first.err
    for label in ("documents", "words", "boilerplate removed", "errors"):
        assert label in first.out
    counts = table_counts(db)
    assert counts == {"documents": 5, "sources": 5, "errors": 0}

    again = run_cli(capsys, "ingest", str(REPO / "examples"), "--db", str(db))
    assert again.code == 0
    assert table_counts(db) == counts
    assert "already stored, skipped" in again.out

    stats = run_cli(capsys, "stats", "--db", str(db))
    assert stats.code == 0
    assert "documents" in stats.out and "schema version" in stats.out
    # the five examples are five stories
    assert re.search(r"stories\s*│\s*5\b", stats.out), stats.out


def test_cli_ingest_stores_identical_bodies_once_and_links_them(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, example_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(example_path, corpus / "copy1.txt")
    shutil.copy(example_path, corpus / "copy2.txt")
    db = tmp_path / "t.duckdb"
    run = run_cli(capsys, "ingest", str(corpus), "--db", str(db))
    assert run.code == 0, run.err
    assert table_counts(db) == {"documents": 1, "sources": 2, "errors": 0}


def test_cli_ingest_records_bad_documents_and_exits_with_their_count(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "ok.txt").write_text("The two governments signed a trade agreement in Oslo. " * 4)
    (corpus / "empty.txt").write_text("")
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02" * 1000)
    db = tmp_path / "t.duckdb"
    run = run_cli(capsys, "ingest", str(corpus), "--db", str(db))
    assert run.code == 2
    assert "[E102]" in run.err and "[E103]" in run.err and "Traceback" not in run.err
    assert table_counts(db) == {"documents": 1, "sources": 1, "errors": 2}


def make_corpus(folder: Path, count: int) -> None:
    folder.mkdir()
    for i in range(count):
        (folder / f"doc{i:04d}.txt").write_text(
            f"Report number {i}. The ministers of country {i} met their counterparts in Geneva "
            f"on Monday and agreed to resume talks on trade and security, officials said. " * 6
        )


def start_ingest(corpus: Path, db: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DETENTE_BATCH_SIZE": "8"}
    return subprocess.Popen(
        [sys.executable, "-m", "detente", "ingest", str(corpus), "--db", str(db)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def wait_for_commits(db: Path, proc: subprocess.Popen[bytes], timeout: float = 90) -> None:
    """Until the write-ahead log has grown twice: the schema, then at least one batch."""
    wal = Path(str(db) + ".wal")
    sizes: set[int] = set()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and proc.poll() is None:
        if wal.exists():
            sizes.add(wal.stat().st_size)
            if len(sizes - {0}) >= 3:
                return
        time.sleep(0.02)


@pytest.mark.slow
@pytest.mark.parametrize("how", ["kill -9", "ctrl-c"])
def test_cli_ingest_survives_kill_and_interrupt_and_a_rerun_finishes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, how: str
) -> None:
    corpus, db = tmp_path / "corpus", tmp_path / "t.duckdb"
    make_corpus(corpus, 200)
    proc = start_ingest(corpus, db)
    wait_for_commits(db, proc)
    interrupted = proc.poll() is None
    proc.send_signal(signal.SIGKILL if how == "kill -9" else signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    if interrupted and how == "ctrl-c":
        assert proc.returncode == EXIT_INTERRUPTED, err.decode()
        assert b"run the same command again" in err and b"Traceback" not in err
    partial = table_counts(db)
    assert partial["documents"] == partial["sources"] <= 200
    assert partial["errors"] == 0

    rerun = run_cli(capsys, "ingest", str(corpus), "--db", str(db))
    assert rerun.code == 0, rerun.err
    assert table_counts(db) == {"documents": 200, "sources": 200, "errors": 0}
