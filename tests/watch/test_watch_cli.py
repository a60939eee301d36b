"""`detente watch` end to end: a real local feed server, the real pipeline and store."""

from __future__ import annotations

from pathlib import Path

import pytest
from watch_server import LocalServer, counts

from cli_util import run_cli

pytestmark = pytest.mark.model


def test_watch_cli_stores_new_articles_once_and_skips_them_next_poll(
    capsys: pytest.CaptureFixture[str], site: LocalServer, tmp_path: Path
) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# test feeds\n{site.url('/rss.xml')}\n{site.url('/atom.xml')}\n")
    db = tmp_path / "w.duckdb"
    args = ("watch", str(feeds), "--once", "--allow-private", "--db", str(db))

    first = run_cli(capsys, *args)
    documents, sources, errors = counts(db)
    # geneva, talks, summit (after two redirects) and envoy carry the same body: stored once
    assert (documents, sources) == (1, 4)
    assert errors == first.code >= 1  # the 404 page is an error record, and the exit code says so
    assert "[E12" in first.err and "Traceback" not in first.err

    site.requests.clear()
    second = run_cli(capsys, *args)
    assert counts(db)[:2] == (1, 4)
    # Links seen in the store are not fetched again; a link that redirects (/hop/1 → summit) is
    # known by its final URL only, so a new process follows it once more, then skips storing it.
    assert site.fetched("/articles") == ["/articles/summit"]
    assert "0 new documents" in second.err


def test_watch_cli_refuses_loopback_feeds_without_allow_private(
    capsys: pytest.CaptureFixture[str], site: LocalServer, tmp_path: Path
) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(site.url("/rss.xml") + "\n")
    run = run_cli(capsys, "watch", str(feeds), "--once", "--db", str(tmp_path / "w.duckdb"))
    assert run.code == 1
    assert "127.0.0.1" in run.err and site.requests == []


def test_watch_cli_rejects_a_bad_interval(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("https://example.org/feed.xml\n")
    run = run_cli(capsys, "watch", str(feeds), "--every", "soon", "--db", str(tmp_path / "x"))
    assert run.code == 102 and "[E132]" in run.err
