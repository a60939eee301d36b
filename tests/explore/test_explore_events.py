"""Event listing with filters on the known events of explore_util.dyad_corpus, on DuckDB and
PostgreSQL. Newest first: d4 E2 (dated the day it was stored), d4 E1 (2015-03-05), d3 E1 and
d5 E1, E2, E3, E10 (2015-02-20), d2 E1, E2 (2014-12-10), d1 E1, E2, E3 (2014-12-03)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date

import pytest
from explore_util import dyad_corpus, filled

from detente.errors import ExploreError
from detente.explore import EventRow, Page, list_events
from detente.records import Driver
from detente.store import Store

CORPUS = dyad_corpus()
NEWEST_FIRST = [
    ("d4", "E2"),
    ("d4", "E1"),
    ("d3", "E1"),
    ("d5", "E1"),
    ("d5", "E2"),
    ("d5", "E3"),
    ("d5", "E10"),
    ("d2", "E1"),
    ("d2", "E2"),
    ("d1", "E1"),
    ("d1", "E2"),
    ("d1", "E3"),
]


@pytest.fixture(scope="module")
def store(explore_db: str) -> Iterator[Store]:
    with filled(explore_db, CORPUS) as opened:
        yield opened


def keys(page: Page[EventRow]) -> list[tuple[str, str]]:
    return [(event.document_id, event.event_id) for event in page.items]


def test_events_come_newest_first_then_by_document_and_number(store: Store) -> None:
    page = list_events(store)
    assert keys(page) == NEWEST_FIRST  # E10 after E2
    assert (page.total, page.limit, page.offset) == (12, 50, 0)


def test_pages_carry_the_total_of_all_matches(store: Store) -> None:
    assert keys(list_events(store, limit=4, offset=4)) == NEWEST_FIRST[4:8]
    beyond = list_events(store, limit=4, offset=20)
    assert (beyond.items, beyond.total) == ([], 12)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        # RUSGOV and RUSMIL are Russia
        ({"source": "RUS"}, [k for k in NEWEST_FIRST if k not in {("d5", "E1"), ("d1", "E3")}]),
        (
            {"target": "IGOWSTNAT"},  # IGOWSTNATMIL too
            [k for k in NEWEST_FIRST if k[0] != "d5" and k != ("d1", "E3")],
        ),
        ({"actor": "UKR"}, [("d5", "E2")]),
        ({"actor": "IGOWSTNATMIL"}, [("d2", "E2")]),
        ({"source": "IGOWSTNAT", "target": "RUS"}, [("d1", "E3")]),
        ({"plover_type": "reject"}, [("d4", "E2")]),
        ({"cameo": "16"}, [("d1", "E3")]),
        (
            {"cameo": "0"},
            [("d3", "E1"), ("d5", "E1"), ("d5", "E3"), ("d5", "E10"), ("d2", "E1"), ("d2", "E2")],
        ),
        ({"quad_class": 4}, [("d5", "E2"), ("d1", "E2"), ("d1", "E3")]),
        ({"source": "RUS", "quad_class": 4}, [("d5", "E2"), ("d1", "E2")]),
        (
            {"since": date(2015, 1, 1), "until": date(2015, 2, 28)},
            [("d3", "E1"), ("d5", "E1"), ("d5", "E2"), ("d5", "E3"), ("d5", "E10")],
        ),
        ({"until": date(2014, 12, 3)}, [("d1", "E1"), ("d1", "E2"), ("d1", "E3")]),
        ({"negated": True}, [("d4", "E1")]),
        ({"negated": False, "document_id": "d4"}, [("d4", "E2")]),
        ({"hypothetical": True}, [("d2", "E2")]),
        ({"future": True}, [("d2", "E1")]),
        ({"historical": True}, [("d1", "E3")]),
        ({"document_id": "d1"}, [("d1", "E1"), ("d1", "E2"), ("d1", "E3")]),
        ({"document_id": "nope"}, []),
        ({"actor": "---"}, []),  # Phoenix's unknown country: a valid pattern
    ],
)
def test_filters(store: Store, filters: dict[str, object], expected: list[tuple[str, str]]) -> None:
    page = list_events(store, **filters)  # type: ignore[arg-type]
    assert keys(page) == expected
    assert page.total == len(expected)


def test_a_row_has_every_column_the_evidence_span_and_the_title(store: Store) -> None:
    (row,) = list_events(store, document_id="d1", historical=True).items
    text = CORPUS[0].to_dict()["text"]
    data = row.to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data == {
        "document_id": "d1",
        "event_id": "E3",
        "title": "Brussels talks end in discord",
        "source_actor": "A2",
        "source_name": "NATO",
        "source_code": "IGOWSTNAT",
        "source_text": "NATO",
        "target_actor": "A1",
        "target_name": "Russia",
        "target_code": "RUS",
        "target_text": "Russia",
        "plover_type": "SANCTION",
        "plover_mode": None,
        "plover_context": ["economic", "diplomatic"],
        "cameo": "163",
        "cameo_root": "16",
        "goldstein": -8.0,
        "intensity": None,
        "quad_class": 4,
        "event_date": None,
        "date_text": None,
        "day": "2014-12-03",
        "day_basis": "published",
        "location_name": None,
        "location_country": None,
        "latitude": None,
        "longitude": None,
        "negated": False,
        "hypothetical": False,
        "future": False,
        "historical": True,
        "quote_id": None,
        "evidence": {
            "start": row.evidence.start,
            "end": row.evidence.end,
            "text": "NATO did 163 to Russia.",
        },
        "sentence": 0,
        "rule": "test pattern 163",
        "confidence": 0.8,
        "drivers": [
            {"feature": "sanctions", "weight": 0.82},
            {"feature": "vote type:SANCTION", "weight": 0.41},
        ],
    }
    assert text[row.evidence.start : row.evidence.end] == row.evidence.text
    assert row.drivers == (Driver("sanctions", 0.82), Driver("vote type:SANCTION", 0.41))


def test_an_event_with_its_own_date_and_one_without_a_target(store: Store) -> None:
    (dated,) = list_events(store, negated=True).items
    assert (dated.event_date, dated.day, dated.day_basis) == (
        date(2015, 3, 5),
        date(2015, 3, 5),
        "event",
    )
    (statement,) = list_events(store, cameo="010").items
    assert (
        statement.target_code,
        statement.plover_type,
        statement.plover_context,
        statement.drivers,
    ) == (None, None, [], ())
    (undated,) = list_events(store, plover_type="REJECT").items
    assert undated.day_basis == "ingested" and undated.day is not None


@pytest.mark.parametrize(
    ("filters", "code"),
    [
        ({"source": "R*"}, "E900"),
        ({"actor": "igowstnat"}, "E900"),
        ({"quad_class": 5}, "E904"),
        ({"cameo": "1a"}, "E905"),
        ({"cameo": "12345"}, "E905"),
        ({"plover_type": "BOGUS"}, "E906"),
        ({"limit": 0}, "E902"),
        ({"since": date(2015, 1, 2), "until": date(2015, 1, 1)}, "E903"),
    ],
)
def test_bad_arguments_raise_coded_explore_errors(
    store: Store, filters: dict[str, object], code: str
) -> None:
    with pytest.raises(ExploreError) as error:
        list_events(store, **filters)  # type: ignore[arg-type]
    assert error.value.code == code
    assert str(error.value).startswith(f"[{code}] ")
