"""The examples, ingested with the real pipeline, exported in every format and read back with
pandas: the documented columns, a row per stored event (`count="reports"`) or per merged event
(the default, each report in one row's reports), and the example article's IGOWSTNAT → RUS
end of cooperation with its CAMEO root, Goldstein score and QuadClass."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from export_util import read_table, stored_documents

from detente.export import (
    EVENT_COLUMNS,
    GDELT_COLUMNS,
    POLECAT_COLUMNS,
    ExportFormat,
    ExportRequest,
    ExportTable,
    export_records,
)
from detente.export.columns import names
from detente.export.rows import is_flagged
from detente.store import open_store
from shared_data import example_results

pytestmark = pytest.mark.model

# coded by a CAMEO pattern ("* {&military cooperation}") and the model alike: what the export of
# one known event is checked on
COOPERATION_CUT = "NATO terminated all practical civilian and military cooperation with Russia"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("examples") / "examples.duckdb"
    results = example_results()
    assert all(result.ok for result in results)
    with open_store(path) as store:
        store.write(results)
    return path


@pytest.fixture(scope="module")
def events(db: Path) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(document, event) for every stored event."""
    return [(document, event) for document in stored_documents(db) for event in document["events"]]


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("exports")


def exported(db: Path, folder: Path, fmt: str, **options: Any) -> pd.DataFrame:
    out = folder / f"events-{fmt}-{len(options)}.{fmt}"
    with open_store(db, read_only=True) as store:
        summary = export_records(store, ExportRequest(ExportFormat(fmt), out=out, **options))
    frame = read_table(out, fmt)
    assert summary.rows == len(frame)
    return frame


@pytest.mark.parametrize("fmt", ["csv", "parquet", "jsonl"])
def test_flat_exports_hold_every_stored_event_with_its_evidence(
    db: Path, events: list[tuple[dict[str, Any], dict[str, Any]]], folder: Path, fmt: str
) -> None:
    frame = exported(db, folder, fmt, count="reports")
    assert tuple(frame.columns) == names(EVENT_COLUMNS)
    assert len(frame) == len(events) > 0
    texts = {document["id"]: document["text"] for document, _ in events}
    for _, row in frame.iterrows():
        text = texts[row["document_id"]]
        assert row["evidence_text"] == text[row["evidence_start"] : row["evidence_end"]]
    stored = {(document["id"], event["id"]): event for document, event in events}
    dyad = frame[(frame["source_code"] == "RUSGOV") & (frame["target_code"] == "IGOWSTNAT")]
    assert not dyad.empty
    for _, row in dyad.iterrows():
        event = stored[(row["document_id"], row["event_id"])]
        assert (row["cameo"], row["goldstein"], row["quad_class"]) == (
            event["cameo"],
            event["goldstein"],
            event["quad_class"],
        )
    cuts = frame[(frame["source_code"] == "IGOWSTNAT") & (frame["target_code"] == "RUS")]
    cut = cuts[cuts["evidence_text"].str.contains(COOPERATION_CUT)].iloc[0]
    assert (cut["cameo_root"], cut["goldstein"], cut["quad_class"]) == ("16", -5.6, 4)
    assert cut["plover_type"] == "SANCTION"


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_flat_exports_write_each_merged_event_once_with_every_report(
    db: Path, events: list[tuple[dict[str, Any], dict[str, Any]]], folder: Path, fmt: str
) -> None:
    frame = exported(db, folder, fmt)
    assert 0 < len(frame) < len(events)  # the article reports some events more than once
    reported = [
        (report["document_id"], report["event_id"])
        for reports in frame["reports"]
        for report in json.loads(reports)
    ]
    assert sorted(reported) == sorted((document["id"], event["id"]) for document, event in events)
    assert frame["num_mentions"].sum() == len(events)
    for _, row in frame.iterrows():
        reports = json.loads(row["reports"])
        assert (reports[0]["document_id"], reports[0]["event_id"]) == (
            row["document_id"],
            row["event_id"],
        )
        assert reports[0]["evidence_text"] == row["evidence_text"]
        assert row["num_mentions"] == len(reports)
        assert row["num_articles"] == len({report["document_id"] for report in reports})
        assert 1 <= row["num_sources"] <= row["num_articles"]


def test_gdelt_export_has_the_61_columns_and_the_cooperation_cut(
    db: Path, events: list[tuple[dict[str, Any], dict[str, Any]]], folder: Path
) -> None:
    plain = exported(db, folder, "gdelt", count="reports")
    assert tuple(plain.columns) == names(GDELT_COLUMNS) and len(plain.columns) == 61
    dated = [(d, e) for d, e in events if _dated(d, e)]
    assert len(plain) == sum(not is_flagged(event) for _, event in dated)
    every = exported(db, folder, "gdelt", include_flagged=True, count="reports")
    assert len(every) == len(dated) and every["SQLDATE"].notna().all()
    merged = exported(db, folder, "gdelt", include_flagged=True)
    assert len(merged) < len(dated) == merged["NumMentions"].sum()
    assert (merged["NumArticles"] >= 1).all() and (merged["NumSources"] >= 1).all()
    dyad = every[(every["Actor1Code"] == "RUSGOV") & (every["Actor2Code"] == "IGOWSTNAT")]
    assert set(dyad["Actor1CountryCode"]) == {"RUS"} and set(dyad["Actor1Type1Code"]) == {"GOV"}
    assert set(dyad["Actor2KnownGroupCode"]) == {"NAT"}
    cuts = every[(every["Actor1Code"] == "IGOWSTNAT") & (every["Actor2Code"] == "RUS")]
    [cut] = cuts[cuts["EventRootCode"] == "16"].to_dict("records")
    assert (cut["GoldsteinScale"], cut["QuadClass"], cut["SQLDATE"]) == (-5.6, 4, 20140401)
    assert cut["Actor1KnownGroupCode"] == "NAT" and cut["Actor2CountryCode"] == "RUS"
    assert cut["SOURCEURL"].endswith("rbth_russia_nato.txt")


def test_polecat_export_holds_the_plover_events(
    db: Path, events: list[tuple[dict[str, Any], dict[str, Any]]], folder: Path
) -> None:
    frame = exported(db, folder, "polecat", include_flagged=True, count="reports")
    assert tuple(frame.columns) == names(POLECAT_COLUMNS)
    assert len(frame) == sum(bool(event["plover"]) for d, event in events if _dated(d, event))
    # counted once per story, no more rows than reports (merging: test_export_stories.py)
    assert len(exported(db, folder, "polecat", include_flagged=True)) <= len(frame)
    assert set(frame["Event Type"]) <= {
        "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
        "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
    }  # fmt: skip
    texts = dict(zip(frame["Event ID"], frame["Event Text"], strict=True))
    assert any(COOPERATION_CUT in text for text in texts.values())


def test_quotes_and_documents_export_in_full(db: Path, folder: Path) -> None:
    documents = stored_documents(db)
    with open_store(db, read_only=True) as store:
        out = folder / "quotes.csv"
        export_records(store, ExportRequest(ExportFormat.csv, ExportTable.quotes, out))
        whole = folder / "documents.jsonl"
        export_records(store, ExportRequest(ExportFormat.jsonl, ExportTable.documents, whole))
    quotes = read_table(out, "csv")
    assert len(quotes) == sum(len(document["quotes"]) for document in documents)
    assert "Alexander Grushko" in set(quotes["speaker_name"])
    assert len(pd.read_json(whole, lines=True)) == len(documents)


def _dated(document: dict[str, Any], event: dict[str, Any]) -> bool:
    """An event GDELT and POLECAT files can hold: a full date of its own or of its document."""
    return bool(document["published"]) or len(event.get("date") or "") == len("YYYY-MM-DD")
