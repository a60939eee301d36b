"""Whole listings as CSV: every match of a list's filters, streamed a page at a time.

The columns are the listed record's own fields (`explore.results.flat_columns`), so a download
holds what the JSON list gives, flat: a span as its _start, _end and _text, the document's
title beside its id. Rows are written as pages come (memory stays flat whatever the size); the
first page is read before the answer starts, so a filter the query refuses is still a coded
400, not a broken download.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from itertools import chain
from typing import Any

from fastapi.responses import StreamingResponse

from detente.explore.paging import every_page
from detente.explore.results import Page, flat_columns, flat_values
from detente.export.writers import text_value

PAGE_ROWS = 1000  # rows a statement reads; one chunk of the answer


def csv_download(
    name: str, record_type: type, fetch: Callable[[int, int, str | None], Page[Any]]
) -> StreamingResponse:
    """`fetch(limit, offset, after)`'s pages as `NAME.csv`, with a header row."""
    pages = every_page(lambda offset, after: fetch(PAGE_ROWS, offset, after), PAGE_ROWS)
    first = next(pages)
    return StreamingResponse(
        _lines(flat_columns(record_type), chain([first], pages)),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
    )


def _lines(columns: tuple[str, ...], pages: Iterator[Page[Any]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for page in pages:
        for item in page.items:
            writer.writerow([text_value(value) for value in flat_values(item)])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
