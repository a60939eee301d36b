"""Several processes writing one PostgreSQL database at once lose and duplicate nothing; several
threads reading one store at once (the API's workers) all get their answers."""

from __future__ import annotations

import subprocess
import sys
import types
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from store_util import BODIES, BODY, Backend, succeeded, writer_batches

from detente.store import WriteSummary, open_store
from detente.store.postgres_store import PostgresStore
from detente.store.sql_store import LockKey
from detente.stories import BANDS
from pg_server import PostgresServer

HERE = Path(__file__).resolve().parent
# Each writer opens the store (so both migrate a new database at once) and writes every batch
# of its share of the corpus, started together by a line on stdin.
WRITER = """
import sys
sys.path.insert(0, sys.argv[1])
from store_util import writer_batches
from detente.store import open_store
db, name = sys.argv[2], sys.argv[3]
print("ready", flush=True)
sys.stdin.readline()
with open_store(db) as store:
    for batch in writer_batches(name):
        store.write(batch)
print("done", flush=True)
"""


def test_two_writers_at_once_store_each_source_once_and_each_body_once(
    pg_server: PostgresServer,
) -> None:
    url = pg_server.create_database()  # a new database: both writers migrate it at once too
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(HERE), url, name],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("a", "b")
    ]
    for process in writers:
        assert process.stdout is not None and process.stdout.readline() == "ready\n"
    for process in writers:
        assert process.stdin is not None
        process.stdin.write("go\n")
        process.stdin.flush()
    for process in writers:
        stdout, stderr = process.communicate(timeout=120)
        assert (process.returncode, stdout) == (0, "done\n"), stderr

    expected = {
        result.source.key: result.body_hash
        for name in ("a", "b")
        for batch in writer_batches(name)
        for result in batch
    }
    backend = Backend("postgresql", url)
    linked = backend.query(
        "SELECT s.source_key, d.body_hash FROM sources s JOIN documents d ON d.id = s.document_id"
    )
    assert dict(linked) == expected  # every source once, with its own body
    assert len(linked) == 3 * BODIES
    assert backend.query("SELECT count(*), count(DISTINCT body_hash) FROM documents") == [
        (BODIES, BODIES)  # every body once
    ]
    versions = backend.query("SELECT version FROM schema_migrations ORDER BY version")
    assert versions == [(1,), (2,), (3,), (4,), (5,)]
    # the bodies are near duplicates of each other: the writers took turns on their band keys,
    # each batch saw the stories of those before it, and all joined the first one's story
    ((stories, bands),) = backend.query(
        "SELECT (SELECT count(DISTINCT story) FROM documents), (SELECT count(*) FROM story_bands)"
    )
    assert (stories, bands) == (1, BODIES * BANDS)
    with open_store(url, read_only=True) as store:
        stats = store.stats()
    assert (stats.documents, stats.sources, stats.duplicates) == (BODIES, 3 * BODIES, 2 * BODIES)


def test_a_document_stored_between_reading_and_locking_makes_the_batch_retry(
    pg_url: str,
) -> None:
    """Another writer stores the same body under another id after this write first read the
    database and before it took its locks: the write must notice, retry, and link to it."""
    locked: list[set[LockKey]] = []
    with PostgresStore(pg_url) as store, PostgresStore(pg_url) as other:
        lock = store._lock

        def lock_after_another_write(self: PostgresStore, keys: set[LockKey]) -> None:
            if not locked:
                other.write([succeeded("other.json", BODY.upper(), given_id="other-1")])
            locked.append(set(keys))
            lock(keys)

        store._lock = types.MethodType(lock_after_another_write, store)  # type: ignore[method-assign]
        summary = store.write([succeeded("mine.txt")])
        stats = store.stats()
    assert summary == WriteSummary(linked=1)
    assert len(locked) == 2
    assert ("document", "other-1") in locked[1] - locked[0]
    assert (stats.documents, stats.sources) == (1, 2)
    assert Backend("postgresql", pg_url).query("SELECT document_id FROM sources") == [
        ("other-1",),
        ("other-1",),
    ]


def test_stats_from_many_threads_at_once(backend: Backend) -> None:
    # the API answers /api/stats on its worker threads, several at a time
    with backend.open() as store:
        store.write(writer_batches("a")[0])
    with backend.open(read_only=True) as store, ThreadPoolExecutor(8) as pool:
        figures = list(pool.map(lambda _: store.stats("coder 1"), range(64)))
    assert {(f.documents, f.behind) for f in figures} == {
        (figures[0].documents, figures[0].documents)
    }
    assert figures[0].documents > 0
