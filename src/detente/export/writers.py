"""Writers: rows (values in column order) to CSV, tab-separated text, JSON Lines or Parquet.

Each writes as rows come, so an export of any size runs in flat memory: text formats go
straight to their stream; Parquet rows go to a scratch JSON Lines file beside the output, which
DuckDB turns into Parquet at the end. A file appears under its name only when complete: the
output is written to a hidden scratch file, renamed on success.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import re
import secrets
import tempfile
from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import IO, Any, Protocol

from detente.export.columns import Column

# DuckDB's memory while it turns the rows into Parquet; row groups are cut by size so that rows
# of long texts fit in it (without the cap DuckDB took 800 MB for a million events).
PARQUET_MEMORY_LIMIT = "256MB"
PARQUET_ROW_GROUP_BYTES = "32MB"
# GDELT-style files hold one record per line: tabs and line breaks inside a value become spaces.
_LINE_BREAKING = re.compile(r"[\t\r\n\v\f\x1c-\x1e\x85\u2028\u2029]+")


class RowWriter(Protocol):
    def write(self, row: Sequence[Any]) -> None: ...

    def finish(self) -> None:
        """Complete the output after the last row (a Parquet file is written here)."""
        ...


def text_value(value: Any) -> str:
    """How a value reads in CSV and tab-separated files: empty for NULL, true/false, ISO dates,
    numbers as Python writes them."""
    if value is None:
        return ""
    kind = type(value)
    if kind is str:
        return value
    if kind is bool:
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _json_default(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


class DelimitedWriter:
    """CSV (`,`, values with line breaks quoted) or GDELT-style tab-separated text (one line per
    row); both start with a header row, quote values that hold a double quote, end lines with
    \\n, and read back with `pandas.read_csv`."""

    def __init__(self, stream: IO[str], columns: Sequence[Column], *, delimiter: str) -> None:
        self._one_line = delimiter == "\t"
        self._writer = csv.writer(stream, delimiter=delimiter, lineterminator="\n")
        self._writer.writerow([column.name for column in columns])

    def write(self, row: Sequence[Any]) -> None:
        if self._one_line:
            self._writer.writerow(
                [
                    _LINE_BREAKING.sub(" ", value) if type(value) is str else text_value(value)
                    for value in row
                ]
            )
        else:
            self._writer.writerow([text_value(value) for value in row])

    def finish(self) -> None:
        return None


class JsonLinesWriter:
    """One JSON object per row, keys in column order."""

    def __init__(self, stream: IO[str], columns: Sequence[Column]) -> None:
        self._stream = stream
        self._names = [column.name for column in columns]

    @staticmethod
    def line(record: Mapping[str, Any]) -> str:
        """`record` as one line of JSON; dates as YYYY-MM-DD."""
        return json.dumps(record, ensure_ascii=False, default=_json_default) + "\n"

    def write(self, row: Sequence[Any]) -> None:
        self._stream.write(self.line(dict(zip(self._names, row, strict=True))))

    def finish(self) -> None:
        return None


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


class ParquetWriter:
    """Rows as JSON lines into a scratch file, turned into Parquet by one DuckDB COPY at the end.

    DuckDB reads the lines and writes the row groups as a stream, so memory stays flat however
    many rows there are; JSON keeps NULL apart from an empty string, and every text exact.
    (Binding the rows as query parameters instead was measured 3x slower.) `close()` releases
    the scratch file, finished or not.
    """

    def __init__(self, path: Path, columns: Sequence[Column], scratch: Path) -> None:
        self._path = path
        self._columns = list(columns)
        self._rows_path = scratch / "rows.jsonl"
        self._rows = self._rows_path.open("x", encoding="utf-8")
        self._writer = JsonLinesWriter(self._rows, columns)

    def write(self, row: Sequence[Any]) -> None:
        self._writer.write(row)

    def finish(self) -> None:
        self._rows.close()
        import duckdb  # here: the text formats, and `detente --help`, do without it

        types = ", ".join(f"{_literal(c.name)}: {_literal(c.type)}" for c in self._columns)
        rows = f"read_json({_literal(str(self._rows_path))}, format = 'newline_delimited', "
        rows += f"columns = {{{types}}})"
        with duckdb.connect(config={"memory_limit": PARQUET_MEMORY_LIMIT}) as con:
            try:
                con.execute(
                    f"COPY (SELECT * FROM {rows}) TO {_literal(str(self._path))} "
                    f"(FORMAT parquet, ROW_GROUP_SIZE_BYTES {_literal(PARQUET_ROW_GROUP_BYTES)})"
                )
            except duckdb.Error as exc:  # out of disk or memory: reported as a failed write
                lines = str(exc).strip().splitlines()
                raise OSError(lines[0] if lines else type(exc).__name__) from exc

    def close(self) -> None:
        self._rows.close()


@contextlib.contextmanager
def file_in_place(path: Path) -> Iterator[Path]:
    """A scratch path beside `path`, renamed to `path` when the block succeeds and removed
    when it fails: a reader never sees half an export."""
    # Not created here (mkstemp would make it private): the writer creates it, umask applies.
    scratch = path.parent / f".{path.name}.{secrets.token_hex(6)}.partial"
    try:
        yield scratch
        os.replace(scratch, path)
    finally:
        scratch.unlink(missing_ok=True)


@contextlib.contextmanager
def scratch_folder(near: Path) -> Iterator[Path]:
    """A temporary folder beside `near` (same disk as the output), removed afterwards."""
    with tempfile.TemporaryDirectory(prefix=f".{near.name}.", dir=near.parent) as folder:
        yield Path(folder)
