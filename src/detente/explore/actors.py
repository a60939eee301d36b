"""Who acts, speaks and is named most, who acts on whom, and the network of those dyads.

`level` groups actor codes by their first characters (3: RUSGOV and RUSMIL count as RUS);
without it every code counts on its own. A date range selects events and quotes by their day
and mentions by their document's day (published, else stored).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from detente.explore import filters
from detente.explore.filters import Conditions, group_key
from detente.explore.results import ActorCount, DyadCount, Network, NetworkEdge, NetworkNode
from detente.store import Store

DOCUMENT_DAY = "coalesce(d.published, CAST(d.created_at AS DATE))"


def top_actors(
    store: Store,
    *,
    limit: int = 20,
    since: date | None = None,
    until: date | None = None,
    level: int | None = None,
) -> list[ActorCount]:
    """Actor codes by the events they take part in, then quotes, then mentions."""
    limit, _ = filters.page_window(limit, 0)
    level = filters.level(level)
    filters.date_range(since, until)
    counts = _actor_counts(store, level, since, until, limit=limit)
    names = _names(store, [row[0] for row in counts])
    return [
        ActorCount(
            code=code,
            name=names.get(code),
            events=int(events),
            as_source=int(as_source),
            as_target=int(as_target),
            quotes=int(quotes),
            mentions=int(mentions),
        )
        for code, events, as_source, as_target, quotes, mentions in counts
    ]


def top_dyads(
    store: Store,
    *,
    limit: int = 20,
    since: date | None = None,
    until: date | None = None,
    level: int | None = None,
) -> list[DyadCount]:
    """(source, target) pairs of two different codes by their number of events, most first."""
    limit, _ = filters.page_window(limit, 0)
    level = filters.level(level)
    filters.date_range(since, until)
    return [
        DyadCount(
            source=source,
            target=target,
            events=int(events),
            goldstein_mean=None if mean is None else float(mean),
            conflict=int(conflict),
            cooperation=int(cooperation),
        )
        for source, target, events, mean, conflict, cooperation in _dyads(
            store, level, since, until, limit=limit, min_events=1
        )
    ]


def actor_network(
    store: Store,
    *,
    limit_edges: int = 200,
    min_events: int = 1,
    since: date | None = None,
    until: date | None = None,
    level: int | None = None,
) -> Network:
    """The `limit_edges` heaviest directed dyads with at least `min_events` events, and the
    actors they connect, each with every event it takes part in within the date range."""
    limit_edges, _ = filters.page_window(limit_edges, 0)
    filters.MIN_EVENTS.check(min_events)
    level = filters.level(level)
    filters.date_range(since, until)
    edges = [
        NetworkEdge(
            source=source,
            target=target,
            weight=int(events),
            goldstein_mean=None if mean is None else float(mean),
        )
        for source, target, events, mean, _, _ in _dyads(
            store, level, since, until, limit=limit_edges, min_events=min_events
        )
    ]
    codes = sorted({edge.source for edge in edges} | {edge.target for edge in edges})
    if not codes:
        return Network(nodes=[], edges=[])
    counts = _actor_counts(store, level, since, until, codes=codes)
    names = _names(store, codes)
    nodes = [NetworkNode(code, names.get(code), int(events)) for code, events, *_ in counts]
    return Network(nodes=nodes, edges=edges)


def _actor_counts(
    store: Store,
    level: int | None,
    since: date | None,
    until: date | None,
    *,
    limit: int | None = None,
    codes: Sequence[str] = (),
) -> list[tuple[str, int, int, int, int, int]]:
    """Rows (code, events, as_source, as_target, quotes, mentions), most events first; all
    codes up to `limit`, or just `codes`.

    An event counts once for a code on both of its sides (as_source and as_target both count).
    """
    conditions = Conditions()
    bounds = conditions.bounds(since, until)
    source, target = group_key("source_code", level), group_key("target_code", level)
    speaker, actor = group_key("speaker_code", level), group_key("a.code", level)
    mentions_from = "actors a"
    if bounds.bounded:
        mentions_from += f" JOIN documents d ON d.id = a.document_id{bounds.on(DOCUMENT_DAY)}"
    selection = ""
    if codes:
        selection = f"WHERE code IN (SELECT unnest({conditions.parameter(list(codes))}::VARCHAR[]))"
    limited = "" if limit is None else f"LIMIT {conditions.parameter(limit)}"
    sql = f"""
        WITH counted AS (
            SELECT {source} AS code, 1 AS events, 1 AS as_source,
                   CASE WHEN {target} = {source} THEN 1 ELSE 0 END AS as_target,
                   0 AS quotes, 0 AS mentions
            FROM events WHERE source_code IS NOT NULL{bounds.on("day")}
            UNION ALL
            SELECT {target}, 1, 0, 1, 0, 0
            FROM events WHERE target_code IS NOT NULL{bounds.on("day")}
                AND ({source} IS NULL OR {source} <> {target})
            UNION ALL
            SELECT {speaker}, 0, 0, 0, 1, 0
            FROM quotes WHERE speaker_code IS NOT NULL{bounds.on("day")}
            UNION ALL
            SELECT {actor}, 0, 0, 0, 0, a.mention_count
            FROM {mentions_from} WHERE a.code IS NOT NULL
        )
        SELECT code, sum(events), sum(as_source), sum(as_target), sum(quotes), sum(mentions)
        FROM counted {selection}
        GROUP BY code
        ORDER BY 2 DESC, 5 DESC, 6 DESC, code
        {limited}
    """
    return [
        (code, int(events), int(as_source), int(as_target), int(quotes), int(mentions))
        for code, events, as_source, as_target, quotes, mentions in store.query(
            sql, conditions.parameters
        )
    ]


def _dyads(
    store: Store,
    level: int | None,
    since: date | None,
    until: date | None,
    *,
    limit: int,
    min_events: int,
) -> list[tuple[str, str, int, float | None, int, int]]:
    """Rows (source, target, events, Goldstein mean, conflict, cooperation), most events first."""
    conditions = Conditions()
    conditions.add("source_code IS NOT NULL")
    conditions.add("target_code IS NOT NULL")
    conditions.days("day", since, until)
    source, target = group_key("source_code", level), group_key("target_code", level)
    # a pair of one code (a meeting among NATO's ministers; USAGOV and USAELI at level 3) is no
    # relation between two actors
    conditions.add(f"{source} <> {target}")
    sql = f"""
        SELECT {source}, {target}, count(*), avg(goldstein),
               count(*) FILTER (WHERE quad_class IN (3, 4)),
               count(*) FILTER (WHERE quad_class IN (1, 2))
        FROM events {conditions.where()}
        GROUP BY 1, 2
        HAVING count(*) >= {conditions.parameter(min_events)}
        ORDER BY 3 DESC, 1, 2
        LIMIT {conditions.parameter(limit)}
    """
    return [
        (source, target, int(events), mean, int(conflict), int(cooperation))
        for source, target, events, mean, conflict, cooperation in store.query(
            sql, conditions.parameters
        )
    ]


def _names(store: Store, codes: Sequence[str]) -> dict[str, str]:
    """The name most often given to each of `codes` by actor records with exactly that code,
    else by the events' sides with it. A group of codes (RUS at level 3) is named only when an
    actor has its code itself: IGO, NATO and the UN together, has no name of its own."""
    if not codes:
        return {}
    names = _most_frequent(store, "SELECT code, name FROM actors", codes)
    missing = [code for code in codes if code not in names]
    if missing:
        named_in_events = """
            SELECT source_code AS code, source_name AS name FROM events
            UNION ALL
            SELECT target_code, target_name FROM events
        """
        names.update(_most_frequent(store, named_in_events, missing))
    return names


def _most_frequent(store: Store, named: str, codes: Sequence[str]) -> dict[str, str]:
    """code → its most frequent name in `named` (rows code, name), for `codes`."""
    sql = f"""
        WITH tallied AS (
            SELECT code, name, count(*) AS uses
            FROM ({named}) AS named
            WHERE name IS NOT NULL AND code IN (SELECT unnest($1::VARCHAR[]))
            GROUP BY code, name
        )
        SELECT code, name FROM (
            SELECT code, name,
                   row_number() OVER (PARTITION BY code ORDER BY uses DESC, name) AS position
            FROM tallied
        ) AS ranked
        WHERE position = 1
    """
    return dict(store.query(sql, [list(codes)]))
