"""The read routes: each checks its parameters (422 when malformed) and calls detente.explore.

Routes are plain functions, so FastAPI runs them in its thread pool; `Store.query` is safe from
several threads at once. An integer parameter's bounds are explore's (`filters.Bound`), so
both sides refuse the same values and the OpenAPI schema says which; a query parameter a route
does not declare is refused too (`parameters.check_parameters`). Names and descriptions are
those of `detente.vocabulary`, which the CLI's options read as well. Every list answers a page,
`{items, total, limit, offset, next}`; the events and quotes lists also download whole as CSV
(`/api/events.csv`, `/api/quotes.csv`), with the same filters.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import JSONResponse, StreamingResponse

from detente import explore
from detente.api import schemas
from detente.api.downloads import csv_download
from detente.api.parameters import check_parameters
from detente.api.state import StateDep, StoreDep
from detente.errors import Errors
from detente.explore.filters import (
    CAMEO_PREFIX,
    CODE_PATTERN,
    LEVEL,
    LIMIT,
    MIN_EVENTS,
    OFFSET,
    WINDOW,
    Bound,
)
from detente.recode import coder_version
from detente.vocabulary import help_of

MAX_PAGE = 500  # rows of one answer: tighter than explore's LIMIT (the CLI's)
PAGING = (
    f"A page starts `offset` matches in (at most {OFFSET.maximum:,}), or right after the "
    "cursor `after`: the `next` of the page before, given while more follow. Deep pages cost "
    "what the first one does with a cursor."
)
# what detente.explore accepts, checked here too so that a malformed value is a 422
CODE = f"^{CODE_PATTERN.pattern}$"
CAMEO = f"^{CAMEO_PREFIX.pattern}$"


def code_query(name: str) -> Any:
    """An actor code pattern, as detente.explore takes it."""
    return Query(pattern=CODE, max_length=40, description=help_of(name))


def text_query(name: str, max_length: int = 200) -> Any:
    return Query(min_length=1, max_length=max_length, description=help_of(name))


CodeQuery = Annotated[str | None, code_query("actor")]
Since = Annotated[date | None, Query(description=help_of("since"))]
Until = Annotated[date | None, Query(description=help_of("until"))]


def bounded(bound: Bound, name: str, maximum: int | None = None, advice: str = "") -> Any:
    """The query parameter `name` taking the values of `bound` (up to `maximum`, when tighter)."""
    top = bound.maximum if maximum is None else maximum
    described = f"{help_of(name)}, {bound.minimum} to {top:,}" + (f"; {advice}" if advice else "")
    return Query(ge=bound.minimum, le=top, description=described)


Level = Annotated[int | None, bounded(LEVEL, "level")]
Limit = Annotated[int, bounded(LIMIT, "limit", MAX_PAGE)]
Offset = Annotated[int, bounded(OFFSET, "offset", advice=OFFSET.fix)]
After = Annotated[
    str | None,
    Query(min_length=1, max_length=2000, pattern=r"^[A-Za-z0-9_-]+$", description=help_of("after")),
]


def flag(name: str) -> Any:
    return Query(description=help_of(name))


CountQuery = Annotated[Literal["events", "reports"], Query(description=help_of("count"))]


def event_filters(
    source: Annotated[str | None, code_query("source")] = None,
    target: Annotated[str | None, code_query("target")] = None,
    actor: CodeQuery = None,
    plover_type: Annotated[
        str | None,
        Query(pattern=r"^[A-Za-z_]+$", max_length=40, description=help_of("plover_type")),
    ] = None,
    cameo: Annotated[str | None, Query(pattern=CAMEO, description=help_of("cameo"))] = None,
    quad_class: Annotated[int | None, Query(ge=1, le=4, description=help_of("quad_class"))] = None,
    since: Since = None,
    until: Until = None,
    negated: Annotated[bool | None, flag("negated")] = None,
    hypothetical: Annotated[bool | None, flag("hypothetical")] = None,
    future: Annotated[bool | None, flag("future")] = None,
    historical: Annotated[bool | None, flag("historical")] = None,
    document_id: Annotated[str | None, text_query("document_id", 500)] = None,
) -> dict[str, Any]:
    """The filters of /api/events and /api/events.csv, declared once for both."""
    return {
        "source": source,
        "target": target,
        "actor": actor,
        "plover_type": plover_type,
        "cameo": cameo,
        "quad_class": quad_class,
        "since": since,
        "until": until,
        "negated": negated,
        "hypothetical": hypothetical,
        "future": future,
        "historical": historical,
        "document_id": document_id,
    }


def quote_filters(
    text: Annotated[str | None, text_query("text", 500)] = None,
    speaker: Annotated[str | None, text_query("speaker")] = None,
    organization: Annotated[str | None, text_query("organization")] = None,
    actor: CodeQuery = None,
    since: Since = None,
    until: Until = None,
) -> dict[str, Any]:
    """The filters of /api/quotes and /api/quotes.csv, declared once for both."""
    return {
        "text": text,
        "speaker": speaker,
        "organization": organization,
        "actor": actor,
        "since": since,
        "until": until,
    }


EventFilters = Annotated[dict[str, Any], Depends(event_filters)]
QuoteFilters = Annotated[dict[str, Any], Depends(quote_filters)]
CSV: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {"text/csv": {"schema": {"type": "string"}}},
        "description": "every match, one flat row each (a span as its _start, _end and _text "
        "columns), with a header row; the JSON list's fields in its order",
    }
}

ERRORS: dict[int | str, dict[str, Any]] = {
    400: {
        "model": schemas.ErrorModel,
        "description": "a filter the query cannot use, or a cursor it did not give",
    },
    422: {"description": "a malformed parameter, or one the route does not take; `detail` says"},
}

router = APIRouter(prefix="/api", responses=ERRORS, dependencies=[Depends(check_parameters)])


def _json(record: Any) -> JSONResponse:
    return JSONResponse(record.to_dict())


@router.get("/stats", response_model=schemas.StatsModel, summary="What the database holds")
def stats(store: StoreDep, state: StateDep) -> JSONResponse:
    # behind the coder this server's own POST /api/documents codes with
    return JSONResponse(asdict(store.stats(coder_version(state.settings))))


@router.get(
    "/overview",
    response_model=schemas.SummaryModel,
    summary="The corpus at a glance: documents, errors, events, quotes and their date range",
)
def overview(store: StoreDep) -> JSONResponse:
    return _json(explore.corpus_summary(store))


@router.get(
    "/places",
    response_model=schemas.PlacePageModel,
    summary="Places of events (or their countries) by their number of events",
)
def places(
    store: StoreDep,
    group: Annotated[Literal["place", "country"], Query(description=help_of("group"))] = "place",
    limit: Limit = 20,
    offset: Offset = 0,
    since: Since = None,
    until: Until = None,
) -> JSONResponse:
    found = explore.top_places(
        store, group=group, limit=limit, offset=offset, since=since, until=until
    )
    return _json(found)


@router.get(
    "/actors",
    response_model=schemas.ActorPageModel,
    summary="Actor codes by the events they take part in; or found by name, code or mention",
)
def actors(
    store: StoreDep,
    q: Annotated[str | None, text_query("q")] = None,
    limit: Limit = 20,
    offset: Offset = 0,
    since: Since = None,
    until: Until = None,
    level: Level = None,
) -> JSONResponse:
    found = explore.top_actors(
        store, q=q, limit=limit, offset=offset, since=since, until=until, level=level
    )
    return _json(found)


@router.get(
    "/dyads",
    response_model=schemas.DyadPageModel,
    summary="(source, target) pairs by their number of events",
)
def dyads(
    store: StoreDep,
    limit: Limit = 20,
    offset: Offset = 0,
    since: Since = None,
    until: Until = None,
    level: Level = None,
    count: CountQuery = "events",
) -> JSONResponse:
    found = explore.top_dyads(
        store, limit=limit, offset=offset, since=since, until=until, level=level, count=count
    )
    return _json(found)


@router.get(
    "/network",
    response_model=schemas.NetworkModel,
    summary="Actor network: the heaviest directed dyads and the actors they connect",
)
def network(
    store: StoreDep,
    limit_edges: Annotated[int, bounded(LIMIT, "limit_edges", MAX_PAGE)] = 200,
    min_events: Annotated[int, bounded(MIN_EVENTS, "min_events")] = 1,
    since: Since = None,
    until: Until = None,
    level: Level = None,
    count: CountQuery = "events",
) -> JSONResponse:
    return _json(
        explore.actor_network(
            store,
            limit_edges=limit_edges,
            min_events=min_events,
            since=since,
            until=until,
            level=level,
            count=count,
        )
    )


@router.get(
    "/dyad",
    response_model=schemas.DyadSeriesModel,
    summary="Dyad series: events from source to target per week, month or year",
)
def dyad(
    store: StoreDep,
    source: Annotated[str, code_query("source")],
    target: Annotated[str, code_query("target")],
    by: Annotated[Literal["week", "month", "year"], Query(description=help_of("by"))] = "month",
    both: Annotated[bool, flag("both")] = False,
    window: Annotated[int, bounded(WINDOW, "window")] = 3,
    since: Since = None,
    until: Until = None,
    include_undated: Annotated[bool, flag("include_undated")] = False,
    count: CountQuery = "events",
) -> JSONResponse:
    return _json(
        explore.dyad_series(
            store,
            source,
            target,
            by=by,
            both_directions=both,
            window=window,
            since=since,
            until=until,
            include_undated=include_undated,
            count=count,
        )
    )


@router.get(
    "/actor",
    response_model=schemas.ActorProfileModel,
    summary="An actor: its events per week, month or year by QuadClass, partners and quotes",
)
def actor(
    store: StoreDep,
    code: Annotated[str, code_query("code")],
    by: Annotated[Literal["week", "month", "year"], Query(description=help_of("by"))] = "month",
    since: Since = None,
    until: Until = None,
    limit: Annotated[int, bounded(LIMIT, "limit", MAX_PAGE, "partners and quotes, each")] = 10,
) -> JSONResponse:
    return _json(explore.actor_profile(store, code, by=by, since=since, until=until, limit=limit))


@router.get(
    "/events",
    response_model=schemas.EventPageModel,
    summary="Events matching every filter given, newest first",
    description=PAGING,
)
def events(
    store: StoreDep,
    filters: EventFilters,
    limit: Limit = 50,
    offset: Offset = 0,
    after: After = None,
) -> JSONResponse:
    return _json(explore.list_events(store, **filters, limit=limit, offset=offset, after=after))


@router.get(
    "/events.csv",
    response_class=StreamingResponse,
    responses=CSV,
    summary="Every event matching the filters of /api/events, as CSV",
)
def events_csv(store: StoreDep, filters: EventFilters) -> StreamingResponse:
    return csv_download(
        "events",
        explore.EventRow,
        lambda size, offset, after: explore.list_events(
            store, **filters, limit=size, offset=offset, after=after
        ),
    )


@router.get(
    "/quotes",
    response_model=schemas.QuotePageModel,
    summary="Quotes by text (ranked), speaker, organisation, speaker code and date",
    description=f"{PAGING} A search by `text` pages by offset only.",
)
def quotes(
    store: StoreDep,
    filters: QuoteFilters,
    limit: Limit = 20,
    offset: Offset = 0,
    after: After = None,
) -> JSONResponse:
    return _json(explore.search_quotes(store, **filters, limit=limit, offset=offset, after=after))


@router.get(
    "/quotes.csv",
    response_class=StreamingResponse,
    responses=CSV,
    summary="Every quote matching the filters of /api/quotes, as CSV",
    description=f"A search by `text` gives its best {OFFSET.maximum:,} matches, best first.",
)
def quotes_csv(store: StoreDep, filters: QuoteFilters) -> StreamingResponse:
    return csv_download(
        "quotes",
        explore.QuoteHit,
        lambda size, offset, after: explore.search_quotes(
            store, **filters, limit=size, offset=offset, after=after
        ),
    )


@router.get(
    "/documents/{document_id:path}",
    response_model=schemas.DocumentViewModel,
    responses={404: {"model": schemas.ErrorModel, "description": "no such document"}},
    summary="A document with its records and the highlights of each in its text",
)
def document(
    store: StoreDep, document_id: Annotated[str, Path(min_length=1, max_length=500)]
) -> JSONResponse:
    view = explore.document_view(store, document_id)
    if view is None:
        return JSONResponse({"detail": Errors.E947.format(id=document_id)}, status_code=404)
    return _json(view)
