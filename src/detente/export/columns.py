"""The columns of every export, declared once: name, type and what the column holds.

These tuples are the single source for the writers (column order, Parquet types), for the
documentation (`describe`, `detente export --columns`) and for the tests. Types are DuckDB's:
VARCHAR, INTEGER, BIGINT, DOUBLE, BOOLEAN, DATE; CSV, JSONL and the tab-separated formats write
a DATE as YYYY-MM-DD and leave NULL empty (null in JSONL).
"""

from __future__ import annotations

from typing import NamedTuple


class Column(NamedTuple):
    name: str
    type: str
    description: str


_DOCUMENT_COLUMNS: tuple[Column, ...] = (
    Column("document_title", "VARCHAR", "title of the document"),
    Column("document_published", "DATE", "publication date of the document"),
    Column("document_url", "VARCHAR", "web address the document came from, when known"),
    Column("document_path", "VARCHAR", "file (or stream) the document was read from"),
)


def _side(role: str) -> tuple[Column, ...]:
    return (
        Column(f"{role}_actor", "VARCHAR", f"id of the {role} actor in the document (A1, …)"),
        Column(f"{role}_name", "VARCHAR", f"name of the {role} actor"),
        Column(
            f"{role}_code",
            "VARCHAR",
            f"CAMEO/Phoenix code of the {role}: country + sectors (RUSGOV) or organisation "
            "(IGOWSTNAT)",
        ),
        Column(f"{role}_text", "VARCHAR", f"the words of the evidence that name the {role}"),
    )


EVENT_COLUMNS: tuple[Column, ...] = (
    Column(
        "document_id",
        "VARCHAR",
        "id of the document the event was read from (its first report: see reports)",
    ),
    Column("event_id", "VARCHAR", "id of the event within its document (E1, E2, …)"),
    Column(
        "story",
        "VARCHAR",
        "id of the story of the document: its near duplicates (a wire story republished) share "
        "it, the id of the story's first stored document",
    ),
    Column(
        "num_articles",
        "INTEGER",
        "documents of the story that report the event: a row is an event counted once per "
        "story, the reports that agree on story, source, target (codes, else names), CAMEO "
        "code, day and the negated, hypothetical and future flags",
    ),
    Column(
        "num_sources",
        "INTEGER",
        "outlets among those documents: publishers (any case), else URL hosts, else documents",
    ),
    Column(
        "num_mentions",
        "INTEGER",
        "reports of the event, evidence sentences (a document may report it more than once)",
    ),
    *_side("source"),
    *_side("target"),
    Column("plover_type", "VARCHAR", "PLOVER event type; empty for CAMEO 01x public statements"),
    Column("plover_mode", "VARCHAR", "PLOVER mode of the type"),
    Column("plover_context", "VARCHAR", "PLOVER contexts, separated by '; '"),
    Column("cameo", "VARCHAR", "CAMEO 1.1b3 event code (a string: codes have leading zeros)"),
    Column("cameo_root", "VARCHAR", "first two digits of the CAMEO code"),
    Column("goldstein", "DOUBLE", "Goldstein score of the CAMEO code, -10 to +10"),
    Column("intensity", "DOUBLE", "PLOVER intensity score of the type"),
    Column(
        "quad_class",
        "INTEGER",
        "1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict",
    ),
    Column(
        "event_date",
        "VARCHAR",
        "the event's own date as read from the text: YYYY-MM-DD, or YYYY-MM / YYYY when the text "
        "gives no day",
    ),
    Column("date_text", "VARCHAR", "the words the event date was read from"),
    Column(
        "day",
        "DATE",
        "the day the event counts on: event_date when it is a full date, else the publication "
        "date; empty when neither",
    ),
    Column("day_basis", "VARCHAR", "where day comes from: event or published"),
    Column("location_name", "VARCHAR", "where the event happened"),
    Column("location_country", "VARCHAR", "ISO 3166-1 alpha-3 country of the location"),
    Column("latitude", "DOUBLE", "latitude of the location (cities only)"),
    Column("longitude", "DOUBLE", "longitude of the location (cities only)"),
    Column("negated", "BOOLEAN", "the text says the event did not happen"),
    Column("hypothetical", "BOOLEAN", "the event is conditional or possible, not reported as fact"),
    Column("future", "BOOLEAN", "the event is announced or planned, not yet happened"),
    Column("historical", "BOOLEAN", "the event is recalled from before the time of writing"),
    Column("quote_id", "VARCHAR", "id of the quote the event is reported in (Q1, …)"),
    Column("sentence", "INTEGER", "index, from 0, of the evidence sentence in the document"),
    Column("evidence_start", "INTEGER", "start offset of the evidence in the document text"),
    Column("evidence_end", "INTEGER", "end offset of the evidence in the document text"),
    Column("evidence_text", "VARCHAR", "the evidence: document text[evidence_start:evidence_end]"),
    Column("rule", "VARCHAR", "the pattern or dictionary entry that coded the event"),
    Column("confidence", "DOUBLE", "how sure the rule is, 0 to 1"),
    Column(
        "drivers",
        "VARCHAR",
        'what drove the coding decision, as JSON text: [{"feature": …, "weight": …}, …], a '
        "feature being a word, 2-gram or rule vote (or the pattern a rule matched) and its "
        "weight its contribution to the score; [] when none were recorded",
    ),
    Column(
        "reports",
        "VARCHAR",
        'every report of the event, this row\'s first, as JSON text: [{"document_id": …, '
        '"event_id": …, "evidence_text": …}, …]',
    ),
    *_DOCUMENT_COLUMNS,
)

QUOTE_COLUMNS: tuple[Column, ...] = (
    Column("document_id", "VARCHAR", "id of the document the quote was read from"),
    Column("quote_id", "VARCHAR", "id of the quote within its document (Q1, Q2, …)"),
    Column("type", "VARCHAR", "direct, indirect or mixed"),
    Column("content_start", "INTEGER", "start offset of what was said in the document text"),
    Column("content_end", "INTEGER", "end offset of what was said"),
    Column("content_text", "VARCHAR", "what was said: document text[content_start:content_end]"),
    Column("cue_start", "INTEGER", "start offset of the speech verb or cue"),
    Column("cue_end", "INTEGER", "end offset of the cue"),
    Column("cue_text", "VARCHAR", "the cue (said, told, according to, …)"),
    Column("speaker_actor", "VARCHAR", "id of the speaker among the document's actors"),
    Column("speaker_name", "VARCHAR", "name of the speaker"),
    Column("speaker_code", "VARCHAR", "CAMEO/Phoenix code of the speaker"),
    Column("speaker_role", "VARCHAR", "the speaker's role (envoy to NATO, …)"),
    Column("speaker_organization", "VARCHAR", "the organisation the speaker speaks for"),
    Column("speaker_mention_start", "INTEGER", "start offset of the words naming the speaker"),
    Column("speaker_mention_end", "INTEGER", "end offset of the words naming the speaker"),
    Column("speaker_mention_text", "VARCHAR", "the words naming the speaker here (he, Grushko)"),
    Column(
        "resolution",
        "VARCHAR",
        "how the speaker was found: explicit, alias, pronoun, role, carry-over, …",
    ),
    Column("confidence", "DOUBLE", "how sure the rule is, 0 to 1"),
    Column("rule", "VARCHAR", "the rule that found the quote"),
    *_DOCUMENT_COLUMNS,
)

ACTOR_COLUMNS: tuple[Column, ...] = (
    Column("document_id", "VARCHAR", "id of the document the actor appears in"),
    Column("actor_id", "VARCHAR", "id of the actor within its document (A1, A2, …)"),
    Column("name", "VARCHAR", "name of the actor"),
    Column("kind", "VARCHAR", "person, group, state or organization"),
    Column("code", "VARCHAR", "CAMEO/Phoenix actor code (RUSGOV, IGOWSTNAT)"),
    Column("country", "VARCHAR", "first block of the code: a country, or IGO/NGO/…"),
    Column("sector", "VARCHAR", "the rest of the code (GOV, WSTNAT)"),
    Column("role", "VARCHAR", "role read from the text (envoy to NATO)"),
    Column("organization", "VARCHAR", "organisation read from the text"),
    Column("mention_count", "INTEGER", "how often the document mentions the actor"),
    Column("first_mention_start", "INTEGER", "start offset of the first mention"),
    Column("first_mention_end", "INTEGER", "end offset of the first mention"),
    Column("first_mention_text", "VARCHAR", "the words of the first mention"),
    Column("rule", "VARCHAR", "the rule or dictionary entry that produced the actor"),
    *_DOCUMENT_COLUMNS,
)

_NOT_CODED = "empty: detente does not code {what}"


def _gdelt_actor(n: int, role: str) -> tuple[Column, ...]:
    prefix = f"Actor{n}"
    return (
        Column(f"{prefix}Code", "VARCHAR", f"the {role}'s full CAMEO/Phoenix code"),
        Column(f"{prefix}Name", "VARCHAR", f"the {role}'s name in capitals, as GDELT writes names"),
        Column(
            f"{prefix}CountryCode",
            "VARCHAR",
            "the code's first block when it is a country (RUS); empty for organisations and "
            "unknown countries",
        ),
        Column(
            f"{prefix}KnownGroupCode",
            "VARCHAR",
            "for IGO/NGO/IMG/MNC codes, the organisation's own block (IGOWSTNAT → NAT)",
        ),
        Column(f"{prefix}EthnicCode", "VARCHAR", _NOT_CODED.format(what="ethnicity")),
        Column(f"{prefix}Religion1Code", "VARCHAR", _NOT_CODED.format(what="religion")),
        Column(f"{prefix}Religion2Code", "VARCHAR", _NOT_CODED.format(what="religion")),
        Column(
            f"{prefix}Type1Code",
            "VARCHAR",
            "first sector block after the country (RUSGOV → GOV), or IGO/NGO/IMG/MNC",
        ),
        Column(f"{prefix}Type2Code", "VARCHAR", "second distinct sector block, if any"),
        Column(f"{prefix}Type3Code", "VARCHAR", "third distinct sector block, if any"),
    )


def _gdelt_geo(prefix: str, filled: bool) -> tuple[Column, ...]:
    if not filled:
        empty = f"empty: detente locates the event, not each actor ({prefix})"
        return tuple(
            Column(f"{prefix}_{name}", sql_type, empty)
            for name, sql_type in (
                ("Type", "INTEGER"),
                ("FullName", "VARCHAR"),
                ("CountryCode", "VARCHAR"),
                ("ADM1Code", "VARCHAR"),
                ("ADM2Code", "VARCHAR"),
                ("Lat", "DOUBLE"),
                ("Long", "DOUBLE"),
                ("FeatureID", "VARCHAR"),
            )
        )
    return (
        Column(
            f"{prefix}_Type",
            "INTEGER",
            "1 the location is a country, 3 a US city, 4 a city elsewhere; empty without location",
        ),
        Column(f"{prefix}_FullName", "VARCHAR", "the place, then its country: Brussels, Belgium"),
        Column(
            f"{prefix}_CountryCode",
            "VARCHAR",
            "FIPS 10-4 country code, mapped from ISO alpha-3 with GeoNames' country table",
        ),
        Column(f"{prefix}_ADM1Code", "VARCHAR", "empty: no first-level divisions are coded"),
        Column(f"{prefix}_ADM2Code", "VARCHAR", "empty: no second-level divisions are coded"),
        Column(f"{prefix}_Lat", "DOUBLE", "latitude of a city; empty for a country"),
        Column(f"{prefix}_Long", "DOUBLE", "longitude of a city; empty for a country"),
        Column(
            f"{prefix}_FeatureID",
            "VARCHAR",
            "the FIPS country code for a country, as GDELT does; empty for a city",
        ),
    )


# GDELT 2.0 event table, in its order (column names from GDELT's codebook).
GDELT_COLUMNS: tuple[Column, ...] = (
    Column(
        "GLOBALEVENTID",
        "BIGINT",
        "stable id: the first 63 bits of sha256('document_id/event_id')",
    ),
    Column(
        "SQLDATE",
        "INTEGER",
        "event day YYYYMMDD: the event's own full date, else the publication date; empty when "
        "neither",
    ),
    Column("MonthYear", "INTEGER", "YYYYMM of SQLDATE"),
    Column("Year", "INTEGER", "YYYY of SQLDATE"),
    Column("FractionDate", "DOUBLE", "YYYY + (MONTH * 30 + DAY) / 365, as GDELT computes it"),
    *_gdelt_actor(1, "source"),
    *_gdelt_actor(2, "target"),
    Column(
        "IsRootEvent",
        "INTEGER",
        "1 when the evidence starts in the lead paragraph (the first one that is not a heading), "
        "else 0",
    ),
    Column("EventCode", "VARCHAR", "CAMEO code"),
    Column("EventBaseCode", "VARCHAR", "first three digits of the CAMEO code"),
    Column("EventRootCode", "VARCHAR", "first two digits of the CAMEO code"),
    Column("QuadClass", "INTEGER", "1 to 4, from the CAMEO root"),
    Column("GoldsteinScale", "DOUBLE", "Goldstein score of the CAMEO code"),
    Column(
        "NumMentions",
        "INTEGER",
        "the event's reports, evidence sentences, in the documents of its story (a row is an "
        "event counted once per story: the reports that agree on story, source, target, CAMEO "
        "code and day)",
    ),
    Column(
        "NumSources",
        "INTEGER",
        "outlets among those documents: publishers, else URL hosts, else documents",
    ),
    Column("NumArticles", "INTEGER", "documents of the story that report the event"),
    Column("AvgTone", "DOUBLE", "empty: detente does not score tone"),
    *_gdelt_geo("Actor1Geo", filled=False),
    *_gdelt_geo("Actor2Geo", filled=False),
    *_gdelt_geo("ActionGeo", filled=True),
    Column("DATEADDED", "BIGINT", "YYYYMMDDHHMMSS (UTC) of the export run"),
    Column("SOURCEURL", "VARCHAR", "the document's URL, else the file it was read from"),
)

# POLECAT weekly files' columns (Harvard Dataverse, doi:10.7910/DVN/AJGVIT), then four from
# POLECAT's archive files and ours: Story ID, Headline, Sentence Number, Event Text.
POLECAT_COLUMNS: tuple[Column, ...] = (
    Column("Event ID", "VARCHAR", "document_id-event_id, unique in the database"),
    Column("Event Date", "DATE", "the event day (as SQLDATE in the GDELT export)"),
    Column("Event Type", "VARCHAR", "PLOVER type (AGREE … ASSAULT)"),
    Column("Event Mode", "VARCHAR", "PLOVER mode"),
    Column("Event Intensity", "DOUBLE", "PLOVER intensity score of the type"),
    Column(
        "Quad Code",
        "VARCHAR",
        "VERBAL COOPERATION, MATERIAL COOPERATION, VERBAL CONFLICT or MATERIAL CONFLICT",
    ),
    Column("Contexts", "VARCHAR", "PLOVER contexts, separated by '; '"),
    *(
        column
        for role, side in (("Actor", "source"), ("Recipient", "target"))
        for column in (
            Column(f"{role} Name", "VARCHAR", f"name of the {side} actor"),
            Column(
                f"{role} Country",
                "VARCHAR",
                f"ISO alpha-3 country of the {side}, or PLOVER's IGO, UNO, EUR, NGO, IMG, MNC",
            ),
            Column(f"{role} COW", "VARCHAR", "empty: no Correlates of War codes are bundled"),
            Column(f"Primary {role} Sector", "VARCHAR", "first sector block of the code (GOV)"),
            Column(f"{role} Sectors", "VARCHAR", "all sector blocks of the code, '; '-separated"),
            Column(f"{role} Title", "VARCHAR", f"role of the {side} read from the text"),
            Column(f"{role} Name Raw", "VARCHAR", f"the words that name the {side} here"),
            Column(f"Wikipedia {role} ID", "VARCHAR", "empty: actors are not linked to Wikidata"),
        )
    ),
    Column("Placename", "VARCHAR", "where the event happened"),
    Column("City", "VARCHAR", "the place, when it is a city"),
    Column("District", "VARCHAR", "empty: no second-level divisions are coded"),
    Column("Province", "VARCHAR", "empty: no first-level divisions are coded"),
    Column("Country", "VARCHAR", "ISO alpha-3 country of the place"),
    Column("Latitude", "DOUBLE", "latitude of a city"),
    Column("Longitude", "DOUBLE", "longitude of a city"),
    Column("GeoNames ID", "VARCHAR", "empty: GeoNames ids are not kept"),
    Column("Raw Placename", "VARCHAR", "the place name"),
    Column("Feature Type", "VARCHAR", "country or city"),
    Column("Source", "VARCHAR", "publisher of the document"),
    Column("Publication Date", "DATE", "publication date of the document"),
    Column("Story People", "VARCHAR", "the document's person actors, '; '-separated"),
    Column("Story Organizations", "VARCHAR", "the document's organisation actors"),
    Column("Story Locations", "VARCHAR", "the document's place names (GPE and LOC entities)"),
    Column("Language", "VARCHAR", "language of the document (ISO 639-1)"),
    Column("Version", "VARCHAR", "detente and its version"),
    Column("Story ID", "VARCHAR", "id of the document"),
    Column("Headline", "VARCHAR", "title of the document"),
    Column("Sentence Number", "INTEGER", "index, from 0, of the evidence sentence (ours)"),
    Column("Event Text", "VARCHAR", "the evidence: the words the event was coded from"),
)


def names(columns: tuple[Column, ...]) -> tuple[str, ...]:
    return tuple(column.name for column in columns)


def describe(columns: tuple[Column, ...]) -> str:
    """The columns as a Markdown table, for documentation."""
    lines = ["| column | type | what it holds |", "|---|---|---|"]
    lines.extend(f"| `{c.name}` | {c.type} | {c.description.replace('|', '/')} |" for c in columns)
    return "\n".join(lines)
