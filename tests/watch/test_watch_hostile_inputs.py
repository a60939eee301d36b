"""`detente watch` against hostile feeds, feed lists and addresses, through the real CLI: each bad
input is one coded error, the good articles of the same poll are still stored, nothing hangs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from watch_server import LocalServer, Resolver, counts

from cli_util import assert_no_crash, run_cli, unblocked_after
from detente.cli import EXIT_FATAL

pytestmark = pytest.mark.model


def test_watch_survives_a_feed_of_malformed_links_and_stores_the_good_article(
    capsys: pytest.CaptureFixture[str], site: LocalServer, tmp_path: Path
) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(site.url("/hostile.xml") + "\n")
    db = tmp_path / "w.duckdb"
    args = ("watch", str(feeds), "--once", "--allow-private", "--db", str(db))

    first = run_cli(capsys, *args)
    assert_no_crash(first)
    # Two links that are no URL, two redirects to such links: four coded errors, one a link.
    assert first.code == 4, first.err
    err = " ".join(first.err.split())  # the console wraps long lines
    assert err.count("[E129]") == 4
    assert f"{site.url('/hostile.xml')}#typo-1: not a valid URL (entry link 'http://[oops/'" in err
    assert "redirect to a bad URL: Invalid IPv6 URL" in err
    assert "redirect to a bad URL: InvalidCodepoint" in err
    assert counts(db) == (1, 1, 4)
    assert site.fetched("/articles") == ["/articles/geneva"]

    again = run_cli(capsys, *args)  # a restart is not dead either; the bad links fail again
    assert_no_crash(again)
    assert again.code == 4
    assert counts(db) == (1, 1, 4)


def test_watch_refuses_a_feed_list_line_that_is_no_url_with_e130(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("https://news.example.org/rss\nhttp://[oops/\n")
    run = run_cli(capsys, "watch", str(feeds), "--once", "--db", str(tmp_path / "w.duckdb"))
    assert_no_crash(run)
    assert run.code == EXIT_FATAL
    assert f"[E130] {feeds}:2: 'http://[oops/' is not an http or https URL" in run.err


def test_watch_refuses_a_fifo_as_feed_list_without_hanging(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    fifo = tmp_path / "feeds.txt"
    os.mkfifo(fifo)
    with unblocked_after(fifo, 10):
        run = run_cli(capsys, "watch", str(fifo), "--once", "--db", str(tmp_path / "w.duckdb"))
    assert_no_crash(run)
    assert run.code == EXIT_FATAL
    assert f"[E113] {fifo}: not a regular file but a FIFO (named pipe)" in run.err


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("64:ff9b:1::808:808", "local-use NAT64"),  # RFC 8215
        ("64:ff9b::a9fe:a9fe", "link-local"),  # NAT64 of 169.254.169.254 (cloud metadata)
        ("::ffff:0:7f00:1", "loopback"),  # SIIT IPv4-translated 127.0.0.1
        ("::ffff:10.0.0.1", "private"),  # IPv4-mapped
    ],
)
def test_watch_refuses_feeds_behind_ipv4_embedding_addresses(
    capsys: pytest.CaptureFixture[str],
    resolver: Resolver,
    tmp_path: Path,
    address: str,
    reason: str,
) -> None:
    resolver.add("feeds.test", [address])
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("http://feeds.test/rss.xml\n")
    run = run_cli(capsys, "watch", str(feeds), "--once", "--db", str(tmp_path / "w.duckdb"))
    assert_no_crash(run)
    assert run.code == 1
    err = " ".join(run.err.split())
    assert "[E121] http://feeds.test/rss.xml: refused feeds.test: it resolves to" in err
    assert f"({reason} address)" in err
