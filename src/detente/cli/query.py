"""`detente query …`: the explore queries (detente.explore) as Rich tables, or as JSON.

Each command opens the database read-only and never creates it. Errors of ours (a bad code
pattern, a missing database) propagate to `detente.cli.main`, which prints them on one line.
Options are the REST API's query parameters, dashed (`--quad-class` is `?quad_class=`), with
their help, from `detente.vocabulary`; lists print the API's page with `--json`.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from detente.cli.options import CountBy, DbOption
from detente.settings import Settings
from detente.vocabulary import PARAMETERS

if TYPE_CHECKING:
    from detente.explore import DyadSeries, EventRow, Page, QuoteHit
    from detente.store import Store

query_app = typer.Typer(
    help="Explore the stored records: dyad series, top actors and dyads, quotes, events.",
    no_args_is_help=True,
)
console = Console()

SPARK = "▁▂▃▄▅▆▇█"
GOLDSTEIN_RANGE = 10.0  # the Goldstein scale runs from −10 to +10
EVENT_FLAGS = ("negated", "hypothetical", "future", "historical")
EVIDENCE_CHARS = 160  # longer quotes and evidence are cut in tables (--json has them whole)


class By(StrEnum):
    week = "week"
    month = "month"
    year = "year"


def _day(value: datetime | None) -> date | None:
    return value.date() if value is not None else None


def option(name: str, **settings: Any) -> Any:
    """The option of the query parameter `name`: `--quad-class` for quad_class, its help."""
    parameter = PARAMETERS[name]
    return typer.Option(parameter.option, help=parameter.help + ".", **settings)


def flag(name: str) -> Any:
    """`--negated/--not-negated`: only the events with the flag, or only those without."""
    parameter = PARAMETERS[name]
    negative = "--not-" + parameter.option.removeprefix("--")
    return typer.Option(f"{parameter.option}/{negative}", help=parameter.help + ".")


JsonOption = Annotated[
    bool, typer.Option("--json", help="Print the result as JSON instead of a table.")
]
SinceOption = Annotated[datetime | None, option("since", formats=["%Y-%m-%d"])]
UntilOption = Annotated[datetime | None, option("until", formats=["%Y-%m-%d"])]
LimitOption = Annotated[int, option("limit", min=1)]
OffsetOption = Annotated[int, option("offset", min=0)]
AfterOption = Annotated[str | None, option("after", metavar="CURSOR")]
LevelOption = Annotated[int | None, option("level", min=1)]
CountOption = Annotated[CountBy, option("count")]


def code_argument(name: str) -> Any:
    return typer.Argument(help=PARAMETERS[name].help + ".")


@contextmanager
def _store(db: str | None) -> Iterator[Store]:
    """The database, read-only: a DuckDB file that does not exist is StoreError E711."""
    from detente.store import open_store

    settings = Settings.from_env(db=db)
    with open_store(settings.db, read_only=True) as store:
        yield store


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _signed(value: float | None) -> str:
    from detente.explore.documents import signed

    return "" if value is None else signed(value)


def _spark(value: float | None) -> str:
    """One bar for a Goldstein value: the lowest for −10, the highest for +10."""
    if value is None:
        return " "
    share = (max(-GOLDSTEIN_RANGE, min(GOLDSTEIN_RANGE, value)) + GOLDSTEIN_RANGE) / (
        2 * GOLDSTEIN_RANGE
    )
    return SPARK[min(len(SPARK) - 1, int(share * len(SPARK)))]


def _cut(text: str, limit: int = EVIDENCE_CHARS) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _period_label(day: date, by: str) -> str:
    if by == "year":
        return str(day.year)
    if by == "month":
        return day.strftime("%Y-%m")
    return day.isoformat()


def _numbers(table: Table, *names: str) -> None:
    for name in names:
        table.add_column(name, justify="right")


def _page_caption(page: Page[Any]) -> str:
    if not page.items:
        return f"no matches (of {page.total:,})" if page.offset else "no matches"
    first, last = page.offset + 1, page.offset + len(page.items)
    caption = f"{first:,}–{last:,} of {page.total:,}"
    if page.next is not None:
        caption += f"; next page: --after {page.next}"
    elif last < page.total:
        caption += f"; next page: --offset {last}"
    return caption


@query_app.command()
def dyad(
    source: Annotated[str, code_argument("source")],
    target: Annotated[str, code_argument("target")],
    by: Annotated[By, option("by")] = By.month,
    both: Annotated[bool, option("both")] = False,
    window: Annotated[int, option("window", min=1)] = 3,
    since: SinceOption = None,
    until: UntilOption = None,
    include_undated: Annotated[bool, option("include_undated")] = False,
    count: CountOption = CountBy.events,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Events from SOURCE to TARGET per period: counts, Goldstein, QuadClass, thermometer."""
    from detente.explore import dyad_series

    with _store(db) as store:
        series = dyad_series(
            store,
            source,
            target,
            by=by.value,
            both_directions=both,
            window=window,
            since=_day(since),
            until=_day(until),
            include_undated=include_undated,
            count=count.value,
        )
    if as_json:
        _print_json(series.to_dict())
        return
    console.print(_dyad_table(series, both))
    if series.undated:
        console.print(
            f"{series.undated:,} events without a date left out (--include-undated plots them "
            "on the day their document was stored)"
        )


def _dyad_table(series: DyadSeries, both: bool) -> Table:
    arrow = "↔" if both else "→"
    table = Table(
        title=f"{series.source} {arrow} {series.target} by {series.by}", title_justify="left"
    )
    table.add_column(series.by, no_wrap=True, min_width=len(_period_label(date.min, series.by)))
    if both:
        table.add_column("")
    _numbers(table, series.count, "Goldstein", "sum", "quad 1/2/3/4")
    table.add_column("PLOVER")
    table.add_column(f"thermometer ({series.window})", justify="right", no_wrap=True)
    for point in series.points:
        plover = sorted(point.plover.items(), key=lambda item: (-item[1], item[0]))
        row = [_period_label(point.period, series.by)]
        if both:
            row.append("→" if point.direction == "forward" else "←")
        row += [
            f"{point.events:,}",
            _signed(point.goldstein_mean),
            _signed(point.goldstein_sum),
            "/".join(f"{point.quad_class[quad]:,}" for quad in ("1", "2", "3", "4")),
            ", ".join(f"{name} {count}" for name, count in plover[:3]),
            f"{_signed(point.thermometer)} {_spark(point.thermometer)}",
        ]
        table.add_row(*row)
    lines = []
    for direction, arrow_sign in (("forward", "→"), ("backward", "←")):
        points = [p for p in series.points if p.direction == direction]
        if points:
            spark = "".join(_spark(p.thermometer) for p in points)
            lines.append(f"{arrow_sign} thermometer {spark}")
    table.caption = "\n".join(lines) if lines else "no events"
    return table


@query_app.command()
def actors(
    q: Annotated[str | None, typer.Argument(help=PARAMETERS["q"].help + ".")] = None,
    limit: LimitOption = 20,
    offset: OffsetOption = 0,
    since: SinceOption = None,
    until: UntilOption = None,
    level: LevelOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Actor codes by the events they take part in, then quotes and mentions; or those found
    by a name, code or mention (Q)."""
    from detente.explore import top_actors

    with _store(db) as store:
        page = top_actors(
            store,
            q=q,
            limit=limit,
            offset=offset,
            since=_day(since),
            until=_day(until),
            level=level,
        )
    if as_json:
        _print_json(page.to_dict())
        return
    title = f"actors matching {q.strip()!r}" if q and q.strip() else "top actors"
    table = Table(title=title, title_justify="left")
    table.add_column("code")
    table.add_column("name")
    _numbers(table, "events", "as source", "as target", "quotes", "mentions")
    for actor in page.items:
        table.add_row(
            actor.code,
            actor.name or "",
            f"{actor.events:,}",
            f"{actor.as_source:,}",
            f"{actor.as_target:,}",
            f"{actor.quotes:,}",
            f"{actor.mentions:,}",
        )
    table.caption = _page_caption(page)
    console.print(table)


@query_app.command()
def dyads(
    limit: LimitOption = 20,
    offset: OffsetOption = 0,
    since: SinceOption = None,
    until: UntilOption = None,
    level: LevelOption = None,
    count: CountOption = CountBy.events,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """(source, target) pairs by their number of events."""
    from detente.explore import top_dyads

    with _store(db) as store:
        page = top_dyads(
            store,
            limit=limit,
            offset=offset,
            since=_day(since),
            until=_day(until),
            level=level,
            count=count.value,
        )
    if as_json:
        _print_json(page.to_dict())
        return
    table = Table(title="top dyads", title_justify="left")
    table.add_column("source")
    table.add_column("target")
    _numbers(table, count.value, "Goldstein", "cooperation", "conflict")
    for pair in page.items:
        table.add_row(
            pair.source,
            pair.target,
            f"{pair.events:,}",
            _signed(pair.goldstein_mean),
            f"{pair.cooperation:,}",
            f"{pair.conflict:,}",
        )
    table.caption = _page_caption(page)
    console.print(table)


@query_app.command()
def network(
    limit_edges: Annotated[int, option("limit_edges", min=1)] = 200,
    min_events: Annotated[int, option("min_events", min=1)] = 1,
    since: SinceOption = None,
    until: UntilOption = None,
    level: LevelOption = None,
    count: CountOption = CountBy.events,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """The actor network: directed edges weighted by events, and the actors they connect."""
    from detente.explore import actor_network

    with _store(db) as store:
        graph = actor_network(
            store,
            limit_edges=limit_edges,
            min_events=min_events,
            since=_day(since),
            until=_day(until),
            level=level,
            count=count.value,
        )
    if as_json:
        _print_json(graph.to_dict())
        return
    names = {node.code: node.name for node in graph.nodes}
    table = Table(title="actor network", title_justify="left")
    table.add_column("source")
    table.add_column("target")
    _numbers(table, count.value, "Goldstein")
    for edge in graph.edges:
        table.add_row(
            _named(edge.source, names),
            _named(edge.target, names),
            f"{edge.weight:,}",
            _signed(edge.goldstein_mean),
        )
    table.caption = f"{len(graph.nodes):,} actors, {len(graph.edges):,} edges"
    console.print(table)


def _named(code: str, names: dict[str, str | None]) -> str:
    name = names.get(code)
    return f"{code} ({name})" if name else code


@query_app.command()
def quotes(
    text: Annotated[str | None, option("text")] = None,
    speaker: Annotated[str | None, option("speaker")] = None,
    organization: Annotated[str | None, option("organization")] = None,
    actor: Annotated[str | None, option("actor")] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: LimitOption = 20,
    offset: OffsetOption = 0,
    after: AfterOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Quotes by words, speaker, organisation, speaker's actor code and date."""
    from detente.explore import search_quotes

    with _store(db) as store:
        page = search_quotes(
            store,
            text=text,
            speaker=speaker,
            organization=organization,
            actor=actor,
            since=_day(since),
            until=_day(until),
            limit=limit,
            offset=offset,
            after=after,
        )
    if as_json:
        _print_json(page.to_dict())
    else:
        console.print(_quotes_table(page, ranked=bool(text and text.strip())))


def _quotes_table(page: Page[QuoteHit], ranked: bool) -> Table:
    table = Table(title="quotes", title_justify="left")
    table.add_column("day", no_wrap=True, min_width=10)
    table.add_column("speaker")
    table.add_column("quote")
    if ranked:
        _numbers(table, "score")
    table.add_column("document")
    for hit in page.items:
        who = hit.speaker_name or ""
        if hit.speaker_code:
            who += f" ({hit.speaker_code})"
        row = [hit.day.isoformat() if hit.day else "", who, _cut(hit.content.text)]
        if ranked:
            row.append(f"{hit.score:.2f}" if hit.score is not None else "")
        row.append(f"{hit.document_id} {hit.quote_id}")
        table.add_row(*row)
    table.caption = _page_caption(page)
    return table


@query_app.command()
def events(
    source: Annotated[str | None, option("source")] = None,
    target: Annotated[str | None, option("target")] = None,
    actor: Annotated[str | None, option("actor")] = None,
    plover_type: Annotated[str | None, option("plover_type")] = None,
    cameo: Annotated[str | None, option("cameo")] = None,
    quad_class: Annotated[int | None, option("quad_class", min=1, max=4)] = None,
    since: SinceOption = None,
    until: UntilOption = None,
    negated: Annotated[bool | None, flag("negated")] = None,
    hypothetical: Annotated[bool | None, flag("hypothetical")] = None,
    future: Annotated[bool | None, flag("future")] = None,
    historical: Annotated[bool | None, flag("historical")] = None,
    document_id: Annotated[str | None, option("document_id")] = None,
    limit: LimitOption = 50,
    offset: OffsetOption = 0,
    after: AfterOption = None,
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """Stored events, newest first, with the sentence that says so."""
    from detente.explore import list_events

    with _store(db) as store:
        page = list_events(
            store,
            source=source,
            target=target,
            actor=actor,
            plover_type=plover_type,
            cameo=cameo,
            quad_class=quad_class,
            since=_day(since),
            until=_day(until),
            negated=negated,
            hypothetical=hypothetical,
            future=future,
            historical=historical,
            document_id=document_id,
            limit=limit,
            offset=offset,
            after=after,
        )
    if as_json:
        _print_json(page.to_dict())
    else:
        console.print(_events_table(page))


def _events_table(page: Page[EventRow]) -> Table:
    table = Table(title="events", title_justify="left")
    table.add_column("day", no_wrap=True, min_width=10)
    table.add_column("source → target")
    table.add_column("type")
    _numbers(table, "Goldstein")
    table.add_column("flags")
    table.add_column("evidence")
    table.add_column("document")
    for event in page.items:
        table.add_row(
            event.day.isoformat() if event.day else "",
            f"{event.source_code or '–'} → {event.target_code or '–'}",
            " ".join(part for part in (event.plover_type, event.cameo) if part),
            _signed(event.goldstein),
            _flags(event),
            _cut(event.evidence.text),
            f"{event.document_id} {event.event_id}",
        )
    table.caption = _page_caption(page)
    return table


def _flags(event: EventRow) -> str:
    return ", ".join(name for name in EVENT_FLAGS if getattr(event, name))
