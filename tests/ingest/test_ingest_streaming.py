"""Streaming: memory does not grow with the number of documents, and the first document
comes out before the rest of the input is read."""

from __future__ import annotations

import gzip
import json
import tracemalloc
from collections.abc import Iterator
from pathlib import Path

from ingest_util import ENGLISH, message_of, warc_bytes

from detente.ingest import iter_documents
from detente.records import RawDocument
from detente.settings import Settings

BODY = ENGLISH * 6  # about 1 KB


def peak_while(stream: Iterator[object], count: int | None = None) -> tuple[int, int]:
    """Consumes `count` items (all when None) without keeping them; returns (items, peak bytes)."""
    tracemalloc.start()
    try:
        seen = 0
        for _ in stream:
            seen += 1
            if seen == count:
                break
        return seen, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def write_jsonl(path: Path, lines: int) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for number in range(lines):
            handle.write(json.dumps({"id": number, "text": BODY}) + "\n")


def test_ingest_jsonl_of_20000_lines_streams(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    write_jsonl(path, 20_000)  # 21 MB
    assert path.stat().st_size > 20_000_000
    first, first_peak = peak_while(iter_documents([path], Settings()), count=1)
    total, whole_peak = peak_while(iter_documents([path], Settings()))
    assert (first, total) == (1, 20_000)
    assert first_peak < 500_000
    assert whole_peak < 1_000_000  # a few documents in flight, not 21 MB


def test_ingest_memory_does_not_grow_with_the_number_of_lines(tmp_path: Path) -> None:
    small, large = tmp_path / "small.jsonl.gz", tmp_path / "large.jsonl.gz"
    for path, lines in ((small, 1_000), (large, 10_000)):
        path.write_bytes(gzip.compress(b"".join(
            (json.dumps({"id": n, "text": BODY}) + "\n").encode() for n in range(lines)
        )))  # fmt: skip
    _, small_peak = peak_while(iter_documents([small], Settings()))
    _, large_peak = peak_while(iter_documents([large], Settings()))
    assert large_peak < small_peak * 1.5 + 100_000


def test_ingest_directory_of_5000_files_streams(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number in range(5_000):
        (corpus / f"doc{number:05d}.txt").write_text(f"{number} {BODY}", encoding="utf-8")
    stream = iter_documents([corpus], Settings())
    first, first_peak = peak_while(stream, count=1)
    total, whole_peak = peak_while(iter_documents([corpus], Settings()))
    assert (first, total) == (1, 5_000)
    assert first_peak < 2_000_000  # the sorted listing of one folder, not 5,000 bodies
    assert whole_peak < 3_000_000  # the 5,000 bodies (5 MB) are never held together


def test_ingest_first_document_before_reading_the_rest(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(BODY, encoding="utf-8")
    (corpus / "b.txt").write_text(BODY, encoding="utf-8")
    stream = iter_documents([corpus], Settings())
    first = next(stream)
    (corpus / "b.txt").unlink()  # the second file is opened only when asked for
    assert isinstance(first, RawDocument)
    assert [message_of(item)[:6] for item in stream] == ["[E101]"]


def test_ingest_warc_streams_record_by_record(tmp_path: Path) -> None:
    page = f"<html><body><p>{BODY}</p></body></html>".encode()
    data, _ = warc_bytes([("200 OK", "text/html", page)] * 3_000, gzip=True)
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(data)
    first, first_peak = peak_while(iter_documents([path], Settings()), count=1)
    total, whole_peak = peak_while(iter_documents([path], Settings()))
    assert (first, total) == (1, 3_000)
    assert first_peak < 1_000_000 and whole_peak < 1_500_000
