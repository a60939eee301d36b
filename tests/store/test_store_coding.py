"""The coder version (0004): each document records the coder that made its coding; the store
counts and reads the documents behind a version, and replaces their coding in one transaction,
records included, only while their body is the one that was read."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from store_util import BODY, Backend, failed, migrations_only, stored_contract, succeeded

from detente.records import Actor, ErrorRecord, Result, Span
from detente.store.base import CodingSummary, StoredText

OLD, NEW = "coder 1", "coder 2"
OTHER_BODY = "Moscow said it would answer. The alliance said it wanted dialogue."


def coded(result: Result, coder: str | None) -> Result:
    return dataclasses.replace(result, coder=coder)


def recoded(stored: StoredText, coder: str = NEW, *, code: str | None = None) -> Result:
    """What re-coding `stored` gives: its stored coding, plus an actor coded `code` if given."""
    original = succeeded(stored.source.path or "", stored.article.text)
    result = stored.result()
    result.sentences, result.entities = original.sentences, original.entities
    if code is not None:
        text = stored.article.text
        start = text.index("Russia")
        mention = Span.of(text, start, start + len("Russia"))
        result.actors = [Actor("A1", "Russia", "state", [mention], code=code, rule="dict:mine:X")]
    result.coder = coder
    return result


def test_documents_behind_a_coder_are_counted_and_read_back_as_stored(backend: Backend) -> None:
    first = coded(succeeded("a.txt"), OLD)
    second = coded(succeeded("b.txt", OTHER_BODY), None)  # stored before versions were
    with backend.open() as store:
        store.write([first, second])
        assert store.stats().behind is None
        assert (store.stats(OLD).coder, store.stats(OLD).behind) == (OLD, 1)
        assert store.stats(NEW).behind == 2
        behind = store.documents_behind(NEW, after="", limit=10)
        assert [s.id for s in behind] == sorted([first.id or "", second.id or ""])
        assert [s.id for s in store.documents_behind(OLD, after="", limit=10)] == [second.id]
        # paged by id
        (page,) = store.documents_behind(NEW, after="", limit=1)
        assert [s.id for s in store.documents_behind(NEW, after=page.id, limit=1)] == [behind[1].id]
    by_id = {s.id: s for s in behind}
    stored = by_id[first.id or ""]
    assert stored.article == first.article  # text, title, headings, removed…: nothing cleaned
    assert stored.source == first.source
    assert (
        stored.result().to_dict() == dataclasses.replace(first, sentences=[], entities=[]).to_dict()
    )
    assert stored.coding == {
        name: first.to_dict()[name]
        for name in ("sentences", "entities", "actors", "quotes", "events")
    }
    assert backend.query("SELECT id, coder FROM documents ORDER BY id") == sorted(
        [(first.id, OLD), (second.id, None)]
    )


def test_write_coding_replaces_coding_and_records_and_keeps_failures(backend: Backend) -> None:
    changing = coded(succeeded("a.txt"), OLD)
    same = coded(succeeded("b.txt", OTHER_BODY), OLD)
    failing = coded(succeeded("c.txt", "Russia met NATO. " + OTHER_BODY), OLD)
    with backend.open() as store:
        store.write([changing, same, failing])
        behind = {s.source.path: s for s in store.documents_behind(NEW, after="", limit=10)}
        failure = behind["c.txt"].result()
        failure.article = None
        failure.errors.append(ErrorRecord("events", "[E501] c.txt: the events stage failed"))
        summary = store.write_coding(
            [
                (behind["a.txt"], recoded(behind["a.txt"], code="RUS")),
                (behind["b.txt"], recoded(behind["b.txt"])),
                (behind["c.txt"], failure),
            ]
        )
        assert summary == CodingSummary(recoded=1, unchanged=1, failed=1)
        assert store.stats(NEW).behind == 1  # the failed one, tried again by the next run
        assert [s.id for s in store.documents_behind(NEW, after="", limit=10)] == [failing.id]
        document = store.document(changing.id or "")
        assert document is not None
        assert [(a["name"], a["code"]) for a in document["actors"]] == [("Russia", "RUS")]
        assert store.document(failing.id or "") == stored_contract(failing, same.id)  # as it was
    assert backend.query("SELECT document_id, code, rule FROM actors") == [
        (changing.id, "RUS", "dict:mine:X")
    ]
    assert backend.query("SELECT coder FROM documents WHERE id = $1", [failing.id]) == [(OLD,)]
    assert sorted(backend.query("SELECT coder FROM documents WHERE coder = $1", [NEW])) == [
        (NEW,),
        (NEW,),
    ]


def test_write_coding_leaves_a_document_replaced_since_it_was_read(backend: Backend) -> None:
    with backend.open() as store:
        store.write([coded(succeeded("a.txt", given_id="doc-1"), OLD)])
        (stored,) = store.documents_behind(NEW, after="", limit=10)
        # another writer replaces the document in place (same id, a new body) meanwhile
        store.write([coded(succeeded("a.txt", OTHER_BODY, given_id="doc-1"), NEW)])
        summary = store.write_coding([(stored, recoded(stored, code="RUS"))])
        assert summary == CodingSummary(skipped=1)
        document = store.document("doc-1")
    assert document is not None and document["text"] == OTHER_BODY
    assert document["actors"] == []
    assert backend.query("SELECT count(*) FROM actors") == [(0,)]


def test_write_coding_of_failures_only_writes_nothing(backend: Backend) -> None:
    with backend.open() as store:
        store.write([coded(succeeded("a.txt"), OLD)])
        (stored,) = store.documents_behind(NEW, after="", limit=10)
        summary = store.write_coding([(stored, failed("a.txt", "[E203] a.txt: too long"))])
        assert summary == CodingSummary(failed=1)
        assert store.stats(NEW).behind == 1


def test_documents_stored_before_0004_count_as_behind(backend: Backend, tmp_path: Path) -> None:
    older = migrations_only(
        tmp_path / "v3", "0001_initial.sql", "0002_records.sql", "0003_event_drivers.sql"
    )
    with backend.open(migrations_dir=older) as store:
        store.write([coded(succeeded("a.txt"), OLD)])  # the column is not there to take it
        assert store.stats(OLD).behind == 1
    assert "coder" not in backend.column_types("documents")
    with backend.open() as store:
        assert store.schema_version() == 5
        assert (store.stats(OLD).behind, store.stats(NEW).behind) == (1, 1)
        (stored,) = store.documents_behind(OLD, after="", limit=10)
        assert stored.article.text == BODY
    assert backend.query("SELECT coder FROM documents") == [(None,)]
    assert backend.query("SELECT version, name FROM schema_migrations WHERE version = 4") == [
        (4, "0004_coder.sql")
    ]
