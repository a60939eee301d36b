"""Paging event and quote listings, on DuckDB and PostgreSQL: key first (only the keys of the
matches are ranked), a cap on offsets, and cursors (`next` / `after`) that walk a listing in the
order offsets do, undated rows last."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Iterator, Sequence
from typing import Any

import pytest
from explore_util import dyad_corpus, quote_corpus

from detente.errors import ExploreError
from detente.explore import Page, list_events, search_quotes
from detente.explore.filters import MAX_OFFSET
from detente.explore.paging import Cursor, every_page
from detente.store import Store, open_store
from detente.store.sql_store import SqlStore

# d2's events and q1's quotes lose their day, as in a database whose records have none
UNDATED = ("UPDATE events SET day = NULL WHERE document_id = 'd2'", "UPDATE quotes SET day = NULL")


class Recording:
    """A store that remembers the statements it is asked."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.statements: list[str] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(self.store, name)

    def query(self, sql: str, parameters: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        self.statements.append(sql)
        return self.store.query(sql, parameters)


@pytest.fixture(scope="module")
def store(explore_db: str) -> Iterator[Store]:
    with open_store(explore_db) as writable:
        assert isinstance(writable, SqlStore)
        writable.write([*dyad_corpus(), *quote_corpus()])
        ((quotes,),) = writable.query("SELECT count(*) FROM quotes WHERE day IS NOT NULL")
        assert quotes > 0
        for statement in UNDATED:
            writable._execute(statement)
    with open_store(explore_db, read_only=True) as opened:
        yield opened


def event_keys(page: Page[Any]) -> list[tuple[str, str]]:
    return [(event.document_id, event.event_id) for event in page.items]


def quote_keys(page: Page[Any]) -> list[tuple[str, str]]:
    return [(hit.document_id, hit.quote_id) for hit in page.items]


def walk(listing: Any, keys: Any, limit: int, **filters: Any) -> tuple[list[Any], list[Page[Any]]]:
    """Every row of a listing, page after page by cursor."""
    pages = [listing(limit=limit, **filters)]
    while pages[-1].next is not None:
        assert len(pages) < 100, "the cursor does not move on"
        pages.append(listing(limit=limit, after=pages[-1].next, **filters))
    return [key for page in pages for key in keys(page)], pages


@pytest.mark.parametrize("limit", [1, 2, 5, 11, 12, 50])
@pytest.mark.parametrize("filters", [{}, {"source": "RUS"}, {"actor": "IGOWSTNAT"}])
def test_a_cursor_walks_events_in_the_order_of_offsets(
    store: Store, limit: int, filters: dict[str, Any]
) -> None:
    everything = list_events(store, limit=500, **filters)
    walked, pages = walk(lambda **kw: list_events(store, **kw), event_keys, limit, **filters)
    assert walked == event_keys(everything)
    assert [page.offset for page in pages] == list(range(0, max(everything.total, 1), limit))
    assert {page.total for page in pages} == {everything.total}
    for page in pages:  # the same page by offset, from the offset the cursor page reports
        assert event_keys(list_events(store, limit=limit, offset=page.offset, **filters)) == (
            event_keys(page)
        )


def test_undated_events_come_last_and_cursors_cross_them(store: Store) -> None:
    everything = list_events(store, limit=500)
    days = [event.day for event in everything.items]
    undated = days.index(None)
    assert undated > 0
    assert all(day is None for day in days[undated:])
    assert {event.document_id for event in everything.items[undated:]} == {"d2"}
    walked, _ = walk(lambda **kw: list_events(store, **kw), event_keys, 1)
    assert walked == event_keys(everything)


@pytest.mark.parametrize("limit", [1, 2, 3, 5])
def test_a_cursor_walks_quotes_in_the_order_of_offsets(store: Store, limit: int) -> None:
    everything = search_quotes(store, limit=500)
    assert everything.items[-1].day is None  # the undated ones last
    walked, pages = walk(lambda **kw: search_quotes(store, **kw), quote_keys, limit)
    assert walked == quote_keys(everything)
    assert pages[-1].next is None
    assert len(pages) == -(-everything.total // limit)


def test_the_last_page_and_a_full_listing_have_no_next(store: Store) -> None:
    assert list_events(store, limit=500).next is None
    total = list_events(store).total
    assert list_events(store, limit=total).next is None
    assert list_events(store, limit=total - 1).next is not None
    assert search_quotes(store, text="NATO").next is None  # ranked: pages by offset only


def test_only_the_keys_of_the_matches_are_ranked(store: Store) -> None:
    """The statement's LIMIT/OFFSET ranks row keys; whole rows are read for the page only."""
    recording = Recording(store)
    list_events(recording, limit=2, offset=3)
    search_quotes(recording, limit=2, offset=1)
    page = re.compile(
        r"FROM \(\s*SELECT (.+?) FROM (?:events|quotes) \w+ "
        r".*?LIMIT \$\d+ OFFSET \$\d+\s*\) AS page",
        re.DOTALL,
    )
    ranked = {match for sql in recording.statements for match in page.findall(sql)}
    assert (
        ranked
        == {
            "duckdb": {"e.rowid AS row_key", "q.rowid AS row_key"},
            "postgresql": {"e.document_id, e.event_id", "q.document_id, q.quote_id"},
        }[store.dialect]
    )


def test_offsets_stop_at_the_cap(store: Store) -> None:
    assert list_events(store, offset=MAX_OFFSET).items == []
    for listing in (list_events, search_quotes):
        with pytest.raises(ExploreError) as raised:
            listing(store, offset=MAX_OFFSET + 1)
        message = str(raised.value)
        assert message.startswith(f"[E902] offset must be between 0 and {MAX_OFFSET:,}")
        assert "narrow the filters" in message
        assert "`after`" in message


def encoded(value: Any) -> str:
    raw = json.dumps(value).encode() if not isinstance(value, bytes) else value
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@pytest.mark.parametrize(
    "after",
    [
        "",
        "not base64!",
        "é",
        "AAAA",
        encoded("a string"),
        encoded(["2015-01-01", "d1"]),
        encoded(["2015-01-01", "d1", "E1", "E2"]),
        encoded(["2015-13-01", "d1", "E1"]),
        encoded([20150101, "d1", "E1"]),
        encoded(["2015-01-01", "d1", 1]),
        encoded(["2015-01-01", "", "E1"]),
        encoded(["2015-01-01", "d\u0000", "E1"]),
        encoded(b'["2015-01-01", "\\ud800", "E1"]'),  # a lone surrogate: no database takes it
        encoded(b"\xff\xfe"),
        encoded(b"[" * 5000),
    ],
)
def test_a_malformed_cursor_is_a_coded_error(store: Store, after: str) -> None:
    for listing in (list_events, search_quotes):
        with pytest.raises(ExploreError) as raised:
            listing(store, after=after)
        assert str(raised.value).startswith("[E908]")


def test_a_cursor_past_every_row_gives_an_empty_last_page(store: Store) -> None:
    page = list_events(store, after=Cursor(None, "\uffff", "E999").encode())
    assert (page.items, page.next, page.offset) == ([], None, page.total)


def test_offset_and_after_together_and_after_on_a_ranked_search_are_refused(store: Store) -> None:
    after = list_events(store, limit=1).next
    assert after is not None
    with pytest.raises(ExploreError, match=r"^\[E909\]"):
        list_events(store, after=after, offset=1)
    with pytest.raises(ExploreError, match=r"^\[E910\]"):
        search_quotes(store, text="NATO", after=after)


@pytest.mark.parametrize("size", [1, 2, 7])
def test_every_page_reads_a_whole_listing_by_cursor_or_by_offset(store: Store, size: int) -> None:
    """What the CSV downloads stream: by cursor, and by offset for a ranked search."""
    events = list(
        every_page(
            lambda offset, after: list_events(store, limit=size, offset=offset, after=after), size
        )
    )
    assert [key for page in events for key in event_keys(page)] == event_keys(
        list_events(store, limit=500)
    )
    ranked = list(
        every_page(
            lambda offset, after: search_quotes(
                store, text="NATO", limit=size, offset=offset, after=after
            ),
            size,
        )
    )
    assert [key for page in ranked for key in quote_keys(page)] == quote_keys(
        search_quotes(store, text="NATO", limit=500)
    )
    assert [page.offset for page in ranked][:2] == [0, size][: len(ranked)]


def test_every_page_of_a_ranked_search_stops_at_the_offset_cap() -> None:
    def ranked(offset: int, after: str | None) -> Page[Any]:
        assert after is None
        return Page(items=[offset], total=10 * MAX_OFFSET, limit=1000, offset=offset)

    offsets = [page.offset for page in every_page(ranked, 1000)]
    assert offsets == list(range(0, MAX_OFFSET, 1000))
