"""One page of a listing, the number of all its matches, and the cursor to the page after it.

Key first: a listing ranks the keys of its matches only (day, document id, record id), keeps the
page's row keys with LIMIT/OFFSET, and then joins the page's rows. Ranking whole rows made the
database hold every column of `offset + limit` matches: 1.2 GB for page 2,001 of 2 million
events, 0.3 GB key first. The row key is DuckDB's `rowid`, which it fetches rows by (a join on
the primary key scans the whole table there: 0.15 s on 2 million events), and the primary key
on PostgreSQL, whose index finds each row.

Keyset: each page gives the key of its last row as an opaque cursor (`next`); passed back as
`after`, it starts the next page right after that row, at the cost of a first page whatever the
depth. Offsets stop at `filters.MAX_OFFSET`.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from detente.errors import Errors, ExploreError
from detente.explore.filters import MAX_OFFSET, Conditions
from detente.explore.results import JsonRecord, Page
from detente.store import Store
from detente.store.rows import UNSTORABLE

Item = TypeVar("Item", bound=JsonRecord)


@dataclass(frozen=True, slots=True)
class Cursor:
    """The sort key of a page's last row; its `encode()` is the `next` a page gives."""

    day: date | None
    document_id: str
    record_id: str

    def encode(self) -> str:
        day = None if self.day is None else self.day.isoformat()
        key = json.dumps([day, self.document_id, self.record_id], separators=(",", ":"))
        return base64.urlsafe_b64encode(key.encode("utf-8")).decode("ascii").rstrip("=")

    @classmethod
    def decode(cls, value: str) -> Cursor:
        """The cursor `value` encodes, else ExploreError E908 (never a database error: its
        strings hold no NUL and no lone surrogate, which a database would refuse)."""
        try:
            raw = base64.b64decode(value + "=" * (-len(value) % 4), altchars=b"-_", validate=True)
            day, document_id, record_id = json.loads(raw.decode("utf-8"))
            if not all(_storable(text) for text in (document_id, record_id)):
                raise ValueError("not a key")
            return cls(None if day is None else date.fromisoformat(day), document_id, record_id)
        except (ValueError, TypeError, RecursionError) as exc:
            raise ExploreError(Errors.E908.format(value=_shown(value))) from exc


def _storable(text: object) -> bool:
    return isinstance(text, str) and bool(text) and not UNSTORABLE.search(text)


def _shown(value: str) -> str:
    return value if len(value) <= 40 else value[:39] + "…"


@dataclass(frozen=True, slots=True)
class Listing:
    """Records of `table` (as `alias`) by day, newest first, then by document, then by record
    id, shorter first (E2 before E10); `record_id` and document_id are its primary key."""

    table: str
    alias: str
    record_id: str

    @property
    def order(self) -> str:
        a, record = self.alias, f"{self.alias}.{self.record_id}"
        return f"{a}.day DESC NULLS LAST, {a}.document_id, length({record}), {record}"

    def row_key(self, dialect: str) -> tuple[str, str]:
        """The select list of a page's row keys (as `page`), and the join back to the rows."""
        a, record = self.alias, self.record_id
        if dialect == "duckdb":
            return f"{a}.rowid AS row_key", f"{a}.rowid = page.row_key"
        keys = f"{a}.document_id, {a}.{record}"
        return keys, f"{a}.document_id = page.document_id AND {a}.{record} = page.{record}"

    def after(self, conditions: Conditions, cursor: Cursor) -> str:
        """The condition "comes after `cursor` in `order`", with its parameters in `conditions`."""
        a, record = self.alias, f"{self.alias}.{self.record_id}"
        document_id = conditions.parameter(cursor.document_id)
        record_id = conditions.parameter(cursor.record_id)
        rest = (
            f"({a}.document_id, length({record}), {record}) "
            f"> ({document_id}, length({record_id}), {record_id})"
        )
        if cursor.day is None:  # undated rows come last
            return f"({a}.day IS NULL AND {rest})"
        day = conditions.parameter(cursor.day)
        return f"({a}.day < {day} OR {a}.day IS NULL OR ({a}.day = {day} AND {rest}))"


def list_page(
    store: Store,
    listing: Listing,
    conditions: Conditions,
    *,
    limit: int,
    offset: int,
    after: str | None,
    columns: str,
    joins: str,
    convert: Callable[[tuple[Any, ...]], Item],
    cursor_of: Callable[[Item], Cursor],
) -> Page[Item]:
    """The page of `listing` matching `conditions` (a WHERE on `listing.alias`) that starts
    `offset` matches in, or right after the cursor `after`: the rows `columns`, read from the
    listing's table and `joins` for the page's keys only; with the number of all matches, and
    `next` when more follow.

    The number of all matches comes from a count of its own, unless the page is not full and so
    tells it: a window count (`count(*) OVER ()`) makes the database build every matching row
    where a page alone lets it keep only the first ones (top-N: 40 times faster on 10 million
    events). A page after a cursor counts all matches and those before it in one statement, so
    it tells its `offset` too.
    """
    if after is not None and offset:
        raise ExploreError(Errors.E909)
    where = conditions.where()
    counted = list(conditions.parameters)
    count = f"SELECT count(*) FROM {listing.table} {listing.alias} {where}"
    page_where = where
    if after is not None:
        later = listing.after(conditions, Cursor.decode(after))
        counted = list(conditions.parameters)
        count = (
            f"SELECT count(*), count(*) FILTER (WHERE NOT {later}) "
            f"FROM {listing.table} {listing.alias} {where}"
        )
        page_where = f"{where} AND {later}" if where else f"WHERE {later}"
    table, a = listing.table, listing.alias
    keys, joined = listing.row_key(store.dialect)
    window = f"LIMIT {conditions.parameter(limit)} OFFSET {conditions.parameter(offset)}"
    sql = f"""
        SELECT {columns}
        FROM (
            SELECT {keys} FROM {table} {a} {page_where} ORDER BY {listing.order} {window}
        ) AS page
        JOIN {table} {a} ON {joined}
        {joins}
        ORDER BY {listing.order}
    """
    items = [convert(row) for row in store.query(sql, conditions.parameters)]
    if after is not None:
        total, offset = (int(value) for value in store.query(count, counted)[0])
    elif len(items) < limit and (items or offset == 0):
        total = offset + len(items)
    else:
        total = int(store.query(count, counted)[0][0])
    more = items and offset + len(items) < total
    return Page(items, total, limit, offset, cursor_of(items[-1]).encode() if more else None)


def fetch_page(
    store: Store,
    conditions: Conditions,
    limit: int,
    offset: int,
    *,
    page: Callable[[str], str],
    count: str,
    convert: Callable[[tuple[Any, ...]], Item],
) -> Page[Item]:
    """Rows `offset` to `offset + limit` of the statement `page(window)`, where `window` is the
    LIMIT/OFFSET clause to place in it, and the number of all matches.

    Each row ends with a `count(*) OVER ()` column, the number of all matches: a ranked search
    builds every match anyway, to score it, so it counts in the page (`list_page` counts apart).
    A page with no rows tells no number: at offset 0 there are no matches, past it the
    statement `count` tells how many.
    """
    counted = list(conditions.parameters)
    window = f"LIMIT {conditions.parameter(limit)} OFFSET {conditions.parameter(offset)}"
    rows = store.query(page(window), conditions.parameters)
    if rows:
        total = int(rows[0][-1])
        rows = [row[:-1] for row in rows]
    elif offset == 0:  # no match at all (limit is at least 1: filters.LIMIT)
        total = 0
    else:
        total = int(store.query(count, counted)[0][0])
    return Page([convert(row) for row in rows], total, limit, offset)


def every_page(fetch: Callable[[int, str | None], Page[Item]], size: int) -> Iterator[Page[Item]]:
    """The pages of a whole listing, `size` rows each: `fetch(offset, after)` gives one. Each
    page after the first starts at the cursor of the one before; a ranked listing gives no
    cursor and goes on by offset, up to `MAX_OFFSET` rows (its best ones)."""
    offset, after = 0, None
    while True:
        page = fetch(offset, after)
        yield page
        if page.next is not None:
            offset, after = 0, page.next
        elif after is None and offset + len(page.items) < page.total:
            offset += size
            if offset >= MAX_OFFSET:
                return
        else:
            return
