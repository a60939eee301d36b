"""Query parameters at their edges, through the real app: every integer past its bounds (up to
64-bit overflow) and odd dates are a coded 422, never a database error; a parameter a route does
not declare is a 422 naming it and those the route takes; deep pages stop at the offset cap and
go on by cursor."""

from __future__ import annotations

from typing import Any

import pytest
from api_client import TestClient

from detente.explore.filters import LEVEL, LIMIT, MAX_OFFSET, MIN_EVENTS, OFFSET, WINDOW
from detente.store import open_store

OVERFLOWS = [str(2**63), str(2**64), str(-(2**63) - 1), "9" * 5000, "1e3", "0x10", ""]
REQUIRED = {
    "/api/dyad": {"source": "RUS", "target": "IGOWSTNAT"},
    "/api/actor": {"code": "RUS"},
}


def spec_parameters(client: TestClient) -> list[tuple[str, str, dict[str, Any]]]:
    """(path, name, schema) of every query parameter of every GET route, from /openapi.json."""
    spec = client.get("/openapi.json").json()
    return [
        (path, parameter["name"], parameter["schema"])
        for path, item in spec["paths"].items()
        for parameter in item.get("get", {}).get("parameters", [])
        if parameter["in"] == "query"
    ]


def of_type(schema: dict[str, Any], kind: str) -> dict[str, Any] | None:
    """The part of a parameter's schema of JSON type `kind` (a nullable one is anyOf)."""
    for option in [schema, *schema.get("anyOf", [])]:
        if option.get("type") == kind:
            return option
    return None


def is_date(schema: dict[str, Any]) -> bool:
    string = of_type(schema, "string")
    return string is not None and string.get("format") == "date"


def assert_coded_422(response: Any, name: str) -> str:
    assert response.status_code == 422, response.text
    detail: str = response.json()["detail"]
    assert detail.startswith(f"[E948] invalid query parameter '{name}'"), detail
    assert "\n" not in detail
    return detail


def test_every_integer_parameter_past_its_bounds_is_a_coded_422(client: TestClient) -> None:
    checked = 0
    for path, name, schema in spec_parameters(client):
        integer = of_type(schema, "integer")
        if integer is None:
            continue
        lowest, highest = integer["minimum"], integer["maximum"]
        assert highest < 2**31, f"{path} {name}: no bound a database takes as it is"
        for value in [lowest - 1, highest + 1, *OVERFLOWS]:
            response = client.get(path, params={**REQUIRED.get(path, {}), name: value})
            assert_coded_422(response, name)
        for value in (lowest, highest):
            response = client.get(path, params={**REQUIRED.get(path, {}), name: value})
            assert response.status_code == 200, f"{path}?{name}={value}: {response.text}"
        checked += 1
    # limit ×7, offset ×5, level ×3, min_events, window, quad_class ×2 (events and events.csv)
    assert checked == 19


@pytest.mark.parametrize(
    "value", ["0000-01-01", "10000-01-01", "2024-02-30", "2024-1-1", "1e9", "-2024-01-01"]
)
def test_every_date_parameter_out_of_range_is_a_coded_422(client: TestClient, value: str) -> None:
    dates = [(path, name) for path, name, schema in spec_parameters(client) if is_date(schema)]
    assert len(dates) == 20  # since and until of ten routes
    for path, name in dates:
        assert_coded_422(client.get(path, params={**REQUIRED.get(path, {}), name: value}), name)


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31"])
def test_the_first_and_last_dates_are_answered(client: TestClient, value: str) -> None:
    for path, name, schema in spec_parameters(client):
        if is_date(schema):
            response = client.get(path, params={**REQUIRED.get(path, {}), name: value})
            assert response.status_code == 200, f"{path}?{name}={value}: {response.text}"


def test_the_api_declares_explore_s_bounds(client: TestClient) -> None:
    """One declaration (detente.explore.filters) for the API, its schema and the CLI."""
    schemas = {(path, name): schema for path, name, schema in spec_parameters(client)}
    for (path, name), bound in {
        ("/api/events", "offset"): OFFSET,
        ("/api/actors", "level"): LEVEL,
        ("/api/dyad", "window"): WINDOW,
        ("/api/network", "min_events"): MIN_EVENTS,
    }.items():
        integer = of_type(schemas[(path, name)], "integer")
        assert integer is not None
        assert (integer["minimum"], integer["maximum"]) == (bound.minimum, bound.maximum)
    limit = of_type(schemas[("/api/events", "limit")], "integer")
    assert limit is not None and limit["maximum"] <= LIMIT.maximum


def test_the_offset_of_the_report_is_a_422_telling_what_to_do(client: TestClient) -> None:
    response = client.get("/api/events", params={"offset": "9223372036854775808"})
    detail = assert_coded_422(response, "offset")
    assert f"less than or equal to {MAX_OFFSET}" in detail
    assert "narrow the filters" in detail
    assert "`after`" in detail
    deepest = client.get("/api/events", params={"offset": MAX_OFFSET})
    assert deepest.status_code == 200
    assert_coded_422(client.get("/api/quotes", params={"offset": MAX_OFFSET + 1}), "offset")


@pytest.mark.parametrize(
    ("path", "params", "unknown", "hint"),
    [
        ("/api/events", {"quad": "9"}, "quad", "quad_class"),
        ("/api/events", {"limt": "5"}, "limt", "limit"),
        ("/api/events", {"QUAD_CLASS": "3"}, "QUAD_CLASS", "quad_class"),
        ("/api/events", {"source": "RUS", "soruce": "USA"}, "soruce", "source"),
        ("/api/quotes", {"speakr": "Grushko"}, "speakr", "speaker"),
        ("/api/dyad", {"source": "RUS", "target": "USA", "windows": "2"}, "windows", "window"),
        ("/api/events", {"type": "REJECT"}, "type", "plover_type"),  # the CLI's old names
        ("/api/events.csv", {"quad": "9"}, "quad", "quad_class"),
        ("/api/events", {"document": "e1"}, "document", "document_id"),
        ("/api/actors", {"search": "grushko"}, "search", None),
        ("/api/stats", {"x": "1"}, "x", None),
        ("/api/documents/some-id", {"highlight": "no"}, "highlight", None),
    ],
)
def test_an_unknown_parameter_is_a_422_naming_it_and_the_accepted_ones(
    client: TestClient, path: str, params: dict[str, str], unknown: str, hint: str | None
) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert detail.startswith(f"[E949] unknown query parameter {unknown!r}")
    if hint is not None:
        assert f"(did you mean {hint!r}?)" in detail
    route = "/api/documents/{document_id}" if path.startswith("/api/documents/") else path
    spec = client.get("/openapi.json").json()["paths"][route]["get"]
    accepted = [p["name"] for p in spec.get("parameters", []) if p["in"] == "query"]
    assert detail.endswith(f"{route} takes {', '.join(accepted) or 'no query parameters'}")


def test_an_unknown_parameter_on_the_post_route_is_a_422(client: TestClient) -> None:
    response = client.post("/api/documents?dry_run=1", json={"text": "x"})
    assert response.status_code == 422
    assert response.json()["detail"].startswith("[E949] unknown query parameter 'dry_run'")


@pytest.mark.parametrize(
    ("path", "location", "name"),
    [
        ("/api/events?actor=%00", "query", "actor"),
        ("/api/quotes?speaker=Gru%00shko", "query", "speaker"),
        ("/api/events?document_id=a%00", "query", "document_id"),
        ("/api/documents/a%00b", "path", "document_id"),
    ],
)
def test_a_nul_character_is_a_coded_422(
    client: TestClient, path: str, location: str, name: str
) -> None:
    response = client.get(path)
    assert response.status_code == 422
    assert response.json()["detail"].startswith(f"[E952] {location} parameter {name!r}")


@pytest.mark.parametrize("path", ["/api/events", "/api/quotes"])
def test_pages_go_on_by_cursor_as_they_do_by_offset(client: TestClient, path: str) -> None:
    everything = client.get(path, params={"limit": 500}).json()
    assert everything["next"] is None
    keys: list[tuple[str, str]] = []
    page = client.get(path, params={"limit": 7}).json()
    while True:
        keys.extend(
            (item["document_id"], item.get("event_id") or item["quote_id"])
            for item in page["items"]
        )
        assert page["total"] == everything["total"]
        by_offset = client.get(path, params={"limit": 7, "offset": page["offset"]}).json()
        assert by_offset["items"] == page["items"]
        if page["next"] is None:
            break
        page = client.get(path, params={"limit": 7, "after": page["next"]}).json()
    expected = [
        (item["document_id"], item.get("event_id") or item["quote_id"])
        for item in everything["items"]
    ]
    assert keys == expected


@pytest.mark.parametrize(
    ("params", "status", "code"),
    [
        ({"after": "not a cursor"}, 422, "[E948] invalid query parameter 'after'"),
        ({"after": "x" * 2001}, 422, "[E948] invalid query parameter 'after'"),
        ({"after": "AAAA"}, 400, "[E908]"),
        ({"after": "WyIyMDE1LTAxLTAxIiwiZDEiLCJFMSJd", "offset": "5"}, 400, "[E909]"),
    ],
)
def test_a_bad_cursor_is_coded(
    client: TestClient, params: dict[str, str], status: int, code: str
) -> None:
    response = client.get("/api/events", params=params)
    assert response.status_code == status
    assert response.json()["detail"].startswith(code)


def test_a_ranked_search_has_no_cursor(client: TestClient) -> None:
    assert client.get("/api/quotes", params={"text": "NATO", "limit": 1}).json()["next"] is None
    after = client.get("/api/quotes", params={"limit": 1}).json()["next"]
    response = client.get("/api/quotes", params={"text": "NATO", "after": after})
    assert response.status_code == 400
    assert response.json()["detail"].startswith("[E910]")


def test_the_event_count_checked_here_is_the_stored_one(
    client: TestClient, examples_db: Any
) -> None:
    with open_store(examples_db, read_only=True) as store:
        ((events,),) = store.query("SELECT count(*) FROM events")
    assert client.get("/api/events", params={"limit": 1}).json()["total"] == events > 7


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("GET", "/api/nothing-here", 404),
        ("GET", "/api/documents/line%0Abreak", 404),  # the path converter stops at a newline
        ("DELETE", "/api/events", 405),
        ("PUT", "/api/documents", 405),
    ],
)
def test_no_such_route_or_method_is_coded_too(
    client: TestClient, method: str, path: str, status: int
) -> None:
    response = client.request(method, path)
    assert response.status_code == status
    reason = {404: "Not Found", 405: "Method Not Allowed"}[status]
    assert response.json()["detail"].startswith(f"[E953] {status} {reason}: {method} /api/")
