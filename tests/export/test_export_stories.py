"""Events counted once per story: three variants of one article (other boilerplate, headline,
publisher, URL, a few words edited) among an unrelated one, written through the real store on
DuckDB and PostgreSQL, then exported.

Expected: the accusation (three documents, four sentences: the second variant reports it twice;
publishers Example News, Other Wire and EXAMPLE NEWS: two outlets), the end of cooperation
(three documents, three sentences, two outlets), and the unrelated accusation (its own story,
same sides, code and day) on a row of its own.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from export_util import export_app, story_corpus, unrelated_report
from typer.testing import CliRunner

from detente.export import ExportFormat, ExportRequest, export_records
from detente.export.merged import outlet
from detente.store import open_store


@pytest.fixture(params=["duckdb", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The story corpus in a fresh database: a DuckDB file or a PostgreSQL schema."""
    if request.param == "postgresql":
        found = str(request.getfixturevalue("pg_server").create_schema())
    else:
        found = str(tmp_path / "stories.duckdb")
    with open_store(found) as store:
        store.write(story_corpus())
    yield found


def exported(db: str, **options: Any) -> str:
    stream = io.StringIO()
    with open_store(db, read_only=True) as store:
        export_records(store, ExportRequest(**options), stream)
    return stream.getvalue()


def frame(text: str, sep: str = ",") -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text), sep=sep, dtype={"cameo": str, "EventCode": str})


def ids() -> tuple[list[str], str]:
    """The variants' ids in the order the export walks them (by first write, then id: one
    write stores them at one time), and the unrelated document's."""
    corpus = story_corpus()
    variants = sorted(str(result.id) for result in corpus if result.id != unrelated_report().id)
    return variants, str(unrelated_report().id)


def test_each_event_of_a_story_is_one_row_with_its_reports(db: str) -> None:
    rows = frame(exported(db))
    variants, unrelated = ids()
    assert len(rows) == 3
    by_code = {(row["cameo"], row["document_id"]): row for row in rows.to_dict(orient="records")}
    accusation = by_code[("111", variants[0])]
    sanction = by_code[("161", variants[0])]
    alone = by_code[("111", unrelated)]
    assert accusation["story"] == sanction["story"] != alone["story"]
    assert (accusation["num_articles"], accusation["num_sources"], accusation["num_mentions"]) == (
        3,
        2,
        4,
    )
    assert (sanction["num_articles"], sanction["num_sources"], sanction["num_mentions"]) == (
        3,
        2,
        3,
    )
    assert (alone["num_articles"], alone["num_sources"], alone["num_mentions"]) == (1, 1, 1)
    reports = json.loads(accusation["reports"])
    repeating = str(story_corpus()[2].id)  # the variant that reports the accusation twice
    assert [(r["document_id"], r["event_id"]) for r in reports] == [
        (document_id, event_id)
        for document_id in variants
        for event_id in (("E1", "E3") if document_id == repeating else ("E1",))
    ]
    assert reports[0]["evidence_text"] == accusation["evidence_text"]
    assert "Grushko accused the alliance again" in [r["evidence_text"] for r in reports]
    assert [r["document_id"] for r in json.loads(alone["reports"])] == [unrelated]


def test_count_reports_writes_every_report_with_its_merged_event_s_figures(db: str) -> None:
    rows = frame(exported(db, count="reports"))
    assert len(rows) == 3 * 2 + 1 + 1  # each variant's two events, the repeat, the unrelated
    story = rows[rows["cameo"] == "161"]
    assert len(story) == 3
    assert set(story["num_articles"]) == {3} and story["story"].nunique() == 1


def test_gdelt_and_polecat_write_a_story_s_event_once(db: str) -> None:
    gdelt = frame(exported(db, format=ExportFormat.gdelt), sep="\t")
    assert len(gdelt) == 3
    counts = {
        (row["EventCode"], row["NumArticles"], row["NumSources"], row["NumMentions"])
        for row in gdelt.to_dict(orient="records")
    }
    assert counts == {("111", 3, 2, 4), ("161", 3, 2, 3), ("111", 1, 1, 1)}
    polecat = frame(exported(db, format=ExportFormat.polecat), sep="\t")
    assert len(polecat) == 3


def test_the_export_is_the_same_after_the_articles_are_stored_again(db: str) -> None:
    before = exported(db), exported(db, format=ExportFormat.polecat)
    with open_store(db) as store:
        store.write(story_corpus())
    assert (exported(db), exported(db, format=ExportFormat.polecat)) == before


def test_a_date_window_keeps_whole_merged_events(db: str) -> None:
    # the end of cooperation is on April 1 (its own date), the accusations on the publication day
    rows = frame(exported(db, since=pd.Timestamp("2014-12-01").date()))
    assert sorted(rows["cameo"]) == ["111", "111"]
    assert sorted(rows["num_articles"]) == [1, 3]


def test_the_cli_summary_says_how_many_reports_were_merged(db: str) -> None:
    result = CliRunner().invoke(export_app(), ["--db", db])
    assert result.exit_code == 0, result.output
    assert len(frame(result.stdout)) == 3
    assert "5 more reports of the same events in one story merged" in " ".join(
        result.stderr.split()
    )
    every = CliRunner().invoke(export_app(), ["--db", db, "--count", "reports"])
    assert every.exit_code == 0, every.output
    assert len(frame(every.stdout)) == 8


@pytest.mark.parametrize(
    ("publisher", "url", "expected"),
    [
        ("Example  News", "https://a.example/x", "publisher:example news"),
        (None, "https://www.Wire.example/x", "host:wire.example"),
        ("  ", "http://[::1", "document:d1"),
        (None, None, "document:d1"),
    ],
)
def test_an_outlet_is_its_publisher_else_its_host_else_the_document(
    publisher: str | None, url: str | None, expected: str
) -> None:
    assert outlet("d1", publisher, url) == expected
