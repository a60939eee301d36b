"""A document's actors, mentions, quotes and events as rows of the 0002 tables.

Built from the output-contract dict (what `Result.to_dict()` gives and `documents` stores), so
a fresh write and a rebuild from stored documents give the same rows. The column lists here
match migrations/0002_records.sql and the columns later migrations add (0003: events.drivers).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from detente.store.rows import Row, published_date, storable, to_json
from detente.store.terms import index_terms

ACTOR_COLUMNS: tuple[tuple[str, str], ...] = (
    ("document_id", "VARCHAR"),
    ("actor_id", "VARCHAR"),
    ("name", "VARCHAR"),
    ("kind", "VARCHAR"),
    ("code", "VARCHAR"),
    ("country", "VARCHAR"),
    ("sector", "VARCHAR"),
    ("role", "VARCHAR"),
    ("organization", "VARCHAR"),
    ("mention_count", "INTEGER"),
    ("rule", "VARCHAR"),
)
MENTION_COLUMNS: tuple[tuple[str, str], ...] = (
    ("document_id", "VARCHAR"),
    ("actor_id", "VARCHAR"),
    ("start_char", "INTEGER"),
    ("end_char", "INTEGER"),
    ("text", "VARCHAR"),
)
QUOTE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("document_id", "VARCHAR"),
    ("quote_id", "VARCHAR"),
    ("type", "VARCHAR"),
    ("content_start", "INTEGER"),
    ("content_end", "INTEGER"),
    ("content_text", "VARCHAR"),
    ("cue_start", "INTEGER"),
    ("cue_end", "INTEGER"),
    ("cue_text", "VARCHAR"),
    ("speaker_actor", "VARCHAR"),
    ("speaker_name", "VARCHAR"),
    ("speaker_code", "VARCHAR"),
    ("speaker_role", "VARCHAR"),
    ("speaker_organization", "VARCHAR"),
    ("speaker_start", "INTEGER"),
    ("speaker_end", "INTEGER"),
    ("speaker_text", "VARCHAR"),
    ("resolution", "VARCHAR"),
    ("confidence", "DOUBLE PRECISION"),
    ("rule", "VARCHAR"),
    ("day", "DATE"),
    ("day_basis", "VARCHAR"),
    ("term_count", "INTEGER"),
)
TERM_COLUMNS: tuple[tuple[str, str], ...] = (
    ("term", "VARCHAR"),
    ("document_id", "VARCHAR"),
    ("quote_id", "VARCHAR"),
    ("frequency", "INTEGER"),
)
EVENT_COLUMNS: tuple[tuple[str, str], ...] = (
    ("document_id", "VARCHAR"),
    ("event_id", "VARCHAR"),
    ("source_actor", "VARCHAR"),
    ("source_name", "VARCHAR"),
    ("source_code", "VARCHAR"),
    ("source_text", "VARCHAR"),
    ("target_actor", "VARCHAR"),
    ("target_name", "VARCHAR"),
    ("target_code", "VARCHAR"),
    ("target_text", "VARCHAR"),
    ("plover_type", "VARCHAR"),
    ("plover_mode", "VARCHAR"),
    ("plover_context", "JSON"),
    ("cameo", "VARCHAR"),
    ("cameo_root", "VARCHAR"),
    ("goldstein", "DOUBLE PRECISION"),
    ("intensity", "DOUBLE PRECISION"),
    ("quad_class", "INTEGER"),
    ("event_date", "DATE"),
    ("date_text", "VARCHAR"),
    ("day", "DATE"),
    ("day_basis", "VARCHAR"),
    ("location_name", "VARCHAR"),
    ("location_country", "VARCHAR"),
    ("latitude", "DOUBLE PRECISION"),
    ("longitude", "DOUBLE PRECISION"),
    ("negated", "BOOLEAN"),
    ("hypothetical", "BOOLEAN"),
    ("future", "BOOLEAN"),
    ("historical", "BOOLEAN"),
    ("quote_id", "VARCHAR"),
    ("evidence_start", "INTEGER"),
    ("evidence_end", "INTEGER"),
    ("evidence_text", "VARCHAR"),
    ("sentence", "INTEGER"),
    ("rule", "VARCHAR"),
    ("confidence", "DOUBLE PRECISION"),
    ("drivers", "JSON"),  # migrations/0003_event_drivers.sql
)
# Every records table with its columns, in the order a write fills them.
RECORD_TABLES: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("actors", ACTOR_COLUMNS),
    ("actor_mentions", MENTION_COLUMNS),
    ("quotes", QUOTE_COLUMNS),
    ("quote_terms", TERM_COLUMNS),
    ("events", EVENT_COLUMNS),
)


@dataclass(slots=True)
class RecordRows:
    """Rows for each records table, by table name."""

    tables: dict[str, list[Row]] = field(
        default_factory=lambda: {table: [] for table, _ in RECORD_TABLES}
    )

    def extend(self, other: RecordRows) -> None:
        for table, rows in other.tables.items():
            self.tables[table].extend(rows)


def record_rows(document_id: str, contract: Mapping[str, Any]) -> RecordRows:
    """The records tables' rows of one stored document (`contract`: its output-contract dict).

    A record's day is its own date when it has one, else the publication date; records left
    without (day NULL) get the day the document was first stored, in SQL (see SqlStore).
    """
    published = published_date(contract.get("published"))
    actors = {actor["id"]: actor for actor in contract.get("actors") or []}
    out = RecordRows()
    for actor in actors.values():
        out.tables["actors"].append(_actor_row(document_id, actor))
        out.tables["actor_mentions"].extend(
            (document_id, actor["id"], *_span(mention)) for mention in actor.get("mentions") or []
        )
    for quote in contract.get("quotes") or []:
        terms = index_terms(quote["content"]["text"])
        out.tables["quotes"].append(
            _quote_row(document_id, quote, actors, published, sum(terms.values()))
        )
        out.tables["quote_terms"].extend(
            (term, document_id, quote["id"], frequency) for term, frequency in terms.items()
        )
    for event in contract.get("events") or []:
        out.tables["events"].append(_event_row(document_id, event, published))
    return out


def _span(span: Mapping[str, Any] | None) -> tuple[int | None, int | None, str | None]:
    if not span:
        return (None, None, None)
    return (span["start"], span["end"], storable(span["text"]))


def _day(own: date | None, published: date | None) -> tuple[date | None, str | None]:
    if own is not None:
        return own, "event"
    if published is not None:
        return published, "published"
    return None, None


def _actor_row(document_id: str, actor: Mapping[str, Any]) -> Row:
    return (
        document_id,
        actor["id"],
        storable(actor["name"]),
        actor["kind"],
        actor.get("code"),
        actor.get("country"),
        actor.get("sector"),
        storable(actor.get("role")),
        storable(actor.get("organization")),
        len(actor.get("mentions") or []),
        actor.get("rule"),
    )


def _quote_row(
    document_id: str,
    quote: Mapping[str, Any],
    actors: Mapping[str, Mapping[str, Any]],
    published: date | None,
    term_count: int,
) -> Row:
    speaker = quote.get("speaker") or {}
    actor = actors.get(speaker.get("actor") or "", {})
    day, basis = _day(None, published)
    return (
        document_id,
        quote["id"],
        quote["type"],
        *_span(quote["content"]),
        *_span(quote.get("cue")),
        speaker.get("actor"),
        storable(speaker.get("name")),
        actor.get("code"),
        storable(actor.get("role")),
        storable(actor.get("organization")),
        *_span(speaker.get("mention")),
        speaker.get("resolution"),
        quote.get("confidence"),
        quote.get("rule"),
        day,
        basis,
        term_count,
    )


def _event_actor(side: Mapping[str, Any] | None) -> tuple[str | None, ...]:
    if not side:
        return (None, None, None, None)
    return (
        side.get("actor"),
        storable(side.get("name")),
        side.get("code"),
        storable(side.get("text")),
    )


def _event_row(document_id: str, event: Mapping[str, Any], published: date | None) -> Row:
    plover = event.get("plover") or {}
    location = event.get("location") or {}
    cameo = event.get("cameo")
    day, basis = _day(published_date(event.get("date")), published)
    return (
        document_id,
        event["id"],
        *_event_actor(event.get("source")),
        *_event_actor(event.get("target")),
        plover.get("type"),
        plover.get("mode"),
        to_json(list(plover.get("context") or [])),
        cameo,
        cameo[:2] if cameo else None,
        event.get("goldstein"),
        event.get("intensity"),
        event.get("quad_class"),
        published_date(event.get("date")),
        storable(event.get("date_text")),
        day,
        basis,
        storable(location.get("name")),
        location.get("country"),
        location.get("latitude"),
        location.get("longitude"),
        bool(event.get("negated")),
        bool(event.get("hypothetical")),
        bool(event.get("future")),
        bool(event.get("historical")),
        event.get("quote"),
        *_span(event["evidence"]),
        event.get("sentence"),
        storable(event.get("rule")),
        event.get("confidence"),
        to_json(list(event.get("drivers") or [])),
    )


def columns_of(rows: Sequence[Row], width: int) -> list[list[Any]]:
    """Rows as one list per column (`width` columns, also when there are no rows)."""
    if not rows:
        return [[] for _ in range(width)]
    return [list(column) for column in zip(*rows, strict=True)]
