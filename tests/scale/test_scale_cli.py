"""`--workers` and `--scheduler` through the real CLI."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import duckdb
import pytest

from cli_util import run_cli
from detente.cli import EXIT_FATAL

pytestmark = [pytest.mark.model, pytest.mark.slow]


def write_corpus(folder: Path, count: int) -> None:
    folder.mkdir()
    for i in range(count):
        (folder / f"n{i:03d}.txt").write_text(
            f"Bulletin {i}: delegations from {i} states gathered in Geneva for talks on trade.",
            encoding="utf-8",
        )


def test_scale_cli_ingest_on_a_two_worker_dask_cluster_stores_each_document_once(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DETENTE_BATCH_SIZE", "5")
    write_corpus(tmp_path / "corpus", 40)
    db = tmp_path / "d.duckdb"
    run = run_cli(capsys, "ingest", str(tmp_path / "corpus"), "--db", str(db), "--workers", "2")
    assert run.code == 0, run.err
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute("select count(*), count(distinct id) from documents").fetchone()
        sources = con.execute("select count(*) from sources").fetchone()
    assert rows == (40, 40) and sources == (40,)
    again = run_cli(capsys, "ingest", str(tmp_path / "corpus"), "--db", str(db), "--workers", "2")
    assert again.code == 0


def test_scale_cli_extract_keeps_input_order_with_workers(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DETENTE_BATCH_SIZE", "3")
    write_corpus(tmp_path / "corpus", 12)
    run = run_cli(
        capsys, "extract", "--format", "jsonl", "--workers", "2", str(tmp_path / "corpus")
    )
    paths = [json.loads(line)["source"]["path"] for line in run.out.splitlines()]
    assert paths == sorted(paths) and len(paths) == 12


def test_scale_cli_unreachable_scheduler_is_a_clear_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    with socket.socket() as sock:  # a free loopback port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    write_corpus(tmp_path / "corpus", 2)
    run = run_cli(
        capsys, "extract", str(tmp_path / "corpus"), "--scheduler", f"tcp://127.0.0.1:{port}"
    )
    assert run.code == EXIT_FATAL
    assert "[E802] cannot reach the Dask scheduler" in run.err and "Traceback" not in run.err
