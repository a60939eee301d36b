"""What every store backend offers, and the figures it reports."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, Literal, Protocol

from detente.records import Article, Result, Source

Outcome = Literal["stored", "failed"]


@dataclass(frozen=True, slots=True)
class WriteSummary:
    """What one `Store.write` batch did, counted per Result."""

    inserted: int = 0  # new documents
    updated: int = 0  # documents replaced in place (same id)
    linked: int = 0  # sources attached to a stored document with an identical body
    errors_recorded: int = 0  # failed Results written as error records
    renamed: tuple[str, ...] = ()  # ids reused by another file's document, stored as ID~HASH


@dataclass(frozen=True, slots=True)
class StoreStats:
    """What the database holds."""

    documents: int
    sources: int  # input units stored as documents
    duplicates: int  # sources linked to a document another source already had
    errors: int  # input units whose latest run failed
    words: int  # sum over documents of len(text.split())
    removed: int  # boilerplate items dropped, over documents
    schema_version: int
    formats: dict[str, int] = field(default_factory=dict)  # sources per input format
    actors: int = 0  # actor records, quotes and events over documents
    quotes: int = 0
    events: int = 0
    stories: int = 0  # stories over documents (see detente.stories); 0 before schema 5
    coder: str | None = None  # the coder version `behind` is counted against (see detente.recode)
    behind: int | None = None  # documents another coder made (None: no coder given)


@dataclass(frozen=True, slots=True)
class StoredText:
    """A stored document as re-coding starts from it: its clean text and metadata, and the
    coding stored with it (the contract's sentences, entities, actors, quotes and events)."""

    id: str
    body_hash: str  # as stored: a write of a new coding applies only while it is unchanged
    source: Source  # the input unit the stored text came from
    article: Article
    coding: dict[str, Any]

    def result(self) -> Result:
        """A Result holding the stored article, ready for the model and the stages after it."""
        return Result(id=self.id, source=self.source, article=self.article)


@dataclass(frozen=True, slots=True)
class CodingSummary:
    """What one `Store.write_coding` batch did, counted per document."""

    recoded: int = 0  # a new coding replaced the stored one, records included
    unchanged: int = 0  # the same coding: only the coder version it carries changed
    failed: int = 0  # failed Results: their documents keep what they had
    skipped: int = 0  # replaced or removed by another writer since they were read


class Store(Protocol):
    """A database of Results. Each `write` is one transaction: a batch is stored whole or not."""

    def outcome(self, source_key: str, content_hash: str) -> Outcome | None:
        """How this input unit with this content was stored: "stored" as a document, "failed"
        as an error record, or None when it was not."""
        ...

    def is_done(self, source_key: str, content_hash: str) -> bool:
        """True when this input unit is stored with this content, as a document or an error."""
        ...

    def has_source(self, source_key: str) -> bool:
        """True when this input unit is stored as a document, whatever its content; an error
        record does not count (a unit that failed is tried again)."""
        ...

    def write(self, results: Sequence[Result]) -> WriteSummary: ...

    def stats(self, coder: str | None = None) -> StoreStats:
        """What the database holds; given a `coder` version, how many documents are behind it."""
        ...

    def documents_behind(self, coder: str, *, after: str, limit: int) -> list[StoredText]:
        """At most `limit` stored documents whose coder version is not `coder` (made by another
        coder, or before versions were recorded), by id, after the id `after` ("" first)."""
        ...

    def write_coding(self, coded: Sequence[tuple[StoredText, Result]]) -> CodingSummary:
        """Replace, in one transaction, the coding of stored documents with the Results
        re-coded from them (and their records rows, the coder version they carry); a failed
        Result leaves its document as it was. Raises StoreError E703 (nothing written)."""
        ...

    def schema_version(self) -> int: ...

    def documents(self, limit: int | None = None) -> Iterator[dict[str, Any]]:
        """Stored documents in the output-contract shape (the keys of `Result.to_dict()`)."""
        ...

    def error_records(self) -> list[dict[str, Any]]:
        """Every error record as {source_key, path, stage, message}."""
        ...

    def document(self, document_id: str) -> dict[str, Any] | None:
        """One stored document in the output-contract shape, or None when there is none."""
        ...

    @property
    def dialect(self) -> str:
        """The SQL dialect `query` takes: "duckdb" or "postgresql"."""
        ...

    def query(self, sql: str, parameters: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Rows of a read-only statement with `$n` parameters (safe from several threads at
        once); raises StoreError E710 when the database rejects it."""
        ...

    def close(self) -> None: ...

    def __enter__(self) -> Store: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None: ...
