"""Event listing with filters: actors, type, CAMEO code, QuadClass, date range and flags."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from detente.explore import filters
from detente.explore.filters import Conditions
from detente.explore.paging import Cursor, Listing, list_page
from detente.explore.results import EventRow, Page
from detente.records import Driver, Span
from detente.store import Store, record_rows

# The events columns read into an EventRow (the evidence span is three of them).
EVENT_COLUMNS = tuple(name for name, _ in record_rows.EVENT_COLUMNS)
FLAGS = ("negated", "hypothetical", "future", "historical")
# Newest first; within a document in the order of the ids (E2 before E10).
EVENTS = Listing("events", "e", "event_id")


def list_events(
    store: Store,
    *,
    source: str | None = None,
    target: str | None = None,
    actor: str | None = None,
    plover_type: str | None = None,
    cameo: str | None = None,
    quad_class: int | None = None,
    since: date | None = None,
    until: date | None = None,
    negated: bool | None = None,
    hypothetical: bool | None = None,
    future: bool | None = None,
    historical: bool | None = None,
    document_id: str | None = None,
    limit: int = 50,
    offset: int = 0,
    after: str | None = None,
) -> Page[EventRow]:
    """Events matching every filter given, newest first (then by document, then E1, E2, …).

    `source`, `target` and `actor` (either side) are code patterns (RUS matches RUSGOV);
    `cameo` is a code or its start ("12" matches 120–129 and 1211); `plover_type` is any case.
    A flag left None does not filter; True or False keeps the events with that value.
    `after` is the `next` of a page: the page starting right after it (not with `offset`).
    """
    limit, offset = filters.page_window(limit, offset)
    filters.date_range(since, until)
    conditions = Conditions()
    if source is not None:
        conditions.prefix("e.source_code", filters.code_pattern(source, "source"))
    if target is not None:
        conditions.prefix("e.target_code", filters.code_pattern(target, "target"))
    if actor is not None:
        pattern = filters.code_pattern(actor, "actor")
        conditions.add(
            "(e.source_code LIKE {} || '%' OR e.target_code LIKE {} || '%')", pattern, pattern
        )
    if plover_type is not None:
        conditions.add("e.plover_type = {}", filters.plover_type(plover_type))
    if cameo is not None:
        conditions.prefix("e.cameo", filters.cameo_prefix(cameo))
    if quad_class is not None:
        conditions.add("e.quad_class = {}", filters.quad_class(quad_class))
    conditions.days("e.day", since, until)
    for flag, value in zip(FLAGS, (negated, hypothetical, future, historical), strict=True):
        if value is not None:
            conditions.add(f"e.{flag} = {{}}", value)
    if document_id is not None:
        conditions.add("e.document_id = {}", document_id)
    columns = ", ".join(f"e.{name}" for name in EVENT_COLUMNS)
    return list_page(
        store,
        EVENTS,
        conditions,
        limit=limit,
        offset=offset,
        after=after,
        columns=f"{columns}, d.title",
        # the titles of the page's documents only (a join before the LIMIT sorts every match)
        joins="LEFT JOIN documents d ON d.id = e.document_id",
        convert=_event,
        cursor_of=lambda event: Cursor(event.day, event.document_id, event.event_id),
    )


def _event(row: tuple[Any, ...]) -> EventRow:
    values = dict(zip((*EVENT_COLUMNS, "title"), row, strict=True))
    context = values.pop("plover_context")
    drivers = values.pop("drivers")
    evidence = Span(
        values.pop("evidence_start"), values.pop("evidence_end"), values.pop("evidence_text")
    )
    return EventRow(
        **values,
        plover_context=_json_list(context),
        evidence=evidence,
        drivers=tuple(Driver.from_dict(driver) for driver in _json_list(drivers)),
    )


def _json_list(value: Any) -> list[Any]:
    """A JSON column's list: DuckDB and PostgreSQL give its text, a driver may give it parsed."""
    return json.loads(value) if isinstance(value, str) else list(value or [])
