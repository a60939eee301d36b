"""Opening: a new file gets the schema; wrong, locked, newer or remote databases are refused."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from store_util import query, succeeded

from detente.errors import StoreError
from detente.store import DuckDBStore, open_store
from detente.store.schema import load_migrations

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


def test_a_new_file_gets_every_migration(tmp_path: Path) -> None:
    db = tmp_path / "new.duckdb"
    with open_store(db) as store:
        assert store.schema_version() == load_migrations()[-1].version == 1
        stats = store.stats()
    assert (stats.documents, stats.sources, stats.errors, stats.words) == (0, 0, 0, 0)
    assert stats.formats == {}
    assert query(db, "SELECT version, name FROM schema_migrations") == [(1, "0001_initial.sql")]
    tables = {name for (name,) in query(db, "SELECT table_name FROM duckdb_tables()")}
    assert tables == {"schema_migrations", "documents", "sources", "errors"}


def test_reopening_applies_nothing_again(tmp_path: Path) -> None:
    db = tmp_path / "again.duckdb"
    for _ in range(3):
        with open_store(db) as store:
            assert store.schema_version() == 1
    assert query(db, "SELECT count(*) FROM schema_migrations") == [(1,)]


def test_json_columns_use_the_json_type(tmp_path: Path) -> None:
    db = tmp_path / "types.duckdb"
    open_store(db).close()
    columns = "SELECT column_name, data_type FROM duckdb_columns() WHERE table_name = 'documents'"
    types = dict(query(db, columns))
    assert types["entities"] == types["authors"] == "JSON"
    assert types["published"] == "DATE"


def test_a_file_that_is_not_duckdb_is_E701(tmp_path: Path) -> None:
    db = tmp_path / "notes.duckdb"
    db.write_text("these are my notes, not a database\n" * 20, encoding="utf-8")
    message = refusal(db)
    assert message.startswith(f"[E701] cannot open database {db}: ")
    assert "not a valid DuckDB database" in message
    assert "give a new file name" in message
    assert db.read_text(encoding="utf-8").startswith("these are my notes")  # left untouched


def test_read_only_on_a_missing_file_is_E701(tmp_path: Path) -> None:
    db = tmp_path / "missing.duckdb"
    message = refusal(db, read_only=True)
    assert message.startswith("[E701]")
    assert "detente ingest" in message
    assert not db.exists()


def test_a_missing_folder_is_E701(tmp_path: Path) -> None:
    message = refusal(tmp_path / "no" / "such" / "dir.duckdb")
    assert message.startswith("[E701]")
    assert "its folder must exist" in message


def test_a_database_another_process_writes_is_E701(tmp_path: Path) -> None:
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
        assert message.startswith("[E701]")
        assert "another process has it open" in message
    finally:
        holder.communicate("done\n", timeout=30)
    assert holder.returncode == 0


def test_a_newer_schema_is_E702(tmp_path: Path) -> None:
    db = tmp_path / "future.duckdb"
    with open_store(db) as store:
        store.write([succeeded("kept.txt")])
    with duckdb.connect(str(db)) as con:
        con.execute("INSERT INTO schema_migrations (version, name) VALUES (7, '0007_future.sql')")
    message = refusal(db)
    assert message == (
        f"[E702] database {db} has schema version 7, newer than this detente knows (1); "
        "upgrade detente"
    )
    assert query(db, "SELECT count(*) FROM documents") == [(1,)]


@pytest.mark.parametrize("url", ["postgresql://localhost/detente", "postgres://u@h:5432/db"])
def test_a_database_url_is_E704(url: str) -> None:
    message = refusal(url)
    assert message.startswith(f"[E704] {url}: only DuckDB database files are supported")


def test_read_only_on_an_older_schema_is_E705(tmp_path: Path) -> None:
    db = tmp_path / "plain.duckdb"
    with duckdb.connect(str(db)) as con:
        con.execute("CREATE TABLE unrelated (x INTEGER)")
    message = refusal(db, read_only=True)
    assert message.startswith(f"[E705] database {db} has schema version 0, older than")
    assert "detente ingest" in message
    assert query(db, "SELECT count(*) FROM duckdb_tables()") == [(1,)]  # nothing was applied


def test_read_only_reads_and_refuses_writes(tmp_path: Path) -> None:
    db = tmp_path / "ro.duckdb"
    with open_store(db) as store:
        store.write([succeeded("a.txt")])
    with open_store(db, read_only=True) as store:
        assert store.stats().documents == 1
        with pytest.raises(StoreError, match=r"^\[E703\] writing to .*read-only"):
            store.write([succeeded("b.txt", "Another body entirely.")])
        assert store.stats().documents == 1


def test_closing_releases_the_file(tmp_path: Path) -> None:
    db = tmp_path / "closed.duckdb"
    with DuckDBStore(db) as store:
        store.write([succeeded("a.txt")])
    # A connection with another configuration is refused while the store is open in-process.
    assert query(db, "SELECT count(*) FROM sources") == [(1,)]
