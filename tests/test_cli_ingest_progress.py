"""The ingest progress bar: a total and an ETA when the inputs can be counted, "first batch…"
rather than "0 documents" until one comes back, the summary's documents/s; and the summary ends
with the commands to type next."""

from __future__ import annotations

import io
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from rich.console import Console
from rich.progress import Progress, Task

import detente.cli.commands as commands
from cli_util import run_cli
from detente.store import StoreStats
from shared_data import EXAMPLES


class Clock:
    """time.perf_counter for the columns, moved by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def perf_counter(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(commands, "time", SimpleNamespace(perf_counter=fake.perf_counter))
    return fake


def task_of(progress: Progress, **fields: object) -> Task:
    progress.add_task("ingest", **fields)  # type: ignore[arg-type]
    return progress.tasks[-1]


def shown(column: object, task: Task) -> str:
    return str(column.render(task))  # type: ignore[attr-defined]


def test_cli_ingest_progress_rate_is_the_summary_rate(clock: Clock) -> None:
    progress = Progress()
    task = task_of(progress, total=None, started=clock.now, processed=0)
    assert shown(commands.RateColumn(), task) == "… docs/s"
    assert shown(commands.CountColumn(), task) == "first batch…"
    clock.now += 40.0
    tally = commands.RunTally(stored=40, failed=8, skipped=100)
    progress.update(task.id, completed=tally.done, processed=tally.processed)
    assert shown(commands.RateColumn(), task) == "1.2 docs/s"
    assert shown(commands.CountColumn(), task) == "148 documents"
    summary = commands._summary_table(tally, StoreStats(0, 0, 0, 0, 0, 0, 4), "x", 40.0)
    assert summary.caption == "40.0 s, 1.2 documents/s"


def test_cli_ingest_progress_eta_leaves_the_start_out(clock: Clock) -> None:
    progress = Progress()
    task = task_of(progress, total=100, started=clock.now, processed=0)
    remaining = commands.RemainingColumn()
    assert shown(remaining, task) == ""
    clock.now += 45.0  # the model loads, the first batch runs
    progress.update(task.id, completed=20)
    assert shown(remaining, task) == "ETA …"
    clock.now += 10.0  # 20 more documents in 10 s: 60 left take 30 s
    progress.update(task.id, completed=40)
    assert shown(commands.CountColumn(), task) == "40/100 documents"
    assert shown(remaining, task) == "ETA 0:00:30"
    assert shown(commands.ElapsedColumn(), task) == "0:00:55"
    assert shown(commands.RemainingColumn(), task_of(progress, total=None, started=0)) == ""


@pytest.mark.model
def test_cli_ingest_progress_counts_the_inputs_and_the_summary_says_what_next(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    screen = io.StringIO()
    terminal = Console(file=screen, force_terminal=True, width=160, color_system=None)
    monkeypatch.setattr(commands, "err_console", terminal)
    db = tmp_path / "p.duckdb"
    run = run_cli(capsys, "ingest", str(EXAMPLES), "--db", str(db))
    assert run.code == 0, run.err
    frames = screen.getvalue()
    assert "first batch…" in frames and "0 documents" not in frames
    bar = re.findall(r"5/5 documents ([\d.]+) docs/s", frames)
    summary = re.search(r"[\d.]+ s, ([\d.]+) documents/s", run.out)
    assert bar and summary is not None
    # the bar's last frame is drawn a moment before the summary's clock stops
    assert abs(float(bar[-1]) - float(summary.group(1))) <= 0.15
    assert run.out.rstrip().endswith(
        "\n".join(
            [
                "next:",
                f"  detente serve --db {db}                                 "
                "# the dashboard and REST API on http://127.0.0.1:8000/",
                f"  detente query dyads --db {db}                           "
                "# the actor pairs with the most events",
                f"  detente query quotes --text WORDS --db {db}             # who said what",
                f"  detente export --format csv --out events.csv --db {db}  "
                "# the events, a row each",
            ]
        )
    )


def test_cli_ingest_next_steps_leave_out_the_default_database() -> None:
    assert commands._next_steps("detente.duckdb").splitlines()[1:3] == [
        "  detente serve                                 "
        "# the dashboard and REST API on http://127.0.0.1:8000/",
        "  detente query dyads                           # the actor pairs with the most events",
    ]
    assert "--db 'my corpus.duckdb'" in commands._next_steps("my corpus.duckdb")
