"""The store: Results into a database with a versioned schema, idempotent and crash-safe.

    open_store(db) → Store      a DuckDB file, or a PostgreSQL database given as a URL

Identical bodies (up to case and whitespace) are stored once and linked to every source; a rerun
skips input units already stored with the same content, as a document or (unless it retries
failures) as an error (`Store.outcome`); each `Store.write` batch is one transaction, and each
document it stores joins a story of near-duplicate bodies in it (SqlStore._assign_stories). Schema
changes are numbered SQL files under `migrations/`, shared by both backends (sql.py holds the
statements and their two dialects). Several processes may write one PostgreSQL database at
once (postgres_store.py says how that stays exact).
"""

from __future__ import annotations

from pathlib import Path

from detente.errors import Errors, StoreError
from detente.store.base import Store, StoreStats, WriteSummary
from detente.store.duckdb_store import DuckDBStore
from detente.store.url import is_postgres_url, redact, url_scheme

__all__ = ["DuckDBStore", "Store", "StoreStats", "WriteSummary", "is_postgres_url", "open_store"]


def open_store(db: str | Path, *, read_only: bool = False) -> Store:
    """Open (creating and migrating when writable) the database at `db`; raises StoreError.

    `db` is a DuckDB file path or a `postgresql://user[:password]@host[:port]/dbname` URL.
    """
    if is_postgres_url(db):
        # Imported here: DuckDB users need not have psycopg, and the CLI starts faster.
        try:
            from detente.store.postgres_store import PostgresStore
        except ImportError as exc:
            if not (exc.name or "").startswith("psycopg"):
                raise
            raise StoreError(Errors.E709.format(db=redact(str(db)))) from exc
        return PostgresStore(str(db), read_only=read_only)
    scheme = url_scheme(db)
    if scheme is not None:
        raise StoreError(Errors.E708.format(db=redact(str(db)), scheme=scheme))
    return DuckDBStore(db, read_only=read_only)
