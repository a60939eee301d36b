"""HTTPS through the guarded transport: the socket goes to the vetted address, while TLS still
sends the host name as SNI and checks the certificate against it."""

from __future__ import annotations

import ssl
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from watch_server import LOCAL, LocalServer, Resolver

from detente.ingest.http import GuardedTransport, fetch_url
from detente.records import IngestFailure, RawDocument

# A self-signed certificate for the name "secure.test" only (no IP address in it), with its key.
CERTIFICATE = Path(__file__).with_name("secure_test_tls.pem")


@pytest.fixture(scope="module")
def tls_server() -> Iterator[LocalServer]:
    server_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_context.load_cert_chain(CERTIFICATE)
    local = LocalServer()
    local.socket = server_context.wrap_socket(local.socket, server_side=True)
    thread = threading.Thread(target=local.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield local
    local.shutdown()
    local.server_close()


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    trusting = ssl.create_default_context(cafile=CERTIFICATE)
    transport = GuardedTransport(allow_private=True, ssl_context=trusting)
    with httpx.Client(transport=transport) as made:
        yield made


def test_https_by_name_reaches_the_vetted_address(
    tls_server: LocalServer, resolver: Resolver, client: httpx.Client
) -> None:
    resolver.add("secure.test", ["127.0.0.1"])
    url = f"https://secure.test:{tls_server.server_port}/articles/geneva"
    page = fetch_url(url, client, LOCAL)
    assert isinstance(page, RawDocument), page
    assert page.url == url and "The foreign ministers" in page.content


def test_the_certificate_is_checked_against_the_name_not_the_address(
    tls_server: LocalServer, client: httpx.Client
) -> None:
    url = f"https://127.0.0.1:{tls_server.server_port}/articles/geneva"
    item = fetch_url(url, client, LOCAL)
    assert isinstance(item, IngestFailure)
    assert item.message.startswith(f"[E127] {url}: cannot connect (ConnectError: [SSL: ")
    assert "certificate is not valid for '127.0.0.1'" in item.message
