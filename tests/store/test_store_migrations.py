"""Schema migrations: numbered files, each applied once, the pending ones in one transaction, data
kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_util import Backend, failed, succeeded

from detente.errors import StoreError
from detente.store.schema import PACKAGED_MIGRATIONS, load_migrations
from detente.store.sql import DUCKDB, POSTGRES, migration_sql

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


def test_an_older_database_gets_the_new_migration_and_keeps_its_data(
    backend: Backend, tmp_path: Path
) -> None:
    version_1 = migrations_dir(tmp_path / "v1")
    version_2 = migrations_dir(tmp_path / "v2", **{"0002_actors.sql": ACTORS_MIGRATION})
    results = [succeeded("a.txt"), succeeded("b.txt", "Another body."), failed("c", "[E102] c")]
    with backend.open(migrations_dir=version_1) as store:
        assert store.schema_version() == 1
        store.write(results)
        before = (store.stats(), list(store.documents()), store.error_records())

    with backend.open(migrations_dir=version_2) as store:
        assert store.schema_version() == 2
        stats, documents, errors = store.stats(), list(store.documents()), store.error_records()
    assert (stats.documents, stats.sources, stats.errors) == (2, 2, 1)
    assert stats.schema_version == 2
    assert (documents, errors) == (before[1], before[2])
    assert sorted(d["id"] for d in documents) == sorted(r.id for r in results[:2] if r.id)
    assert backend.query("SELECT version, name FROM schema_migrations ORDER BY version") == [
        (1, "0001_initial.sql"),
        (2, "0002_actors.sql"),
    ]
    assert backend.query("SELECT count(*) FROM actors") == [(0,)]
    assert backend.query("SELECT DISTINCT actor_count FROM documents") == [(0,)]

    with backend.open(migrations_dir=version_2) as store:  # nothing applied twice
        assert store.schema_version() == 2
    assert backend.query("SELECT count(*) FROM schema_migrations") == [(2,)]


def test_migrations_run_in_number_order(backend: Backend, tmp_path: Path) -> None:
    folder = migrations_dir(
        tmp_path / "ordered",
        **{
            "0010_second.sql": "INSERT INTO steps SELECT 10, count(*) FROM steps;",
            "0002_first.sql": "CREATE TABLE steps (n INTEGER, earlier INTEGER);"
            "INSERT INTO steps VALUES (2, 0);",
            "README.txt": "not a migration",
        },
    )
    with backend.open(migrations_dir=folder) as store:
        assert store.schema_version() == 10
    assert backend.query("SELECT n, earlier FROM steps ORDER BY n") == [(2, 0), (10, 1)]


def test_a_failing_migration_is_E706_and_changes_nothing(backend: Backend, tmp_path: Path) -> None:
    with backend.open(migrations_dir=migrations_dir(tmp_path / "v1")) as store:
        store.write([succeeded("a.txt")])
    broken = migrations_dir(
        tmp_path / "broken",
        **{"0002_half.sql": "CREATE TABLE half (x INTEGER); SELECT * FROM no_such_table;"},
    )
    with pytest.raises(StoreError) as caught:
        backend.open(migrations_dir=broken)
    message = str(caught.value)
    assert message.startswith(f"[E706] database {backend.db}: migration 0002_half.sql failed (")
    assert "no_such_table" in message
    assert "stays at schema version 1" in message
    assert "half" not in backend.tables()  # the migration's first statement was rolled back with it
    assert backend.query("SELECT max(version) FROM schema_migrations") == [(1,)]
    assert backend.query("SELECT count(*) FROM documents") == [(1,)]


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


def test_postgresql_only_blocks_run_on_postgresql_alone(backend: Backend) -> None:
    with backend.open():
        pass
    if backend.name == "postgresql":
        names = backend.query("SELECT indexname FROM pg_indexes WHERE tablename = 'events'")
        assert {"events_source", "events_target", "events_day"} <= {name for (name,) in names}
    else:
        secondary = backend.query(
            "SELECT index_name FROM duckdb_indexes() WHERE sql IS NOT NULL "
            "AND table_name IN ('actors', 'actor_mentions', 'quotes', 'quote_terms', 'events')"
        )
        assert secondary == []


def test_migration_sql_keeps_a_postgresql_block_for_postgresql_only() -> None:
    sql = "CREATE TABLE t (a JSON);\n-- postgresql only\nCREATE INDEX t_a ON t (a);\n"
    sql += "-- end postgresql only\nCREATE TABLE u (b INTEGER);\n"
    assert migration_sql(sql, DUCKDB.dialect) == (
        "CREATE TABLE t (a JSON);\nCREATE TABLE u (b INTEGER);\n"
    )
    assert migration_sql(sql, POSTGRES.dialect) == (
        "CREATE TABLE t (a JSONB);\nCREATE INDEX t_a ON t (a);\nCREATE TABLE u (b INTEGER);\n"
    )
