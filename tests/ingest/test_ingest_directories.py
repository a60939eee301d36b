"""Directory mode: document files only, sorted per folder, recursive, hidden entries skipped."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest
from ingest_util import ENGLISH, collect, document_of, message_of, warc_bytes

from detente.records import RawDocument
from shared_data import EXAMPLES, shared_path


def write(path: Path, text: str = ENGLISH) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


FEED = "<rss version='2.0'><channel><item><description>x</description></item></channel></rss>"
DOCUMENTS = {
    "a.txt": ENGLISH,
    "b.html": "<html><p>page</p></html>",
    "c.HTM": "<html><p>page</p></html>",
    "d.text": ENGLISH,
    "e.xhtml": "<html><p>page</p></html>",
    "f.shtml": "<html><p>page</p></html>",
    "g.rss": FEED,
    "h.atom": FEED,
    "i.xml": FEED,
    "j.jsonl": json.dumps({"text": "one"}),
    "k.ndjson": json.dumps({"text": "two"}),
}
NOT_DOCUMENTS = ("LICENSE", "README.md", "data.json", "notes.doc", "image.png", "x.tar.gz", "n.gz")


def test_ingest_directory_takes_document_extensions_only(tmp_path: Path) -> None:
    for name, text in DOCUMENTS.items():
        write(tmp_path / name, text)
    (tmp_path / "l.html.gz").write_bytes(gzip.compress(b"<html><p>packed</p></html>"))
    crawl, _ = warc_bytes([("200 OK", "text/html", b"<html><p>crawled</p></html>")], gzip=True)
    (tmp_path / "m.warc.gz").write_bytes(crawl)
    (tmp_path / "n.txt.gz").write_bytes(gzip.compress(b"packed text"))
    for name in NOT_DOCUMENTS:
        write(tmp_path / name)
    names = [Path(item.source.path or "").name for item in collect([tmp_path])]
    assert names == [*DOCUMENTS, "l.html.gz", "m.warc.gz", "n.txt.gz"]


def test_ingest_directory_is_sorted_recursive_and_skips_hidden(tmp_path: Path) -> None:
    for relative in (
        "b.txt",
        "a/z.txt",
        "a/b/c.txt",
        "c.txt",
        ".hidden.txt",
        ".git/objects.txt",
        "a/.cache/x.txt",
    ):
        write(tmp_path / relative)
    paths = [item.source.path for item in collect([tmp_path])]
    expected = ["a/b/c.txt", "a/z.txt", "b.txt", "c.txt"]
    assert paths == [os.path.join(tmp_path, *relative.split("/")) for relative in expected]


def test_ingest_directory_paths_keep_the_form_given(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "corpus" / "a.txt")
    monkeypatch.chdir(tmp_path)
    assert [item.source.path for item in collect(["corpus"])] == [os.path.join("corpus", "a.txt")]
    assert [item.source.path for item in collect(["./corpus/"])] == ["./corpus/a.txt"]


def test_ingest_file_named_explicitly_is_taken_whatever_its_extension(tmp_path: Path) -> None:
    write(tmp_path / "README.md", "# Notes\n\nTalks resumed in Vienna.")
    assert collect([tmp_path]) == []
    document = document_of(collect([tmp_path / "README.md"])[0])
    assert (document.kind, document.content) == ("text", "# Notes\n\nTalks resumed in Vienna.")


def test_ingest_empty_directory_yields_nothing(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    write(tmp_path / "LICENSE")
    assert collect([tmp_path]) == []


def test_ingest_directory_symlink_loop_is_walked_once(tmp_path: Path) -> None:
    write(tmp_path / "a" / "doc.txt")
    (tmp_path / "a" / "back").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "link-to-a").symlink_to(tmp_path / "a", target_is_directory=True)
    paths = [item.source.path for item in collect([tmp_path])]
    assert paths == [str(tmp_path / "a" / "doc.txt"), str(tmp_path / "link-to-a" / "doc.txt")]


def test_ingest_broken_entries_in_a_directory_fail_alone(tmp_path: Path) -> None:
    write(tmp_path / "a.txt")
    (tmp_path / "b-loop.txt").symlink_to(tmp_path / "b-loop.txt")
    (tmp_path / "c-dangling.txt").symlink_to(tmp_path / "gone.txt")
    write(tmp_path / "d.txt")
    items = collect([tmp_path])
    assert [Path(item.source.path or "").name for item in items] == ["a.txt", "b-loop.txt", "d.txt"]
    assert message_of(items[1]).startswith(f"[E111] {tmp_path / 'b-loop.txt'}: cannot read")


def test_ingest_unreadable_directory_is_e111(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can list directories without read permission")
    locked = tmp_path / "locked"
    write(locked / "a.txt")
    locked.chmod(0)
    try:
        items = collect([tmp_path])
    finally:
        locked.chmod(0o755)
    assert message_of(items[0]) == f"[E111] {locked}: cannot read (Permission denied)"


def test_ingest_examples_folder_yields_its_five_documents() -> None:
    items = collect([EXAMPLES])
    assert all(isinstance(item, RawDocument) for item in items)
    names = [Path(item.source.path or "").name for item in items]
    assert names[0] == "rbth_russia_nato.txt"
    assert len(names) == 5 and all(name.endswith(".html.gz") for name in names[1:])


def test_ingest_zyte_pages_are_all_read_as_utf8_html() -> None:
    folder = shared_path("data", "extraction", "zyte-dev")
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    items = collect([folder])  # LICENSE and ground-truth.json are not documents
    documents = [document_of(item) for item in items]
    assert len(documents) == len(truth) == 61
    assert {(doc.kind, doc.encoding, doc.source.format) for doc in documents} == {
        ("html", "utf-8", "html")
    }
    # The pages are really decoded: each holds the start of its true article body.
    found = 0
    for document in documents:
        words = truth[Path(document.source.path or "").name.split(".")[0]]["articleBody"]
        found += " ".join(words.split()[:3]) in document.content
    assert found >= 50
