"""The overview, the dashboard's home, in a real browser on the real server over the ingested
examples: the corpus summary, top dyads, most active actors and latest events as the API gives
them, the world map of event places (vendored geometry) leading to an article, and the dyad
chart's time axis labelled by its period."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser_util import WatchedPage, api

pytestmark = pytest.mark.browser

COUNTRIES = 177  # the shapes of world-atlas's countries-110m


def test_home_is_the_overview(watched: WatchedPage, server: str, tmp_path: Path) -> None:
    page = watched.page
    watched.open(f"{server}/", "overview")
    summary = api(server, "overview")
    figures = dict(
        zip(
            page.locator("#summary dt").all_text_contents(),
            page.locator("#summary dd").all_text_contents(),
            strict=True,
        )
    )
    assert figures == {
        "documents": "5",
        "dates": f"{summary['first_day']} to {summary['last_day']}",
        "events": str(summary["events"]),
        "quotes": str(summary["quotes"]),
        "errors": "0",
    }

    dyads = api(server, "dyads", limit=10)["items"]
    shown = page.locator("#dyad-table tbody td:first-child a").all_text_contents()
    assert shown == [f"{d['source_name']} → {d['target_name']}" for d in dyads]  # all named
    assert all(d["source"] != d["target"] for d in dyads)
    actors = api(server, "actors", limit=10)["items"]
    names = page.locator("#actor-table tbody td:first-child a").all_text_contents()
    assert names == [actor["name"] or actor["code"] for actor in actors]
    latest = api(server, "events", limit=10)["items"]
    rows = page.locator("#latest-table tbody tr")
    keys = rows.evaluate_all("rows => rows.map(r => [r.dataset.document, r.dataset.event])")
    assert keys == [[e["document_id"], e["event_id"]] for e in latest]
    # each event named by its actors, codes after the names
    first = rows.first.locator("a").text_content() or ""
    assert first.startswith(f"{latest[0]['source_name']} ({latest[0]['source_code']}) → ")
    page.screenshot(path=tmp_path / "overview.png", full_page=True)

    page.locator("#dyad-table tbody a").first.click()
    watched.wait_ready("dyad")
    params = watched.hash_params()
    assert (params["source"], params["target"]) == (dyads[0]["source"], dyads[0]["target"])
    watched.assert_clean()


def test_world_map_shows_places_and_opens_their_events(watched: WatchedPage, server: str) -> None:
    page = watched.page
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    watched.open(f"{server}/#/overview", "overview")
    assert f"{server}/static/vendor/countries-110m.json" in requested
    assert all(url.startswith(f"{server}/") for url in requested), requested  # no tiles
    shapes = page.locator("#world-map g.mark-shape.role-mark path")
    assert shapes.count() == COUNTRIES
    places = api(server, "places", limit=500)["items"]
    located = [place for place in places if place["latitude"] is not None]
    circles = page.locator("#world-map g.mark-symbol.role-mark path")
    assert circles.count() == len(located) > 0
    # Chile, the place of most events, is darker than a country without any
    fills = shapes.evaluate_all("paths => paths.map(path => path.getAttribute('fill'))")
    assert len(set(fills)) > 1
    # the table under the map names the places, a link each to the newest event there
    links = page.locator("#place-table tbody a")
    assert links.all_text_contents() == [place["name"] for place in places[:10]]

    circles.first.click(force=True)  # circles may sit on a country's border
    watched.wait_ready("article")
    opened = watched.hash_params()
    assert opened in [{"id": p["document_id"], "event": p["event_id"]} for p in located]
    marked = page.locator(f'#doc-text span.hl-event.hl-focus[data-record="{opened["event"]}"]')
    assert marked.count() >= 1
    watched.assert_clean()


@pytest.mark.parametrize(
    ("by", "label"),
    [
        ("month", r"[A-Z][a-z]{2} \d{4}"),
        ("year", r"\d{4}"),
        ("week", r"\d{2} [A-Z][a-z]{2} \d{4}"),
    ],
)
def test_dyad_time_axis_is_labelled_by_its_period(
    watched: WatchedPage, server: str, by: str, label: str
) -> None:
    watched.open(f"{server}/#/dyad?source=RUS&target=IGOWSTNAT&by={by}", "dyad")
    labels = watched.page.locator(
        "#dyad-chart g.role-axis-label text", has_text=re.compile(r"\d{4}")
    ).all_text_contents()
    assert labels, "the time axis has labels"
    assert all(re.fullmatch(label, text) for text in labels), labels
    watched.assert_clean()
