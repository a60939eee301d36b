"""The actor page's route on a fresh database of the examples, DuckDB and PostgreSQL: its events
per period by QuadClass, its partners both ways and its newest quotes, each checked against SQL
on the same database."""

from __future__ import annotations

from typing import Any

from api_client import TestClient

from detente.store import Store

DATED = "day IS NOT NULL AND day_basis IN ('event', 'published')"


def get(client: TestClient, **params: Any) -> Any:
    response = client.get("/api/actor", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def count(store: Store, where: str) -> int:
    return int(store.query(f"SELECT count(*) FROM events WHERE {where}", [])[0][0])


def test_actor_events_per_period_by_quad_class(served: tuple[TestClient, Store]) -> None:
    client, store = served
    profile = get(client, code="RUS", by="year")
    assert (profile["code"], profile["name"], profile["by"]) == ("RUS", "Russia", "year")
    either = "(source_code LIKE 'RUS%' OR target_code LIKE 'RUS%')"
    periods = profile["periods"]
    assert [p["period"] for p in periods] == sorted(p["period"] for p in periods)
    assert all(p["period"].endswith("-01-01") for p in periods)
    assert sum(p["events"] for p in periods) == count(store, f"{either} AND {DATED}") > 0
    for quad in "1234":
        expected = count(store, f"{either} AND {DATED} AND quad_class = {quad}")
        assert sum(p["quad_class"][quad] for p in periods) == expected, quad
    monthly = get(client, code="RUS")["periods"]
    assert sum(p["events"] for p in monthly) == sum(p["events"] for p in periods)


def test_actor_partners_both_ways(served: tuple[TestClient, Store]) -> None:
    client, store = served
    partners = get(client, code="RUS")["partners"]
    assert partners[0]["code"] == "IGOWSTNAT" and partners[0]["name"] == "NATO"
    assert [p["events"] for p in partners] == sorted((p["events"] for p in partners), reverse=True)
    for partner in partners:
        assert not partner["code"].startswith("RUS")  # RUSGOV → RUSMIL is within Russia
        outgoing = count(store, f"source_code LIKE 'RUS%' AND target_code = '{partner['code']}'")
        incoming = count(store, f"target_code LIKE 'RUS%' AND source_code = '{partner['code']}'")
        assert (partner["outgoing"], partner["incoming"]) == (outgoing, incoming)
        assert partner["events"] == outgoing + incoming
        assert partner["name"]
    assert len(get(client, code="RUS", limit=1)["partners"]) == 1


def test_actor_newest_quotes_by_speaker_code(served: tuple[TestClient, Store]) -> None:
    client, store = served
    quotes = get(client, code="RUS", limit=2)["quotes"]
    spoken = int(
        store.query("SELECT count(*) FROM quotes WHERE speaker_code LIKE 'RUS%'", [])[0][0]
    )
    assert len(quotes) == min(2, spoken) > 0
    assert all(quote["speaker_code"].startswith("RUS") for quote in quotes)
    days = [quote["day"] for quote in quotes]
    assert days == sorted(days, reverse=True)


def test_actor_of_no_events_and_bad_codes(served: tuple[TestClient, Store]) -> None:
    client, _ = served
    nobody = get(client, code="ZZZ")
    assert (nobody["periods"], nobody["partners"], nobody["quotes"]) == ([], [], [])
    assert client.get("/api/actor", params={"code": "rus"}).status_code == 422
    assert client.get("/api/actor").status_code == 422
    assert client.get("/api/actor", params={"code": "RUS", "by": "day"}).status_code == 422
