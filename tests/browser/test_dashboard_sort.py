"""Sortable tables in a real browser on the real server over the ingested examples: a click on
a column header, or Enter on it, sorts the rows shown by that column, numbers as numbers, the
other way on the next, and the header says which way in aria-sort."""

from __future__ import annotations

import pytest
from browser_util import WatchedPage, api
from playwright.sync_api import Locator

pytestmark = pytest.mark.browser


def column(table: Locator, index: int) -> list[str]:
    """The text of the index-th (from 1) cell of every body row, in the order shown."""
    return table.locator(f"tbody tr td:nth-child({index})").all_inner_texts()


def sort_state(table: Locator) -> list[str | None]:
    return [th.get_attribute("aria-sort") for th in table.locator("thead th").all()]


def test_event_table_sorts_by_goldstein_and_date(watched: WatchedPage, server: str) -> None:
    page = watched.page
    watched.open(f"{server}/#/events", "events")
    table = page.locator("#event-table")
    events = api(server, "events", limit=50)["items"]
    keys = "rows => rows.map(row => row.dataset.document + '/' + row.dataset.event)"
    before = table.locator("tbody tr").evaluate_all(keys)
    scored = [e["goldstein"] for e in events if e["goldstein"] is not None]
    unscored = len(events) - len(scored)
    assert len(set(scored)) > 1

    goldstein = table.locator("thead th", has_text="Goldstein")
    goldstein.click()
    assert goldstein.get_attribute("aria-sort") == "ascending"
    shown = column(table, 6)
    assert [float(text) for text in shown[: len(scored)]] == sorted(scored)  # -5.0 before 10.0
    assert shown[len(scored) :] == ["–"] * unscored  # no score: last either way
    goldstein.click()
    assert goldstein.get_attribute("aria-sort") == "descending"
    shown = column(table, 6)
    assert [float(text) for text in shown[: len(scored)]] == sorted(scored, reverse=True)
    assert sorted(table.locator("tbody tr").evaluate_all(keys)) == sorted(before)

    date = table.locator("thead th", has_text="date")
    date.focus()
    page.keyboard.press("Enter")
    assert date.get_attribute("aria-sort") == "ascending"
    assert goldstein.get_attribute("aria-sort") == "none"  # one sorted column at a time
    days = sorted(e["day"] for e in events if e["day"])
    assert column(table, 1)[: len(days)] == days
    page.keyboard.press("Enter")
    assert date.get_attribute("aria-sort") == "descending"
    assert column(table, 1)[: len(days)] == days[::-1]
    watched.assert_clean()


def test_overview_dyad_table_sorts_by_events_and_name(watched: WatchedPage, server: str) -> None:
    page = watched.page
    watched.open(f"{server}/", "overview")
    table = page.locator("#dyad-table")
    dyads = api(server, "dyads", limit=10)["items"]
    counts = [d["events"] for d in dyads]

    events = table.locator("thead th", has_text="events")
    events.click()
    assert [int(text) for text in column(table, 2)] == sorted(counts)
    events.click()
    assert [int(text) for text in column(table, 2)] == sorted(counts, reverse=True)
    assert sort_state(table) == ["none", "descending", "none"]

    table.locator("thead th", has_text="dyad").click()
    links = table.locator("tbody td:first-child a").all_text_contents()
    assert links == sorted(
        (f"{d['source_name']} → {d['target_name']}" for d in dyads), key=str.casefold
    )
    watched.assert_clean()
