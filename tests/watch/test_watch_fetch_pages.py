"""fetch_url against the local server: pages become RawDocuments, bad answers coded failures."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from watch_server import LOCAL, LocalServer

from detente.ingest.http import FetchPolicy, fetch_url, make_client
from detente.records import IngestFailure, RawDocument, Source


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with make_client(LOCAL) as made:
        yield made


def document(url: str, client: httpx.Client, policy: FetchPolicy = LOCAL) -> RawDocument:
    item = fetch_url(url, client, policy)
    assert isinstance(item, RawDocument), item
    return item


def failure_message(url: str, client: httpx.Client, policy: FetchPolicy = LOCAL) -> str:
    item = fetch_url(url, client, policy)
    assert isinstance(item, IngestFailure), item
    assert "\n" not in item.message
    assert item.stage == "ingest"
    return item.message


def test_an_html_page_becomes_a_raw_document(site: LocalServer, client: httpx.Client) -> None:
    url = site.url("/articles/geneva")
    page = document(url, client)
    assert page.source == Source(None, "url", url=url)
    assert page.source.key == url
    assert (page.kind, page.url, page.encoding) == ("html", url, "utf-8")
    assert "<p>The foreign ministers of both countries met on Tuesday" in page.content
    assert page.title is None and page.published is None  # the clean stage reads them


def test_the_declared_charset_decodes_the_page(site: LocalServer, client: httpx.Client) -> None:
    page = document(site.url("/articles/latin1"), client)
    assert page.encoding == "cp1252"  # iso-8859-1 as browsers read it (the ingest decoder)
    assert "Le café de la délégation." in page.content


def test_plain_text_is_kind_text(site: LocalServer, client: httpx.Client) -> None:
    page = document(site.url("/articles/plain"), client)
    assert (page.kind, page.content) == ("text", "Plain words.\n")


def test_a_redirect_chain_ends_at_the_final_url(site: LocalServer, client: httpx.Client) -> None:
    page = document(site.url("/hop/1"), client)
    final = site.url("/articles/summit")
    assert page.url == final and page.source == Source(None, "url", url=final)
    assert site.fetched() == ["/hop/1", "/hop/2", "/articles/summit"]


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/missing", "[E126] {url}: HTTP 404 Not Found from {url}; the page is gone or refused"),
        ("/broken", "[E126] {url}: HTTP 503 Service Unavailable from {url}; the server failed"),
        ("/no-location", "[E126] {url}: HTTP 302 Found from {url}; a redirect without a usable"),
        ("/image.png", "[E128] {url}: content type 'image/png' is not a web page or text;"),
        ("/blob", "[E103] {url}: looks binary (PNG image signature)"),
        ("/articles/empty", "[E102] {url}: empty input"),
    ],
)
def test_bad_answers_are_coded_failures(
    site: LocalServer, client: httpx.Client, path: str, expected: str
) -> None:
    url = site.url(path)
    assert failure_message(url, client).startswith(expected.format(url=url))


def test_a_refused_type_is_not_downloaded(site: LocalServer, client: httpx.Client) -> None:
    # The 50 KB cap would refuse the body; the type is refused first, from the headers.
    policy = FetchPolicy(max_bytes=10, allow_private=True)
    assert failure_message(site.url("/image.png"), client, policy).startswith("[E128]")
