"""Events counted once per story (explore_util.story_corpus), on DuckDB and PostgreSQL.

  s0, s1, s2  one story, 2014-12-03: RUSGOV → IGOWSTNAT 111 −2.0 Q3 ACCUSE, twice in s1
              (4 reports, 1 event)
  u0, u1      one undated story: RUS → IGOWSTNAT 120 −4.0 Q3 REJECT (2 reports, 1 event)
  t           2014-12-10: RUS → IGOWSTNAT 061 +7.0 Q2 COOPERATE (1 report, 1 event)

December 2014, RUS → IGOWSTNAT: by reports 5 events, Goldstein sum −8 + 7 = −1 (mean −0.2);
by events 2, sum −2 + 7 = +5 (mean and thermometer 2.5).
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from explore_util import filled, story_corpus
from typer.testing import CliRunner

from detente.cli.query import query_app
from detente.explore import Count, actor_network, dyad_series, top_dyads
from detente.store import Store


@pytest.fixture(scope="module")
def store(explore_db: str) -> Iterator[Store]:
    with filled(explore_db, story_corpus()) as opened:
        yield opened


def test_the_stories_are_found(store: Store) -> None:
    stories = dict(store.query("SELECT DISTINCT document_id, story FROM events"))
    assert stories["s0"] == stories["s1"] == stories["s2"] != stories["u0"] == stories["u1"]
    assert stories["t"] not in {stories["s0"], stories["u0"]}


def test_a_dyad_series_counts_events_once_per_story(store: Store) -> None:
    series = dyad_series(store, "RUS", "IGOWSTNAT")
    assert series.count == "events"
    (december,) = series.points
    assert (december.events, december.goldstein_sum) == (2, 5.0)
    assert december.goldstein_mean == december.thermometer == 2.5
    assert december.quad_class == {"1": 0, "2": 1, "3": 1, "4": 0}
    assert december.plover == {"ACCUSE": 1, "COOPERATE": 1}
    assert series.undated == 1


def test_a_dyad_series_counts_every_report_when_asked(store: Store) -> None:
    series = dyad_series(store, "RUS", "IGOWSTNAT", count="reports")
    assert series.count == "reports"
    (december,) = series.points
    assert (december.events, december.goldstein_sum) == (5, -1.0)
    assert december.goldstein_mean == pytest.approx(-0.2)
    assert december.quad_class == {"1": 0, "2": 1, "3": 4, "4": 0}
    assert december.plover == {"ACCUSE": 4, "COOPERATE": 1}
    assert series.undated == 2


@pytest.mark.parametrize(("count", "expected"), [("events", 1), ("reports", 2)])
def test_undated_reports_of_one_story_are_one_event(
    store: Store, count: Count, expected: int
) -> None:
    series = dyad_series(store, "RUS", "IGOWSTNAT", include_undated=True, count=count)
    undated = [point for point in series.points if point.plover.get("REJECT")]
    assert [point.events for point in undated] == [expected]


def test_top_dyads_and_the_network_count_events_or_reports(store: Store) -> None:
    events = {(d.source, d.target): d.events for d in top_dyads(store).items}
    reports = {(d.source, d.target): d.events for d in top_dyads(store, count="reports").items}
    assert events == {("RUSGOV", "IGOWSTNAT"): 1, ("RUS", "IGOWSTNAT"): 2}
    assert reports == {("RUSGOV", "IGOWSTNAT"): 4, ("RUS", "IGOWSTNAT"): 3}
    by_country = top_dyads(store, level=3)
    assert [(d.source, d.target, d.events) for d in by_country.items] == [("RUS", "IGO", 3)]
    assert by_country.items[0].goldstein_mean == pytest.approx((-2.0 - 4.0 + 7.0) / 3)
    network = actor_network(store)
    assert {(e.source, e.target): e.weight for e in network.edges} == events
    assert {n.code: n.events for n in network.nodes} == {"IGOWSTNAT": 3, "RUS": 2, "RUSGOV": 1}
    every = actor_network(store, count="reports")
    assert {n.code: n.events for n in every.nodes} == {"IGOWSTNAT": 7, "RUS": 3, "RUSGOV": 4}


def test_the_cli_takes_count(store: Store, explore_db: str) -> None:
    for count, expected in (("events", 2), ("reports", 5)):
        run = CliRunner().invoke(
            query_app,
            ["dyad", "RUS", "IGOWSTNAT", "--count", count, "--json", "--db", explore_db],
        )
        assert run.exit_code == 0, run.output
        found = json.loads(run.stdout)
        assert (found["count"], found["points"][0]["events"]) == (count, expected)
    run = CliRunner().invoke(query_app, ["dyads", "--count", "reports", "--db", explore_db])
    assert run.exit_code == 0, run.output
    assert "reports" in run.stdout
    bad = CliRunner().invoke(query_app, ["network", "--count", "articles", "--db", explore_db])
    assert bad.exit_code == 2
