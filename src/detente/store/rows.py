"""Results as table rows, and stored rows back as output-contract dicts.

The column lists here match migrations/0001_initial.sql and the columns later migrations add
(0004: documents.coder); `contract_dict` rebuilds exactly what `Result.to_dict()` gave for a
stored document, plus the story the store gave it (0005: documents.story, written apart from
these columns, see SqlStore._assign_stories).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, cast, overload

from detente.dates import parse_date
from detente.records import Article, Removed, Result, SourceFormat, Span
from detente.records import Source as SourceRecord
from detente.store.base import StoredText

# A lone surrogate (a JSON "\ud800" escape in the input) cannot be encoded as UTF-8, which both
# databases require, and PostgreSQL stores no NUL character in text or JSONB. Either becomes
# U+FFFD, of the same length, so every span offset stays valid.
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
# json.dumps writes a NUL as the escape \u0000: one not itself preceded by an escaped backslash.
NUL_ESCAPE = re.compile(r"(?<!\\)((?:\\\\)*)\\u0000")

# (column, SQL type) in insert order. JSON columns hold lists as the contract gives them.
DOCUMENT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "VARCHAR"),
    ("body_hash", "VARCHAR"),
    ("source_key", "VARCHAR"),
    ("title", "VARCHAR"),
    ("subtitle", "VARCHAR"),
    ("authors", "JSON"),
    ("publisher", "VARCHAR"),
    ("published", "DATE"),
    ("language", "VARCHAR"),
    ("text", "VARCHAR"),
    ("words", "INTEGER"),
    ("headings", "JSON"),
    ("removed", "JSON"),
    ("sentences", "JSON"),
    ("entities", "JSON"),
    ("actors", "JSON"),
    ("quotes", "JSON"),
    ("events", "JSON"),
    ("coder", "VARCHAR"),  # last: a database without it (older than 0004) is written without
)
SOURCE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("source_key", "VARCHAR"),
    ("document_id", "VARCHAR"),
    ("path", "VARCHAR"),
    ("url", "VARCHAR"),
    ("format", "VARCHAR"),
    ("locator", "VARCHAR"),
    ("content_hash", "VARCHAR"),
)
ERROR_COLUMNS: tuple[tuple[str, str], ...] = (
    ("source_key", "VARCHAR"),
    ("path", "VARCHAR"),
    ("url", "VARCHAR"),
    ("format", "VARCHAR"),
    ("locator", "VARCHAR"),
    ("stage", "VARCHAR"),
    ("message", "VARCHAR"),
    ("content_hash", "VARCHAR"),
)
# What `contract_dict` reads: a document's columns, then its source's. `story` (0005) is the
# store's own: a Result knows none (see detente.stories).
CONTRACT_DOCUMENT_COLUMNS: tuple[str, ...] = (
    "id",
    "story",
    "title",
    "subtitle",
    "authors",
    "publisher",
    "published",
    "language",
    "text",
    "headings",
    "removed",
    "sentences",
    "entities",
    "actors",
    "quotes",
    "events",
)
CONTRACT_SOURCE_COLUMNS: tuple[str, ...] = ("path", "url", "format", "locator")
# What re-coding a document replaces (the contract fields the model and the stages after it
# make), keyed by id and the body hash it was read with.
CODING_FIELDS: tuple[str, ...] = ("sentences", "entities", "actors", "quotes", "events")
CODING_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "VARCHAR"),
    ("body_hash", "VARCHAR"),
    *((name, "JSON") for name in CODING_FIELDS),
    ("coder", "VARCHAR"),
)
JSON_COLUMNS = frozenset(name for name, sql_type in DOCUMENT_COLUMNS if sql_type == "JSON")

Row = tuple[Any, ...]


@overload
def storable(text: str) -> str: ...
@overload
def storable(text: None) -> None: ...
def storable(text: str | None) -> str | None:
    """The text with NULs and lone surrogates made U+FFFD (see UNSTORABLE)."""
    return None if text is None else UNSTORABLE.sub("\ufffd", text)


def to_json(value: Any) -> str:
    """`value` as JSON text, its strings made storable as `storable` makes text."""
    text = UNSTORABLE.sub("\ufffd", json.dumps(value, ensure_ascii=False))
    return NUL_ESCAPE.sub(r"\1\\ufffd", text) if "\\u0000" in text else text


def published_date(value: str | None) -> date | None:
    """The publication date as a DATE; a value that is not an ISO date is stored as NULL."""
    parsed = parse_date(value)
    return date.fromisoformat(parsed) if parsed else None


def document_row(result: Result, document_id: str, body_hash: str) -> Row:
    """The `documents` row of a successful Result, in DOCUMENT_COLUMNS order."""
    article = result.article
    if article is None:
        raise ValueError(f"{result.source.key}: a failed Result has no document row")
    contract = result.to_dict()
    values: dict[str, Any] = {
        "id": document_id,
        "body_hash": body_hash,
        "source_key": storable(result.source.key),
        "published": published_date(article.published),
        "words": len(article.text.split()),
        "coder": result.coder,
    }
    for name, sql_type in DOCUMENT_COLUMNS:
        if name not in values:
            value = contract[name]
            values[name] = to_json(value) if sql_type == "JSON" else storable(value)
    return tuple(values[name] for name, _ in DOCUMENT_COLUMNS)


def source_row(result: Result, document_id: str) -> Row:
    """The `sources` row linking a Result's input unit to its stored document."""
    source = result.source
    return (
        storable(source.key),
        document_id,
        storable(source.path),
        storable(source.url),
        source.format,
        storable(source.locator),
        result.content_hash,
    )


def error_row(result: Result) -> Row:
    """The `errors` row of a failed Result: its first error's stage, every message joined."""
    source = result.source
    stage = result.errors[0].stage if result.errors else "store"
    message = " | ".join(e.message for e in result.errors) or "no article and no error message"
    return (
        storable(source.key),
        storable(source.path),
        storable(source.url),
        source.format,
        storable(source.locator),
        stage,
        storable(message),
        result.content_hash,
    )


def columns(rows: Sequence[Row]) -> list[list[Any]]:
    """Rows turned into one list per column, the shape a columnar insert takes."""
    return [list(column) for column in zip(*rows, strict=True)]


def contract_dict(row: Row) -> dict[str, Any]:
    """A stored document (CONTRACT_DOCUMENT_COLUMNS + CONTRACT_SOURCE_COLUMNS) as the contract."""
    values = dict(zip(CONTRACT_DOCUMENT_COLUMNS + CONTRACT_SOURCE_COLUMNS, row, strict=True))
    source = SourceRecord(
        path=values["path"],
        format=cast(SourceFormat, values["format"]),
        url=values["url"],
        locator=values["locator"],
    )
    out: dict[str, Any] = {"id": values["id"], "source": source.to_dict()}
    for name in CONTRACT_DOCUMENT_COLUMNS[1:]:
        value = values[name]
        if name in JSON_COLUMNS:
            value = json.loads(value)
        elif isinstance(value, date):
            value = value.isoformat()
        out[name] = value
    for event in out["events"] or []:
        # stored before events carried drivers: the contract's empty list, last as to_dict has it
        event.setdefault("drivers", [])
    out["errors"] = []  # a stored document is a successful one
    return out


def stored_text(row: Row) -> StoredText:
    """A stored document (CONTRACT_DOCUMENT_COLUMNS + CONTRACT_SOURCE_COLUMNS, then its body
    hash) as re-coding starts from it."""
    contract = contract_dict(row[:-1])
    source = contract["source"]
    article = Article(
        text=contract["text"],
        title=contract["title"],
        subtitle=contract["subtitle"],
        authors=contract["authors"],
        publisher=contract["publisher"],
        published=contract["published"],
        language=contract["language"],
        headings=[Span(span["start"], span["end"], span["text"]) for span in contract["headings"]],
        removed=[Removed(item["text"], item["reason"]) for item in contract["removed"]],
    )
    return StoredText(
        id=contract["id"],
        body_hash=row[-1],
        source=SourceRecord(
            path=source["path"],
            format=source["format"],
            url=source["url"],
            locator=source.get("locator"),
        ),
        article=article,
        coding=coding_of(contract),
    )


def coding_of(contract: Mapping[str, Any]) -> dict[str, Any]:
    """The fields of a contract dict that re-coding replaces."""
    return {name: contract[name] for name in CODING_FIELDS}


def coding_row(stored: StoredText, contract: Mapping[str, Any], coder: str | None) -> Row:
    """The CODING_COLUMNS row writing a document's new coding (`contract`: its re-coded Result's
    `to_dict()`), applied only while it has the body hash it was read with."""
    coding = [to_json(contract[name]) for name in CODING_FIELDS]
    return (stored.id, stored.body_hash, *coding, coder)


def stored_contract(row: Row) -> dict[str, Any]:
    """The contract fields records are built from, out of a `documents` row (DOCUMENT_COLUMNS)
    or a (published, actors, quotes, events) tuple of stored values."""
    if len(row) == len(DOCUMENT_COLUMNS):
        values = dict(zip((name for name, _ in DOCUMENT_COLUMNS), row, strict=True))
        row = (values["published"], values["actors"], values["quotes"], values["events"])
    published, actors, quotes, events = row
    return {
        "published": published.isoformat() if isinstance(published, date) else published,
        "actors": _loaded(actors),
        "quotes": _loaded(quotes),
        "events": _loaded(events),
    }


def _loaded(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value
