"""The watch tests' web server (real, on 127.0.0.1, an ephemeral port) and its pages."""

from __future__ import annotations

import socket
import socketserver
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import duckdb

from detente.ingest.http import FetchPolicy
from shared_data import ARTICLE

PUBLIC_ADDRESS = "93.184.216.34"  # resolved to in tests, never connected to
HUGE_BYTES = 200_000
SLOW_SECONDS = 1.5
DRIP_SECONDS = 3.0
# Small limits keep the suite fast; allow_private is the one way to reach 127.0.0.1.
LOCAL = FetchPolicy(timeout=2.0, max_bytes=50_000, max_redirects=3, allow_private=True)

PARAGRAPHS = (
    "The foreign ministers of both countries met on Tuesday to discuss the renewal of the arms "
    "control treaty, which expires at the end of the year without an agreement on inspections.",
    "Officials said the talks were frank and constructive, and that working groups would meet "
    "again next month in Vienna to draft the text of a joint statement on verification.",
    "Neither side commented on the reports of troop movements near the border, which "
    "analysts said had overshadowed the preparations for the meeting for several weeks.",
)


def page(heading: str | None = None, head: str = "") -> bytes:
    """An article page; without `heading` and `head` it declares no title, date or author."""
    title = f"<h1>{heading}</h1>" if heading else ""
    body = "".join(f"<p>{text}</p>" for text in PARAGRAPHS)
    return (
        f"<!DOCTYPE html><html><head>{head}</head><body><article>{title}{body}"
        "</article></body></html>"
    ).encode()


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>
<title>World News</title><link>{base}/</link>
<item><title>Leaders meet in Geneva</title><link>/articles/geneva</link>
<pubDate>Tue, 03 Jun 2025 14:20:00 GMT</pubDate><dc:creator>Anna Petrova</dc:creator></item>
<item><title>Talks resume (feed headline)</title><link>{base}/articles/talks</link>
<pubDate>Thu, 05 Jun 2025 09:00:00 GMT</pubDate></item>
<item><title>Summit set</title><link>/hop/1</link></item>
<item><title>Leaders meet in Geneva again</title><link>/articles/geneva</link></item>
<item><title>No link at all</title><guid isPermaLink="false">item-5</guid></item>
<item><title>Gone</title><link>/missing</link></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Diplomacy</title><id>urn:feed</id>
<updated>2025-06-06T10:00:00Z</updated>
<entry><title>Envoy named</title><id>urn:uuid:1</id><link href="{base}/articles/envoy"/>
<published>2025-06-06T08:00:00Z</published><author><name>John Smith</name></author></entry>
<entry><title>Geneva, seen from Atom</title><id>urn:uuid:2</id>
<link href="{base}/articles/geneva"/><updated>2025-06-03T15:00:00Z</updated></entry>
</feed>"""

# One publisher's typos: links that are no URL, and redirects to such links; the good entry
# must still be fetched.
HOSTILE_RSS = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Hostile</title>
<item><title>Typo</title><guid isPermaLink="false">typo-1</guid><link>http://[oops/</link></item>
<item><title>Typo too</title><guid isPermaLink="false">typo-2</guid><link>http://[::1</link></item>
<item><title>Redirect to a typo</title><link>/to-bad-location</link></item>
<item><title>Redirect to a bad IDNA host</title><link>/to-bad-idna</link></item>
<item><title>Leaders meet in Geneva</title><link>/articles/geneva</link></item>
</channel></rss>"""

TALKS_HEAD = (
    "<title>Talks resume in Vienna</title>"
    '<meta property="article:published_time" content="2025-06-04T07:00:00Z">'
)
LATIN1 = (
    '<html><head><meta charset="iso-8859-1"><title>Caf\xe9</title></head><body><p>'
    "Le caf\xe9 de la d\xe9l\xe9gation.</p></body></html>"
).encode("latin-1")
HTML = "text/html; charset=utf-8"
# path → (status, headers, body); dynamic answers are in Handler.do_GET
STATIC: dict[str, tuple[int, dict[str, str], bytes]] = {
    "/articles/geneva": (200, {"Content-Type": HTML}, page()),
    "/articles/talks": (200, {"Content-Type": HTML}, page("Talks resume in Vienna", TALKS_HEAD)),
    "/articles/summit": (200, {"Content-Type": HTML}, page("Summit set for July")),
    "/articles/envoy": (200, {"Content-Type": HTML}, page()),
    "/articles/plain": (200, {"Content-Type": "text/plain"}, b"Plain words.\n"),
    "/examples/rbth_russia_nato.txt": (
        200,
        {"Content-Type": "text/plain; charset=utf-8"},
        ARTICLE.read_bytes(),
    ),
    "/articles/latin1": (200, {"Content-Type": "text/html; charset=iso-8859-1"}, LATIN1),
    "/articles/empty": (200, {"Content-Type": HTML}, b"   \n"),
    "/image.png": (200, {"Content-Type": "image/png"}, b"\x89PNG\r\n\x1a\n" + bytes(100)),
    "/blob": (200, {"Content-Type": "application/octet-stream"}, b"\x89PNG\r\n\x1a\n" + bytes(9)),
    "/hop/1": (302, {"Location": "/hop/2"}, b""),
    "/hop/2": (301, {"Location": "{base}/articles/summit"}, b""),
    "/to-file": (302, {"Location": "file:///etc/passwd"}, b""),
    "/no-location": (302, {}, b""),
    "/to-bad-location": (302, {"Location": "http://[oops/"}, b""),
    "/to-bad-idna": (302, {"Location": "http://xn--ls8h.la/"}, b""),
    "/hostile.xml": (200, {"Content-Type": "application/rss+xml"}, HOSTILE_RSS),
    "/missing": (404, {"Content-Type": HTML}, b"<p>not here</p>"),
    "/broken": (503, {"Content-Type": HTML}, b"<p>down</p>"),
    "/huge": (200, {"Content-Type": HTML}, b"<p>" + b"x" * HUGE_BYTES + b"</p>"),
    "/not-a-feed": (200, {"Content-Type": HTML}, page("Just a page")),
}


class Handler(BaseHTTPRequestHandler):
    server: LocalServer

    def do_GET(self) -> None:
        self.server.requests.append(self.path)
        base = f"http://{self.headers['Host']}"
        try:
            if self.path in STATIC:
                status, headers, body = STATIC[self.path]
                headers = {k: v.replace("{base}", base) for k, v in headers.items()}
                self._answer(status, headers, body)
            elif self.path == "/rss.xml":
                body = RSS.format(base=base).encode()
                self._answer(200, {"Content-Type": "application/rss+xml"}, body)
            elif self.path == "/atom.xml":
                body = ATOM.format(base=base).encode()
                self._answer(200, {"Content-Type": "application/atom+xml"}, body)
            elif self.path.startswith("/loop/"):
                number = int(self.path.rsplit("/", 1)[1])
                self._answer(302, {"Location": f"/loop/{number + 1}"}, b"")
            elif self.path == "/huge-stream":  # no Content-Length: the cap must count bytes
                self._stream(b"x" * 10_000 for _ in range(HUGE_BYTES // 10_000))
            elif self.path == "/slow":
                self.server.stopping.wait(SLOW_SECONDS)
                self._answer(200, {"Content-Type": HTML}, page("Late"))
            elif self.path == "/drip":  # each byte in time, the whole far too late
                self._stream(self._drip())
            else:
                self._answer(404, {}, b"")
        except (BrokenPipeError, ConnectionResetError):  # the client gave up, as tested
            pass

    def _drip(self) -> Iterator[bytes]:
        deadline = time.monotonic() + DRIP_SECONDS
        while time.monotonic() < deadline and not self.server.stopping.wait(0.1):
            yield b"x"

    def _answer(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.send_response(status)
        for name, value in {"Content-Length": str(len(body)), **headers}.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _stream(self, chunks: Iterator[bytes]) -> None:
        self.send_response(200)
        self.send_header("Content-Type", HTML)
        self.end_headers()  # HTTP/1.0: the body ends when the connection closes
        for chunk in chunks:
            self.wfile.write(chunk)
            self.wfile.flush()

    def log_message(self, format: str, *args: Any) -> None:
        pass


class LocalServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        self.requests: list[str] = []
        self.stopping = threading.Event()
        super().__init__(("127.0.0.1", 0), Handler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind looks up the host's FQDN (a reverse DNS query): skip it.
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = "127.0.0.1", self.server_address[1]

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_port}{path}"

    def fetched(self, prefix: str = "/") -> list[str]:
        """Paths requested so far that start with `prefix`."""
        return [path for path in self.requests if path.startswith(prefix)]


@dataclass
class Resolver:
    """socket.getaddrinfo for the tests: declared names get their answers (several answers are
    served one per look-up, the last one stays), "localhost" comes from /etc/hosts, numeric
    addresses parse, and any other name fails without a DNS query."""

    real: Callable[..., list[Any]]
    answers: dict[str, list[list[str]]] = field(default_factory=dict)

    def add(self, host: str, *answers: list[str]) -> None:
        self.answers[host] = list(answers)

    def getaddrinfo(
        self, host: Any, port: Any, family: int = 0, type: int = 0, proto: int = 0, flags: int = 0
    ) -> list[Any]:
        name = host.decode() if isinstance(host, bytes) else host
        queue = self.answers.get(name)
        if queue:
            return [
                _address_info(address, int(port))
                for address in (queue.pop(0) if len(queue) > 1 else queue[0])
            ]
        if name != "localhost":
            flags |= socket.AI_NUMERICHOST
        return self.real(host, port, family, type, proto, flags)


def _address_info(address: str, port: int) -> tuple[Any, ...]:
    if ":" in address:
        return (socket.AF_INET6, socket.SOCK_STREAM, 6, "", (address, port, 0, 0))
    return (socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))


def counts(db: Path) -> tuple[int, int, int]:
    """Rows in the documents, sources and errors tables of the store at `db`."""
    with duckdb.connect(str(db), read_only=True) as con:
        row = con.execute(
            "select (select count(*) from documents), (select count(*) from sources), "
            "(select count(*) from errors)"
        ).fetchone()
    assert row is not None
    return row
