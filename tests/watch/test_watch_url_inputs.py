"""`detente extract` and `detente ingest` take http(s) URLs: fetched by the code `watch` fetches
pages with (its address guard, caps and coded failures), from the local test server only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from watch_server import HUGE_BYTES, LocalServer, counts

from cli_util import assert_no_crash, run_cli
from detente.ingest import count_documents, is_url, iter_documents
from detente.ingest.http import FetchPolicy
from detente.records import IngestFailure, RawDocument
from detente.settings import Settings
from shared_data import ARTICLE, ARTICLE_PUBLISHED

ARTICLE_PATH = "/examples/rbth_russia_nato.txt"


def refusal(url: str) -> str:
    return (
        f"[E121] {url}: refused 127.0.0.1: it resolves to 127.0.0.1 (loopback address); only "
        "public addresses are fetched, pass --allow-private to fetch from your own network"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("https://example.org/news", True),
        ("HTTP://EXAMPLE.ORG", True),
        ("ftp://example.org/a.txt", True),  # refused by the fetcher, with E120
        ("news/2014/article.txt", False),
        ("http:/news.txt", False),
        ("-", False),
    ],
)
def test_watch_url_inputs_are_told_from_paths(text: str, expected: bool) -> None:
    assert is_url(text) is expected


def test_watch_url_inputs_use_the_watch_policy_from_the_settings() -> None:
    settings = Settings.from_env({"DETENTE_FETCH_TIMEOUT": "7", "DETENTE_MAX_FETCH_BYTES": "1000"})
    policy = FetchPolicy.from_settings(settings, allow_private=True)
    assert policy == FetchPolicy(timeout=7, max_bytes=1000, allow_private=True)


def test_watch_url_inputs_are_fetched_in_input_order_among_files(
    site: LocalServer, tmp_path: Path
) -> None:
    local = tmp_path / "local.txt"
    local.write_text("The ministers met in Oslo on Monday.\n")
    url = site.url("/articles/talks")
    items = list(iter_documents([url, str(local), site.url("/missing")], allow_private=True))
    assert [type(item) for item in items] == [RawDocument, RawDocument, IngestFailure]
    page, _, gone = items
    assert isinstance(page, RawDocument) and isinstance(gone, IngestFailure)
    assert (page.source.format, page.source.url, page.url, page.kind) == ("url", url, url, "html")
    assert gone.message.startswith(f"[E126] {site.url('/missing')}: HTTP 404 Not Found")
    assert count_documents([url, str(local), site.url("/missing")]) == len(items)


def test_watch_url_inputs_refuse_loopback_without_allow_private(site: LocalServer) -> None:
    url = site.url(ARTICLE_PATH)
    [item] = iter_documents([url])
    assert isinstance(item, IngestFailure)
    assert item.message == refusal(url)
    assert site.requests == []  # refused before any connection


@pytest.mark.model
def test_watch_url_inputs_extract_an_article_as_from_its_file(
    capsys: pytest.CaptureFixture[str], site: LocalServer
) -> None:
    url = site.url(ARTICLE_PATH)
    dated = ("--published", ARTICLE_PUBLISHED, "--format", "jsonl")
    fetched = run_cli(capsys, "extract", url, "--allow-private", *dated)
    assert fetched.code == 0, fetched.err
    assert_no_crash(fetched)
    from_file = run_cli(capsys, "extract", str(ARTICLE), *dated)
    by_url, by_path = json.loads(fetched.out), json.loads(from_file.out)
    assert by_url.pop("source") == {"path": None, "url": url, "format": "url"}
    by_path.pop("source")
    assert by_url == by_path  # same text, offsets, actors, quotes and events
    assert site.fetched() == [ARTICLE_PATH]


@pytest.mark.model
def test_watch_url_inputs_extract_refuses_loopback_without_allow_private(
    capsys: pytest.CaptureFixture[str], site: LocalServer
) -> None:
    url = site.url(ARTICLE_PATH)
    run = run_cli(capsys, "extract", url)
    assert run.code == 1
    assert_no_crash(run)
    assert json.loads(run.out) == {
        "id": None,
        "source": {"path": None, "url": url, "format": "url"},
        "errors": [{"stage": "ingest", "message": refusal(url)}],
    }
    assert site.requests == []


@pytest.mark.model
def test_watch_url_inputs_ingest_stores_pages_and_records_each_failure(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    site: LocalServer,
    tmp_path: Path,
) -> None:
    monkeypatch.setenv("DETENTE_MAX_FETCH_BYTES", str(HUGE_BYTES // 2))  # the same caps as watch
    db = tmp_path / "u.duckdb"
    urls = [site.url(ARTICLE_PATH), site.url("/huge"), site.url("/to-file"), site.url("/missing")]
    args = ("ingest", *urls, "--allow-private", "--db", str(db))

    first = run_cli(capsys, *args)
    assert_no_crash(first)
    assert first.code == 3  # the batch goes on past each failed URL
    assert counts(db) == (1, 1, 3)
    err = " ".join(first.err.split())
    assert f"[E124] {urls[1]}: the response is 200.0 KB, over the 100.0 KB download limit" in err
    assert f"[E120] {urls[2]}: only http and https URLs are fetched, not 'file'" in err
    assert f"[E126] {urls[3]}: HTTP 404 Not Found" in err

    again = run_cli(capsys, *args)
    assert again.code == 3  # fetch failures are tried again; the stored page is skipped
    assert counts(db) == (1, 1, 3)
    assert "already stored, skipped" in again.out


@pytest.mark.model
def test_watch_url_inputs_ingest_refuses_loopback_without_allow_private(
    capsys: pytest.CaptureFixture[str], site: LocalServer, tmp_path: Path
) -> None:
    url = site.url(ARTICLE_PATH)
    run = run_cli(capsys, "ingest", url, "--db", str(tmp_path / "u.duckdb"))
    assert run.code == 1
    assert_no_crash(run)
    assert refusal(url) in " ".join(run.err.split())
    assert site.requests == []
