"""Only public addresses are fetched unless allow_private: checked before every hop, and again
on the address a connection is really opened to (DNS rebinding)."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator

import httpx
import pytest
from watch_server import LOCAL, PUBLIC_ADDRESS, LocalServer, Resolver

from detente.ingest.http import (
    AddressRefusedError,
    FetchPolicy,
    address_problem,
    fetch_url,
    make_client,
)
from detente.records import IngestFailure, RawDocument

STRICT = FetchPolicy(timeout=2.0)
FIX = "only public addresses are fetched, pass --allow-private to fetch from your own network"


@pytest.fixture
def strict_client() -> Iterator[httpx.Client]:
    with make_client(STRICT) as made:
        yield made


def refusal(url: str, client: httpx.Client, policy: FetchPolicy = STRICT) -> str:
    item = fetch_url(url, client, policy)
    assert isinstance(item, IngestFailure), item
    assert item.message.startswith(f"[E121] {url}: refused ") and item.message.endswith(FIX)
    return item.message


@pytest.mark.parametrize(
    ("address", "problem"),
    [
        ("127.0.0.1", "loopback"),
        ("127.8.9.10", "loopback"),
        ("10.1.2.3", "private"),
        ("172.16.0.1", "private"),
        ("172.31.255.254", "private"),
        ("192.168.1.1", "private"),
        ("169.254.169.254", "link-local"),  # cloud metadata
        ("100.64.0.1", "carrier-grade NAT"),
        ("224.0.0.1", "multicast"),
        ("0.0.0.0", "unspecified"),
        ("255.255.255.255", "private"),
        ("198.18.0.1", "private"),  # benchmarking
        ("::1", "loopback"),
        ("::", "unspecified"),
        ("fc00::1", "private"),
        ("fd12:3456::1", "private"),
        ("fe80::1", "link-local"),
        ("fec0::1", "site-local"),
        ("ff02::1", "multicast"),
        ("::ffff:127.0.0.1", "loopback"),  # IPv4-mapped
        ("::ffff:10.0.0.1", "private"),
        ("::127.0.0.1", "loopback"),  # IPv4-compatible
        ("2002:a9fe:a9fe::", "link-local"),  # 6to4 of 169.254.169.254
        ("64:ff9b::a00:1", "private"),  # NAT64 of 10.0.0.1
        ("64:ff9b::7f00:1", "loopback"),  # NAT64 of 127.0.0.1
        ("64:ff9b::a9fe:a9fe", "link-local"),  # NAT64 of 169.254.169.254
        ("64:ff9b:1::1", "local-use NAT64"),  # RFC 8215: the operator's own network
        ("64:ff9b:1::808:808", "local-use NAT64"),  # refused whatever it embeds
        ("64:ff9b:1:ffff:ffff::1", "local-use NAT64"),
        ("::ffff:169.254.169.254", "link-local"),  # IPv4-mapped
        ("::ffff:0.0.0.0", "unspecified"),
        ("::ffff:0:7f00:1", "loopback"),  # SIIT IPv4-translated (::ffff:0:0:0/96) of 127.0.0.1
        ("::ffff:0:a00:1", "private"),
        ("::ffff:0:a9fe:a9fe", "link-local"),
        ("2001:db8::1", "private"),  # documentation
        ("8.8.8.8", None),
        ("93.184.216.34", None),
        ("172.32.0.1", None),
        ("2606:4700:4700::1111", None),
        ("::ffff:8.8.8.8", None),
        ("64:ff9b::808:808", None),
        ("::ffff:0:808:808", None),  # SIIT of a public address
        ("64:ff9b:2::1", None),  # just past the local-use NAT64 range: ordinary public space
    ],
)
def test_address_problems(address: str, problem: str | None) -> None:
    assert address_problem(ipaddress.ip_address(address)) == problem


def test_loopback_is_refused_without_the_flag(
    site: LocalServer, strict_client: httpx.Client
) -> None:
    url = site.url("/articles/geneva")
    assert refusal(url, strict_client) == (
        f"[E121] {url}: refused 127.0.0.1: it resolves to 127.0.0.1 (loopback address); {FIX}"
    )
    assert site.requests == []


def test_the_flag_allows_it(site: LocalServer) -> None:
    with make_client(LOCAL) as client:
        assert isinstance(fetch_url(site.url("/articles/geneva"), client, LOCAL), RawDocument)


def test_a_name_for_loopback_is_refused(site: LocalServer, strict_client: httpx.Client) -> None:
    url = f"http://localhost:{site.server_port}/articles/geneva"
    message = refusal(url, strict_client)
    assert "refused localhost: it resolves to " in message and "(loopback address);" in message
    assert site.requests == []


@pytest.mark.parametrize(
    "url",
    [
        "http://[::1]/",
        "http://[::ffff:127.0.0.1]/",
        "http://[::ffff:0:7f00:1]/",
        "http://[64:ff9b::7f00:1]/",
        "http://0.0.0.0/",
        "http://2130706433/",
    ],
)
def test_other_spellings_of_this_machine_are_refused(url: str, strict_client: httpx.Client) -> None:
    message = refusal(url, strict_client)
    assert "(loopback address);" in message or "(unspecified address);" in message


def test_one_private_address_among_public_ones_is_enough(
    resolver: Resolver, strict_client: httpx.Client
) -> None:
    resolver.add("mixed.test", [PUBLIC_ADDRESS, "10.0.0.7"])
    message = refusal("http://mixed.test/", strict_client)
    assert "refused mixed.test: it resolves to 10.0.0.7 (private address);" in message


def test_every_redirect_hop_is_checked(resolver: Resolver) -> None:
    """A public site that redirects into the private network: refused before the second
    request is sent. (A mock transport plays the public site: no test may leave 127.0.0.1.)"""
    resolver.add("news.test", [PUBLIC_ADDRESS])
    resolver.add("intranet.test", ["192.168.0.10"])
    sent: list[str] = []
    targets = {
        "/metadata": "http://169.254.169.254/latest/meta-data/",
        "/intranet": "http://intranet.test/admin",
        "/mapped": "http://[::ffff:127.0.0.1]:8080/",
    }

    def public_site(request: httpx.Request) -> httpx.Response:
        sent.append(str(request.url))
        return httpx.Response(302, headers={"Location": targets[request.url.path]})

    with httpx.Client(transport=httpx.MockTransport(public_site)) as client:
        for path, reason in [
            ("/metadata", "169.254.169.254 (link-local address), at redirect 1 to http://169."),
            ("/intranet", "192.168.0.10 (private address), at redirect 1 to http://intranet."),
            ("/mapped", "::ffff:7f00:1 (loopback address), at redirect 1 to http://[::ffff:127"),
        ]:
            assert f"resolves to {reason}" in refusal(f"http://news.test{path}", client)
    assert sent == [f"http://news.test{path}" for path in targets]


def test_a_name_that_rebinds_to_loopback_is_refused_at_connect(
    site: LocalServer, resolver: Resolver, strict_client: httpx.Client
) -> None:
    """Public at the check, loopback at the connection: the connection is refused, because the
    transport connects only to the addresses it has just vetted itself."""
    resolver.add("rebind.test", [PUBLIC_ADDRESS], ["127.0.0.1"])
    url = f"http://rebind.test:{site.server_port}/articles/geneva"
    message = refusal(url, strict_client)
    assert f"refused rebind.test: it resolves to 127.0.0.1 (loopback address); {FIX}" in message
    assert site.requests == []


def test_the_transport_guards_requests_made_without_fetch_url(
    site: LocalServer, strict_client: httpx.Client
) -> None:
    with pytest.raises(AddressRefusedError) as refused:
        strict_client.get(site.url("/articles/geneva"))
    assert (refused.value.address, refused.value.reason) == ("127.0.0.1", "loopback")
    assert site.requests == []
