"""The versioned schema: numbered SQL files under `migrations/`, each applied once, in order.

Adding `NNNN_name.sql` to that folder is all a schema change needs: a database at an older
version gets the new files applied when it is next opened for writing, all in one transaction;
a database getting the records tables (0002) has its records rebuilt at the end of it, once
every file is in (see SqlStore._apply).

The same files serve DuckDB and PostgreSQL, so a migration keeps to SQL both run: VARCHAR,
INTEGER, BIGINT, DOUBLE PRECISION, BOOLEAN, DATE, TIMESTAMPTZ, and JSON for lists and records
(written JSONB on PostgreSQL, see sql.migration_sql); no foreign keys (see 0001) and no
BEGIN/COMMIT. Lines between `-- postgresql only` and `-- end postgresql only` run on PostgreSQL
alone (DuckDB's secondary indexes rarely pay for themselves). The store tests apply every
packaged migration on both backends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable

from detente.errors import Errors, StoreError

MIGRATION_NAME = re.compile(r"^(?P<version>\d{4})_(?P<name>[a-z0-9_]+)\.sql$")
PACKAGED_MIGRATIONS: Traversable = files("detente.store").joinpath("migrations")


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str  # the file name, e.g. "0001_initial.sql"
    sql: str


def load_migrations(folder: Traversable = PACKAGED_MIGRATIONS) -> tuple[Migration, ...]:
    """Every migration in `folder`, by version; raises StoreError E707 on a misnamed file."""
    by_version: dict[int, Migration] = {}
    for entry in sorted(folder.iterdir(), key=lambda entry: entry.name):
        if not entry.name.endswith(".sql"):
            continue
        match = MIGRATION_NAME.match(entry.name)
        if match is None:
            raise StoreError(Errors.E707.format(path=entry, detail="misnamed migration file"))
        version = int(match["version"])
        if version == 0:
            raise StoreError(Errors.E707.format(path=entry, detail="version 0 is reserved"))
        if version in by_version:
            clash = f"same number as {by_version[version].name}"
            raise StoreError(Errors.E707.format(path=entry, detail=clash))
        by_version[version] = Migration(version, entry.name, entry.read_text(encoding="utf-8"))
    return tuple(by_version[version] for version in sorted(by_version))
