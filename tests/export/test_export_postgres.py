"""An export reads `Store.documents()` only, so a PostgreSQL database exports the same files."""

from __future__ import annotations

import io
import json
from pathlib import Path

from export_util import write_database

from detente.export import ExportFormat, ExportRequest, ExportTable, export_records
from detente.store import open_store

ROW_REQUESTS = [
    ExportRequest(ExportFormat.csv),
    ExportRequest(ExportFormat.jsonl, ExportTable.quotes),
    ExportRequest(ExportFormat.csv, ExportTable.actors),
    ExportRequest(ExportFormat.polecat, include_flagged=True),
]


def exported_text(db: str, request: ExportRequest) -> str:
    stream = io.StringIO()
    with open_store(db, read_only=True) as store:
        export_records(store, request, stream)
    return stream.getvalue()


def test_postgresql_and_duckdb_export_the_same_rows(pg_url: str, tmp_path: Path) -> None:
    duck = str(tmp_path / "records.duckdb")
    write_database(duck)
    write_database(pg_url)
    for request in ROW_REQUESTS:
        from_duckdb = exported_text(duck, request)
        assert from_duckdb.strip(), request
        assert exported_text(pg_url, request) == from_duckdb, request
    # Whole documents are equal as JSON; PostgreSQL's jsonb orders the keys of nested objects
    # its own way.
    documents = ExportRequest(ExportFormat.jsonl, ExportTable.documents)
    from_postgres = exported_text(pg_url, documents).splitlines()
    assert [json.loads(line) for line in from_postgres] == [
        json.loads(line) for line in exported_text(duck, documents).splitlines()
    ]
