"""`detente export`: stored records as CSV, Parquet, JSON Lines, GDELT or POLECAT files.

Registered on the main app by detente.cli.commands. Exit codes as for every command: 0 done,
101 the database cannot be used or the file cannot be written, 102 a usage error (bad option,
parquet without --out, a folder that does not exist).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from detente.cli import EXIT_USAGE, err_console, print_error
from detente.cli.options import CountBy, DbOption
from detente.errors import Errors, ExportError
from detente.export import ExportFormat, ExportRequest, ExportTable, describe, export_records
from detente.settings import Settings
from detente.vocabulary import PARAMETERS

CONTRACT_NOTE = (
    "--table documents writes each stored document whole, one JSON object per line: the same "
    "objects as `detente extract --format jsonl`."
)


def _valid_since(value: str | None) -> str | None:
    return _valid_day(value, "--since")


def _valid_until(value: str | None) -> str | None:
    return _valid_day(value, "--until")


def _valid_day(value: str | None, option: str) -> str | None:
    if value is not None:
        try:
            date.fromisoformat(value)
        except ValueError:
            raise typer.BadParameter(Errors.E925.format(option=option, value=value)) from None
    return value


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value is not None else None


def export(
    output_format: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            help="csv, parquet, jsonl: one flat row per record; gdelt: the GDELT 2.0 event "
            "table; polecat: POLECAT-style PLOVER rows (both tab-separated).",
        ),
    ] = ExportFormat.csv,
    table: Annotated[
        ExportTable,
        typer.Option(
            "--table",
            help="Which records: events, quotes or actors; documents (the whole output "
            "contract) with --format jsonl.",
        ),
    ] = ExportTable.events,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            help="File to write (default: standard output; parquet needs a file).",
            metavar="PATH",
        ),
    ] = None,
    db: DbOption = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="Only records on or after this day (an event's own date, else the "
            "publication date).",
            metavar="YYYY-MM-DD",
            callback=_valid_since,
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--until",
            help="Only records on or before this day.",
            metavar="YYYY-MM-DD",
            callback=_valid_until,
        ),
    ] = None,
    count: Annotated[
        CountBy,
        typer.Option(
            PARAMETERS["count"].option,
            help="events: a row per event counted once per story (the reports of its "
            "near-duplicate documents that agree on source, target, CAMEO code and day), with "
            "num_articles, num_sources, num_mentions and every report's evidence; reports: a row "
            "per event read in each document (with its merged event's figures).",
        ),
    ] = CountBy.events,
    include_flagged: Annotated[
        bool,
        typer.Option(
            "--include-flagged",
            help="gdelt/polecat: keep negated, hypothetical and future events "
            "(left out by default: those formats cannot mark them).",
        ),
    ] = False,
    columns: Annotated[
        bool,
        typer.Option(
            "--columns", help="Print the columns of this export as a Markdown table, and exit."
        ),
    ] = False,
) -> None:
    """Write stored records as CSV, Parquet, JSON Lines, GDELT or POLECAT files."""
    request = ExportRequest(
        format=output_format,
        table=table,
        out=out,
        since=_day(since),
        until=_day(until),
        include_flagged=include_flagged,
        count=count.value,
    )
    try:
        request.check_selection()
        if columns:
            typer.echo(describe(request.columns) if request.columns else CONTRACT_NOTE)
            return
        request.check_destination()
    except ExportError as exc:
        print_error(str(exc))
        raise typer.Exit(EXIT_USAGE) from None
    from detente.store import open_store

    settings = Settings.from_env(db=db)
    with open_store(settings.db, read_only=True) as store:
        summary = export_records(store, request)
    err_console.print(Text(summary.line()), soft_wrap=True)
