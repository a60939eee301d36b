"""Dyad series on known events (explore_util.dyad_corpus), on DuckDB and PostgreSQL.

RUS → IGOWSTNAT (prefixes: RUSGOV and RUSMIL are Russia, IGOWSTNATMIL is NATO):
  2014-12-03  d1 E1 RUSGOV→IGOWSTNAT   −2.0  Q3 ACCUSE      published date
              d1 E2 RUSMIL→IGOWSTNAT   −7.2  Q4 MOBILIZE
  2014-12-10  d2 E1 RUS→IGOWSTNAT      +4.0  Q1 CONSULT
              d2 E2 RUSGOV→IGOWSTNATMIL +8.0 Q1 AGREE
  2015-02-20  d3 E1 RUS→IGOWSTNAT      +7.0  Q2 COOPERATE
  2015-03-05  d4 E1 RUS→IGOWSTNAT      −5.0  Q3 THREATEN    the event's own date
  (stored)    d4 E2 RUS→IGOWSTNAT      −4.0  Q3 REJECT      no date: the day it was stored
IGOWSTNAT → RUS: 2014-12-03 d1 E3 −8.0 Q4 SANCTION.
RUSGOV → RUSGOV: 2015-02-20 d5 E3 +2.8 Q1 CONSULT (the ministry and the Kremlin).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from explore_util import dyad_corpus, filled

from detente.errors import ExploreError
from detente.explore import DyadSeries, dyad_series
from detente.store import Store


@pytest.fixture(scope="module")
def store(explore_db: str) -> Iterator[Store]:
    with filled(explore_db, dyad_corpus()) as opened:
        yield opened


def summary(series: DyadSeries) -> list[tuple[str, str, int, float, float | None]]:
    """(period, direction, events, Goldstein sum, thermometer) of each point, rounded."""
    return [
        (
            point.period.isoformat(),
            point.direction,
            point.events,
            round(point.goldstein_sum, 6),
            None if point.thermometer is None else round(point.thermometer, 6),
        )
        for point in series.points
    ]


def test_monthly_series_sums_prefix_matched_events_per_month(store: Store) -> None:
    series = dyad_series(store, "RUS", "IGOWSTNAT", include_undated=False)
    assert (series.source, series.target, series.by, series.window) == (
        "RUS",
        "IGOWSTNAT",
        "month",
        3,
    )
    assert summary(series) == [
        ("2014-12-01", "forward", 4, 2.8, 0.7),
        ("2015-02-01", "forward", 1, 7.0, round(9.8 / 5, 6)),  # Dec + Feb in the window
        ("2015-03-01", "forward", 1, -5.0, 1.0),  # Jan–Mar: Feb and Mar
    ]
    december = series.points[0]
    assert december.goldstein_mean == pytest.approx(0.7)
    assert december.quad_class == {"1": 2, "2": 0, "3": 1, "4": 1}
    assert december.plover == {"ACCUSE": 1, "AGREE": 1, "CONSULT": 1, "MOBILIZE": 1}
    assert series.points[1].quad_class == {"1": 0, "2": 1, "3": 0, "4": 0}


def test_weeks_start_on_monday_and_empty_weeks_are_not_invented(store: Store) -> None:
    series = dyad_series(store, "RUS", "IGOWSTNAT", by="week", window=2, include_undated=False)
    assert summary(series) == [
        ("2014-12-01", "forward", 2, -9.2, -4.6),
        ("2014-12-08", "forward", 2, 12.0, 0.7),
        ("2015-02-16", "forward", 1, 7.0, 7.0),
        ("2015-03-02", "forward", 1, -5.0, -5.0),  # 2015-02-23 is empty, 02-16 is outside
    ]
    assert all(point.period.weekday() == 0 for point in series.points)


def test_yearly_series_and_its_thermometer(store: Store) -> None:
    series = dyad_series(store, "RUS", "IGOWSTNAT", by="year", window=2, include_undated=False)
    assert summary(series) == [
        ("2014-01-01", "forward", 4, 2.8, 0.7),
        ("2015-01-01", "forward", 2, 2.0, 0.8),  # (2.8 + 2.0) / 6
    ]
    assert series.points[1].goldstein_mean == pytest.approx(1.0)


def test_events_without_a_date_are_counted_and_plotted_only_when_asked(store: Store) -> None:
    left_out = dyad_series(store, "RUS", "IGOWSTNAT")
    assert (len(left_out.points), left_out.undated) == (3, 1)
    assert left_out.to_dict()["undated"] == 1
    series = dyad_series(store, "RUS", "IGOWSTNAT", include_undated=True)
    assert (len(series.points), series.undated) == (4, 0)
    stored = series.points[-1]
    assert stored.period > date(2015, 3, 1) and stored.period.day == 1
    assert (stored.events, stored.goldstein_sum, stored.thermometer) == (1, -4.0, -4.0)
    assert stored.plover == {"REJECT": 1}


def test_both_directions_add_backward_points_with_their_own_thermometer(store: Store) -> None:
    series = dyad_series(store, "RUS", "IGOWSTNAT", both_directions=True, include_undated=False)
    assert summary(series)[:2] == [
        ("2014-12-01", "forward", 4, 2.8, 0.7),
        ("2014-12-01", "backward", 1, -8.0, -8.0),
    ]
    assert [p.direction for p in series.points] == ["forward", "backward", "forward", "forward"]
    assert series.points[1].plover == {"SANCTION": 1}
    assert series.points[1].quad_class == {"1": 0, "2": 0, "3": 0, "4": 1}


def test_an_event_matching_both_directions_counts_in_each(store: Store) -> None:
    series = dyad_series(store, "RUS", "RUSGOV", both_directions=True)
    assert summary(series) == [
        ("2015-02-01", "forward", 1, 2.8, 2.8),
        ("2015-02-01", "backward", 1, 2.8, 2.8),
    ]


def test_a_longer_code_matches_only_its_own_prefix(store: Store) -> None:
    series = dyad_series(store, "RUSGOV", "IGOWSTNAT")
    assert summary(series) == [("2014-12-01", "forward", 2, 6.0, 3.0)]
    only_command = dyad_series(store, "RUS", "IGOWSTNATMIL")
    assert summary(only_command) == [("2014-12-01", "forward", 1, 8.0, 8.0)]
    assert dyad_series(store, "UKR", "RUS").points == []


def test_date_range_keeps_the_events_inside_it(store: Store) -> None:
    series = dyad_series(
        store, "RUS", "IGOWSTNAT", since=date(2014, 12, 5), until=date(2015, 2, 28)
    )
    assert summary(series) == [
        ("2014-12-01", "forward", 2, 12.0, 6.0),
        ("2015-02-01", "forward", 1, 7.0, round(19 / 3, 6)),
    ]


def test_series_to_dict_is_json_ready(store: Store) -> None:
    data = dyad_series(store, "RUS", "IGOWSTNAT", by="year", include_undated=False).to_dict()
    assert data["points"][0] == {
        "period": "2014-01-01",
        "direction": "forward",
        "events": 4,
        "goldstein_mean": pytest.approx(0.7),
        "goldstein_sum": pytest.approx(2.8),
        "quad_class": {"1": 2, "2": 0, "3": 1, "4": 1},
        "plover": {"ACCUSE": 1, "AGREE": 1, "CONSULT": 1, "MOBILIZE": 1},
        "thermometer": pytest.approx(0.7),
    }
    assert {key for key in data if key != "points"} == {
        "source",
        "source_name",
        "target",
        "target_name",
        "by",
        "window",
        "count",
        "undated",
    }


@pytest.mark.parametrize(
    ("arguments", "code"),
    [
        ({"source": "rus"}, "E900"),
        ({"source": "RUS%"}, "E900"),
        ({"target": "IGO_"}, "E900"),
        ({"by": "day"}, "E901"),
        ({"window": 0}, "E902"),
        ({"since": date(2015, 1, 2), "until": date(2015, 1, 1)}, "E903"),
        ({"count": "articles"}, "E911"),
    ],
)
def test_bad_arguments_raise_coded_explore_errors(
    store: Store, arguments: dict[str, object], code: str
) -> None:
    call: dict[str, object] = {"source": "RUS", "target": "IGOWSTNAT", **arguments}
    with pytest.raises(ExploreError) as error:
        dyad_series(store, **call)  # type: ignore[arg-type]
    assert error.value.code == code


def test_a_lowercase_pattern_gets_a_suggestion(store: Store) -> None:
    with pytest.raises(ExploreError, match=r"did you mean 'RUS'\?"):
        dyad_series(store, "rus", "IGOWSTNAT")
