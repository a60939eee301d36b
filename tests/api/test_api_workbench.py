"""The analyst's workbench on a fresh database of the examples, DuckDB and PostgreSQL: actors
found by name, lists as pages, whole lists as CSV with the lists' own filters, one vocabulary
for the CLI and the API (old names answered with the new one), and /docs."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

import pytest
from api_client import TestClient, ingest_examples

from detente.api import create_app
from detente.explore import EventRow, QuoteHit
from detente.explore.results import flat_columns


@pytest.fixture(scope="module", params=["duckdb", "postgresql"])
def bench(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    """The read-only app over the examples ingested afresh into a DuckDB file or a PostgreSQL
    schema."""
    if request.param == "postgresql":
        db = str(request.getfixturevalue("pg_server").create_schema())
    else:
        db = str(tmp_path_factory.mktemp("bench") / "examples.duckdb")
    ingest_examples(db)  # type: ignore[arg-type]  # a URL too: it only goes to --db
    with TestClient(create_app(db)) as client:
        yield client


def get(client: TestClient, path: str, **params: Any) -> Any:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def read_csv(
    client: TestClient, path: str, **params: Any
) -> tuple[list[str], list[dict[str, str]]]:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    name = path.rsplit("/", 1)[-1]
    assert response.headers["content-disposition"] == f'attachment; filename="{name}"'
    reader = csv.DictReader(io.StringIO(response.text))
    rows = list(reader)
    return list(reader.fieldnames or []), rows


def test_actors_found_by_name(bench: TestClient) -> None:
    page = get(bench, "/api/actors", q="grushko")
    assert [(a["code"], a["matched"]) for a in page["items"]] == [("RUSGOV", "Alexander Grushko")]
    assert (page["total"], page["limit"], page["offset"]) == (1, 20, 0)
    # the words of a mention find the actor too: the article calls NATO "the alliance"
    alliance = get(bench, "/api/actors", q="Alliance")["items"]
    assert ("IGOWSTNAT", "NATO") in [(a["code"], a["matched"]) for a in alliance]
    britain = get(bench, "/api/actors", q="britain")["items"]
    assert [a["code"] for a in britain] == ["GBR"]


def test_every_list_is_a_page(bench: TestClient) -> None:
    for path in ("/api/actors", "/api/dyads", "/api/events", "/api/quotes"):
        page = get(bench, path, limit=2, offset=1)
        assert {"items", "total", "limit", "offset"} <= set(page), path
        assert (len(page["items"]), page["limit"], page["offset"]) == (2, 2, 1), path
        assert page["total"] > 3, path


def test_events_csv_holds_what_the_list_holds(bench: TestClient) -> None:
    listed = get(bench, "/api/events", source="RUS", limit=500)
    header, rows = read_csv(bench, "/api/events.csv", source="RUS")
    assert header == list(flat_columns(EventRow))
    assert header[:3] == ["document_id", "event_id", "title"]
    assert len(rows) == listed["total"] > 0
    for row, item in zip(rows, listed["items"], strict=True):
        assert (row["document_id"], row["event_id"]) == (item["document_id"], item["event_id"])
        assert row["title"] == item["title"] and row["title"]
        assert row["source_code"].startswith("RUS")
        assert row["evidence_text"] == item["evidence"]["text"]
        assert int(row["evidence_start"]) == item["evidence"]["start"]
        assert row["plover_context"] == "; ".join(item["plover_context"])
        assert row["negated"] == str(item["negated"]).lower()


def test_events_csv_takes_the_list_s_filters(bench: TestClient) -> None:
    everything = read_csv(bench, "/api/events.csv")[1]
    assert len(everything) == get(bench, "/api/events", limit=1)["total"]
    conflict = read_csv(bench, "/api/events.csv", quad_class=4, since="2014-01-01")[1]
    assert conflict and {row["quad_class"] for row in conflict} == {"4"}
    assert len(conflict) == get(bench, "/api/events", quad_class=4, since="2014-01-01")["total"]
    response = bench.get("/api/events.csv", params={"plover_type": "NOTATYPE"})
    assert response.status_code == 400  # refused before the download starts, with its code
    assert response.json()["detail"].startswith("[E906]")


def test_quotes_csv_by_speaker_and_ranked_by_text(bench: TestClient) -> None:
    header, rows = read_csv(bench, "/api/quotes.csv", speaker="grushko")
    assert header == list(flat_columns(QuoteHit))
    listed = get(bench, "/api/quotes", speaker="grushko", limit=500)
    assert [row["quote_id"] for row in rows] == [hit["quote_id"] for hit in listed["items"]]
    assert {row["speaker_name"] for row in rows} == {"Alexander Grushko"}
    assert all(row["content_text"] and row["title"] for row in rows)
    ranked = read_csv(bench, "/api/quotes.csv", text="NATO")[1]
    best = get(bench, "/api/quotes", text="NATO", limit=500)["items"]
    assert [(r["document_id"], r["quote_id"]) for r in ranked] == [
        (hit["document_id"], hit["quote_id"]) for hit in best
    ]
    scores = [float(row["score"]) for row in ranked]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize(
    ("path", "params", "code", "named"),
    [
        ("/api/events", {"quad": "9"}, "[E949] unknown query parameter 'quad'", "quad_class"),
        ("/api/events", {"quad_class": "9"}, "[E948] invalid query parameter 'quad_class'", None),
        ("/api/events.csv", {"type": "ACCUSE"}, "[E949]", "plover_type"),
        ("/api/quotes.csv", {"limit": "5"}, "[E949] unknown query parameter 'limit'", None),
    ],
)
def test_unknown_and_invalid_parameters_are_coded_422(
    bench: TestClient, path: str, params: dict[str, str], code: str, named: str | None
) -> None:
    response = bench.get(path, params=params)
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert detail.startswith(code)
    if named is not None:
        assert f"(did you mean {named!r}?)" in detail


def test_docs_are_served(bench: TestClient) -> None:
    page = bench.get("/docs")
    assert page.status_code == 200
    assert "/static/vendor/swagger-ui-bundle.js" in page.text
