"""The explore queries on real records: the examples (the RBTH article and four web pages) run
once through the real pipeline and written to DuckDB and PostgreSQL, as `detente ingest
examples` does. Checked against the hand annotation of the article where it has an answer."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from explore_util import filled

from detente.explore import document_view, dyad_series, list_events, search_quotes, top_actors
from detente.records import Result
from detente.store import Store
from detente.store.terms import index_terms
from shared_data import example_results

pytestmark = pytest.mark.model

ARTICLE = "rbth_russia_nato.txt"
EDGE_PUNCTUATION = " ,.;:“”\"'"


@pytest.fixture(scope="module")
def results() -> list[Result]:
    found = example_results()
    assert found and all(result.ok for result in found)
    return found


@pytest.fixture(scope="module")
def store(explore_db: str, results: list[Result]) -> Iterator[Store]:
    with filled(explore_db, results) as opened:
        yield opened


@pytest.fixture(scope="module")
def article_id(results: list[Result]) -> str:
    (result,) = [r for r in results if (r.source.path or "").endswith(ARTICLE)]
    return str(result.id)


def test_the_russia_nato_dyad_has_the_events_the_listing_has(store: Store) -> None:
    series = dyad_series(store, "RUS", "IGOWSTNAT", both_directions=True, count="reports")
    forward = [p for p in series.points if p.direction == "forward"]
    assert sum(p.events for p in forward) >= 1
    listed = list_events(store, source="RUS", target="IGOWSTNAT", limit=1)
    assert listed.total == sum(p.events for p in forward)
    backward = list_events(store, source="IGOWSTNAT", target="RUS", limit=1).total
    assert backward == sum(p.events for p in series.points if p.direction == "backward")


def test_the_dyad_counts_repeated_reports_of_an_event_once(store: Store) -> None:
    """The article reports some events more than once (same sides, CAMEO code and day): counted
    by events, each is one."""
    reports = dyad_series(store, "RUS", "IGOWSTNAT", both_directions=True, count="reports")
    events = dyad_series(store, "RUS", "IGOWSTNAT", both_directions=True)
    assert events.count == "events"
    assert 1 <= sum(p.events for p in events.points) < sum(p.events for p in reports.points)


def test_grushkos_quotes_are_found_by_his_name(store: Store, gold: dict[str, Any]) -> None:
    page = search_quotes(store, speaker="Grushko", limit=100)
    assert page.items and all("Grushko" in (hit.speaker_name or "") for hit in page.items)
    found = [hit.content.text for hit in page.items]
    expected = [
        quote["content"]["text"].strip(EDGE_PUNCTUATION)
        for quote in gold["quotes"]
        if quote["speaker"] == "Alexander Grushko"
    ]
    missing = [text for text in expected if not any(text in hit for hit in found)]
    assert not missing
    assert {hit.speaker_code for hit in page.items} == {"RUSGOV"}


def test_a_text_search_for_nato_ranks_every_quote_naming_it(store: Store) -> None:
    page = search_quotes(store, text="NATO", limit=100)
    scores = [hit.score or 0.0 for hit in page.items]
    assert scores == sorted(scores, reverse=True) and scores[-1] > 0
    assert all("nato" in index_terms(hit.content.text) for hit in page.items)
    naming = sum(
        "nato" in index_terms(quote["content"]["text"])
        for document in store.documents()
        for quote in document["quotes"]
    )
    assert page.total == len(page.items) == naming > 5


def test_the_article_view_highlights_are_offsets_into_its_text(
    store: Store, article_id: str
) -> None:
    view = document_view(store, article_id)
    assert view is not None
    text = view.document["text"]
    assert all(text[h.start : h.end] == h.text for h in view.highlights)
    assert {h.kind for h in view.highlights} == {"actor", "quote", "cue", "speaker", "event"}
    labels = [h.label for h in view.highlights if h.kind == "quote"]
    assert any(label.endswith("Alexander Grushko") for label in labels)
    event_labels = [h.label for h in view.highlights if h.kind == "event"]
    assert all(
        re.fullmatch(r"E\d+( [A-Z]+)? \d{3,4} \((0\.0|[+−]\d+\.\d)\)", x) for x in event_labels
    )


def test_top_actors_name_the_article_s_protagonists(store: Store) -> None:
    codes = {actor.code: actor for actor in top_actors(store, limit=10).items}
    assert {"RUSGOV", "IGOWSTNAT"} <= set(codes)
    assert codes["IGOWSTNAT"].mentions > 0 and codes["RUSGOV"].quotes > 0
