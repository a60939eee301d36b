"""The query parameters each API route declares, read from its OpenAPI operation, and the check
every /api request passes before its parameters are parsed.

FastAPI ignores a query parameter a route does not declare, so a typo (`?quad=9` for
`quad_class=9`) silently filtered nothing and answered every row. The check refuses it (422,
E949), naming the parameters the route takes and, for an old or misspelt name, the one meant;
the list is the route's own declaration, the same the OpenAPI schema publishes, so no route
keeps a list of its own. It also refuses a NUL character in any parameter (422, E952): neither
database stores one, and PostgreSQL rejects a statement holding one.
"""

from __future__ import annotations

import difflib
from typing import Any

from fastapi import HTTPException, Request, status

from detente.errors import Errors
from detente.vocabulary import successor

NUL = "\x00"


def operation(request: Request) -> dict[str, Any] | None:
    """The OpenAPI operation of the route `request` matched (None outside the schema)."""
    route = request.scope.get("route")
    path = getattr(route, "path_format", None)
    if path is None:
        return None
    method = "get" if request.method == "HEAD" else request.method.lower()
    found: dict[str, Any] | None = request.app.openapi()["paths"].get(path, {}).get(method)
    return found


def declared(request: Request, location: str = "query") -> dict[str, str | None]:
    """Name → description of the parameters in `location` (query, path) the route declares."""
    found = operation(request) or {}
    return {
        parameter["name"]: parameter.get("description")
        for parameter in found.get("parameters", [])
        if parameter.get("in") == location
    }


def check_parameters(request: Request) -> None:
    """422 for a query parameter the route does not declare, or a NUL in any parameter."""
    if operation(request) is None:
        return
    accepted = declared(request)
    for name in request.query_params:
        if name not in accepted:
            raise HTTPException(
                status.HTTP_422_UNPROCESSABLE_CONTENT,
                Errors.E949.format(
                    name=name,
                    hint=_hint(name, list(accepted)),
                    path=request.scope["route"].path_format,
                    accepted=", ".join(accepted) if accepted else "no query parameters",
                ),
            )
    given = [
        *(("query parameter", name, value) for name, value in request.query_params.multi_items()),
        *(("path parameter", name, str(value)) for name, value in request.path_params.items()),
    ]
    for location, name, value in given:
        if NUL in value:
            raise HTTPException(
                status.HTTP_422_UNPROCESSABLE_CONTENT,
                Errors.E952.format(location=location, name=name),
            )


def _hint(name: str, accepted: list[str]) -> str:
    """The " (did you mean 'quad_class'?)" for a name the parameter once had (the CLI's old
    `--type` is `plover_type`), or one starting an accepted name or close to one."""
    lowered = name.lower()
    renamed = [known for known in [successor(lowered)] if known in accepted]
    starting = [known for known in accepted if known.startswith(lowered) and lowered]
    close = renamed or starting or difflib.get_close_matches(lowered, accepted, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""
