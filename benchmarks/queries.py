"""Query speed on a synthetic database: dyad series, top lists, event pages and quote search.

    python benchmarks/queries.py [--events 10000000] [--quotes N] [--db PATH] [--keep] [--repeat 5]

The database is created by `open_store` (the real schema and migrations), then filled in SQL:
INSERT … SELECT from range(N), every column drawn with hash() from the row number (10 million
events load in about 3.5 minutes on 2 cores). What is drawn, and from where:
  actors     ~150 countries from the bundled Phoenix dictionary, Zipf-weighted with the countries
             most in the news on top (USA, RUS, CHN, UKR, …), each bare or with a sector (GOV,
             MIL, BUS, …), plus IGOs (IGOWSTNAT, IGOUNO, IGOEUREEC, …); a document has a cast
             of CAST_SIZE of them, which its events' sources and targets are drawn from, and
             one actor more per quote speaker
  events     5 per document; CAMEO codes with GDELT's root shares (verbal cooperation most
             common), Goldstein, PLOVER and intensity from the bundled tables; days 2015–2026,
             the volume growing over time; day_basis mostly 'published'
  quotes     --quotes of them (default events/5) on random documents, text drawn word by word
             from the tokens of the example article and the zyte-dev pages (Zipf over their
             ranks) with a few topical words at fixed ranks; speakers are Phoenix office
             holders; quote_terms are computed in SQL from the stored text and checked against
             detente.store.terms.index_terms on a sample
Documents hold a short title as their text and no contract JSON records (spans do not index
them); one in five joins the story of the document before it (events counted once per story,
detente.explore.merge); rows are inserted in document order, which is not day order (as an
archive backfill).
Secondary indexes the migrations create, if any, are dropped while loading and built again after.
Then each query runs once to warm up and --repeat times; its median and the rows it returned
are printed, with the goal check: a dyad series over all years in < 0.5 s.
"""

from __future__ import annotations

import argparse
import bisect
import json
import multiprocessing
import os
import resource
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

import duckdb

from detente.events import event_tables, quad_class
from detente.explore import (
    actor_network,
    document_view,
    dyad_series,
    list_events,
    search_quotes,
    top_actors,
    top_dyads,
)
from detente.store import Store, open_store
from detente.store.terms import index_terms

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
PACKAGE_DATA = REPO / "src" / "detente" / "data"
GOAL_SECONDS = 0.5

EVENTS_PER_DOCUMENT = 5
CAST_SIZE = 4  # actors a document's events are among; its quotes' speakers come on top
FIRST_DAY = date(2015, 1, 1)
LAST_DAY = date(2026, 11, 30)
SLOTS = 100_000  # resolution of every drawn distribution: an item of weight w gets w·SLOTS slots

# Countries most in international news, in order; the rest of the ~150 follow alphabetically.
TOP_COUNTRIES = (
    "USA", "RUS", "CHN", "UKR", "GBR", "ISR", "IRN", "FRA", "DEU", "SYR",
    "TUR", "IND", "PAK", "JPN", "PRK", "KOR", "SAU", "IRQ", "AFG", "PSE",
    "EGY", "CAN", "AUS", "ITA", "POL", "BLR", "VEN", "QAT", "LBN", "YEM",
)  # fmt: skip
COUNTRIES = 150
# (sector code, share of a country's actors, label in the actor's name)
SECTORS = (
    ("", 0.36, ""),
    ("GOV", 0.30, "government"),
    ("MIL", 0.10, "military"),
    ("BUS", 0.05, "business"),
    ("MED", 0.05, "media"),
    ("OPP", 0.04, "opposition"),
    ("REB", 0.03, "rebels"),
    ("COP", 0.03, "police"),
    ("JUD", 0.02, "judiciary"),
    ("EDU", 0.01, "academics"),
    ("CVL", 0.01, "civilians"),
)
IGO_SHARE = 0.08
IGOS = (
    ("IGOWSTNAT", "NATO", 0.30),
    ("IGOUNO", "United Nations", 0.25),
    ("IGOEUREEC", "European Union", 0.20),
    ("IGOEURSCE", "OSCE", 0.07),
    ("IGOBUSIMF", "IMF", 0.07),
    ("IGOAFRAFU", "African Union", 0.06),
    ("IGOMEAARL", "Arab League", 0.05),
)
# Share of events per CAMEO root, roughly GDELT's: QuadClass 1 ≈ 60 %, 2 ≈ 8 %, 3 ≈ 13 %, 4 ≈ 15 %.
ROOT_SHARES = {
    "01": 19.0, "02": 6.0, "03": 6.0, "04": 20.0, "05": 9.0,
    "06": 2.0, "07": 3.0, "08": 3.0,
    "09": 1.5, "10": 1.5, "11": 6.0, "12": 2.0, "13": 1.5,
    "14": 2.0, "15": 0.5, "16": 1.5, "17": 4.0, "18": 3.0, "19": 4.0, "20": 0.1,
}  # fmt: skip
VOCABULARY = 5000
ARTICLE_WEIGHT = 20  # a token of the example article counts as this many of the zyte pages
# Words of international news put at fixed Zipf ranks: the example article lacks some of them.
TOPICAL_RANKS = {"sanctions": 150, "ceasefire": 400, "missile": 250, "treaty": 300}
SPEAKERS_PER_COUNTRY = 40
SPEAKER_COUNTRIES = 40
ROLES = ("foreign minister", "spokesperson", "ambassador", "president", "defence minister")
MB = 1024 * 1024


# -- distributions, built in Python from the bundled data -------------------------------------


def zipf(count: int, exponent: float = 1.0) -> list[float]:
    return [1.0 / (rank**exponent) for rank in range(1, count + 1)]


def slot_items(weights: Sequence[float]) -> list[int]:
    """For each of SLOTS slots the index of the item it draws: item i gets a share weights[i]."""
    total = sum(weights)
    bounds, running = [], 0.0
    for weight in weights:
        running += weight / total
        bounds.append(running)
    return [
        min(bisect.bisect(bounds, (slot + 0.5) / SLOTS), len(weights) - 1) for slot in range(SLOTS)
    ]


def dictionary_rows(name: str, kind: str, since: int = 0) -> list[tuple[str, str]]:
    """(entry name, current code) of the Phoenix entries of one kind that have a current code:
    one without dates, or open-ended from the year `since` on (an office still held)."""
    rows = []
    for line in (PACKAGE_DATA / "actors" / name).read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if line.startswith("#") or len(fields) < 4 or fields[0] != "actor" or fields[2] != kind:
            continue
        current = [
            code
            for code, _, dates in (token.partition("@") for token in fields[3].split())
            if (not dates and not since) or (dates.endswith("..") and dates[:4] >= str(since))
        ]
        if current:
            rows.append((fields[1], current[-1]))
    return rows


def display_name(entry: str) -> str:
    words = entry.replace("_", " ").lower().split()
    return " ".join(
        w if i and w in ("of", "and", "the") else w.capitalize() for i, w in enumerate(words)
    )


def countries() -> list[tuple[str, str]]:
    """(code, name) of COUNTRIES countries, TOP_COUNTRIES first."""
    names: dict[str, str] = {}
    for entry, code in dictionary_rows("Phoenix.Countries.tsv", "state"):
        if len(code) == 3 and code.isalpha():
            names.setdefault(code, display_name(entry))
    rest = sorted(code for code in names if code not in TOP_COUNTRIES)
    return [(code, names[code]) for code in [*TOP_COUNTRIES, *rest][:COUNTRIES]]


def actor_pool() -> list[tuple[str, str, str, str | None, str | None]]:
    """(code, name, kind, country, sector) per slot."""
    items: list[tuple[str, str, str, str | None, str | None]] = []
    weights: list[float] = []
    for (code, name), weight in zip(countries(), zipf(COUNTRIES), strict=True):
        for sector, share, label in SECTORS:
            kind = "state" if not sector else "group"
            full = f"{name} {label}" if label else name
            items.append((code + sector, full, kind, code, sector or None))
            weights.append((1 - IGO_SHARE) * weight * share)
    country_total = sum(weights) / (1 - IGO_SHARE)
    for code, name, share in IGOS:
        items.append((code, name, "organization", None, None))
        weights.append(country_total * IGO_SHARE * share)
    return [items[index] for index in slot_items(weights)]


def cameo_verbs() -> dict[str, str]:
    """A verb for each CAMEO code of the bundled verb dictionary (its first verb coded so)."""
    blocks: dict[str, str] = {}
    verbs: dict[str, str] = {}
    path = PACKAGE_DATA / "events" / "cameo_verbs.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if fields[0] == "block" and len(fields) >= 3:
            blocks[fields[1]] = fields[2]
        elif fields[0] == "verb" and len(fields) >= 4:
            code = fields[4] if len(fields) > 4 and fields[4] else blocks.get(fields[2], "---")
            verbs.setdefault(code, fields[3].replace("+", "").replace("_", " "))
    return verbs


def cameo_pool() -> list[tuple[Any, ...]]:
    """(cameo, root, goldstein, quad_class, plover type, mode, context JSON, intensity, verb) per
    slot: a root by ROOT_SHARES, then one of its 3–4 digit codes uniformly."""
    tables = event_tables()
    verbs = cameo_verbs()
    items: list[tuple[Any, ...]] = []
    weights: list[float] = []
    for root, share in ROOT_SHARES.items():
        codes = sorted(c for c in tables.goldstein if c.startswith(root) and len(c) >= 3)
        for code in codes:
            plover = tables.plover_of(code)
            verb = verbs.get(code) or verbs.get(code[:3]) or verbs.get(root) or "act toward"
            items.append(
                (
                    code,
                    root,
                    tables.goldstein_of(code),
                    quad_class(code),
                    plover.type if plover else None,
                    plover.mode if plover else None,
                    json.dumps(list(plover.context) if plover else []),
                    tables.intensity_of(plover),
                    verb,
                )
            )
            weights.append(share / len(codes))
    return [items[index] for index in slot_items(weights)]


def corpus_tokens() -> Counter[str]:
    """Whitespace tokens of the example article (weighted) and the zyte-dev bodies, as written
    (some zyte-dev pages are not in English: vocabulary() keeps ASCII tokens)."""
    article = (REPO / "examples" / "rbth_russia_nato.txt").read_text(encoding="utf-8")
    counts = Counter({token: ARTICLE_WEIGHT * n for token, n in Counter(article.split()).items()})
    truth = SHARED / "data" / "extraction" / "zyte-dev" / "ground-truth.json"
    if truth.exists():
        for page in json.loads(truth.read_text(encoding="utf-8")).values():
            counts.update(page["articleBody"].split())
    return counts


def vocabulary() -> list[str]:
    """VOCABULARY tokens by rank: the corpus's most frequent ones, TOPICAL_RANKS put in place."""
    ranked = [
        token
        for token, _ in corpus_tokens().most_common()
        if token.isascii() and token.lower() not in TOPICAL_RANKS
    ]
    ranked = ranked[: VOCABULARY - len(TOPICAL_RANKS)]
    for word, rank in sorted(TOPICAL_RANKS.items(), key=lambda item: item[1]):
        ranked.insert(rank - 1, word)
    return ranked


def speaker_pool() -> list[tuple[str | None, ...]]:
    """(name, code, role, organization, resolution) per slot: 75 % office holders with their
    code, 10 % a country's government, 5 % uncoded persons, 10 % no speaker."""
    top = countries()[:SPEAKER_COUNTRIES]
    country_names = dict(top)
    by_country: dict[str, list[tuple[str, str]]] = {code: [] for code, _ in top}
    for entry, code in dictionary_rows("Phoenix.Countries.tsv", "person", since=2000):
        people = by_country.get(code[:3])
        if people is not None and len(people) < SPEAKERS_PER_COUNTRY and len(code) > 3:
            people.append((display_name(entry), code))
    items: list[tuple[str | None, ...]] = []
    weights: list[float] = []
    for (country, name), country_weight in zip(top, zipf(len(top)), strict=True):
        people = by_country[country]
        for rank, ((full, code), weight) in enumerate(zip(people, zipf(len(people)), strict=True)):
            role = ROLES[rank % len(ROLES)] if rank % 3 else None
            organization = country_names[country] if rank % 2 else None
            share = country_weight * weight / sum(zipf(len(people)))
            items.append((full, code, role, organization, "explicit"))
            weights.append(0.75 * share)
            items.append((full, None, role, None, "according-to"))
            weights.append(0.05 * share)
        items.append((f"{name} government", f"{country}GOV", None, name, "role"))
        weights.append(0.10 * country_weight)
    scale = sum(weights) / 0.9
    items.append((None, None, None, None, None))
    weights.append(0.10 * scale)
    return [items[index] for index in slot_items(weights)]


# -- loading ----------------------------------------------------------------------------------


def pool_table(
    con: duckdb.DuckDBPyConnection, name: str, columns: str, rows: Sequence[Sequence[Any]]
) -> None:
    """A temp table `name` with `columns` ("name TYPE, …") and a first column `slot` (0, 1, …),
    inserted as one list per column (DuckDB's executemany takes minutes for 100,000 rows)."""
    spec = [column.split() for column in columns.split(", ")]
    values = [list(range(len(rows))), *(list(column) for column in zip(*rows, strict=True))]
    selects = ", ".join(
        f"unnest(${i}::{kind}[]) AS {column}"
        for i, (column, kind) in enumerate([("slot", "INTEGER"), *spec], start=1)
    )
    con.execute(f"CREATE TEMP TABLE {name} AS SELECT {selects}", values)


def create_pools(con: duckdb.DuckDBPyConnection) -> None:
    """Temp tables the generator draws from."""
    pool_table(
        con,
        "actor_pool",
        "code VARCHAR, name VARCHAR, kind VARCHAR, country VARCHAR, sector VARCHAR",
        actor_pool(),
    )
    pool_table(
        con,
        "cameo_pool",
        "cameo VARCHAR, root VARCHAR, goldstein DOUBLE, quad_class INTEGER, "
        "plover_type VARCHAR, plover_mode VARCHAR, plover_context VARCHAR, intensity DOUBLE, "
        "verb VARCHAR",
        cameo_pool(),
    )
    pool_table(
        con,
        "speaker_pool",
        "name VARCHAR, code VARCHAR, role VARCHAR, organization VARCHAR, resolution VARCHAR",
        speaker_pool(),
    )
    words = vocabulary()
    word_slots = slot_items(zipf(len(words)))
    con.execute(
        "CREATE TEMP TABLE word_pool AS SELECT list(word ORDER BY slot) AS words "
        "FROM (SELECT unnest($1::VARCHAR[]) AS word, unnest($2::INTEGER[]) AS slot)",
        [[words[index] for index in word_slots], list(range(SLOTS))],
    )
    # What each vocabulary token adds to the index: index_terms is applied token by token, which
    # equals applying it to the text, since no term spans whitespace (checked on a sample).
    token_terms = [(w, term, n) for w in words for term, n in index_terms(w).items()]
    con.execute(
        "CREATE TEMP TABLE token_terms AS SELECT unnest($1::VARCHAR[]) AS token, "
        "unnest($2::VARCHAR[]) AS term, unnest($3::INTEGER[]) AS frequency",
        [list(column) for column in zip(*token_terms, strict=True)],
    )


def drop_secondary_indexes(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Drop the migrations' CREATE INDEX indexes (bulk inserts run faster without them) and
    return their statements, to build them again once the rows are in."""
    rows = con.execute(
        "SELECT index_name, sql FROM duckdb_indexes() WHERE sql IS NOT NULL"
    ).fetchall()
    for name, _ in rows:
        con.execute(f"DROP INDEX {name}")
    return [sql for _, sql in rows]


def fill(con: duckdb.DuckDBPyConnection, events: int, quotes: int) -> dict[str, float]:
    """Generate every table; returns seconds per step.

    Every column is a function of its row number, so the tables need no joins with each other:
    a document's id, day and cast (CAST_SIZE actors, drawn from actor_pool) come from macros of
    its number d, and event i of document i // EVENTS_PER_DOCUMENT picks its source and target
    in that cast."""
    documents = -(-events // EVENTS_PER_DOCUMENT)
    days = (LAST_DAY - FIRST_DAY).days + 1
    steps: dict[str, float] = {}

    def step(name: str, *statements: str) -> None:
        started = time.perf_counter()
        for sql in statements:
            con.execute(sql)
        steps[name] = time.perf_counter() - started

    # The volume of news grows linearly over the years (the sqrt of a uniform draw); 3 % of
    # documents have no publication date and count on the day they were stored (2 days later).
    con.execute(f"""
        CREATE TEMP MACRO doc_id(d) AS printf('%016x', hash(d, 0));
        CREATE TEMP MACRO doc_dated(d) AS hash(d, 2) % 100 >= 3;
        CREATE TEMP MACRO doc_first_day(d) AS
            DATE '{FIRST_DAY}' + floor(sqrt((hash(d, 1) % 1000000) / 1e6) * {days})::INTEGER;
        CREATE TEMP MACRO doc_day(d) AS
            doc_first_day(d) + CASE WHEN doc_dated(d) THEN 0 ELSE 2 END;
        CREATE TEMP MACRO doc_basis(d) AS
            CASE WHEN doc_dated(d) THEN 'published' ELSE 'ingested' END;
        CREATE TEMP MACRO cast_slot(d, k) AS hash(d, k, 40) % {SLOTS};
        CREATE TEMP MACRO doc_story(d) AS
            doc_id(CASE WHEN d > 0 AND hash(d, 30) % 5 = 0 THEN d - 1 ELSE d END);
        CREATE TEMP MACRO drawn_words(seed, n) AS array_to_string(
            list_transform(range(n::BIGINT),
                           lambda k: words[1 + (hash(seed, k, n) % {SLOTS})::BIGINT]), ' ');
    """)
    step(
        "documents",
        f"""INSERT INTO documents (id, body_hash, source_key, title, authors, publisher,
               published, language, text, words, headings, removed, sentences, entities, actors,
               quotes, events, created_at, updated_at, story)
        SELECT doc_id(d), md5('body' || d), 'synthetic/' || d || '.txt', title, '[]',
               'Publisher ' || (hash(d, 5) % 200), CASE WHEN doc_dated(d) THEN doc_day(d) END,
               'en', title, len(string_split(title, ' ')),
               '[]', '[]', '[]', '[]', '[]', '[]', '[]', stored, stored, doc_story(d)
        FROM (SELECT d, drawn_words(d, 6 + hash(d, 3) % 8) AS title,
                     CAST(doc_first_day(d) + 2 AS TIMESTAMPTZ) AS stored
              FROM range({documents}) r(d), word_pool)""",
        f"""INSERT INTO sources (source_key, document_id, path, format, content_hash)
        SELECT 'synthetic/' || d || '.txt', doc_id(d), 'synthetic/' || d || '.txt', 'text',
               md5('raw' || d)
        FROM range({documents}) r(d)""",
    )
    # Quotes on random documents, numbered within each; a quote's speaker is actor
    # A{CAST_SIZE + its number} of its document.
    step(
        "quote draws",
        f"""CREATE TEMP TABLE quote_speakers AS
        SELECT q.j, q.d, doc_id(q.d) AS document_id, q.n, 'Q' || q.n AS quote_id,
               CASE WHEN s.name IS NOT NULL THEN 'A' || ({CAST_SIZE} + q.n) END AS actor_id,
               s.name, s.code, s.role, s.organization, s.resolution
        FROM (SELECT j, d, row_number() OVER (PARTITION BY d ORDER BY j) AS n
              FROM (SELECT j, hash(j, 20) % {documents} AS d FROM range({quotes}) r(j))) q
        JOIN speaker_pool s ON s.slot = hash(q.j, 21) % {SLOTS}""",
        # word_pool's one row, a list of SLOTS words, joined to each row only here: in a hash
        # join it would be copied into every row of the result.
        """CREATE TEMP TABLE quote_rows AS
        SELECT q.*, drawn_words(q.j, 8 + hash(q.j, 22) % 40) AS content
        FROM quote_speakers q, word_pool""",
    )
    step(
        "actors",
        f"""CREATE TEMP TABLE actor_rows AS
        SELECT doc_id(d) AS document_id, 'A' || (k + 1) AS actor_id, p.name, p.kind, p.code,
               p.country, p.sector, NULL AS role, NULL AS organization
        FROM (SELECT d, k, cast_slot(d, k) AS slot
              FROM range({documents}) r(d), range({CAST_SIZE}) c(k)) a
        JOIN actor_pool p USING (slot)
        UNION ALL
        SELECT document_id, actor_id, name, 'person', code, substr(code, 1, 3),
               nullif(substr(code, 4), ''), role, organization
        FROM quote_rows WHERE actor_id IS NOT NULL""",
        """INSERT INTO actors
        SELECT *, (1 + hash(document_id, actor_id) % 3)::INTEGER, 'synthetic' FROM actor_rows""",
        """INSERT INTO actor_mentions
        SELECT document_id, actor_id, 100 * m, 100 * m + len(name), name
        FROM actor_rows, range(3) r(m) WHERE m <= hash(document_id, actor_id) % 3""",
    )
    # 3 % of events have no source actor, 10 % no target; 12 % carry their own date (up to
    # 60 days before the document's); the rest count on the document's day.
    step(
        "events",
        f"""INSERT INTO events
        SELECT doc_id(e.d), 'E' || e.n,
               CASE WHEN e.source_slot IS NOT NULL THEN 'A' || (e.source + 1) END,
               e.source_name, e.source_code, e.source_name,
               CASE WHEN e.target_slot IS NOT NULL THEN 'A' || (e.target + 1) END,
               e.target_name, e.target_code, e.target_name,
               e.plover_type, e.plover_mode, e.plover_context, e.cameo, e.root, e.goldstein,
               e.intensity, e.quad_class,
               CASE WHEN e.own_date THEN doc_first_day(e.d) - e.days_before END,
               CASE WHEN e.own_date THEN strftime(doc_first_day(e.d) - e.days_before, '%B %-d')
                    END,
               CASE WHEN e.own_date THEN doc_first_day(e.d) - e.days_before ELSE doc_day(e.d) END,
               CASE WHEN e.own_date THEN 'event' ELSE doc_basis(e.d) END,
               CASE WHEN e.flags < 300 THEN coalesce(e.target_name, e.source_name) END,
               CASE WHEN e.flags < 300 THEN coalesce(e.target_country, e.source_country) END,
               CASE WHEN e.flags < 300 THEN (e.flags % 140)::DOUBLE - 50 END,
               CASE WHEN e.flags < 300 THEN (e.flags % 360)::DOUBLE - 180 END,
               e.flags % 100 < 3, e.flags % 100 BETWEEN 3 AND 6, e.flags % 100 BETWEEN 7 AND 12,
               e.flags % 100 BETWEEN 13 AND 20, NULL,
               100 * e.n, 100 * e.n + len(e.evidence), e.evidence,
               e.n, 'CAMEO verb ' || upper(e.verb), 0.5 + (e.flags % 46) / 100, '[]',
               doc_story(e.d)
        FROM (
            SELECT e.*, c.*,
                   sp.name AS source_name, sp.code AS source_code, sp.country AS source_country,
                   tp.name AS target_name, tp.code AS target_code, tp.country AS target_country,
                   concat_ws(' ', coalesce(sp.name, 'They'), c.verb, tp.name) || '.' AS evidence
            FROM (
                SELECT *, CASE WHEN hash(i, 10) % 100 >= 3 THEN cast_slot(d, source) END
                              AS source_slot,
                          CASE WHEN hash(i, 12) % 100 >= 10 THEN cast_slot(d, target) END
                              AS target_slot
                FROM (
                    SELECT i, i // {EVENTS_PER_DOCUMENT} AS d, i % {EVENTS_PER_DOCUMENT} + 1 AS n,
                           hash(i, 11) % {CAST_SIZE} AS source,
                           (hash(i, 11) % {CAST_SIZE} + 1 + hash(i, 13) % {CAST_SIZE - 1})
                               % {CAST_SIZE} AS target,
                           hash(i, 14) % {SLOTS} AS cameo_slot,
                           hash(i, 15) % 100 < 12 AS own_date,
                           (hash(i, 16) % 60)::INTEGER AS days_before, hash(i, 17) % 1000 AS flags
                    FROM range({events}) r(i)
                )
            ) e
            JOIN cameo_pool c ON c.slot = e.cameo_slot
            LEFT JOIN actor_pool sp ON sp.slot = e.source_slot
            LEFT JOIN actor_pool tp ON tp.slot = e.target_slot
        ) e""",
    )
    # Quote terms from the stored text: split on spaces (the generator's only separator), each
    # token's terms as index_terms gives them (token_terms), summed per quote.
    step(
        "quotes",
        """CREATE TEMP TABLE term_rows AS
        SELECT t.term, q.document_id, q.quote_id, sum(t.frequency)::INTEGER AS frequency
        FROM (SELECT document_id, quote_id, unnest(string_split(content, ' ')) AS token
              FROM quote_rows) q
        JOIN token_terms t USING (token)
        GROUP BY ALL""",
        """INSERT INTO quotes
        SELECT q.document_id, q.quote_id,
               CASE WHEN hash(q.j, 30) % 100 < 50 THEN 'direct'
                    WHEN hash(q.j, 30) % 100 < 85 THEN 'indirect' ELSE 'mixed' END,
               1000, 1000 + len(q.content), q.content,
               CASE WHEN q.name IS NOT NULL THEN 990 END,
               CASE WHEN q.name IS NOT NULL THEN 994 END,
               CASE WHEN q.name IS NOT NULL THEN 'said' END,
               q.actor_id, q.name, q.code, q.role, q.organization,
               CASE WHEN q.name IS NOT NULL THEN 950 END,
               CASE WHEN q.name IS NOT NULL THEN 950 + len(q.name) END,
               q.name, q.resolution, 0.5 + (hash(q.j, 31) % 50) / 100,
               CASE WHEN q.name IS NULL THEN 'quote-marks' ELSE 'cue-said' END,
               doc_day(q.d), doc_basis(q.d), coalesce(n.terms, 0)
        FROM quote_rows q
        LEFT JOIN (SELECT document_id, quote_id, sum(frequency) AS terms FROM term_rows
                   GROUP BY ALL) n USING (document_id, quote_id)""",
        "INSERT INTO quote_terms SELECT * FROM term_rows",
    )
    return steps


def check_terms(con: duckdb.DuckDBPyConnection, sample: int = 1000) -> int:
    """Compare quote_terms and term_count with index_terms() on a sample; returns quotes checked."""
    rows = con.execute(
        f"""SELECT q.document_id, q.quote_id, q.content_text, q.term_count,
                   list(t.term) FILTER (WHERE t.term IS NOT NULL), list(t.frequency)
            FROM (SELECT * FROM quotes USING SAMPLE {sample} ROWS) q
            LEFT JOIN quote_terms t USING (document_id, quote_id)
            GROUP BY ALL"""
    ).fetchall()
    for document_id, quote_id, text, term_count, terms, frequencies in rows:
        expected = index_terms(text)
        stored = dict(zip(terms, frequencies, strict=False))
        if stored != expected or term_count != sum(expected.values()):
            raise SystemExit(f"quote_terms of {document_id}/{quote_id} differ from index_terms")
    return len(rows)


def build(db: Path, events: int, quotes: int) -> None:
    """Create the database at `db` and fill it; prints the time of each step."""
    open_store(db).close()  # the real schema, through the migrations
    started = time.perf_counter()
    con = duckdb.connect(str(db))
    try:
        con.execute("SET enable_progress_bar = false")
        con.execute("SET preserve_insertion_order = false")  # less memory for bulk inserts
        create_pools(con)
        indexes = drop_secondary_indexes(con)
        steps = fill(con, events, quotes)
        index_started = time.perf_counter()
        for sql in indexes:
            con.execute(sql)
        steps["indexes"] = time.perf_counter() - index_started
        checked = check_terms(con)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    load = time.perf_counter() - started
    print("load: " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in steps.items()))
    print(f"load total {load:.1f} s; quote_terms match index_terms on {checked} sampled quotes")
    sys.stdout.flush()


# -- timing -----------------------------------------------------------------------------------


def size_of(result: Any) -> str:
    """Rows a query returned, as printed: a Page gives its items and total."""
    if hasattr(result, "points"):
        return f"{len(result.points):,} points"
    if hasattr(result, "total"):
        return f"{len(result.items):,} of {result.total:,}"
    if hasattr(result, "edges"):
        return f"{len(result.nodes):,} nodes, {len(result.edges):,} edges"
    if hasattr(result, "highlights"):
        return f"1 document, {len(result.highlights):,} highlights"
    return f"{len(result):,} rows"


def timed(repeat: int, run: Callable[[], Any]) -> tuple[float, Any]:
    """Median wall seconds of `repeat` runs after one warm-up, and the last result."""
    result = run()
    seconds = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), result


def queries(store: Store) -> dict[str, Callable[[], Any]]:
    since = date(2022, 1, 1)
    codes = [code for code, _ in countries()]
    rare = (codes[99], codes[129])  # two countries of the tail: a dyad with few events
    # An article behind a RUS→USA point, as the dashboard opens it.
    ((article,),) = store.query(
        "SELECT min(document_id) FROM events WHERE source_code LIKE 'RUS%' "
        "AND target_code LIKE 'USA%'"
    )
    return {
        "dyad RUS→USA by month": lambda: dyad_series(store, "RUS", "USA", by="month"),
        "dyad RUS→USA by week": lambda: dyad_series(store, "RUS", "USA", by="week"),
        "dyad RUS↔USA by month, both directions": lambda: dyad_series(
            store, "RUS", "USA", by="month", both_directions=True
        ),
        "dyad RUS↔USA by week, both directions": lambda: dyad_series(
            store, "RUS", "USA", by="week", both_directions=True
        ),
        "dyad RUS→USA by month, raw SQL (one GROUP BY)": lambda: store.query(
            "SELECT date_trunc('month', day) AS period, count(*), avg(goldstein), "
            "count(*) FILTER (WHERE quad_class = 1), count(*) FILTER (WHERE quad_class = 4) "
            "FROM events WHERE source_code LIKE $1 || '%' AND target_code LIKE $2 || '%' "
            "GROUP BY 1 ORDER BY 1",
            ["RUS", "USA"],
        ),
        "dyad RUS↔IGOWSTNAT by month, both directions": lambda: dyad_series(
            store, "RUS", "IGOWSTNAT", by="month", both_directions=True
        ),
        f"dyad {rare[0]}↔{rare[1]} by month, both (rare)": lambda: dyad_series(
            store, rare[0], rare[1], by="month", both_directions=True
        ),
        "top_actors": lambda: top_actors(store),
        "top_actors level 3, since 2022": lambda: top_actors(store, level=3, since=since),
        "dyad RUS→USA by month, reports (no story merge)": lambda: dyad_series(
            store, "RUS", "USA", by="month", count="reports"
        ),
        "top_dyads": lambda: top_dyads(store),
        "top_dyads, reports (no story merge)": lambda: top_dyads(store, count="reports"),
        "actor_network": lambda: actor_network(store),
        "actor_network, reports (no story merge)": lambda: actor_network(store, count="reports"),
        "list_events first page, no filter": lambda: list_events(store),
        "list_events RUS→UKR quad 4 since 2022, page 2": lambda: list_events(
            store, source="RUS", target="UKR", quad_class=4, since=since, offset=50
        ),
        "list_events actor IGOWSTNAT cameo 19": lambda: list_events(
            store, actor="IGOWSTNAT", cameo="19"
        ),
        "list_events no filter, offset 10,000 (page 201, the deepest)": lambda: list_events(
            store, offset=10_000
        ),
        "list_events of one document": lambda: list_events(store, document_id=article),
        "document_view": lambda: document_view(store, article),
        "search_quotes text=sanctions (BM25)": lambda: search_quotes(store, text="sanctions"),
        "quotes ILIKE '%sanctions%', newest 20 (raw SQL)": lambda: store.query(
            "SELECT document_id, quote_id, day, count(*) OVER () FROM quotes "
            "WHERE content_text ILIKE $1 ORDER BY day DESC, document_id, quote_id LIMIT 20",
            ["%sanctions%"],
        ),
        "search_quotes text='NATO sanctions' (BM25)": lambda: search_quotes(
            store, text="NATO sanctions"
        ),
        "search_quotes text=sanctions actor=RUS": lambda: search_quotes(
            store, text="sanctions", actor="RUS"
        ),
        "search_quotes speaker=Lavrov": lambda: search_quotes(store, speaker="Lavrov"),
    }


def time_queries(db: Path, repeat: int) -> float:
    """Print each query's median seconds and rows; returns the slowest all-years RUS/USA dyad
    series."""
    with open_store(db, read_only=True) as store:
        counts = store.query(
            "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM actors), "
            "(SELECT count(*) FROM actor_mentions), (SELECT count(*) FROM events), "
            "(SELECT count(*) FROM quotes), (SELECT count(*) FROM quote_terms)"
        )[0]
        names = ("documents", "actors", "actor_mentions", "events", "quotes", "quote_terms")
        print("rows: " + ", ".join(f"{n} {c:,}" for n, c in zip(names, counts, strict=True)))
        print(f"\n{'query':52} {'median s':>9}  rows returned", flush=True)
        dyad_seconds = []
        for label, run in queries(store).items():
            seconds, result = timed(repeat, run)
            print(f"{label:52} {seconds:9.3f}  {size_of(result)}", flush=True)
            if label.startswith("dyad RUS") and "USA" in label and "raw" not in label:
                dyad_seconds.append(seconds)
    return max(dyad_seconds)


def database_files(db: Path) -> list[Path]:
    """The DuckDB file and its write-ahead log, those that exist."""
    return [path for path in (db, db.with_name(db.name + ".wal")) if path.exists()]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--quotes", type=int, default=None, help="default: events / 5")
    parser.add_argument("--db", type=Path, default=None, help="default: a temporary file")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    quotes = args.quotes if args.quotes is not None else args.events // 5
    folder = None if args.db else Path(tempfile.mkdtemp(prefix="detente-queries-"))
    db: Path = args.db or (folder or Path()) / "queries.duckdb"
    if db.exists():
        raise SystemExit(f"{db} exists; give a new --db path")
    try:
        print(f"database {db}: {args.events:,} events, {quotes:,} quotes", flush=True)
        # Loading runs in a process of its own, so that each side's peak memory is its own:
        # RUSAGE_CHILDREN gives the loader's, RUSAGE_SELF (after it) the queries'.
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
            pool.submit(build, db, args.events, quotes).result()
        load_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
        size = sum(path.stat().st_size for path in database_files(db))
        print(f"size on disk {size / MB:,.0f} MB; peak RSS while loading {load_peak / MB:,.0f} MB")
        slowest = time_queries(db, args.repeat)
        query_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        verdict = "PASS" if slowest < GOAL_SECONDS else "FAIL"
        print(
            f"\ngoal: dyad series over all years < {GOAL_SECONDS} s: {verdict} "
            f"(slowest RUS/USA series above: {slowest:.3f} s)"
        )
        print(f"peak RSS while querying {query_peak / MB:,.0f} MB")
    finally:
        if not args.keep:
            for path in database_files(db):
                path.unlink()
            if folder:
                os.rmdir(folder)


if __name__ == "__main__":
    main()
