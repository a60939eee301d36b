"""Each write() is one transaction: a failure, Ctrl-C or kill -9 leaves no partial batch."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any, cast

import pytest
from store_util import Backend, batch_of, failed, succeeded

import detente.store.sql_store
from detente.errors import StoreError
from detente.records import Source
from detente.store import open_store

HERE = Path(__file__).resolve().parent
BATCHES = 50
BATCH_SIZE = 25
BATCH_KEY = re.compile(r"batch(\d+)")
WRITER = """
import sys
sys.path.insert(0, sys.argv[1])
from store_util import batch_of
from detente.store import open_store
db, batches, size = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
with open_store(db) as store:
    for number in range(batches):
        batch = batch_of(number, size)
        todo = [r for r in batch if not store.is_done(r.source.key, r.content_hash)]
        if todo:
            store.write(todo)
        print(number, len(todo), flush=True)
"""


def writer(db: str | Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, str(HERE), str(db), str(BATCHES), str(BATCH_SIZE)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def kill_after(process: subprocess.Popen[str], lines: int) -> None:
    """SIGKILL the writer once it has committed `lines` batches, while it writes the next ones."""
    assert process.stdout is not None
    for _ in range(lines):
        if not process.stdout.readline():
            _, stderr = process.communicate(timeout=30)
            pytest.fail(f"the writer stopped early: {stderr}")
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL


def assert_consistent(backend: Backend) -> int:
    """The invariants a crash must not break; returns how many whole batches are stored."""
    orphan_links = backend.query(
        "SELECT count(*) FROM sources s "
        "WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = s.document_id)"
    )
    unsourced = backend.query(
        "SELECT count(*) FROM documents d "
        "WHERE NOT EXISTS (SELECT 1 FROM sources s WHERE s.source_key = d.source_key)"
    )
    assert orphan_links == unsourced == [(0,)]
    keys = [key for (key,) in backend.query("SELECT source_key FROM sources")]
    per_batch = Counter(BATCH_KEY.search(key).group(1) for key in keys)  # type: ignore[union-attr]
    assert all(count == BATCH_SIZE for count in per_batch.values()), per_batch
    counts = backend.table_counts()
    assert counts["documents"] == counts["sources"] == BATCH_SIZE * len(per_batch)
    return len(per_batch)


def test_kill_9_leaves_whole_batches_and_a_rerun_finishes_once(backend: Backend) -> None:
    stored = 0
    for lines in (3, 6):
        kill_after(writer(backend.db), lines)
        now_stored = assert_consistent(backend)
        assert now_stored >= max(stored, lines)
        stored = now_stored
    assert stored < BATCHES, "the writer finished before the kill; make the run longer"

    rerun = writer(backend.db)
    stdout, stderr = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, stderr
    written = [int(line.split()[1]) for line in stdout.splitlines()]
    assert len(written) == BATCHES
    assert written == [0] * stored + [BATCH_SIZE] * (BATCHES - stored)  # each document once
    assert assert_consistent(backend) == BATCHES


def test_a_failing_statement_rolls_the_whole_batch_back(backend: Backend) -> None:
    # A source with no format breaks the `sources` insert, after the documents went in.
    broken = succeeded("broken.txt", "A body that would be stored first.")
    broken.source = Source(path="broken.txt", format=cast(Any, None))
    with open_store(backend.db) as store:
        store.write([succeeded("kept.txt")])
        with pytest.raises(StoreError) as caught:
            store.write([succeeded("new.txt", "Another body."), broken, failed("f.html", "x")])
        assert store.stats().documents == 1
        store.write([succeeded("after.txt", "The store still works.")])  # connection usable
    message = str(caught.value)
    assert message.startswith(f"[E703] writing to {backend.db} failed: ")
    assert "format" in message and "\n" not in message
    assert backend.table_counts() == {"documents": 2, "sources": 2, "errors": 0}


def test_ctrl_c_mid_batch_rolls_back_and_goes_through(
    backend: Backend, monkeypatch: pytest.MonkeyPatch
) -> None:

    def interrupted(result: object) -> tuple[object, ...]:
        raise KeyboardInterrupt

    with open_store(backend.db) as store:
        # Error rows are built after the batch's documents and sources are written.
        monkeypatch.setattr(detente.store.sql_store, "error_row", interrupted)
        with pytest.raises(KeyboardInterrupt):
            store.write([succeeded("a.txt"), failed("b.html", "[E201] nothing")])
        monkeypatch.undo()
        assert store.stats().documents == 0
        store.write([succeeded("a.txt")])
    assert backend.table_counts() == {"documents": 1, "sources": 1, "errors": 0}


def test_a_thousand_documents_in_batches_are_all_written(backend: Backend) -> None:
    # how fast is measured, not asserted: benchmarks/scale.py
    batches = [batch_of(number, 64) for number in range(16)]
    with open_store(backend.db) as store:
        for batch in batches:
            store.write(batch)
        assert store.stats().documents == 16 * 64
