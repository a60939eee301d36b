"""The JSON the API takes and gives, as pydantic models: they are the OpenAPI schema.

Responses are the `to_dict()` of the `detente.explore` records, served as they are; these models
describe them for /openapi.json (tests check every route's real answers against them, with extra
keys forbidden, so the schema cannot drift from the data).
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SpanModel(Strict):
    start: int
    end: int
    text: str = Field(description="document text[start:end]")


class StatsModel(Strict):
    documents: int
    sources: int
    duplicates: int
    errors: int
    words: int
    removed: int
    actors: int
    quotes: int
    events: int
    stories: int = Field(
        description="stories over the documents: near duplicates (a wire story republished "
        "with other headlines and small edits) are one story; 0 before schema version 5"
    )
    schema_version: int
    formats: dict[str, int] = Field(description="sources per input format")
    coder: str = Field(
        description="the coder version of this server: detente, the spaCy model, the event "
        "coder and hashes of the dictionaries, rules and model it codes with"
    )
    behind: int = Field(
        description="documents coded by another coder version (`detente recode` re-codes them)"
    )


NAME = (
    "readable: its country or group and sectors (RUSGOV: Russia: government), else its "
    "dictionary entry (IGOWSTNAT: NATO), else the name most often given to it"
)


class ActorCountModel(Strict):
    code: str = Field(description="the actor code, or its first `level` characters")
    name: str | None = Field(description=NAME)
    matched: str | None = Field(
        description="with `q`, the actor's name or mention that matched it; else null"
    )
    events: int
    as_source: int
    as_target: int
    quotes: int
    mentions: int


class ActorPageModel(Strict):
    items: list[ActorCountModel]
    total: int = Field(description="every match, not only this page")
    limit: int
    offset: int = Field(description="matches before this page")
    next: None = Field(description="always null: a ranked list pages by offset")


class DyadCountModel(Strict):
    source: str
    source_name: str | None = Field(description=NAME)
    target: str
    target_name: str | None = Field(description=NAME)
    events: int
    goldstein_mean: float | None
    conflict: int = Field(description="events of QuadClass 3 and 4")
    cooperation: int = Field(description="events of QuadClass 1 and 2")


class DyadPageModel(Strict):
    items: list[DyadCountModel]
    total: int = Field(description="every match, not only this page")
    limit: int
    offset: int = Field(description="matches before this page")
    next: None = Field(description="always null: a ranked list pages by offset")


class SummaryModel(Strict):
    documents: int
    errors: int = Field(description="documents stored with errors")
    events: int
    quotes: int
    first_day: date | None = Field(
        description="the first day of the events dated by the text or by their document's "
        "publication; null when none is"
    )
    last_day: date | None = Field(description="the last such day")
    undated: int = Field(
        description="events dated only by the day their document was stored, or not at all"
    )


class PlaceCountModel(Strict):
    name: str = Field(description="the place's name; with group=country, the country's")
    country: str | None = Field(description="ISO 3166 alpha-3")
    country_name: str | None = Field(description="the country's name (GeoNames)")
    country_number: str | None = Field(
        description="ISO 3166 numeric, three digits: the id of the country in world-atlas"
    )
    latitude: float | None = Field(description="null for a country or a place without any")
    longitude: float | None
    events: int
    goldstein_mean: float | None
    conflict: int = Field(description="events of QuadClass 3 and 4")
    cooperation: int = Field(description="events of QuadClass 1 and 2")
    document_id: str = Field(description="the document of the newest event there")
    event_id: str = Field(description="the newest event there")


class PlacePageModel(Strict):
    items: list[PlaceCountModel]
    total: int = Field(description="every match, not only this page")
    limit: int
    offset: int = Field(description="matches before this page")
    next: None = Field(description="always null: a ranked list pages by offset")


class NetworkNodeModel(Strict):
    code: str
    name: str | None = Field(description=NAME)
    events: int


class NetworkEdgeModel(Strict):
    source: str
    target: str
    weight: int = Field(description="events from source to target")
    goldstein_mean: float | None


class NetworkModel(Strict):
    nodes: list[NetworkNodeModel]
    edges: list[NetworkEdgeModel]


class DyadPointModel(Strict):
    period: date = Field(description="first day of the week (a Monday), month or year")
    direction: Literal["forward", "backward"] = Field(description="backward: target → source")
    events: int
    goldstein_mean: float | None
    goldstein_sum: float
    quad_class: dict[str, int] = Field(description='events per QuadClass, keys "1" to "4"')
    plover: dict[str, int] = Field(description="events per PLOVER type")
    thermometer: float | None = Field(
        description="events-weighted mean Goldstein over the last `window` periods"
    )


class DyadSeriesModel(Strict):
    source: str
    source_name: str | None = Field(description=NAME)
    target: str
    target_name: str | None = Field(description=NAME)
    by: Literal["week", "month", "year"]
    window: int
    count: Literal["events", "reports"] = Field(
        description="what the points count: events (the reports of one story that agree on "
        "source, target, CAMEO code and day once) or reports (every event read in every document)"
    )
    points: list[DyadPointModel]
    undated: int = Field(
        description="events of the dyad left out for want of a date of their own or of their "
        "document (include_undated=true plots them on the day their document was stored)"
    )


class DriverModel(Strict):
    feature: str = Field(
        description="a word, 2-gram or rule vote of a learned decision, or the pattern or verb "
        "a rule matched"
    )
    weight: float = Field(description="its contribution to the decision's score (1.0: a rule's)")


class EventRowModel(Strict):
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
    day: date | None = Field(description="event date, else published date, else day stored")
    day_basis: Literal["event", "published", "ingested"] | None
    location_name: str | None
    location_country: str | None
    latitude: float | None
    longitude: float | None
    negated: bool
    hypothetical: bool
    future: bool
    historical: bool
    quote_id: str | None
    evidence: SpanModel
    sentence: int | None
    rule: str | None
    confidence: float | None
    drivers: list[DriverModel] = Field(description="what drove the coding decision; may be empty")


NEXT = "cursor of the next page (pass it as `after`); null on the last page and on ranked ones"


class EventPageModel(Strict):
    items: list[EventRowModel]
    total: int = Field(description="every match, not only this page")
    limit: int
    offset: int = Field(description="matches before this page")
    next: str | None = Field(description=NEXT)


class QuoteHitModel(Strict):
    document_id: str
    quote_id: str
    title: str | None
    day: date | None
    type: str
    content: SpanModel
    cue: SpanModel | None
    speaker_name: str | None
    speaker_code: str | None
    speaker_role: str | None
    speaker_organization: str | None
    speaker_mention: SpanModel | None
    resolution: str | None
    confidence: float | None
    rule: str | None
    score: float | None = Field(description="BM25 when searched by text")


class QuotePageModel(Strict):
    items: list[QuoteHitModel]
    total: int
    limit: int
    offset: int
    next: str | None = Field(description=NEXT)


class ActorPeriodModel(Strict):
    period: date = Field(description="first day of the week (a Monday), month or year")
    events: int = Field(description="events with the actor on either side")
    quad_class: dict[str, int] = Field(description='events per QuadClass, keys "1" to "4"')


class PartnerModel(Strict):
    code: str
    name: str | None = Field(description=NAME)
    events: int = Field(description="events both ways")
    outgoing: int = Field(description="events from the actor to the partner")
    incoming: int = Field(description="events from the partner to the actor")
    goldstein_mean: float | None


class ActorProfileModel(Strict):
    code: str
    name: str | None = Field(description=NAME)
    by: Literal["week", "month", "year"]
    periods: list[ActorPeriodModel] = Field(
        description="oldest first; periods without events and events without a date left out"
    )
    partners: list[PartnerModel] = Field(
        description="codes on the other side of its events (not matching `code`), most first"
    )
    quotes: list[QuoteHitModel] = Field(description="its newest quotes, by speaker code")


class HighlightModel(Strict):
    kind: Literal["actor", "quote", "cue", "speaker", "event"]
    record_id: str
    start: int
    end: int
    text: str
    label: str
    rule: str | None
    codes: dict[str, Any]


class DocumentViewModel(BaseModel):
    """The output-contract document (docs/CONTRACT.md) and the highlights of its records."""

    model_config = ConfigDict(extra="allow")

    id: str
    source: dict[str, Any]
    title: str | None
    published: str | None
    text: str
    actors: list[dict[str, Any]]
    quotes: list[dict[str, Any]]
    events: list[dict[str, Any]]
    errors: list[dict[str, Any]]
    highlights: list[HighlightModel] = Field(description="by start, longer first")


class PostedDocument(Strict):
    """A document to run through the pipeline and store: `text` or `html` (text wins)."""

    text: str | None = Field(None, description="plain text of an article")
    html: str | None = Field(None, description="an article's HTML page")
    url: str | None = Field(
        None, max_length=2048, pattern=r"^https?://\S+$", description="where it was published"
    )
    title: str | None = Field(None, max_length=2000)
    published: date | None = Field(None, description="YYYY-MM-DD; relative dates resolve on it")


class StoredModel(Strict):
    id: str = Field(description="the stored document's id: GET /api/documents/{id}")
    quotes: list[dict[str, Any]] = Field(description="the contract's quotes")
    events: list[dict[str, Any]] = Field(description="the contract's events")
    errors: list[dict[str, Any]]


class ErrorModel(BaseModel):
    detail: str = Field(description="one line starting with its code, e.g. [E947]")
