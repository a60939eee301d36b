"""The DuckDB store: one file, one persistent connection, one transaction per written batch.

A batch goes in as a few columnar statements (each column passed as one list and UNNESTed), not
a statement per row, so writing costs about the same for 1 and for 64 documents.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from dataclasses import replace
from importlib.resources.abc import Traversable
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb

from detente.errors import Errors, StoreError
from detente.records import Result
from detente.store.base import StoreStats, WriteSummary
from detente.store.plan import StoredDocument, identify, plan_documents
from detente.store.rows import (
    CONTRACT_DOCUMENT_COLUMNS,
    CONTRACT_SOURCE_COLUMNS,
    DOCUMENT_COLUMNS,
    ERROR_COLUMNS,
    SOURCE_COLUMNS,
    columns,
    contract_dict,
    error_row,
    storable,
)
from detente.store.schema import PACKAGED_MIGRATIONS, Migration, load_migrations

# What an opening failure means, by a phrase of DuckDB's message, and what to do about it.
OPEN_HINTS: tuple[tuple[str, str], ...] = (
    ("not a valid DuckDB database", "give a new file name or a database written by detente"),
    ("database does not exist", "check the path, or create it with `detente ingest`"),
    ("Could not set lock", "another process has it open; wait for it to finish"),
    ("No such file or directory", "check the path; its folder must exist"),
)
FETCH_ROWS = 256  # documents() reads this many rows at a time


def _columnar_select(spec: tuple[tuple[str, str], ...]) -> str:
    """SELECT of one row per list element, parameter $i holding column i; JSON goes as text."""
    parts = []
    for position, (name, sql_type) in enumerate(spec, start=1):
        list_type = "VARCHAR" if sql_type == "JSON" else sql_type
        parts.append(f"unnest(${position}::{list_type}[])::{sql_type} AS {name}")
    return "SELECT " + ", ".join(parts)


def _upsert(table: str, spec: tuple[tuple[str, str], ...], key: str, stamp: str) -> str:
    """Columnar insert replacing the row with the same key; `stamp` gets the transaction time."""
    names = ", ".join(name for name, _ in spec)
    updates = [f"{name} = excluded.{name}" for name, _ in spec if name != key]
    updates.append(f"{stamp} = now()")
    return (
        f"INSERT INTO {table} ({names}) {_columnar_select(spec)} "
        f"ON CONFLICT ({key}) DO UPDATE SET {', '.join(updates)}"
    )


UPSERT_DOCUMENTS = _upsert("documents", DOCUMENT_COLUMNS, "id", "updated_at")
UPSERT_SOURCES = _upsert("sources", SOURCE_COLUMNS, "source_key", "ingested_at")
UPSERT_ERRORS = _upsert("errors", ERROR_COLUMNS, "source_key", "recorded_at")
FIND_DOCUMENTS = """
    SELECT id, body_hash, source_key FROM documents
    WHERE id IN (SELECT unnest($1::VARCHAR[])) OR body_hash IN (SELECT unnest($2::VARCHAR[]))
"""
FIND_LINKS = """
    SELECT source_key, document_id FROM sources WHERE source_key IN (SELECT unnest($1::VARCHAR[]))
"""
DELETE_ERRORS = "DELETE FROM errors WHERE source_key IN (SELECT unnest($1::VARCHAR[]))"
# A document none of its sources points to any more (its file changed) is superseded.
DELETE_ORPHANS = """
    DELETE FROM documents WHERE id IN (SELECT unnest($1::VARCHAR[]))
    AND NOT EXISTS (SELECT 1 FROM sources WHERE sources.document_id = documents.id)
"""
# is_done: a stored source first (what a rerun mostly meets), then an error record. Two
# primary-key look-ups beat one statement combining them: DuckDB plans each statement anew.
IS_DONE = (
    "SELECT 1 FROM sources WHERE source_key = $1 AND content_hash = $2",
    "SELECT 1 FROM errors WHERE source_key = $1 AND content_hash = $2",
)
STATS = """
    SELECT
        (SELECT count(*) FROM documents),
        (SELECT count(*) FROM sources),
        (SELECT count(*) - count(DISTINCT document_id) FROM sources),
        (SELECT count(*) FROM errors),
        (SELECT coalesce(sum(words), 0) FROM documents),
        (SELECT coalesce(sum(json_array_length(removed)), 0) FROM documents)
"""
FORMATS = "SELECT format, count(*) FROM sources GROUP BY format"
# Each document with the source its stored text came from: by first write, then by id.
DOCUMENTS = f"""
    SELECT {", ".join("d." + name for name in CONTRACT_DOCUMENT_COLUMNS)},
           {", ".join("s." + name for name in CONTRACT_SOURCE_COLUMNS)}
    FROM documents d
    LEFT JOIN sources s ON s.source_key = d.source_key
    ORDER BY d.created_at, d.id
    LIMIT $1
"""
ERROR_RECORDS = "SELECT source_key, stage, message FROM errors ORDER BY source_key"
MIGRATIONS_TABLE_EXISTS = """
    SELECT count(*) > 0 FROM duckdb_tables()
    WHERE database_name = current_database() AND schema_name = 'main'
      AND table_name = 'schema_migrations'
"""


class DuckDBStore:
    """A detente database in one DuckDB file, brought to the current schema when opened.

    `migrations_dir` replaces the packaged migrations (tests build databases at older versions).
    """

    def __init__(
        self,
        db: str | Path,
        *,
        read_only: bool = False,
        migrations_dir: Traversable | None = None,
    ) -> None:
        self.db = str(db)
        self.read_only = read_only
        migrations = load_migrations(
            PACKAGED_MIGRATIONS if migrations_dir is None else migrations_dir
        )
        self._con = _connect(self.db, read_only)
        try:
            self._version = self._migrate(migrations)
        except BaseException:
            self._con.close()
            raise

    # -- schema ---------------------------------------------------------------------------------

    def schema_version(self) -> int:
        return self._version

    def _migrate(self, migrations: Sequence[Migration]) -> int:
        """Apply every migration the database lacks, each in its own transaction."""
        applied = self._applied_versions()
        current = max(applied, default=0)
        known = migrations[-1].version if migrations else 0
        if current > known:
            raise StoreError(Errors.E702.format(db=self.db, found=current, known=known))
        pending = [m for m in migrations if m.version not in applied]
        if pending and self.read_only:
            raise StoreError(Errors.E705.format(db=self.db, found=current, known=known))
        for migration in pending:
            self._apply(migration, current)
            current = max(current, migration.version)
        return current

    def _applied_versions(self) -> set[int]:
        if not self._scalar(MIGRATIONS_TABLE_EXISTS):
            return set()
        rows = self._con.execute("SELECT version FROM schema_migrations").fetchall()
        return {version for (version,) in rows}

    def _apply(self, migration: Migration, current: int) -> None:
        self._con.begin()
        try:
            self._con.execute(migration.sql)
            self._con.execute(
                "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
                [migration.version, migration.name],
            )
            self._con.commit()
        except duckdb.Error as exc:
            self._rollback()
            message = Errors.E706.format(
                db=self.db, name=migration.name, detail=_describe(exc), version=current
            )
            raise StoreError(message) from exc

    # -- writing --------------------------------------------------------------------------------

    def is_done(self, source_key: str, content_hash: str) -> bool:
        parameters = [storable(source_key), content_hash]
        return any(self._scalar(sql, parameters) is not None for sql in IS_DONE)

    def write(self, results: Sequence[Result]) -> WriteSummary:
        """Store a batch in one transaction; raises StoreError E703 (nothing written) on failure.

        An input unit that appears twice in the batch is stored as its last Result.
        """
        latest = list({result.source.key: result for result in results}.values())
        if not latest:
            return WriteSummary()
        failed = [result for result in latest if not result.ok]
        self._con.begin()
        try:
            summary = self._write_documents([result for result in latest if result.ok])
            if failed:
                self._con.execute(UPSERT_ERRORS, columns([error_row(r) for r in failed]))
            self._con.commit()
        except Exception as exc:
            self._rollback()
            raise StoreError(Errors.E703.format(db=self.db, detail=_describe(exc))) from exc
        except BaseException:  # Ctrl-C: leave nothing half-written, then let it through
            self._rollback()
            raise
        return replace(summary, errors_recorded=len(failed))

    def _write_documents(self, results: list[Result]) -> WriteSummary:
        """Insert, replace or link a document for each Result (see plan.py), then its source."""
        if not results:
            return WriteSummary()
        identities = [identify(result) for result in results]
        ids = [doc_id for doc_id, _ in identities]
        hashes = [body_hash for _, body_hash in identities]
        rows = self._con.execute(FIND_DOCUMENTS, [ids, hashes]).fetchall()
        stored = [StoredDocument(*row) for row in rows]
        plan = plan_documents(results, stored)
        keys = [key for key, *_ in plan.links]
        previous = dict(self._con.execute(FIND_LINKS, [keys]).fetchall())
        if plan.documents:
            self._con.execute(UPSERT_DOCUMENTS, columns(list(plan.documents.values())))
        self._con.execute(UPSERT_SOURCES, columns(plan.links))
        self._con.execute(DELETE_ERRORS, [keys])
        relinked = [
            previous[key] for key, target, *_ in plan.links if previous.get(key, target) != target
        ]
        if relinked:
            self._con.execute(DELETE_ORPHANS, [relinked])
        return WriteSummary(inserted=plan.inserted, updated=plan.updated, linked=plan.linked)

    def _rollback(self) -> None:
        # After a fatal error DuckDB may already have ended the transaction; the cause that is
        # being raised matters, not this.
        with contextlib.suppress(duckdb.Error):
            self._con.rollback()

    # -- reading --------------------------------------------------------------------------------

    def stats(self) -> StoreStats:
        row = self._con.execute(STATS).fetchone()
        assert row is not None  # an aggregate query returns one row
        documents, sources, duplicates, errors, words, removed = (int(value) for value in row)
        formats = {name: int(count) for name, count in self._con.execute(FORMATS).fetchall()}
        return StoreStats(
            documents=documents,
            sources=sources,
            duplicates=duplicates,
            errors=errors,
            words=words,
            removed=removed,
            schema_version=self._version,
            formats=formats,
        )

    def documents(self, limit: int | None = None) -> Iterator[dict[str, Any]]:
        cursor = self._con.cursor()  # its own connection: a write meanwhile does not disturb it
        try:
            cursor.execute(DOCUMENTS, [limit])
            while rows := cursor.fetchmany(FETCH_ROWS):
                yield from (contract_dict(row) for row in rows)
        finally:
            cursor.close()

    def error_records(self) -> list[dict[str, Any]]:
        rows = self._con.execute(ERROR_RECORDS).fetchall()
        return [
            {"source_key": key, "stage": stage, "message": message} for key, stage, message in rows
        ]

    def _scalar(self, sql: str, parameters: list[Any] | None = None) -> Any:
        row = self._con.execute(sql, parameters).fetchone()
        return None if row is None else row[0]

    # -- lifetime -------------------------------------------------------------------------------

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> DuckDBStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def _connect(db: str, read_only: bool) -> duckdb.DuckDBPyConnection:
    """A connection, or StoreError E701 saying why the file cannot be opened and what to do."""
    try:
        return duckdb.connect(db, read_only=read_only)
    except duckdb.Error as exc:
        detail = _describe(exc).rstrip("!.")
        hint = next((hint for phrase, hint in OPEN_HINTS if phrase in detail), None)
        message = Errors.E701.format(db=db, detail=f"{detail}; {hint}" if hint else detail)
        raise StoreError(message) from exc


def _describe(exc: BaseException) -> str:
    """The first line of an exception's message; DuckDB's own messages already name their kind."""
    lines = str(exc).strip().splitlines()
    first = lines[0] if lines else "no message"
    return first if isinstance(exc, duckdb.Error) else f"{type(exc).__name__}: {first}"
