"""The typed records that travel between stages, and the output contract (docs/CONTRACT.md).

Stages hand each other these objects, never tuples or loose dicts; `Result.to_dict()` is the only
path to the JSON a user sees.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

SourceFormat = Literal["text", "html", "jsonl", "warc", "feed", "url"]
ContentKind = Literal["html", "text"]
ActorKind = Literal["person", "group", "state", "organization"]
QuoteType = Literal["direct", "indirect", "mixed"]


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of a document's text. `text == body[start:end]` is checked at construction."""

    start: int
    end: int
    text: str

    @classmethod
    def of(cls, body: str, start: int, end: int) -> Span:
        if not 0 <= start <= end <= len(body):
            raise ValueError(f"span {start}:{end} is outside a text of {len(body)} characters")
        return cls(start, end, body[start:end])

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Entity:
    """A named-entity span from the NLP stage, with its spaCy label."""

    span: Span
    label: str

    def to_dict(self) -> dict[str, Any]:
        return {**self.span.to_dict(), "label": self.label}


@dataclass(slots=True)
class Actor:
    """Someone who speaks or acts in a document, with every mention of them."""

    id: str  # "A1", "A2", ... unique within the document
    name: str
    kind: ActorKind
    mentions: list[Span] = field(default_factory=list)
    role: str | None = None
    organization: str | None = None
    code: str | None = None  # CAMEO/Phoenix actor code, e.g. RUSGOV, IGOWSTNAT
    country: str | None = None
    sector: str | None = None
    rule: str | None = None  # the rule or dictionary entry that produced name/role/code

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "code": self.code,
            "country": self.country,
            "sector": self.sector,
            "role": self.role,
            "organization": self.organization,
            "mentions": [m.to_dict() for m in self.mentions],
            "rule": self.rule,
        }


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who a quote is attributed to, and how that was found."""

    actor: str | None  # Actor.id
    name: str
    mention: Span | None  # the words in this sentence that name the speaker ("he", "Grushko")
    # explicit | alias | pronoun | role | carry-over | group | institution | description | author
    # | document (a text, record or exchange: no actor) | unresolved
    resolution: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "actor": self.actor,
            "name": self.name,
            "mention": self.mention.to_dict() if self.mention else None,
            "resolution": self.resolution,
        }


@dataclass(frozen=True, slots=True)
class Quote:
    id: str  # "Q1", ...
    type: QuoteType
    content: Span
    cue: Span | None
    speaker: Speaker
    confidence: float
    rule: str  # short id of the rule that fired

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "content": self.content.to_dict(),
            "cue": self.cue.to_dict() if self.cue else None,
            "speaker": self.speaker.to_dict(),
            "confidence": self.confidence,
            "rule": self.rule,
        }


@dataclass(slots=True)
class ActorFindings:
    """The actors stage's hand-over to the events stage: actors and which tokens mention whom."""

    actors: list[Actor] = field(default_factory=list)
    token_actor: dict[int, str] = field(default_factory=dict)  # spaCy token index → Actor.id
    # a sector's actor → the actor whose own it is ("Russia strengthened its forces": the forces
    # are Russia's, what it acts with, not on)
    owners: dict[str, str] = field(default_factory=dict)

    def get(self, actor_id: str) -> Actor | None:
        return next((a for a in self.actors if a.id == actor_id), None)


@dataclass(frozen=True, slots=True)
class EventActor:
    """One side of an event: the actor, its code, and the words that named it here."""

    actor: str | None  # Actor.id
    name: str
    code: str | None
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"actor": self.actor, "name": self.name, "code": self.code, "text": self.text}


@dataclass(frozen=True, slots=True)
class Plover:
    type: str  # AGREE ... ASSAULT
    mode: str | None
    context: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "mode": self.mode, "context": list(self.context)}


@dataclass(frozen=True, slots=True)
class Location:
    name: str
    country: str | None  # ISO 3166-1 alpha-3
    latitude: float | None = None
    longitude: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "country": self.country,
            "latitude": self.latitude,
            "longitude": self.longitude,
        }


@dataclass(frozen=True, slots=True)
class Driver:
    """One thing that drove an event's coding decision, and how much it counted.

    `feature` is a word, a 2-gram or a rule vote ("vote type:ASSAULT") of a learned decision,
    or the dictionary pattern or verb a rule matched; `weight` is its contribution to the
    decision's score (1.0 for a rule's match).
    """

    feature: str
    weight: float

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Driver:
        """A driver from its `to_dict()` (a stored contract's, say)."""
        return cls(str(data["feature"]), float(data["weight"]))

    def to_dict(self) -> dict[str, Any]:
        return {"feature": self.feature, "weight": self.weight}


@dataclass(slots=True)
class Event:
    """Who did what to whom, when and where, with the sentence that says so."""

    id: str  # "E1", ...
    source: EventActor | None
    target: EventActor | None
    plover: Plover | None  # None for CAMEO 01x public statements
    cameo: str
    goldstein: float
    intensity: float | None  # PLOVER's own score for the type
    quad_class: int  # 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict
    evidence: Span
    sentence: int  # index into Result.sentences
    rule: str  # the pattern or dictionary entry that coded it
    confidence: float
    date: str | None = None
    date_text: str | None = None
    location: Location | None = None
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    historical: bool = False
    quote: str | None = None  # Quote.id when the event is a statement or is reported in a quote
    drivers: tuple[Driver, ...] = ()  # what drove the coding decision (empty: not recorded)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source.to_dict() if self.source else None,
            "target": self.target.to_dict() if self.target else None,
            "plover": self.plover.to_dict() if self.plover else None,
            "cameo": self.cameo,
            "goldstein": self.goldstein,
            "intensity": self.intensity,
            "quad_class": self.quad_class,
            "date": self.date,
            "date_text": self.date_text,
            "location": self.location.to_dict() if self.location else None,
            "negated": self.negated,
            "hypothetical": self.hypothetical,
            "future": self.future,
            "historical": self.historical,
            "quote": self.quote,
            "evidence": self.evidence.to_dict(),
            "sentence": self.sentence,
            "rule": self.rule,
            "confidence": self.confidence,
            "drivers": [driver.to_dict() for driver in self.drivers],
        }


@dataclass(frozen=True, slots=True)
class Source:
    """Where a document came from. `locator` tells records apart inside one file."""

    path: str | None
    format: SourceFormat
    url: str | None = None
    locator: str | None = None  # "line 12" in JSONL, a WARC record id, a feed entry id

    @property
    def key(self) -> str:
        """Unique, stable name of this input unit: what reruns are matched on."""
        base = self.path or self.url or "<unknown>"
        return f"{base}#{self.locator}" if self.locator else base

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"path": self.path, "url": self.url, "format": self.format}
        if self.locator:
            out["locator"] = self.locator
        return out


@dataclass(slots=True)
class RawDocument:
    """One document as read from its source: decoded text, not yet cleaned."""

    source: Source
    content: str
    kind: ContentKind
    id: str | None = None  # given by the source (a JSONL `id`); else derived from the body
    title: str | None = None
    url: str | None = None
    published: str | None = None
    authors: list[str] = field(default_factory=list)
    encoding: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def content_hash(self) -> str:
        return sha256_hex(self.content)


@dataclass(frozen=True, slots=True)
class IngestFailure:
    """An input unit that could not be read; it becomes an error record, the batch goes on."""

    source: Source
    message: str
    stage: str = "ingest"


@dataclass(frozen=True, slots=True)
class Removed:
    """A stretch of input the cleaner dropped, and why (duplicate, photo-credit, cookie, ...)."""

    text: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "reason": self.reason}


@dataclass(slots=True)
class Article:
    """The cleaned document: body text (paragraphs separated by a blank line) and metadata."""

    text: str
    title: str | None = None
    subtitle: str | None = None
    authors: list[str] = field(default_factory=list)
    publisher: str | None = None
    published: str | None = None
    language: str | None = None
    headings: list[Span] = field(default_factory=list)
    removed: list[Removed] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ErrorRecord:
    stage: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {"stage": self.stage, "message": self.message}


@dataclass(slots=True)
class Result:
    """One document's output. A failed document has `errors` and no article."""

    id: str | None
    source: Source
    article: Article | None = None
    sentences: list[Span] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    errors: list[ErrorRecord] = field(default_factory=list)
    content_hash: str | None = None  # of the raw input, for reruns
    coder: str | None = None  # the coder version that made its coding (detente.recode)

    @property
    def ok(self) -> bool:
        return self.article is not None and not self.errors

    @property
    def body_hash(self) -> str | None:
        return body_hash(self.article.text) if self.article is not None else None

    def to_dict(self) -> dict[str, Any]:
        if self.article is None:
            return {
                "id": self.id,
                "source": self.source.to_dict(),
                "errors": [e.to_dict() for e in self.errors],
            }
        a = self.article
        return {
            "id": self.id,
            "source": self.source.to_dict(),
            "title": a.title,
            "subtitle": a.subtitle,
            "authors": list(a.authors),
            "publisher": a.publisher,
            "published": a.published,
            "language": a.language,
            "text": a.text,
            "headings": [s.to_dict() for s in a.headings],
            "removed": [r.to_dict() for r in a.removed],
            "sentences": [s.to_dict() for s in self.sentences],
            "entities": [e.to_dict() for e in self.entities],
            "actors": [actor.to_dict() for actor in self.actors],
            "quotes": [quote.to_dict() for quote in self.quotes],
            "events": [event.to_dict() for event in self.events],
            "errors": [e.to_dict() for e in self.errors],
        }


def sha256_hex(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def body_hash(text: str) -> str:
    """Hash of the normalised body: case and whitespace do not make two bodies different."""
    return sha256_hex(" ".join(text.split()).casefold())


def document_id(given: str | None, text: str) -> str:
    """The stable id: the one the source gave, else the first 16 hex digits of the body hash."""
    return given if given else body_hash(text)[:16]
