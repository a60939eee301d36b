"""Helpers for the store tests: Results built straight from the records (no spaCy), and the
databases the tests run on, with ways to look inside them."""

from __future__ import annotations

import re
from dataclasses import dataclass
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
from detente.store import DuckDBStore
from detente.store.schema import PACKAGED_MIGRATIONS
from detente.store.sql_store import SqlStore

# PolNeAR's texts under ../shared: real articles on other subjects than the example's
POLNEAR = ("data", "quotes", "polnear-train", "text")
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


def stored_contract(result: Result, story: str | None = None) -> dict[str, Any]:
    """What the store gives back for `result`: its contract, with the story the store gave it
    (`story`, else a story of its own, named by its id)."""
    contract = result.to_dict()
    return {
        "id": contract["id"],
        "source": contract["source"],
        "story": story or result.id,
        **contract,
    }


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


# The corpus two concurrent writers share (test_store_concurrency.py).
BODIES = 320
WRITER_BATCH_SIZE = 16


def numbered_body(number: int) -> str:
    return f"Body {number}: the ministers met again. " + BODY


def writer_batches(name: str) -> list[list[Result]]:
    """Writer `name`'s batches: every body under a key both writers share, and the same body
    (upper-cased, under another given id) under a key of its own. Both go through
    the corpus in the same order, so they meet on the same bodies at the same time."""
    batches = []
    for start in range(0, BODIES, WRITER_BATCH_SIZE):
        numbers = range(start, start + WRITER_BATCH_SIZE)
        shared = [succeeded(f"shared/doc{n}.txt", numbered_body(n)) for n in numbers]
        own = [
            succeeded(
                f"{name}/doc{n}.json", numbered_body(n).upper() + "\n", given_id=f"{name}-{n}"
            )
            for n in numbers
        ]
        batches.append(shared + own if name == "a" else own + shared)
    return batches


@dataclass(frozen=True)
class Backend:
    """A database the store tests run on: a DuckDB file or a PostgreSQL database URL."""

    name: str  # "duckdb" or "postgresql"
    db: str | Path  # what open_store takes

    def open(self, *, read_only: bool = False, migrations_dir: Path | None = None) -> SqlStore:
        if self.name == "duckdb":
            return DuckDBStore(self.db, read_only=read_only, migrations_dir=migrations_dir)
        from detente.store.postgres_store import PostgresStore

        return PostgresStore(str(self.db), read_only=read_only, migrations_dir=migrations_dir)

    @property
    def json_type(self) -> str:
        return "json" if self.name == "duckdb" else "jsonb"

    def query(self, sql: str, parameters: list[Any] | None = None) -> list[tuple[Any, ...]]:
        """Rows of `sql` over a separate connection (for DuckDB the store must be closed)."""
        if self.name == "duckdb":
            with duckdb.connect(str(self.db), read_only=True) as con:
                return con.execute(sql, parameters).fetchall()
        import psycopg  # here: the writer subprocesses import this module and need not load it

        with psycopg.connect(str(self.db), cursor_factory=psycopg.RawCursor) as con:
            return con.execute(sql, parameters).fetchall()

    def execute(self, sql: str) -> None:
        """Run a statement that changes the database, committed."""
        if self.name == "duckdb":
            with duckdb.connect(str(self.db)) as con:
                con.execute(sql)
            return
        import psycopg

        with psycopg.connect(str(self.db), autocommit=True) as con:
            con.execute(sql.encode())  # bytes: run as written, without parameter parsing

    def tables(self) -> set[str]:
        rows = self.query(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_catalog = current_database() AND table_schema = current_schema()"
        )
        return {name for (name,) in rows}

    def column_types(self, table: str) -> dict[str, str]:
        """Column name → type, lower case."""
        rows = self.query(
            "SELECT column_name, data_type FROM information_schema.columns "
            "WHERE table_catalog = current_database() AND table_schema = current_schema() "
            "AND table_name = $1",
            [table],
        )
        return {name: data_type.lower() for name, data_type in rows}

    def table_counts(self) -> dict[str, int]:
        """Row counts of the three data tables."""
        return {
            table: int(self.query(f"SELECT count(*) FROM {table}")[0][0])
            for table in ("documents", "sources", "errors")
        }


def migrations_only(folder: Path, *names: str) -> Path:
    """A migrations folder holding only these packaged files: a database of an older version."""
    folder.mkdir()
    for name in names:
        packaged = PACKAGED_MIGRATIONS.joinpath(name).read_text(encoding="utf-8")
        (folder / name).write_text(packaged, encoding="utf-8")
    return folder


# The example article and near duplicates of it (test_store_stories*.py).


def article_body() -> str:
    """The example article's body, without its headline and the lines repeated above it."""
    # here: the writer subprocesses import this module with tests/store alone on their path
    from shared_data import ARTICLE

    text = ARTICLE.read_text(encoding="utf-8")
    return text[text.index("The recent meeting") :].strip()


def headlined(body: str) -> str:
    """`body` as another site prints it: its own headline and boilerplate around it."""
    return (
        "Barely on speaking terms: A rough road ahead for Russia and NATO\n\n"
        "Share this article on Facebook. Follow us on Twitter.\n\n"
        f"{body}\n\n"
        "Subscribe to our newsletter for the day's top stories.\n\nAll rights reserved."
    )


def edited(body: str) -> str:
    """`body` with a few words edited."""
    for old, new in (
        ("recent meeting", "latest meeting"),
        ("deep freeze", "cold"),
        ("next few years", "coming years"),
    ):
        assert old in body
        body = body.replace(old, new, 1)
    return body
