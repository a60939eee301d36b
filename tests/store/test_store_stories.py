"""Stories (0005): each stored document joins the story of its nearest earlier near duplicate, in
its own write transaction; the assignment survives reruns and recodes, follows a replaced body,
and is made for the documents of an older database when 0005 is applied."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from store_util import (
    BODY,
    POLNEAR,
    Backend,
    article_body,
    edited,
    headlined,
    migrations_only,
    stored_contract,
    succeeded,
)

from cli_util import run_cli
from detente.records import Event, Result, Span
from detente.store.base import CodingSummary, StoredText, WriteSummary
from detente.store.sql_store import Batch
from detente.stories import BANDS, band_keys, encode, signature
from shared_data import shared_path

OLD, NEW = "coder 1", "coder 2"


@pytest.fixture(scope="module")
def unrelated() -> str:
    """A real article on another subject (PolNeAR: US politics, 2015)."""
    path = shared_path(*POLNEAR, "nyt_2015-11-09_jobs-report-gives-democrats-a-li.txt")
    return path.read_text(encoding="utf-8")


def with_event(result: Result, cameo: str = "036") -> Result:
    """`result` with one event on its first words."""
    assert result.article is not None
    event = Event(
        id="E1",
        source=None,
        target=None,
        plover=None,
        cameo=cameo,
        goldstein=4.0,
        intensity=None,
        quad_class=1,
        evidence=Span.of(result.article.text, 0, 20),
        sentence=0,
        rule="test",
        confidence=0.5,
    )
    return dataclasses.replace(result, events=[event])


def corpus(
    unrelated: str, ids: tuple[str, str, str, str] = ("rbth-1", "mirror-7", "wire-3", "nyt-1")
) -> list[Result]:
    """The article, two near duplicates of it (another site's headline and boilerplate, a few
    words edited) and an unrelated article, each from an input unit and with an id of its own."""
    body = article_body()
    texts = (body, headlined(body), edited(body), unrelated)
    return [
        with_event(succeeded(f"{given}.jsonl#line 1", text, given_id=given))
        for given, text in zip(ids, texts, strict=True)
    ]


def stories(backend: Backend) -> dict[str, str]:
    return dict(backend.query("SELECT id, story FROM documents"))


def event_stories(backend: Backend) -> dict[str, str]:
    return dict(backend.query("SELECT document_id, story FROM events"))


def bands(backend: Backend) -> list[tuple[str, str]]:
    return sorted(backend.query("SELECT band, document_id FROM story_bands"))


def expected_bands(results: list[Result]) -> list[tuple[str, str]]:
    return sorted(
        (key, result.id or "")
        for result in results
        if result.article is not None
        for key in band_keys(signature(result.article.text))
    )


SAME_STORY = {"rbth-1": "rbth-1", "mirror-7": "rbth-1", "wire-3": "rbth-1", "nyt-1": "nyt-1"}


@pytest.mark.parametrize("split", ["one batch", "a batch each"])
def test_near_duplicates_join_the_first_documents_story(
    backend: Backend, unrelated: str, split: str
) -> None:
    results = corpus(unrelated)
    copy = succeeded("copy.txt", article_body().upper())  # the same body: linked, no story work
    with backend.open() as store:
        if split == "one batch":
            summary = store.write([*results, copy])
            assert summary == WriteSummary(inserted=4, linked=1)
        else:
            for result in [*results, copy]:
                store.write([result])
        document = store.document("wire-3")
        walked = {d["id"]: d["story"] for d in store.documents()}
        stats = store.stats()
    assert stories(backend) == walked == SAME_STORY
    assert document == stored_contract(results[2], "rbth-1")
    assert (stats.documents, stats.sources, stats.stories) == (4, 5, 2)
    assert dict(backend.query("SELECT source_key, document_id FROM sources"))["copy.txt"] == (
        "rbth-1"
    )
    assert bands(backend) == expected_bands(results)
    assert len(bands(backend)) == 4 * BANDS
    assert dict(backend.query("SELECT id, signature FROM documents")) == {
        result.id: encode(signature(result.article.text))
        for result in results
        if result.article is not None
    }
    assert event_stories(backend) == SAME_STORY


def test_a_rerun_changes_no_story_and_adds_no_band(backend: Backend, unrelated: str) -> None:
    results = corpus(unrelated)
    with backend.open() as store:
        store.write(results)
    before = (
        stories(backend),
        bands(backend),
        backend.query("SELECT id, signature FROM documents"),
    )
    with backend.open() as store:
        # the same units again, in another order: each replaced in place with its own body
        assert store.write(results[::-1]) == WriteSummary(updated=4)
        store.write(results)
    after = (stories(backend), bands(backend), backend.query("SELECT id, signature FROM documents"))
    assert before == after
    assert after[0] == SAME_STORY
    assert len(after[1]) == 4 * BANDS
    assert event_stories(backend) == SAME_STORY


def test_a_replaced_body_leaves_its_story(backend: Backend, unrelated: str) -> None:
    results = corpus(unrelated)
    other = shared_path(*POLNEAR, "politico_2015-11-11_clinton-blasts-trump-over-deport.txt")
    with backend.open() as store:
        store.write(results)
        # the edited copy's unit now holds another article: same id, replaced in place
        moved = with_event(
            succeeded("wire-3.jsonl#line 1", other.read_text(encoding="utf-8"), given_id="wire-3")
        )
        assert store.write([moved]) == WriteSummary(updated=1)
    assert stories(backend) == {**SAME_STORY, "wire-3": "wire-3"}
    assert bands(backend) == expected_bands([*results[:2], moved, results[3]])
    # the article that started the story now holds another text; its copies keep the story's
    # name, so the new text starts a story named apart
    replaced = with_event(succeeded("rbth-1.jsonl#line 1", BODY, given_id="rbth-1"))
    with backend.open() as store:
        assert store.write([replaced]) == WriteSummary(updated=1)
        assert store.document("rbth-1") == stored_contract(
            replaced, f"rbth-1~{(replaced.body_hash or '')[:8]}"
        )
    assert stories(backend) == {
        "rbth-1": f"rbth-1~{(replaced.body_hash or '')[:8]}",
        "mirror-7": "rbth-1",
        "wire-3": "wire-3",
        "nyt-1": "nyt-1",
    }
    assert bands(backend) == expected_bands([replaced, results[1], moved, results[3]])
    assert event_stories(backend) == stories(backend)


def test_a_superseded_document_takes_its_bands_along(backend: Backend, unrelated: str) -> None:
    first = succeeded("page.txt", article_body())
    changed = succeeded("page.txt", unrelated)  # the file changed: a new document, a new id
    with backend.open() as store:
        store.write([first])
        store.write([changed])
        later = succeeded("later.txt", edited(article_body()))
        store.write([later])  # the story's first document is gone: the edit starts its own
    assert first.id != changed.id
    assert stories(backend) == {changed.id: changed.id, later.id: later.id}
    assert bands(backend) == expected_bands([changed, later])


def recoded(stored: StoredText) -> Result:
    """What re-coding `stored` gives: its text, an event of another code, the new coder."""
    result = with_event(stored.result(), cameo="042")
    return dataclasses.replace(result, coder=NEW)


def test_recoding_keeps_the_stories(backend: Backend, unrelated: str) -> None:
    results = [dataclasses.replace(result, coder=OLD) for result in corpus(unrelated)]
    with backend.open() as store:
        store.write(results)
        behind = store.documents_behind(NEW, after="", limit=10)
        summary = store.write_coding([(stored, recoded(stored)) for stored in behind])
        assert summary == CodingSummary(recoded=4)
        assert {d["id"]: d["story"] for d in store.documents()} == SAME_STORY
    assert stories(backend) == SAME_STORY
    assert event_stories(backend) == SAME_STORY
    assert backend.query("SELECT DISTINCT cameo FROM events") == [("042",)]
    assert len(bands(backend)) == 4 * BANDS


@pytest.mark.parametrize(
    "older",
    [
        ("0001_initial.sql",),
        ("0001_initial.sql", "0002_records.sql", "0003_event_drivers.sql", "0004_coder.sql"),
    ],
    ids=["version 1", "version 4"],
)
def test_stories_are_given_when_0005_is_applied(
    backend: Backend, unrelated: str, tmp_path: Path, older: tuple[str, ...]
) -> None:
    # first stored first, whatever the ids: the story is named by the article stored first
    results = corpus(unrelated, ids=("z-rbth", "a-mirror", "b-wire", "nyt-1"))
    expected = {"z-rbth": "z-rbth", "a-mirror": "z-rbth", "b-wire": "z-rbth", "nyt-1": "nyt-1"}
    with backend.open(migrations_dir=migrations_only(tmp_path / "older", *older)) as store:
        for result in (results[0], results[3], results[1], results[2]):
            store.write([result])
        assert store.document("b-wire") == {**stored_contract(results[2]), "story": None}
    assert "story" not in backend.column_types("documents")
    with backend.open() as store:
        assert store.schema_version() == 5
        assert store.document("b-wire") == stored_contract(results[2], "z-rbth")
        # and a document written now joins the stories given then
        late = succeeded("late.txt", headlined(edited(article_body())), given_id="late")
        store.write([late])
    assert stories(backend) == {**expected, "late": "z-rbth"}
    assert bands(backend) == expected_bands([*results, late])
    assert event_stories(backend) == expected


def test_a_batch_of_bodies_takes_the_stories_key(unrelated: str) -> None:
    batch = Batch.of(corpus(unrelated))
    assert batch.lock_keys(stories=True) - batch.lock_keys() == {("stories", "")}
    assert {kind for kind, _ in batch.lock_keys()} == {"source", "document", "body"}


def test_export_writes_each_documents_story(
    duckdb_backend: Backend, unrelated: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with duckdb_backend.open() as store:
        store.write(corpus(unrelated))
    db = str(duckdb_backend.db)
    run = run_cli(capsys, "export", "--format", "jsonl", "--table", "documents", "--db", db)
    assert run.code == 0, run.err
    exported = [json.loads(line) for line in run.out.splitlines()]
    assert {document["id"]: document["story"] for document in exported} == SAME_STORY
