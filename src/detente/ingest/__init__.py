"""The ingest stage: paths, stdin or bytes → a stream of RawDocument | IngestFailure.

Formats: plain text, HTML, JSONL, WARC (warcio), RSS/Atom (feedparser), each optionally gzipped.
A format is taken from the extension, else sniffed from the first 8 KB. Everything streams:
directories are walked lazily, JSONL is read line by line and WARC record by record. Bad input
never raises: it becomes an IngestFailure with a coded message and the stream goes on.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from detente.ingest.files import iter_path, iter_unit
from detente.records import IngestFailure, RawDocument
from detente.settings import Settings

__all__ = ["STDIN_NAME", "iter_documents", "read_bytes"]

STDIN = "-"
STDIN_NAME = "<stdin>"  # Source.path of documents read from stdin


def iter_documents(
    paths: Iterable[str | Path],
    settings: Settings | None = None,
    *,
    stdin: BinaryIO | None = None,
) -> Iterator[RawDocument | IngestFailure]:
    """Every document in `paths`, in order. A directory yields its document files (by extension:
    .txt .html .jsonl .warc .rss .atom .xml ..., optionally .gz), sorted per folder, recursively,
    hidden entries skipped; a file named explicitly is read whatever its extension. "-" is
    `stdin` (default: sys.stdin.buffer)."""
    limit = (settings or Settings.from_env()).max_input_bytes
    if isinstance(paths, str | Path):  # one path, not the characters of its name
        paths = [paths]
    for given in paths:
        path = os.fspath(given)
        if path == STDIN:
            source = stdin if stdin is not None else sys.stdin.buffer
            yield from iter_unit(source, STDIN_NAME, size=None, limit=limit)
        else:
            yield from iter_path(path, limit)


def read_bytes(
    data: bytes, *, name: str, settings: Settings | None = None
) -> Iterator[RawDocument | IngestFailure]:
    """The documents in bytes already in memory (a posted upload). `name` is the Source path;
    its extension gives the format when it names one, else the content is sniffed."""
    limit = (settings or Settings.from_env()).max_input_bytes
    yield from iter_unit(io.BytesIO(data), name, size=len(data), limit=limit)
