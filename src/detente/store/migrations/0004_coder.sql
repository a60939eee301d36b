-- 0004: the version of the coder that made each document's sentences, entities, actors, quotes
-- and events (detente.recode.coder_version: detente's version, the spaCy model, the event coder
-- and content hashes of the dictionaries, rules and model it read). Its records rows (0002) are
-- rewritten with the document, so they carry the same version. `detente recode` re-codes the
-- documents whose version is not the current one; `detente stats` counts them.
--
-- Documents stored before this migration were coded by a version nobody recorded: NULL, which
-- counts as behind any current version.

ALTER TABLE documents ADD COLUMN coder VARCHAR;
