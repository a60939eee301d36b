"""The records tables (0002, 0003): a document's actors, mentions, quotes, terms and events as
rows, written with the document, replaced on rewrite, dropped with it, rebuilt for older
databases; each event with the drivers of its coding decision."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path

import pytest
from store_util import Backend, migrations_only, stored_contract

from detente.errors import StoreError
from detente.explore import list_events
from detente.pipeline import Pipeline
from detente.records import Driver, RawDocument, Result, Source
from detente.settings import Settings
from detente.store.terms import index_terms, query_terms
from shared_data import EXAMPLES

pytestmark = pytest.mark.model

RECORD_TABLES = ("actors", "actor_mentions", "quotes", "quote_terms", "events")
# what a learned coder records for a decision: words, a 2-gram, a rule vote (non-ASCII too)
DRIVERS = (
    Driver("terminated", 0.82),
    Driver("military cooperation", 0.41),
    Driver("vote type:SANCTION", 0.3),
    Driver("сотрудничество", 0.05),
)
DRIVERS_JSON = [
    {"feature": "terminated", "weight": 0.82},
    {"feature": "military cooperation", "weight": 0.41},
    {"feature": "vote type:SANCTION", "weight": 0.3},
    {"feature": "сотрудничество", "weight": 0.05},
]


@pytest.fixture(scope="module")
def example() -> Result:
    """The example article through the real pipeline, dated so that records get a day."""
    path = EXAMPLES / "rbth_russia_nato.txt"
    raw = RawDocument(
        source=Source(path=str(path), format="text"),
        content=path.read_text(encoding="utf-8"),
        kind="text",
        published="2014-12-03",
    )
    (result,) = Pipeline(Settings()).run([raw])
    assert result.ok and result.events and result.quotes
    return result


def with_drivers(result: Result, first: tuple[Driver, ...] = DRIVERS) -> Result:
    """`result` with `first` as its first event's drivers and none on the others."""
    head, *rest = result.events
    events = [dataclasses.replace(head, drivers=first)]
    events += [dataclasses.replace(event, drivers=()) for event in rest]
    return dataclasses.replace(result, events=events)


def stored_drivers(backend: Backend) -> dict[str, list[dict[str, object]]]:
    """Each stored event's drivers column, parsed: event id → list."""
    rows = backend.query("SELECT event_id, CAST(drivers AS VARCHAR) FROM events")
    return {event_id: json.loads(text) for event_id, text in rows}


def counts(backend: Backend) -> dict[str, int]:
    return {t: int(backend.query(f"SELECT count(*) FROM {t}")[0][0]) for t in RECORD_TABLES}


def expected_counts(result: Result) -> dict[str, int]:
    contract = result.to_dict()
    terms = sum(len(index_terms(q["content"]["text"])) for q in contract["quotes"])
    return {
        "actors": len(contract["actors"]),
        "actor_mentions": sum(len(a["mentions"]) for a in contract["actors"]),
        "quotes": len(contract["quotes"]),
        "quote_terms": terms,
        "events": len(contract["events"]),
    }


def test_a_write_fills_every_records_table(backend: Backend, example: Result) -> None:
    with backend.open() as store:
        store.write([example])
        stats = store.stats()
    expected = expected_counts(example)
    assert counts(backend) == expected
    assert (stats.actors, stats.quotes, stats.events) == (
        expected["actors"],
        expected["quotes"],
        expected["events"],
    )


def test_record_spans_are_offsets_into_the_stored_text(backend: Backend, example: Result) -> None:
    with backend.open() as store:
        store.write([example])
    (text,) = backend.query("SELECT text FROM documents")[0]
    spans = backend.query(
        "SELECT evidence_start, evidence_end, evidence_text FROM events "
        "UNION ALL SELECT content_start, content_end, content_text FROM quotes "
        "UNION ALL SELECT start_char, end_char, text FROM actor_mentions "
        "UNION ALL SELECT speaker_start, speaker_end, speaker_text FROM quotes "
        "WHERE speaker_start IS NOT NULL"
    )
    assert len(spans) > 100
    assert all(text[start:end] == span for start, end, span in spans)


def test_quotes_carry_their_speaker_actor(backend: Backend, example: Result) -> None:
    with backend.open() as store:
        store.write([example])
    rows = backend.query(
        "SELECT DISTINCT speaker_code, speaker_role, speaker_organization, day, day_basis "
        "FROM quotes WHERE speaker_name = 'Alexander Grushko'"
    )
    assert rows == [("RUSGOV", "envoy to NATO", "Russia", date(2014, 12, 3), "published")]
    grushko = backend.query("SELECT count(*) FROM quotes WHERE speaker_name = 'Alexander Grushko'")[
        0
    ][0]
    assert grushko >= 5


def test_events_carry_codes_flags_and_the_day_they_count_on(
    backend: Backend, example: Result
) -> None:
    with backend.open() as store:
        store.write([example])
    cut = backend.query(
        "SELECT source_code, target_code, plover_type, cameo, cameo_root, goldstein, "
        "quad_class, event_date, day, day_basis FROM events WHERE date_text IS NOT NULL"
    )
    # "April 1 of this year", read against the publication date
    assert cut
    assert all(row[7] == row[8] and row[9] == "event" for row in cut)
    assert date(2014, 4, 1) in {row[7] for row in cut}
    # the events stage dates an event with no date of its own on the publication date
    undated = backend.query("SELECT DISTINCT day FROM events WHERE date_text IS NULL")
    assert undated == [(date(2014, 12, 3),)]
    dyad = backend.query(
        "SELECT cameo, cameo_root, goldstein, quad_class FROM events "
        "WHERE source_code LIKE 'RUS%' AND target_code = 'IGOWSTNAT'"
    )
    assert len(dyad) >= 3
    assert all(root == cameo[:2] and quad in (1, 2, 3, 4) for cameo, root, _, quad in dyad)


def test_an_undated_document_counts_on_the_day_it_was_stored(
    backend: Backend, example: Result
) -> None:
    article = dataclasses.replace(example.article, published=None)
    undated = dataclasses.replace(example, article=article)
    with backend.open() as store:
        store.write([undated])
    (stored,) = backend.query("SELECT CAST(created_at AS DATE) FROM documents")[0]
    days = backend.query(
        "SELECT DISTINCT day, day_basis FROM quotes UNION SELECT DISTINCT day, day_basis "
        "FROM events WHERE event_date IS NULL"
    )
    assert days == [(stored, "ingested")]


def test_a_rerun_replaces_the_rows_instead_of_adding_to_them(
    backend: Backend, example: Result
) -> None:
    with backend.open() as store:
        store.write([example])
        store.write([example])
    assert counts(backend) == expected_counts(example)


def test_a_superseded_document_takes_its_rows_along(backend: Backend, example: Result) -> None:
    article = example.article
    assert article is not None
    shorter = dataclasses.replace(article, text="Russia and NATO met. Nothing else happened.")
    changed = dataclasses.replace(
        example, id=None, article=shorter, quotes=[], events=[], actors=[], content_hash="changed"
    )
    with backend.open() as store:
        store.write([example])
        store.write([changed])  # the same file, rewritten: its old document goes
    assert counts(backend) == dict.fromkeys(RECORD_TABLES, 0)


def test_event_drivers_go_to_the_events_table_and_come_back(
    backend: Backend, example: Result
) -> None:
    driven = with_drivers(example)
    first = driven.events[0].id
    assert driven.to_dict()["events"][0]["drivers"] == DRIVERS_JSON
    with backend.open() as store:
        store.write([driven])
        (document,) = store.documents()
        assert store.document(document["id"]) == document
        listed = list_events(store, limit=500).items
    assert document == stored_contract(driven)
    assert stored_drivers(backend) == {
        e.id: DRIVERS_JSON if e.id == first else [] for e in driven.events
    }
    assert {row.event_id: row.drivers for row in listed} == {
        e.id: DRIVERS if e.id == first else () for e in driven.events
    }
    assert backend.column_types("events")["drivers"] == backend.json_type


def test_an_older_database_gets_its_records_rebuilt(
    backend: Backend, example: Result, tmp_path: Path
) -> None:
    driven = with_drivers(example)
    with backend.open(migrations_dir=migrations_only(tmp_path / "v1", "0001_initial.sql")) as st:
        st.write([driven])
    assert "events" not in backend.tables()
    with backend.open() as store:
        assert store.schema_version() == 5
    assert counts(backend) == expected_counts(example)
    # 0002 and 0003 went in together, the rows rebuilt with the stored documents' drivers
    first = driven.events[0].id
    assert stored_drivers(backend) == {
        e.id: DRIVERS_JSON if e.id == first else [] for e in driven.events
    }


def test_a_database_of_version_2_keeps_its_events_with_no_drivers(
    backend: Backend, example: Result
) -> None:
    with backend.open() as store:
        store.write([example])
    # the database as detente wrote it before 0003: no drivers column, none in the contract
    old_events = [
        {key: value for key, value in event.items() if key != "drivers"}
        for event in example.to_dict()["events"]
    ]
    literal = json.dumps(old_events, ensure_ascii=False).replace("'", "''")
    backend.execute("ALTER TABLE events DROP COLUMN drivers")
    backend.execute("DELETE FROM schema_migrations WHERE version = 3")
    backend.execute(f"UPDATE documents SET events = '{literal}'")
    with backend.open() as store:
        assert store.schema_version() == 5
        (document,) = store.documents()
        listed = list_events(store, limit=500).items
    assert document == stored_contract(with_drivers(example, ()))  # every event with drivers []
    assert len(listed) == len(example.events)
    assert {row.drivers for row in listed} == {()}
    assert backend.query("SELECT DISTINCT CAST(drivers AS VARCHAR) FROM events") == [("[]",)]


def test_records_and_every_later_migration_are_one_transaction(
    backend: Backend, example: Result, tmp_path: Path
) -> None:
    with backend.open(migrations_dir=migrations_only(tmp_path / "v1", "0001_initial.sql")) as st:
        st.write([example])
    broken = migrations_only(
        tmp_path / "broken", "0001_initial.sql", "0002_records.sql", "0003_event_drivers.sql"
    )
    (broken / "0004_broken.sql").write_text("SELECT * FROM no_such_table;", encoding="utf-8")
    with pytest.raises(StoreError) as caught:
        backend.open(migrations_dir=broken)
    message = str(caught.value)
    assert message.startswith(f"[E706] database {backend.db}: migration 0004_broken.sql failed (")
    assert "stays at schema version 1" in message
    assert "events" not in backend.tables()  # 0002 and 0003 rolled back with 0004
    assert backend.query("SELECT max(version) FROM schema_migrations") == [(1,)]


def test_query_terms_are_the_indexed_terms_of_a_search() -> None:
    assert index_terms("NATO’s leadership won’t stop NATO.") == {
        "nato": 2,
        "leadership": 1,
        "won't": 1,
        "stop": 1,
    }
    assert query_terms("The sanctions on Russia, sanctions!") == ["sanctions", "russia"]
    assert query_terms("the of and") == []
