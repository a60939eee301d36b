"""Run the real CLI in-process, as a user would from the shell."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from detente.cli import main


@dataclass
class CliRun:
    code: int
    out: str
    err: str


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> CliRun:
    capsys.readouterr()
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    captured = capsys.readouterr()
    code = exit_info.value.code
    return CliRun(code if isinstance(code, int) else 0, captured.out, captured.err)


def assert_no_crash(run: CliRun) -> None:
    assert "Traceback" not in run.err and "[E001]" not in run.err, run.err


def table_counts(db: Path) -> dict[str, int]:
    """Rows in the documents, sources and errors tables of the store at `db`."""
    with duckdb.connect(str(db), read_only=True) as con:
        return {
            table: con.execute(f"select count(*) from {table}").fetchone()[0]  # type: ignore[index]
            for table in ("documents", "sources", "errors")
        }


@contextmanager
def unblocked_after(fifo: Path, seconds: float) -> Iterator[None]:
    """Opens the writing end of `fifo` after `seconds`: should a reader hang in open(), it is
    let go and the test fails on its assertions instead of hanging."""

    def open_writer() -> None:
        with suppress(OSError):  # ENXIO: no reader waits, as it should be
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))

    timer = threading.Timer(seconds, open_writer)
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
