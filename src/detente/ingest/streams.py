"""Byte streams for ingest: sniffing a head without losing it, gunzip, reading under a size limit.

Every reader here is streaming: nothing reads more than it is asked for, so a generator over a
large file or stdin keeps memory bounded.
"""

from __future__ import annotations

import gzip
import io
import zlib
from typing import TYPE_CHECKING, BinaryIO, cast

from detente.errors import Errors, IngestError

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

CHUNK_BYTES = 64 * 1024
GZIP_MAGIC = b"\x1f\x8b"
SIZE_UNITS = (("GB", 1_000_000_000), ("MB", 1_000_000), ("KB", 1_000))


class _Replay(io.RawIOBase):
    """Serves bytes already read (a sniffed head), then the rest of the underlying stream."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        target = memoryview(buffer).cast("B")
        if len(self._head):
            count = min(len(target), len(self._head))
            target[:count] = self._head[:count]
            self._head = self._head[count:]
            return count
        chunk = self._rest.read(len(target))
        target[: len(chunk)] = chunk
        return len(chunk)


class _Gunzip(io.RawIOBase):
    """Decompresses a gzip stream; a corrupt or truncated one raises IngestError E106.

    The error is translated here because readers downstream (warcio) take EOFError for the
    end of input and would end the file silently.
    """

    def __init__(self, compressed: BinaryIO, path: str) -> None:
        self._gzip = gzip.GzipFile(fileobj=compressed, mode="rb")
        self._path = path

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        try:
            return self._gzip.readinto(buffer)
        except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
            detail = str(exc) or type(exc).__name__
            raise IngestError(Errors.E106.format(path=self._path, detail=detail)) from exc


def buffered(raw: io.RawIOBase) -> BinaryIO:
    return cast(BinaryIO, io.BufferedReader(raw, buffer_size=CHUNK_BYTES))


def read_up_to(stream: BinaryIO, size: int) -> bytes:
    """Up to `size` bytes: fewer only at the end of the stream."""
    chunks: list[bytes] = []
    remaining = size
    while remaining > 0:
        chunk = stream.read(min(remaining, CHUNK_BYTES))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def peek(stream: BinaryIO, size: int) -> tuple[bytes, BinaryIO]:
    """The first `size` bytes, and a stream that still starts at the beginning."""
    head = read_up_to(stream, size)
    return head, buffered(_Replay(head, stream))


def gunzip(stream: BinaryIO, path: str) -> BinaryIO:
    return buffered(_Gunzip(stream, path))


def read_limited(stream: BinaryIO, limit: int) -> bytes | None:
    """The rest of the stream, or None when it is longer than `limit` (reads at most limit+1)."""
    data = read_up_to(stream, limit + 1)
    return None if len(data) > limit else data


def skip_line(stream: BinaryIO) -> int:
    """Consumes the rest of the current line without keeping it; returns how many bytes."""
    skipped = 0
    while chunk := stream.readline(CHUNK_BYTES):
        skipped += len(chunk)
        if chunk.endswith(b"\n"):
            break
    return skipped


def format_size(size: int) -> str:
    """A byte count for people: "50.0 MB" (decimal units, as DETENTE_MAX_INPUT_BYTES is given)."""
    for unit, factor in SIZE_UNITS:
        if size >= factor:
            return f"{size / factor:.1f} {unit}"
    return f"{size} bytes"
