"""Exports: stored records as files that R, pandas and event-data tools read.

    export_records(store, ExportRequest(format=..., table=..., out=...)) → ExportSummary

Formats: csv, parquet and jsonl write one flat row per event, quote or actor (columns.py
documents every column); jsonl also writes whole documents (`table=documents`: the output
contract, one per line); gdelt writes the GDELT 2.0 event table, polecat POLECAT-style PLOVER
rows, both tab-separated with a header. Records are read with `Store.documents()`, one stored
document at a time, and written as they come.

GDELT and POLECAT have no way to mark an event as negated, hypothetical or future, so those
events stay out of them unless `include_flagged` (historical events, which did happen, stay
in); the flat formats carry every flag as a column.

Events are counted once per story (merged.py): the reports of one event in the near-duplicate
documents of a story (and again within one document) are one row, carrying how many documents,
outlets and sentences report it (`num_articles`, `num_sources`, `num_mentions`; GDELT's
NumArticles, NumSources, NumMentions) and every report's evidence (`reports`).
`count="reports"` writes a row for every report instead, each with its merged event's figures.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from detente.errors import Errors, ExportError
from detente.export.columns import (
    ACTOR_COLUMNS,
    EVENT_COLUMNS,
    GDELT_COLUMNS,
    POLECAT_COLUMNS,
    QUOTE_COLUMNS,
    Column,
    describe,
)
from detente.export.gdelt import date_added, gdelt_row
from detente.export.merged import Merges, Selection
from detente.export.polecat import polecat_rows
from detente.export.rows import (
    DateWindow,
    Record,
    StoredDocument,
    actor_row,
    event_day,
    event_row,
    is_flagged,
    quote_row,
)
from detente.export.writers import (
    DelimitedWriter,
    JsonLinesWriter,
    ParquetWriter,
    RowWriter,
    file_in_place,
    scratch_folder,
)

if TYPE_CHECKING:
    from detente.explore.results import Count
    from detente.store import Store

__all__ = [
    "ACTOR_COLUMNS",
    "EVENT_COLUMNS",
    "GDELT_COLUMNS",
    "POLECAT_COLUMNS",
    "QUOTE_COLUMNS",
    "Column",
    "ExportFormat",
    "ExportRequest",
    "ExportSummary",
    "ExportTable",
    "describe",
    "export_records",
]


class ExportFormat(StrEnum):
    csv = "csv"
    parquet = "parquet"
    jsonl = "jsonl"
    gdelt = "gdelt"
    polecat = "polecat"


class ExportTable(StrEnum):
    events = "events"
    quotes = "quotes"
    actors = "actors"
    documents = "documents"


EVENT_FORMATS = frozenset({ExportFormat.gdelt, ExportFormat.polecat})
FLAT_COLUMNS = {
    ExportTable.events: EVENT_COLUMNS,
    ExportTable.quotes: QUOTE_COLUMNS,
    ExportTable.actors: ACTOR_COLUMNS,
}


@dataclass(frozen=True, slots=True)
class ExportRequest:
    """What to export, where to, and which records. `out=None` writes to a text stream."""

    format: ExportFormat = ExportFormat.csv
    table: ExportTable = ExportTable.events
    out: Path | None = None
    since: date | None = None
    until: date | None = None
    include_flagged: bool = False
    count: Count = "events"  # events: a row per merged event; reports: a row per report

    @property
    def columns(self) -> tuple[Column, ...]:
        """The columns written; empty for whole documents (they are the output contract)."""
        if self.format is ExportFormat.gdelt:
            return GDELT_COLUMNS
        if self.format is ExportFormat.polecat:
            return POLECAT_COLUMNS
        return FLAT_COLUMNS.get(self.table, ())

    def check(self) -> None:
        """Raise ExportError when the request cannot be carried out as given."""
        self.check_selection()
        self.check_destination()

    def check_selection(self) -> None:
        """Raise ExportError for a table the format cannot hold, or an empty date range."""
        if self.format in EVENT_FORMATS and self.table is not ExportTable.events:
            raise ExportError(
                Errors.E923.format(
                    format=self.format,
                    table=str(self.table),
                    fix=f"{self.format} files hold events only; leave out --table",
                )
            )
        if self.table is ExportTable.documents and self.format is not ExportFormat.jsonl:
            raise ExportError(
                Errors.E923.format(
                    format=self.format,
                    table=str(self.table),
                    fix="whole documents export as --format jsonl only (the output contract, "
                    "one document per line)",
                )
            )
        if self.since and self.until and self.since > self.until:
            raise ExportError(Errors.E924.format(since=self.since, until=self.until))

    def check_destination(self) -> None:
        """Raise ExportError when the output cannot go where `out` says."""
        if self.out is None:
            if self.format is ExportFormat.parquet:
                raise ExportError(Errors.E920)
            return
        if self.out.is_dir():
            example = self.out / f"{self.table}.{self.suffix}"
            raise ExportError(Errors.E922.format(path=self.out, example=example))
        if not self.out.parent.is_dir():
            raise ExportError(Errors.E921.format(path=self.out, folder=self.out.parent))

    @property
    def suffix(self) -> str:
        """The usual file name ending of the format."""
        return "tsv" if self.format in EVENT_FORMATS else str(self.format)


@dataclass(slots=True)
class ExportSummary:
    """What one export wrote."""

    table: ExportTable
    out: Path | None
    rows: int = 0
    documents: int = 0  # stored documents read
    flagged_left_out: int = 0  # negated/hypothetical/future events (gdelt, polecat)
    untyped_left_out: int = 0  # events without a PLOVER type (polecat)
    undated_left_out: int = 0  # events without an own or publication date (gdelt, polecat)
    merged_left_out: int = 0  # reports written as part of their story's merged event

    def line(self) -> str:
        """The one-line summary the CLI prints."""
        target = str(self.out) if self.out else "standard output"
        parts = [
            f"exported {self.rows:,} {self.table} from {self.documents:,} documents to {target}"
        ]
        if self.flagged_left_out:
            parts.append(
                f"{self.flagged_left_out:,} negated, hypothetical or future events "
                "left out (--include-flagged keeps them)"
            )
        if self.untyped_left_out:
            parts.append(f"{self.untyped_left_out:,} statements without a PLOVER type left out")
        if self.merged_left_out:
            parts.append(
                f"{self.merged_left_out:,} more reports of the same events in one story merged "
                "into them (--count reports writes each)"
            )
        if self.undated_left_out:
            parts.append(
                f"{self.undated_left_out:,} events without a date left out (no date of their "
                "own and no publication date: see --published and --date-from-name)"
            )
        return "; ".join(parts)


def export_records(
    store: Store, request: ExportRequest, stream: IO[str] | None = None
) -> ExportSummary:
    """Write the records `request` asks for; raises ExportError (E920–E927).

    Without `request.out` the rows go to `stream` (standard output by default).
    """
    request.check()
    summary = ExportSummary(request.table, request.out)
    if request.out is None:
        _export_to(stream or sys.stdout, store, request, summary)
        return summary
    try:
        with file_in_place(request.out) as scratch:
            if request.format is ExportFormat.parquet:
                with (
                    scratch_folder(request.out) as folder,
                    contextlib.closing(ParquetWriter(scratch, request.columns, folder)) as writer,
                ):
                    _write_rows(writer, store, request, summary)
            else:
                with scratch.open("x", encoding="utf-8", newline="") as out:
                    _export_to(out, store, request, summary)
    except OSError as exc:
        detail = exc.strerror or str(exc)
        raise ExportError(Errors.E927.format(path=request.out, detail=detail)) from exc
    return summary


def _export_to(
    stream: IO[str], store: Store, request: ExportRequest, summary: ExportSummary
) -> None:
    if request.table is ExportTable.documents:
        window = DateWindow(request.since, request.until)
        for contract in store.documents():
            summary.documents += 1
            document = StoredDocument.of(contract)
            if window.covers(document.published):
                stream.write(JsonLinesWriter.line(contract))
                summary.rows += 1
        return
    writer: RowWriter
    if request.format is ExportFormat.jsonl:
        writer = JsonLinesWriter(stream, request.columns)
    else:
        delimiter = "," if request.format is ExportFormat.csv else "\t"
        writer = DelimitedWriter(stream, request.columns, delimiter=delimiter)
    _write_rows(writer, store, request, summary)


def _write_rows(
    writer: RowWriter, store: Store, request: ExportRequest, summary: ExportSummary
) -> None:
    names = [column.name for column in request.columns]
    added = date_added(datetime.now(UTC))
    merges = Merges()
    if request.table is ExportTable.events:
        merges = Merges.read(store, _selection(request))
    for contract in store.documents():
        summary.documents += 1
        for row in _rows(StoredDocument.of(contract), request, summary, added, merges):
            writer.write([row[name] for name in names])
            summary.rows += 1
    writer.finish()


def _selection(request: ExportRequest) -> Selection:
    """The events the export writes, as `_rows` and `_plain` select them."""
    plain = request.format in EVENT_FORMATS
    return Selection(
        since=request.since,
        until=request.until,
        dated=plain,
        include_flagged=request.include_flagged or not plain,
        typed=request.format is ExportFormat.polecat,
    )


def _rows(
    document: StoredDocument,
    request: ExportRequest,
    summary: ExportSummary,
    added: int,
    merges: Merges,
) -> Iterator[dict[str, Any]]:
    window = DateWindow(request.since, request.until)
    if request.table is ExportTable.quotes:
        if window.covers(document.published):
            yield from (quote_row(quote, document) for quote in document.records("quotes"))
        return
    if request.table is ExportTable.actors:
        if window.covers(document.published):
            yield from (actor_row(actor, document) for actor in document.records("actors"))
        return
    events = document.records("events")
    if window.bounded:
        events = [e for e in events if window.covers(event_day(e, document.published)[0])]
    if request.format in EVENT_FORMATS:
        events = _plain(events, document, request, summary)
    merged = []
    for event in events:
        found, first = merges.of(document.id, event)
        if first or request.count == "reports":
            merged.append((event, found))
        else:
            summary.merged_left_out += 1
    if request.format is ExportFormat.gdelt:
        yield from (gdelt_row(event, document, added, found) for event, found in merged)
    elif request.format is ExportFormat.polecat:
        yield from polecat_rows(document, [event for event, _ in merged])
    else:
        yield from (
            event_row(event, document, found.values() if found else None) for event, found in merged
        )


def _plain(
    events: list[Record], document: StoredDocument, request: ExportRequest, summary: ExportSummary
) -> list[Record]:
    """The events a GDELT or POLECAT file can hold: dated (their day is a required column)."""
    dated = [event for event in events if event_day(event, document.published)[0] is not None]
    summary.undated_left_out += len(events) - len(dated)
    events = dated
    if not request.include_flagged:
        kept = [event for event in events if not is_flagged(event)]
        summary.flagged_left_out += len(events) - len(kept)
        events = kept
    if request.format is ExportFormat.polecat:
        kept = [event for event in events if event.get("plover")]
        summary.untyped_left_out += len(events) - len(kept)
        events = kept
    return events
