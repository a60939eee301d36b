"""The read routes: each checks its parameters (422 when malformed) and calls detente.explore.

Routes are plain functions, so FastAPI runs them in its thread pool; `Store.query` is safe from
several threads at once. An integer parameter's bounds are explore's (`filters.Bound`), so
both sides refuse the same values and the OpenAPI schema says which; a query parameter a route
does not declare is refused too (`parameters.check_parameters`).
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import JSONResponse

from detente import explore
from detente.api import schemas
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

MAX_PAGE = 500  # rows of one answer: tighter than explore's LIMIT (the CLI's)
PAGING = (
    f"A page starts `offset` matches in (at most {OFFSET.maximum:,}), or right after the "
    "cursor `after`: the `next` of the page before, given while more follow. Deep pages cost "
    "what the first one does with a cursor."
)
# what detente.explore accepts, checked here too so that a malformed value is a 422
CODE = f"^{CODE_PATTERN.pattern}$"
CAMEO = f"^{CAMEO_PREFIX.pattern}$"

CODE_HELP = "actor code pattern, matched by prefix: RUS matches RUS, RUSGOV, RUSMIL"
CodeQuery = Annotated[str | None, Query(pattern=CODE, max_length=40, description=CODE_HELP)]
RequiredCode = Annotated[str, Query(pattern=CODE, max_length=40, description=CODE_HELP)]
Since = Annotated[date | None, Query(description="first day included, YYYY-MM-DD")]
Until = Annotated[date | None, Query(description="last day included, YYYY-MM-DD")]


def bounded(bound: Bound, description: str, maximum: int | None = None, advice: str = "") -> Any:
    """A query parameter taking the values of `bound` (up to `maximum`, when tighter)."""
    top = bound.maximum if maximum is None else maximum
    described = f"{description}, {bound.minimum} to {top:,}" + (f"; {advice}" if advice else "")
    return Query(ge=bound.minimum, le=top, description=described)


Level = Annotated[
    int | None, bounded(LEVEL, "group codes by their first N characters (3: countries)")
]
Limit = Annotated[int, bounded(LIMIT, "rows of the page", MAX_PAGE)]
Offset = Annotated[int, bounded(OFFSET, "matches to skip", advice=OFFSET.fix)]
After = Annotated[
    str | None,
    Query(
        min_length=1,
        max_length=2000,
        pattern=r"^[A-Za-z0-9_-]+$",
        description="the `next` of the previous page: the page right after it (offset 0)",
    ),
]
Flag = Annotated[bool | None, Query(description="true or false; absent: either")]
SearchText = Annotated[str | None, Query(min_length=1, max_length=500)]

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
    "/actors",
    response_model=list[schemas.ActorCountModel],
    summary="Actor codes by the events they take part in",
)
def actors(
    store: StoreDep,
    limit: Limit = 20,
    since: Since = None,
    until: Until = None,
    level: Level = None,
) -> JSONResponse:
    found = explore.top_actors(store, limit=limit, since=since, until=until, level=level)
    return JSONResponse([actor.to_dict() for actor in found])


@router.get(
    "/dyads",
    response_model=list[schemas.DyadCountModel],
    summary="(source, target) pairs by their number of events",
)
def dyads(
    store: StoreDep,
    limit: Limit = 20,
    since: Since = None,
    until: Until = None,
    level: Level = None,
) -> JSONResponse:
    found = explore.top_dyads(store, limit=limit, since=since, until=until, level=level)
    return JSONResponse([dyad.to_dict() for dyad in found])


@router.get(
    "/network",
    response_model=schemas.NetworkModel,
    summary="Actor network: the heaviest directed dyads and the actors they connect",
)
def network(
    store: StoreDep,
    limit_edges: Annotated[int, bounded(LIMIT, "edges, heaviest first", MAX_PAGE)] = 200,
    min_events: Annotated[int, bounded(MIN_EVENTS, "the fewest events an edge has")] = 1,
    since: Since = None,
    until: Until = None,
    level: Level = None,
) -> JSONResponse:
    return _json(
        explore.actor_network(
            store,
            limit_edges=limit_edges,
            min_events=min_events,
            since=since,
            until=until,
            level=level,
        )
    )


@router.get(
    "/dyad",
    response_model=schemas.DyadSeriesModel,
    summary="Dyad series: events from source to target per week, month or year",
)
def dyad(
    store: StoreDep,
    source: RequiredCode,
    target: RequiredCode,
    by: Literal["week", "month", "year"] = "month",
    both: Annotated[bool, Query(description="add target → source as 'backward'")] = False,
    window: Annotated[int, bounded(WINDOW, "periods the thermometer averages over")] = 3,
    since: Since = None,
    until: Until = None,
    include_undated: Annotated[
        bool,
        Query(description="true: plot events without a date on the day they were stored"),
    ] = False,
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
        )
    )


@router.get(
    "/events",
    response_model=schemas.EventPageModel,
    summary="Events matching every filter given, newest first",
    description=PAGING,
)
def events(
    store: StoreDep,
    source: CodeQuery = None,
    target: CodeQuery = None,
    actor: Annotated[
        str | None,
        Query(pattern=CODE, max_length=40, description="code pattern, either side"),
    ] = None,
    plover_type: Annotated[
        str | None, Query(pattern=r"^[A-Za-z_]+$", max_length=40, description="e.g. REJECT")
    ] = None,
    cameo: Annotated[
        str | None, Query(pattern=CAMEO, description="CAMEO code prefix: 12, 128")
    ] = None,
    quad_class: Annotated[
        int | None,
        Query(ge=1, le=4, description="1, 2: verbal, material cooperation; 3, 4: conflict"),
    ] = None,
    since: Since = None,
    until: Until = None,
    negated: Flag = None,
    hypothetical: Flag = None,
    future: Flag = None,
    historical: Flag = None,
    document_id: Annotated[str | None, Query(min_length=1, max_length=500)] = None,
    limit: Limit = 50,
    offset: Offset = 0,
    after: After = None,
) -> JSONResponse:
    return _json(
        explore.list_events(
            store,
            source=source,
            target=target,
            actor=actor,
            plover_type=plover_type,
            cameo=cameo,
            quad_class=quad_class,
            since=since,
            until=until,
            negated=negated,
            hypothetical=hypothetical,
            future=future,
            historical=historical,
            document_id=document_id,
            limit=limit,
            offset=offset,
            after=after,
        )
    )


@router.get(
    "/quotes",
    response_model=schemas.QuotePageModel,
    summary="Quotes by text (ranked), speaker, organisation, speaker code and date",
    description=f"{PAGING} A search by `text` pages by offset only.",
)
def quotes(
    store: StoreDep,
    text: Annotated[
        str | None, Query(min_length=1, max_length=500, description="words, ranked by BM25")
    ] = None,
    speaker: Annotated[
        str | None, Query(min_length=1, max_length=200, description="part of the speaker's name")
    ] = None,
    organization: Annotated[
        str | None,
        Query(min_length=1, max_length=200, description="part of the organisation or role"),
    ] = None,
    actor: CodeQuery = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = 20,
    offset: Offset = 0,
    after: After = None,
) -> JSONResponse:
    return _json(
        explore.search_quotes(
            store,
            text=text,
            speaker=speaker,
            organization=organization,
            actor=actor,
            since=since,
            until=until,
            limit=limit,
            offset=offset,
            after=after,
        )
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
