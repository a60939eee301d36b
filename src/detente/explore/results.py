"""What the explore queries return: frozen records whose `to_dict()` is the JSON the API serves
and `detente query --json` prints (dates as ISO strings, spans as {start, end, text})."""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from datetime import date
from typing import Any, Generic, Literal, Protocol, TypeVar

from detente.records import Driver, Span

Period = Literal["week", "month", "year"]
# events: the reports of one story that agree on source, target, CAMEO code and day counted once
# (detente.explore.merge); reports: every event read in every document
Count = Literal["events", "reports"]
Direction = Literal["forward", "backward"]
HighlightKind = Literal["actor", "quote", "cue", "speaker", "event"]


class JsonRecord(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


Item = TypeVar("Item", bound=JsonRecord)
LIST_SEPARATOR = "; "  # a list of words in one cell, as the flat exports write it
SPAN_PARTS = ("start", "end", "text")


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _span(span: Span | None) -> dict[str, Any] | None:
    return span.to_dict() if span is not None else None


def flat_columns(record_type: type) -> tuple[str, ...]:
    """The columns of a listed record (EventRow, QuoteHit) as one flat row: its fields in order,
    a span field as three (evidence_start, evidence_end, evidence_text). The CSV downloads'
    header: the record's own field list is the one declaration."""
    columns: list[str] = []
    for field in fields(record_type):
        if _is_span(field.type):
            columns.extend(f"{field.name}_{part}" for part in SPAN_PARTS)
        else:
            columns.append(field.name)
    return tuple(columns)


def flat_values(record: Any) -> list[Any]:
    """`record`'s values in the order of `flat_columns`: a span's three parts (empty for no
    span), a list of words joined by "; ", drivers as their JSON text."""
    values: list[Any] = []
    for field in fields(record):
        value = getattr(record, field.name)
        if _is_span(field.type):
            values.extend(
                (None, None, None) if value is None else (value.start, value.end, value.text)
            )
        elif isinstance(value, list):
            values.append(LIST_SEPARATOR.join(value) or None)
        elif field.name == "drivers":
            drivers = [driver.to_dict() for driver in value]
            values.append(json.dumps(drivers, ensure_ascii=False))
        else:
            values.append(value)
    return values


def _is_span(annotation: Any) -> bool:
    # annotations are strings here (postponed evaluation): "Span", "Span | None"
    return str(annotation).split(" | ")[0] == "Span"


@dataclass(frozen=True, slots=True)
class Page(Generic[Item]):
    """One page of a longer listing: `total` counts every match, not only these `items`;
    `next`, when more follow, is the cursor that starts the next page (`after=next`)."""

    items: list[Item]
    total: int
    limit: int
    offset: int
    next: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "items": [item.to_dict() for item in self.items],
            "total": self.total,
            "limit": self.limit,
            "offset": self.offset,
            "next": self.next,
        }


@dataclass(frozen=True, slots=True)
class DyadPoint:
    """One period of one direction of a dyad."""

    period: date  # first day of the week (a Monday), month or year
    direction: Direction  # backward: target → source
    events: int
    goldstein_mean: float | None  # None when no event of the period has a Goldstein score
    goldstein_sum: float
    quad_class: dict[str, int]  # "1".."4", every key present
    plover: dict[str, int]  # PLOVER type → events; types that occur only
    thermometer: float | None  # events-weighted mean Goldstein over the rolling window

    def to_dict(self) -> dict[str, Any]:
        return {
            "period": self.period.isoformat(),
            "direction": self.direction,
            "events": self.events,
            "goldstein_mean": self.goldstein_mean,
            "goldstein_sum": self.goldstein_sum,
            "quad_class": dict(self.quad_class),
            "plover": dict(self.plover),
            "thermometer": self.thermometer,
        }


@dataclass(frozen=True, slots=True)
class DyadSeries:
    source: str
    target: str
    by: Period
    window: int
    points: list[DyadPoint]  # by period, forward before backward
    undated: int = 0  # events of the dyad left out for want of a date
    source_name: str | None = None  # readable, as an ActorCount's name
    target_name: str | None = None
    count: Count = "events"  # what `events` and the Goldstein figures count

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "source_name": self.source_name,
            "target": self.target,
            "target_name": self.target_name,
            "by": self.by,
            "window": self.window,
            "count": self.count,
            "points": [point.to_dict() for point in self.points],
            "undated": self.undated,
        }


@dataclass(frozen=True, slots=True)
class ActorCount:
    code: str  # the code, or its first `level` characters
    name: str | None  # readable (names.actor_name), else the name most often given to it
    matched: str | None  # with a search, the name or mention that matched it
    events: int  # events with it on either side (once when on both)
    as_source: int
    as_target: int
    quotes: int  # quotes whose speaker has this code
    mentions: int  # mentions of actors with this code

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "matched": self.matched,
            "events": self.events,
            "as_source": self.as_source,
            "as_target": self.as_target,
            "quotes": self.quotes,
            "mentions": self.mentions,
        }


@dataclass(frozen=True, slots=True)
class DyadCount:
    source: str
    target: str
    events: int
    goldstein_mean: float | None
    conflict: int  # quad classes 3 and 4
    cooperation: int  # quad classes 1 and 2
    source_name: str | None = None  # readable, as an ActorCount's name
    target_name: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "source_name": self.source_name,
            "target": self.target,
            "target_name": self.target_name,
            "events": self.events,
            "goldstein_mean": self.goldstein_mean,
            "conflict": self.conflict,
            "cooperation": self.cooperation,
        }


@dataclass(frozen=True, slots=True)
class NetworkNode:
    code: str
    name: str | None
    events: int  # events it takes part in, over every dyad in the date range

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, "events": self.events}


@dataclass(frozen=True, slots=True)
class NetworkEdge:
    source: str
    target: str
    weight: int  # events from source to target
    goldstein_mean: float | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "target": self.target,
            "weight": self.weight,
            "goldstein_mean": self.goldstein_mean,
        }


@dataclass(frozen=True, slots=True)
class Network:
    nodes: list[NetworkNode]  # the actors the edges connect
    edges: list[NetworkEdge]  # directed, heaviest first

    def to_dict(self) -> dict[str, Any]:
        return {
            "nodes": [node.to_dict() for node in self.nodes],
            "edges": [edge.to_dict() for edge in self.edges],
        }


@dataclass(frozen=True, slots=True)
class ActorPeriod:
    """One period of an actor's events, on either side."""

    period: date  # first day of the week (a Monday), month or year
    events: int
    quad_class: dict[str, int]  # "1".."4", every key present

    def to_dict(self) -> dict[str, Any]:
        return {
            "period": self.period.isoformat(),
            "events": self.events,
            "quad_class": dict(self.quad_class),
        }


@dataclass(frozen=True, slots=True)
class Partner:
    """A code on the other side of an actor's events."""

    code: str
    name: str | None  # readable, as an ActorCount's name
    events: int  # both ways
    outgoing: int  # from the actor to the partner
    incoming: int  # from the partner to the actor
    goldstein_mean: float | None

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


@dataclass(frozen=True, slots=True)
class ActorProfile:
    """One actor's events over time by QuadClass, its partners and its newest quotes."""

    code: str
    name: str | None
    by: Period
    periods: list[ActorPeriod]  # oldest first; periods without events left out
    partners: list[Partner]  # most events first
    quotes: list[QuoteHit]  # newest first

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "by": self.by,
            "periods": [period.to_dict() for period in self.periods],
            "partners": [partner.to_dict() for partner in self.partners],
            "quotes": [quote.to_dict() for quote in self.quotes],
        }


@dataclass(frozen=True, slots=True)
class QuoteHit:
    document_id: str
    quote_id: str
    title: str | None
    day: date | None
    type: str
    content: Span
    cue: Span | None
    speaker_name: str | None
    speaker_code: str | None
    speaker_role: str | None
    speaker_organization: str | None
    speaker_mention: Span | None
    resolution: str | None
    confidence: float | None
    rule: str | None
    score: float | None  # BM25 when searched by text, else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "document_id": self.document_id,
            "quote_id": self.quote_id,
            "title": self.title,
            "day": _iso(self.day),
            "type": self.type,
            "content": self.content.to_dict(),
            "cue": _span(self.cue),
            "speaker_name": self.speaker_name,
            "speaker_code": self.speaker_code,
            "speaker_role": self.speaker_role,
            "speaker_organization": self.speaker_organization,
            "speaker_mention": _span(self.speaker_mention),
            "resolution": self.resolution,
            "confidence": self.confidence,
            "rule": self.rule,
            "score": self.score,
        }


@dataclass(frozen=True, slots=True)
class EventRow:
    """One stored event: every column of the `events` table, and its document's title."""

    document_id: str
    event_id: str
    title: str | None
    source_actor: str | None
    source_name: str | None
    source_code: str | None
    source_text: str | None
    target_actor: str | None
    target_name: str | None
    target_code: str | None
    target_text: str | None
    plover_type: str | None
    plover_mode: str | None
    plover_context: list[str]
    cameo: str | None
    cameo_root: str | None
    goldstein: float | None
    intensity: float | None
    quad_class: int | None
    event_date: date | None
    date_text: str | None
    day: date | None
    day_basis: str | None
    location_name: str | None
    location_country: str | None
    latitude: float | None
    longitude: float | None
    negated: bool
    hypothetical: bool
    future: bool
    historical: bool
    quote_id: str | None
    evidence: Span
    sentence: int | None
    rule: str | None
    confidence: float | None
    drivers: tuple[Driver, ...]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            if isinstance(value, date):
                value = value.isoformat()
            elif isinstance(value, Span):
                value = value.to_dict()
            elif name == "drivers":
                value = [driver.to_dict() for driver in value]
            out[name] = value
        return out


@dataclass(frozen=True, slots=True)
class Highlight:
    """A stretch of the document's text to mark, and what to show about it on hover."""

    kind: HighlightKind
    record_id: str  # "A1", "Q3" (for quote, cue and speaker), "E7"
    start: int
    end: int
    text: str  # == document text[start:end]
    label: str  # "IGOWSTNAT NATO", "Q3 Alexander Grushko", "E7 REJECT 128 (−4.0)"
    rule: str | None
    codes: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "record_id": self.record_id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "label": self.label,
            "rule": self.rule,
            "codes": dict(self.codes),
        }


@dataclass(frozen=True, slots=True)
class DocumentView:
    """A stored document (its output-contract dict) and the highlights of its records."""

    document: dict[str, Any]
    highlights: list[Highlight]  # by start, longer first

    def to_dict(self) -> dict[str, Any]:
        """The contract dict with one key more, "highlights"."""
        return {**self.document, "highlights": [h.to_dict() for h in self.highlights]}


@dataclass(frozen=True, slots=True)
class Summary:
    """What the database holds, for the dashboard's overview."""

    documents: int
    errors: int  # documents stored with errors
    events: int
    quotes: int
    first_day: date | None  # of the dated events: their own date or their document's
    last_day: date | None
    undated: int  # events dated only by the day their document was stored, or not at all

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "errors": self.errors,
            "events": self.events,
            "quotes": self.quotes,
            "first_day": _iso(self.first_day),
            "last_day": _iso(self.last_day),
            "undated": self.undated,
        }


@dataclass(frozen=True, slots=True)
class PlaceCount:
    """Events at one place (or in one country), with the newest of them."""

    name: str  # the place's name, or the country's
    country: str | None  # ISO alpha-3
    country_name: str | None  # from GeoNames
    country_number: str | None  # ISO 3166 numeric ("152"), the world map's country id
    latitude: float | None  # None for a country, or a place without coordinates
    longitude: float | None
    events: int
    goldstein_mean: float | None
    conflict: int  # quad classes 3 and 4
    cooperation: int  # quad classes 1 and 2
    document_id: str  # the newest event there
    event_id: str

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}
