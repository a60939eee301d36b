"""The ingest stage: paths, URLs, stdin or bytes → a stream of RawDocument | IngestFailure.

Formats: plain text, HTML, JSONL, WARC (warcio), RSS/Atom (feedparser), each optionally gzipped.
A format is taken from the extension, else sniffed from the first 8 KB. Everything streams:
directories are walked lazily, JSONL is read line by line and WARC record by record. Bad input
never raises: it becomes an IngestFailure with a coded message and the stream goes on. A URL is
fetched as `detente watch` fetches an article page (detente.ingest.http: its address guard, size
and time caps and coded failures).
"""

from __future__ import annotations

import io
import os
import re
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import BinaryIO

from detente.ingest.files import count_path, iter_path, iter_unit
from detente.records import IngestFailure, RawDocument
from detente.settings import Settings

__all__ = ["STDIN_NAME", "count_documents", "is_url", "iter_documents", "read_bytes"]

STDIN = "-"
STDIN_NAME = "<stdin>"  # Source.path of documents read from stdin
# Any scheme: "ftp://…" is taken as a URL too, and refused by the fetcher with a coded message
# (E120), rather than looked for as a file.
_URL = re.compile(r"\A[a-z][a-z0-9+.-]*://", re.I)
COUNT_SECONDS = 2.0


def is_url(text: str) -> bool:
    """Whether an input names a URL (scheme://…) rather than a path."""
    return _URL.match(text) is not None


def iter_documents(
    paths: Iterable[str | Path],
    settings: Settings | None = None,
    *,
    stdin: BinaryIO | None = None,
    allow_private: bool = False,
) -> Iterator[RawDocument | IngestFailure]:
    """Every document in `paths`, in order. A directory yields its document files (by extension:
    .txt .html .jsonl .warc .rss .atom .xml ..., optionally .gz), sorted per folder, recursively,
    hidden entries skipped; a file named explicitly is read whatever its extension. "-" is
    `stdin` (default: sys.stdin.buffer). An http(s) URL is fetched as one page (HTML or text),
    from a public address only unless `allow_private`."""
    settings = settings or Settings.from_env()
    if isinstance(paths, str | Path):  # one path, not the characters of its name
        paths = [paths]
    fetch: Callable[[str], RawDocument | IngestFailure] | None = None
    with ExitStack() as client:
        for given in paths:
            path = os.fspath(given)
            if path == STDIN:
                source = stdin if stdin is not None else sys.stdin.buffer
                yield from iter_unit(source, STDIN_NAME, size=None, limit=settings.max_input_bytes)
            elif is_url(path):
                if fetch is None:
                    # imported and opened for the first URL only: reading files needs no httpx
                    from detente.ingest.http import FetchPolicy, page_fetcher

                    policy = FetchPolicy.from_settings(settings, allow_private=allow_private)
                    fetch = client.enter_context(page_fetcher(policy))
                yield fetch(path)
            else:
                yield from iter_path(path, settings.max_input_bytes)


def count_documents(paths: Iterable[str | Path], *, seconds: float = COUNT_SECONDS) -> int | None:
    """How many items `iter_documents(paths)` yields, when that is cheap to know: a text or HTML
    file is one, a plain JSONL file one per line that is not blank, a URL one. None for stdin, a
    WARC, a feed, a gzipped JSONL, a file whose format only its content tells, or when counting
    takes more than `seconds` (a huge folder): those would have to be read to be counted."""
    deadline = time.monotonic() + seconds
    if isinstance(paths, str | Path):
        paths = [paths]
    total = 0
    for given in paths:
        path = os.fspath(given)
        if path == STDIN:
            return None
        found = 1 if is_url(path) else count_path(path, deadline)
        if found is None:
            return None
        total += found
    return total


def read_bytes(
    data: bytes, *, name: str, settings: Settings | None = None
) -> Iterator[RawDocument | IngestFailure]:
    """The documents in bytes already in memory (a posted upload). `name` is the Source path;
    its extension gives the format when it names one, else the content is sniffed."""
    limit = (settings or Settings.from_env()).max_input_bytes
    yield from iter_unit(io.BytesIO(data), name, size=len(data), limit=limit)
