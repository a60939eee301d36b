"""What goes in comes back: documents() gives Result.to_dict(); dates, JSON and odd text."""

from __future__ import annotations

import datetime

from store_util import BODY, Backend, failed, stored_contract, succeeded

from detente.records import (
    Actor,
    Article,
    Driver,
    Entity,
    Event,
    EventActor,
    Plover,
    Quote,
    Result,
    Source,
    Span,
    Speaker,
    sha256_hex,
)
from detente.store import StoreStats, open_store


def rich_result() -> Result:
    """Every contract field filled, with non-ASCII text and actor, quote and event records."""
    text = "Лавров встретился с Блинкеном в Женеве.\n\nThe talks — «frank» — lasted 90 minutes."
    return Result(
        id="tass-2022-01-10",
        source=Source(path="dump.jsonl", format="jsonl", url="https://tass.ru/x", locator="line 3"),
        article=Article(
            text=text,
            title="Лавров и Блинкен",
            subtitle=None,
            authors=[],
            publisher="TASS",
            published="2022-01-10",
            language="ru",
            headings=[],
            removed=[],
        ),
        sentences=[Span.of(text, 0, 39), Span.of(text, 41, len(text))],
        entities=[Entity(Span.of(text, 0, 6), "PER"), Entity(Span.of(text, 32, 38), "GPE")],
        actors=[Actor("A1", "Sergei Lavrov", "person", [Span.of(text, 0, 6)], code="RUSGOV")],
        quotes=[
            Quote(
                id="Q1",
                type="direct",
                content=Span.of(text, 54, 59),
                cue=None,
                speaker=Speaker(actor=None, name="the talks", mention=None, resolution="group"),
                confidence=0.25,
                rule="guillemets",
            )
        ],
        events=[
            Event(
                id="E1",
                source=EventActor("A1", "Sergei Lavrov", "RUSGOV", "Лавров"),
                target=None,
                plover=Plover("CONSULT", "visit", ("diplomatic",)),
                cameo="036",
                goldstein=4.0,
                intensity=1.0,
                quad_class=1,
                evidence=Span.of(text, 0, 38),
                sentence=0,
                rule="test",
                confidence=0.5,
                drivers=(Driver("встретился", 0.8125), Driver("vote type:CONSULT", 0.25)),
            )
        ],
        content_hash=sha256_hex("raw line 3"),
    )


def test_documents_come_back_as_result_to_dict(backend: Backend) -> None:
    results = [rich_result(), succeeded("plain.txt"), succeeded("other.txt", BODY.upper())]
    with open_store(backend.db) as store:
        store.write([*results, failed("broken.html", "[E201] nothing")])
        stored = {document["id"]: document for document in store.documents()}
    assert stored == {
        r.id: stored_contract(r) for r in results[:2]
    }  # the upper-cased copy only links
    assert stored["tass-2022-01-10"]["source"]["locator"] == "line 3"
    assert stored["tass-2022-01-10"]["events"][0]["drivers"] == [
        {"feature": "встретился", "weight": 0.8125},
        {"feature": "vote type:CONSULT", "weight": 0.25},
    ]
    assert "locator" not in stored[results[1].id]["source"]


def test_spans_index_the_stored_text(backend: Backend) -> None:
    with open_store(backend.db) as store:
        store.write([rich_result(), succeeded("plain.txt")])
        for document in store.documents():
            for span in document["sentences"] + document["entities"] + document["headings"]:
                assert document["text"][span["start"] : span["end"]] == span["text"]


def test_documents_limit(backend: Backend) -> None:
    batch = [succeeded(f"{n}.txt", f"Body number {n}.") for n in range(5)]
    with open_store(backend.db) as store:
        store.write(batch)
        assert len(list(store.documents(limit=2))) == 2
        assert len(list(store.documents())) == 5
        assert list(store.documents(limit=0)) == []


def test_published_is_a_date_and_a_bad_one_is_null(backend: Backend) -> None:
    batch = [
        succeeded("iso.txt", "First body.", published="2014-12-03"),
        succeeded("datetime.txt", "Second body.", published="2019-07-01T08:30:00Z"),
        succeeded("none.txt", "Third body.", published=None),
        succeeded("junk.txt", "Fourth body.", published="last Tuesday"),
        succeeded("impossible.txt", "Fifth body.", published="2021-02-30"),
    ]
    with open_store(backend.db) as store:
        store.write(batch)
        assert store.stats().documents == 5
    rows = dict(backend.query("SELECT source_key, published FROM documents"))
    assert rows == {
        "iso.txt": datetime.date(2014, 12, 3),
        "datetime.txt": datetime.date(2019, 7, 1),
        "none.txt": None,
        "junk.txt": None,
        "impossible.txt": None,
    }
    assert backend.column_types("documents")["published"] == "date"


def test_json_columns_hold_the_contract_lists(backend: Backend) -> None:
    result = rich_result()
    with open_store(backend.db) as store:
        store.write([result])
    ((entities, first_label, event_code),) = backend.query(
        "SELECT json_array_length(entities::JSON), entities->0->>'label', events->0->>'cameo' "
        "FROM documents",
    )
    assert (entities, first_label, event_code) == (2, "PER", "036")


def test_a_lone_surrogate_is_stored_as_a_replacement_character(backend: Backend) -> None:
    text = "Bad escape \ud83d here. Moscow replied."
    result = succeeded("escaped.jsonl#line 1", text)
    with open_store(backend.db) as store:
        store.write([result])
        (document,) = store.documents()
    assert document["text"] == "Bad escape \ufffd here. Moscow replied."
    assert len(document["text"]) == len(text)  # offsets stay valid
    moscow = next(e for e in document["entities"] if e["text"] == "Moscow")
    assert document["text"][moscow["start"] : moscow["end"]] == "Moscow"


def test_a_nul_character_is_stored_as_a_replacement_character(backend: Backend) -> None:
    # PostgreSQL refuses NUL in text and JSONB; both backends store U+FFFD in its place.
    text = "Kyiv\x00 and Moscow \\u0000 talked."
    result = succeeded("nul.jsonl#line 1", text, given_id="wire\x00-1")
    result.source = Source(path="nul\x00.jsonl", format="jsonl", locator="line 1")
    with open_store(backend.db) as store:
        store.write([result])
        (document,) = store.documents()
    assert document["text"] == "Kyiv\ufffd and Moscow \\u0000 talked."  # a written-out escape stays
    assert document["entities"][0] == {"start": 0, "end": 4, "text": "Kyiv", "label": "GPE"}
    assert document["source"]["path"] == "nul\ufffd.jsonl"
    assert document["id"] == "wire\ufffd-1"
    assert [span["text"] for span in document["sentences"]] == [document["text"]]


def test_stats_count_what_is_stored(backend: Backend) -> None:
    batch = [
        succeeded("a.txt", "one two three four", removed=("Photo: AP", "Share this")),
        succeeded("b.html", "five six seven", source_format="html", removed=()),
        succeeded("c.txt", "ONE  two\nthree four"),  # same body as a.txt: linked
        failed("d.html", "[E201] nothing"),
        failed("e.html", "[E201] nothing either"),
    ]
    with open_store(backend.db) as store:
        store.write(batch)
        stats = store.stats()
    assert stats == StoreStats(
        documents=2,
        sources=3,
        duplicates=1,
        errors=2,
        words=4 + 3,
        removed=2,
        schema_version=5,
        stories=2,
        formats={"text": 2, "html": 1},
    )
