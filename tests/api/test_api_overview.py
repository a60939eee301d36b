"""The overview's routes on a fresh database of the examples, DuckDB and PostgreSQL: the corpus
summary and the places of events, each checked against SQL on the same database."""

from __future__ import annotations

from typing import Any

import pytest
from api_client import TestClient

from detente.store import Store


def get(client: TestClient, path: str, **params: Any) -> Any:
    response = client.get(path, params=params)
    assert response.status_code == 200, response.text
    return response.json()


def scalar(store: Store, sql: str) -> Any:
    return store.query(sql, [])[0][0]


def test_overview_sums_up_the_corpus(served: tuple[TestClient, Store]) -> None:
    client, store = served
    summary = get(client, "/api/overview")
    stats = get(client, "/api/stats")
    for name in ("documents", "errors", "events", "quotes"):
        assert summary[name] == stats[name], name
    assert (summary["documents"], summary["errors"]) == (5, 0)
    dated = "FROM events WHERE day_basis IN ('event', 'published')"
    assert summary["first_day"] == scalar(store, f"SELECT min(day) {dated}").isoformat()
    assert summary["last_day"] == scalar(store, f"SELECT max(day) {dated}").isoformat()
    assert summary["first_day"] == "2014-04-01"  # "April 1 of this year", in the 2014 article
    assert summary["undated"] == 0


def test_places_count_the_events_at_each(served: tuple[TestClient, Store]) -> None:
    client, store = served
    page = get(client, "/api/places", limit=500)
    located = scalar(
        store,
        "SELECT count(*) FROM events "
        "WHERE location_name IS NOT NULL OR location_country IS NOT NULL",
    )
    assert located > 0
    assert sum(place["events"] for place in page["items"]) == located
    assert page["total"] == len(page["items"]) and page["next"] is None
    counts = [place["events"] for place in page["items"]]
    assert counts == sorted(counts, reverse=True)
    by_name = {place["name"]: place for place in page["items"]}
    brussels = by_name["Brussels"]
    assert (brussels["country"], brussels["country_name"]) == ("BEL", "Belgium")
    assert brussels["country_number"] == "056"  # zero-padded, as world-atlas's ids
    assert brussels["latitude"] == pytest.approx(50.85, abs=0.01)
    assert by_name["Chile"]["latitude"] is None  # a country-wide location
    # each place's newest event is one of its events
    for place in page["items"]:
        event = get(client, "/api/events", document_id=place["document_id"], limit=500)
        (found,) = [e for e in event["items"] if e["event_id"] == place["event_id"]]
        assert found["location_country"] == place["country"]


def test_places_by_country_add_up_their_places(served: tuple[TestClient, Store]) -> None:
    client, _ = served
    places = get(client, "/api/places", limit=500)["items"]
    countries = get(client, "/api/places", group="country", limit=500)["items"]
    expected: dict[str, int] = {}
    for place in places:
        if place["country"]:
            expected[place["country"]] = expected.get(place["country"], 0) + place["events"]
    assert {c["country"]: c["events"] for c in countries} == expected
    sweden = next(c for c in countries if c["country"] == "SWE")
    assert (sweden["name"], sweden["latitude"], sweden["events"]) == ("Sweden", None, 1)
    second = get(client, "/api/places", group="country", limit=1, offset=1)
    assert second["items"] == countries[1:2] and second["total"] == len(countries)


def test_places_take_a_date_range_and_refuse_bad_values(
    served: tuple[TestClient, Store],
) -> None:
    client, _ = served
    assert get(client, "/api/places", until="2010-01-01")["total"] == 0
    late = get(client, "/api/places", since="2019-01-01", limit=500)["items"]
    assert late and "Ukraine" not in {place["name"] for place in late}  # the 2014 article's
    wrong = client.get("/api/places", params={"group": "city"})
    assert wrong.status_code == 422 and wrong.json()["detail"].startswith("[E948]")
    backwards = client.get("/api/places", params={"since": "2020-01-01", "until": "2019-01-01"})
    assert backwards.status_code == 400 and backwards.json()["detail"].startswith("[E903]")
