"""fetch_url's limits: size, redirects, time, schemes and malformed URLs, each a coded line."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest
from watch_server import LOCAL, LocalServer

from detente.ingest.http import FetchPolicy, fetch_url, make_client
from detente.records import IngestFailure

QUICK = FetchPolicy(timeout=0.4, max_bytes=50_000, allow_private=True)


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with make_client(LOCAL) as made:
        yield made


def failure_message(url: str, client: httpx.Client, policy: FetchPolicy = LOCAL) -> str:
    item = fetch_url(url, client, policy)
    assert isinstance(item, IngestFailure), item
    assert "\n" not in item.message
    assert item.source.url == url and item.source.format == "url"
    return item.message


def test_a_body_over_the_cap_is_refused_by_its_length(
    site: LocalServer, client: httpx.Client
) -> None:
    url = site.url("/huge")
    assert failure_message(url, client) == (
        f"[E124] {url}: the response is 200.0 KB, over the 50.0 KB download limit; raise "
        "DETENTE_MAX_FETCH_BYTES to fetch it"
    )


def test_a_body_without_length_is_cut_at_the_cap(site: LocalServer, client: httpx.Client) -> None:
    url = site.url("/huge-stream")
    assert failure_message(url, client).startswith(
        f"[E124] {url}: the response is more than 50.0 KB, over the 50.0 KB download limit;"
    )


def test_redirects_are_capped(site: LocalServer, client: httpx.Client) -> None:
    url = site.url("/loop/0")
    message = failure_message(url, client)
    assert message.startswith(f"[E123] {url}: more than 3 redirects (the last one to ")
    assert site.url("/loop/4") in message
    assert site.fetched() == ["/loop/0", "/loop/1", "/loop/2", "/loop/3"]


def test_a_slow_server_times_out(site: LocalServer, client: httpx.Client) -> None:
    url = site.url("/slow")
    started = time.monotonic()
    message = failure_message(url, client, QUICK)
    assert time.monotonic() - started < 1.0
    assert message == (
        f"[E125] {url}: timed out after 0.4 s while waiting for the server; the server is slow "
        "or down, try again later or raise DETENTE_FETCH_TIMEOUT"
    )


def test_a_trickling_body_hits_the_deadline_of_the_whole_fetch(
    site: LocalServer, client: httpx.Client
) -> None:
    url = site.url("/drip")  # a byte every 0.1 s: no single read ever waits 0.4 s
    started = time.monotonic()
    message = failure_message(url, client, QUICK)
    assert time.monotonic() - started < 1.0
    assert message.startswith(f"[E125] {url}: timed out after 0.4 s while downloading;")


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "file:///etc/passwd",
            "[E120] file:///etc/passwd: only http and https URLs are fetched, "
            "not 'file'; give a web address",
        ),
        (
            "ftp://ftp.example.org/x",
            "[E120] ftp://ftp.example.org/x: only http and https URLs "
            "are fetched, not 'ftp'; give a web address",
        ),
        (
            "example.org/news",
            "[E129] example.org/news: not a valid URL (no scheme such as "
            "https://); give a full address such as https://example.org/news",
        ),
        ("http:///path", "[E129] http:///path: not a valid URL (no host);"),
        ("http://[zz]/", "[E129] http://[zz]/: not a valid URL (Invalid IPv6 address: '[zz]');"),
        (
            "http://example.org:abc/",
            "[E129] http://example.org:abc/: not a valid URL (Invalid port",
        ),
        ("http://[::1", "[E129] http://[::1: not a valid URL (Invalid port: ':1');"),
        (
            "http://xn--ls8h.la/",  # punycode of a character IDNA does not allow
            "[E129] http://xn--ls8h.la/: not a valid URL (InvalidCodepoint: Codepoint U+1F4A9",
        ),
        (
            "http://example.org:99999/",
            "[E129] http://example.org:99999/: not a valid URL (port 99999 is out of range);",
        ),
    ],
)
def test_only_web_urls_are_fetched(client: httpx.Client, url: str, expected: str) -> None:
    assert failure_message(url, client).startswith(expected)


def test_a_redirect_to_another_scheme_is_refused(site: LocalServer, client: httpx.Client) -> None:
    url = site.url("/to-file")
    assert failure_message(url, client) == (
        f"[E120] {url}: only http and https URLs are fetched, not 'file', at redirect 1 to "
        "file:///etc/passwd; give a web address"
    )


@pytest.mark.parametrize(
    ("path", "detail"),
    [
        ("/to-bad-location", "redirect to a bad URL: Invalid IPv6 URL"),
        ("/to-bad-idna", "redirect to a bad URL: InvalidCodepoint: Codepoint U+1F4A9 at position"),
    ],
)
def test_a_redirect_to_a_malformed_url_is_a_coded_failure(
    site: LocalServer, client: httpx.Client, path: str, detail: str
) -> None:
    url = site.url(path)
    assert failure_message(url, client).startswith(f"[E129] {url}: not a valid URL ({detail}")


def test_an_unknown_host_is_a_coded_failure(client: httpx.Client) -> None:
    url = "http://nowhere.test/news"
    message = failure_message(url, client, FetchPolicy())
    assert message.startswith(f"[E122] {url}: cannot resolve host 'nowhere.test' (gaierror: ")


def test_a_closed_port_is_a_coded_failure(client: httpx.Client) -> None:
    url = "http://127.0.0.1:9/"  # discard: nothing listens there
    assert failure_message(url, client).startswith(f"[E127] {url}: cannot connect (ConnectError: ")
