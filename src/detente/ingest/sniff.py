"""Which format an input unit is in: by its name's extension, else by its first bytes."""

from __future__ import annotations

import json
import os
import re

from detente.ingest.decode import BOMS
from detente.records import SourceFormat

GZIP_SUFFIX = ".gz"
WARC_MAGIC = b"WARC/"
# Extensions that name their format; `.xml` is a document extension whose format is sniffed.
EXTENSION_FORMATS: dict[str, SourceFormat] = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".warc": "warc",
    ".rss": "feed",
    ".atom": "feed",
}
DOCUMENT_EXTENSIONS = frozenset(EXTENSION_FORMATS) | {".xml"}

# Whitespace, processing instructions and comments before the first element. Possessive (*+):
# without it, a head of many "<?x?>" backtracks exponentially.
_PROLOG = r"(?:\s|<\?.*?\?>|<!--.*?-->)*+"
_FEED_START = re.compile(
    rf"\A{_PROLOG}(?:<!doctype(?!\s+html)[^>]*>{_PROLOG})?<(?:rss|feed|rdf:rdf)\b", re.I | re.S
)
_HTML_START = re.compile(rf"\A{_PROLOG}<(?:!doctype\s+html\b|[a-z][a-z0-9]*\b)", re.I | re.S)
_JSON_OBJECT_START = re.compile(r'\{\s*["}]')


def _inner_name(name: str) -> str:
    lowered = name.lower()
    return lowered.removesuffix(GZIP_SUFFIX)


def is_gzip_name(name: str) -> bool:
    return name.lower().endswith(GZIP_SUFFIX)


def has_document_extension(name: str) -> bool:
    """Whether directory mode takes this file (`.html`, `.warc.gz`, ...)."""
    return os.path.splitext(_inner_name(name))[1] in DOCUMENT_EXTENSIONS


def format_from_name(name: str) -> SourceFormat | None:
    """The format an extension names, or None when the content must tell."""
    return EXTENSION_FORMATS.get(os.path.splitext(_inner_name(name))[1])


def sniff_format(head: bytes, *, complete: bool) -> SourceFormat:
    """The format of a unit from its first bytes; `complete` when `head` is the whole unit."""
    if head.startswith(WARC_MAGIC):
        return "warc"
    text = _head_text(head)
    if _FEED_START.match(text):
        return "feed"
    if looks_like_html(head):
        return "html"
    if _starts_with_json_object(text, complete=complete):
        return "jsonl"
    return "text"


def looks_like_html(head: bytes) -> bool:
    return _HTML_START.match(_head_text(head)) is not None


def _head_text(head: bytes) -> str:
    """The head as text for pattern matching: only ASCII markup matters, so latin-1 will do
    unless a byte-order mark says otherwise."""
    for bom, codec in BOMS:
        if head.startswith(bom):
            return head[len(bom) :].decode(codec, "ignore")
    return head.decode("latin-1")


def _starts_with_json_object(text: str, *, complete: bool) -> bool:
    stripped = text.lstrip()
    first_line, newline, _ = stripped.partition("\n")
    if not newline and not complete:  # the first line goes on past the head
        return _JSON_OBJECT_START.match(first_line) is not None
    try:
        return isinstance(json.loads(first_line), dict)
    except (ValueError, RecursionError):
        return False
