"""The store: Results into a database with a versioned schema, idempotent and crash-safe.

    open_store(path) → Store      a DuckDB file now; PostgreSQL later, behind the same Protocol

Identical bodies (up to case and whitespace) are stored once and linked to every source; a rerun
skips input units already stored with the same content (`Store.is_done`); each `Store.write`
batch is one transaction. Schema changes are numbered SQL files under `migrations/`.
"""

from __future__ import annotations

from pathlib import Path

from detente.errors import Errors, StoreError
from detente.store.base import Store, StoreStats, WriteSummary
from detente.store.duckdb_store import DuckDBStore

__all__ = ["DuckDBStore", "Store", "StoreStats", "WriteSummary", "open_store"]


def open_store(db: str | Path, *, read_only: bool = False) -> Store:
    """Open (creating and migrating when writable) the database at `db`; raises StoreError."""
    if "://" in str(db):
        raise StoreError(Errors.E704.format(db=db))
    return DuckDBStore(db, read_only=read_only)
