"""Every statement the store runs, written once and rendered for each SQL dialect.

DuckDB and PostgreSQL share almost all of it: `$n` placeholders (psycopg's raw cursors take
them too), `INSERT … ON CONFLICT … DO UPDATE`, set-returning `unnest` in a select list, and
information_schema. What differs is a `Dialect`: the type the contract's lists are stored as
(DuckDB's JSON keeps the text as written; PostgreSQL's JSONB is parsed once and can be indexed
and queried fast), the function counting a JSON array, and how `outcome` is best asked.
Migration files are written with `JSON` and get the dialect's type name in place of it
(`migration_sql`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from detente.store.record_rows import RECORD_TABLES
from detente.store.rows import (
    CODING_COLUMNS,
    CONTRACT_DOCUMENT_COLUMNS,
    CONTRACT_SOURCE_COLUMNS,
    DOCUMENT_COLUMNS,
    ERROR_COLUMNS,
    SOURCE_COLUMNS,
)

JSON_TYPE = re.compile(r"\bJSON\b")
# A document's contract fields (documents `d`) and its source's (sources `s`, joined by
# SOURCE_JOIN): what a documents walk and a single document read. A database older than 0005
# has no story column: `storyless` reads NULL in its place.
CONTRACT_SELECT = (
    f"SELECT {', '.join('d.' + name for name in CONTRACT_DOCUMENT_COLUMNS)}, "
    f"{', '.join('s.' + name for name in CONTRACT_SOURCE_COLUMNS)}"
)
SOURCE_JOIN = "LEFT JOIN sources s ON s.source_key = d.source_key"
STORY_COLUMN = "d.story"
# A block of a migration file that only PostgreSQL runs (its indexes, say).
POSTGRESQL_ONLY = re.compile(
    r"^-- postgresql only\n(?P<body>.*?)^-- end postgresql only\n", re.DOTALL | re.MULTILINE
)


@dataclass(frozen=True, slots=True)
class Dialect:
    name: str
    json_type: str  # column type of the contract's lists
    json_length: str  # function giving the length of a JSON array of that type
    # statements tried in turn, each giving the outcome 'stored' or 'failed' (or NULL / no row)
    outcome: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Statements:
    """The store's statements in one dialect; parameter lists are documented where they are run."""

    dialect: Dialect
    upsert_documents: str
    upsert_uncoded_documents: str  # a database older than 0004: no coder column
    upsert_sources: str
    upsert_errors: str
    has_source: str
    find_documents: str
    find_links: str
    delete_errors: str
    delete_orphans: str
    stats: str
    record_stats: str
    formats: str
    documents: str
    document: str
    insert_records: dict[str, str]  # records table → columnar insert
    delete_records: dict[str, str]  # records table → delete of the rows of documents $1
    date_undated: tuple[str, ...]  # records of documents $1 without a day get their stored day
    story_records: str  # events of documents $1 get their document's story
    story_all_records: str  # every event gets its document's story (0005 applied)
    story_candidates: str
    stories_taken: str
    set_stories: str
    banded: str
    delete_bands: str
    insert_bands: str
    unassigned_first: str  # 0005 applied: documents without a story, first stored first
    unassigned_after: str
    count_stories: str
    stored_contracts: str
    existing: str
    count_behind: str
    documents_behind: str
    update_coding: str
    error_records: str
    migrations_table_exists: str
    applied_versions: str
    record_migration: str


def storyless(sql: str) -> str:
    """A statement reading CONTRACT_SELECT, for a database older than 0005: no story."""
    return sql.replace(STORY_COLUMN, "CAST(NULL AS VARCHAR)")


def migration_sql(sql: str, dialect: Dialect) -> str:
    """A migration file's text for `dialect`: its JSON columns get the dialect's JSON type, and
    its `-- postgresql only` … `-- end postgresql only` blocks run on PostgreSQL alone."""
    kept = POSTGRESQL_ONLY.sub(r"\g<body>" if dialect.name == "postgresql" else "", sql)
    return JSON_TYPE.sub(dialect.json_type, kept)


def _columnar_select(spec: tuple[tuple[str, str], ...], dialect: Dialect) -> str:
    """SELECT of one row per list element, parameter $i holding column i; JSON goes as text."""
    parts = []
    for position, (name, sql_type) in enumerate(spec, start=1):
        list_type = "VARCHAR" if sql_type == "JSON" else sql_type
        row_type = dialect.json_type if sql_type == "JSON" else sql_type
        parts.append(f"unnest(${position}::{list_type}[])::{row_type} AS {name}")
    return "SELECT " + ", ".join(parts)


def _upsert(
    table: str, spec: tuple[tuple[str, str], ...], key: str, stamp: str, dialect: Dialect
) -> str:
    """Columnar insert replacing the row with the same key; `stamp` gets the transaction time."""
    names = ", ".join(name for name, _ in spec)
    updates = [f"{name} = excluded.{name}" for name, _ in spec if name != key]
    updates.append(f"{stamp} = now()")
    return (
        f"INSERT INTO {table} ({names}) {_columnar_select(spec, dialect)} "
        f"ON CONFLICT ({key}) DO UPDATE SET {', '.join(updates)}"
    )


def _update_coding(dialect: Dialect) -> str:
    """Columnar update of the CODING_COLUMNS of the documents that still have the body hash
    they were read with, giving their ids."""
    names = [name for name, _ in CODING_COLUMNS if name not in ("id", "body_hash")]
    sets = ", ".join(f"{name} = fresh.{name}" for name in names)
    return (
        f"UPDATE documents SET {sets}, updated_at = now() "
        f"FROM ({_columnar_select(CODING_COLUMNS, dialect)}) AS fresh "
        "WHERE documents.id = fresh.id AND documents.body_hash = fresh.body_hash "
        "RETURNING documents.id"
    )


def duckdb_documents_page(*, after: bool) -> str:
    """DuckDB: a page of documents (at most $1 rows; `after`: $3, past the key ($1 created_at,
    $2 id) of the previous page's last row) with the source their stored text came from, by
    first write then id, each with its created_at. Keys first: the page's rowids are ranked,
    then its rows fetched by rowid, so no statement sorts the stored texts of the whole table
    (which DuckDB does in memory). `created_at >= $1` lets it skip the row groups already read.
    """
    where = "WHERE created_at >= $1 AND (created_at, id) > ($1, $2)" if after else ""
    size = "$3" if after else "$1"
    return f"""
        {CONTRACT_SELECT}, d.created_at
        FROM (SELECT rowid AS row_key FROM documents {where} ORDER BY created_at, id LIMIT {size})
            AS page
        JOIN documents d ON d.rowid = page.row_key
        {SOURCE_JOIN}
        ORDER BY d.created_at, d.id
    """


def _unassigned(*, after: bool) -> str:
    """Documents without a story, first stored first (see `unassigned_first`); `created_at >= $1`
    lets DuckDB skip the row groups already read (see duckdb_documents_page)."""
    keyed = " AND created_at >= $1 AND (created_at, id) > ($1, $2)"
    where = "WHERE story IS NULL" + (keyed if after else "")
    size = "$3" if after else "$1"
    return f"""
        SELECT d.id, d.body_hash, d.text, d.created_at
        FROM (SELECT id FROM documents {where} ORDER BY created_at, id LIMIT {size}) AS page
        JOIN documents d ON d.id = page.id
        ORDER BY d.created_at, d.id
    """


def statements(dialect: Dialect) -> Statements:
    band_match = (
        "list_contains($1::BIGINT[], band)"
        if dialect.name == "duckdb"
        else "band = ANY($1::BIGINT[])"
    )
    return Statements(
        dialect=dialect,
        upsert_documents=_upsert("documents", DOCUMENT_COLUMNS, "id", "updated_at", dialect),
        upsert_uncoded_documents=_upsert(
            "documents", DOCUMENT_COLUMNS[:-1], "id", "updated_at", dialect
        ),
        upsert_sources=_upsert("sources", SOURCE_COLUMNS, "source_key", "ingested_at", dialect),
        upsert_errors=_upsert("errors", ERROR_COLUMNS, "source_key", "recorded_at", dialect),
        has_source="SELECT 1 FROM sources WHERE source_key = $1",
        # $1 document ids, $2 body hashes → (id, body_hash, source_key, origin): the origin is
        # the file or URL the stored text came from
        find_documents="""
            SELECT d.id, d.body_hash, d.source_key, COALESCE(s.path, s.url, d.source_key)
            FROM documents d LEFT JOIN sources s ON s.source_key = d.source_key
            WHERE d.id IN (SELECT unnest($1::VARCHAR[]))
               OR d.body_hash IN (SELECT unnest($2::VARCHAR[]))
        """,
        # $1 source keys → (source_key, document_id, that document's body_hash)
        find_links="""
            SELECT s.source_key, s.document_id, d.body_hash
            FROM sources s LEFT JOIN documents d ON d.id = s.document_id
            WHERE s.source_key IN (SELECT unnest($1::VARCHAR[]))
        """,
        delete_errors="DELETE FROM errors WHERE source_key IN (SELECT unnest($1::VARCHAR[]))",
        # A document none of its sources points to any more (its file changed) is superseded.
        delete_orphans="""
            DELETE FROM documents WHERE id IN (SELECT unnest($1::VARCHAR[]))
            AND NOT EXISTS (SELECT 1 FROM sources WHERE sources.document_id = documents.id)
        """,
        stats=f"""
            SELECT
                (SELECT count(*) FROM documents),
                (SELECT count(*) FROM sources),
                (SELECT count(*) - count(DISTINCT document_id) FROM sources),
                (SELECT count(*) FROM errors),
                (SELECT coalesce(sum(words), 0) FROM documents),
                (SELECT coalesce(sum({dialect.json_length}(removed)), 0) FROM documents)
        """,
        record_stats="""
            SELECT (SELECT count(*) FROM actors), (SELECT count(*) FROM quotes),
                   (SELECT count(*) FROM events)
        """,
        formats="SELECT format, count(*) FROM sources GROUP BY format",
        # Each document with the source its stored text came from: by first write, then by id
        # (PostgreSQL's whole-table walk; DuckDB walks by key, see duckdb_documents_page).
        documents=f"""
            {CONTRACT_SELECT}
            FROM documents d
            {SOURCE_JOIN}
            ORDER BY d.created_at, d.id
            LIMIT $1
        """,
        document=f"""
            {CONTRACT_SELECT}
            FROM documents d
            {SOURCE_JOIN}
            WHERE d.id = $1
        """,
        insert_records={
            table: f"INSERT INTO {table} ({', '.join(name for name, _ in spec)}) "
            f"{_columnar_select(spec, dialect)}"
            for table, spec in RECORD_TABLES
        },
        delete_records={
            table: f"DELETE FROM {table} WHERE document_id IN (SELECT unnest($1::VARCHAR[]))"
            for table, _ in RECORD_TABLES
        },
        date_undated=tuple(
            f"""
            UPDATE {table} SET day = CAST(written.created_at AS DATE), day_basis = 'ingested'
            FROM (
                SELECT id, created_at FROM documents
                WHERE id IN (SELECT unnest($1::VARCHAR[]))
            ) AS written
            WHERE {table}.document_id = written.id AND {table}.day IS NULL
            """
            for table in ("quotes", "events")
        ),
        story_records="""
            UPDATE events SET story = written.story
            FROM (
                SELECT id, story FROM documents WHERE id IN (SELECT unnest($1::VARCHAR[]))
            ) AS written
            WHERE events.document_id = written.id
        """,
        story_all_records="""
            UPDATE events SET story = documents.story
            FROM documents WHERE events.document_id = documents.id
        """,
        # $1 band keys, $2 ids of documents being rewritten (their stored bands are stale) →
        # (id, story, signature, its band keys among $1) of each stored document sharing a key.
        # The band rows are matched first, then joined to their few documents. On DuckDB (no
        # index: a scan of story_bands per batch) list_contains is a filter in the scan, which
        # reads document_id of the matching rows only; `IN (SELECT unnest(…))` is a join that
        # reads it for every row, five times slower at 100,000 documents (benchmarks/README.md,
        # "Stories"). PostgreSQL looks `= ANY` up in its index on band.
        story_candidates=f"""
            SELECT d.id, d.story, d.signature, b.bands
            FROM (
                SELECT document_id, array_agg(band) AS bands FROM story_bands
                WHERE {band_match}
                  AND document_id NOT IN (SELECT unnest($2::VARCHAR[]))
                GROUP BY document_id
            ) AS b
            JOIN documents d ON d.id = b.document_id
        """,
        # $1 ids of documents being rewritten → those of them a story of other documents is
        # named by (a document starting a story cannot take that name)
        stories_taken="""
            SELECT DISTINCT story FROM documents
            WHERE story IN (SELECT unnest($1::VARCHAR[]))
              AND id NOT IN (SELECT unnest($1::VARCHAR[]))
        """,
        # $1 ids, $2 stories, $3 encoded signatures
        set_stories="""
            UPDATE documents SET story = fresh.story, signature = fresh.signature
            FROM (
                SELECT unnest($1::VARCHAR[]) AS id, unnest($2::VARCHAR[]) AS story,
                       unnest($3::VARCHAR[]) AS signature
            ) AS fresh
            WHERE documents.id = fresh.id
        """,
        # $1 ids → those of them stored with a signature, so with band rows (a new document has
        # none: deleting its bands would scan story_bands' document ids for nothing, on DuckDB as
        # costly as the candidate lookup)
        banded="""
            SELECT id FROM documents
            WHERE id IN (SELECT unnest($1::VARCHAR[])) AND signature IS NOT NULL
        """,
        delete_bands="DELETE FROM story_bands WHERE document_id IN (SELECT unnest($1::VARCHAR[]))",
        # $1 band keys, $2 their document ids
        insert_bands="""
            INSERT INTO story_bands (band, document_id)
            SELECT unnest($1::BIGINT[]), unnest($2::VARCHAR[])
        """,
        # [$1 created_at, $2 id of the previous page's last row,] page size → (id, body_hash,
        # text, created_at), keys first so that no statement sorts stored texts
        unassigned_first=_unassigned(after=False),
        unassigned_after=_unassigned(after=True),
        count_stories="SELECT count(DISTINCT story) FROM documents",
        # $1 the last id of the previous page ('' first), $2 page size → id and the contract
        # fields that records are built from
        stored_contracts="""
            SELECT id, published, actors, quotes, events FROM documents
            WHERE id > $1 ORDER BY id LIMIT $2
        """,
        existing="SELECT id FROM documents WHERE id IN (SELECT unnest($1::VARCHAR[]))",
        # $1 the current coder version; NULL (stored before versions were) counts as behind
        count_behind="SELECT count(*) FROM documents WHERE coder IS DISTINCT FROM $1",
        # $1 the current coder version, $2 the last id of the previous page ('' first), $3 page
        # size → the contract fields and the body hash of documents behind it; keys first, so no
        # statement sorts stored texts (see duckdb_documents_page)
        documents_behind=f"""
            {CONTRACT_SELECT}, d.body_hash
            FROM (
                SELECT id FROM documents WHERE id > $2 AND coder IS DISTINCT FROM $1
                ORDER BY id LIMIT $3
            ) AS page
            JOIN documents d ON d.id = page.id
            {SOURCE_JOIN}
            ORDER BY d.id
        """,
        update_coding=_update_coding(dialect),
        error_records="SELECT source_key, path, stage, message FROM errors ORDER BY source_key",
        migrations_table_exists="""
            SELECT count(*) > 0 FROM information_schema.tables
            WHERE table_catalog = current_database() AND table_schema = current_schema()
              AND table_name = 'schema_migrations'
        """,
        applied_versions="SELECT version, name FROM schema_migrations",
        record_migration="INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
    )


DUCKDB = statements(
    Dialect(
        name="duckdb",
        json_type="JSON",
        json_length="json_array_length",
        # Two primary-key look-ups beat one statement combining them: DuckDB plans each
        # statement anew. A stored source first: what a rerun mostly meets.
        outcome=(
            "SELECT 'stored' FROM sources WHERE source_key = $1 AND content_hash = $2",
            "SELECT 'failed' FROM errors WHERE source_key = $1 AND content_hash = $2",
        ),
    )
)
POSTGRES = statements(
    Dialect(
        name="postgresql",
        json_type="JSONB",
        json_length="jsonb_array_length",
        # One round trip to the server instead of two; both look-ups use a primary key.
        outcome=(
            """
            SELECT CASE
                WHEN EXISTS (SELECT 1 FROM sources WHERE source_key = $1 AND content_hash = $2)
                THEN 'stored'
                WHEN EXISTS (SELECT 1 FROM errors WHERE source_key = $1 AND content_hash = $2)
                THEN 'failed'
            END
            """,
        ),
    )
)
