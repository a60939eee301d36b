"""Who acts, speaks and is named most, who acts on whom, and the network of those dyads.

`level` groups actor codes by their first characters (3: RUSGOV and RUSMIL count as RUS);
without it every code counts on its own. A date range selects events and quotes by their day
and mentions by their document's day (published, else stored).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from detente.explore import filters
from detente.explore.filters import Conditions, group_key
from detente.explore.merge import count_of, events_from
from detente.explore.names import actor_name
from detente.explore.paging import fetch_page
from detente.explore.results import (
    ActorCount,
    Count,
    DyadCount,
    Network,
    NetworkEdge,
    NetworkNode,
    Page,
)
from detente.store import Store

DOCUMENT_DAY = "coalesce(d.published, CAST(d.created_at AS DATE))"
# Most events first; a tie goes to the one quoted, then named, more often.
BY_EVENTS = "t.events DESC, t.quotes DESC, t.mentions DESC, t.code"
DYAD_ORDER = "events DESC, source, target"
# The columns of an event a dyad count reads.
DYAD_COLUMNS = ("source_code", "target_code", "goldstein", "quad_class")


def top_actors(
    store: Store,
    *,
    q: str | None = None,
    limit: int = 20,
    offset: int = 0,
    since: date | None = None,
    until: date | None = None,
    level: int | None = None,
) -> Page[ActorCount]:
    """Actor codes by the events they take part in, then quotes, then mentions.

    `q` searches the actors by name, code or the words of a mention, in any case ("grushko"
    finds RUSGOV through Alexander Grushko): the code equal to it first, then codes, names or
    a word of a name starting with it, then those holding it anywhere, each group by events.
    Each code is named readably (`names.actor_name`), else by the name most often given to it;
    one found by a name or mention is `matched` by that name (the most frequent such). A blank
    `q` counts as not given.
    """
    limit, offset = filters.page_window(limit, offset)
    level = filters.level(level)
    filters.date_range(since, until)
    conditions = Conditions()
    head = _totals_sql(conditions, level, since, until)
    search = q.strip() if q is not None else ""
    if search:
        head += f", {_search_sql(conditions, search, level)}"
        found, name, order = "totals t JOIN best b ON b.code = t.code", "b.name", "b.rank, "
    else:
        found, name, order = "totals t", "CAST(NULL AS VARCHAR)", ""
    columns = f"t.code, t.events, t.as_source, t.as_target, t.quotes, t.mentions, {name}"
    page = fetch_page(
        store,
        conditions,
        limit,
        offset,
        page=lambda window: (
            f"""
            {head}
            SELECT {columns}, count(*) OVER () FROM {found}
            ORDER BY {order}{BY_EVENTS} {window}
        """
        ),
        count=f"{head} SELECT count(*) FROM {found}",
        convert=_actor_count,
    )
    names = readable_names(store, [actor.code for actor in page.items])
    named = [replace(actor, name=names.get(actor.code)) for actor in page.items]
    return Page(named, page.total, page.limit, page.offset)


def _actor_count(row: tuple[Any, ...]) -> ActorCount:
    code, events, as_source, as_target, quotes, mentions, matched = row
    return ActorCount(
        code=code,
        name=None,  # named after the page is fetched, a query for the whole page
        matched=matched,
        events=int(events),
        as_source=int(as_source),
        as_target=int(as_target),
        quotes=int(quotes),
        mentions=int(mentions),
    )


def top_dyads(
    store: Store,
    *,
    limit: int = 20,
    offset: int = 0,
    since: date | None = None,
    until: date | None = None,
    level: int | None = None,
    count: Count = "events",
) -> Page[DyadCount]:
    """(source, target) pairs of two different codes by their number of events, most first.

    `count="events"` counts each merged event once (detente.explore.merge: the reports of one
    story that agree on source, target, CAMEO code and day), "reports" every event row.
    """
    limit, offset = filters.page_window(limit, offset)
    level = filters.level(level)
    filters.date_range(since, until)
    conditions = Conditions()
    grouped = _dyads_sql(
        conditions, level, since, until, min_events=1, count=count_of(count), dialect=store.dialect
    )
    page = fetch_page(
        store,
        conditions,
        limit,
        offset,
        page=lambda window: (
            f"""
            SELECT *, count(*) OVER () FROM ({grouped}) AS dyads ORDER BY {DYAD_ORDER} {window}
        """
        ),
        count=f"SELECT count(*) FROM ({grouped}) AS dyads",
        convert=_dyad_count,
    )
    names = readable_names(store, [code for d in page.items for code in (d.source, d.target)])
    named = [
        replace(d, source_name=names.get(d.source), target_name=names.get(d.target))
        for d in page.items
    ]
    return Page(named, page.total, page.limit, page.offset)


def _dyad_count(row: tuple[Any, ...]) -> DyadCount:
    source, target, events, mean, conflict, cooperation = row
    return DyadCount(
        source=source,
        target=target,
        events=int(events),
        goldstein_mean=None if mean is None else float(mean),
        conflict=int(conflict),
        cooperation=int(cooperation),
    )


def actor_network(
    store: Store,
    *,
    limit_edges: int = 200,
    min_events: int = 1,
    since: date | None = None,
    until: date | None = None,
    level: int | None = None,
    count: Count = "events",
) -> Network:
    """The `limit_edges` heaviest directed dyads with at least `min_events` events, and the
    actors they connect, each with every event it takes part in within the date range; events
    counted as `count` says (see top_dyads), for the edges and the nodes alike."""
    limit_edges, _ = filters.page_window(limit_edges, 0)
    filters.MIN_EVENTS.check(min_events)
    level = filters.level(level)
    filters.date_range(since, until)
    count = count_of(count)
    conditions = Conditions()
    grouped = _dyads_sql(
        conditions, level, since, until, min_events=min_events, count=count, dialect=store.dialect
    )
    heaviest = f"{grouped} ORDER BY {DYAD_ORDER} LIMIT {conditions.parameter(limit_edges)}"
    edges = [
        NetworkEdge(dyad.source, dyad.target, dyad.events, dyad.goldstein_mean)
        for dyad in map(_dyad_count, store.query(heaviest, conditions.parameters))
    ]
    codes = sorted({edge.source for edge in edges} | {edge.target for edge in edges})
    if not codes:
        return Network(nodes=[], edges=[])
    conditions = Conditions()
    head = _totals_sql(
        conditions, level, since, until, codes=codes, count=count, dialect=store.dialect
    )
    counts = store.query(
        f"{head} SELECT t.code, t.events FROM totals t ORDER BY {BY_EVENTS}", conditions.parameters
    )
    names = readable_names(store, codes)
    nodes = [NetworkNode(code, names.get(code), int(events)) for code, events in counts]
    return Network(nodes=nodes, edges=edges)


def _totals_sql(
    conditions: Conditions,
    level: int | None,
    since: date | None,
    until: date | None,
    *,
    codes: Sequence[str] = (),
    count: Count = "reports",
    dialect: str = "duckdb",
) -> str:
    """`WITH counted AS (…), totals AS (…)`: the table `totals` (code, events, as_source,
    as_target, quotes, mentions) of every code, or just `codes`, its parameters in `conditions`.

    An event counts once for a code on both of its sides (as_source and as_target both count);
    with count "events", each merged event once (detente.explore.merge), the events merged
    once for both sides (and only those of `codes`, when given).
    """
    bounds = conditions.bounds(since, until)
    source, target = group_key("source_code", level), group_key("target_code", level)
    speaker, actor = group_key("speaker_code", level), group_key("a.code", level)
    mentions_from = "actors a"
    if bounds.bounded:
        mentions_from += f" JOIN documents d ON d.id = a.document_id{bounds.on(DOCUMENT_DAY)}"
    selection, listed = "", ""
    if codes:
        listed = f"(SELECT unnest({conditions.parameter(list(codes))}::VARCHAR[]))"
        selection = f"WHERE code IN {listed}"
    sides, days, merged = "events", bounds.on("day"), ""
    if count == "events":
        of_codes = f" AND ({source} IN {listed} OR {target} IN {listed})" if codes else ""
        where = f"WHERE (source_code IS NOT NULL OR target_code IS NOT NULL){days}{of_codes}"
        table = events_from(count, ("source_code", "target_code"), where, dialect)
        sides, days = "merged_events", ""
        merged = f"merged_events AS (SELECT * FROM {table}),"
    return f"""
        WITH {merged} counted AS (
            SELECT {source} AS code, 1 AS events, 1 AS as_source,
                   CASE WHEN {target} = {source} THEN 1 ELSE 0 END AS as_target,
                   0 AS quotes, 0 AS mentions
            FROM {sides} WHERE source_code IS NOT NULL{days}
            UNION ALL
            SELECT {target}, 1, 0, 1, 0, 0
            FROM {sides} WHERE target_code IS NOT NULL{days}
                AND ({source} IS NULL OR {source} <> {target})
            UNION ALL
            SELECT {speaker}, 0, 0, 0, 1, 0
            FROM quotes WHERE speaker_code IS NOT NULL{bounds.on("day")}
            UNION ALL
            SELECT {actor}, 0, 0, 0, 0, a.mention_count
            FROM {mentions_from} WHERE a.code IS NOT NULL
        ),
        totals AS (
            SELECT code, sum(events) AS events, sum(as_source) AS as_source,
                   sum(as_target) AS as_target, sum(quotes) AS quotes, sum(mentions) AS mentions
            FROM counted {selection}
            GROUP BY code
        )
    """


def _search_sql(conditions: Conditions, search: str, level: int | None) -> str:
    """`matched AS (…), best AS (…)`: each code (or its first `level` characters) of an actor
    whose code, name or a mention holds `search` in any case, with its best `rank` (0 the code
    itself, 1 a code, name or word of a name starting with it, 2 anywhere) and, when a name or
    a mention held it, the best of those names: one starting with it before one holding it,
    then the one most often given (NULL when only codes held it).

    strpos, not LIKE: a % or _ in the search is a character to find, not a wildcard.
    """
    code = group_key("a.code", level)
    upper = conditions.parameter(search.upper())
    lower = conditions.parameter(search.lower())
    word = conditions.parameter(" " + search.lower())
    named = f"""(strpos(lower(a.name), {lower}) > 0 OR EXISTS (
        SELECT 1 FROM actor_mentions m
        WHERE m.document_id = a.document_id AND m.actor_id = a.actor_id
          AND strpos(lower(m.text), {lower}) > 0
    ))"""
    starts = f"(strpos(lower(a.name), {lower}) = 1 OR strpos(lower(a.name), {word}) > 0)"
    return f"""
        matched AS (
            SELECT {code} AS code, a.name,
                   CASE WHEN {code} = {upper} THEN 0
                        WHEN strpos({code}, {upper}) = 1 OR {starts} THEN 1
                        ELSE 2 END AS rank,
                   CASE WHEN {starts} THEN 1 WHEN {named} THEN 2 ELSE 3 END AS name_rank
            FROM actors a
            WHERE a.code IS NOT NULL AND (strpos({code}, {upper}) > 0 OR {named})
        ),
        best AS (
            SELECT code, rank, CASE WHEN name_rank < 3 THEN name END AS name FROM (
                SELECT code, name, name_rank, min(min(rank)) OVER (PARTITION BY code) AS rank,
                       row_number() OVER (
                           PARTITION BY code ORDER BY name_rank, count(*) DESC, name
                       ) AS position
                FROM matched
                GROUP BY code, name, name_rank
            ) AS ranked
            WHERE position = 1
        )
    """


def _dyads_sql(
    conditions: Conditions,
    level: int | None,
    since: date | None,
    until: date | None,
    *,
    min_events: int,
    count: Count,
    dialect: str,
) -> str:
    """Rows (source, target, events, goldstein_mean, conflict, cooperation) of every dyad with
    at least `min_events` events (or merged events: see top_dyads), unordered; `conditions`
    (fresh) takes its WHERE clause."""
    conditions.add("source_code IS NOT NULL")
    conditions.add("target_code IS NOT NULL")
    conditions.days("day", since, until)
    source, target = group_key("source_code", level), group_key("target_code", level)
    # a pair of one code (a meeting among NATO's ministers; USAGOV and USAELI at level 3) is no
    # relation between two actors
    conditions.add(f"{source} <> {target}")
    return f"""
        SELECT {source} AS source, {target} AS target, count(*) AS events,
               avg(goldstein) AS goldstein_mean,
               count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict,
               count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation
        FROM {events_from(count, DYAD_COLUMNS, conditions.where(), dialect)}
        GROUP BY 1, 2
        HAVING count(*) >= {conditions.parameter(min_events)}
    """


def readable_names(store: Store, codes: Sequence[str]) -> dict[str, str]:
    """Each of `codes` by its readable name (`names.actor_name`), else by `_names`."""
    known = {code: name for code in codes if (name := actor_name(code)) is not None}
    return known | _names(store, sorted({code for code in codes if code not in known}))


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
