"""Article strings are untrusted: an article whose title, quotes and body carry script tags,
event-handler attributes and javascript: links is stored the real way (pipeline, store.write)
and shown in every view in Chromium; nothing of it may run, and it must read as plain text."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_util import WatchedPage, live_server

from detente.pipeline import Pipeline
from detente.records import Driver, RawDocument, Source
from detente.store import open_store

pytestmark = pytest.mark.browser

SCRIPT = "<script>window.__pwned=1;alert(1)</script>"
IMAGE = '<img src=x onerror="window.__pwned=1;alert(2)">'
ATTRIBUTE = '" onmouseover="window.__pwned=1;alert(3)'
LINK = '<a href="javascript:window.__pwned=1;alert(4)">javascript:window.__pwned=1</a>'
SVG = "<svg/onload=window.__pwned=1>"
TITLE = f"Hostile {SCRIPT} {IMAGE} {ATTRIBUTE} title"
URL = "javascript:window.__pwned=1;alert(5)"
TEXT = f"""NATO rejects Russian proposal {IMAGE}

Russia's envoy to NATO, Alexander Grushko, said on Tuesday: "NATO is not willing to enter into an equal partnership with Russia {SCRIPT} and is exploiting the confrontation {IMAGE}."

Moscow accused NATO of {ATTRIBUTE} expanding its military presence in Eastern Europe {LINK}.

"We will not accept {ATTRIBUTE} any new deployments {SCRIPT} {SVG}," Grushko said.
"""  # noqa: E501
PAYLOADS = (SCRIPT, IMAGE, ATTRIBUTE, LINK, SVG)
# The first event's drivers: a feature is text from the article too.
DRIVERS = (Driver("attack", 0.82), Driver(SCRIPT, 0.41), Driver(IMAGE, 1.0))
DRIVEN_BY = f"driven by: attack 0.82 · {SCRIPT} 0.41 · {IMAGE} 1.00"

# Every element's inline handlers fire on these, if any were ever parsed from the data.
FIRE_EVERYTHING = """() => {
    for (const element of document.querySelectorAll("*")) {
        for (const type of ["mouseover", "mouseenter", "click", "focus", "error", "load"]) {
            element.dispatchEvent(new Event(type, { bubbles: true }));
        }
    }
}"""
INJECTED = """() => ({
    pwned: window.__pwned,
    handlers: [...document.querySelectorAll("*")].filter(
        element => [...element.attributes].some(attribute => attribute.name.startsWith("on"))
    ).length,
    scripts: document.scripts.length,
    images: document.querySelectorAll("#view img, #view svg image").length,
    scriptLinks: [...document.querySelectorAll("a[href]")].filter(
        link => !/^(https?:|#)/.test(link.getAttribute("href"))
    ).length,
})"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    """The hostile article stored in a database of its own, and the server over it: (base
    URL, document id)."""
    db = tmp_path_factory.mktemp("hostile") / "hostile.duckdb"
    raw = RawDocument(
        source=Source(None, "text", url=URL, locator="hostile"),
        content=TEXT,
        kind="text",
        title=TITLE,
        url=URL,
        published="2024-03-05",
    )
    (result,) = Pipeline().run([raw])
    assert result.ok and result.quotes and result.events and result.id is not None
    first, *rest = result.events
    events = [dataclasses.replace(first, drivers=DRIVERS)]
    result.events = events + [dataclasses.replace(event, drivers=()) for event in rest]
    with open_store(db) as store:
        store.write([result])
    with live_server(db) as base:
        yield base, result.id


def assert_inert(watched: WatchedPage) -> None:
    page = watched.page
    for element in page.locator("#view span.hl, #view tr, #view li").filter(visible=True).all():
        element.hover()
    page.evaluate(FIRE_EVERYTHING)
    found = page.evaluate(INJECTED)
    assert found == {"pwned": None, "handlers": 0, "scripts": 4, "images": 0, "scriptLinks": 0}
    watched.assert_clean()


def test_article_view_shows_hostile_text_as_text(
    watched: WatchedPage, hostile: tuple[str, str], tmp_path: Path
) -> None:
    base, document_id = hostile
    page = watched.page
    watched.open(f"{base}/#/article?id={document_id}", "article")
    assert page.locator("h1.doc-title").text_content() == TITLE
    body = page.locator("#doc-text").text_content() or ""
    for payload in PAYLOADS:
        assert payload in body
    assert page.locator("#doc-text span.hl-quote").count() > 0
    assert page.locator("#doc-text span.hl-event").count() > 0
    # the javascript: source URL is shown, never linked
    assert page.locator(".meta .unsafe-url").text_content() == URL
    quotes = page.locator(".quote-list blockquote").all_text_contents()
    assert any(SCRIPT in quote for quote in quotes)
    # each event's drivers, as text: the first event's, and none shown for the others
    assert page.locator(".event-list li .drivers").all_text_contents() == [DRIVEN_BY]
    first = page.locator(".event-list li").first
    assert first.locator(".drivers").text_content() == DRIVEN_BY
    # and, as text, in the record panel a click on the first event's evidence opens
    page.locator('#doc-text span.hl-event[data-record="E1"]').first.click()
    section = page.locator("#record-panel section", has_text="Event E1")
    features = section.locator("table.drivers tbody td:first-child").all_text_contents()
    assert features == [driver.feature for driver in DRIVERS]
    page.keyboard.press("Escape")  # the closed panel stays in the page for assert_inert
    page.screenshot(path=tmp_path / "hostile-article.png", full_page=True)
    assert_inert(watched)


def test_event_table_and_quote_browser_show_hostile_text_as_text(
    watched: WatchedPage, hostile: tuple[str, str]
) -> None:
    base, document_id = hostile
    page = watched.page
    watched.open(f"{base}/#/events?document_id={document_id}", "events")
    evidence = " ".join(page.locator("#event-table .evidence-text").all_text_contents())
    assert ATTRIBUTE in evidence and LINK in evidence
    assert TITLE in page.locator("#event-table .title").all_text_contents()
    assert_inert(watched)

    watched.open(f"{base}/#/quotes?speaker=Grushko", "quotes")
    quotes = page.locator("#quote-results .quote-text").all_text_contents()
    assert any(SCRIPT in quote and SVG in quote for quote in quotes)
    assert TITLE in " ".join(page.locator("#quote-results li").all_text_contents())
    assert_inert(watched)

    watched.open(f"{base}/#/dyad?source=RUS&target=IGOWSTNAT", "dyad")
    page.locator("#dyad-chart g.mark-rect.role-mark path").first.hover()
    assert_inert(watched)
