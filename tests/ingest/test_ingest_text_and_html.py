"""Plain text and HTML files: kinds, sources, sniffing, stdin and bytes in memory."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

import pytest
from ingest_util import ENGLISH, collect, collect_bytes, only_document

from detente import ingest
from detente.ingest import STDIN_NAME, iter_documents
from detente.settings import Settings

PAGE = (
    "<!DOCTYPE html><html><head><title>Talks in Kirkenes</title></head>"
    f"<body><article><p>{ENGLISH}</p></article></body></html>"
)


def test_ingest_text_file_is_one_text_document_with_its_path(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text(ENGLISH, encoding="utf-8")
    document = only_document(collect([path]))
    assert document.content == ENGLISH
    assert document.kind == "text"
    assert document.encoding == "utf-8"
    assert document.source.path == str(path)
    assert document.source.format == "text"
    assert document.source.locator is None
    assert document.source.key == str(path)
    assert document.id is None  # derived later from the clean body


def test_ingest_html_extensions_give_html_documents(tmp_path: Path) -> None:
    for name in ("a.html", "b.htm", "c.xhtml", "d.shtml"):
        (tmp_path / name).write_text(PAGE, encoding="utf-8")
        document = only_document(collect([tmp_path / name]))
        assert (document.kind, document.source.format, document.content) == ("html", "html", PAGE)


def test_ingest_txt_extension_wins_over_html_looking_content(tmp_path: Path) -> None:
    path = tmp_path / "page-source.txt"
    path.write_text(PAGE, encoding="utf-8")
    assert only_document(collect([path])).kind == "text"


@pytest.mark.parametrize(
    ("content", "kind"),
    [
        (PAGE, "html"),
        ("  \n<html><body><p>Talks.</p></body></html>", "html"),
        ("<!-- saved page -->\n<div class='story'><p>Talks.</p></div>", "html"),
        (
            '<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><p>x</p></html>',
            "html",
        ),
        (ENGLISH, "text"),
        ("Prices rose 3% as 2 < 5 and talks continued in Oslo.", "text"),
    ],
)
def test_ingest_unknown_extension_is_sniffed(tmp_path: Path, content: str, kind: str) -> None:
    path = tmp_path / "download.dat"
    path.write_text(content, encoding="utf-8")
    document = only_document(collect([path]))
    assert document.kind == kind
    assert document.source.format == kind
    assert document.content == content


def test_ingest_gzipped_html_is_read_transparently(tmp_path: Path) -> None:
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress(PAGE.encode("utf-8")))
    document = only_document(collect([path]))
    assert (document.kind, document.content) == ("html", PAGE)


def test_ingest_gzip_without_gz_name_is_detected_by_its_magic(tmp_path: Path) -> None:
    path = tmp_path / "download"
    path.write_bytes(gzip.compress(PAGE.encode("utf-8")))
    assert only_document(collect([path])).content == PAGE


def test_ingest_dash_reads_stdin_and_sniffs_it() -> None:
    stdin = io.BytesIO(PAGE.encode("utf-8"))
    document = only_document(collect(["-"], stdin=stdin))
    assert (document.kind, document.content) == ("html", PAGE)
    assert document.source.path == STDIN_NAME


def test_ingest_stdin_may_be_gzipped() -> None:
    stdin = io.BytesIO(gzip.compress(ENGLISH.encode("utf-8")))
    assert only_document(collect(["-"], stdin=stdin)).content == ENGLISH


def test_ingest_read_bytes_uses_the_name_then_sniffs() -> None:
    named = only_document(collect_bytes(PAGE.encode("utf-8"), "upload.txt"))
    sniffed = only_document(collect_bytes(PAGE.encode("utf-8"), "upload"))
    assert (named.kind, named.source.path) == ("text", "upload.txt")
    assert (sniffed.kind, sniffed.source.path) == ("html", "upload")


def test_ingest_keeps_the_text_exactly_as_decoded(tmp_path: Path) -> None:
    text = "Line one\r\nLine two\twith tab\r\n\r\nLast line without newline"
    path = tmp_path / "crlf.txt"
    path.write_bytes(text.encode("utf-8"))
    assert only_document(collect([path])).content == text


def test_ingest_paths_come_out_in_the_order_given(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", "c.txt"):
        (tmp_path / name).write_text(f"{name} {ENGLISH}", encoding="utf-8")
    items = collect([tmp_path / "b.txt", str(tmp_path / "a.txt"), tmp_path / "c.txt"])
    assert [Path(doc.source.path or "").name for doc in items] == ["b.txt", "a.txt", "c.txt"]


def test_ingest_dash_defaults_to_the_process_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_stdin = io.TextIOWrapper(io.BytesIO(ENGLISH.encode("utf-8")), encoding="utf-8")
    monkeypatch.setattr("sys.stdin", fake_stdin)
    assert only_document(collect(["-"])).content == ENGLISH


def test_ingest_a_single_path_string_is_one_path(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text(ENGLISH, encoding="utf-8")
    assert only_document(list(iter_documents(str(path), Settings()))).content == ENGLISH


def test_ingest_public_names() -> None:
    assert sorted(ingest.__all__) == [
        "STDIN_NAME",
        "count_documents",
        "is_url",
        "iter_documents",
        "read_bytes",
    ]


@pytest.mark.timeout(5)
def test_ingest_sniffing_pathological_heads_is_fast() -> None:
    """Many processing instructions or comments once made the sniffing regex backtrack
    exponentially; the document is text either way."""
    for head in (b"<?x?>" * 1_600 + b"Z", b"<!--a-->" * 1_000 + b"Z", b"<a" * 50_000):
        assert only_document(collect_bytes(head, "upload")).kind in ("text", "html")
