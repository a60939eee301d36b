"""write(): insert, update in place, link identical bodies, error records, reruns and is_done."""

from __future__ import annotations

from store_util import BODY, Backend, failed, stored_contract, succeeded

from detente.records import Result, Source, sha256_hex
from detente.store import WriteSummary, open_store


def sources(backend: Backend) -> dict[str, str]:
    return dict(backend.query("SELECT source_key, document_id FROM sources"))


def test_new_documents_are_inserted_with_their_sources(backend: Backend) -> None:
    first = succeeded("news/a.txt")
    second = succeeded("news/b.txt", "A different article about the summit in Geneva.")
    with open_store(backend.db) as store:
        summary = store.write([first, second])
    assert summary == WriteSummary(inserted=2, updated=0, linked=0, errors_recorded=0)
    assert backend.table_counts() == {"documents": 2, "sources": 2, "errors": 0}
    assert sources(backend) == {"news/a.txt": first.id, "news/b.txt": second.id}
    assert backend.query(f"SELECT content_hash FROM sources WHERE document_id = '{first.id}'") == [
        (first.content_hash,)
    ]


def test_identical_bodies_are_stored_once_and_linked(backend: Backend) -> None:
    original = succeeded("feeds/reuters.txt")
    # The same article, re-wrapped and upper-cased by another outlet's scraper.
    shouted = succeeded("feeds/mirror.txt", "  " + BODY.upper().replace(" ", "\n  ") + "\n")
    with open_store(backend.db) as store:
        summary = store.write([original, shouted])
        stats = store.stats()
        (document,) = store.documents()
    assert summary == WriteSummary(inserted=1, linked=1)
    assert (stats.documents, stats.sources, stats.duplicates) == (1, 2, 1)
    assert sources(backend) == {"feeds/reuters.txt": original.id, "feeds/mirror.txt": original.id}
    assert document == stored_contract(original)  # the first body stays; the copy only links to it


def test_identical_bodies_with_different_given_ids_are_linked(backend: Backend) -> None:
    first = succeeded("dump.jsonl#line 1", given_id="reuters-1")
    second = succeeded("dump.jsonl#line 2", BODY + "\n", given_id="afp-9")
    with open_store(backend.db) as store:
        store.write([first])
        summary = store.write([second])
        assert store.stats().duplicates == 1
    assert summary == WriteSummary(linked=1)
    assert sources(backend) == {"dump.jsonl#line 1": "reuters-1", "dump.jsonl#line 2": "reuters-1"}


def test_rerunning_the_same_batch_is_idempotent(backend: Backend) -> None:
    batch = [
        succeeded("a.txt"),
        succeeded("b.txt", BODY.lower()),
        succeeded("c.txt", "Kyiv and Moscow exchanged prisoners on Friday."),
        failed("d.html", "[E201] d.html: no article text found"),
    ]
    with open_store(backend.db) as store:
        first = store.write(batch)
        stats, documents = store.stats(), list(store.documents())
        second = store.write(batch)
        assert store.stats() == stats
        assert list(store.documents()) == documents
    assert first == WriteSummary(inserted=2, linked=1, errors_recorded=1)
    assert second == WriteSummary(updated=2, linked=1, errors_recorded=1)
    assert backend.table_counts() == {"documents": 2, "sources": 3, "errors": 1}


def test_a_changed_document_with_the_same_id_is_updated_in_place(backend: Backend) -> None:
    before = succeeded("wire.jsonl#line 4", given_id="ap-77", published="2024-01-02")
    after = succeeded(
        "wire.jsonl#line 4",
        "Updated: the ministers agreed to meet again in March.",
        given_id="ap-77",
        published="2024-01-03",
    )
    with open_store(backend.db) as store:
        store.write([before])
        summary = store.write([after])
        (document,) = store.documents()
        assert store.is_done("wire.jsonl#line 4", after.content_hash or "")
        assert not store.is_done("wire.jsonl#line 4", before.content_hash or "")
    assert summary == WriteSummary(updated=1)
    assert document == stored_contract(after)
    ((created, updated),) = backend.query("SELECT created_at, updated_at FROM documents")
    assert updated > created  # created_at is kept, updated_at moves


def _jsonl(path: str, line: int, text: str, given_id: str) -> Result:
    result = succeeded(path, text, given_id=given_id)
    result.source = Source(path=path, format="jsonl", locator=f"line {line}")
    return result


def test_an_id_reused_by_another_file_keeps_both_documents(backend: Backend) -> None:
    first = _jsonl("monday.jsonl", 1, "Ministers met in Brussels on Monday.", "7")
    second = _jsonl("tuesday.jsonl", 1, "Troops left the border town on Tuesday.", "7")
    with open_store(backend.db) as store:
        summary = store.write([first])
        again = store.write([second])
        rerun = store.write([first, second])
        texts = {d["id"]: d["text"] for d in store.documents()}
    renamed = f"7~{second.body_hash[:8]}"  # type: ignore[index]
    assert summary == WriteSummary(inserted=1)
    assert again == WriteSummary(inserted=1, renamed=(renamed,))
    assert rerun == WriteSummary(updated=2, renamed=(renamed,))
    assert texts == {"7": first.article.text, renamed: second.article.text}  # type: ignore[union-attr]
    assert sources(backend) == {"monday.jsonl#line 1": "7", "tuesday.jsonl#line 1": renamed}


def test_an_id_reused_in_one_batch_keeps_both_documents(backend: Backend) -> None:
    first = _jsonl("a.jsonl", 3, "The envoy said talks would resume.", "x")
    second = _jsonl("b.jsonl", 3, "Rebels shelled the airport overnight.", "x")
    with open_store(backend.db) as store:
        summary = store.write([first, second])
    assert summary.inserted == 2 and len(summary.renamed) == 1
    assert backend.table_counts() == {"documents": 2, "sources": 2, "errors": 0}


def test_a_record_moved_within_its_file_replaces_its_old_text(backend: Backend) -> None:
    before = _jsonl("wire.jsonl", 4, "The talks were set for March.", "ap-9")
    after = _jsonl("wire.jsonl", 5, "Correction: the talks were set for April.", "ap-9")
    with open_store(backend.db) as store:
        store.write([before])
        summary = store.write([after])
        (document,) = store.documents()
    assert summary == WriteSummary(updated=1)
    assert document["text"] == after.article.text  # type: ignore[union-attr]


def test_outcome_tells_stored_from_failed(backend: Backend) -> None:
    stored = succeeded("done.txt", content="version 1")
    broken = failed("broken.html", "[E201] no article", content="<html></html>")
    with open_store(backend.db) as store:
        assert store.outcome("done.txt", stored.content_hash or "") is None
        store.write([stored, broken])
        assert store.outcome("done.txt", stored.content_hash or "") == "stored"
        assert store.outcome("broken.html", broken.content_hash or "") == "failed"
        assert store.outcome("broken.html", sha256_hex("<html>new</html>")) is None


def test_a_changed_file_supersedes_its_old_document(backend: Backend) -> None:
    before = succeeded("notes/brief.txt")
    after = succeeded("notes/brief.txt", "The brief was rewritten with new figures.")
    with open_store(backend.db) as store:
        store.write([before])
        summary = store.write([after])
    assert summary == WriteSummary(inserted=1)
    assert backend.query("SELECT id FROM documents") == [(after.id,)]
    assert sources(backend) == {"notes/brief.txt": after.id}


def test_a_changed_file_keeps_a_document_other_sources_still_link(backend: Backend) -> None:
    before = succeeded("site1/page.txt")
    copy = succeeded("site2/page.txt")
    after = succeeded("site1/page.txt", "Site one replaced its page with a correction.")
    with open_store(backend.db) as store:
        store.write([before, copy])
        store.write([after])
    assert sorted(backend.query("SELECT id FROM documents")) == sorted([(before.id,), (after.id,)])
    assert sources(backend) == {"site1/page.txt": after.id, "site2/page.txt": before.id}


def test_a_failure_is_recorded_with_its_first_stage_and_every_message(backend: Backend) -> None:
    result = failed("bad.html", "[E201] bad.html: no text", "[E303] bad.html: nlp", stage="clean")
    with open_store(backend.db) as store:
        summary = store.write([result])
        records = store.error_records()
    assert summary == WriteSummary(errors_recorded=1)
    assert records == [
        {
            "source_key": "bad.html",
            "path": "bad.html",
            "stage": "clean",
            "message": "[E201] bad.html: no text | [E303] bad.html: nlp",
        }
    ]
    assert backend.query("SELECT format, content_hash IS NOT NULL FROM errors") == [("html", True)]


def test_a_source_that_failed_then_succeeded_loses_its_error(backend: Backend) -> None:
    with open_store(backend.db) as store:
        store.write([failed("flaky.txt", "[E104] flaky.txt: could not decode", content="v1")])
        assert store.stats().errors == 1
        summary = store.write([succeeded("flaky.txt", content="v2")])
        stats, records = store.stats(), store.error_records()
    assert summary == WriteSummary(inserted=1)
    assert (stats.errors, stats.documents, stats.sources) == (0, 1, 1)
    assert records == []


def test_a_source_that_succeeded_then_failed_keeps_its_last_good_document(backend: Backend) -> None:
    good = succeeded("page.html", content="v1")
    with open_store(backend.db) as store:
        store.write([good])
        store.write([failed("page.html", "[E201] page.html: no article", content="v2")])
        documents, records = list(store.documents()), store.error_records()
        assert store.is_done("page.html", good.content_hash or "")
        assert store.is_done("page.html", sha256_hex("v2"))
    assert documents == [stored_contract(good)]
    assert [r["source_key"] for r in records] == ["page.html"]


def test_a_source_twice_in_one_batch_is_stored_as_its_last_result(backend: Backend) -> None:
    with open_store(backend.db) as store:
        summary = store.write([failed("twice.txt", "[E102] empty"), succeeded("twice.txt")])
        stats = store.stats()
    assert summary == WriteSummary(inserted=1)
    assert (stats.documents, stats.errors) == (1, 0)


def test_is_done_matches_source_and_content(backend: Backend) -> None:
    stored = succeeded("done.txt", content="version 1")
    broken = failed("broken.html", "[E201] no article", content="<html></html>")
    with open_store(backend.db) as store:
        assert not store.is_done("done.txt", stored.content_hash or "")
        store.write([stored, broken])
        assert store.is_done("done.txt", stored.content_hash or "")
        assert store.is_done("broken.html", broken.content_hash or "")
        changed = succeeded("done.txt", content="version 2")
        assert not store.is_done("done.txt", changed.content_hash or "")
        assert not store.is_done("other.txt", stored.content_hash or "")


def test_has_source_knows_stored_documents_but_not_failures(backend: Backend) -> None:
    page = succeeded("https://example.org/news/1", "A page fetched from a feed.")
    with open_store(backend.db) as store:
        assert not store.has_source("https://example.org/news/1")
        store.write([page, failed("https://example.org/news/2", "[E201] no article")])
        assert store.has_source("https://example.org/news/1")
        assert not store.has_source("https://example.org/news/2")  # tried again next time
        assert not store.has_source("https://example.org/news/3")


def test_an_unreadable_input_without_content_hash_is_recorded(backend: Backend) -> None:
    unreadable = failed("missing.txt", "[E101] missing.txt: no such file", content=None)
    with open_store(backend.db) as store:
        assert store.write([unreadable]) == WriteSummary(errors_recorded=1)
        assert store.error_records()[0]["message"] == "[E101] missing.txt: no such file"
        assert not store.is_done("missing.txt", "")


def test_source_fields_are_stored(backend: Backend) -> None:
    result = succeeded("crawl.warc.gz", "A WARC record body about sanctions.")
    result.source = Source(
        path="crawl.warc.gz", format="warc", url="https://example.org/a", locator="<urn:uuid:1>"
    )
    with open_store(backend.db) as store:
        store.write([result])
    assert backend.query("SELECT source_key, path, url, format, locator FROM sources") == [
        (
            "crawl.warc.gz#<urn:uuid:1>",
            "crawl.warc.gz",
            "https://example.org/a",
            "warc",
            "<urn:uuid:1>",
        )
    ]


def test_an_empty_batch_writes_nothing(backend: Backend) -> None:
    with open_store(backend.db) as store:
        assert store.write([]) == WriteSummary()
    assert backend.table_counts() == {"documents": 0, "sources": 0, "errors": 0}
