"""Property tests of the input parsers (JSONL, RSS/Atom, WARC, HTML and text, decoding).

For any bytes, and for well-formed files with hostile records mixed in: a parser yields only
RawDocument and IngestFailure objects and never raises; every failure is one line starting
with its code; every good record among bad ones still comes through as a RawDocument; no text
handed on holds a lone surrogate (the model, the store and the terminal cannot encode one).
"""

from __future__ import annotations

import gzip
import json
import re
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ingest_util import collect_bytes, warc_record

from detente.ingest.decode import binary_reason, decode
from detente.records import IngestFailure, RawDocument
from detente.settings import Settings

SMALL = Settings(max_input_bytes=20_000)
FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
CODED = re.compile(r"\[E1\d\d\] ")
SURROGATE = re.compile("[\ud800-\udfff]")
Item = RawDocument | IngestFailure

WORDS = st.lists(
    st.sampled_from(["talks", "Geneva", "treaty", "sanctions", "envoy", "Kyiv", "Moscow", "Café"]),
    min_size=3,
    max_size=12,
).map(" ".join)
# Links that urllib.parse refuses ("Invalid IPv6 URL", bad NFKC characters), as feeds send them.
MALFORMED_LINKS = st.one_of(
    st.sampled_from(["http://[oops/", "http://[::1", "https://[::1/x", "http://\u2100.com/"]),
    st.text(alphabet="abcdef0123456789:.", max_size=12).map(lambda junk: f"http://[{junk}/a"),
)


def assert_wellformed(items: list[Item]) -> None:
    for item in items:
        assert isinstance(item, RawDocument | IngestFailure), item
        if isinstance(item, IngestFailure):
            assert CODED.match(item.message), item.message
            assert "\n" not in item.message, item.message
            item.message.encode("utf-8")
        else:
            texts = [item.content, item.title, item.id, item.url, item.published, *item.authors]
            texts.append(json.dumps(item.metadata, ensure_ascii=False))
            for text in filter(None, texts):
                assert not SURROGATE.search(text), text
                text.encode("utf-8")


def documents(items: list[Item]) -> list[RawDocument]:
    return [item for item in items if isinstance(item, RawDocument)]


def failures(items: list[Item]) -> list[IngestFailure]:
    return [item for item in items if isinstance(item, IngestFailure)]


# --- any bytes, any format ---------------------------------------------------------------

NAMES = ["a.jsonl", "a.warc", "a.rss", "a.atom", "a.html", "a.txt", "a.xml", "<upload>"]
PREFIXES = [
    b"",
    b"WARC/1.0\r\n",
    b'{"text": "',
    b'<?xml version="1.0"?><rss version="2.0"><channel><item>',
    b'<feed xmlns="http://www.w3.org/2005/Atom"><entry>',
    b"<!doctype html><html><head><meta charset=",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
]


@FAST
@given(st.sampled_from(NAMES), st.sampled_from(PREFIXES), st.binary(max_size=600), st.booleans())
def test_any_bytes_in_any_format_give_only_documents_and_coded_failures(
    name: str, prefix: bytes, tail: bytes, packed: bool
) -> None:
    data = prefix + tail
    if packed:
        data, name = gzip.compress(data), f"{name}.gz"
    items = collect_bytes(data, name, SMALL)
    assert items, "every unit yields at least one item"
    assert_wellformed(items)


@FAST
@given(st.binary(max_size=400), st.integers(0, 400))
def test_cut_gzip_streams_fail_with_a_code(data: bytes, cut: int) -> None:
    packed = gzip.compress(data)
    assert_wellformed(collect_bytes(packed[: min(cut, len(packed))], "a.txt.gz", SMALL))


# --- JSONL ---------------------------------------------------------------------------------


def _one_line(raw: bytes) -> bytes:
    return raw.replace(b"\n", b" ").replace(b"\x00", b" ")


BAD_JSONL_LINES = st.one_of(
    st.integers(4_301, 6_000).map(lambda digits: '{"text": "x", "n": ' + "7" * digits + "}"),
    st.integers(2_000, 50_000).map(lambda depth: "[" * depth),
    st.sampled_from(["[1, 2]", '"text"', "3", "null", "true", '{"title": "no body"}']),
    st.sampled_from(['{"text": "cut', "{'text': 'single quotes'}", '{"text": "a\\x"}']),
    # No NUL byte: in the first 8 KB it makes the whole file binary (E103), by design.
    st.binary(max_size=40).map(lambda raw: b'{"text": "' + _one_line(raw) + b'\xff"}'),
    st.text(max_size=30).map(lambda text: "{" + json.dumps(text) + ": }"),
)


@dataclass
class JsonlLine:
    good: bool
    raw: bytes
    text: str | None = None  # what a good line's document holds


def good_line(number: int, words: str, surrogate: bool) -> JsonlLine:
    if surrogate:  # valid JSON with a lone surrogate escape: kept, the surrogate replaced
        raw = json.dumps({"id": f"doc-{number}", "text": f"{words} \\ud800 end"})
        raw = raw.replace("\\\\ud800", "\\ud800")
        return JsonlLine(True, raw.encode(), f"{words} \ufffd end")
    raw = json.dumps({"id": f"doc-{number}", "text": words, "extra": {"k": [1e999, -0.0]}})
    return JsonlLine(True, raw.encode(), words)


@st.composite
def jsonl_files(draw: st.DrawFn) -> list[JsonlLine]:
    lines: list[JsonlLine] = []
    for number in range(draw(st.integers(1, 8))):
        if draw(st.booleans()):
            lines.append(good_line(number, draw(WORDS), draw(st.booleans())))
        else:
            bad = draw(BAD_JSONL_LINES)
            lines.append(JsonlLine(False, bad if isinstance(bad, bytes) else bad.encode()))
    return lines


@FAST
@given(jsonl_files())
def test_jsonl_good_lines_among_hostile_ones_all_come_through(lines: list[JsonlLine]) -> None:
    data = b"\n".join(line.raw for line in lines) + b"\n"
    items = collect_bytes(data, "mixed.jsonl", Settings(max_input_bytes=200_000))
    assert_wellformed(items)
    assert len(items) == len(lines)  # one item a line, in order
    for line, item in zip(lines, items, strict=True):
        if line.good:
            assert isinstance(item, RawDocument), item
            assert item.content == line.text
        else:
            assert isinstance(item, IngestFailure), item
            assert item.message[:6] in {"[E107]", "[E108]", "[E112]"}, item.message


@FAST
@given(st.lists(st.binary(max_size=80).map(lambda raw: raw.replace(b"\n", b" ")), max_size=6))
def test_jsonl_any_lines_give_one_item_each(lines: list[bytes]) -> None:
    data = b"\n".join(lines)
    items = collect_bytes(data, "any.jsonl", SMALL)
    assert_wellformed(items)
    if binary_reason(data) or data.startswith(b"\x1f\x8b"):  # the whole file fails at once
        assert len(items) == 1
    else:
        records = [line for number, line in enumerate(lines) if _not_blank(line, number)]
        assert len(items) == max(len(records), 1)  # nothing at all: one E102


def _not_blank(line: bytes, number: int) -> bool:
    return bool((line.removeprefix(b"\xef\xbb\xbf") if number == 0 else line).strip())


# --- RSS and Atom --------------------------------------------------------------------------


@dataclass
class Entry:
    kind: str  # "good", "bad link" or "empty"
    link: str
    body: str


ENTRIES = st.one_of(
    st.builds(Entry, st.just("good"), st.just(""), WORDS),
    st.builds(Entry, st.just("bad link"), MALFORMED_LINKS, WORDS),
    st.builds(Entry, st.just("empty"), st.just(""), st.just("")),
)


def feed_bytes(entries: list[Entry], atom: bool) -> bytes:
    parts = []
    for number, entry in enumerate(entries):
        link = entry.link or f"https://news.example.org/article/{number}"
        if atom:
            parts.append(
                f"<entry><title>T{number}</title><id>urn:uuid:{number}</id>"
                f"<link href={quoteattr(link)}/><summary>{escape(entry.body)}</summary></entry>"
            )
        else:
            parts.append(
                f'<item><title>T{number}</title><guid isPermaLink="false">id-{number}</guid>'
                f"<link>{escape(link)}</link><description>{escape(entry.body)}</description></item>"
            )
    if atom:
        head = '<feed xmlns="http://www.w3.org/2005/Atom"><title>F</title><id>urn:feed</id>'
        return f'<?xml version="1.0" encoding="utf-8"?>{head}{"".join(parts)}</feed>'.encode()
    body = f'<rss version="2.0"><channel><title>F</title>{"".join(parts)}</channel></rss>'
    return f'<?xml version="1.0" encoding="utf-8"?>{body}'.encode()


@FAST
@given(st.lists(ENTRIES, min_size=1, max_size=6), st.booleans())
def test_feed_entries_with_malformed_links_fail_alone(entries: list[Entry], atom: bool) -> None:
    items = collect_bytes(feed_bytes(entries, atom), "news.atom" if atom else "news.rss")
    assert_wellformed(items)
    assert len(items) == len(entries)
    for number, (entry, item) in enumerate(zip(entries, items, strict=True)):
        if entry.kind == "good":
            assert isinstance(item, RawDocument), item
            assert item.url == f"https://news.example.org/article/{number}"
            assert item.content.strip() == entry.body
        elif entry.kind == "bad link":
            assert isinstance(item, IngestFailure) and item.message.startswith("[E129] "), item
        else:
            assert isinstance(item, IngestFailure) and item.message.startswith("[E102] "), item


@FAST
@given(st.sampled_from(PREFIXES[3:5]), st.text(max_size=200), st.booleans())
def test_feeds_of_any_markup_give_only_documents_and_coded_failures(
    head: bytes, markup: str, utf16: bool
) -> None:
    data = head + markup.encode("utf-16" if utf16 else "utf-8", "surrogatepass")
    assert_wellformed(collect_bytes(data, "news.rss"))


# --- WARC ----------------------------------------------------------------------------------

HTTP_OK = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"


def page(number: int, words: str) -> bytes:
    return f"<html><body><p>Page {number}: {words}</p></body></html>".encode()


# A record of each kind, as (what it should give, its block and record options).
WARC_KINDS: dict[str, tuple[str | None, Any]] = {
    "good": ("document", lambda n, w: (HTTP_OK + page(n, w), {})),
    "no http headers": ("[E109]", lambda n, w: (page(n, w), {})),
    "broken status": ("[E109]", lambda n, w: (b"HTTP/1.1 OK fine\r\n\r\n" + page(n, w), {})),
    "not http": ("[E109]", lambda n, w: (b"hello\r\nContent-Type: text/html\r\n\r\n", {})),
    "empty block": ("[E109]", lambda n, w: (b"", {})),
    "no target uri": ("[E109]", lambda n, w: (HTTP_OK + page(n, w), {"uri": None})),
    "binary": ("[E103]", lambda n, w: (HTTP_OK + b"\x89PNG\r\n\x1a\n" + bytes(40), {})),
    "blank page": ("[E102]", lambda n, w: (HTTP_OK + b"  \r\n ", {})),
    "not found": (None, lambda n, w: (HTTP_OK.replace(b"200 OK", b"404 Gone") + page(n, w), {})),
    "image": (None, lambda n, w: (b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\nPNG", {})),
    "request": (None, lambda n, w: (b"GET /a HTTP/1.1\r\n\r\n", {"warc_type": "request"})),
    "metadata": (None, lambda n, w: (b"via: crawler\r\n", {"warc_type": "metadata"})),
}


@dataclass
class Record:
    kind: str
    data: bytes
    content_end: int = 0  # offset in the file where its block ends


@st.composite
def warc_files(draw: st.DrawFn, kinds: list[str]) -> list[Record]:
    records = []
    end = 0
    for number in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(kinds))
        block, options = WARC_KINDS[kind][1](number, draw(WORDS))
        data = warc_record(block, f"{number:08d}", **options)
        records.append(Record(kind, data, end + len(data) - 4))
        end += len(data)
    return records


@FAST
@given(warc_files(list(WARC_KINDS)))
def test_warc_good_records_among_damaged_ones_all_come_through(records: list[Record]) -> None:
    items = collect_bytes(b"".join(record.data for record in records), "crawl.warc")
    assert_wellformed(items)
    expected = [WARC_KINDS[r.kind][0] for r in records if WARC_KINDS[r.kind][0] is not None]
    found = ["document" if isinstance(item, RawDocument) else item.message[:6] for item in items]
    assert found == expected
    numbers = [number for number, r in enumerate(records) if r.kind == "good"]
    assert [doc.source.locator for doc in documents(items)] == [
        f"<urn:uuid:{number:08d}>" for number in numbers
    ]


@FAST
@given(warc_files(["good", "not found", "image", "request", "metadata"]), st.data())
def test_a_cut_warc_keeps_the_whole_records_and_names_the_cut_one(
    records: list[Record], data: st.DataObject
) -> None:
    whole = b"".join(record.data for record in records)
    cut = data.draw(st.integers(0, len(whole)))
    items = collect_bytes(whole[:cut], "crawl.warc")
    assert_wellformed(items)
    complete = [
        f"<urn:uuid:{number:08d}>"
        for number, record in enumerate(records)
        if record.kind == "good" and record.content_end <= cut
    ]
    assert [doc.source.locator for doc in documents(items)] == complete
    start = 0
    inside = False
    for record in records:
        inside = inside or start < cut < record.content_end
        start += len(record.data)
    problems = failures(items)
    assert len(problems) == (1 if inside or cut == 0 else 0), problems
    if problems:
        assert items[-1] is problems[0]
        assert problems[0].message[:6] in {"[E102]", "[E109]", "[E114]"}, problems[0].message


# --- HTML, text and decoding ---------------------------------------------------------------

LABELS = [
    None, "utf-8", "utf-7", "unicode_escape", "raw-unicode-escape", "utf-16", "utf-32", "latin-1",
    "cp1251", "shift_jis", "hex", "rot13", "idna", "punycode", "no-such-charset", "",
]  # fmt: skip


# Bytes that some codec reads as a lone surrogate (UTF-7, the escape codecs, UTF-16 and UTF-32).
SURROGATE_SPELLINGS = [b"+2AA-", b"\\ud800", b"\\udfff", b"\x00\xd8", b"\x00\xd8\x00\x00", b".."]
ANY_BYTES = st.one_of(
    st.binary(max_size=300),
    st.lists(st.sampled_from([*SURROGATE_SPELLINGS, b"abc", b" "]), max_size=8).map(b"".join),
)


@FAST
@given(ANY_BYTES, st.sampled_from(LABELS), st.booleans())
def test_decoding_never_yields_lone_surrogates(data: bytes, label: str | None, html: bool) -> None:
    for body in (data, f"<meta charset={label}>".encode() + data):
        decoded = decode(body, declared=label, html=html)
        if decoded is not None:
            assert not SURROGATE.search(decoded.text)
            decoded.text.encode("utf-8")


@FAST
@given(st.text(alphabet=st.characters(exclude_categories=["Cs"]), max_size=200))
def test_utf8_text_decodes_to_itself(text: str) -> None:
    decoded = decode(text.encode("utf-8"))
    assert decoded is not None
    assert decoded.text == text.removeprefix("\ufeff")


@FAST
@given(
    st.sampled_from(["utf-7", "unicode_escape"]),
    st.lists(st.sampled_from(["+2AA-", "\\ud800", "\\udfff", "+2D3eAA-", "words", " "])),
)
def test_pages_declaring_escape_charsets_keep_no_surrogates(label: str, parts: list[str]) -> None:
    data = f'<html><head><meta charset="{label}"></head><body><p>{"".join(parts)}x</p>'.encode()
    for name in ("page.html", "page.txt"):
        items = collect_bytes(data, name)
        assert_wellformed(items)
        assert len(items) == 1
