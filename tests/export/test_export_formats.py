"""Every format written from a store of hand-made documents and read back with pandas: the
documented columns, one row per record, exact values, evidence equal to the text it points at."""

from __future__ import annotations

import contextlib
import io
import json
import os
import stat
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from export_util import PUBLISHED, URL, read_table, stored_documents, write_database

from detente.errors import ExportError
from detente.export import (
    ACTOR_COLUMNS,
    EVENT_COLUMNS,
    GDELT_COLUMNS,
    POLECAT_COLUMNS,
    QUOTE_COLUMNS,
    Column,
    ExportFormat,
    ExportRequest,
    ExportSummary,
    ExportTable,
    export_records,
)
from detente.export.columns import names
from detente.export.gdelt import global_event_id
from detente.export.writers import ParquetWriter
from detente.store import open_store

FLAT_FORMATS = ["csv", "parquet", "jsonl"]
FLAT_TABLES = {
    "events": EVENT_COLUMNS,
    "quotes": QUOTE_COLUMNS,
    "actors": ACTOR_COLUMNS,
}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export") / "records.duckdb"
    write_database(path)
    return path


@pytest.fixture(scope="module")
def documents(db: Path) -> list[dict[str, Any]]:
    return stored_documents(db)


def run(db: Path, out: Path | None = None, **options: Any) -> tuple[ExportSummary, str]:
    """Export with `options`; the summary and what went to the stream (when `out` is None)."""
    stream = io.StringIO()
    with open_store(db, read_only=True) as store:
        summary = export_records(store, ExportRequest(out=out, **options), stream)
    return summary, stream.getvalue()


def exported(
    db: Path, folder: Path, fmt: str, table: str = "events", **options: Any
) -> pd.DataFrame:
    out = folder / f"{table}.{fmt}"
    summary, _ = run(db, out, format=ExportFormat(fmt), table=ExportTable(table), **options)
    frame = read_table(out, fmt)
    assert summary.rows == len(frame)
    return frame


@pytest.fixture(scope="module")
def dated_id(documents: list[dict[str, Any]]) -> str:
    """The id of the document with a publication date (the other has none)."""
    return next(d["id"] for d in documents if d["published"] == PUBLISHED)


def events_of(frame: pd.DataFrame, document_id: str) -> dict[str, pd.Series]:
    return {
        row["event_id"]: row for _, row in frame.iterrows() if row["document_id"] == document_id
    }


@pytest.mark.parametrize("fmt", FLAT_FORMATS)
@pytest.mark.parametrize("table", sorted(FLAT_TABLES))
def test_flat_tables_have_the_documented_columns_and_a_row_per_record(
    db: Path, documents: list[dict[str, Any]], tmp_path: Path, fmt: str, table: str
) -> None:
    frame = exported(db, tmp_path, fmt, table)
    assert tuple(frame.columns) == names(FLAT_TABLES[table])
    assert len(frame) == sum(len(document[table]) for document in documents)


@pytest.mark.parametrize("fmt", FLAT_FORMATS)
def test_flat_events_hold_the_stored_values(
    db: Path, dated_id: str, tmp_path: Path, fmt: str
) -> None:
    events = events_of(exported(db, tmp_path, fmt), dated_id)
    statement = events["E1"]
    assert (statement["source_code"], statement["target_code"]) == ("RUSGOV", "IGOWSTNAT")
    assert (statement["cameo"], statement["cameo_root"]) == ("012", "01")
    assert statement["goldstein"] == -0.4 and statement["quad_class"] == 1
    assert pd.isna(statement["plover_type"])
    assert str(statement["day"])[:10] == PUBLISHED and statement["day_basis"] == "published"
    assert str(statement["document_published"])[:10] == PUBLISHED
    assert statement["document_url"] == URL
    sanction = events["E2"]
    assert (sanction["plover_type"], sanction["plover_mode"]) == ("SANCTION", "withdraw")
    assert sanction["plover_context"] == "diplomatic"
    assert str(sanction["day"])[:10] == "2014-04-01" and sanction["day_basis"] == "event"
    assert (sanction["location_name"], sanction["location_country"]) == ("Brussels", "BEL")
    assert sanction["latitude"] == 50.85045
    assert bool(sanction["historical"]) and not bool(sanction["negated"])
    assert sanction["drivers"] == (
        '[{"feature": "ended", "weight": 0.82}, {"feature": "vote type:SANCTION", "weight": 0.41}]'
    )
    assert statement["drivers"] == "[]"  # none recorded
    assert bool(events["E3"]["negated"]) and events["E3"]["quote_id"] == "Q1"
    agreement = events["E4"]
    assert agreement["event_date"] == "2014-05" and agreement["day_basis"] == "published"
    assert agreement["plover_context"] == "economic; diplomatic"


@pytest.mark.parametrize("fmt", FLAT_FORMATS)
def test_evidence_and_quote_spans_are_the_document_text_they_point_at(
    db: Path, documents: list[dict[str, Any]], tmp_path: Path, fmt: str
) -> None:
    texts = {document["id"]: document["text"] for document in documents}
    events = exported(db, tmp_path, fmt)
    for _, row in events.iterrows():
        text = texts[row["document_id"]]
        assert row["evidence_text"] == text[row["evidence_start"] : row["evidence_end"]]
    quotes = exported(db, tmp_path, fmt, "quotes")
    for _, row in quotes.iterrows():
        text = texts[row["document_id"]]
        assert row["content_text"] == text[row["content_start"] : row["content_end"]]
        assert row["cue_text"] == text[row["cue_start"] : row["cue_end"]]
        assert row["speaker_code"] == "RUSGOV" and row["speaker_role"] == "envoy to NATO"
    assert "\t" in quotes["content_text"].iloc[0]  # kept as it is in the flat formats


def test_parquet_columns_have_their_declared_types(db: Path, tmp_path: Path) -> None:
    frame = exported(db, tmp_path, "parquet")
    assert isinstance(frame["cameo"].iloc[0], str)
    assert frame["negated"].dtype == bool
    assert frame["goldstein"].dtype == float
    assert isinstance(frame["day"].dropna().iloc[0], date)


def test_jsonl_documents_are_the_stored_contract(db: Path, documents: list[dict[str, Any]]) -> None:
    summary, text = run(db, format=ExportFormat.jsonl, table=ExportTable.documents)
    lines = [json.loads(line) for line in text.splitlines()]
    assert lines == documents
    assert (summary.rows, summary.documents) == (2, 2)


def test_gdelt_rows_fill_what_is_known_and_leave_flagged_events_out(
    db: Path, documents: list[dict[str, Any]], dated_id: str, tmp_path: Path
) -> None:
    started = datetime.now(UTC).year
    frame = exported(db, tmp_path, "gdelt")
    assert tuple(frame.columns) == names(GDELT_COLUMNS)
    plain = [e for d in documents if d["published"] for e in d["events"] if not _flagged(e)]
    assert len(frame) == len(plain) == 3  # the historical sanction stays
    statement = frame[frame["EventCode"] == "012"].iloc[0]
    assert statement["GLOBALEVENTID"] == global_event_id(dated_id, "E1")
    assert (statement["SQLDATE"], statement["MonthYear"], statement["Year"]) == (
        20141203,
        201412,
        2014,
    )
    assert statement["FractionDate"] == 2014.9945
    actor1 = ("Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1Type1Code")
    assert tuple(statement[list(actor1)]) == ("RUSGOV", "ALEXANDER GRUSHKO", "RUS", "GOV")
    actor2 = ("Actor2Code", "Actor2KnownGroupCode", "Actor2Type1Code")
    assert tuple(statement[list(actor2)]) == ("IGOWSTNAT", "NAT", "IGO")
    assert pd.isna(statement["Actor2CountryCode"])
    assert (statement["EventBaseCode"], statement["EventRootCode"]) == ("012", "01")
    assert (statement["QuadClass"], statement["GoldsteinScale"]) == (1, -0.4)
    assert statement["IsRootEvent"] == 1  # the lead paragraph, after the heading
    assert (statement["NumMentions"], statement["NumSources"], statement["NumArticles"]) == (
        1,
        1,
        1,
    )
    assert pd.isna(statement["AvgTone"]) and pd.isna(statement["ActionGeo_Type"])
    assert statement["SOURCEURL"] == URL
    assert (
        str(statement["DATEADDED"])[:4] == str(started) and len(str(statement["DATEADDED"])) == 14
    )
    agreement = frame[frame["EventCode"] == "0311"].iloc[0]
    assert (agreement["Actor1Type1Code"], agreement["Actor1Type2Code"]) == ("GOV", "BUS")
    assert agreement["IsRootEvent"] == 0
    assert (agreement["ActionGeo_Type"], agreement["ActionGeo_FullName"]) == (1, "Ukraine")
    assert agreement["ActionGeo_CountryCode"] == agreement["ActionGeo_FeatureID"] == "UP"
    # SQLDATE is required: the event of the document without a date is left out, and said so
    assert "undated.txt" not in set(frame["SOURCEURL"]) and frame["SQLDATE"].notna().all()
    summary, _ = run(db, format=ExportFormat.gdelt)
    assert summary.undated_left_out == 1
    assert "1 events without a date left out" in summary.line()


def test_gdelt_keeps_flagged_events_when_asked(db: Path, tmp_path: Path) -> None:
    frame = exported(db, tmp_path, "gdelt", include_flagged=True)
    assert len(frame) == 4
    sanction = frame[frame["EventCode"] == "161"].iloc[0]
    assert (sanction["SQLDATE"], sanction["QuadClass"], sanction["GoldsteinScale"]) == (
        20140401,
        4,
        -4.0,
    )
    assert (sanction["ActionGeo_Type"], sanction["ActionGeo_FullName"]) == (4, "Brussels, Belgium")
    assert (sanction["ActionGeo_CountryCode"], sanction["ActionGeo_Lat"]) == ("BE", 50.85045)
    assert pd.isna(sanction["ActionGeo_FeatureID"])


def test_polecat_rows_are_plover_events(db: Path, dated_id: str, tmp_path: Path) -> None:
    summary, _ = run(db, tmp_path / "p.tsv", format=ExportFormat.polecat, include_flagged=True)
    frame = read_table(tmp_path / "p.tsv", "polecat")
    assert tuple(frame.columns) == names(POLECAT_COLUMNS)
    assert len(frame) == summary.rows == 3  # the 012 statement has no PLOVER type
    assert (summary.untyped_left_out, summary.undated_left_out) == (1, 1)
    rows = {row["Event ID"]: row for _, row in frame.iterrows()}
    sanction = rows[f"{dated_id}-E2"]
    assert (sanction["Event Type"], sanction["Event Mode"], sanction["Contexts"]) == (
        "SANCTION",
        "withdraw",
        "diplomatic",
    )
    assert (sanction["Event Date"], sanction["Event Intensity"]) == ("2014-04-01", -6.0)
    assert sanction["Quad Code"] == "MATERIAL CONFLICT"
    assert (sanction["Actor Country"], sanction["Recipient Country"]) == ("IGO", "RUS")
    assert (sanction["Placename"], sanction["City"], sanction["Country"]) == (
        "Brussels",
        "Brussels",
        "BEL",
    )
    assert sanction["Publication Date"] == PUBLISHED and sanction["Source"] == "Example News"
    assert sanction["Story Locations"] == "Brussels; Ukraine"
    assert sanction["Event Text"] == "NATO ended all cooperation with Russia"
    rejection = rows[f"{dated_id}-E3"]
    assert (rejection["Actor Name"], rejection["Primary Actor Sector"]) == (
        "Alexander Grushko",
        "GOV",
    )
    assert rejection["Actor Title"] == "envoy to NATO"
    assert rejection["Event Text"] == '"We will not meet," Grushko said.'  # the tab became a space
    assert rows[f"{dated_id}-E4"]["Actor Sectors"] == "GOV; BUS"


def test_polecat_leaves_flagged_events_out_by_default(db: Path) -> None:
    summary, text = run(db, format=ExportFormat.polecat)
    assert (summary.rows, summary.flagged_left_out, summary.untyped_left_out) == (2, 1, 1)
    assert len(text.splitlines()) == 3
    assert "1 negated, hypothetical or future events left out" in summary.line()


def test_tab_separated_files_hold_one_line_per_row(db: Path) -> None:
    for fmt in (ExportFormat.gdelt, ExportFormat.polecat):
        summary, text = run(db, format=fmt, include_flagged=True)
        lines = text.split("\n")
        assert lines[-1] == "" and len(lines) == summary.rows + 2
        width = len(GDELT_COLUMNS if fmt is ExportFormat.gdelt else POLECAT_COLUMNS)
        assert all(line.count("\t") == width - 1 for line in lines[:-1])


def test_since_and_until_select_by_the_day_a_record_counts_on(db: Path, tmp_path: Path) -> None:
    spring = exported(db, tmp_path, "csv", since=date(2014, 3, 1), until=date(2014, 6, 30))
    assert list(spring["event_id"]) == ["E2"]  # its own date; the undated event is left out
    december = exported(db, tmp_path, "csv", since=date(2014, 12, 3))
    assert sorted(december["event_id"]) == ["E1", "E3", "E4"]
    quotes = exported(db, tmp_path, "csv", "quotes", until=date(2014, 12, 2))
    assert quotes.empty
    summary, text = run(
        db, format=ExportFormat.jsonl, table=ExportTable.documents, since=date(2014, 1, 1)
    )
    assert summary.rows == 1 and json.loads(text)["published"] == PUBLISHED


def test_a_file_appears_whole_with_ordinary_permissions(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    out.write_text("old contents")
    summary, _ = run(db, out, format=ExportFormat.csv)
    assert summary.out == out and f"to {out}" in summary.line()
    assert out.read_text(encoding="utf-8").startswith("document_id,event_id,")
    assert [p.name for p in tmp_path.iterdir()] == ["events.csv"]
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask


def test_a_failed_write_leaves_no_file(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(source: object, target: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("detente.export.writers.os.replace", refuse)
    for fmt in ("csv", "parquet"):
        with pytest.raises(ExportError, match=r"^\[E927\] .*Permission denied"):
            run(db, tmp_path / f"events.{fmt}", format=ExportFormat(fmt))
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("options", "code"),
    [
        ({"format": ExportFormat.parquet}, "E920"),
        ({"format": ExportFormat.gdelt, "table": ExportTable.quotes}, "E923"),
        ({"format": ExportFormat.csv, "table": ExportTable.documents}, "E923"),
        ({"since": date(2015, 1, 1), "until": date(2014, 1, 1)}, "E924"),
    ],
)
def test_requests_that_cannot_be_carried_out_are_refused(
    db: Path, options: dict[str, Any], code: str
) -> None:
    with pytest.raises(ExportError, match=rf"^\[{code}\]"):
        run(db, **options)


def test_a_missing_folder_or_a_folder_as_out_is_refused(db: Path, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"^\[E921\] .*missing"):
        run(db, tmp_path / "missing" / "events.csv")
    with pytest.raises(ExportError, match=r"^\[E922\] .*events\.csv"):
        run(db, tmp_path)


def _flagged(event: dict[str, Any]) -> bool:
    return any(event[flag] for flag in ("negated", "hypothetical", "future"))


def test_parquet_keeps_nulls_empty_strings_and_every_character(tmp_path: Path) -> None:
    columns = (
        Column("text", "VARCHAR", "a text"),
        Column("count", "INTEGER", "a number"),
        Column("score", "DOUBLE", "a score"),
        Column("flag", "BOOLEAN", "a flag"),
        Column("day", "DATE", "a day"),
    )
    odd = 'Grushko said: "no"\t\\ \n’ 🙂 \u2028'
    rows: list[list[Any]] = [
        [odd, 3, -0.4, True, date(2014, 4, 1)],
        ["", None, None, None, None],
    ]
    out = tmp_path / "odd.parquet"
    with contextlib.closing(ParquetWriter(out, columns, tmp_path)) as writer:
        for row in rows:
            writer.write(row)
        writer.finish()
    frame = pd.read_parquet(out)
    assert list(frame.columns) == ["text", "count", "score", "flag", "day"]
    assert frame["text"].tolist() == [odd, ""]
    assert frame.iloc[0, 1:].tolist() == [3, -0.4, True, date(2014, 4, 1)]
    assert frame.iloc[1, 1:].isna().all()


def test_an_export_without_rows_still_has_its_columns(tmp_path: Path) -> None:
    empty = tmp_path / "empty.duckdb"
    write_database(empty, [])
    for fmt in ("csv", "parquet", "gdelt"):
        frame = exported(empty, tmp_path, fmt)
        assert frame.empty and len(frame.columns) == len(
            GDELT_COLUMNS if fmt == "gdelt" else EVENT_COLUMNS
        )
