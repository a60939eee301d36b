"""Opening: a new database gets the schema; wrong, locked, newer or unknown ones are refused."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from store_util import Backend, succeeded

from detente.errors import StoreError
from detente.store import DuckDBStore, open_store
from detente.store.schema import load_migrations
from detente.store.url import redact

HOLD_OPEN = """
import sys
from detente.store import open_store
with open_store(sys.argv[1]):
    print("open", flush=True)
    sys.stdin.readline()
"""


def refusal(db: str | Path, **options: bool) -> str:
    with pytest.raises(StoreError) as caught:
        open_store(db, **options)
    message = str(caught.value)
    assert "\n" not in message
    return message


# -- both backends ---------------------------------------------------------------------------------


def test_a_new_database_gets_every_migration(backend: Backend) -> None:
    with open_store(backend.db) as store:
        assert store.schema_version() == load_migrations()[-1].version == 5
        stats = store.stats()
    assert (stats.documents, stats.sources, stats.errors, stats.words) == (0, 0, 0, 0)
    assert stats.formats == {}
    assert backend.query("SELECT version, name FROM schema_migrations ORDER BY version") == [
        (1, "0001_initial.sql"),
        (2, "0002_records.sql"),
        (3, "0003_event_drivers.sql"),
        (4, "0004_coder.sql"),
        (5, "0005_stories.sql"),
    ]
    assert backend.tables() == {
        "schema_migrations",
        "documents",
        "sources",
        "errors",
        "actors",
        "actor_mentions",
        "quotes",
        "quote_terms",
        "events",
        "story_bands",
    }


def test_reopening_applies_nothing_again(backend: Backend) -> None:
    for _ in range(3):
        with open_store(backend.db) as store:
            assert store.schema_version() == 5
    assert backend.query("SELECT count(*) FROM schema_migrations") == [(5,)]


def test_json_columns_use_the_json_type(backend: Backend) -> None:
    open_store(backend.db).close()
    types = backend.column_types("documents")
    assert types["entities"] == types["authors"] == backend.json_type
    assert types["published"] == "date"


def test_a_newer_schema_is_E702(backend: Backend) -> None:
    with open_store(backend.db) as store:
        store.write([succeeded("kept.txt")])
    backend.execute("INSERT INTO schema_migrations (version, name) VALUES (7, '0007_future.sql')")
    message = refusal(backend.db)
    assert message == (
        f"[E702] database {backend.db} has schema version 7, newer than this detente knows "
        "(5); upgrade detente"
    )
    assert backend.query("SELECT count(*) FROM documents") == [(1,)]


def test_read_only_on_an_older_schema_is_E705(backend: Backend) -> None:
    backend.execute("CREATE TABLE unrelated (x INTEGER)")
    message = refusal(backend.db, read_only=True)
    assert message.startswith(f"[E705] database {backend.db} has schema version 0, older than")
    assert "detente ingest" in message
    assert backend.tables() == {"unrelated"}  # nothing was applied


def test_read_only_reads_and_refuses_writes(backend: Backend) -> None:
    with open_store(backend.db) as store:
        store.write([succeeded("a.txt")])
    with open_store(backend.db, read_only=True) as store:
        assert store.stats().documents == 1
        with pytest.raises(StoreError, match=r"^\[E703\] writing to .*read-only"):
            store.write([succeeded("b.txt", "Another body entirely.")])
        assert store.stats().documents == 1
        assert [document["id"] for document in store.documents()] == [succeeded("a.txt").id]


@pytest.mark.parametrize("url", ["mysql://localhost/detente", "sqlite:///tmp/x.db"])
def test_an_unknown_database_url_is_E708(url: str) -> None:
    message = refusal(url)
    assert message.startswith(f"[E708] {url}: unsupported database URL scheme ")
    assert "postgresql://user@host:port/dbname" in message


# -- DuckDB files ----------------------------------------------------------------------------------


def test_a_file_that_is_not_duckdb_is_E701(tmp_path: Path) -> None:
    db = tmp_path / "notes.duckdb"
    db.write_text("these are my notes, not a database\n" * 20, encoding="utf-8")
    message = refusal(db)
    assert message.startswith(f"[E701] cannot open database {db}: ")
    assert "not a valid DuckDB database" in message
    assert "give a new file name" in message
    assert db.read_text(encoding="utf-8").startswith("these are my notes")  # left untouched


def test_read_only_on_a_missing_file_is_E711(tmp_path: Path) -> None:
    db = tmp_path / "missing.duckdb"
    message = refusal(db, read_only=True)
    assert message.startswith(f"[E711] no database at {db}; run `detente ingest PATH --db {db}`")
    assert not db.exists()


def test_a_missing_folder_is_E701(tmp_path: Path) -> None:
    message = refusal(tmp_path / "no" / "such" / "dir.duckdb")
    assert message.startswith("[E701]")
    assert "its folder must exist" in message


def test_a_database_another_process_writes_is_E712(tmp_path: Path) -> None:
    db = tmp_path / "busy.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_OPEN, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "open\n"
        message = refusal(db, read_only=True)
        assert message.startswith(f"[E712] cannot open database {db}: process {holder.pid} (")
        assert "stop that process and run this again" in message
    finally:
        holder.communicate("done\n", timeout=30)
    assert holder.returncode == 0


def test_closing_releases_the_file(duckdb_backend: Backend) -> None:
    with DuckDBStore(duckdb_backend.db) as store:
        store.write([succeeded("a.txt")])
    # A connection with another configuration is refused while the store is open in-process.
    assert duckdb_backend.query("SELECT count(*) FROM sources") == [(1,)]


# -- PostgreSQL URLs -------------------------------------------------------------------------------


def test_postgres_scheme_is_accepted_too(pg_url: str) -> None:
    with open_store(pg_url.replace("postgresql://", "postgres://", 1)) as store:
        store.write([succeeded("a.txt")])
        assert store.stats().documents == 1


def test_a_server_that_does_not_answer_is_E701() -> None:
    port = free_port()
    url = f"postgresql://detente:s3cret@127.0.0.1:{port}/detente"
    message = refusal(url)
    assert message.startswith(
        f"[E701] cannot open database postgresql://detente:***@127.0.0.1:{port}/"
    )
    assert "Connection refused; is the server running? check the host and port" in message
    assert "s3cret" not in message


def test_a_missing_database_is_E701(pg_server: object, pg_url: str) -> None:
    url = pg_url.partition("?")[0].rpartition("/")[0] + "/no_such_database"
    message = refusal(url)
    assert message.startswith(f"[E701] cannot open database {url}: ")
    assert 'database "no_such_database" does not exist; check the name in the URL' in message
    assert "createdb" in message


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://u:pw@h:5432/db", "postgresql://u:***@h:5432/db"),
        ("postgresql://u:p%40ss:w@h/db", "postgresql://u:***@h/db"),
        (
            "postgres://h/db?password=pw&sslmode=require",
            "postgres://h/db?password=***&sslmode=require",
        ),
        (
            "postgresql://u@h/db?options=-csearch_path%3Dx",
            "postgresql://u@h/db?options=-csearch_path%3Dx",
        ),
    ],
)
def test_messages_never_show_a_password(url: str, shown: str) -> None:
    assert redact(url) == shown


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
