"""Hostile input through the real CLI (`detente extract` and `detente ingest`): each bad input is
one coded error record, the good documents of the same run are still processed and stored,
the exit code counts the failures, and nothing hangs or shows a traceback."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path
from typing import Any

import pytest
from ingest_util import ENGLISH, warc_record

from cli_util import CliRun, assert_no_crash, run_cli, table_counts, unblocked_after

pytestmark = pytest.mark.model

TREATY = "The ministers met in Geneva on Monday to discuss the renewal of the arms control treaty."
TRADE = "The two governments signed a trade agreement in Oslo after three days of talks."
SUMMIT = "Officials said the summit in Vienna would take place next month despite the protests."
PAGE = "<!doctype html><html><head><title>{title}</title></head><body><p>{text}</p></body></html>"


def extracted(run: CliRun) -> list[dict[str, Any]]:
    return [json.loads(line) for line in run.out.splitlines() if line.strip()]


def messages(docs: list[dict[str, Any]]) -> list[str]:
    return [error["message"] for doc in docs for error in doc["errors"]]


# --- malformed links in feeds -----------------------------------------------------------------

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Hostile</title>
<item><title>Typo</title><guid isPermaLink="false">typo</guid><link>http://[oops/</link>
<description>{TRADE}</description></item>
<item><title>Good</title><link>https://news.example.org/treaty</link>
<description>{TREATY}</description></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Hostile</title><id>urn:feed</id>
<entry><title>Typo</title><id>urn:uuid:typo</id><link href="http://[::1"/>
<summary>{TRADE}</summary></entry>
<entry><title>Good</title><id>urn:uuid:good</id><link href="https://news.example.org/summit"/>
<summary>{SUMMIT}</summary></entry>
</feed>"""


def test_extract_and_ingest_fail_only_the_feed_entries_with_malformed_links(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    rss = tmp_path / "news.rss"
    rss.write_text(RSS, encoding="utf-8")
    atom = tmp_path / "news.atom"
    atom.write_text(ATOM, encoding="utf-8")

    run = run_cli(capsys, "extract", str(rss), str(atom), "--format", "jsonl")
    assert_no_crash(run)
    assert run.code == 2, run.err
    docs = extracted(run)
    assert [doc["source"].get("url") for doc in docs if not doc["errors"]] == [
        "https://news.example.org/treaty",
        "https://news.example.org/summit",
    ]
    assert sorted(messages(docs)) == [
        f"[E129] {atom}#urn:uuid:typo: not a valid URL (entry link 'http://[::1': Invalid IPv6 "
        "URL); give a full address such as https://example.org/news",
        f"[E129] {rss}#typo: not a valid URL (entry link 'http://[oops/': Invalid IPv6 URL); "
        "give a full address such as https://example.org/news",
    ]

    db = tmp_path / "t.duckdb"
    stored = run_cli(capsys, "ingest", str(rss), str(atom), "--db", str(db))
    assert_no_crash(stored)
    assert stored.code == 2, stored.err
    assert table_counts(db) == {"documents": 2, "sources": 2, "errors": 2}


# --- JSONL numbers past the digit limit, lone surrogate escapes -------------------------------


def test_jsonl_huge_numbers_fail_their_line_and_lone_surrogates_are_replaced(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "news.jsonl"
    lines = [
        '{"id": "big", "text": "' + TRADE + '", "views": ' + "9" * 5_000 + "}",
        json.dumps({"id": "ok", "text": TREATY}),
        '{"id": "lone", "text": "' + SUMMIT + ' \\ud800", "title": "Vienna \\udfff"}',
        '{"id": "float", "text": "' + ENGLISH.strip() + '", "score": 1e99999}',
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    run = run_cli(capsys, "extract", str(path), "--format", "jsonl")
    assert_no_crash(run)
    assert run.code == 1, run.err
    docs = {doc["id"]: doc for doc in extracted(run)}
    assert messages(list(docs.values())) == [
        f"[E107] {path}#line 1: malformed JSON (ValueError: Exceeds the limit (4300 digits) for "
        "integer string conversion: value has 5000 digits); the other lines go on"
    ]
    assert not docs["ok"]["errors"] and not docs["float"]["errors"]
    lone = docs["lone"]
    assert lone["errors"] == []
    assert lone["text"] == f"{SUMMIT} \ufffd" and lone["title"] == "Vienna \ufffd"

    db = tmp_path / "t.duckdb"
    stored = run_cli(capsys, "ingest", str(path), "--db", str(db))
    assert_no_crash(stored)
    assert stored.code == 1, stored.err
    assert table_counts(db) == {"documents": 3, "sources": 3, "errors": 1}


def declaring(charset: str, page: str) -> str:
    return page.replace("<head>", f'<head><meta charset="{charset}">')


def test_pages_declaring_utf7_or_punycode_are_read_without_lone_surrogates(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """UTF-7 spells a lone surrogate as "+2AA-"; punycode fails with a bare UnicodeError. Such a
    declaration is not trusted then: the bytes are read as UTF-8, as they are."""
    utf7 = tmp_path / "utf7.html"
    utf7.write_text(declaring("utf-7", PAGE.format(title="+2AA-", text=f"{TREATY} +2AA-")))
    puny = tmp_path / "puny.html"
    puny.write_text(declaring("punycode", PAGE.format(title="Trade", text=f"{TRADE} ..")))
    run = run_cli(capsys, "extract", str(utf7), str(puny), "--format", "jsonl")
    assert_no_crash(run)
    assert run.code == 0, run.out
    texts = [doc["text"] for doc in extracted(run)]
    assert texts == [f"{TREATY} +2AA-", f"{TRADE} .."]


# --- FIFOs and devices named on the command line ----------------------------------------------


def test_a_fifo_or_device_on_the_command_line_is_e113_and_the_rest_goes_on(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    good = tmp_path / "good.txt"
    good.write_text(TREATY, encoding="utf-8")
    db = tmp_path / "t.duckdb"
    with unblocked_after(fifo, 10):
        run = run_cli(capsys, "ingest", str(fifo), "/dev/zero", str(good), "--db", str(db))
    assert_no_crash(run)
    assert run.code == 2, run.err
    err = " ".join(run.err.split())  # the console wraps long lines
    assert f"[E113] {fifo}: not a regular file but a FIFO (named pipe), which could block" in err
    assert "[E113] /dev/zero: not a regular file but a character device" in err
    assert table_counts(db) == {"documents": 1, "sources": 1, "errors": 2}


def test_stdin_is_still_read(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(TREATY.encode())))
    run = run_cli(capsys, "extract", "-", "--format", "jsonl")
    assert run.code == 0, run.err
    assert extracted(run)[0]["text"] == TREATY


# --- WARC: damaged and truncated records ------------------------------------------------------


def html_response(title: str, text: str) -> bytes:
    page = PAGE.format(title=title, text=text).encode()
    return b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + page


def test_damaged_and_truncated_warc_records_are_coded_errors_and_counted(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    no_http = PAGE.format(title="Bare", text=TRADE).encode()
    broken = b"HTTP/1.1 OK\r\nContent-Type: text/html\r\n\r\n" + no_http
    last = warc_record(html_response("Cut", SUMMIT), "cut")
    path = tmp_path / "crawl.warc"
    path.write_bytes(
        warc_record(html_response("Treaty", TREATY), "good-1")
        + warc_record(no_http, "no-http")
        + warc_record(broken, "broken-http")
        + warc_record(html_response("Kirkenes", ENGLISH), "good-2")
        + last[: len(last) - 40]  # the download stopped inside the last record
    )

    run = run_cli(capsys, "extract", str(path), "--format", "jsonl")
    assert_no_crash(run)
    assert run.code == 3, run.err
    docs = extracted(run)
    assert [doc["source"]["locator"] for doc in docs if not doc["errors"]] == [
        "<urn:uuid:good-1>",
        "<urn:uuid:good-2>",
    ]
    found = messages(docs)
    assert found[0].startswith(
        f"[E109] {path}#<urn:uuid:no-http>: unreadable WARC (response record without an HTTP "
        "status line; its block starts '<!doctype html>"
    )
    assert found[1].startswith(
        f"[E109] {path}#<urn:uuid:broken-http>: unreadable WARC (response record without an "
        "HTTP status line; its block starts 'HTTP/1.1 OK')"
    )
    assert found[2].startswith(f"[E114] {path}#<urn:uuid:cut>: the WARC ends inside this record")

    db = tmp_path / "t.duckdb"
    stored = run_cli(capsys, "ingest", str(path), "--db", str(db))
    assert_no_crash(stored)
    assert stored.code == 3, stored.err
    assert table_counts(db) == {"documents": 2, "sources": 2, "errors": 3}
