"""Bad input never raises: each problem is one coded failure and the stream goes on."""

from __future__ import annotations

import gzip
import io
import os
import random
import tracemalloc
from pathlib import Path

import pytest
from ingest_util import (
    ENGLISH,
    assert_one_line,
    collect,
    collect_bytes,
    only_document,
    only_failure,
)

from detente.ingest import iter_documents
from detente.records import IngestFailure, RawDocument
from detente.settings import Settings

PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
FIFTY_MB = 50_000_000


def random_bytes(count: int, seed: int = 3) -> bytes:
    return random.Random(seed).randbytes(count)


def test_ingest_missing_path_is_e101_and_the_rest_goes_on(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ENGLISH, encoding="utf-8")
    missing = tmp_path / "missing.html"
    first, second = collect([missing, good])
    assert isinstance(first, IngestFailure) and isinstance(second, RawDocument)
    assert first.message == f"[E101] {missing}: no such file or directory"
    assert (first.source.path, first.source.format, first.stage) == (str(missing), "html", "ingest")


@pytest.mark.parametrize("content", [b"", b"   \n\t\r\n  \n"])
def test_ingest_empty_or_blank_file_is_e102(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    failure = only_failure(collect([path]))
    assert failure.message == f"[E102] {path}: empty input, nothing to extract"


def test_ingest_blank_file_in_every_format_is_e102(tmp_path: Path) -> None:
    names = ["a.html", "b.jsonl", "c.warc", "d.rss", "e.txt.gz", "f.dat"]
    for name in names:
        content = b"\n \n"
        (tmp_path / name).write_bytes(gzip.compress(content) if name.endswith(".gz") else content)
    items = collect([tmp_path / name for name in names])
    assert [item.message[:6] for item in items if isinstance(item, IngestFailure)] == ["[E102]"] * 6


def test_ingest_utf16_bom_with_nothing_after_it_is_e102(tmp_path: Path) -> None:
    path = tmp_path / "bom-only.txt"
    path.write_bytes(b"\xff\xfe" + " \n".encode("utf-16-le"))
    assert only_failure(collect([path])).message.startswith("[E102]")


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (PNG_HEADER + random_bytes(20_000), "PNG image signature"),
        (b"\x7fELF\x02\x01\x01" + bytes(9) + random_bytes(3_000), "ELF executable signature"),
        (b"%PDF-1.7\n" + random_bytes(5_000), "PDF document signature"),
        (b"Header line\n" + bytes(1) + b"more", "NUL byte at offset 12"),
        (bytes(range(1, 9)) * 500, "100% control characters in the first 8 KB"),
        (b"\x00\x01\x02" * 1000, "NUL byte at offset 0"),
    ],
)
def test_ingest_binary_file_is_e103_with_a_reason(
    tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "picture.html"  # the extension does not make it text
    path.write_bytes(content)
    failure = only_failure(collect([path]))
    assert_one_line(failure.message, "E103")
    assert f"looks binary ({reason})" in failure.message


def test_ingest_binary_named_explicitly_without_extension_is_e103(tmp_path: Path) -> None:
    path = tmp_path / "blob"
    path.write_bytes(PNG_HEADER + random_bytes(1_000))
    assert "PNG image" in only_failure(collect([path])).message


def test_ingest_binary_inside_gzip_is_e103(tmp_path: Path) -> None:
    path = tmp_path / "image.txt.gz"
    path.write_bytes(gzip.compress(PNG_HEADER + random_bytes(1_000)))
    assert only_failure(collect([path])).message.startswith("[E103]")


def test_ingest_file_over_the_limit_is_e105_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    block = ENGLISH.encode("utf-8") * 5_000
    with big.open("wb") as handle:
        for _ in range(FIFTY_MB // len(block)):
            handle.write(block)
        handle.write(b"x" * (FIFTY_MB % len(block)))
    tracemalloc.start()
    try:
        failure = only_failure(collect([big]))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert failure.message == (
        f"[E105] {big}: 50.0 MB is over the 20.0 MB limit for one document; split it, or raise "
        "DETENTE_MAX_INPUT_BYTES"
    )
    assert peak < 1_000_000  # the size came from stat, not from reading


def test_ingest_size_limit_comes_from_settings(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_bytes(b"a" * 2_500)
    message = only_failure(collect([path], Settings(max_input_bytes=1_000))).message
    assert message.startswith(f"[E105] {path}: 2.5 KB is over the 1.0 KB limit")


def test_ingest_gzip_over_the_limit_reads_at_most_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "big.txt.gz"
    path.write_bytes(gzip.compress(ENGLISH.encode("utf-8") * 20_000))  # 3.5 MB unpacked
    limit = 100_000
    tracemalloc.start()
    try:
        failure = only_failure(collect([path], Settings(max_input_bytes=limit)))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert failure.message.startswith(
        f"[E105] {path}: more than 100.0 KB is over the 100.0 KB limit"
    )
    assert peak < 1_000_000


def test_ingest_stdin_over_the_limit_is_e105() -> None:
    stdin = io.BytesIO(ENGLISH.encode("utf-8") * 100)
    failure = only_failure(collect(["-"], Settings(max_input_bytes=1_000), stdin=stdin))
    assert failure.message.startswith("[E105] <stdin>: more than 1.0 KB is over the 1.0 KB limit")


def test_ingest_document_exactly_at_the_limit_is_read(tmp_path: Path) -> None:
    path = tmp_path / "exact.txt"
    path.write_bytes(b"a" * 1_000)
    assert only_document(collect([path], Settings(max_input_bytes=1_000))).content == "a" * 1_000


PACKED = gzip.compress((ENGLISH * 200).encode("utf-8"))


@pytest.mark.parametrize(
    ("content", "detail"),
    [
        (PACKED[: len(PACKED) // 2], "Compressed file ended before the end-of-stream marker"),
        (PACKED[:-6] + b"\x00" * 6, "CRC check failed"),
        (b"\x1f\x8b\x08" + b"\xff" * 40, "Compressed file ended"),
    ],
)
def test_ingest_corrupt_gzip_is_e106_and_the_next_file_is_read(
    tmp_path: Path, content: bytes, detail: str
) -> None:
    broken = tmp_path / "a.txt.gz"
    broken.write_bytes(content)
    good = tmp_path / "b.txt"
    good.write_text(ENGLISH, encoding="utf-8")
    first, second = collect([broken, good])
    assert isinstance(first, IngestFailure) and isinstance(second, RawDocument)
    assert_one_line(first.message, "E106")
    assert first.message.startswith(f"[E106] {broken}: truncated or corrupt gzip stream (")
    assert detail in first.message


def test_ingest_gz_name_on_plain_bytes_is_e106(tmp_path: Path) -> None:
    path = tmp_path / "not-really.txt.gz"
    path.write_text(ENGLISH, encoding="utf-8")
    assert "Not a gzipped file" in only_failure(collect([path])).message


def test_ingest_unreadable_file_is_e111(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can read files without read permission")
    path = tmp_path / "secret.txt"
    path.write_text(ENGLISH, encoding="utf-8")
    path.chmod(0)
    failure = only_failure(collect([path]))
    assert failure.message == f"[E111] {path}: cannot read (Permission denied)"


def test_ingest_symlink_loop_is_e111(tmp_path: Path) -> None:
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    failure = only_failure(collect([loop]))
    assert failure.message == f"[E111] {loop}: cannot read (Too many levels of symbolic links)"


def test_ingest_bad_inputs_in_one_run_each_fail_alone(tmp_path: Path) -> None:
    (tmp_path / "1-empty.txt").write_bytes(b"")
    (tmp_path / "2-binary.txt").write_bytes(PNG_HEADER + random_bytes(500))
    (tmp_path / "3-good.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "4-broken.html.gz").write_bytes(gzip.compress(b"<html>")[:10])
    (tmp_path / "5-good.html").write_text("<html><p>Talks.</p></html>", encoding="utf-8")
    stream = iter_documents([tmp_path, tmp_path / "missing.txt"], Settings())
    codes = [item.message[1:5] if isinstance(item, IngestFailure) else item.kind for item in stream]
    assert codes == ["E102", "E103", "text", "E106", "html", "E101"]


def test_ingest_bytes_in_memory_fail_the_same_way() -> None:
    assert only_failure(collect_bytes(b"", "upload.txt")).message.startswith("[E102] upload.txt")
    assert only_failure(collect_bytes(PNG_HEADER, "upload")).message.startswith("[E103] upload")
