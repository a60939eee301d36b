"""What the DuckDB and PostgreSQL stores share: migrating, writing a batch, reading it back.

A backend supplies the connection (run a statement, fetch rows, a transaction, stream rows) and
its `Statements`; everything that decides what is stored lives here and in plan.py, once.

A batch goes in as a few columnar statements (each column passed as one list and UNNESTed), not
a statement per row, so writing costs about the same for 1 and for 64 documents.
"""

from __future__ import annotations

import contextlib
from abc import ABC, abstractmethod
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field, replace
from importlib.resources.abc import Traversable
from types import TracebackType
from typing import Any, ClassVar, Self

from detente import stories
from detente.errors import Errors, StoreError
from detente.records import Result
from detente.store.base import CodingSummary, Outcome, StoredText, StoreStats, WriteSummary
from detente.store.plan import StoredDocument, identify, plan_documents
from detente.store.record_rows import RECORD_TABLES, RecordRows, columns_of, record_rows
from detente.store.rows import (
    DOCUMENT_COLUMNS,
    Row,
    coding_of,
    coding_row,
    columns,
    contract_dict,
    error_row,
    storable,
    stored_contract,
    stored_text,
)
from detente.store.schema import PACKAGED_MIGRATIONS, Migration, load_migrations
from detente.store.sql import Statements, migration_sql, storyless

# documents() reads this many rows at a time. On DuckDB each page is a statement costing a few
# milliseconds of its own (ranking the keys of the documents not read yet, joining the page's
# rows), so pages of 1,024 walk 100,000 documents twice as fast as pages of 256, holding a few MB
# more at a time.
FETCH_ROWS = 1024
REBUILD_PAGE = 500  # documents read at a time when rebuilding the records tables
# Documents given their stories at a time when 0005 is applied: each page reads the band keys
# stored so far once (a scan of story_bands on DuckDB), so pages are large.
STORIES_PAGE = 2000
# The migration creating the records tables, filled from the stored documents when applied;
# a database without it (tests build such) stores documents only.
RECORDS_MIGRATION = "0002_records.sql"
# The migration giving each document the coder version that made its coding; a database without
# it (tests build such) is written without.
CODER_MIGRATION = "0004_coder.sql"
# The migration giving each document a story (documents.story, signature, story_bands); applied
# to a database with documents, it assigns theirs. A database without it is written without.
STORIES_MIGRATION = "0005_stories.sql"
TEXT = [name for name, _ in DOCUMENT_COLUMNS].index("text")  # in a documents row
WRITE_ATTEMPTS = 8  # a batch whose stored documents other writers keep changing is retried

# What a write decides on, by kind: "source" keys, "document" ids, "body" hashes, and the stories
# of the stored documents (one key for all). A backend with concurrent writers locks these (see
# PostgresStore); DuckDB has one writer per file.
LockKey = tuple[str, str]
STORIES_LOCK: LockKey = ("stories", "")


class Contended(Exception):
    """The stored rows a batch decides on changed before they were locked; retry the batch."""


@dataclass(frozen=True, slots=True)
class Batch:
    """A write's Results, split, with the keys it reads and writes."""

    succeeded: list[Result]
    failed: list[Result]
    ids: list[str]  # document id of each successful Result
    hashes: list[str]  # body hash of each successful Result
    keys: list[str]  # source key of each successful Result, as stored
    # the stories signature of a stored text, computed once (see `signature`)
    signatures: dict[str, stories.Signature] = field(default_factory=dict)

    @classmethod
    def of(cls, results: Sequence[Result]) -> Batch:
        """An input unit that appears twice in `results` is stored as its last Result."""
        latest = list({result.source.key: result for result in results}.values())
        succeeded = [result for result in latest if result.ok]
        identities = [identify(result) for result in succeeded]
        return cls(
            succeeded=succeeded,
            failed=[result for result in latest if not result.ok],
            ids=[doc_id for doc_id, _ in identities],
            hashes=[body_hash for _, body_hash in identities],
            keys=[storable(result.source.key) for result in succeeded],
        )

    def lock_keys(self, *, stories: bool = False) -> set[LockKey]:
        """`stories`: the one key every writer of new bodies takes too, so that two writers of
        near duplicates take turns and the second one's document joins the first one's story
        (SqlStore._assign_stories). One key, not one per band key: a batch of 32 bodies would
        hold some 2,000 advisory locks, and the server's lock table is shared by all sessions."""
        keys = {("source", key) for key in self.keys}
        keys.update(("source", storable(result.source.key)) for result in self.failed)
        keys.update(("document", doc_id) for doc_id in self.ids)
        keys.update(("body", body_hash) for body_hash in self.hashes)
        if stories and self.succeeded:
            keys.add(STORIES_LOCK)
        return keys

    def signature(self, text: str) -> stories.Signature:
        """The stories signature of `text` (a stored text), computed once per batch."""
        found = self.signatures.get(text)
        if found is None:
            found = self.signatures[text] = stories.signature(text)
        return found


@dataclass(frozen=True, slots=True)
class StoredState:
    """The stored rows a batch's decisions depend on."""

    documents: tuple[StoredDocument, ...]  # with one of the batch's ids or body hashes
    links: tuple[tuple[str, str, str | None], ...]  # (source key, document id, its body hash)

    def lock_keys(self) -> set[LockKey]:
        """Documents this batch may link to, replace or delete, by id and by body hash."""
        keys: set[LockKey] = set()
        for document in self.documents:
            keys.update((("document", document.id), ("body", document.body_hash)))
        for _, document_id, body_hash in self.links:
            keys.add(("document", document_id))
            if body_hash is not None:
                keys.add(("body", body_hash))
        return keys


class SqlStore(ABC):
    """A detente database, brought to the current schema when opened (the `Store` protocol).

    A subclass connects, then calls `_start`; it supplies the hooks below.
    """

    statements: ClassVar[Statements]
    database_error: ClassVar[type[Exception]]  # what the driver raises for a failed statement

    def __init__(self, db: str, *, read_only: bool) -> None:
        self.db = db  # as shown in messages
        self.read_only = read_only
        self._version = 0
        self._records = False  # the records tables exist (RECORDS_MIGRATION is applied)
        self._coders = False  # documents have their coder column (CODER_MIGRATION is applied)
        self._stories = False  # documents have their story (STORIES_MIGRATION is applied)

    # -- backend hooks --------------------------------------------------------------------------

    @abstractmethod
    def _execute(self, sql: str, parameters: Sequence[Any] | None = None) -> None: ...

    @abstractmethod
    def _fetch(self, sql: str, parameters: Sequence[Any] | None = None) -> list[Row]: ...

    @abstractmethod
    def _transaction(self) -> AbstractContextManager[None]:
        """Commit on leaving, roll back on any exception (Ctrl-C too) and let it through."""

    @abstractmethod
    def close(self) -> None: ...

    def _migration_lock(self) -> AbstractContextManager[None]:
        """Held while migrating, so that two processes opening a new database do not clash."""
        return contextlib.nullcontext()

    def _claim(self, batch: Batch) -> StoredState:
        """The stored rows `batch` decides on, safe from other writers until the commit."""
        return self._stored_state(batch)

    # -- schema ---------------------------------------------------------------------------------

    def _start(self, migrations_dir: Traversable | None) -> None:
        """Migrate; on any failure close the connection and let the error through."""
        try:
            migrations = load_migrations(
                PACKAGED_MIGRATIONS if migrations_dir is None else migrations_dir
            )
            with self._migration_lock():
                self._version = self._migrate(migrations)
        except BaseException:
            self.close()
            raise

    def schema_version(self) -> int:
        return self._version

    def _migrate(self, migrations: Sequence[Migration]) -> int:
        """Apply every migration the database lacks, all in one transaction (see `_apply`)."""
        applied = self._applied_versions()
        current = max(applied, default=0)
        known = migrations[-1].version if migrations else 0
        if current > known:
            raise StoreError(Errors.E702.format(db=self.db, found=current, known=known))
        pending = [m for m in migrations if m.version not in applied]
        if pending and self.read_only:
            raise StoreError(Errors.E705.format(db=self.db, found=current, known=known))
        if pending:
            self._apply(pending, current)
            current = max(current, pending[-1].version)
        return current

    def _applied_versions(self) -> set[int]:
        if not self._scalar(self.statements.migrations_table_exists):
            return set()
        applied = self._fetch(self.statements.applied_versions)
        self._records = any(name == RECORDS_MIGRATION for _, name in applied)
        self._coders = any(name == CODER_MIGRATION for _, name in applied)
        self._stories = any(name == STORIES_MIGRATION for _, name in applied)
        return {version for version, _ in applied}

    def _apply(self, group: Sequence[Migration], current: int) -> None:
        """Apply `group` in one transaction; if it holds the stories migration, the stored
        documents get their stories at its end, and if it holds the records migration, the
        records tables are filled after that: record rows are built for the latest schema
        (record_rows.py), which a rebuild needs whole, and a failure leaves the database at its
        old version, not with empty tables."""
        failing = group[0].name  # what E706 names
        names = {migration.name for migration in group}
        try:
            with self._transaction():
                for migration in group:
                    failing = migration.name
                    self._execute(migration_sql(migration.sql, self.statements.dialect))
                    self._execute(
                        self.statements.record_migration, [migration.version, migration.name]
                    )
                    self._coders |= migration.name == CODER_MIGRATION
                    self._stories |= migration.name == STORIES_MIGRATION
                if STORIES_MIGRATION in names:
                    failing = STORIES_MIGRATION  # the assignment is the stories migration's
                    self._assign_stored_stories()
                    if self._records:  # records stored before: their events get the stories
                        self._execute(self.statements.story_all_records)
                if RECORDS_MIGRATION in names:
                    failing = RECORDS_MIGRATION  # the rebuild is the records migration's
                    self._records = True
                    self._rebuild_records()
        except self.database_error as exc:
            message = Errors.E706.format(
                db=self.db, name=failing, detail=self._describe(exc), version=current
            )
            raise StoreError(message) from exc

    # -- writing --------------------------------------------------------------------------------

    def outcome(self, source_key: str, content_hash: str) -> Outcome | None:
        parameters = [storable(source_key), content_hash]
        for sql in self.statements.dialect.outcome:
            rows = self._fetch(sql, parameters)
            if rows and rows[0][0] is not None:
                found: Outcome = rows[0][0]
                return found
        return None

    def is_done(self, source_key: str, content_hash: str) -> bool:
        return self.outcome(source_key, content_hash) is not None

    def has_source(self, source_key: str) -> bool:
        return bool(self._fetch(self.statements.has_source, [storable(source_key)]))

    def write(self, results: Sequence[Result]) -> WriteSummary:
        """Store a batch in one transaction; raises StoreError E703 (nothing written) on failure.

        An input unit that appears twice in the batch is stored as its last Result.
        """
        batch = Batch.of(results)
        if not (batch.succeeded or batch.failed):
            return WriteSummary()
        for _ in range(WRITE_ATTEMPTS):
            try:
                with self._transaction():
                    summary = self._write_batch(batch, self._claim(batch))
            except Contended:
                continue
            except Exception as exc:
                detail = self._describe(exc)
                raise StoreError(Errors.E703.format(db=self.db, detail=detail)) from exc
            return replace(summary, errors_recorded=len(batch.failed))
        detail = (
            f"other writers kept changing the same documents ({WRITE_ATTEMPTS} attempts); "
            "run the command again"
        )
        raise StoreError(Errors.E703.format(db=self.db, detail=detail))

    def _stored_state(self, batch: Batch) -> StoredState:
        if not batch.succeeded:
            return StoredState((), ())
        found = self._fetch(self.statements.find_documents, [batch.ids, batch.hashes])
        links = self._fetch(self.statements.find_links, [batch.keys])
        return StoredState(
            documents=tuple(StoredDocument(*row) for row in found),
            links=tuple((key, document_id, body_hash) for key, document_id, body_hash in links),
        )

    def _write_batch(self, batch: Batch, state: StoredState) -> WriteSummary:
        """Insert, replace or link a document for each Result (see plan.py), then its source;
        then the error records of the failed ones."""
        summary = WriteSummary()
        if batch.succeeded:
            plan = plan_documents(batch.succeeded, state.documents)
            if plan.documents:
                rows = list(plan.documents.values())
                if self._coders:
                    self._execute(self.statements.upsert_documents, columns(rows))
                else:  # the coder is the rows' last column
                    uncoded = [row[:-1] for row in rows]
                    self._execute(self.statements.upsert_uncoded_documents, columns(uncoded))
                if self._stories:
                    # a document stored again with its stored body keeps its story
                    stored = {document.id: document.body_hash for document in state.documents}
                    self._assign_stories(
                        [
                            (doc_id, row[1], batch.signature(row[TEXT]))
                            for doc_id, row in plan.documents.items()
                            if stored.get(doc_id) != row[1]
                        ]
                    )
                if self._records:
                    self._write_records(
                        {doc_id: stored_contract(row) for doc_id, row in plan.documents.items()}
                    )
            self._execute(self.statements.upsert_sources, columns(plan.links))
            self._execute(self.statements.delete_errors, [batch.keys])
            previous = {key: document_id for key, document_id, _ in state.links}
            relinked = [
                previous[key]
                for key, target, *_ in plan.links
                if previous.get(key, target) != target
            ]
            if relinked:
                self._execute(self.statements.delete_orphans, [relinked])
                if self._records or self._stories:
                    kept = {doc for (doc,) in self._fetch(self.statements.existing, [relinked])}
                    gone = [doc_id for doc_id in relinked if doc_id not in kept]
                    if self._records:
                        self._delete_records(gone)
                    if self._stories and gone:
                        self._execute(self.statements.delete_bands, [gone])
            summary = WriteSummary(
                inserted=plan.inserted,
                updated=plan.updated,
                linked=plan.linked,
                renamed=tuple(plan.renamed),
            )
        if batch.failed:
            self._execute(
                self.statements.upsert_errors, columns([error_row(r) for r in batch.failed])
            )
        return summary

    def write_coding(self, coded: Sequence[tuple[StoredText, Result]]) -> CodingSummary:
        """Replace the coding of stored documents with the Results re-coded from them, in one
        transaction; raises StoreError E703 (nothing written) on failure.

        A failed Result leaves its document as it was. A document is written only while it has
        the body it was read with (another writer may have replaced or removed it since), and
        its records rows are rewritten only when its coding changed.
        """
        done = [(stored, result) for stored, result in coded if result.ok]
        if not done:
            return CodingSummary(failed=len(coded))
        contracts = {stored.id: result.to_dict() for stored, result in done}
        changed = {
            stored.id for stored, _ in done if coding_of(contracts[stored.id]) != stored.coding
        }
        rows = [coding_row(stored, contracts[stored.id], result.coder) for stored, result in done]
        try:
            with self._transaction():
                updated = self._fetch(self.statements.update_coding, columns(rows))
                written = {doc_id for (doc_id,) in updated}
                if self._records and changed & written:
                    self._write_records({doc_id: contracts[doc_id] for doc_id in changed & written})
        except Exception as exc:
            detail = self._describe(exc)
            raise StoreError(Errors.E703.format(db=self.db, detail=detail)) from exc
        return CodingSummary(
            recoded=len(changed & written),
            unchanged=len(written - changed),
            failed=len(coded) - len(done),
            skipped=len(done) - len(written),
        )

    def _write_records(self, contracts: Mapping[str, Mapping[str, Any]]) -> None:
        """Replace the records-table rows of these documents (id → contract) with fresh ones."""
        ids = list(contracts)
        self._delete_records(ids)
        rows = RecordRows()
        for doc_id, contract in contracts.items():
            rows.extend(record_rows(doc_id, contract))
        for table, spec in RECORD_TABLES:
            if rows.tables[table]:
                self._execute(
                    self.statements.insert_records[table], columns_of(rows.tables[table], len(spec))
                )
        for sql in self.statements.date_undated:
            self._execute(sql, [ids])
        if self._stories:
            self._execute(self.statements.story_records, [ids])

    def _assign_stories(self, documents: Sequence[tuple[str, str, stories.Signature]]) -> None:
        """Give each document (id, body hash, signature of its text), being written with a new
        body, its story, its signature and its band keys, in order.

        A document joins the story of its most similar candidate (detente.stories.best_match):
        the stored documents sharing a band key with it, read in one statement for the whole
        batch, and the documents before it in `documents`. Matching none, it starts a story
        named by its id, or ID~HHHHHHHH (8 hex digits of its body hash) when other documents
        keep a story of that name (the document's own, earlier body started it).
        """
        if not documents:
            return
        ids = [doc_id for doc_id, _, _ in documents]
        keys = [stories.band_keys(sig) for _, _, sig in documents]
        wanted = sorted({key for document_keys in keys for key in document_keys})
        by_key: defaultdict[int, list[tuple[str, str, stories.Signature]]] = defaultdict(list)
        for doc_id, story, encoded, bands in self._fetch(
            self.statements.story_candidates, [wanted, ids]
        ):
            candidate = (doc_id, story, stories.decode(encoded))
            for band in bands:
                by_key[band].append(candidate)
        taken = {story for (story,) in self._fetch(self.statements.stories_taken, [ids])}
        assigned: list[str] = []
        for (doc_id, body_hash, sig), document_keys in zip(documents, keys, strict=True):
            candidates = {c[0]: c for key in document_keys for c in by_key.get(key, ())}
            match = stories.best_match(sig, candidates.values())
            if match is not None:
                story = match.story
            else:
                story = doc_id if doc_id not in taken else f"{doc_id}~{body_hash[:8]}"
            assigned.append(story)
            for key in document_keys:
                by_key[key].append((doc_id, story, sig))
        # the documents' stored bands, if any (read before their new signatures are set)
        stale = [doc_id for (doc_id,) in self._fetch(self.statements.banded, [ids])]
        encoded_signatures = [stories.encode(sig) for _, _, sig in documents]
        self._execute(self.statements.set_stories, [ids, assigned, encoded_signatures])
        if stale:
            self._execute(self.statements.delete_bands, [stale])
        bands = [
            (key, doc_id)
            for doc_id, document_keys in zip(ids, keys, strict=True)
            for key in document_keys
        ]
        if bands:
            self._execute(self.statements.insert_bands, columns(bands))

    def _assign_stored_stories(self) -> None:
        """Stories for every stored document without one, in the order they were first stored
        (a database migrated to 0005, in the same transaction: see `_apply`)."""
        last: list[Any] = []  # created_at, id of the previous page's last row
        statements = self.statements
        while page := self._fetch(
            statements.unassigned_after if last else statements.unassigned_first,
            [*last, STORIES_PAGE],
        ):
            self._assign_stories(
                [
                    (doc_id, body_hash, stories.signature(text))
                    for doc_id, body_hash, text, _ in page
                ]
            )
            last = [page[-1][3], page[-1][0]]

    def _delete_records(self, ids: list[str]) -> None:
        if ids:
            for sql in self.statements.delete_records.values():
                self._execute(sql, [ids])

    def _rebuild_records(self) -> None:
        """Records-table rows for every stored document (a database migrated to 0002, once every
        migration pending with it is in, in the same transaction: see `_apply`)."""
        last = ""
        while page := self._fetch(self.statements.stored_contracts, [last, REBUILD_PAGE]):
            self._write_records(
                {
                    doc_id: stored_contract((published, actors, quotes, events))
                    for doc_id, published, actors, quotes, events in page
                }
            )
            last = page[-1][0]

    # -- reading --------------------------------------------------------------------------------

    def stats(self, coder: str | None = None) -> StoreStats:
        # read as `query` reads: the API asks for stats from several threads at once
        (row,) = self._read(self.statements.stats, ())
        documents, sources, duplicates, errors, words, removed = (int(value) for value in row)
        formats = {name: int(count) for name, count in self._read(self.statements.formats, ())}
        actors = quotes = events = 0
        if self._records:
            (counts,) = self._read(self.statements.record_stats, ())
            actors, quotes, events = (int(value) for value in counts)
        story_count = 0
        if self._stories:
            story_count = int(self._read(self.statements.count_stories, ())[0][0])
        return StoreStats(
            actors=actors,
            quotes=quotes,
            events=events,
            stories=story_count,
            documents=documents,
            sources=sources,
            duplicates=duplicates,
            errors=errors,
            words=words,
            removed=removed,
            schema_version=self._version,
            formats=formats,
            coder=coder,
            behind=None if coder is None else self._behind(coder, documents),
        )

    def _behind(self, coder: str, documents: int) -> int:
        if not self._coders:
            return documents  # no document records its coder: all are behind
        return int(self._read(self.statements.count_behind, [coder])[0][0])

    def documents_behind(self, coder: str, *, after: str, limit: int) -> list[StoredText]:
        sql = self._contract_sql(self.statements.documents_behind)
        rows = self._fetch(sql, [coder, after, limit])
        return [stored_text(row) for row in rows]

    @abstractmethod
    def documents(self, limit: int | None = None) -> Iterator[dict[str, Any]]:
        """Stored documents in the contract shape, by first write then id, as the database was
        when the walk started, without holding the whole table in memory."""

    def document(self, document_id: str) -> dict[str, Any] | None:
        rows = self._read(self._contract_sql(self.statements.document), [document_id])
        return contract_dict(rows[0]) if rows else None

    @property
    def dialect(self) -> str:
        return self.statements.dialect.name

    def query(self, sql: str, parameters: Sequence[Any] = ()) -> list[Row]:
        try:
            return self._read(sql, parameters)
        except self.database_error as exc:
            detail = self._describe(exc)
            raise StoreError(Errors.E710.format(db=self.db, detail=detail)) from exc

    def _contract_sql(self, sql: str) -> str:
        """A statement reading the contract fields (sql.CONTRACT_SELECT) for this database."""
        return sql if self._stories else storyless(sql)

    def _read(self, sql: str, parameters: Sequence[Any]) -> list[Row]:
        """Rows of a read-only statement; a backend whose connection is not thread-safe reads
        through a connection of the calling thread's own."""
        return self._fetch(sql, parameters)

    def error_records(self) -> list[dict[str, Any]]:
        rows = self._fetch(self.statements.error_records)
        return [
            {"source_key": key, "path": path, "stage": stage, "message": message}
            for key, path, stage, message in rows
        ]

    def _scalar(self, sql: str, parameters: Sequence[Any] | None = None) -> Any:
        rows = self._fetch(sql, parameters)
        return rows[0][0] if rows else None

    def _describe(self, exc: BaseException) -> str:
        """The first line of an exception's message; a driver's own messages name their kind."""
        lines = str(exc).strip().splitlines()
        first = lines[0] if lines else "no message"
        return first if isinstance(exc, self.database_error) else f"{type(exc).__name__}: {first}"

    # -- lifetime -------------------------------------------------------------------------------

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
