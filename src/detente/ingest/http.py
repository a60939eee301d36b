"""Fetching web pages safely: a URL → RawDocument | IngestFailure.

Rules: http and https only; every address a host resolves to must be public (loopback, private,
link-local including cloud metadata, carrier-grade NAT, multicast, unspecified and reserved
addresses are refused, IPv6 and IPv4-in-IPv6 forms alike) unless `allow_private`; redirects are
followed one hop at a time, each hop checked the same way, at most `max_redirects`; the body is
streamed and dropped past `max_bytes`; one fetch, redirects included, gets `timeout` seconds
(each network wait is also capped by it, so a stalled read ends within twice that).

The address check runs twice. Before each request, so that a refusal names the URL and the hop.
Then, for a client from `make_client`, again when a connection is opened: the connection goes to
the very addresses just vetted, never to a name resolved anew. That closes DNS rebinding (a name
that is public for the first look-up and 127.0.0.1 for the next). A client not made by
`make_client` gets the first check only and stays open to rebinding between check and connect.
"""

from __future__ import annotations

import functools
import ipaddress
import socket
import ssl
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

import httpcore
import httpx

from detente.errors import Errors
from detente.ingest.decode import binary_reason, charset_from_content_type
from detente.ingest.documents import failure, one_line, text_document
from detente.ingest.feeds import WEB_SCHEMES
from detente.ingest.sniff import looks_like_html
from detente.ingest.streams import format_size
from detente.ingest.warc import HTML_TYPES, SNIFFED_TYPES
from detente.records import ContentKind, IngestFailure, RawDocument, Source, SourceFormat
from detente.settings import Settings

__all__ = [
    "FEED_ACCEPT",
    "PAGE_ACCEPT",
    "AddressRefusedError",
    "Download",
    "FetchPolicy",
    "GuardedTransport",
    "address_problem",
    "download",
    "fetch_url",
    "make_client",
    "page_fetcher",
]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

PAGE_ACCEPT = "text/html, application/xhtml+xml, text/plain;q=0.9, */*;q=0.5"
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
DEFAULT_PORTS = {"http": 80, "https": 443}
MAX_PORT = 65_535
CARRIER_GRADE_NAT = ipaddress.ip_network("100.64.0.0/10")
# IPv6 ranges whose low 32 bits are the IPv4 address a connection really goes to.
IPV4_TRANSLATED = (
    ipaddress.ip_network("64:ff9b::/96"),  # NAT64, the well-known prefix (RFC 6052)
    ipaddress.ip_network("::ffff:0:0:0/96"),  # SIIT IPv4-translated (RFC 2765)
)
# NAT64 prefixes an operator picks inside its own network (RFC 8215); where the IPv4 address
# sits depends on the prefix length, unknown here, so the whole range is refused.
LOCAL_NAT64 = ipaddress.ip_network("64:ff9b:1::/48")
IPV4_BITS = 0xFFFF_FFFF


@dataclass(frozen=True, slots=True)
class FetchPolicy:
    timeout: float = 20.0  # seconds for a whole fetch, redirects included
    max_bytes: int = 5_000_000  # of decoded body
    max_redirects: int = 5
    allow_private: bool = False  # fetch from loopback and private networks too
    user_agent: str = "detente/0.1 (+offline-first)"

    @classmethod
    def from_settings(cls, settings: Settings, *, allow_private: bool = False) -> FetchPolicy:
        """The caps DETENTE_FETCH_TIMEOUT and DETENTE_MAX_FETCH_BYTES set: every command that
        fetches (`watch`, and `extract` and `ingest` given URLs) builds its policy here."""
        return cls(
            timeout=settings.fetch_timeout,
            max_bytes=settings.max_fetch_bytes,
            allow_private=allow_private,
        )


@dataclass(frozen=True, slots=True)
class Download:
    """A fetched body: the URL it came from after redirects, its bytes and its content type."""

    url: str
    content: bytes
    content_type: str


class AddressRefusedError(Exception):
    """A host resolves to an address the policy refuses (raised inside the transport too)."""

    def __init__(self, host: str, address: str, reason: str) -> None:
        super().__init__(f"{host} resolves to {address} ({reason} address)")
        self.host = host
        self.address = address
        self.reason = reason


class _Refusal(Exception):
    """Why one fetch fails, as a coded template and its fields; `download` turns it into an
    IngestFailure named by the URL the caller asked for."""

    def __init__(self, template: str, fields: dict[str, Any]) -> None:
        super().__init__(template)
        self.template = template
        self.fields = fields


def address_problem(address: IPAddress) -> str | None:
    """Why a fetch may not go to this address ("loopback", "private", ...); None when public."""
    embedded = _embedded_ipv4(address)
    if embedded is not None:
        return address_problem(embedded)
    if address in LOCAL_NAT64:
        return "local-use NAT64"
    if address.is_unspecified:
        return "unspecified"
    if address.is_loopback:
        return "loopback"
    if address.is_link_local:
        return "link-local"
    if address.is_multicast:
        return "multicast"
    if address in CARRIER_GRADE_NAT:
        return "carrier-grade NAT"
    if address.is_private:
        return "private"
    if isinstance(address, ipaddress.IPv6Address) and address.is_site_local:
        return "site-local"
    if not address.is_global:
        return "reserved"
    return None


def _embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one stands for (mapped ::ffff:a.b.c.d, translated
    ::ffff:0:a.b.c.d, 6to4, NAT64 64:ff9b::a.b.c.d, the old compatible ::a.b.c.d), which is
    where a connection to it really goes."""
    if isinstance(address, ipaddress.IPv4Address):
        return None
    if address.ipv4_mapped is not None:
        return address.ipv4_mapped
    if address.sixtofour is not None:
        return address.sixtofour
    translated = any(address in network for network in IPV4_TRANSLATED)
    if translated or 1 < int(address) <= IPV4_BITS:
        return ipaddress.IPv4Address(int(address) & IPV4_BITS)
    return None


def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address `host` resolves to, in the resolver's order, each once."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(ipaddress.ip_address(info[4][0]) for info in infos))


def vetted_addresses(host: str, port: int, *, allow_private: bool) -> list[IPAddress]:
    """The addresses of `host`; raises AddressRefusedError when any of them is not public."""
    addresses = resolve(host, port)
    if not allow_private:
        for address in addresses:
            reason = address_problem(address)
            if reason is not None:
                raise AddressRefusedError(host, str(address), reason)
    return addresses


class _GuardedBackend(httpcore.SyncBackend):
    """Opens TCP connections only to addresses vetted in the same step (no second look-up)."""

    def __init__(self, *, allow_private: bool) -> None:
        self._allow_private = allow_private

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        try:
            addresses = vetted_addresses(host, port, allow_private=self._allow_private)
        except (OSError, UnicodeError) as exc:
            raise httpcore.ConnectError(f"cannot resolve {host}: {exc}") from exc
        last_error: httpcore.ConnectError | httpcore.ConnectTimeout | None = None
        for address in addresses:  # like socket.create_connection: first one that answers
            try:
                return super().connect_tcp(
                    str(address), port, timeout, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                last_error = exc
        raise last_error or httpcore.ConnectError(f"{host} has no address")


class GuardedTransport(httpx.HTTPTransport):
    """httpx's transport with connections opened through the address guard; ignores proxy
    settings from the environment (a proxy would connect on our behalf, unchecked). TLS still
    checks the certificate against the host name (and sends it as SNI), not the address.
    `ssl_context` replaces the default one (certifi's CAs), e.g. for a company CA."""

    def __init__(self, *, allow_private: bool, ssl_context: ssl.SSLContext | None = None) -> None:
        context = ssl_context or _default_ssl_context()
        super().__init__(verify=context, trust_env=False)
        # httpx 0.28 takes no network backend, so the pool it built is replaced by one that has
        # ours; test_watch_address_guard checks that the guard really runs at connect time.
        self._pool = httpcore.ConnectionPool(
            ssl_context=context,
            network_backend=_GuardedBackend(allow_private=allow_private),
        )


@functools.cache
def _default_ssl_context() -> ssl.SSLContext:
    """httpx's default verifying context (certifi's CAs); loading them takes a tenth of a
    second, so every client shares one."""
    return httpx.create_ssl_context(trust_env=False)


def make_client(policy: FetchPolicy) -> httpx.Client:
    """An httpx client that applies the policy's address rule to every connection it opens."""
    return httpx.Client(
        transport=GuardedTransport(allow_private=policy.allow_private),
        headers={"User-Agent": policy.user_agent},
        timeout=policy.timeout,
        follow_redirects=False,
        trust_env=False,
    )


@contextmanager
def page_fetcher(policy: FetchPolicy) -> Iterator[Callable[[str], RawDocument | IngestFailure]]:
    """`fetch_url` over one client made by `make_client`, closed on exit."""
    with make_client(policy) as client:
        yield functools.partial(fetch_url, client=client, policy=policy)


def fetch_url(url: str, client: httpx.Client, policy: FetchPolicy) -> RawDocument | IngestFailure:
    """The page at `url` as a RawDocument (kind from the content type, sniffed when vague), or a
    coded IngestFailure; never raises for a bad URL, address, server or body."""
    fetched = download(url, client, policy, accept=PAGE_ACCEPT, accepts_type=_may_be_page)
    if isinstance(fetched, IngestFailure):
        return fetched
    source = Source(None, "url", url=fetched.url)
    reason = binary_reason(fetched.content)
    if reason:
        return failure(source, Errors.E103, reason=reason)
    mime = _mime(fetched.content_type)
    kind: ContentKind = "html" if mime in HTML_TYPES or looks_like_html(fetched.content) else "text"
    declared = charset_from_content_type(fetched.content_type)
    return text_document(fetched.content, source, kind, declared_charset=declared)


def download(
    url: str,
    client: httpx.Client,
    policy: FetchPolicy,
    *,
    accept: str,
    accepts_type: Callable[[str], bool] | None = None,
    source_format: SourceFormat = "url",
) -> Download | IngestFailure:
    """The body at `url` after redirects, under the policy. `accepts_type(mime)` false refuses the
    response before its body is read. A failure's Source is `url` with `source_format`."""
    deadline = time.monotonic() + policy.timeout
    try:
        return _follow(url, client, policy, accept, accepts_type, deadline)
    except _Refusal as refusal:
        source = Source(None, source_format, url=url)
        return failure(source, refusal.template, **refusal.fields)


def _follow(
    url: str,
    client: httpx.Client,
    policy: FetchPolicy,
    accept: str,
    accepts_type: Callable[[str], bool] | None,
    deadline: float,
) -> Download:
    current = url
    headers = {"User-Agent": policy.user_agent, "Accept": accept}
    for hop in range(policy.max_redirects + 1):
        via = f", at redirect {hop} to {current}" if hop else ""
        target = _checked_url(current, via, policy)
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise _Refusal(Errors.E125, {"seconds": policy.timeout, "phase": "redirecting"})
        request = client.build_request("GET", target, headers=headers, timeout=remaining)
        try:
            response = client.send(request, stream=True, follow_redirects=False)
        except AddressRefusedError as refused:
            raise _refused(refused, via) from None
        except httpx.TimeoutException as exc:
            raise _timed_out(exc, policy) from None
        except UnicodeError as exc:
            # httpx builds the request a Location points to even when not following it, and
            # decoding its IDNA host ("xn--ls8h.la") can fail there; the URL is vetted already.
            detail = f"redirect to a bad URL: {_describe(exc)}{via}"
            raise _Refusal(Errors.E129, {"detail": detail}) from None
        except httpx.HTTPError as exc:
            raise _Refusal(Errors.E127, {"hop": via, "detail": _describe(exc)}) from None
        try:
            if response.status_code in REDIRECT_STATUSES and "Location" in response.headers:
                current = _redirect_target(response)
                continue
            if not response.is_success:
                raise _Refusal(Errors.E126, _status_fields(response))
            content_type = response.headers.get("Content-Type", "")
            if accepts_type is not None and not accepts_type(_mime(content_type)):
                raise _Refusal(Errors.E128, {"mime": _mime(content_type)})
            content = _read_capped(response, policy, deadline)
            return Download(str(response.url), content, content_type)
        finally:
            response.close()
    raise _Refusal(Errors.E123, {"limit": policy.max_redirects, "location": current})


def _checked_url(url: str, via: str, policy: FetchPolicy) -> httpx.URL:
    """`url` parsed, with a web scheme, and (unless allowed) a host with public addresses only."""
    try:
        target = httpx.URL(url)
        host = target.host  # an IDNA host ("xn--...") is decoded, and may fail, only here
    except httpx.InvalidURL as exc:
        raise _Refusal(Errors.E129, {"detail": f"{exc}{via}"}) from None
    except UnicodeError as exc:  # idna.IDNAError, or a lone surrogate that cannot be encoded
        raise _Refusal(Errors.E129, {"detail": f"{_describe(exc)}{via}"}) from None
    if not target.scheme:
        raise _Refusal(Errors.E129, {"detail": f"no scheme such as https://{via}"})
    if target.scheme not in WEB_SCHEMES:
        raise _Refusal(Errors.E120, {"scheme": target.scheme, "hop": via})
    if not host:
        raise _Refusal(Errors.E129, {"detail": f"no host{via}"})
    if target.port is not None and not 0 < target.port <= MAX_PORT:
        raise _Refusal(Errors.E129, {"detail": f"port {target.port} is out of range{via}"})
    if not policy.allow_private:
        host = target.raw_host.decode("ascii")
        try:
            vetted_addresses(host, target.port or DEFAULT_PORTS[target.scheme], allow_private=False)
        except AddressRefusedError as refused:
            raise _refused(refused, via) from None
        except (OSError, UnicodeError) as exc:
            fields = {"host": host, "hop": via, "detail": _describe(exc)}
            raise _Refusal(Errors.E122, fields) from None
    return target


def _redirect_target(response: httpx.Response) -> str:
    """The Location, resolved against the URL that answered (urljoin keeps it as written,
    where httpx would rewrite file:///x as file:/x)."""
    try:
        return urljoin(str(response.url), response.headers["Location"])
    except ValueError as exc:
        raise _Refusal(Errors.E129, {"detail": f"redirect to a bad URL: {exc}"}) from None


def _read_capped(response: httpx.Response, policy: FetchPolicy, deadline: float) -> bytes:
    """The decoded body, refused once it passes max_bytes (counted after decompression, so a
    small gzip bomb is stopped too) or the fetch's deadline."""
    limit = format_size(policy.max_bytes)
    declared = response.headers.get("Content-Length", "")
    if declared.isdigit() and int(declared) > policy.max_bytes:
        raise _Refusal(Errors.E124, {"size": format_size(int(declared)), "limit": limit})
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in response.iter_bytes():
            size += len(chunk)
            if size > policy.max_bytes:
                raise _Refusal(Errors.E124, {"size": f"more than {limit}", "limit": limit})
            if time.monotonic() > deadline:
                raise _Refusal(Errors.E125, {"seconds": policy.timeout, "phase": "downloading"})
            chunks.append(chunk)
    except httpx.TimeoutException as exc:
        raise _timed_out(exc, policy) from None
    except httpx.HTTPError as exc:
        raise _Refusal(Errors.E127, {"hop": "", "detail": _describe(exc)}) from None
    return b"".join(chunks)


def _may_be_page(mime: str) -> bool:
    """Whether a response of this type may be a page: HTML, any text, or unlabelled."""
    return mime in HTML_TYPES or mime in SNIFFED_TYPES or mime.startswith("text/")


def _mime(content_type: str) -> str:
    return content_type.partition(";")[0].strip().lower()


def _refused(refused: AddressRefusedError, via: str) -> _Refusal:
    fields = {"host": refused.host, "address": refused.address, "reason": refused.reason}
    return _Refusal(Errors.E121, {**fields, "hop": via})


def _timed_out(exc: httpx.TimeoutException, policy: FetchPolicy) -> _Refusal:
    phase = {
        httpx.ConnectTimeout: "connecting",
        httpx.PoolTimeout: "waiting for a free connection",
        httpx.WriteTimeout: "sending the request",
    }.get(type(exc), "waiting for the server")
    return _Refusal(Errors.E125, {"seconds": policy.timeout, "phase": phase})


def _status_fields(response: httpx.Response) -> dict[str, Any]:
    status = response.status_code
    if 400 <= status < 500:
        advice = "the page is gone or refused, check that the address is still right"
    elif status >= 500:
        advice = "the server failed, try again later"
    else:
        advice = "a redirect without a usable Location or an unusual status; open it in a browser"
    reason = response.reason_phrase or "(no reason given)"
    return {"status": status, "reason": reason, "url": response.url, "advice": advice}


def _describe(exc: BaseException) -> str:
    detail = one_line(str(exc))
    return f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
