"""JSONL: one document per line, fields mapped, bad lines failing alone."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

from ingest_util import (
    ENGLISH,
    RUSSIAN,
    assert_one_line,
    collect,
    collect_bytes,
    document_of,
    message_of,
    only_document,
    only_failure,
)

from detente.records import IngestFailure, RawDocument
from detente.settings import Settings


def jsonl(*records: Any) -> str:
    return "".join(
        (record if isinstance(record, str) else json.dumps(record, ensure_ascii=False)) + "\n"
        for record in records
    )


def test_ingest_jsonl_maps_fields_and_keeps_the_rest_in_metadata(tmp_path: Path) -> None:
    record = {
        "id": "rbth-001",
        "text": ENGLISH,
        "title": "Talks in Kirkenes",
        "url": "https://www.rbth.com/news/1",
        "published": "2025-06-03T10:00:00Z",
        "authors": ["Anna Petrova", "John Smith"],
        "section": "world",
        "tags": ["Norway", "Russia"],
    }
    path = tmp_path / "batch.jsonl"
    path.write_text(jsonl(record), encoding="utf-8")
    document = only_document(collect([path]))
    assert document.content == ENGLISH
    assert document.kind == "text"
    assert document.id == "rbth-001"
    assert document.title == "Talks in Kirkenes"
    assert document.url == "https://www.rbth.com/news/1"
    assert document.published == "2025-06-03T10:00:00Z"
    assert document.authors == ["Anna Petrova", "John Smith"]
    assert document.encoding == "utf-8"
    assert document.metadata == {"section": "world", "tags": ["Norway", "Russia"]}
    assert document.source.path == str(path)
    assert document.source.format == "jsonl"
    assert document.source.url == "https://www.rbth.com/news/1"
    assert document.source.locator == "line 1"
    assert document.source.key == f"{path}#line 1"


def test_ingest_jsonl_html_field_gives_html_kind_and_text_wins_over_html(tmp_path: Path) -> None:
    path = tmp_path / "batch.ndjson"
    path.write_text(
        jsonl(
            {"id": 7, "html": "<p>Talks.</p>", "authors": "Anna Petrova"},
            {"text": "Plain body.", "html": "<p>Marked-up body.</p>"},
        ),
        encoding="utf-8",
    )
    first, second = collect([path])
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert (first.kind, first.content, first.id, first.authors) == (
        "html",
        "<p>Talks.</p>",
        "7",
        ["Anna Petrova"],
    )
    assert (second.kind, second.content, second.metadata) == ("text", "Plain body.", {})


def test_ingest_jsonl_bad_lines_fail_alone_with_their_line_number(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(
        jsonl(
            {"id": "a", "text": ENGLISH},
            '{"id": "b", "text": "unterminated',
            "",
            {"id": "c", "title": "no body", "text": "   "},
            ["not", "an", "object"],
            {"id": "d", "text": RUSSIAN},
        ),
        encoding="utf-8",
    )
    items = collect([path])
    assert [item.source.locator for item in items] == [
        "line 1",
        "line 2",
        "line 4",
        "line 5",
        "line 6",
    ]
    good = [item for item in items if isinstance(item, RawDocument)]
    assert [document.id for document in good] == ["a", "d"]
    failures = [item.message for item in items if isinstance(item, IngestFailure)]
    for message, code in zip(failures, ["E107", "E108", "E112"], strict=True):
        assert_one_line(message, code)
    assert failures[0].startswith(f"[E107] {path}#line 2: malformed JSON (Unterminated string")
    assert failures[1] == (
        f"[E108] {path}#line 4: JSONL record has neither a non-empty 'text' nor 'html' field "
        "(fields: id, title, text)"
    )
    assert failures[2] == f"[E112] {path}#line 5: JSONL record is not an object but an array"


def test_ingest_jsonl_invalid_utf8_line_is_e107(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    good = jsonl({"text": ENGLISH}).encode("utf-8")
    path.write_bytes(good + '{"text": "café"}\n'.encode("latin-1") + good)
    items = collect([path])
    assert [type(item).__name__ for item in items] == [
        "RawDocument",
        "IngestFailure",
        "RawDocument",
    ]
    assert "invalid UTF-8 at byte 13" in message_of(items[1])


def test_ingest_jsonl_line_over_the_limit_is_e105_and_skipped(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text(
        jsonl({"text": "short"}, {"text": "x" * 5_000}, {"text": "after"}), encoding="utf-8"
    )
    items = collect([path], Settings(max_input_bytes=1_000))
    assert [getattr(item, "content", None) for item in items] == ["short", None, "after"]
    assert message_of(items[1]).startswith(f"[E105] {path}#line 2: 5.0 KB is over the 1.0 KB limit")


def test_ingest_jsonl_gz_with_bom_and_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl.gz"
    text = "\ufeff" + jsonl({"text": "one"}, "", "   ", {"text": "two"})
    path.write_bytes(gzip.compress(text.encode("utf-8")))
    items = collect([path])
    documents = [document_of(item) for item in items]
    assert [(doc.content, doc.source.locator) for doc in documents] == [
        ("one", "line 1"),
        ("two", "line 4"),
    ]


def test_ingest_jsonl_is_sniffed_from_stdin_content() -> None:
    data = jsonl({"id": 1, "text": "one"}, {"id": 2, "text": "two"}).encode("utf-8")
    items = collect_bytes(data, "<upload>")
    assert [item.source.format for item in items] == ["jsonl", "jsonl"]
    long_first_line = jsonl({"id": 1, "text": "word " * 5_000}).encode("utf-8")
    assert only_document(collect_bytes(long_first_line, "<upload>")).source.format == "jsonl"


def test_ingest_jsonl_with_only_blank_lines_is_e102(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text("\n" * 10_000, encoding="utf-8")  # longer than the sniffed head
    assert only_failure(collect([path])).message.startswith(f"[E102] {path}:")


def test_ingest_jsonl_deep_nesting_is_e107(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text("[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    message = only_failure(collect([path])).message
    assert message.startswith(f"[E107] {path}#line 1: malformed JSON (nested too deeply)")
