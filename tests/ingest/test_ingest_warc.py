"""WARC: HTML responses become documents, everything else is skipped, corrupt archives fail."""

from __future__ import annotations

import gzip
from pathlib import Path

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
    warc_bytes,
)

from detente.settings import Settings

PAGE = f"<!doctype html><html><head><title>Talks</title></head><body><p>{ENGLISH}</p></body></html>"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(200)


def test_ingest_warc_html_responses_become_documents(tmp_path: Path) -> None:
    data, ids = warc_bytes(
        [
            ("200 OK", "text/html; charset=utf-8", PAGE.encode("utf-8")),
            ("200 OK", "image/png", PNG),
            ("301 Moved Permanently", "text/html", b"<html><p>Moved</p></html>"),
            ("404 Not Found", "text/html", b"<html><p>Not found</p></html>"),
            ("200 OK", "application/xhtml+xml", PAGE.encode("utf-8")),
            ("200 OK", "text/css", b"body { color: red }"),
        ],
        with_request=True,
    )
    path = tmp_path / "crawl.warc"
    path.write_bytes(data)
    items = collect([path])
    assert [document_of(item).source.locator for item in items] == [ids[0], ids[4]]
    first = document_of(items[0])
    assert (first.kind, first.content, first.encoding) == ("html", PAGE, "utf-8")
    assert first.url == first.source.url == "https://news.example.org/article/0"
    assert first.source.format == "warc"
    assert first.source.key == f"{path}#{ids[0]}"
    assert first.published is None  # the crawl date is not the publication date
    assert first.metadata["crawled"].startswith("20")


def test_ingest_warc_sniffs_html_sent_with_a_generic_type() -> None:
    data, ids = warc_bytes(
        [
            ("200 OK", "text/plain", PAGE.encode("utf-8")),
            ("200 OK", "application/octet-stream", PAGE.encode("utf-8")),
            ("200 OK", "text/plain", ENGLISH.encode("utf-8")),
        ]
    )
    items = collect_bytes(data, "crawl.warc")
    assert [document_of(item).source.locator for item in items] == ids[:2]


def test_ingest_warc_gz_is_read_record_by_record(tmp_path: Path) -> None:
    page = f"<html><body><p>{RUSSIAN}</p></body></html>"
    data, _ = warc_bytes(
        [("200 OK", "text/html; charset=windows-1251", page.encode("cp1251"))] * 3, gzip=True
    )
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(data)
    items = collect([path])
    assert [document_of(item).content for item in items] == [page] * 3
    assert len({item.source.key for item in items}) == 3


def test_ingest_warc_is_sniffed_without_extension() -> None:
    data, _ = warc_bytes([("200 OK", "text/html", PAGE.encode("utf-8"))])
    assert only_document(collect_bytes(data, "<upload>")).source.format == "warc"
    packed, _ = warc_bytes([("200 OK", "text/html", PAGE.encode("utf-8"))], gzip=True)
    assert only_document(collect_bytes(packed, "<upload>")).source.format == "warc"


def test_ingest_corrupt_warc_is_e109_after_the_good_records(tmp_path: Path) -> None:
    data, ids = warc_bytes([("200 OK", "text/html", PAGE.encode("utf-8"))])
    broken = tmp_path / "broken.warc"
    broken.write_bytes(data + b"this is not a record\r\nheader: x\r\n\r\n")
    good = tmp_path / "good.txt"
    good.write_text(ENGLISH, encoding="utf-8")
    items = collect([broken, good])
    assert document_of(items[0]).source.locator == ids[0]
    message = message_of(items[1])
    assert_one_line(message, "E109")
    assert message.startswith(f"[E109] {broken}: unreadable WARC (ArchiveLoadFailed: ")
    assert document_of(items[2]).content == ENGLISH


def test_ingest_text_named_warc_is_e109(tmp_path: Path) -> None:
    path = tmp_path / "notes.warc"
    path.write_text("hello world this is text", encoding="utf-8")
    assert only_failure(collect([path])).message == (
        f"[E109] {path}: unreadable WARC (starts with 'hello world this is text', "
        "not a WARC/1.x header)"
    )


def test_ingest_truncated_warc_gz_is_e106(tmp_path: Path) -> None:
    data, _ = warc_bytes([("200 OK", "text/html", PAGE.encode("utf-8") * 50)], gzip=True)
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: len(data) // 2])
    assert only_failure(collect([path])).message.startswith(f"[E106] {path}: truncated")


def test_ingest_warc_record_over_the_limit_is_e105_and_the_rest_goes_on() -> None:
    big = f"<html><body>{'<p>Talks.</p>' * 1_000}</body></html>".encode()
    data, ids = warc_bytes([("200 OK", "text/html", big), ("200 OK", "text/html", PAGE.encode())])
    items = collect_bytes(data, "crawl.warc", Settings(max_input_bytes=5_000))
    assert message_of(items[0]).startswith(
        f"[E105] crawl.warc#{ids[0]}: more than 5.0 KB is over the 5.0 KB limit"
    )
    assert document_of(items[1]).content == PAGE


def test_ingest_warc_binary_payload_labelled_html_is_e103() -> None:
    data, ids = warc_bytes([("200 OK", "text/html", PNG)])
    message = only_failure(collect_bytes(data, "crawl.warc")).message
    assert message.startswith(f"[E103] crawl.warc#{ids[0]}: looks binary (PNG image signature)")


def test_ingest_warc_gzip_encoded_payload_is_decompressed() -> None:
    data, _ = warc_bytes(
        [("200 OK", "text/html", gzip.compress(PAGE.encode("utf-8")))],
        extra_headers=[("Content-Encoding", "gzip")],
    )
    assert only_document(collect_bytes(data, "crawl.warc")).content == PAGE
