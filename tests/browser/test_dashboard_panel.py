"""The analyst's workbench in a real browser on the real server over the ingested examples: a
click on an event row or an article highlight opens the record panel (codes and names, flags,
date and its basis, the rule and its drivers), Esc and the close button close it, the "?"
glossary explains the code systems, and at 390 px nothing widens the page."""

from __future__ import annotations

import pytest
from browser_util import WatchedPage, api
from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

PANEL = "#record-panel"


def panel_fields(watched: WatchedPage) -> dict[str, str]:
    page = watched.page
    page.locator(PANEL).wait_for(state="visible")
    return dict(
        zip(
            page.locator(f"{PANEL} dt").all_inner_texts(),
            page.locator(f"{PANEL} dd").all_inner_texts(),
            strict=True,
        )
    )


def test_event_row_opens_the_panel(watched: WatchedPage, server: str) -> None:
    page = watched.page
    watched.open(f"{server}/#/events", "events")
    event = api(server, "events", limit=50)["items"][0]
    page.locator("#event-table tbody tr").first.click()
    fields = panel_fields(watched)
    assert fields["source"].startswith(event["source_code"])
    assert event["source_name"] in fields["source"]
    assert fields["CAMEO ?"] == event["cameo"]
    assert fields["QuadClass ?"].startswith(str(event["quad_class"]))
    assert fields["coded by"] == event["rule"]
    assert fields["date"].startswith(event["day"]) and event["day_basis"] in fields["date"]
    assert fields["flags"] == "none"
    features = page.locator(f"{PANEL} table.drivers tbody td:first-child").all_inner_texts()
    assert features == [driver["feature"] for driver in event["drivers"]]
    assert page.locator(f"{PANEL} blockquote").inner_text() == event["evidence"]["text"]

    page.keyboard.press("Escape")
    page.locator(PANEL).wait_for(state="hidden")
    page.locator("#event-table tbody tr").first.click()
    page.locator(f"{PANEL} a", has_text="article").click()
    watched.wait_ready("article")
    assert watched.hash_params() == {"id": event["document_id"], "event": event["event_id"]}
    assert not page.locator(PANEL).is_visible()
    watched.assert_clean()


def test_latest_event_row_opens_the_panel(watched: WatchedPage, server: str) -> None:
    page = watched.page
    watched.open(f"{server}/", "overview")
    event = api(server, "events", limit=10)["items"][0]
    page.locator("#latest-table tbody td.evidence").first.click()
    assert panel_fields(watched)["coded by"] == event["rule"]
    page.locator(f"{PANEL} button.close").click()
    page.locator(PANEL).wait_for(state="hidden")
    watched.assert_clean()


def test_article_highlight_opens_its_records(watched: WatchedPage, server: str) -> None:
    page = watched.page
    event = api(server, "events", limit=1)["items"][0]
    doc = api(server, f"documents/{event['document_id']}")
    quote = doc["quotes"][0]
    watched.open(f"{server}/#/article?id={event['document_id']}", "article")

    page.locator(f'#doc-text span.hl-event[data-record="{event["event_id"]}"]').first.click()
    page.locator(PANEL).wait_for(state="visible")
    section = page.locator(f"{PANEL} section", has_text=f"Event {event['event_id']}")
    assert section.locator("blockquote").inner_text() == event["evidence"]["text"]
    assert event["rule"] in section.locator("dd").all_inner_texts()
    page.keyboard.press("Escape")
    page.locator(PANEL).wait_for(state="hidden")

    page.locator(f'#doc-text span.hl-cue[data-record="{quote["id"]}"]').first.click()
    assert f"Quote {quote['id']}" in page.locator(f"{PANEL} h3").all_inner_texts()
    fields = panel_fields(watched)
    assert fields["speaker"] == quote["speaker"]["name"]
    assert fields["cue"] == quote["cue"]["text"]
    assert fields["coded by"] == quote["rule"]
    assert page.locator("#doc-text [title]").count() == 0  # no native tooltips any more
    watched.assert_clean()


def test_glossary_explains_a_code_system(watched: WatchedPage, server: str) -> None:
    page = watched.page
    watched.open(f"{server}/#/events", "events")
    page.locator("#event-table th", has_text="Goldstein").locator(".glossary-button").click()
    note = page.locator("#event-table th .glossary-text", has_text="Goldstein scale")
    note.wait_for(state="visible")
    assert "−10" in note.inner_text()
    assert watched.hash_params() == {}  # the click opened the note and nothing else
    page.keyboard.press("Escape")
    note.wait_for(state="hidden")
    watched.assert_clean()


@pytest.mark.parametrize("hash_", ["#/", "#/events", "article"])
def test_nothing_widens_the_page_at_390px(browser: Browser, server: str, hash_: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        watched = WatchedPage(context.new_page())
        if hash_ == "article":
            event = api(server, "events", limit=1)["items"][0]
            watched.open(f"{server}/#/article?id={event['document_id']}", "article")
            legend = watched.page.locator(".legend")
            assert legend.evaluate("box => box.scrollWidth <= box.clientWidth")  # it wraps
        else:
            watched.open(f"{server}/{hash_}", "overview" if hash_ == "#/" else "events")
        width = watched.page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390
        if hash_ == "#/events":
            evidence = watched.page.locator("#event-table td.evidence").first
            assert evidence.evaluate("cell => cell.getBoundingClientRect().width") > 100
            scroller = watched.page.locator(".table-scroll").first
            assert scroller.evaluate("box => getComputedStyle(box).overflowX") == "auto"
        watched.assert_clean()
    finally:
        context.close()
