"""One actor at a glance: its events over time by QuadClass, its partners and its quotes."""

from __future__ import annotations

from datetime import date
from typing import Any

from detente.explore import filters
from detente.explore.actors import readable_names
from detente.explore.dyads import QUAD_CLASSES
from detente.explore.filters import Conditions
from detente.explore.merge import DATED_BASES
from detente.explore.quotes import search_quotes
from detente.explore.results import ActorPeriod, ActorProfile, Partner, Period
from detente.store import Store


def actor_profile(
    store: Store,
    code: str,
    *,
    by: Period = "month",
    since: date | None = None,
    until: date | None = None,
    limit: int = 10,
) -> ActorProfile:
    """The events of `code` (a code pattern: RUS matches RUS, RUSGOV, RUSMIL) on either side per
    week, month or year by QuadClass, its `limit` partners with most events both ways, and its
    `limit` newest quotes (by speaker code).

    Periods are those of the dyad series: events without a date of their own or of their
    document are left out, and quiet periods are not filled in. A partner is a code on the
    other side of an event that does not itself match `code` (RUSGOV → RUSMIL is no partner of
    RUS).
    """
    code = filters.code_pattern(code, "code")
    by = filters.period(by)
    limit, _ = filters.page_window(limit, 0)
    filters.date_range(since, until)
    partners = _partners(store, code, since, until, limit)
    names = readable_names(store, [code, *(partner.code for partner in partners)])
    return ActorProfile(
        code=code,
        name=names.get(code),
        by=by,
        periods=_periods(store, code, by, since, until),
        partners=[
            Partner(p.code, names.get(p.code), p.events, p.outgoing, p.incoming, p.goldstein_mean)
            for p in partners
        ],
        quotes=search_quotes(store, actor=code, since=since, until=until, limit=limit).items,
    )


def _periods(
    store: Store, code: str, by: Period, since: date | None, until: date | None
) -> list[ActorPeriod]:
    conditions = Conditions()
    pattern = conditions.parameter(code)
    conditions.add(f"(source_code LIKE {pattern} || '%' OR target_code LIKE {pattern} || '%')")
    conditions.add(f"day IS NOT NULL AND day_basis IN {DATED_BASES}")
    conditions.days("day", since, until)
    # `by` is one of PERIODS (checked), so it is safe to write into the statement.
    rows = store.query(
        f"""
        SELECT CAST(date_trunc('{by}', CAST(day AS TIMESTAMP)) AS DATE) AS period, count(*),
               count(*) FILTER (WHERE quad_class = 1), count(*) FILTER (WHERE quad_class = 2),
               count(*) FILTER (WHERE quad_class = 3), count(*) FILTER (WHERE quad_class = 4)
        FROM events {conditions.where()}
        GROUP BY 1 ORDER BY 1
        """,
        conditions.parameters,
    )
    return [
        ActorPeriod(
            period=period,
            events=int(events),
            quad_class={quad: int(n) for quad, n in zip(QUAD_CLASSES, quads, strict=True)},
        )
        for period, events, *quads in rows
    ]


def _partners(
    store: Store, code: str, since: date | None, until: date | None, limit: int
) -> list[Partner]:
    """The partners, named later (one query names them all, and the actor)."""
    conditions = Conditions()
    pattern = conditions.parameter(code)
    bounds = conditions.bounds(since, until)
    as_source, as_target = (f"{side}_code LIKE {pattern} || '%'" for side in ("source", "target"))
    rows = store.query(
        f"""
        SELECT partner, count(*), sum(outgoing), sum(incoming), avg(goldstein) FROM (
            SELECT target_code AS partner, 1 AS outgoing, 0 AS incoming, goldstein FROM events
            WHERE {as_source} AND target_code IS NOT NULL AND NOT {as_target}{bounds.on("day")}
            UNION ALL
            SELECT source_code, 0, 1, goldstein FROM events
            WHERE {as_target} AND source_code IS NOT NULL AND NOT {as_source}{bounds.on("day")}
        ) AS sides
        GROUP BY partner
        ORDER BY count(*) DESC, partner
        LIMIT {conditions.parameter(limit)}
        """,
        conditions.parameters,
    )
    return [
        Partner(partner, None, int(events), int(outgoing), int(incoming), _mean(mean))
        for partner, events, outgoing, incoming, mean in rows
    ]


def _mean(value: Any) -> float | None:
    return None if value is None else float(value)
