"""Every read route on the ingested examples: real values (checked against SQL on the same
database), pagination, filters, and what a bad request gets (404, 400, 422); and an event's
drivers, on a database of their own."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from api_client import TestClient
from pydantic import TypeAdapter

from detente.api import create_app, schemas
from detente.explore.merge import MERGE_KEY
from detente.records import (
    Article,
    Driver,
    Event,
    EventActor,
    Plover,
    Result,
    Source,
    Span,
    sha256_hex,
)
from detente.store import Store, open_store


@pytest.fixture(scope="module")
def store(examples_db: Path) -> Iterator[Store]:
    """The same database, read directly, for the expected values."""
    with open_store(examples_db, read_only=True) as opened:
        yield opened


def count(store: Store, sql: str, *parameters: Any) -> int:
    return int(store.query(sql, parameters)[0][0])


def get(client: TestClient, path: str, **params: Any) -> Any:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_stats_counts_the_examples(client: TestClient, store: Store) -> None:
    stats = get(client, "/api/stats")
    assert stats["documents"] == 5
    assert stats["documents"] == count(store, "SELECT count(*) FROM documents")
    assert stats["schema_version"] >= 2


def test_actors_are_ranked_by_events_and_named(client: TestClient, store: Store) -> None:
    actors = get(client, "/api/actors", limit=5)["items"]
    assert 1 <= len(actors) <= 5
    assert [a["events"] for a in actors] == sorted((a["events"] for a in actors), reverse=True)
    nato = get(client, "/api/actors", limit=500)["items"]
    by_code = {actor["code"]: actor for actor in nato}
    expected = count(
        store,
        "SELECT count(*) FROM events WHERE source_code = $1 OR target_code = $1",
        "IGOWSTNAT",
    )
    assert by_code["IGOWSTNAT"]["events"] == expected > 0
    assert by_code["IGOWSTNAT"]["name"]


def test_actors_grouped_by_country(client: TestClient) -> None:
    countries = get(client, "/api/actors", level=3, limit=500)["items"]
    assert countries
    assert all(len(actor["code"]) <= 3 for actor in countries)
    names = {actor["code"]: actor["name"] for actor in countries}
    assert names["RUS"] == "Russia"
    # a group is named by its table, not left blank
    assert names["IGO"] == "intergovernmental organisations"
    assert all(names.values()), names


def test_top_dyad_matches_the_events_table(client: TestClient, store: Store) -> None:
    (top,) = get(client, "/api/dyads", limit=1, count="reports")["items"]
    expected = count(
        store,
        "SELECT count(*) FROM events WHERE source_code = $1 AND target_code = $2",
        top["source"],
        top["target"],
    )
    assert top["events"] == expected
    assert top["conflict"] + top["cooperation"] <= top["events"]
    # counted by events (the default), the reports that agree on story, sides, code and day
    # are one
    merged = {
        (dyad["source"], dyad["target"]): dyad["events"]
        for dyad in get(client, "/api/dyads", limit=500)["items"]
    }
    distinct = count(
        store,
        f"""SELECT count(*) FROM (
            SELECT 1 FROM events WHERE source_code = $1 AND target_code = $2
            GROUP BY {", ".join(MERGE_KEY)}
        ) AS merged""",
        top["source"],
        top["target"],
    )
    assert merged[(top["source"], top["target"])] == distinct <= expected
    network = get(client, "/api/network")["nodes"]
    named = {node["code"]: node["name"] for node in network}
    assert (top["source_name"], top["target_name"]) == (named[top["source"]], named[top["target"]])


@pytest.mark.parametrize("path", ["/api/actors", "/api/dyads"])
def test_actors_and_dyads_are_pages(client: TestClient, path: str) -> None:
    everything = get(client, path, limit=500)
    assert set(everything) == {"items", "total", "limit", "offset", "next"}
    assert everything["total"] == len(everything["items"]) > 6
    first, second = get(client, path, limit=3), get(client, path, limit=3, offset=3)
    assert (first["limit"], first["offset"], second["offset"]) == (3, 0, 3)
    assert first["total"] == second["total"] == everything["total"]
    assert first["items"] + second["items"] == everything["items"][:6]
    assert first["next"] is None  # ranked by counts: pages go on by offset
    past = get(client, path, offset=everything["total"])
    assert (past["items"], past["total"]) == ([], everything["total"])


def test_actor_search_finds_grushko_by_name(client: TestClient, store: Store) -> None:
    page = get(client, "/api/actors", q="grushko")
    assert page["total"] == 1
    (found,) = page["items"]
    assert (found["code"], found["matched"]) == ("RUSGOV", "Alexander Grushko")
    assert found["name"] == "Russia: government"
    everyone = {a["code"]: a for a in get(client, "/api/actors", limit=500)["items"]}
    assert found["events"] == everyone["RUSGOV"]["events"]  # the code's counts, as listed
    assert get(client, "/api/actors", q="GRUSH")["items"] == [found]  # any case, a part


def test_actor_search_ranks_the_code_then_starts_then_the_rest(client: TestClient) -> None:
    found = get(client, "/api/actors", q="rus", limit=500)["items"]
    codes = [actor["code"] for actor in found]
    assert codes[0] == "RUS"  # the code itself
    starting = [
        a for a in found if a["code"].startswith("RUS") or a["matched"].lower().startswith("rus")
    ]
    assert found[1 : len(starting)] == starting[1:]  # then codes and names starting with it
    rest = found[len(starting) :]
    assert rest and all("rus" in actor["matched"].lower() for actor in rest)  # Jerusalem
    for group in (starting[1:], rest):
        assert [a["events"] for a in group] == sorted((a["events"] for a in group), reverse=True)
    assert get(client, "/api/actors", q="IGOWSTNAT")["items"][0]["code"] == "IGOWSTNAT"
    assert get(client, "/api/actors", q="%")["total"] == 0  # no wildcard


def test_network_edges_connect_listed_nodes(client: TestClient) -> None:
    network = get(client, "/api/network", limit_edges=10)
    codes = {node["code"] for node in network["nodes"]}
    assert 0 < len(network["edges"]) <= 10
    for edge in network["edges"]:
        assert {edge["source"], edge["target"]} <= codes
        assert edge["weight"] >= 1


@pytest.mark.parametrize("counted", ["events", "reports"])
def test_dyad_series_russia_nato_both_directions(
    client: TestClient, store: Store, counted: str
) -> None:
    series = get(
        client,
        "/api/dyad",
        source="RUS",
        target="IGOWSTNAT",
        by="month",
        both="true",
        window=3,
        count=counted,
    )
    assert (series["source"], series["target"], series["by"], series["window"]) == (
        "RUS",
        "IGOWSTNAT",
        "month",
        3,
    )
    assert series["count"] == counted
    forward = [p for p in series["points"] if p["direction"] == "forward"]
    backward = [p for p in series["points"] if p["direction"] == "backward"]
    dyad_sql = "SELECT count(*) FROM events WHERE source_code LIKE $1 AND target_code LIKE $2"
    if counted == "events":  # the reports that agree on story, sides, code and day are one
        dyad_sql = f"SELECT count(*) FROM ({dyad_sql} GROUP BY {', '.join(MERGE_KEY)}) AS merged"
        dyad_sql = dyad_sql.replace("SELECT count(*) FROM events", "SELECT 1 FROM events")
    assert sum(p["events"] for p in forward) == count(store, dyad_sql, "RUS%", "IGOWSTNAT%") > 0
    assert sum(p["events"] for p in backward) == count(store, dyad_sql, "IGOWSTNAT%", "RUS%") > 0
    for point in series["points"]:
        assert set(point["quad_class"]) == {"1", "2", "3", "4"}
        assert sum(point["quad_class"].values()) == point["events"]
        assert point["period"].endswith("-01")  # months start on the 1st


def test_dyad_one_direction_unless_asked(client: TestClient) -> None:
    series = get(client, "/api/dyad", source="RUS", target="IGOWSTNAT")
    assert {p["direction"] for p in series["points"]} == {"forward"}


def test_events_paginate_without_overlap(client: TestClient, store: Store) -> None:
    total = count(store, "SELECT count(*) FROM events")
    first = get(client, "/api/events", limit=7, offset=0)
    second = get(client, "/api/events", limit=7, offset=7)
    assert first["total"] == second["total"] == total
    assert (first["limit"], first["offset"], second["offset"]) == (7, 0, 7)
    keys = [(e["document_id"], e["event_id"]) for e in first["items"] + second["items"]]
    assert len(keys) == len(set(keys)) == 14
    everything = get(client, "/api/events", limit=500)
    assert len(everything["items"]) == total
    assert get(client, "/api/events", offset=total)["items"] == []
    days = [e["day"] for e in everything["items"]]
    assert days == sorted(days, reverse=True)


def test_event_filters(client: TestClient, store: Store) -> None:
    dyad = get(client, "/api/events", source="RUS", target="IGOWSTNAT", limit=500)
    assert dyad["total"] > 0
    for event in dyad["items"]:
        assert event["source_code"].startswith("RUS")
        assert event["target_code"].startswith("IGOWSTNAT")
        assert event["evidence"]["text"]
    accusations = get(client, "/api/events", plover_type="accuse", limit=500)
    assert accusations["total"] == count(
        store, "SELECT count(*) FROM events WHERE plover_type = 'ACCUSE'"
    )
    assert {e["plover_type"] for e in accusations["items"]} == {"ACCUSE"}
    conflict = get(client, "/api/events", quad_class=3, limit=500)
    assert {e["quad_class"] for e in conflict["items"]} == {3}
    cameo = get(client, "/api/events", cameo="11", limit=500)
    assert all(e["cameo"].startswith("11") for e in cameo["items"])
    future = get(client, "/api/events", future="true", limit=500)
    assert future["total"] == count(store, "SELECT count(*) FROM events WHERE future")
    assert all(e["future"] for e in future["items"])


def test_events_of_one_document(client: TestClient, store: Store) -> None:
    ((document_id, expected),) = store.query(
        "SELECT document_id, count(*) FROM events GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1"
    )
    page = get(client, "/api/events", document_id=document_id, limit=500)
    assert page["total"] == expected
    assert {e["document_id"] for e in page["items"]} == {document_id}


def test_quotes_by_speaker_case_insensitive(client: TestClient, store: Store) -> None:
    expected = count(store, "SELECT count(*) FROM quotes WHERE speaker_name ILIKE '%grushko%'")
    page = get(client, "/api/quotes", speaker="grushko", limit=500)
    assert page["total"] == expected > 0
    assert all("Grushko" in hit["speaker_name"] for hit in page["items"])
    assert all(hit["score"] is None for hit in page["items"])


def test_quotes_ranked_by_text(client: TestClient) -> None:
    page = get(client, "/api/quotes", text="NATO", limit=50)
    assert page["total"] > 0
    scores = [hit["score"] for hit in page["items"]]
    assert all(score is not None and score > 0 for score in scores)
    assert scores == sorted(scores, reverse=True)
    assert all("nato" in hit["content"]["text"].lower() for hit in page["items"])


def test_quotes_by_organisation_and_code(client: TestClient) -> None:
    envoy = get(client, "/api/quotes", organization="envoy to nato", limit=50)
    assert envoy["total"] > 0
    assert all(
        "envoy to nato" in f"{hit['speaker_role']} {hit['speaker_organization']}".lower()
        for hit in envoy["items"]
    )
    russian = get(client, "/api/quotes", actor="RUS", limit=50)
    assert russian["total"] > 0
    assert all(hit["speaker_code"].startswith("RUS") for hit in russian["items"])


def test_document_view_has_highlights_that_match_the_text(client: TestClient, store: Store) -> None:
    ((document_id,),) = store.query(
        "SELECT id FROM documents WHERE title LIKE 'Barely on speaking terms%'"
    )
    view = get(client, f"/api/documents/{document_id}")
    assert view["id"] == document_id
    assert view["title"].startswith("Barely on speaking terms")
    kinds = {h["kind"] for h in view["highlights"]}
    assert {"actor", "quote", "event"} <= kinds
    for highlight in view["highlights"]:
        assert view["text"][highlight["start"] : highlight["end"]] == highlight["text"]
    event_ids = {h["record_id"] for h in view["highlights"] if h["kind"] == "event"}
    assert event_ids == {event["id"] for event in view["events"]}


DRIVEN_TEXT = "Russian troops attacked Kharkiv on Monday."
DRIVERS_JSON = [
    {"feature": "attack", "weight": 0.82},
    {"feature": "troops", "weight": 0.41},
    {"feature": "vote type:ASSAULT", "weight": 0.3},
]


def driven_result() -> Result:
    """One document, one event with the drivers of its coding (as a learned coder gives them)."""
    text = DRIVEN_TEXT
    return Result(
        id="driven",
        source=Source(path="driven.txt", format="text"),
        article=Article(text=text, title="Kharkiv", published="2022-03-07", language="en"),
        sentences=[Span.of(text, 0, len(text))],
        events=[
            Event(
                id="E1",
                source=EventActor(None, "Russian troops", "RUSMIL", "Russian troops"),
                target=EventActor(None, "Kharkiv", "UKR", "Kharkiv"),
                plover=Plover("ASSAULT", None),
                cameo="190",
                goldstein=-10.0,
                intensity=-10.0,
                quad_class=4,
                evidence=Span.of(text, 0, 31),
                sentence=0,
                rule="model:events-1",
                confidence=0.91,
                drivers=tuple(Driver(d["feature"], d["weight"]) for d in DRIVERS_JSON),
            )
        ],
        content_hash=sha256_hex(text),
    )


@pytest.fixture(params=["duckdb", "postgresql"])
def driven_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database holding driven_result(): a DuckDB file or a PostgreSQL schema."""
    db = str(tmp_path / "driven.duckdb")
    if request.param == "postgresql":
        db = request.getfixturevalue("pg_url")
    with open_store(db) as store:
        store.write([driven_result()])
    return db


def test_events_and_the_document_view_carry_the_drivers(driven_db: str) -> None:
    with TestClient(create_app(driven_db)) as driven_client:
        page = get(driven_client, "/api/events", document_id="driven")
        view = get(driven_client, "/api/documents/driven")
        spec = get(driven_client, "/openapi.json")
    TypeAdapter(schemas.EventPageModel).validate_python(page)
    (item,) = page["items"]
    assert (item["event_id"], item["drivers"]) == ("E1", DRIVERS_JSON)
    assert [event["drivers"] for event in view["events"]] == [DRIVERS_JSON]
    assert spec["components"]["schemas"]["DriverModel"]["required"] == ["feature", "weight"]
    assert "drivers" in spec["components"]["schemas"]["EventRowModel"]["required"]


@pytest.mark.parametrize("document_id", ["no-such-document", "a/b/c", "%3Cscript%3E"])
def test_missing_document_is_404_with_a_coded_message(client: TestClient, document_id: str) -> None:
    response = client.get(f"/api/documents/{document_id}")
    assert response.status_code == 404
    assert response.json()["detail"].startswith("[E947] no document")


def test_unknown_route_is_404(client: TestClient) -> None:
    assert client.get("/api/nothing-here").status_code == 404


@pytest.mark.parametrize(
    ("path", "params", "name"),
    [
        ("/api/events", {"limit": 0}, "limit"),
        ("/api/events", {"limit": 501}, "limit"),
        ("/api/events", {"offset": -1}, "offset"),
        ("/api/events", {"source": "rus"}, "source"),
        ("/api/events", {"cameo": "abc"}, "cameo"),
        ("/api/events", {"quad_class": 5}, "quad_class"),
        ("/api/events", {"since": "yesterday"}, "since"),
        ("/api/events", {"negated": "perhaps"}, "negated"),
        ("/api/dyad", {"source": "RUS"}, "target"),
        ("/api/dyad", {"source": "RUS", "target": "USA", "by": "day"}, "by"),
        ("/api/dyad", {"source": "RUS", "target": "USA", "window": 0}, "window"),
        ("/api/dyad", {"source": "RUS", "target": "USA", "count": "bogus"}, "count"),
        ("/api/dyads", {"count": "articles"}, "count"),
        ("/api/network", {"count": "Events"}, "count"),
        ("/api/quotes", {"text": "x" * 501}, "text"),
        ("/api/actors", {"level": 0}, "level"),
    ],
)
def test_malformed_parameters_are_422_with_a_coded_message(
    client: TestClient, path: str, params: dict[str, Any], name: str
) -> None:
    response = client.get(path, params=params)
    assert response.status_code == 422
    body = response.json()
    assert body["detail"].startswith(f"[E948] invalid query parameter '{name}'")
    assert "\n" not in body["detail"]
    assert body["errors"][0]["loc"] == ["query", name]


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"plover_type": "NOTATYPE"}, "[E906]"),
        ({"since": "2024-02-01", "until": "2024-01-01"}, "[E903]"),
    ],
)
def test_explore_errors_are_400(client: TestClient, params: dict[str, str], code: str) -> None:
    response = client.get("/api/events", params=params)
    assert response.status_code == 400
    assert response.json()["detail"].startswith(code)
