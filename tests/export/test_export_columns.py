"""The column tuples: GDELT's names and types, one description per column, and builders that
fill exactly the documented columns."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime

import pytest
from export_util import HEADING, LEAD, rbth_like

from detente.countries import Country, country
from detente.export import (
    ACTOR_COLUMNS,
    EVENT_COLUMNS,
    GDELT_COLUMNS,
    POLECAT_COLUMNS,
    QUOTE_COLUMNS,
    Column,
    coding,
    describe,
)
from detente.export.columns import names
from detente.export.gdelt import date_added, fraction_date, gdelt_row, global_event_id
from detente.export.polecat import polecat_rows
from detente.export.rows import (
    StoredDocument,
    actor_row,
    event_row,
    lead_paragraph_end,
    quote_row,
)
from shared_data import shared_path

ALL_TABLES = {
    "events": EVENT_COLUMNS,
    "quotes": QUOTE_COLUMNS,
    "actors": ACTOR_COLUMNS,
    "gdelt": GDELT_COLUMNS,
    "polecat": POLECAT_COLUMNS,
}
# GDELT's codebook types and ours (GLOBALEVENTID and DATEADDED outgrow 32-bit integers).
GDELT_TYPES = {"INTEGER": {"INTEGER", "BIGINT"}, "STRING": {"VARCHAR"}, "FLOAT": {"DOUBLE"}}
DUCKDB_TYPES = {"VARCHAR", "INTEGER", "BIGINT", "DOUBLE", "BOOLEAN", "DATE"}


def test_gdelt_columns_are_the_61_of_the_codebook_in_order_with_matching_types() -> None:
    path = shared_path("data", "events", "GDELT_2.0_Events_Column_Labels_Header_Row_Sep2016.csv")
    with path.open(encoding="utf-8") as handle:
        codebook = [(row["tableId"], row["dataType"]) for row in csv.DictReader(handle)]
    assert len(GDELT_COLUMNS) == 61
    assert names(GDELT_COLUMNS) == tuple(name for name, _ in codebook)
    for column, (_, gdelt_type) in zip(GDELT_COLUMNS, codebook, strict=True):
        assert column.type in GDELT_TYPES[gdelt_type], column.name


@pytest.mark.parametrize("table", sorted(ALL_TABLES))
def test_every_column_is_unique_typed_and_described(table: str) -> None:
    columns: tuple[Column, ...] = ALL_TABLES[table]
    assert len(set(names(columns))) == len(columns)
    assert {column.type for column in columns} <= DUCKDB_TYPES
    assert all(column.description.strip() for column in columns)
    lines = describe(columns).splitlines()
    assert len(lines) == len(columns) + 2
    assert lines[2] == f"| `{columns[0].name}` | {columns[0].type} | {columns[0].description} |"


def test_flat_tables_carry_evidence_and_document_columns() -> None:
    event_names = names(EVENT_COLUMNS)
    for name in ("document_id", "event_id", "source_code", "target_code", "cameo", "goldstein"):
        assert name in event_names
    assert event_names[2:6] == ("story", "num_articles", "num_sources", "num_mentions")
    assert event_names[-11:-8] == ("evidence_start", "evidence_end", "evidence_text")
    assert event_names[-8:-4] == ("rule", "confidence", "drivers", "reports")
    for columns in (EVENT_COLUMNS, QUOTE_COLUMNS, ACTOR_COLUMNS):
        assert names(columns)[-4:] == (
            "document_title",
            "document_published",
            "document_url",
            "document_path",
        )


def test_builders_fill_exactly_the_documented_columns() -> None:
    contract = rbth_like().to_dict()
    document = StoredDocument.of(contract)
    event = contract["events"][0]
    assert list(event_row(event, document)) == list(names(EVENT_COLUMNS))
    assert list(quote_row(contract["quotes"][0], document)) == list(names(QUOTE_COLUMNS))
    assert list(actor_row(contract["actors"][0], document)) == list(names(ACTOR_COLUMNS))
    assert list(gdelt_row(event, document, 20240101000000)) == list(names(GDELT_COLUMNS))
    (polecat,) = polecat_rows(document, contract["events"][1:2])
    assert list(polecat) == list(names(POLECAT_COLUMNS))


@pytest.mark.parametrize(
    ("code", "country", "group", "sectors", "plover"),
    [
        ("RUSGOV", "RUS", None, ("GOV",), "RUS"),
        ("RUS", "RUS", None, (), "RUS"),
        ("USAGOVBUSGOV", "USA", None, ("GOV", "BUS"), "USA"),
        ("---GOV", None, None, ("GOV",), None),
        ("IGOWSTNAT", None, "NAT", (), "IGO"),
        ("IGOUNO", None, "UNO", (), "UNO"),
        ("IGOEUREEC", None, "EEC", (), "EUR"),
        ("NGOHRI", None, "HRI", (), "NGO"),
    ],
)
def test_actor_codes_split_into_country_group_and_sectors(
    code: str, country: str | None, group: str | None, sectors: tuple[str, ...], plover: str | None
) -> None:
    parsed = coding.ActorCode.parse(code)
    assert (parsed.country, parsed.known_group, parsed.sectors) == (country, group, sectors)
    assert parsed.plover_country == plover


def test_places_get_gdelt_types_names_and_fips_codes() -> None:
    brussels = coding.place(
        {"name": "Brussels", "country": "BEL", "latitude": 50.8, "longitude": 4.3}
    )
    assert brussels is not None
    assert (brussels.gdelt_type, brussels.full_name, brussels.fips) == (
        4,
        "Brussels, Belgium",
        "BE",
    )
    ukraine = coding.place({"name": "Ukraine", "country": "UKR"})
    assert ukraine is not None
    assert (ukraine.gdelt_type, ukraine.full_name, ukraine.fips, ukraine.latitude) == (
        1,
        "Ukraine",
        "UP",
        None,
    )
    boston = coding.place(
        {"name": "Boston", "country": "USA", "latitude": 42.4, "longitude": -71.1}
    )
    assert boston is not None and boston.gdelt_type == 3
    assert coding.place(None) is None
    assert country("RUS") == Country("Russia", "643", "RS")


def test_gdelt_ids_and_dates() -> None:
    first = global_event_id("41860baf753c4ecd", "E1")
    assert first == global_event_id("41860baf753c4ecd", "E1")
    assert 0 <= first < 2**63
    assert first != global_event_id("41860baf753c4ecd", "E2")
    assert fraction_date(date(2014, 12, 3)) == 2014.9945
    assert date_added(datetime(2024, 5, 6, 7, 8, 9, tzinfo=UTC)) == 20240506070809


def test_the_lead_paragraph_is_the_first_that_is_not_a_heading() -> None:
    text = f"{HEADING}\n\n{LEAD}\n\nMore."
    heading = {"start": 0, "end": len(HEADING), "text": HEADING}
    assert lead_paragraph_end(text, [heading]) == text.index("\n\nMore")
    assert lead_paragraph_end(text, []) == len(HEADING)
    assert lead_paragraph_end("One paragraph only.", []) == len("One paragraph only.")
