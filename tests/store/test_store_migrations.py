"""Schema migrations: numbered files, each applied once in its own transaction, data kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_util import failed, query, succeeded

from detente.errors import StoreError
from detente.store import DuckDBStore
from detente.store.schema import PACKAGED_MIGRATIONS, load_migrations

ACTORS_MIGRATION = """
CREATE TABLE actors (
    document_id VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    code VARCHAR
);
CREATE INDEX actors_document_id ON actors (document_id);
ALTER TABLE documents ADD COLUMN actor_count INTEGER DEFAULT 0;
"""


def migrations_dir(folder: Path, **extra: str) -> Path:
    """A folder with the packaged 0001 plus `extra` files (name → SQL)."""
    folder.mkdir()
    initial = PACKAGED_MIGRATIONS.joinpath("0001_initial.sql").read_text(encoding="utf-8")
    (folder / "0001_initial.sql").write_text(initial, encoding="utf-8")
    for name, sql in extra.items():
        (folder / name).write_text(sql, encoding="utf-8")
    return folder


def test_packaged_migrations_are_numbered_from_one() -> None:
    migrations = load_migrations()
    assert [m.version for m in migrations] == list(range(1, len(migrations) + 1))
    assert migrations[0].name == "0001_initial.sql"
    assert "CREATE TABLE documents" in migrations[0].sql


def test_an_older_database_gets_the_new_migration_and_keeps_its_data(tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    version_1 = migrations_dir(tmp_path / "v1")
    version_2 = migrations_dir(tmp_path / "v2", **{"0002_actors.sql": ACTORS_MIGRATION})
    results = [succeeded("a.txt"), succeeded("b.txt", "Another body."), failed("c", "[E102] c")]
    with DuckDBStore(db, migrations_dir=version_1) as store:
        assert store.schema_version() == 1
        store.write(results)
        before = (store.stats(), list(store.documents()), store.error_records())

    with DuckDBStore(db, migrations_dir=version_2) as store:
        assert store.schema_version() == 2
        stats, documents, errors = store.stats(), list(store.documents()), store.error_records()
    assert (stats.documents, stats.sources, stats.errors) == (2, 2, 1)
    assert stats.schema_version == 2
    assert (documents, errors) == (before[1], before[2])
    assert sorted(d["id"] for d in documents) == sorted(r.id for r in results[:2] if r.id)
    assert query(db, "SELECT version, name FROM schema_migrations ORDER BY version") == [
        (1, "0001_initial.sql"),
        (2, "0002_actors.sql"),
    ]
    assert query(db, "SELECT count(*) FROM actors") == [(0,)]
    assert query(db, "SELECT DISTINCT actor_count FROM documents") == [(0,)]

    with DuckDBStore(db, migrations_dir=version_2) as store:  # nothing applied twice
        assert store.schema_version() == 2
    assert query(db, "SELECT count(*) FROM schema_migrations") == [(2,)]


def test_migrations_run_in_number_order(tmp_path: Path) -> None:
    folder = migrations_dir(
        tmp_path / "ordered",
        **{
            "0010_second.sql": "INSERT INTO steps VALUES (10);",
            "0002_first.sql": "CREATE TABLE steps (n INTEGER); INSERT INTO steps VALUES (2);",
            "README.txt": "not a migration",
        },
    )
    db = tmp_path / "ordered.duckdb"
    with DuckDBStore(db, migrations_dir=folder) as store:
        assert store.schema_version() == 10
    assert query(db, "SELECT n FROM steps ORDER BY rowid") == [(2,), (10,)]


def test_a_failing_migration_is_E706_and_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "broken.duckdb"
    with DuckDBStore(db, migrations_dir=migrations_dir(tmp_path / "v1")) as store:
        store.write([succeeded("a.txt")])
    broken = migrations_dir(
        tmp_path / "broken",
        **{"0002_half.sql": "CREATE TABLE half (x INTEGER); SELECT * FROM no_such_table;"},
    )
    with pytest.raises(StoreError) as caught:
        DuckDBStore(db, migrations_dir=broken)
    message = str(caught.value)
    assert message.startswith(f"[E706] database {db}: migration 0002_half.sql failed (")
    assert "no_such_table" in message
    assert "stays at schema version 1" in message
    tables = {name for (name,) in query(db, "SELECT table_name FROM duckdb_tables()")}
    assert "half" not in tables  # the migration's first statement was rolled back with it
    assert query(db, "SELECT max(version) FROM schema_migrations") == [(1,)]
    assert query(db, "SELECT count(*) FROM documents") == [(1,)]


@pytest.mark.parametrize(
    ("files", "detail"),
    [
        ({"2_short.sql": "SELECT 1;"}, "2_short.sql: misnamed migration file"),
        ({"0002_Bad-Name.sql": "SELECT 1;"}, "0002_Bad-Name.sql: misnamed migration file"),
        ({"0000_zero.sql": "SELECT 1;"}, "0000_zero.sql: version 0 is reserved"),
        ({"0001_again.sql": "SELECT 1;"}, "0001_initial.sql: same number as 0001_again.sql"),
    ],
)
def test_a_misnamed_or_clashing_migration_is_E707(
    tmp_path: Path, files: dict[str, str], detail: str
) -> None:
    folder = migrations_dir(tmp_path / "bad", **files)
    with pytest.raises(StoreError) as caught:
        load_migrations(folder)
    message = str(caught.value)
    assert message.startswith("[E707] ")
    assert detail in message
    assert message.endswith("migration files are named NNNN_name.sql with a unique number NNNN")
