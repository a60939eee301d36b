"""Dyad series: what one group of actors did to another, period by period."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from detente.explore import filters
from detente.explore.actors import readable_names
from detente.explore.filters import Conditions
from detente.explore.merge import DATED_BASES, count_of, events_from
from detente.explore.results import Count, Direction, DyadPoint, DyadSeries, Period
from detente.store import Store

QUAD_CLASSES = ("1", "2", "3", "4")
# The columns of an event a series reads (and matches the directions on).
SERIES_COLUMNS = ("source_code", "target_code", "day", "goldstein", "quad_class", "plover_type")


def dyad_series(
    store: Store,
    source: str,
    target: str,
    *,
    by: Period = "month",
    both_directions: bool = False,
    window: int = 3,
    since: date | None = None,
    until: date | None = None,
    include_undated: bool = False,
    count: Count = "events",
) -> DyadSeries:
    """Events from `source` to `target` (code patterns: RUS matches RUS, RUSGOV, RUSMIL) per
    week (starting Monday), month or year: counts, Goldstein mean and sum, QuadClass and PLOVER
    counts, and the thermometer.

    The thermometer of a period is the mean Goldstein score of the events of the last `window`
    calendar periods up to and including it (so weighted by events), per direction. Only
    periods with events in the date range are returned: quiet periods are not filled in, and a
    gap inside a window simply adds nothing to it. `both_directions` adds the target → source
    points as direction "backward". Events without a date of their own or of their document
    are left out, and counted in `undated`; `include_undated` plots those at the day their
    document was stored.

    `count="events"` counts each merged event once (the reports of one story that agree on
    source, target, CAMEO code and day: detente.explore.merge), its Goldstein score in the means,
    sums and the thermometer once; `count="reports"` counts every event row of every document.
    """
    source = filters.code_pattern(source, "source")
    target = filters.code_pattern(target, "target")
    by = filters.period(by)
    filters.WINDOW.check(window)
    filters.date_range(since, until)
    count = count_of(count)
    dialect = store.dialect
    rows = store.query(
        *_series_sql(
            source, target, by, both_directions, since, until, include_undated, count, dialect
        )
    )
    points = _with_thermometer(_tallies(rows), by, window)
    undated = _undated_count(store, source, target, both_directions, include_undated, count)
    names = readable_names(store, [source, target])
    return DyadSeries(
        source, target, by, window, points, undated, names.get(source), names.get(target), count
    )


def _undated_count(
    store: Store,
    source: str,
    target: str,
    both_directions: bool,
    include_undated: bool,
    count: Count,
) -> int:
    """Events of the dyad the series leaves out for want of a date."""
    conditions = Conditions()
    forward, backward = _directions(conditions, source, target)
    conditions.add(
        "day IS NULL" if include_undated else f"(day IS NULL OR day_basis NOT IN {DATED_BASES})"
    )
    matched = f"({forward}) OR ({backward})" if both_directions else forward
    where = f"{conditions.where()} AND ({matched})"
    rows = store.query(
        f"SELECT count(*) FROM {events_from(count, ('day',), where, store.dialect)}",
        conditions.parameters,
    )
    return int(rows[0][0])


def _directions(conditions: Conditions, source: str, target: str) -> tuple[str, str]:
    """The conditions of an event going source → target and target → source (code patterns)."""
    source_code = conditions.parameter(source)
    target_code = conditions.parameter(target)
    return (
        f"source_code LIKE {source_code} || '%' AND target_code LIKE {target_code} || '%'",
        f"source_code LIKE {target_code} || '%' AND target_code LIKE {source_code} || '%'",
    )


def _series_sql(
    source: str,
    target: str,
    by: Period,
    both_directions: bool,
    since: date | None,
    until: date | None,
    include_undated: bool,
    count: Count,
    dialect: str,
) -> tuple[str, list[Any]]:
    """Rows (period, direction, plover_type, events, scored events, Goldstein sum, quad class
    1..4 counts) of one statement; with count "events", of merged events."""
    conditions = Conditions()
    forward, backward = _directions(conditions, source, target)
    conditions.add("day IS NOT NULL")
    conditions.days("day", since, until)
    if not include_undated:
        conditions.add(f"day_basis IN {DATED_BASES}")
    where = conditions.where()
    if not both_directions:
        matched = f"""SELECT 'forward' AS direction, day, goldstein, quad_class, plover_type
            FROM {events_from(count, SERIES_COLUMNS, f"{where} AND {forward}", dialect)}"""
    elif source.startswith(target) or target.startswith(source):
        # An event may go both ways (RUSGOV → RUSMIL for RUS ↔ RUSGOV): one scan per direction.
        matched = "\nUNION ALL\n".join(
            f"""SELECT '{direction}' AS direction, day, goldstein, quad_class, plover_type
                FROM {events_from(count, SERIES_COLUMNS, f"{where} AND {condition}", dialect)}"""
            for direction, condition in (("forward", forward), ("backward", backward))
        )
    else:
        # Each event goes one way at most: one scan for both, a third faster.
        both = f"{where} AND (({forward}) OR ({backward}))"
        matched = f"""SELECT CASE WHEN {forward} THEN 'forward' ELSE 'backward' END AS direction,
                   day, goldstein, quad_class, plover_type
            FROM {events_from(count, SERIES_COLUMNS, both, dialect)}"""
    # `by` is one of PERIODS (checked), so it is safe to write into the statement.
    sql = f"""
        SELECT CAST(date_trunc('{by}', CAST(day AS TIMESTAMP)) AS DATE) AS period,
               direction, plover_type,
               count(*), count(goldstein), coalesce(sum(goldstein), 0),
               count(*) FILTER (WHERE quad_class = 1), count(*) FILTER (WHERE quad_class = 2),
               count(*) FILTER (WHERE quad_class = 3), count(*) FILTER (WHERE quad_class = 4)
        FROM ({matched}) AS matched
        GROUP BY 1, 2, 3
    """
    return sql, conditions.parameters


@dataclass
class _Tally:
    """One (period, direction), summed over the PLOVER types of its rows."""

    events: int = 0
    scored: int = 0  # events with a Goldstein score
    goldstein_sum: float = 0.0
    quad_class: dict[str, int] = field(default_factory=lambda: dict.fromkeys(QUAD_CLASSES, 0))
    plover: dict[str, int] = field(default_factory=dict)


def _tallies(rows: Sequence[tuple[Any, ...]]) -> dict[tuple[date, Direction], _Tally]:
    tallies: dict[tuple[date, Direction], _Tally] = {}
    for day, direction, plover_type, events, scored, goldstein_sum, *quads in rows:
        tally = tallies.setdefault((day, direction), _Tally())
        tally.events += int(events)
        tally.scored += int(scored)
        tally.goldstein_sum += float(goldstein_sum)
        for quad, count in zip(QUAD_CLASSES, quads, strict=True):
            tally.quad_class[quad] += int(count)
        if plover_type is not None:
            tally.plover[plover_type] = int(events)
    return tallies


def period_index(day: date, by: Period) -> int:
    """Consecutive periods have consecutive numbers (`day` is the first day of its period)."""
    if by == "year":
        return day.year
    if by == "month":
        return day.year * 12 + day.month - 1
    return (day.toordinal() - 1) // 7  # ordinal 1, 0001-01-01, is a Monday


def _with_thermometer(
    tallies: dict[tuple[date, Direction], _Tally], by: Period, window: int
) -> list[DyadPoint]:
    """The points, by period (forward first), each with the thermometer of its direction."""
    thermometer: dict[tuple[date, Direction], float | None] = {}
    for direction in ("forward", "backward"):
        days = sorted(day for day, side in tallies if side == direction)
        indexes = [period_index(day, by) for day in days]
        first = 0  # the oldest point inside the window of the current one
        for current, day in enumerate(days):
            while indexes[first] <= indexes[current] - window:
                first += 1
            in_window = [tallies[(other, direction)] for other in days[first : current + 1]]
            scored = sum(tally.scored for tally in in_window)
            goldstein_sum = math.fsum(tally.goldstein_sum for tally in in_window)
            thermometer[(day, direction)] = goldstein_sum / scored if scored else None
    return [
        DyadPoint(
            period=day,
            direction=direction,
            events=tally.events,
            goldstein_mean=tally.goldstein_sum / tally.scored if tally.scored else None,
            goldstein_sum=tally.goldstein_sum,
            quad_class=tally.quad_class,
            plover=dict(sorted(tally.plover.items())),
            thermometer=thermometer[(day, direction)],
        )
        for (day, direction), tally in sorted(
            tallies.items(), key=lambda item: (item[0][0], item[0][1] == "backward")
        )
    ]
