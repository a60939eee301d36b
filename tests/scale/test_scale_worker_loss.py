"""A worker process that dies (OOM killer, `kill -9`) loses no document and stops no run: the
batches it took run again, and only a document that kills its worker every time fails (E803).

The deaths are real SIGKILLs of real pool processes: either a worker task of this module that
kills its own process when its batch holds the poison document (swapped in for
`process_batch`, the function the runners send to their workers), or the test killing a worker
of a running `detente ingest` from outside.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import duckdb
import psutil
import pytest

from detente.records import RawDocument, Result, Source
from detente.scale import DaskRunner, PipelineOptions, ProcessPoolRunner, batched, runners
from detente.scale.runners import process_batch
from detente.settings import Settings

pytestmark = [pytest.mark.model, pytest.mark.slow]

POISON = "POISON"


def kill_own_process_on_poison(batch: list, options: PipelineOptions) -> list[Result]:
    """Runs in a worker process: dies there, by SIGKILL, when the batch holds the poison."""
    if any(isinstance(item, RawDocument) and POISON in item.content for item in batch):
        os.kill(os.getpid(), signal.SIGKILL)
    return process_batch(batch, options)


def documents(count: int, poison_at: int) -> list[RawDocument]:
    docs = []
    for i in range(count):
        text = f"Dispatch {i}. The foreign minister met envoys in Vienna and talks resumed."
        if i == poison_at:
            text = f"{POISON} {text}"
        docs.append(RawDocument(Source(f"doc{i:02d}.txt", "text"), text, "text"))
    return docs


def by_source(batches: Iterator[list[Result]]) -> list[Result]:
    return [result for batch in batches for result in batch]


@pytest.fixture
def poisoned_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(runners, "process_batch", kill_own_process_on_poison)


@pytest.mark.timeout(240)
@pytest.mark.usefixtures("poisoned_workers")
def test_scale_pool_a_document_that_kills_its_worker_fails_alone_and_the_run_goes_on() -> None:
    docs = documents(10, poison_at=4)
    runner = ProcessPoolRunner(PipelineOptions(Settings(batch_size=3)), 2, ordered=True)
    try:
        results = by_source(runner.run(batched(docs, 3)))
    finally:
        runner.close()
    assert [r.source.key for r in results] == [d.source.key for d in docs]  # once each, in order
    failed = [r for r in results if not r.ok]
    assert [r.source.key for r in failed] == ["doc04.txt"]
    [error] = failed[0].errors
    assert error.stage == "worker"
    assert error.message.startswith("[E803] doc04.txt: the worker process running this document")
    assert "killed by SIGKILL" in error.message
    assert failed[0].content_hash is None  # not marked done: a rerun tries it again


@pytest.mark.timeout(300)
@pytest.mark.usefixtures("poisoned_workers")
def test_scale_dask_a_document_that_kills_its_worker_fails_alone_and_the_run_goes_on() -> None:
    pytest.importorskip("distributed")  # its settings first: the one below overrides them
    import dask

    docs = documents(8, poison_at=5)
    # each task is tried twice, not four times, before the scheduler gives up on it (KilledWorker)
    with dask.config.set({"distributed.scheduler.allowed-failures": 1}):
        runner = DaskRunner(PipelineOptions(Settings(batch_size=3)), workers=2)
    try:
        results = by_source(runner.run(batched(docs, 3)))
    finally:
        runner.close()
    assert sorted(r.source.key for r in results) == [d.source.key for d in docs]
    failed = [r for r in results if not r.ok]
    assert [r.source.key for r in failed] == ["doc05.txt"]
    assert failed[0].errors[0].message.startswith("[E803] doc05.txt:")
    assert "KilledWorker" in failed[0].errors[0].message


def pool_workers(parent: int) -> list[psutil.Process]:
    """The pool's worker processes (not multiprocessing's resource tracker)."""
    try:
        children = psutil.Process(parent).children()
        return [c for c in children if "spawn_main" in " ".join(c.cmdline())]
    except psutil.Error:
        return []


def busy_worker(parent: int, deadline: float) -> psutil.Process | None:
    """A worker running a batch (its CPU time growing)."""
    while time.monotonic() < deadline:
        for worker in pool_workers(parent):
            try:
                before = worker.cpu_times().user
                time.sleep(0.3)
                if worker.cpu_times().user - before > 0.1:
                    return worker
            except psutil.Error:
                continue
        time.sleep(0.2)
    return None


@pytest.mark.timeout(300)
def test_scale_cli_ingest_goes_on_when_a_pool_worker_is_killed(tmp_path: Path) -> None:
    corpus, db = tmp_path / "corpus", tmp_path / "t.duckdb"
    corpus.mkdir()
    for i in range(120):
        (corpus / f"doc{i:04d}.txt").write_text(
            f"Report {i}. The ministers of country {i} met in Geneva on Monday and agreed to "
            "resume talks on trade, officials said. " * 6
        )
    proc = subprocess.Popen(
        [sys.executable, "-m", "detente", "ingest", str(corpus), "--db", str(db)],
        env={**os.environ, "DETENTE_BATCH_SIZE": "4"},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        victim = busy_worker(proc.pid, time.monotonic() + 120)
        assert victim is not None and proc.poll() is None, "no worker to kill"
        victim.send_signal(signal.SIGKILL)
        _, err = proc.communicate(timeout=240)
    finally:
        proc.kill()
    assert proc.returncode == 0, err.decode()
    assert b"Traceback" not in err and b"BrokenProcessPool" not in err
    with duckdb.connect(str(db), read_only=True) as con:
        counts = [
            con.execute(f"select count(*) from {table}").fetchone()[0]  # type: ignore[index]
            for table in ("documents", "sources", "errors")
        ]
    assert counts == [120, 120, 0]  # the killed worker's batches ran again, each stored once
