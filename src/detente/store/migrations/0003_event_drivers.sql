-- 0003: what drove each event's coding decision, beside the event: a JSON list of
-- {"feature", "weight"} as in the contract's events[].drivers (docs/CONTRACT.md). Events stored
-- before this migration were coded without drivers; they get the empty list.
--
-- A database getting the records tables (0002) gets this column in the same transaction,
-- before its records are rebuilt (see SqlStore._apply).

ALTER TABLE events ADD COLUMN drivers JSON NOT NULL DEFAULT '[]';
