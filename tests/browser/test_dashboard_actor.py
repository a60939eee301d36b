"""The actor page in a real browser on the real server over the ingested examples: opened from
the overview's list of actors, it draws the actor's QuadClass bars over time and lists its
partners (each leading to the dyad) and its quotes (each leading to its article)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browser_util import WatchedPage, api

pytestmark = pytest.mark.browser


def test_actor_page_opens_from_the_overview(
    watched: WatchedPage, server: str, tmp_path: Path
) -> None:
    page = watched.page
    watched.open(f"{server}/", "overview")
    (top,) = api(server, "actors", limit=1)["items"]
    page.locator("#actor-table tbody td:first-child a").first.click()
    watched.wait_ready("actor")
    assert watched.hash_params() == {"code": top["code"]}
    profile = api(server, "actor", code=top["code"])
    assert page.locator("h1").text_content() == f"{profile['name']} {profile['code']}"

    bars = page.locator("#actor-chart g.mark-rect.role-mark path")
    shown = sum(1 for p in profile["periods"] for n in p["quad_class"].values() if n > 0)
    assert bars.count() == shown > 0
    partners = page.locator("#partner-table tbody tr")
    codes = partners.evaluate_all("rows => rows.map(row => row.dataset.code)")
    assert codes == [partner["code"] for partner in profile["partners"]] != []
    names = page.locator("#partner-table tbody td:first-child a").all_text_contents()
    assert names == [partner["name"] or partner["code"] for partner in profile["partners"]]
    quotes = page.locator("#actor-quote-list li")
    keys = quotes.evaluate_all("items => items.map(i => [i.dataset.document, i.dataset.quote])")
    assert keys == [[q["document_id"], q["quote_id"]] for q in profile["quotes"]] != []
    page.screenshot(path=tmp_path / "actor.png", full_page=True)

    # the "?" of a header explains the term and does not sort its table
    goldstein = page.locator("#partner-table th", has_text="mean Goldstein")
    goldstein.locator(".glossary-button").click()
    note = goldstein.locator(".glossary-text")
    note.wait_for(state="visible")
    assert note.inner_text().startswith("Goldstein: The Goldstein scale")
    assert goldstein.get_attribute("aria-sort") == "none"
    page.keyboard.press("Escape")
    note.wait_for(state="hidden")
    chart_title = page.locator("#view h2", has_text="Events by QuadClass")
    assert chart_title.locator(".glossary-button").get_attribute("aria-label") == (
        "What is QuadClass?"
    )

    quotes.first.locator("a").click()
    watched.wait_ready("article")
    assert watched.hash_params() == {"id": keys[0][0], "quote": keys[0][1]}
    page.go_back()
    watched.wait_ready("actor")
    partners.first.locator("a", has_text="dyad").click()
    watched.wait_ready("dyad")
    params = watched.hash_params()
    assert (params["source"], params["target"]) == (profile["code"], codes[0])
    watched.assert_clean()


def test_actor_page_by_year_and_without_events(watched: WatchedPage, server: str) -> None:
    page = watched.page
    watched.open(f"{server}/#/actor?code=RUS&by=year", "actor")
    labels = page.locator(
        "#actor-chart g.role-axis-label text", has_text=re.compile(r"\d{4}")
    ).all_text_contents()
    assert labels and all(re.fullmatch(r"\d{4}", label) for label in labels), labels
    watched.open(f"{server}/#/actor?code=ZZZ", "actor")
    assert "No dated events of ZZZ" in (page.locator("#view").text_content() or "")
    watched.assert_clean()
