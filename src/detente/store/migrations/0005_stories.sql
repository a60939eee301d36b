-- 0005: stories. Each document belongs to a story: the documents whose clean bodies are near
-- duplicates of each other (a wire story republished with other headlines, boilerplate and
-- small edits). detente.stories computes a document's MinHash signature and its LSH band keys;
-- the store matches a new document against the stored band keys in the document's own write
-- transaction and gives it the story of the most similar stored document, or a new story named
-- by its own id.
--
-- documents.signature is the encoded MinHash signature (detente.stories.encode); story_bands
-- holds one row per band key of each document, the index a new document is matched against.
-- Keys are BIGINT, not text: DuckDB has no index on them and scans the band column for each
-- batch written, and 64-bit integers scan 5-10 times faster than 19-character strings
-- (benchmarks/README.md, "Stories"). DuckDB's ART index on band would not serve: a batch's
-- candidates are matched against 2,000 keys at once, a scan, not point lookups.
-- events.story copies its document's story so that events of one story that agree on source,
-- target, CAMEO code and day are counted once (detente.explore, detente.export).
--
-- Documents stored before this migration get their signature, bands and story when it is
-- applied, in the order they were first stored (SqlStore._apply).

ALTER TABLE documents ADD COLUMN story VARCHAR;
ALTER TABLE documents ADD COLUMN signature VARCHAR;

CREATE TABLE story_bands (
    band BIGINT NOT NULL,                -- detente.stories.band_keys: band number and hash
    document_id VARCHAR NOT NULL
);

ALTER TABLE events ADD COLUMN story VARCHAR;

-- postgresql only
CREATE INDEX story_bands_band ON story_bands (band);
CREATE INDEX story_bands_document ON story_bands (document_id);
CREATE INDEX documents_story ON documents (story);
CREATE INDEX events_story ON events (story);
-- end postgresql only
