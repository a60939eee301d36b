"""Property-based: whatever a client puts in the query parameters of a GET route (strings,
integers of any size, dates, unknown names) or in a POST body, the answer is 200, or a 4xx whose
JSON `detail` is one line starting with its code; never a 500.

The routes and their parameters come from /openapi.json, so a new route or parameter is covered
without a change here. Runs on the ingested examples (DuckDB) and on an empty PostgreSQL
schema, where every statement still reaches the server with the values drawn.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from api_client import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detente.api import create_app
from detente.store import open_store

CODED = re.compile(r"^\[E\d{3}\] \S")
# A few hundred requests a route, bounded so the module runs in seconds.
BOUNDED = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
# What a URL can carry: any character but lone surrogates, which have no UTF-8.
TEXT = st.text(st.characters(codec="utf-8"), max_size=40)
EDGES = st.sampled_from(
    [
        "",
        "0",
        "-1",
        "1",
        "4",
        "5",
        "500",
        "501",
        "10000",
        "10001",
        str(2**31),
        str(2**63),
        str(-(2**63) - 1),
        "9" * 400,
        "1e3",
        "true",
        "false",
        "null",
        "RUS",
        "IGOWSTNAT",
        "rus",
        "%",
        "_",
        "'",
        "\\x00",
        "0001-01-01",
        "9999-12-31",
        "2015-02-30",
        "week",
        "NATO",
        "WyIyMDE1LTAxLTAxIiwiZDEiLCJFMSJd",
        "WyJ4Il0",
    ]
)
VALUES = st.one_of(EDGES, TEXT, st.integers().map(str), st.dates().map(str), st.booleans().map(str))


@pytest.fixture(scope="module", params=["duckdb", "postgresql"])
def any_client(request: pytest.FixtureRequest, examples_db: Path) -> Iterator[TestClient]:
    """The read-only app over the examples, or over an empty PostgreSQL schema."""
    db = str(examples_db)
    if request.param == "postgresql":
        db = request.getfixturevalue("pg_server").create_schema()
        open_store(db).close()  # the schema, migrated: a read-only server does not migrate
    with TestClient(create_app(db), raise_server_exceptions=False) as test_client:
        yield test_client


def get_routes(client: TestClient) -> list[tuple[str, list[str]]]:
    spec = client.get("/openapi.json").json()
    return [
        (path, [p["name"] for p in item["get"].get("parameters", []) if p["in"] == "query"])
        for path, item in spec["paths"].items()
        if "get" in item
    ]


def assert_answered(response: Any, request: str) -> None:
    assert response.status_code < 500, f"{request}: {response.status_code} {response.text}"
    if response.status_code >= 400:  # a CSV download answers text, an error JSON
        detail = response.json()["detail"]
        assert isinstance(detail, str) and CODED.match(detail), f"{request}: {response.text}"
        assert "\n" not in detail


@st.composite
def queries(draw: st.DrawFn, names: list[str]) -> list[tuple[str, str]]:
    """Some of `names` (or none), each with a drawn value, and now and then a stray name."""
    chosen = draw(st.lists(st.sampled_from(names), unique=True) if names else st.just([]))
    params = [(name, draw(VALUES)) for name in chosen]
    if draw(st.integers(0, 9)) == 0:
        params.append((draw(st.one_of(TEXT, st.sampled_from(["quad", "limt"]))), draw(VALUES)))
    return params


def test_every_get_route_is_covered(any_client: TestClient) -> None:
    assert len(get_routes(any_client)) == 13


@BOUNDED
@given(data=st.data())
def test_any_query_parameters_get_200_or_a_coded_4xx(
    any_client: TestClient, data: st.DataObject
) -> None:
    for path, names in get_routes(any_client):
        params = data.draw(queries(names), label=path)
        if "{document_id}" in path:
            document_id = data.draw(TEXT.filter(lambda s: s not in (".", "..")), label="id")
            path = path.replace("{document_id}", quote(document_id, safe=""))
        response = any_client.get(path, params=params)
        assert_answered(response, f"GET {path} {params}")


@BOUNDED
@given(
    body=st.one_of(
        st.binary(max_size=200),
        st.recursive(
            st.one_of(st.none(), st.booleans(), st.integers(), TEXT),
            lambda inner: st.lists(inner, max_size=3),
            max_leaves=20,
        ).map(lambda value: repr(value).encode()),
        st.integers(1, 3000).map(lambda depth: b"[" * depth + b"]" * depth),
    )
)
def test_any_post_body_gets_a_coded_4xx(any_client: TestClient, body: bytes) -> None:
    """A read-only server: whatever the body, the answer is coded (E95x parsing it, E942
    refusing a well-formed one)."""
    headers = {"Content-Type": "application/json"}
    response = any_client.post("/api/documents", content=body, headers=headers)
    assert 400 <= response.status_code < 500
    assert_answered(response, f"POST {body[:60]!r}")
