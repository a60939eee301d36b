"""JSONL: one document per line, read line by line.

A line holds `id`, `text` or `html` (`text` wins when both are given), and optionally `title`,
`url`, `published` and `authors` (a list or a string); every other field goes to `metadata`.
Each line is its own input unit: a bad line fails alone and the size limit applies per line.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from detente.errors import Errors
from detente.ingest.documents import failure
from detente.ingest.streams import format_size, skip_line
from detente.records import ContentKind, IngestFailure, RawDocument, Source

BODY_FIELDS: tuple[tuple[str, ContentKind], ...] = (("text", "text"), ("html", "html"))
KNOWN_FIELDS = frozenset({"id", "text", "html", "title", "url", "published", "authors"})


def iter_jsonl(stream: BinaryIO, path: str, limit: int) -> Iterator[RawDocument | IngestFailure]:
    found_record = False
    number = 0
    while line := stream.readline(limit + 1):
        number += 1
        source = Source(path, "jsonl", locator=f"line {number}")
        if len(line) > limit and not line.endswith(b"\n"):
            found_record = True
            size = format_size(len(line) + skip_line(stream))
            yield failure(source, Errors.E105, size=size, limit=format_size(limit))
            continue
        if number == 1:
            line = line.removeprefix(codecs.BOM_UTF8)
        if line.strip():
            found_record = True
            yield _document(line, source)
    if not found_record:
        yield failure(Source(path, "jsonl"), Errors.E102)


def _document(line: bytes, source: Source) -> RawDocument | IngestFailure:
    try:
        record = json.loads(line.rstrip(b"\r\n").decode("utf-8"))
    except UnicodeDecodeError as exc:
        return failure(source, Errors.E107, detail=f"invalid UTF-8 at byte {exc.start}")
    except json.JSONDecodeError as exc:
        problem = exc.msg.removesuffix(" at")  # "Invalid control character at"
        return failure(source, Errors.E107, detail=f"{problem} at column {exc.colno}")
    except RecursionError:
        return failure(source, Errors.E107, detail="nested too deeply")
    if not isinstance(record, dict):
        return failure(source, Errors.E112, kind=_json_kind(record))
    body = _body(record)
    if body is None:
        return failure(source, Errors.E108, fields=", ".join(map(str, record)) or "none")
    content, kind = body
    url = _string(record.get("url"))
    return RawDocument(
        source=Source(source.path, "jsonl", url=url, locator=source.locator),
        content=content,
        kind=kind,
        id=_string(record.get("id")),
        title=_string(record.get("title")),
        url=url,
        published=_string(record.get("published")),
        authors=_authors(record.get("authors")),
        encoding="utf-8",
        metadata={key: value for key, value in record.items() if key not in KNOWN_FIELDS},
    )


def _body(record: dict[str, Any]) -> tuple[str, ContentKind] | None:
    for name, kind in BODY_FIELDS:
        value = record.get(name)
        if isinstance(value, str) and value.strip():
            return value, kind
    return None


def _string(value: Any) -> str | None:
    """A scalar field as a string (ids are often numbers); None when absent or empty."""
    if value is None or isinstance(value, dict | list):
        return None
    text = str(value).strip()
    return text or None


def _authors(value: Any) -> list[str]:
    items = value if isinstance(value, list) else [value]
    names = (item.get("name") if isinstance(item, dict) else item for item in items)
    return [name for name in map(_string, names) if name]


def _json_kind(value: Any) -> str:
    if isinstance(value, list):
        return "an array"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    return "null"
