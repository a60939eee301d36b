"""JSONL: one document per line, read line by line.

A line holds `id`, `text` or `html` (`text` wins when both are given), and optionally `title`,
`url`, `published` and `authors` (a list or a string); every other field goes to `metadata`.
Each line is its own input unit: a bad line fails alone and the size limit applies per line.
A lone surrogate escape ("\\ud800", valid JSON but no character) becomes U+FFFD, as a browser's
UTF-8 encoder makes it: as it is, the string could not be encoded for the model, the store or
the terminal.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from typing import Any, BinaryIO

from detente.errors import Errors
from detente.ingest.decode import LONE_SURROGATE
from detente.ingest.documents import failure
from detente.ingest.streams import format_size, skip_line
from detente.records import ContentKind, IngestFailure, RawDocument, Source

BODY_FIELDS: tuple[tuple[str, ContentKind], ...] = (("text", "text"), ("html", "html"))
KNOWN_FIELDS = frozenset({"id", "text", "html", "title", "url", "published", "authors"})
# A lone surrogate can only come from a \uD800-\uDFFF escape: raw surrogates are not UTF-8.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
REPLACEMENT = "\ufffd"


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
        text = line.rstrip(b"\r\n").decode("utf-8")
        record = json.loads(text)
        if _SURROGATE_ESCAPE.search(text):
            record = _without_lone_surrogates(record)
    except UnicodeDecodeError as exc:
        return failure(source, Errors.E107, detail=f"invalid UTF-8 at byte {exc.start}")
    except json.JSONDecodeError as exc:
        problem = exc.msg.removesuffix(" at")  # "Invalid control character at"
        return failure(source, Errors.E107, detail=f"{problem} at column {exc.colno}")
    except ValueError as exc:  # a number past Python's 4,300-digit limit for int()
        detail = str(exc).partition(";")[0]  # the rest advises sys.set_int_max_str_digits()
        return failure(source, Errors.E107, detail=f"{type(exc).__name__}: {detail}")
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


def _without_lone_surrogates(value: Any) -> Any:
    """`value` with every lone surrogate in its strings (keys too) replaced by U+FFFD; one
    character for one, so offsets into a text stay as they were."""
    if isinstance(value, str):
        return LONE_SURROGATE.sub(REPLACEMENT, value)
    if isinstance(value, list):
        return [_without_lone_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {
            _without_lone_surrogates(key): _without_lone_surrogates(item)
            for key, item in value.items()
        }
    return value


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
