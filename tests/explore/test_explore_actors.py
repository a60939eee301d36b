"""Top actors, top dyads and the actor network on known records (explore_util.actor_corpus).

Document a (2014-12-03): Russia RUS ×3 mentions, NATO IGOWSTNAT ×2, Grushko RUSGOV ×2 (quoted),
Russian army RUSMIL ×1; NATO quoted; events RUSGOV→IGOWSTNAT −2, RUSMIL→IGOWSTNAT −7.2,
IGOWSTNAT→RUS −8, RUSGOV→RUSMIL +1.
Document b (2015-01-10): Russia RUS ×1, Moscow RUS ×1, Ukraine UKR ×2 (quoted), NATO ×0, an
uncoded diplomat (quoted); events RUS→UKR −9, RUS→UKR −4 (Moscow), UKR→IGOWSTNAT +3, and a
statement of RUS with no target.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from explore_util import actor_corpus, filled

from detente.errors import ExploreError
from detente.explore import actor_network, top_actors, top_dyads
from detente.store import Store


@pytest.fixture(scope="module")
def store(explore_db: str) -> Iterator[Store]:
    with filled(explore_db, actor_corpus()) as opened:
        yield opened


def test_top_actors_count_events_sides_quotes_and_mentions(store: Store) -> None:
    rows = [
        (a.code, a.name, a.events, a.as_source, a.as_target, a.quotes, a.mentions)
        for a in top_actors(store).items
    ]
    assert rows == [
        ("IGOWSTNAT", "NATO", 4, 1, 3, 1, 2),  # 4 events like RUS; ranks first by its quote
        ("RUS", "Russia", 4, 3, 1, 0, 5),  # "Russia" twice, "Moscow" once
        ("UKR", "Ukraine", 3, 1, 2, 1, 2),
        # named by their country and sector, not by a mention ("Alexander Grushko")
        ("RUSGOV", "Russia: government", 2, 2, 0, 1, 2),
        ("RUSMIL", "Russia: military", 2, 1, 1, 0, 1),
    ]


def test_level_three_groups_codes_and_counts_an_event_inside_a_group_once(store: Store) -> None:
    rows = [
        (a.code, a.name, a.events, a.as_source, a.as_target, a.quotes, a.mentions)
        for a in top_actors(store, level=3).items
    ]
    assert rows == [
        # RUSGOV→RUSMIL is one event of RUS, on both of its sides
        ("RUS", "Russia", 7, 6, 2, 1, 8),
        ("IGO", "intergovernmental organisations", 4, 1, 3, 1, 2),  # a group, by its table
        ("UKR", "Ukraine", 3, 1, 2, 1, 2),
    ]


def test_top_actors_in_a_date_range_and_limited(store: Store) -> None:
    rows = [
        (a.code, a.events, a.as_source, a.as_target, a.quotes, a.mentions)
        for a in top_actors(store, since=date(2015, 1, 1)).items
    ]
    assert rows == [
        ("UKR", 3, 1, 2, 1, 2),
        ("RUS", 3, 3, 0, 0, 2),
        ("IGOWSTNAT", 1, 0, 1, 0, 0),
    ]
    assert [a.code for a in top_actors(store, until=date(2014, 12, 31), limit=2).items] == [
        "IGOWSTNAT",
        "RUSGOV",
    ]


def test_top_dyads_by_events_with_goldstein_and_quad_groups(store: Store) -> None:
    rows = [
        (d.source, d.target, d.events, d.goldstein_mean, d.conflict, d.cooperation)
        for d in top_dyads(store).items
    ]
    assert rows == [
        ("RUS", "UKR", 2, pytest.approx(-6.5), 2, 0),
        ("IGOWSTNAT", "RUS", 1, pytest.approx(-8.0), 1, 0),
        ("RUSGOV", "IGOWSTNAT", 1, pytest.approx(-2.0), 1, 0),
        ("RUSGOV", "RUSMIL", 1, pytest.approx(1.0), 0, 1),
        ("RUSMIL", "IGOWSTNAT", 1, pytest.approx(-7.2), 1, 0),
        ("UKR", "IGOWSTNAT", 1, pytest.approx(3.0), 0, 1),
    ]


def test_top_dyads_at_level_three(store: Store) -> None:
    rows = [
        (d.source, d.target, d.events, d.goldstein_mean) for d in top_dyads(store, level=3).items
    ]
    assert rows == [
        ("RUS", "IGO", 2, pytest.approx(-4.6)),
        ("RUS", "UKR", 2, pytest.approx(-6.5)),
        ("IGO", "RUS", 1, pytest.approx(-8.0)),
        ("UKR", "IGO", 1, pytest.approx(3.0)),
    ]  # RUSGOV → RUSMIL is RUS → RUS at this level: no dyad
    assert len(top_dyads(store, limit=2).items) == 2


def test_network_edges_over_a_minimum_and_their_nodes(store: Store) -> None:
    network = actor_network(store, level=3, min_events=2)
    assert network.to_dict() == {
        "nodes": [
            {"code": "RUS", "name": "Russia", "events": 7},
            {"code": "IGO", "name": "intergovernmental organisations", "events": 4},
            {"code": "UKR", "name": "Ukraine", "events": 3},
        ],
        "edges": [
            {"source": "RUS", "target": "IGO", "weight": 2, "goldstein_mean": pytest.approx(-4.6)},
            {"source": "RUS", "target": "UKR", "weight": 2, "goldstein_mean": pytest.approx(-6.5)},
        ],
    }


def test_network_keeps_the_heaviest_edges(store: Store) -> None:
    network = actor_network(store, limit_edges=1)
    assert [(e.source, e.target, e.weight) for e in network.edges] == [("RUS", "UKR", 2)]
    assert [(n.code, n.events) for n in network.nodes] == [("RUS", 4), ("UKR", 3)]
    assert actor_network(store, min_events=3).to_dict() == {"nodes": [], "edges": []}


@pytest.mark.parametrize(
    ("call", "code"),
    [
        (lambda s: top_actors(s, level=0), "E902"),
        (lambda s: top_actors(s, limit=0), "E902"),
        (lambda s: top_dyads(s, since=date(2015, 2, 1), until=date(2015, 1, 1)), "E903"),
        (lambda s: actor_network(s, min_events=0), "E902"),
    ],
)
def test_bad_arguments_raise_coded_explore_errors(store: Store, call: object, code: str) -> None:
    with pytest.raises(ExploreError) as error:
        call(store)  # type: ignore[operator]
    assert error.value.code == code


def test_top_actors_and_dyads_page_with_the_total(store: Store) -> None:
    actors = top_actors(store, limit=2, offset=1)
    assert [a.code for a in actors.items] == ["RUS", "UKR"]
    assert (actors.total, actors.limit, actors.offset, actors.next) == (5, 2, 1, None)
    beyond = top_actors(store, offset=10)
    assert (beyond.items, beyond.total) == ([], 5)
    dyads = top_dyads(store, limit=1, offset=1)
    assert [(d.source, d.target) for d in dyads.items] == [("IGOWSTNAT", "RUS")]
    assert dyads.total == len(top_dyads(store).items)


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        # a name (any case, any part) finds its code, matched by it
        ("grushko", [("RUSGOV", "Alexander Grushko")]),
        ("ALEX", [("RUSGOV", "Alexander Grushko")]),
        # the code itself first, then codes and names starting with it, each by events
        # (a name holding it anywhere matches too: gRUShko)
        ("rus", [("RUS", "Russia"), ("RUSGOV", "Alexander Grushko"), ("RUSMIL", "Russian army")]),
        ("russia", [("RUS", "Russia"), ("RUSMIL", "Russian army")]),
        ("igowstnat", [("IGOWSTNAT", None)]),  # by its code: no name matched
        ("  nato ", [("IGOWSTNAT", "NATO")]),
        ("%", []),  # a character to find, not a wildcard
        ("a diplomat", []),  # an actor without a code has none to give
    ],
)
def test_actor_search_by_name_code_or_mention(
    store: Store, q: str, expected: list[tuple[str, str | None]]
) -> None:
    found = top_actors(store, q=q)
    assert [(actor.code, actor.matched) for actor in found.items] == expected
    # named as the listing names them, whatever matched
    listed = {actor.code: actor.name for actor in top_actors(store).items}
    assert [actor.name for actor in found.items] == [listed[code] for code, _ in expected]
    assert found.total == len(expected)


def test_actor_search_with_level_and_dates(store: Store) -> None:
    (russia,) = top_actors(store, q="grushko", level=3).items
    assert (russia.code, russia.name, russia.events) == ("RUS", "Russia", 7)
    assert russia.matched == "Alexander Grushko"
    assert top_actors(store, q="grushko", since=date(2015, 1, 1)).items == []  # not in 2015
    assert top_actors(store, q="", limit=1).items == top_actors(store, limit=1).items
