"""The DuckDB store: one file, one persistent connection, one transaction per written batch.

DuckDB lets one process at a time open a file for writing, so batches need no locking.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator, Sequence
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import duckdb

from detente.errors import Errors, StoreError
from detente.store.rows import Row, contract_dict
from detente.store.sql import DUCKDB, duckdb_documents_page
from detente.store.sql_store import FETCH_ROWS, SqlStore

DOCUMENTS_FIRST = duckdb_documents_page(after=False)
DOCUMENTS_AFTER = duckdb_documents_page(after=True)

# What an opening failure means, by a phrase of DuckDB's message, and what to do about it.
OPEN_HINTS: tuple[tuple[str, str], ...] = (
    ("not a valid DuckDB database", "give a new file name or a database written by detente"),
    ("database does not exist", "check the path, or create it with `detente ingest`"),
    ("No such file or directory", "check the path; its folder must exist"),
)


# DuckDB's "Conflicting lock is held in /usr/bin/python3 (PID 6606)".
LOCK_HOLDER = re.compile(r"lock is held in (.+?) \(PID (\d+)\)")


class DuckDBStore(SqlStore):
    """A detente database in one DuckDB file, brought to the current schema when opened.

    `migrations_dir` replaces the packaged migrations (tests build databases at older versions).
    """

    statements = DUCKDB
    database_error = duckdb.Error

    def __init__(
        self,
        db: str | Path,
        *,
        read_only: bool = False,
        migrations_dir: Traversable | None = None,
    ) -> None:
        super().__init__(str(db), read_only=read_only)
        if read_only and not Path(db).is_file():
            # Reading never creates a database: a mistyped --db says so instead.
            raise StoreError(Errors.E711.format(db=self.db))
        self._con = _connect(self.db, read_only)
        self._start(migrations_dir)

    def _execute(self, sql: str, parameters: Sequence[Any] | None = None) -> None:
        self._con.execute(sql, parameters)

    def _fetch(self, sql: str, parameters: Sequence[Any] | None = None) -> list[Row]:
        return self._con.execute(sql, parameters).fetchall()

    def _read(self, sql: str, parameters: Sequence[Any]) -> list[Row]:
        # A DuckDB connection serves one thread at a time; a cursor is a connection of its own
        # to the same database, cheap to open (the API reads from a thread pool).
        with self._con.cursor() as cursor:
            return cursor.execute(sql, parameters).fetchall()

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        self._con.begin()
        try:
            yield
            self._con.commit()
        except BaseException:
            # After a fatal error DuckDB may already have ended the transaction; the cause that
            # is being raised matters, not this.
            with contextlib.suppress(duckdb.Error):
                self._con.rollback()
            raise

    def documents(self, limit: int | None = None) -> Iterator[dict[str, Any]]:
        """Walked by key, FETCH_ROWS documents a statement, each page after the (created_at, id)
        of the last row read, in one transaction on a cursor of its own (a snapshot: writes
        meanwhile are not seen): no statement sorts the stored texts of the whole table."""
        left = limit
        with self._snapshot() as fetch:
            last: list[Any] = []  # created_at, id
            while left is None or left > 0:
                size = FETCH_ROWS if left is None else min(left, FETCH_ROWS)
                sql = self._contract_sql(DOCUMENTS_AFTER if last else DOCUMENTS_FIRST)
                rows = fetch(sql, [*last, size])
                for row in rows:
                    yield contract_dict(row[:-1])
                if len(rows) < size:
                    return
                last = [rows[-1][-1], rows[-1][0]]
                left = None if left is None else left - len(rows)

    @contextlib.contextmanager
    def _snapshot(self) -> Iterator[Callable[[str, Sequence[Any]], list[Row]]]:
        cursor = self._con.cursor()  # its own connection: a write meanwhile does not disturb it
        try:
            cursor.begin()
            yield lambda sql, parameters: cursor.execute(sql, parameters).fetchall()
        finally:
            with contextlib.suppress(duckdb.Error):
                cursor.rollback()
            cursor.close()

    def close(self) -> None:
        self._con.close()


def _connect(db: str, read_only: bool) -> duckdb.DuckDBPyConnection:
    """A connection, or StoreError E701 saying why the file cannot be opened and what to do."""
    try:
        return duckdb.connect(db, read_only=read_only)
    except duckdb.Error as exc:
        lines = str(exc).strip().splitlines()
        detail = (lines[0] if lines else "no message").rstrip("!.")
        if "Could not set lock" in detail:
            raise StoreError(Errors.E712.format(db=db, holder=_lock_holder(detail))) from exc
        hint = next((hint for phrase, hint in OPEN_HINTS if phrase in detail), None)
        message = Errors.E701.format(db=db, detail=f"{detail}; {hint}" if hint else detail)
        raise StoreError(message) from exc


def _lock_holder(detail: str) -> str:
    """The process DuckDB names as holding the file's lock: "PID 6606 (python3.11)"."""
    found = LOCK_HOLDER.search(detail)
    if found is None:
        return "another process"
    program, pid = found.groups()
    return f"process {pid} ({program.rsplit('/', 1)[-1]})"
