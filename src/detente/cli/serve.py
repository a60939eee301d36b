"""`detente serve`: the REST API and the dashboard over a database, on a loopback address.

Reads need no token, so the server listens on loopback unless --public says otherwise (and then
anyone who reaches it reads the database). Writing (POST /api/documents) needs the token held
in the environment variable --token-env names; without it the server is read-only.

The address is bound before the banner is printed and handed to uvicorn as a socket, so a port
in use is one coded line (E951, exit 101), not a banner and then uvicorn's exit 3.
"""

from __future__ import annotations

import ipaddress
import os
import socket
from typing import Annotated

import typer

from detente.cli.options import DbOption
from detente.errors import ApiError, Errors
from detente.settings import Settings

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "[::1]")


def serve(
    db: DbOption = None,
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (loopback unless --public).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="TCP port.")] = 8000,
    token_env: Annotated[
        str,
        typer.Option(
            "--token-env",
            help="Environment variable holding the ingest token: when it is set, POST "
            "/api/documents with `Authorization: Bearer TOKEN` stores documents; when it is not, "
            "the server is read-only.",
            metavar="VAR",
        ),
    ] = "DETENTE_API_TOKEN",
    public: Annotated[
        bool,
        typer.Option(
            "--public", help="Allow a --host that is not loopback: anyone who reaches it can read."
        ),
    ] = False,
) -> None:
    """Serve the REST API (/api, schema at /openapi.json) and the web dashboard (/)."""
    import uvicorn

    from detente.api import create_app
    from detente.store import open_store

    settings = Settings.from_env(db=db)
    if not public and not is_loopback(host):
        raise ApiError(Errors.E940.format(host=host))
    token = os.environ.get(token_env)
    if token is not None and not token.strip():
        raise ApiError(Errors.E941.format(name=token_env))
    # Opened once here so that a database the server cannot use is one line, not a traceback
    # from inside the server's startup.
    open_store(settings.db, read_only=token is None).close()
    shown = url_host(host)
    app = create_app(
        settings.db,
        token=token,
        settings=settings,
        allowed_hosts=None if public else sorted({*LOOPBACK_NAMES, shown}),
    )
    sockets = listen(host.strip("[]"), port)
    try:
        mode = (
            f"accepting POST /api/documents with the token in {token_env}" if token else "read-only"
        )
        typer.echo(f"detente dashboard at http://{shown}:{port}/ ({mode}); Ctrl-C stops it")
        config = uvicorn.Config(app, host=host.strip("[]"), port=port, log_level="warning")
        uvicorn.Server(config).run(sockets=sockets)
    finally:
        for bound in sockets:
            bound.close()


def listen(host: str, port: int) -> list[socket.socket]:
    """Sockets bound to every address `host` names, as uvicorn would bind them (localhost: IPv4
    and IPv6), else ApiError E951 saying why (a port in use, a host that does not resolve)."""
    bound: list[socket.socket] = []
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
        for family, kind, protocol, _, address in dict.fromkeys(found):
            sock = socket.socket(family, kind, protocol)
            bound.append(sock)
            if os.name == "posix":  # as asyncio does; on Windows it would let two servers share
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6:
                sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            sock.bind(address)
    except OSError as exc:
        for sock in bound:
            sock.close()
        shown, reason = f"{url_host(host)}:{port}", exc.strerror or str(exc)
        raise ApiError(Errors.E951.format(address=shown, reason=reason)) from exc
    return bound


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def url_host(host: str) -> str:
    """The host as written in a URL and a Host header: IPv6 addresses in brackets."""
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return host
    return f"[{address}]" if address.version == 6 else str(address)
