"""The article view: a stored document and the highlights of its records (quote_corpus q1:
Grushko and Stoltenberg, one quote each, and Grushko → Stoltenberg REJECT 128, −4.0)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from explore_util import filled, quote_corpus

from detente.explore import document_view
from detente.explore.documents import event_label
from detente.store import Store

CORPUS = quote_corpus()


@pytest.fixture(scope="module")
def store(explore_db: str) -> Iterator[Store]:
    with filled(explore_db, CORPUS) as opened:
        yield opened


def test_the_view_is_the_stored_contract_with_highlights(store: Store) -> None:
    view = document_view(store, "q1")
    assert view is not None
    contract = CORPUS[0].to_dict()
    data = view.to_dict()
    assert {key: data[key] for key in ("id", "title", "text", "actors", "quotes", "events")} == {
        key: contract[key] for key in ("id", "title", "text", "actors", "quotes", "events")
    }
    assert data["events"][0]["drivers"] == [
        {"feature": "rejects", "weight": 0.82},
        {"feature": "expansion threat", "weight": 0.41},
    ]
    text = data["text"]
    assert data["highlights"]
    for highlight in data["highlights"]:
        assert text[highlight["start"] : highlight["end"]] == highlight["text"]


def test_each_record_is_highlighted_with_a_label_rule_and_codes(store: Store) -> None:
    view = document_view(store, "q1")
    assert view is not None
    found = {(h.kind, h.record_id, h.text, h.label) for h in view.highlights}
    assert found == {
        ("actor", "A1", "Alexander Grushko", "RUSGOV Alexander Grushko"),
        ("actor", "A2", "Jens Stoltenberg", "IGOWSTNAT Jens Stoltenberg"),
        (
            "quote",
            "Q1",
            "NATO expansion is a threat, and NATO must stop it.",
            "Q1 Alexander Grushko",
        ),
        ("cue", "Q1", "said", "Q1 cue"),
        ("speaker", "Q1", "Grushko", "Q1 speaker Alexander Grushko"),
        ("quote", "Q2", CORPUS[0].quotes[1].content.text, "Q2 Jens Stoltenberg"),
        ("cue", "Q2", "said", "Q2 cue"),
        ("speaker", "Q2", "Stoltenberg", "Q2 speaker Jens Stoltenberg"),
        (
            "event",
            "E1",
            "Alexander Grushko did 128 to Jens Stoltenberg.",
            "E1 REJECT 128 (\u22124.0)",
        ),
    }
    event = next(h for h in view.highlights if h.kind == "event")
    assert event.rule == "test pattern 128"
    assert event.codes["source"] == "RUSGOV" and event.codes["target"] == "IGOWSTNAT"
    assert (event.codes["cameo"], event.codes["quad_class"], event.codes["goldstein"]) == (
        "128",
        3,
        -4.0,
    )
    actor = next(h for h in view.highlights if h.kind == "actor")
    assert actor.rule == "dictionary RUSGOV"
    assert actor.codes["country"] == "RUS" and actor.codes["sector"] == "GOV"


def test_highlights_are_in_text_order_longer_first(store: Store) -> None:
    view = document_view(store, "q1")
    assert view is not None
    order = [(h.start, -h.end) for h in view.highlights]
    assert order == sorted(order)


def test_a_missing_document_has_no_view(store: Store) -> None:
    assert document_view(store, "no-such-document") is None


@pytest.mark.parametrize(
    ("event", "label"),
    [
        (
            {"id": "E7", "plover": {"type": "REJECT"}, "cameo": "128", "goldstein": -4.0},
            "E7 REJECT 128 (\u22124.0)",
        ),
        ({"id": "E2", "plover": None, "cameo": "010", "goldstein": 0.0}, "E2 010 (0.0)"),
        (
            {"id": "E3", "plover": {"type": "AGREE"}, "cameo": "057", "goldstein": 8},
            "E3 AGREE 057 (+8.0)",
        ),
    ],
)
def test_event_labels_show_the_sign_of_goldstein(event: dict[str, object], label: str) -> None:
    assert event_label(event) == label
