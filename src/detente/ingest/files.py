"""Paths to input units (files, directories walked lazily), and one unit to its documents."""

from __future__ import annotations

import codecs
import os
import stat
import time
from collections.abc import Iterator
from typing import BinaryIO

from detente.errors import Errors, IngestError
from detente.ingest.decode import SNIFF_BYTES, binary_reason
from detente.ingest.documents import failure, one_line, text_document
from detente.ingest.feeds import iter_feed
from detente.ingest.jsonl import iter_jsonl
from detente.ingest.sniff import (
    WARC_MAGIC,
    format_from_name,
    has_document_extension,
    is_gzip_name,
    sniff_format,
)
from detente.ingest.streams import CHUNK_BYTES, GZIP_MAGIC, format_size, gunzip, peek, read_limited
from detente.ingest.warc import iter_warc
from detente.records import IngestFailure, RawDocument, Source

Item = RawDocument | IngestFailure
DirectoryId = tuple[int, int]

# O_NONBLOCK: opening a FIFO for reading waits for a writer, maybe forever; with it the open
# returns at once, and the file type is checked on the descriptor before anything is read.
# O_NOCTTY: a terminal named by mistake does not become the controlling terminal.
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_OPEN_FLAGS = os.O_RDONLY | _NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
_SPECIAL_FILES = (
    (stat.S_ISFIFO, "FIFO (named pipe)"),
    (stat.S_ISSOCK, "socket"),
    (stat.S_ISCHR, "character device"),
    (stat.S_ISBLK, "block device"),
)


def iter_path(path: str, limit: int) -> Iterator[Item]:
    """A file, or every document file under a directory (sorted, recursive, hidden skipped)."""
    try:
        info = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        yield failure(_unit_source(path), Errors.E101)
        return
    except OSError as exc:
        yield failure(_unit_source(path), Errors.E111, detail=_reason(exc))
        return
    if not stat.S_ISDIR(info.st_mode):
        yield from _iter_file(path, limit)
        return
    for found in _walk(path, ((info.st_dev, info.st_ino),)):
        if isinstance(found, IngestFailure):
            yield found
        else:
            yield from _iter_file(found, limit)


def count_path(path: str, deadline: float) -> int | None:
    """How many items `iter_path(path)` yields, found without reading documents: None when a
    file's format needs its content to tell how many (see `_count_file`) or past `deadline`
    (time.monotonic)."""
    try:
        info = os.stat(path)
    except OSError:
        return 1  # its failure
    if not stat.S_ISDIR(info.st_mode):
        return _count_file(path, deadline)
    total = 0
    for found in _walk(path, ((info.st_dev, info.st_ino),)):
        count = 1 if isinstance(found, IngestFailure) else _count_file(found, deadline)
        if count is None or time.monotonic() > deadline:
            return None
        total += count
    return total


def _count_file(path: str, deadline: float) -> int | None:
    """One for a text or HTML file, the records of a plain JSONL file; None for a WARC or feed
    (many documents each), a gzipped JSONL, or a format only the content tells."""
    unit_format = format_from_name(path)
    if unit_format in ("text", "html"):
        return 1
    if unit_format == "jsonl" and not is_gzip_name(path):
        return _count_records(path, deadline)
    return None


def _count_records(path: str, deadline: float) -> int | None:
    """The lines of a JSONL file that are not blank, as iter_jsonl reads them (at least one:
    an empty file is one failure); None past `deadline`."""
    try:
        handle = open_regular(path)
    except (IngestError, OSError):
        return 1  # its failure
    records = 0
    filled = False  # the current line holds more than whitespace
    with handle:
        # pieces, not lines: one line may be longer than memory allows
        for number, piece in enumerate(iter(lambda: handle.readline(CHUNK_BYTES), b"")):
            if number == 0:
                piece = piece.removeprefix(codecs.BOM_UTF8)
            filled = filled or bool(piece.strip())
            if piece.endswith(b"\n"):
                records += filled
                filled = False
            if number % 10_000 == 0 and time.monotonic() > deadline:
                return None
    return max(records + filled, 1)


def _walk(directory: str, ancestors: tuple[DirectoryId, ...]) -> Iterator[str | IngestFailure]:
    """Document files under `directory`, one folder listed at a time. `ancestors` stops
    symlink loops; it grows with depth only."""
    try:
        listing = _listing(directory)
    except OSError as exc:
        yield failure(Source(directory, "text"), Errors.E111, detail=_reason(exc))
        return
    for name, is_folder in listing:
        path = os.path.join(directory, name)
        if not is_folder:
            yield path
            continue
        try:
            info = os.stat(path)
        except OSError as exc:
            yield failure(Source(path, "text"), Errors.E111, detail=_reason(exc))
            continue
        folder = (info.st_dev, info.st_ino)
        if folder not in ancestors:
            yield from _walk(path, (*ancestors, folder))


def _listing(directory: str) -> list[tuple[str, bool]]:
    """(name, is_folder) of the entries worth visiting, sorted by name. Names, not DirEntry
    objects: a folder of a million files then lists in a fraction of the memory."""
    wanted: list[tuple[str, bool]] = []
    with os.scandir(directory) as scan:
        for entry in scan:
            if entry.name.startswith("."):
                continue
            try:
                is_folder = entry.is_dir()
                is_document = not is_folder and entry.is_file()
            except OSError:  # a symlink loop, say: opening it reports the problem
                is_folder, is_document = False, True
            if is_folder or (is_document and has_document_extension(entry.name)):
                wanted.append((entry.name, is_folder))
    wanted.sort()
    return wanted


def open_regular(path: str) -> BinaryIO:
    """`path` opened for reading. Raises IngestError E113 for a FIFO, socket or device (it may
    block at open or never end), OSError as open() does."""
    _refuse_special(path, os.stat(path).st_mode)  # a socket cannot even be opened
    descriptor = os.open(path, _OPEN_FLAGS)
    try:
        _refuse_special(path, os.fstat(descriptor).st_mode)  # it may have changed since the stat
        if _NONBLOCK:
            os.set_blocking(descriptor, True)
        return open(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


def _refuse_special(path: str, mode: int) -> None:
    for is_kind, kind in _SPECIAL_FILES:
        if is_kind(mode):
            raise IngestError(Errors.E113.format(path=path, kind=kind))


def _iter_file(path: str, limit: int) -> Iterator[Item]:
    try:
        handle = open_regular(path)
    except IngestError as exc:
        yield IngestFailure(_unit_source(path), one_line(str(exc)))
        return
    except (FileNotFoundError, NotADirectoryError):
        yield failure(_unit_source(path), Errors.E101)
        return
    except OSError as exc:
        yield failure(_unit_source(path), Errors.E111, detail=_reason(exc))
        return
    with handle:
        info = os.fstat(handle.fileno())
        size = info.st_size if stat.S_ISREG(info.st_mode) else None
        yield from iter_unit(handle, path, size=size, limit=limit)


def iter_unit(stream: BinaryIO, name: str, *, size: int | None, limit: int) -> Iterator[Item]:
    """The documents of one input unit (a file, stdin, posted bytes). Never raises for bad
    input: a read error or corrupt gzip ends this unit with a failure, and the caller goes on."""
    try:
        yield from _read_unit(stream, name, size, limit)
    except IngestError as exc:
        yield IngestFailure(_unit_source(name), one_line(str(exc)))
    except OSError as exc:
        yield failure(_unit_source(name), Errors.E111, detail=_reason(exc))


def _read_unit(stream: BinaryIO, name: str, size: int | None, limit: int) -> Iterator[Item]:
    head, stream = peek(stream, SNIFF_BYTES)
    if is_gzip_name(name) or head.startswith(GZIP_MAGIC):
        head, stream = peek(gunzip(stream, name), SNIFF_BYTES)
        size = None  # known only once decompressed
    complete = len(head) < SNIFF_BYTES
    unit_format = format_from_name(name) or sniff_format(head, complete=complete)
    source = Source(name, unit_format)
    if complete and not head.strip():
        yield failure(source, Errors.E102)
        return
    if unit_format == "warc":  # payloads may be binary: no binary check on the container
        if head.startswith(WARC_MAGIC):
            yield from iter_warc(stream, name, limit)
        else:  # warcio would read some text lines as old ARC headers
            first_line = head.split(b"\n", 1)[0][:60].decode("latin-1")
            detail = f"starts with {first_line!r}, not a WARC/1.x header"
            yield failure(source, Errors.E109, detail=detail)
        return
    reason = binary_reason(head)
    if reason:
        yield failure(source, Errors.E103, reason=reason)
        return
    if unit_format == "jsonl":  # the size limit applies per line
        yield from iter_jsonl(stream, name, limit)
        return
    if size is not None and size > limit:  # known without reading the file
        yield failure(source, Errors.E105, size=format_size(size), limit=format_size(limit))
        return
    data = read_limited(stream, limit)
    if data is None:
        over = f"more than {format_size(limit)}"
        yield failure(source, Errors.E105, size=over, limit=format_size(limit))
    elif unit_format == "feed":
        yield from iter_feed(data, name)
    else:
        yield text_document(data, source, "html" if unit_format == "html" else "text")


def _unit_source(path: str) -> Source:
    """The source of a unit whose content could not be looked at: format from the name."""
    return Source(path, format_from_name(path) or "text")


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)
