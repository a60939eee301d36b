"""WARC and WARC.gz, record by record (warcio): `response` records with an HTML payload.

Other records (requests, metadata, images, redirects and error pages) are skipped silently.
The crawl date goes to metadata["crawled"]; it is not the publication date.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator

from detente.errors import Errors, IngestError
from detente.ingest.decode import binary_reason, charset_from_content_type
from detente.ingest.documents import failure, text_document
from detente.ingest.sniff import looks_like_html
from detente.ingest.streams import format_size, read_limited
from detente.records import IngestFailure, RawDocument, Source

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# Servers label HTML loosely: these types, and any text/*, are sniffed.
SNIFFED_TYPES = frozenset({"", "application/octet-stream"})


def iter_warc(stream: BinaryIO, path: str, limit: int) -> Iterator[RawDocument | IngestFailure]:
    records = iter(ArchiveIterator(stream))
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
            return
        number += 1
        if record.rec_type == "response":
            item = _document(record, path, number, limit)
            if item is not None:
                yield item


def _document(
    record: Any, path: str, number: int, limit: int
) -> RawDocument | IngestFailure | None:
    http = record.http_headers
    if http is not None and not http.get_statuscode().startswith("2"):
        return None
    content_type = (http or record.rec_headers).get_header("Content-Type") or ""
    mime = content_type.partition(";")[0].strip().lower()
    declared_html = mime in HTML_TYPES
    if not declared_html and mime not in SNIFFED_TYPES and not mime.startswith("text/"):
        return None
    headers = record.rec_headers
    source = Source(
        path,
        "warc",
        url=headers.get_header("WARC-Target-URI"),
        locator=headers.get_header("WARC-Record-ID") or f"record {number}",
    )
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
        document.metadata["crawled"] = headers.get_header("WARC-Date")
    return document


def _describe(exc: Exception) -> str:
    detail = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
