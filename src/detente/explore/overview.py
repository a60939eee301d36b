"""The corpus at a glance: what the database holds and where its events happened."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from detente.countries import country
from detente.explore import filters
from detente.explore.filters import Conditions
from detente.explore.merge import DATED_BASES
from detente.explore.paging import fetch_page
from detente.explore.results import Page, PlaceCount, Summary
from detente.store import Store

PlaceGroup = Literal["place", "country"]
# The columns a place is told apart by: a name alone is not enough (Paris, France and Paris,
# Texas), nor are coordinates (a country-wide location has none).
PLACE_KEYS: dict[PlaceGroup, tuple[str, ...]] = {
    "place": ("location_country", "location_name", "latitude", "longitude"),
    "country": ("location_country",),
}
NEWEST = "day DESC NULLS LAST, document_id, length(event_id), event_id"


def corpus_summary(store: Store) -> Summary:
    """Documents (and those stored with errors), events and quotes, and the first and last day
    of the events dated by the text or by their document's publication."""
    # Store.stats() reads on the store's shared connection, which serves one request at a
    # time on DuckDB; Store.query takes a cursor of its own, so requests may overlap.
    documents, errors, events, quotes, first, last, undated = store.query(
        f"""SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM errors),
                   count(*), (SELECT count(*) FROM quotes),
                   min(day) FILTER (WHERE day_basis IN {DATED_BASES}),
                   max(day) FILTER (WHERE day_basis IN {DATED_BASES}),
                   count(*) FILTER (WHERE day IS NULL OR day_basis NOT IN {DATED_BASES})
            FROM events""",
        [],
    )[0]
    return Summary(
        documents=int(documents),
        errors=int(errors),
        events=int(events),
        quotes=int(quotes),
        first_day=first,
        last_day=last,
        undated=int(undated),
    )


def top_places(
    store: Store,
    *,
    group: PlaceGroup = "place",
    limit: int = 20,
    offset: int = 0,
    since: date | None = None,
    until: date | None = None,
) -> Page[PlaceCount]:
    """Places of events by their number of events, most first, each with the newest event
    there; `group="country"` adds up each country's places. Events with no place are left out.
    """
    limit, offset = filters.page_window(limit, offset)
    filters.date_range(since, until)
    keys = PLACE_KEYS[group]
    conditions = Conditions()
    conditions.add(
        "location_country IS NOT NULL"
        if group == "country"
        else "(location_name IS NOT NULL OR location_country IS NOT NULL)"
    )
    conditions.days("day", since, until)
    where = conditions.where()
    by = f"PARTITION BY {', '.join(keys)}"
    ranked = f"""
        SELECT {", ".join(keys)}, document_id, event_id,
               count(*) OVER ({by}) AS events,
               avg(goldstein) OVER ({by}) AS goldstein_mean,
               count(*) FILTER (WHERE quad_class IN (3, 4)) OVER ({by}) AS conflict,
               count(*) FILTER (WHERE quad_class IN (1, 2)) OVER ({by}) AS cooperation,
               row_number() OVER ({by} ORDER BY {NEWEST}) AS position
        FROM events {where}
    """
    columns = ", ".join(
        [*keys, "events", "goldstein_mean", "conflict", "cooperation", "document_id", "event_id"]
    )
    order = "events DESC, " + ", ".join(f"{key} NULLS LAST" for key in keys)
    return fetch_page(
        store,
        conditions,
        limit,
        offset,
        page=lambda window: (
            f"""
            SELECT {columns}, count(*) OVER () FROM ({ranked}) AS ranked
            WHERE position = 1 ORDER BY {order} {window}
        """
        ),
        count=f"SELECT count(*) FROM (SELECT DISTINCT {', '.join(keys)} FROM events {where}) AS p",
        convert=_place if group == "place" else _country,
    )


def _place(row: tuple[Any, ...]) -> PlaceCount:
    iso3, name, latitude, longitude, *counts = row
    return _counted(name or iso3, iso3, latitude, longitude, counts)


def _country(row: tuple[Any, ...]) -> PlaceCount:
    iso3, *counts = row
    found = country(iso3)
    return _counted(found.name if found else iso3, iso3, None, None, counts)


def _counted(
    name: str, iso3: str | None, latitude: Any, longitude: Any, counts: list[Any]
) -> PlaceCount:
    events, mean, conflict, cooperation, document_id, event_id = counts
    found = country(iso3)
    return PlaceCount(
        name=name,
        country=iso3,
        country_name=found.name if found else None,
        country_number=found.number if found else None,
        latitude=None if latitude is None else float(latitude),
        longitude=None if longitude is None else float(longitude),
        events=int(events),
        goldstein_mean=None if mean is None else float(mean),
        conflict=int(conflict),
        cooperation=int(cooperation),
        document_id=document_id,
        event_id=event_id,
    )
