"""POST /api/documents: run the pipeline on a posted article and store it (token holders only).

Checks, in the order a request meets them: the body's size (BodyLimit, 413 before it is read
into memory), the query parameters (422, none are taken), its JSON (422 E950: syntax, UTF-8,
nesting), the bearer token (403 when the server has none, 401 without one, 403 when wrong,
compared in constant time), the body's fields (422), the text's size (413). A document the
pipeline cannot use (no article text in the HTML, say) answers 422 with the stage's coded
message and is not stored.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Callable, Coroutine
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request, Response, status
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from detente.api import schemas
from detente.api.parameters import check_parameters
from detente.api.state import StateDep, StoreDep
from detente.errors import Errors
from detente.ingest.streams import format_size
from detente.records import ContentKind, RawDocument, Source, sha256_hex
from detente.settings import Settings

PATH = "/api/documents"
# A JSON body may spell a character as a six-byte \uXXXX escape: room for that and the fields.
BODY_FACTOR = 6
BODY_SLACK = 64 * 1024

bearer = HTTPBearer(auto_error=False, description="the token `detente serve` was started with")


class JsonRequest(Request):
    """A request whose body parses as JSON or fails with a JSONDecodeError, which FastAPI turns
    into a 422 (E950): Starlette's `json()` also raises UnicodeDecodeError (bytes that are not
    UTF-8) and RecursionError (arrays nested thousands deep), which FastAPI answered with an
    uncoded 400."""

    async def json(self) -> Any:
        if not hasattr(self, "_json"):
            body = await self.body()
            try:
                text = body.decode("utf-8")
            except UnicodeDecodeError as exc:
                position = len(body[: exc.start].decode("utf-8"))
                shown = body.decode("utf-8", "replace")
                reason = f"byte 0x{body[exc.start]:02x} is not UTF-8"
                raise json.JSONDecodeError(reason, shown, position) from exc
            try:
                self._json = json.loads(text)
            except RecursionError as exc:
                raise json.JSONDecodeError("arrays or objects nested too deeply", text, 0) from exc
        return self._json


class JsonRoute(APIRoute):
    """A route reading its body through JsonRequest."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def handle(request: Request) -> Response:
            return await handler(JsonRequest(request.scope, request.receive))

        return handle


router = APIRouter(prefix="/api", route_class=JsonRoute, dependencies=[Depends(check_parameters)])


def require_token(
    state: StateDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> None:
    if state.token is None:
        raise HTTPException(status.HTTP_403_FORBIDDEN, Errors.E942)
    if credentials is None:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED, Errors.E943, headers={"WWW-Authenticate": "Bearer"}
        )
    given = credentials.credentials.encode("utf-8", "surrogateescape")
    if not hmac.compare_digest(given, state.token.encode("utf-8", "surrogateescape")):
        raise HTTPException(status.HTTP_403_FORBIDDEN, Errors.E944)


@router.post(
    "/documents",
    status_code=status.HTTP_201_CREATED,
    response_model=schemas.StoredModel,
    dependencies=[Depends(require_token)],
    responses={
        401: {"model": schemas.ErrorModel, "description": "no bearer token"},
        403: {"model": schemas.ErrorModel, "description": "wrong token, or a read-only server"},
        413: {"model": schemas.ErrorModel, "description": "over DETENTE_MAX_INPUT_BYTES"},
        422: {"description": "a malformed body, or a document the pipeline cannot use"},
    },
    summary="Run the pipeline on an article and store it",
)
def post_document(posted: schemas.PostedDocument, state: StateDep, store: StoreDep) -> JSONResponse:
    raw = _raw_document(posted, state.settings.max_input_bytes)
    with state.write_lock:  # one pipeline run and one write at a time
        if state.pipeline is None:
            from detente.pipeline import Pipeline  # loads spaCy: only servers that ingest pay

            state.pipeline = Pipeline(state.settings)
        (result,) = state.pipeline.run([raw])
        if not result.ok or result.id is None:
            errors = [error.to_dict() for error in result.errors]
            detail = errors[0]["message"] if errors else f"{raw.source.key}: not processed"
            return JSONResponse({"detail": detail, "errors": errors}, status_code=422)
        store.write([result])
    contract = result.to_dict()
    body = {
        "id": result.id,
        "quotes": contract["quotes"],
        "events": contract["events"],
        "errors": contract["errors"],
    }
    location = f"{PATH}/{result.id}"
    return JSONResponse(body, status_code=201, headers={"Location": location})


def _raw_document(posted: schemas.PostedDocument, limit: int) -> RawDocument:
    content, kind = _body(posted)
    size = len(content.encode("utf-8", "surrogatepass"))
    if size > limit:
        message = Errors.E945.format(field=kind, size=format_size(size), limit=format_size(limit))
        raise HTTPException(status.HTTP_413_CONTENT_TOO_LARGE, message)
    # A posted URL names the input unit, so posting the same URL again replaces its document;
    # without one, the content does (posting the same text twice stores it once).
    locator = None if posted.url else f"posted {sha256_hex(content)[:16]}"
    return RawDocument(
        source=Source(None, kind, url=posted.url, locator=locator),
        content=content,
        kind=kind,
        title=posted.title,
        url=posted.url,
        published=posted.published.isoformat() if posted.published else None,
        encoding="utf-8",
    )


def _body(posted: schemas.PostedDocument) -> tuple[str, ContentKind]:
    if posted.text is not None and posted.text.strip():
        return posted.text, "text"
    if posted.html is not None and posted.html.strip():
        return posted.html, "html"
    raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, Errors.E946)


class BodyLimit:
    """Refuses a POST to /api/documents whose body is over `limit` bytes before it is read:
    413 at once when Content-Length says so, else as soon as the bytes received pass it."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"] != PATH:
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > self.limit:
            response = JSONResponse({"detail": self._message(int(declared))}, status_code=413)
            await response(scope, receive, send)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > self.limit:
                # FastAPI passes an HTTPException raised while it reads the body on as it is
                raise HTTPException(status.HTTP_413_CONTENT_TOO_LARGE, self._message(None))
            return message

        await self.app(scope, counted, send)

    def _message(self, size: int | None) -> str:
        limit = format_size(self.limit)
        shown = format_size(size) if size is not None else f"more than {limit}"
        return Errors.E945.format(field="body", size=shown, limit=limit)


def body_limit(settings: Settings) -> int:
    """The largest request body accepted: the text limit, with room for JSON escapes."""
    return settings.max_input_bytes * BODY_FACTOR + BODY_SLACK
