"""One page of a listing, and the number of all its matches."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from detente.explore.filters import Conditions
from detente.explore.results import JsonRecord, Page
from detente.store import Store

Item = TypeVar("Item", bound=JsonRecord)


def fetch_page(
    store: Store,
    conditions: Conditions,
    limit: int,
    offset: int,
    *,
    page: Callable[[str], str],
    count: str,
    convert: Callable[[tuple[Any, ...]], Item],
    total_column: bool = False,
) -> Page[Item]:
    """Rows `offset` to `offset + limit` of the statement `page(window)`, where `window` is the
    LIMIT/OFFSET clause to place in it, and the number of all matches.

    The total comes from the statement `count`, unless the page tells it: a page that is not
    full, or one whose rows end with a `count(*) OVER ()` column (`total_column`). Listings
    count separately because a window count makes the database build every matching row where
    a page alone lets it keep only the first ones (top-N: 40 times faster on 10 million
    events); a ranked search builds every match anyway, to score it, so it counts in the page.
    """
    counted = list(conditions.parameters)
    window = f"LIMIT {conditions.parameter(limit)} OFFSET {conditions.parameter(offset)}"
    rows = store.query(page(window), conditions.parameters)
    if total_column and rows:
        total = int(rows[0][-1])
        rows = [row[:-1] for row in rows]
    elif len(rows) < limit and (rows or offset == 0):
        total = offset + len(rows)
    else:
        total = int(store.query(count, counted)[0][0])
    return Page([convert(row) for row in rows], total, limit, offset)
