"""`detente recode`: a dictionary entry added after ingest reaches the stored records without
re-ingesting, on DuckDB and PostgreSQL; a rerun changes nothing; `stats` counts what is behind;
a document that fails keeps its records and is retried by the next run."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from cli_util import CliRun, assert_no_crash, run_cli
from detente.store import open_store

pytestmark = pytest.mark.model

# A person no bundled dictionary knows, and a document that names no one new.
VEXLER = "Boris Vexler accused NATO of provocations in Brussels on Monday.\n"
RUSSIA = "Russia accused NATO of provocations in Brussels on Monday.\n"
ENTRY = "actor\tBORIS_VEXLER\tperson\tRUSGOV\tBoris Vexler\n"
BEHIND = re.compile(r"behind the coder\D*(\d+)")
RECORDS = (
    "SELECT id, coder, updated_at, CAST(actors AS VARCHAR), CAST(events AS VARCHAR) "
    "FROM documents ORDER BY id",
    "SELECT * FROM actors ORDER BY document_id, actor_id",
    "SELECT * FROM actor_mentions ORDER BY document_id, actor_id, start_char",
    "SELECT document_id, event_id, source_code, target_code, cameo FROM events "
    "ORDER BY document_id, event_id",
)


@pytest.fixture(params=["duckdb", "postgresql"])
def db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgresql":
        url: str = request.getfixturevalue("pg_url")
        return url
    return str(tmp_path / "detente.duckdb")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "vexler.txt").write_text(VEXLER, encoding="utf-8")
    (folder / "russia.txt").write_text(RUSSIA, encoding="utf-8")
    return folder


@pytest.fixture
def mine(tmp_path: Path) -> Path:
    path = tmp_path / "mine.tsv"
    path.write_text(ENTRY, encoding="utf-8")
    return path


def query(db: str, sql: str) -> list[tuple[Any, ...]]:
    with open_store(db, read_only=True) as store:
        return store.query(sql)


def vexler(db: str) -> list[tuple[Any, ...]]:
    """The code and rule of Boris Vexler, and the events of his document, by their codes."""
    actor = query(db, "SELECT code, rule FROM actors WHERE name = 'Boris Vexler'")
    events = query(
        db,
        "SELECT e.source_code, e.target_code FROM events e JOIN actors a "
        "ON a.document_id = e.document_id AND a.name = 'Boris Vexler' ORDER BY e.event_id",
    )
    return [*actor, *events]


def behind(capsys: pytest.CaptureFixture[str], db: str, *options: str) -> int:
    run = run_cli(capsys, "stats", "--db", db, *options)
    assert run.code == 0, run.err
    found = BEHIND.search(run.out)
    assert found is not None, run.out
    assert "coder: detente " in run.out
    return int(found.group(1))


def recode(capsys: pytest.CaptureFixture[str], db: str, *options: str) -> CliRun:
    run = run_cli(capsys, "recode", "--db", db, *options)
    assert_no_crash(run)
    return run


def test_cli_recode_brings_a_new_dictionary_entry_into_the_stored_records(
    capsys: pytest.CaptureFixture[str], db: str, corpus: Path, mine: Path
) -> None:
    ingest = run_cli(capsys, "ingest", str(corpus), "--db", db, "--published", "2024-03-04")
    assert ingest.code == 0, ingest.err
    before = vexler(db)
    assert before[0] == (None, "ner:person")  # a person, no code
    assert ("RUSGOV", "IGOWSTNAT") not in before
    assert behind(capsys, db) == 0
    assert behind(capsys, db, "--dictionary", str(mine)) == 2  # another coder than ingest's

    run = recode(capsys, db, "--dictionary", str(mine))
    assert run.code == 0, run.err
    # the document naming Vexler changed; the other one was coded the same, now by this coder
    assert "1 recoded, 1 unchanged, 0 failed" in run.out
    after = vexler(db)
    assert after[0] == ("RUSGOV", "dict:mine:BORIS_VEXLER")
    assert ("RUSGOV", "IGOWSTNAT") in after[1:]  # Vexler accuses NATO
    assert behind(capsys, db, "--dictionary", str(mine)) == 0
    assert behind(capsys, db) == 2  # the bundled dictionaries alone are another coder now

    stored = [query(db, sql) for sql in RECORDS]
    again = recode(capsys, db, "--dictionary", str(mine))
    assert again.code == 0, again.err
    assert "0 recoded, 0 unchanged, 0 failed" in again.out
    assert [query(db, sql) for sql in RECORDS] == stored  # not a row written, not even a stamp


def test_cli_recode_a_document_that_fails_keeps_its_records_and_is_retried(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    db: str,
    corpus: Path,
    mine: Path,
) -> None:
    assert run_cli(capsys, "ingest", str(corpus), "--db", db).code == 0
    stored = [query(db, sql) for sql in RECORDS]
    # the NLP stage's limit, lowered under the longer document: it fails, the other goes on
    monkeypatch.setenv("DETENTE_MAX_DOCUMENT_CHARS", str(len(VEXLER) - 2))
    run = recode(capsys, db, "--dictionary", str(mine))
    assert run.code == 1, run.err  # one document failed
    assert "0 recoded, 1 unchanged, 1 failed" in run.out
    assert f"[E203] {corpus / 'vexler.txt'}: the body has {len(VEXLER) - 1} characters" in run.err
    assert "keep the records they had" in run.err
    ((failed,),) = query(db, "SELECT document_id FROM actors WHERE name = 'Boris Vexler'")
    kept = [[row for row in query(db, sql) if row[0] == failed] for sql in RECORDS]
    assert kept == [[row for row in rows if row[0] == failed] for rows in stored]
    assert all(kept[:3])  # its document, actors and mentions, each as they were
    assert behind(capsys, db, "--dictionary", str(mine)) == 1

    monkeypatch.delenv("DETENTE_MAX_DOCUMENT_CHARS")
    retry = recode(capsys, db, "--dictionary", str(mine))
    assert retry.code == 0, retry.err
    assert "1 recoded, 0 unchanged, 0 failed" in retry.out
    assert vexler(db)[0] == ("RUSGOV", "dict:mine:BORIS_VEXLER")
    assert behind(capsys, db, "--dictionary", str(mine)) == 0


def test_cli_recode_needs_a_database_and_a_real_dictionary(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "none.duckdb"
    run = recode(capsys, str(missing))
    assert run.code == 101
    assert f"[E711] no database at {missing}" in run.err
    assert not missing.exists()
    notes = tmp_path / "notes.txt"
    notes.write_text("Shopping list\nmilk\neggs\nbread for the weekend\n", encoding="utf-8")
    run = recode(capsys, str(missing), "--dictionary", str(notes))
    assert run.code == 102
    assert f"[E446] {notes}" in run.err
