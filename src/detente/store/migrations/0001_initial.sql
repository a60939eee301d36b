-- 0001: documents, the input units (sources) that produced them, and error records.
--
-- Each migration runs once, in one transaction with every other pending one, and is recorded in
-- schema_migrations by the code that applies it; a migration file holds no BEGIN/COMMIT of its own.
--
-- No foreign key from sources.document_id to documents.id: DuckDB runs an upsert of a
-- referenced row as delete + insert, which a foreign key forbids. The store keeps the link
-- valid itself (every write is one transaction) and the tests check it after a kill -9.
--
-- Indexes: the primary keys serve the point look-ups a rerun makes (is_done, upserts by key);
-- body_hash is looked up for every new document to store identical bodies once. DuckDB scans
-- columns fast for everything else, and each extra index slows bulk writes.

CREATE TABLE schema_migrations (
    version INTEGER PRIMARY KEY,
    name VARCHAR NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
);

CREATE TABLE documents (
    id VARCHAR PRIMARY KEY,
    body_hash VARCHAR NOT NULL,          -- sha256 of the body, case and whitespace normalised
    source_key VARCHAR NOT NULL,         -- the input unit this stored version came from
    title VARCHAR,
    subtitle VARCHAR,
    authors JSON NOT NULL,
    publisher VARCHAR,
    published DATE,
    language VARCHAR,
    text VARCHAR NOT NULL,
    words INTEGER NOT NULL,              -- len(text.split())
    headings JSON NOT NULL,
    removed JSON NOT NULL,
    sentences JSON NOT NULL,
    entities JSON NOT NULL,
    actors JSON NOT NULL,
    quotes JSON NOT NULL,
    events JSON NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
);

CREATE INDEX documents_body_hash ON documents (body_hash);

CREATE TABLE sources (
    source_key VARCHAR PRIMARY KEY,      -- records.Source.key
    document_id VARCHAR NOT NULL,        -- documents.id
    path VARCHAR,
    url VARCHAR,
    format VARCHAR NOT NULL,
    locator VARCHAR,
    content_hash VARCHAR,                -- sha256 of the raw input: a rerun skips unchanged units
    ingested_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
);

CREATE TABLE errors (
    source_key VARCHAR PRIMARY KEY,
    path VARCHAR,
    url VARCHAR,
    format VARCHAR NOT NULL,
    locator VARCHAR,
    stage VARCHAR NOT NULL,
    message VARCHAR NOT NULL,
    content_hash VARCHAR,
    recorded_at TIMESTAMPTZ NOT NULL DEFAULT current_timestamp
);
