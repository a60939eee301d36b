"""Fixtures of the watch tests: a real web server on 127.0.0.1, and a resolver that never
leaves the machine (names a test declares, "localhost" from /etc/hosts, numeric addresses; any
other name fails to resolve), so no test can reach the network."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest
from watch_server import LocalServer, Resolver


@pytest.fixture(scope="session")
def server() -> Iterator[LocalServer]:
    local = LocalServer()
    thread = threading.Thread(target=local.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield local
    local.stopping.set()
    local.shutdown()
    local.server_close()


@pytest.fixture
def site(server: LocalServer) -> LocalServer:
    """The server with its request log emptied."""
    server.requests.clear()
    return server


@pytest.fixture(autouse=True)
def resolver(monkeypatch: pytest.MonkeyPatch) -> Resolver:
    fake = Resolver(real=socket.getaddrinfo)
    monkeypatch.setattr(socket, "getaddrinfo", fake.getaddrinfo)
    return fake
