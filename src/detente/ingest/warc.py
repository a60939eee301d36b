"""WARC and WARC.gz, record by record (warcio): `response` records with an HTML payload.

Other records (requests, metadata, images, redirects and error pages) are skipped silently.
A damaged record is not: a response without a valid HTTP status line fails as E109, a record
the file ends inside of (a cut download) as E114, one whose Content-Length is wrong as E109;
the records around it go on. The crawl date goes to metadata["crawled"]; it is not the
publication date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.limitreader import LimitReader
from warcio.recordloader import ArcWarcRecordLoader

from detente.errors import Errors, IngestError
from detente.ingest.decode import binary_reason, charset_from_content_type
from detente.ingest.documents import failure, text_document
from detente.ingest.sniff import looks_like_html
from detente.ingest.streams import format_size, read_limited
from detente.records import IngestFailure, RawDocument, Source

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# Servers label HTML loosely: these types, and any text/*, are sniffed.
SNIFFED_TYPES = frozenset({"", "application/octet-stream"})
HTTP_SCHEMES = ("http:", "https:")
# warcio reads HTTP blocks leniently (a strict read would end the whole file at the first bad
# one), so the status line is checked here: "HTTP/1.1 200 OK", "HTTP/2 404".
_HTTP_PROTOCOL = re.compile(r"HTTP/\d(?:\.\d)?\Z", re.I)
_HTTP_STATUS = re.compile(r"\d{3}(?!\S)")
_SHOWN_CHARACTERS = 60


class _RecordLoader(ArcWarcRecordLoader):
    """warcio's loader, except that a response record without WARC-Target-URI is read as one
    without HTTP headers (warcio raises AttributeError on it, which ends the whole file)."""

    def load_http_headers(self, rec_type: Any, uri: Any, stream: Any, length: Any) -> Any:
        return super().load_http_headers(rec_type, uri or "", stream, length)


class _Archive(ArchiveIterator):
    """warcio's iterator with that loader, and without its warning on stderr for a record not
    followed by a blank line: iter_warc reports that record as a coded failure instead."""

    INC_RECORD = ""

    def __init__(self, stream: BinaryIO) -> None:
        super().__init__(stream)
        self.loader = _RecordLoader(verify_http=False, arc2warc=False)


def iter_warc(stream: BinaryIO, path: str, limit: int) -> Iterator[RawDocument | IngestFailure]:
    archive = _Archive(stream)
    records = iter(archive)
    number = 0
    while True:
        try:
            record = next(records, None)
        except IngestError:
            raise  # a corrupt gzip stream: the caller reports it as such
        except Exception as exc:  # warcio raises many types on corrupt input
            yield failure(Source(path, "warc"), Errors.E109, detail=_describe(exc))
            return
        if record is None:
            # A record was begun (its first line read), then the file ended before its content.
            if archive.next_line or number == 0:
                source = Source(path, "warc", locator=f"record {number + 1}")
                detail = f"it starts at offset {archive.offset} and ends before its content"
                yield failure(source, Errors.E114, detail=detail)
            return
        number += 1
        start = archive.offset
        headers = record.rec_headers
        source = Source(
            path,
            "warc",
            url=headers.get_header("WARC-Target-URI"),
            locator=headers.get_header("WARC-Record-ID") or f"record {number}",
        )
        item = _document(record, source, limit) if record.rec_type == "response" else None
        errors_before = archive.err_count
        archive.read_to_end()  # reads what is left of the record, and the blank lines after it
        damage = _framing_problem(record, start, archive.err_count > errors_before)
        if damage is not None:
            yield failure(source, damage[0], detail=damage[1])
        elif item is not None:
            yield item


def _framing_problem(record: Any, start: int, no_blank_line: bool) -> tuple[str, str] | None:
    """What is wrong with how the record is delimited, as (template, detail); None when it is
    whole. Checked after the record was read to its end."""
    declared = record.rec_headers.get_header("Content-Length")
    where = f"record at offset {start}"
    if declared is None:
        return Errors.E109, f"{where} has no Content-Length, so the file cannot be split there"
    if not declared.strip().isdigit():
        return Errors.E109, f"{where} has Content-Length {declared!r}, not a number of bytes"
    stream = record.raw_stream
    if isinstance(stream, LimitReader) and stream.limit > 0:
        got = int(declared) - stream.limit
        return Errors.E114, f"{where} declares {declared} bytes, the file has {got}"
    if no_blank_line:
        detail = f"{where} is not followed by a blank line: its Content-Length {declared} is wrong"
        return Errors.E109, detail
    return None


def _document(record: Any, source: Source, limit: int) -> RawDocument | IngestFailure | None:
    http = record.http_headers
    problem = _http_problem(http, source.url)
    if problem is not None:
        return failure(source, Errors.E109, detail=problem)
    if http is not None and not http.get_statuscode().startswith("2"):
        return None
    content_type = (http or record.rec_headers).get_header("Content-Type") or ""
    mime = content_type.partition(";")[0].strip().lower()
    declared_html = mime in HTML_TYPES
    if not declared_html and mime not in SNIFFED_TYPES and not mime.startswith("text/"):
        return None
    try:
        payload = read_limited(record.content_stream(), limit)
    except IngestError:
        raise
    except Exception as exc:  # a broken chunked or compressed payload fails this record only
        return failure(source, Errors.E109, detail=_describe(exc))
    if payload is None:
        return failure(
            source, Errors.E105, size=f"more than {format_size(limit)}", limit=format_size(limit)
        )
    if not declared_html and not looks_like_html(payload):
        return None
    reason = binary_reason(payload)
    if reason:
        return failure(source, Errors.E103, reason=reason)
    document = text_document(
        payload, source, "html", declared_charset=charset_from_content_type(content_type)
    )
    if isinstance(document, RawDocument):
        document.metadata["crawled"] = record.rec_headers.get_header("WARC-Date")
    return document


def _http_problem(http: Any, url: str | None) -> str | None:
    """Why a response record's HTTP block is unusable; None when it is fine or, for a non-web
    URI (dns:, ftp:), when there is none."""
    if http is None:
        if not url:
            return "response record without WARC-Target-URI"
        if url.lower().startswith(HTTP_SCHEMES):
            return "response record with an empty block, no HTTP status line"
        return None
    if _HTTP_PROTOCOL.match(http.protocol) and _HTTP_STATUS.match(http.statusline):
        return None
    first_line = f"{http.protocol} {http.statusline}".strip()[:_SHOWN_CHARACTERS]
    return f"response record without an HTTP status line; its block starts {first_line!r}"


def _describe(exc: Exception) -> str:
    detail = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
