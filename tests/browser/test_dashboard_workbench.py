"""The workbench in a real browser on the real server over the ingested examples: /docs is
Swagger UI from this server alone, the dyad form suggests actors by name, and the event and
quote views link their CSV downloads."""

from __future__ import annotations

import httpx
import pytest
from browser_util import WatchedPage

pytestmark = pytest.mark.browser


def test_docs_render_from_this_server_alone(watched: WatchedPage, server: str) -> None:
    page = watched.page
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{server}/docs")
    page.locator(".opblock-summary-path", has_text="/api/events.csv").first.wait_for()
    paths = page.locator(".opblock-summary-path").all_text_contents()
    assert "/api/actors" in paths and "/api/quotes.csv" in paths
    assert requested and all(url.startswith(f"{server}/") for url in requested), requested
    watched.assert_clean()  # a script, style or image the CSP refused is a console error


def test_dyad_form_suggests_actors_by_name(watched: WatchedPage, server: str) -> None:
    page = watched.page
    watched.open(f"{server}/#/dyad", "dyad")
    page.fill("#dyad-form input[name=source]", "grushko")
    options = page.locator("#actor-codes option")
    options.first.wait_for(state="attached")
    page.wait_for_function(
        "() => [...document.querySelectorAll('#actor-codes option')].length === 1"
    )
    assert options.evaluate_all("all => all.map(o => [o.value, o.textContent])") == [
        ["RUSGOV", "Alexander Grushko"]
    ]
    watched.assert_clean()


@pytest.mark.parametrize(
    ("view", "hash_query", "download"),
    [
        ("events", "source=RUS&quad_class=3", "/api/events.csv?source=RUS&quad_class=3"),
        ("quotes", "speaker=Grushko", "/api/quotes.csv?speaker=Grushko"),
    ],
)
def test_lists_link_their_csv_download(
    watched: WatchedPage, server: str, view: str, hash_query: str, download: str
) -> None:
    watched.open(f"{server}/#/{view}?{hash_query}", view)
    href = watched.page.locator(".downloads a").first.get_attribute("href")
    assert href == f"{server}{download}"
    response = httpx.get(href)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/csv")
    assert len(response.text.splitlines()) > 1  # a header and the matches
    watched.assert_clean()
