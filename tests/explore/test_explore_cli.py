"""`detente query …` on a DuckDB file of known records: JSON equal to the library's, tables
with the numbers, and coded errors. The commands run through their Typer app."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from explore_util import dyad_corpus, filled, quote_corpus
from typer.testing import CliRunner, Result

from detente.cli.query import query_app
from detente.errors import ExploreError, StoreError
from detente.explore import dyad_series, list_events, search_quotes, top_actors
from detente.store import open_store


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("cli") / "detente.duckdb")
    with filled(path, dyad_corpus() + quote_corpus()):
        pass
    return path


def query(*args: str) -> Result:
    return CliRunner().invoke(query_app, list(args))


def test_dyad_json_is_the_library_result(db: str) -> None:
    run = query("dyad", "RUS", "IGOWSTNAT", "--by", "week", "--both", "--json", "--db", db)
    assert run.exit_code == 0, run.output
    with open_store(db, read_only=True) as store:
        expected = dyad_series(
            store, "RUS", "IGOWSTNAT", by="week", both_directions=True, include_undated=False
        )
    assert json.loads(run.stdout) == expected.to_dict()


def test_dyad_table_shows_periods_signed_goldstein_and_the_thermometer(db: str) -> None:
    run = query(
        "dyad", "RUS", "IGOWSTNAT", "--since", "2015-01-01", "--until", "2015-12-31", "--db", db
    )
    assert run.exit_code == 0, run.output
    assert "RUS → IGOWSTNAT by month" in run.stdout
    assert "2015-02" in run.stdout and "2015-03" in run.stdout and "2014-12" not in run.stdout
    assert "+7.0" in run.stdout and "\u22125.0" in run.stdout
    assert "thermometer" in run.stdout and "▇" in run.stdout  # +7.0 is a high bar


def test_actors_and_dyads_and_network(db: str) -> None:
    run = query("actors", "--level", "3", "--json", "--db", db)
    assert run.exit_code == 0, run.output
    with open_store(db, read_only=True) as store:
        assert json.loads(run.stdout) == top_actors(store, level=3).to_dict()
    table = query("dyads", "--limit", "3", "--db", db)
    assert table.exit_code == 0, table.output
    assert "top dyads" in table.stdout and "IGOWSTNAT" in table.stdout
    network = query("network", "--level", "3", "--min-events", "2", "--json", "--db", db)
    assert network.exit_code == 0, network.output
    edges = json.loads(network.stdout)["edges"]
    assert [(e["source"], e["target"], e["weight"]) for e in edges] == [("RUS", "IGO", 8)]


def test_quotes_by_speaker_and_by_text(db: str) -> None:
    run = query("quotes", "--speaker", "Grushko", "--json", "--db", db)
    assert run.exit_code == 0, run.output
    page = json.loads(run.stdout)
    assert page["total"] == 2
    assert {hit["speaker_name"] for hit in page["items"]} == {"Alexander Grushko"}
    ranked = query("quotes", "--text", "NATO", "--limit", "1", "--db", db)
    assert ranked.exit_code == 0, ranked.output
    assert "NATO expansion" in ranked.stdout and "1–1 of 2; next page: --offset 1" in ranked.stdout
    with open_store(db, read_only=True) as store:
        score = search_quotes(store, text="NATO").items[0].score
    assert f"{score:.2f}" in ranked.stdout


def test_events_with_filters(db: str) -> None:
    run = query(
        "events",
        "--source",
        "RUS",
        "--quad-class",
        "4",
        "--until",
        "2015-12-31",
        "--json",
        "--db",
        db,
    )
    assert run.exit_code == 0, run.output
    page = json.loads(run.stdout)
    assert [(e["document_id"], e["event_id"]) for e in page["items"]] == [
        ("d5", "E2"),
        ("d1", "E2"),
    ]
    flagged = query("events", "--negated", "--plover-type", "threaten", "--db", db)
    assert flagged.exit_code == 0, flagged.output
    assert "negated" in flagged.stdout and "d4 E1" in flagged.stdout
    assert "1–1 of 1" in flagged.stdout
    with open_store(db, read_only=True) as store:
        assert list_events(store, negated=False, until=date(2014, 12, 31)).total == 6


def test_a_missing_database_is_a_coded_error_and_is_not_created(tmp_path: Path) -> None:
    missing = tmp_path / "missing.duckdb"
    run = query("actors", "--db", str(missing))
    assert isinstance(run.exception, StoreError)
    assert str(run.exception).startswith("[E711] no database at ")
    assert not missing.exists()


def test_a_bad_pattern_propagates_as_a_coded_error(db: str) -> None:
    run = query("dyad", "rus", "NATO", "--db", db)
    assert isinstance(run.exception, ExploreError)
    assert run.exception.code == "E900"


def test_a_file_that_is_no_database_is_a_store_error(tmp_path: Path) -> None:
    junk = tmp_path / "junk.duckdb"
    junk.write_text("not a database")
    run = query("events", "--db", str(junk))
    assert isinstance(run.exception, StoreError)
    assert run.exception.code == "E701"


def test_usage_errors_exit_with_click_codes(db: str) -> None:
    assert query("dyad", "RUS", "IGOWSTNAT", "--by", "day", "--db", db).exit_code == 2
    assert query("events", "--since", "March", "--db", db).exit_code == 2
    assert query().exit_code in (0, 2)  # no_args_is_help
    assert "dyad" in query("--help").stdout


def test_events_page_on_with_the_cursor_the_caption_gives(db: str) -> None:
    everything = json.loads(query("events", "--limit", "500", "--json", "--db", db).stdout)
    ids = [event["event_id"] for event in everything["items"]]
    first = query("events", "--limit", "2", "--db", db)
    assert first.exit_code == 0, first.output
    caption = " ".join(first.stdout.split())
    cursor = caption.split("next page: --after ")[1].split()[0]
    second = query("events", "--limit", "2", "--after", cursor, "--json", "--db", db)
    assert second.exit_code == 0, second.output
    page = json.loads(second.stdout)
    assert [event["event_id"] for event in page["items"]] == ids[2:4]
    assert page["offset"] == 2
