"""The dashboard in a real browser on the real server over the ingested examples: the dyad
RUS → IGOWSTNAT, a click on its chart to the events behind it, a row to the article with that
event's evidence highlighted, and Grushko's quotes in the quote browser."""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_util import WatchedPage, api

pytestmark = pytest.mark.browser


def test_dyad_point_to_events_to_highlighted_evidence(
    watched: WatchedPage, server: str, tmp_path: Path
) -> None:
    page = watched.page
    watched.open(f"{server}/#/dyad", "dyad")  # the top dyad by default
    assert page.locator("#dyad-chart svg").count() == 1

    page.fill("#dyad-form input[name=source]", "RUS")
    page.fill("#dyad-form input[name=target]", "IGOWSTNAT")
    page.click("#dyad-form button[type=submit]")
    watched.wait_ready("dyad")
    assert watched.hash_params()["source"] == "RUS"
    page.screenshot(path=tmp_path / "dyad.png", full_page=True)

    # a thermometer point of the chart (Vega renders marks as SVG paths)
    page.locator("#dyad-chart g.mark-symbol.role-mark path").first.click()
    watched.wait_ready("events")
    filters = watched.hash_params()
    assert (filters["source"], filters["target"]) == ("RUS", "IGOWSTNAT")
    expected = api(server, "events", limit=50, **filters)
    assert expected["total"] > 0
    rows = page.locator("#event-table tbody tr")
    shown = rows.evaluate_all("rows => rows.map(row => [row.dataset.document, row.dataset.event])")
    assert shown == [[e["document_id"], e["event_id"]] for e in expected["items"]]
    codes = page.locator("#event-table tbody td.actor .code").all_text_contents()
    assert codes[0::2] and all(code.startswith("RUS") for code in codes[0::2])
    assert all(code.startswith("IGOWSTNAT") for code in codes[1::2])
    page.screenshot(path=tmp_path / "events.png", full_page=True)

    event = expected["items"][0]
    rows.first.click()  # the record panel, which links to the article
    page.locator("#record-panel a", has_text="article").click()
    watched.wait_ready("article")
    assert watched.hash_params() == {"id": event["document_id"], "event": event["event_id"]}
    spans = page.locator(f'#doc-text span.hl-event[data-record="{event["event_id"]}"]')
    assert spans.count() >= 1
    assert "".join(spans.all_text_contents()) == event["evidence"]["text"]
    assert all("hl-focus" in (span.get_attribute("class") or "") for span in spans.all())
    first = spans.first
    in_view = first.evaluate(
        "span => { const box = span.getBoundingClientRect();"
        " return box.top >= 0 && box.bottom <= window.innerHeight; }"
    )
    assert in_view, "the article is scrolled to the event"
    first.click()
    panel = page.locator("#record-panel section", has_text=f"Event {event['event_id']}")
    assert event["rule"] in panel.locator("dd").all_inner_texts()
    page.keyboard.press("Escape")
    page.screenshot(path=tmp_path / "article.png")
    watched.assert_clean()


def test_dyad_counts_events_or_every_report(watched: WatchedPage, server: str) -> None:
    page = watched.page
    watched.open(f"{server}/#/dyad?source=RUS&target=IGOWSTNAT", "dyad")
    counted = page.locator("#dyad-form select[name=count]")
    assert counted.input_value() == "events"
    page.select_option("#dyad-form select[name=count]", "reports")
    page.click("#dyad-form button[type=submit]")
    watched.wait_ready("dyad")
    assert watched.hash_params()["count"] == "reports"
    assert counted.input_value() == "reports"
    assert page.locator(".top-dyads").inner_text().startswith("Most reports")
    cells = page.locator(".series-table tbody tr td:nth-child(3)").all_text_contents()
    reports = api(server, "dyad", source="RUS", target="IGOWSTNAT", count="reports")
    events = api(server, "dyad", source="RUS", target="IGOWSTNAT")
    assert [int(cell) for cell in cells] == [point["events"] for point in reports["points"]]
    total = sum(point["events"] for point in events["points"])
    assert total < sum(int(cell) for cell in cells)  # the article repeats some events
    watched.assert_clean()


def test_quote_browser_finds_grushko(watched: WatchedPage, server: str, tmp_path: Path) -> None:
    page = watched.page
    watched.open(f"{server}/#/quotes", "quotes")
    page.fill("#quote-search input[name=speaker]", "Grushko")
    page.click("#quote-search button[type=submit]")
    watched.wait_ready("quotes")
    expected = api(server, "quotes", speaker="Grushko", limit=20)
    assert expected["total"] > 0
    names = page.locator("#quote-results .speaker-name").all_text_contents()
    assert names == [hit["speaker_name"] for hit in expected["items"]]
    assert all("Grushko" in name for name in names)
    texts = page.locator("#quote-results .quote-text").all_text_contents()
    assert texts == [hit["content"]["text"] for hit in expected["items"]]
    page.screenshot(path=tmp_path / "quotes.png", full_page=True)

    hit = expected["items"][0]
    page.locator("#quote-results li").first.click()
    watched.wait_ready("article")
    quote = page.locator(f'#doc-text span.hl-quote[data-record="{hit["quote_id"]}"]')
    assert "".join(quote.all_text_contents()) == hit["content"]["text"]
    watched.assert_clean()
