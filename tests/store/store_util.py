"""Helpers for the store tests: Results built straight from the records (no spaCy), table counts."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import duckdb

from detente.records import (
    Article,
    Entity,
    ErrorRecord,
    Removed,
    Result,
    Source,
    SourceFormat,
    Span,
    document_id,
    sha256_hex,
)

SENTENCE = re.compile(r"[^.]+\.")
CAPITALISED = re.compile(r"\b[A-Z][a-z]+\b")

BODY = (
    "NATO foreign ministers met in Brussels on Tuesday. "
    "Russia called the meeting a provocation.\n\n"
    "Moscow said it would answer any new deployment. The alliance said it wanted dialogue."
)


def succeeded(
    key: str,
    text: str = BODY,
    *,
    given_id: str | None = None,
    source_format: SourceFormat = "text",
    published: str | None = "2014-12-03",
    content: str | None = None,
    removed: tuple[str, ...] = ("Source: Reuters",),
) -> Result:
    """A successful Result for the input unit `key` (a path), with sentences and entities."""
    article = Article(
        text=text,
        title=f"Title of {key}",
        subtitle="A subtitle",
        authors=["Ivan Petrov", "Jane Doe"],
        publisher="Rossiyskaya Gazeta",
        published=published,
        language="en",
        headings=[Span.of(text, 0, min(len(text), 4))],
        removed=[Removed(item, "photo-credit") for item in removed],
    )
    return Result(
        id=document_id(given_id, text),
        source=Source(path=key, format=source_format),
        article=article,
        sentences=[Span.of(text, m.start(), m.end()) for m in SENTENCE.finditer(text)],
        entities=[
            Entity(Span.of(text, m.start(), m.end()), "GPE") for m in CAPITALISED.finditer(text)
        ],
        content_hash=sha256_hex(content if content is not None else f"raw {key}\n{text}"),
    )


def failed(key: str, *messages: str, stage: str = "clean", content: str | None = "raw") -> Result:
    """A failed Result: errors and no article, as the pipeline makes them."""
    return Result(
        id=None,
        source=Source(path=key, format="html"),
        errors=[ErrorRecord(stage, message) for message in messages],
        content_hash=None if content is None else sha256_hex(content),
    )


def batch_of(number: int, size: int) -> list[Result]:
    """Batch `number` of a synthetic corpus: `size` distinct documents, the same on every call."""
    return [
        succeeded(
            f"corpus/batch{number:04d}/doc{index:03d}.txt",
            f"Document {index} of batch {number}. " + BODY * 4,
        )
        for index in range(size)
    ]


def query(db: Path, sql: str) -> list[tuple[Any, ...]]:
    """Rows of `sql` over a separate read-only connection (the store must be closed)."""
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def table_counts(db: Path) -> dict[str, int]:
    """Row counts of the three data tables."""
    return {
        table: int(query(db, f"SELECT count(*) FROM {table}")[0][0])
        for table in ("documents", "sources", "errors")
    }
