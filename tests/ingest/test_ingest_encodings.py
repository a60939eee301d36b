"""Decoding: legacy encodings detected, byte-order marks, declared charsets, undecodable input."""

from __future__ import annotations

import codecs
import random
from pathlib import Path

import pytest
from ingest_util import (
    ENGLISH,
    FRENCH,
    GERMAN,
    RUSSIAN,
    assert_one_line,
    collect,
    collect_bytes,
    only_document,
    only_failure,
    warc_bytes,
)


@pytest.mark.parametrize(
    ("text", "encoding", "recorded"),
    [
        (RUSSIAN * 2, "cp1251", {"cp1251"}),
        (FRENCH * 2, "latin-1", {"cp1252", "iso8859-1"}),
        (GERMAN * 2, "latin-1", {"cp1252", "iso8859-1"}),
        (FRENCH + GERMAN, "iso-8859-1", {"cp1252", "iso8859-1"}),
    ],
)
def test_ingest_detects_legacy_encodings(
    tmp_path: Path, text: str, encoding: str, recorded: set[str]
) -> None:
    path = tmp_path / "article.txt"
    path.write_bytes(text.encode(encoding))
    document = only_document(collect([path]))
    assert document.content == text
    assert document.encoding in recorded


def test_ingest_utf8_with_bom_drops_the_bom(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + RUSSIAN.encode("utf-8"))
    document = only_document(collect([path]))
    assert (document.content, document.encoding) == (RUSSIAN, "utf-8")


@pytest.mark.parametrize(
    ("bom", "codec"),
    [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")],
)
def test_ingest_utf16_with_bom_is_not_taken_for_binary(
    tmp_path: Path, bom: bytes, codec: str
) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes(bom + (ENGLISH + RUSSIAN).encode(codec))
    document = only_document(collect([path]))
    assert (document.content, document.encoding) == (ENGLISH + RUSSIAN, codec)


def test_ingest_utf16_html_is_sniffed_as_html() -> None:
    page = f"<html><body><p>{RUSSIAN}</p></body></html>"
    document = only_document(collect_bytes(codecs.BOM_UTF16_LE + page.encode("utf-16-le"), "p"))
    assert (document.kind, document.content) == ("html", page)


@pytest.mark.parametrize(
    "declaration",
    [
        '<meta charset="windows-1251">',
        "<meta charset=cp1251>",
        '<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">',
    ],
)
def test_ingest_html_meta_charset_is_used(tmp_path: Path, declaration: str) -> None:
    page = (
        f"<html><head>{declaration}<title>Лавров</title></head><body><p>{RUSSIAN}</p></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("cp1251"))
    document = only_document(collect([path]))
    assert (document.content, document.encoding) == (page, "cp1251")


def test_ingest_html_latin1_declaration_reads_as_windows_1252(tmp_path: Path) -> None:
    page = (
        '<html><head><meta charset="iso-8859-1"></head>'
        "<body><p>“Oui”, a-t-il dit – à Genève.</p></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("cp1252"))  # curly quotes and dashes exist only in cp1252
    document = only_document(collect([path]))
    assert (document.content, document.encoding) == (page, "cp1252")


def test_ingest_wrong_meta_charset_falls_back_to_utf8(tmp_path: Path) -> None:
    """A declared charset is used only when it decodes cleanly; cp1252 cannot decode byte 0x81
    (part of the UTF-8 for 'с'), so the UTF-8 reading wins."""
    page = f'<html><head><meta charset="windows-1252"></head><body><p>{RUSSIAN}</p></body></html>'
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("utf-8"))
    document = only_document(collect([path]))
    assert (document.content, document.encoding) == (page, "utf-8")


def test_ingest_unknown_and_utf16_declarations_are_ignored(tmp_path: Path) -> None:
    for declaration in ('<meta charset="no-such-charset">', '<meta charset="utf-16">'):
        page = f"<html><head>{declaration}</head><body><p>{FRENCH}</p></body></html>"
        path = tmp_path / "page.html"
        path.write_bytes(page.encode("utf-8"))
        assert only_document(collect([path])).content == page


def test_ingest_meta_charset_does_not_apply_to_plain_text(tmp_path: Path) -> None:
    text = f'Quoted markup: <meta charset="windows-1251">. {RUSSIAN}'
    path = tmp_path / "note.txt"
    path.write_bytes(text.encode("utf-8"))
    assert only_document(collect([path])).encoding == "utf-8"


def test_ingest_warc_http_charset_decides_the_payload() -> None:
    page = f"<html><body><p>{RUSSIAN}</p></body></html>"
    data, _ = warc_bytes([("200 OK", "text/html; charset=windows-1251", page.encode("cp1251"))])
    document = only_document(collect_bytes(data, "crawl.warc"))
    assert (document.content, document.encoding) == (page, "cp1251")


def test_ingest_undecodable_bytes_fail_with_e104(tmp_path: Path) -> None:
    rng = random.Random(7)  # high bytes only: no NUL or control bytes, so not "binary"
    path = tmp_path / "garbled.txt"
    path.write_bytes(bytes(rng.randrange(0x80, 0x100) for _ in range(4000)))
    failure = only_failure(collect([path]))
    assert_one_line(failure.message, "E104")
    assert str(path) in failure.message and "re-save it as UTF-8" in failure.message
