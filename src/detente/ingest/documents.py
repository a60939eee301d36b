"""Building the stage's two outputs: a RawDocument from one unit's bytes, or an IngestFailure."""

from __future__ import annotations

from typing import Any

from detente.errors import Errors
from detente.ingest.decode import decode
from detente.records import ContentKind, IngestFailure, RawDocument, Source


def failure(source: Source, template: str, **fields: Any) -> IngestFailure:
    """A coded failure for one input unit; the message names the unit by its key."""
    return IngestFailure(source, one_line(template.format(path=source.key, **fields)))


def one_line(message: str) -> str:
    """Messages are one line; details quoted from parsers (a WARC line, a path) may not be."""
    return " ".join(message.split())


def text_document(
    data: bytes, source: Source, kind: ContentKind, *, declared_charset: str | None = None
) -> RawDocument | IngestFailure:
    """One whole document (a text or HTML file, a WARC payload) decoded from its bytes."""
    decoded = decode(data, declared=declared_charset, html=kind == "html")
    if decoded is None:
        return failure(source, Errors.E104)
    if not decoded.text.strip():
        return failure(source, Errors.E102)
    return RawDocument(
        source=source,
        content=decoded.text,
        kind=kind,
        url=source.url,
        encoding=decoded.encoding,
    )
