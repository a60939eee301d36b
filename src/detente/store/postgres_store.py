"""The PostgreSQL store: a shared database that several detente processes write at once.

Concurrent writers. Two transactions inserting the same body at the same time would each see no
stored copy and both insert one; a unique constraint on the body hash cannot prevent it, since
a document replaced in place may share its new body with another one (plan.py, rule 1). So a
write takes transaction-scoped advisory locks on what it decides on: its source keys, document
ids and body hashes, the stories (one key: two writers of new bodies take turns, so that a near
duplicate's document joins the story of the one written first: SqlStore._assign_stories), and
the ids and hashes of the stored documents it may link to, replace or delete. It reads those
documents, locks the keys (all at once, in sorted order, so two writers never deadlock), reads
them again, and retries the batch if the second reading names a document it did not lock
(another writer changed it in between). Writers of unrelated batches do not wait for each
other but for the stories key, held for the few statements of a write; readers never wait.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterable, Iterator, Sequence
from importlib.resources.abc import Traversable
from typing import Any

import psycopg
from psycopg.types.array import ListBinaryDumper
from psycopg.types.string import StrBinaryDumper, TextLoader

from detente.errors import Errors, StoreError
from detente.store.rows import Row, contract_dict
from detente.store.sql import POSTGRES
from detente.store.sql_store import (
    FETCH_ROWS,
    Batch,
    Contended,
    LockKey,
    SqlStore,
    StoredState,
)
from detente.store.url import redact

CONNECT_TIMEOUT_SECONDS = 10
# Held (for the session) while migrating; any 64-bit number other applications do not use.
MIGRATION_LOCK = int.from_bytes(
    hashlib.blake2b(b"detente migrations", digest_size=8).digest(), signed=True
)
# PostgreSQL evaluates a select list after ORDER BY (documented since 9.6): the locks are taken
# in ascending order.
LOCK = "SELECT pg_advisory_xact_lock(number) FROM unnest($1::BIGINT[]) AS number ORDER BY number"
# What an opening failure means, by a phrase of libpq's message, and what to do about it.
OPEN_HINTS: tuple[tuple[str, str], ...] = (
    ("Connection refused", "is the server running? check the host and port"),
    ("FATAL: database", "check the name in the URL, or create it with `createdb NAME`"),
    ("FATAL: role", "check the user name in the URL"),
    ("password authentication failed", "check the user and password (URL or ~/.pgpass)"),
    ("no password supplied", "give a password in the URL or in ~/.pgpass"),
    ("could not translate host name", "check the host name in the URL"),
    ("failed to resolve host", "check the host name in the URL"),
    ("timeout expired", "the server did not answer; check the host, port and firewall"),
    ("invalid", "check the URL: postgresql://user[:password]@host[:port]/dbname"),
)


class PostgresStore(SqlStore):
    """A detente database in PostgreSQL (a `postgresql://` or `postgres://` URL).

    The same schema, migrations and behaviour as the DuckDB store; `migrations_dir` replaces the
    packaged migrations.
    """

    statements = POSTGRES
    database_error = psycopg.Error

    def __init__(
        self,
        url: str,
        *,
        read_only: bool = False,
        migrations_dir: Traversable | None = None,
    ) -> None:
        super().__init__(redact(url), read_only=read_only)
        self._url = url
        self._con = self._connect()
        self._start(migrations_dir)

    def _connect(self) -> psycopg.Connection[Row]:
        """An autocommit connection (transactions are explicit) taking `$n` placeholders."""
        options: dict[str, Any] = {"application_name": "detente"}
        if "connect_timeout" not in self._url:
            options["connect_timeout"] = CONNECT_TIMEOUT_SECONDS
        try:
            con = psycopg.connect(
                self._url, autocommit=True, cursor_factory=psycopg.RawCursor, **options
            )
        except psycopg.Error as exc:
            raise StoreError(Errors.E701.format(db=self.db, detail=_open_detail(exc))) from exc
        con.server_cursor_factory = psycopg.RawServerCursor
        # Parameters go in binary: a batch's text columns go as arrays, whose text form psycopg
        # escapes character by character, which made writing a batch 50 times slower.
        con.adapters.register_dumper(str, StrBinaryDumper)
        con.adapters.register_dumper(list, ListBinaryDumper)
        # JSONB comes back as its text, as DuckDB's JSON does; rows.contract_dict parses it.
        con.adapters.register_loader("jsonb", TextLoader)
        if self.read_only:
            con.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
        return con

    def _execute(self, sql: str, parameters: Sequence[Any] | None = None) -> None:
        self._con.execute(sql, parameters)

    def _fetch(self, sql: str, parameters: Sequence[Any] | None = None) -> list[Row]:
        return self._con.execute(sql, parameters).fetchall()

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        with self._con.transaction():
            yield

    def documents(self, limit: int | None = None) -> Iterator[dict[str, Any]]:
        # One statement on a connection of its own, in a read-only REPEATABLE READ transaction
        # (writes meanwhile are not seen), read through a server-side cursor FETCH_ROWS rows at a
        # time: the server sorts, spilling to disk past work_mem, and this process holds one
        # page. (A walk by key would scan the table once per page without an index on
        # (created_at, id).)
        with self._connect() as con:
            con.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
            con.read_only = True
            with con.transaction():
                cursor = con.cursor(name="detente_documents")
                cursor.itersize = FETCH_ROWS
                cursor.execute(self._contract_sql(self.statements.documents), [limit])
                for row in cursor:
                    yield contract_dict(row)

    @contextlib.contextmanager
    def _migration_lock(self) -> Iterator[None]:
        self._con.execute("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK])
        try:
            yield
        finally:
            with contextlib.suppress(psycopg.Error):  # a lost connection releases it anyway
                self._con.execute("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK])

    def _claim(self, batch: Batch) -> StoredState:
        """Lock everything the batch decides on (see the module's docstring), then read it."""
        locked = batch.lock_keys(stories=self._stories) | self._stored_state(batch).lock_keys()
        self._lock(locked)
        state = self._stored_state(batch)
        if not state.lock_keys() <= locked:
            raise Contended
        return state

    def _lock(self, keys: Iterable[LockKey]) -> None:
        """Transaction-scoped advisory locks, taken one after another in ascending order."""
        self._con.execute(LOCK, [sorted({lock_number(key) for key in keys})])

    def close(self) -> None:
        self._con.close()


def lock_number(key: LockKey) -> int:
    """A key as a signed 64-bit advisory lock number; a collision only makes a writer wait."""
    kind, value = key
    digest = hashlib.blake2b(f"{kind}:{value}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, signed=True)


def _open_detail(exc: psycopg.Error) -> str:
    """libpq's reason a connection failed, on one line, with what to do about it."""
    lines = str(exc).strip().splitlines()
    reason = " ".join((lines[0] if lines else "no message").split()).rstrip(".")
    reason = reason.removeprefix("connection failed: ")
    hint = next((hint for phrase, hint in OPEN_HINTS if phrase in reason), None)
    return f"{reason}; {hint}" if hint else reason
