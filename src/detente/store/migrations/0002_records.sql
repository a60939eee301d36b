-- 0002: each document's actors, actor mentions, quotes and events as rows of their own, beside
-- the contract JSON in `documents`, so that dyad series, quote search and event listings are
-- plain SQL over typed columns (detente.explore). `documents` stays the record of truth: these
-- tables are rebuilt from it for every document written, and for every stored document when
-- this migration is applied to an existing database (SqlStore.rebuild_records).
--
-- Spans are (start_char, end_char, text) columns: offsets into documents.text, as in the
-- contract. Record ids ("A1", "Q3", "E7") are unique within their document only.
--
-- `day` is the date a record counts on in a time series: the event's own date when the text
-- gives one, else the document's publication date, else the day the document was first stored;
-- `day_basis` says which ("event", "published", "ingested"), so a series can leave out guesses.
--
-- Indexes, PostgreSQL only: document_id on the tables whose primary key does not start with it
-- (a rewritten document deletes its rows first), the codes the dyad and actor queries match by prefix (text_pattern_ops serves LIKE
-- 'RUS%' whatever the collation), and quote_terms.term, the inverted index behind ranked quote
-- search (see detente.store.terms). DuckDB scans columns with zone maps instead: on 10 million
-- events its ART indexes served none of the explore queries and took a fifth of the file
-- (benchmarks/README.md, "Queries").

CREATE TABLE actors (
    document_id VARCHAR NOT NULL,
    actor_id VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    code VARCHAR,
    country VARCHAR,
    sector VARCHAR,
    role VARCHAR,
    organization VARCHAR,
    mention_count INTEGER NOT NULL,
    rule VARCHAR,
    PRIMARY KEY (document_id, actor_id)
);

CREATE TABLE actor_mentions (
    document_id VARCHAR NOT NULL,
    actor_id VARCHAR NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text VARCHAR NOT NULL
);

CREATE TABLE quotes (
    document_id VARCHAR NOT NULL,
    quote_id VARCHAR NOT NULL,
    type VARCHAR NOT NULL,
    content_start INTEGER NOT NULL,
    content_end INTEGER NOT NULL,
    content_text VARCHAR NOT NULL,
    cue_start INTEGER,
    cue_end INTEGER,
    cue_text VARCHAR,
    speaker_actor VARCHAR,
    speaker_name VARCHAR,
    speaker_code VARCHAR,          -- the speaker actor's code, role and organisation, copied
    speaker_role VARCHAR,          -- here so that quote search needs no join
    speaker_organization VARCHAR,
    speaker_start INTEGER,
    speaker_end INTEGER,
    speaker_text VARCHAR,
    resolution VARCHAR,
    confidence DOUBLE PRECISION,
    rule VARCHAR,
    day DATE,
    day_basis VARCHAR,
    term_count INTEGER NOT NULL,   -- indexed terms in content_text (BM25 length normalisation)
    PRIMARY KEY (document_id, quote_id)
);

CREATE TABLE quote_terms (
    term VARCHAR NOT NULL,
    document_id VARCHAR NOT NULL,
    quote_id VARCHAR NOT NULL,
    frequency INTEGER NOT NULL
);

CREATE TABLE events (
    document_id VARCHAR NOT NULL,
    event_id VARCHAR NOT NULL,
    source_actor VARCHAR,
    source_name VARCHAR,
    source_code VARCHAR,
    source_text VARCHAR,
    target_actor VARCHAR,
    target_name VARCHAR,
    target_code VARCHAR,
    target_text VARCHAR,
    plover_type VARCHAR,
    plover_mode VARCHAR,
    plover_context JSON NOT NULL,
    cameo VARCHAR,
    cameo_root VARCHAR,            -- first two digits of cameo
    goldstein DOUBLE PRECISION,
    intensity DOUBLE PRECISION,
    quad_class INTEGER,
    event_date DATE,
    date_text VARCHAR,
    day DATE,
    day_basis VARCHAR,
    location_name VARCHAR,
    location_country VARCHAR,
    latitude DOUBLE PRECISION,
    longitude DOUBLE PRECISION,
    negated BOOLEAN NOT NULL,
    hypothetical BOOLEAN NOT NULL,
    future BOOLEAN NOT NULL,
    historical BOOLEAN NOT NULL,
    quote_id VARCHAR,
    evidence_start INTEGER NOT NULL,
    evidence_end INTEGER NOT NULL,
    evidence_text VARCHAR NOT NULL,
    sentence INTEGER,
    rule VARCHAR,
    confidence DOUBLE PRECISION,
    PRIMARY KEY (document_id, event_id)
);

-- postgresql only
CREATE INDEX actors_code ON actors (code text_pattern_ops);
CREATE INDEX actor_mentions_document ON actor_mentions (document_id);
CREATE INDEX quotes_speaker_code ON quotes (speaker_code text_pattern_ops);
CREATE INDEX quote_terms_term ON quote_terms (term);
CREATE INDEX quote_terms_document ON quote_terms (document_id);
CREATE INDEX events_source ON events (source_code text_pattern_ops, target_code text_pattern_ops);
CREATE INDEX events_target ON events (target_code text_pattern_ops);
CREATE INDEX events_day ON events (day);
-- end postgresql only
