"""Counting inputs ahead for the progress bar: exact where it is cheap, None where it is not."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from ingest_util import ENGLISH

from detente.ingest import count_documents, iter_documents
from shared_data import EXAMPLES

JSONL = '{"id": "a", "text": "one"}\n\n  \n{"id": "b", "text": "two"}\n{"broken"\n{"id": "c"}'


def write(path: Path, content: str | bytes = ENGLISH) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_ingest_counting_matches_what_a_folder_yields(tmp_path: Path) -> None:
    write(tmp_path / "a.txt")
    write(tmp_path / "b.html", "<html><p>page</p></html>")
    write(tmp_path / "empty.txt", "")  # one failure
    write(tmp_path / "c.jsonl", JSONL)  # four records (the blank lines are none), two bad
    write(tmp_path / "bom.ndjson", '\ufeff{"text": "x"}\r\n')
    write(tmp_path / "none.jsonl", "\n \n")  # no record: one failure
    write(tmp_path / "sub" / "d.txt.gz", gzip.compress(ENGLISH.encode()))
    write(tmp_path / "notes.md")  # not a document file
    write(tmp_path / ".hidden" / "e.txt")
    missing = str(tmp_path / "missing.txt")
    inputs = [str(tmp_path), missing, "https://example.org/news"]
    assert count_documents(inputs) == 12
    assert len(list(iter_documents(inputs[:2]))) == 11  # the URL is not fetched here


def test_ingest_counting_matches_the_examples() -> None:
    assert count_documents([EXAMPLES]) == len(list(iter_documents([EXAMPLES]))) == 5


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("corpus.warc", b"WARC/1.0\r\n"),  # many records
        ("feed.rss", b"<rss></rss>"),  # many entries
        # lines only once unpacked; mtime=0 keeps the bytes, and so the test's id, fixed
        ("records.jsonl.gz", gzip.compress(b'{"text": "x"}\n', mtime=0)),
        ("page.xml", b"<rss></rss>"),  # a feed or a page: the content tells
        ("README", b"words"),
    ],
)
def test_ingest_counting_gives_up_where_it_would_have_to_read(
    tmp_path: Path, name: str, content: bytes
) -> None:
    path = write(tmp_path / name, content)
    assert count_documents([write(tmp_path / "a.txt"), path]) is None


def test_ingest_counting_gives_up_on_stdin_and_past_its_time(tmp_path: Path) -> None:
    write(tmp_path / "a.txt")
    assert count_documents([str(tmp_path / "a.txt"), "-"]) is None
    assert count_documents([tmp_path], seconds=0) is None
