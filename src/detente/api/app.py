"""The FastAPI app: one store per app, security headers, coded errors, the dashboard's files
and the interactive API documentation (/docs)."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from http import HTTPStatus
from pathlib import Path
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from detente import __version__
from detente.api.ingest import BodyLimit, body_limit
from detente.api.ingest import router as ingest_router
from detente.api.parameters import declared
from detente.api.routes import router
from detente.api.state import ApiState
from detente.errors import Errors, ExploreError, StoreError
from detente.settings import Settings
from detente.store import open_store

STATIC = Path(__file__).with_name("static")
# Scripts and styles from this server only: no inline code, no eval (Vega's expressions run
# through vega-interpreter), nothing from other sites, no framing.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
)
LOCATIONS = {"query": "query parameter", "path": "path parameter", "body": "body field"}
CODED = re.compile(r"^\[E\d{3}\] ")


def create_app(
    db: str,
    *,
    token: str | None = None,
    settings: Settings | None = None,
    allowed_hosts: Sequence[str] | None = None,
) -> FastAPI:
    """The API and dashboard over the database `db` (a DuckDB file or a PostgreSQL URL).

    The store is opened when the app starts and closed when it stops. Without a `token` it is
    opened read-only and POST /api/documents answers 403. With one, POST /api/documents (header
    `Authorization: Bearer <token>`) runs the pipeline on a posted article and stores it.

    DuckDB: a file opened read-only by the server cannot be opened for writing by another
    process meanwhile (nor the other way round), so `detente ingest` into the same file waits
    for the server to stop; post documents to the server instead, or use PostgreSQL.

    `allowed_hosts`: the Host header values accepted (e.g. only loopback names, which keeps
    pages on other sites from reading the API through DNS rebinding); None accepts any.
    """
    if token == "":
        raise ValueError("token must be a non-empty string, or None for a read-only server")
    state = ApiState(db=db, token=token, settings=settings or Settings.from_env())

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        state.store = open_store(state.db, read_only=state.read_only)
        try:
            yield
        finally:
            state.store.close()
            state.store = None

    app = FastAPI(
        title="detente",
        version=__version__,
        description="Evidence-linked event data from international-relations news: dyad "
        "series, actors, events, quotes and the articles they come from.",
        lifespan=lifespan,
        # FastAPI's own pages load Swagger UI and ReDoc from a CDN; /docs below is vendored
        docs_url=None,
        redoc_url=None,
    )
    app.state.api = state

    app.include_router(router)
    app.include_router(ingest_router)
    app.add_exception_handler(ExploreError, _explore_error)
    app.add_exception_handler(StoreError, _store_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        """Swagger UI over /openapi.json, from static/vendor/ (no CDN)."""
        return FileResponse(STATIC / "docs.html")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    if allowed_hosts is not None:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))
    app.add_middleware(BodyLimit, limit=body_limit(state.settings))
    app.add_middleware(SecurityHeaders)
    return app


class SecurityHeaders:
    """Adds the Content-Security-Policy and its companions to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in message.get("headers", [])}
                extra = [header for header in SECURITY_HEADERS if header[0] not in names]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _explore_error(request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse({"detail": str(exc)}, status_code=400)


def _store_error(request: Request, exc: Exception) -> JSONResponse:
    return JSONResponse({"detail": str(exc)}, status_code=500)


async def _http_error(request: Request, exc: Exception) -> Response:
    """Starlette's own answers (no such route, method not allowed) get a code too (E953)."""
    assert isinstance(exc, StarletteHTTPException)
    if not (isinstance(exc.detail, str) and CODED.match(exc.detail)):
        detail = Errors.E953.format(
            status=exc.status_code,
            reason=HTTPStatus(exc.status_code).phrase,
            method=request.method,
            path=request.url.path,
        )
        exc = HTTPException(exc.status_code, detail, headers=exc.headers)
    return await http_exception_handler(request, exc)


def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    """422 with a coded one-line `detail`, and FastAPI's list of every problem in `errors`.

    The detail names the first problem, with the parameter's own description (its bounds, what
    to do past them); a body that is no JSON at all is E950.
    """
    assert isinstance(exc, RequestValidationError)
    # The input that failed is left out (it may be a whole posted article, or nested deeper
    # than an encoder recurses): only the location, message and type go back.
    problems: list[dict[str, Any]] = [
        {
            "loc": [part if isinstance(part, int) else str(part) for part in error["loc"]],
            "msg": str(error["msg"]),
            "type": str(error["type"]),
        }
        for error in exc.errors()
    ]
    first = problems[0] if problems else {"loc": [], "msg": "invalid request", "type": ""}
    loc = [str(part) for part in first["loc"]]
    if first["type"] == "json_invalid":
        reason = str((exc.errors()[0].get("ctx") or {}).get("error", first["msg"]))
        at = f" at character {loc[1]}" if len(loc) > 1 and loc[1] != "0" else ""
        detail = Errors.E950.format(detail=f"{reason}{at}")
        return JSONResponse({"detail": detail, "errors": problems}, status_code=422)
    location = LOCATIONS.get(loc[0], "request") if loc else "request"
    name = ".".join(loc[1:]) if len(loc) > 1 else (loc[0] if loc else "body")
    problem = str(first["msg"])
    described = declared(request, loc[0]).get(name) if loc and loc[0] in ("query", "path") else None
    if described:
        problem += f" ({described})"
    detail = Errors.E948.format(location=location, name=name, problem=problem)
    if len(problems) > 1:
        detail += f" ({len(problems) - 1} more problems in 'errors')"
    return JSONResponse({"detail": detail, "errors": problems}, status_code=422)
