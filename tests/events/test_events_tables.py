"""CAMEO → PLOVER, Goldstein, PLOVER intensity and QuadClass lookups."""

from __future__ import annotations

import pytest

from detente.events.tables import event_tables, quad_class
from detente.records import Plover


def test_plover_type_mode_and_context_come_from_the_conversion_table() -> None:
    tables = event_tables()
    assert tables.plover_of("1123") == Plover("ACCUSE", "allege", ("military",))
    assert tables.plover_of("161") == Plover("SANCTION", "withdraw", ("diplomatic",))
    assert tables.plover_of("0874") == Plover("RETREAT", "disarm", ("military",))


def test_statements_have_no_plover_type_and_appeals_are_requests() -> None:
    tables = event_tables()
    assert tables.plover_of("010") is None
    assert tables.plover_of("016") is None
    # an appeal mirrors the demand of its subcode (021 → 101, 024 → 104), else plain REQUEST
    assert tables.plover_of("021") == tables.plover_of("101") == Plover("REQUEST", "assist", ())
    assert tables.plover_of("0241") == tables.plover_of("1041")
    assert tables.plover_of("026") == tables.plover_of("020") == tables.plover_of("100")
    assert tables.plover_of("020") == Plover("REQUEST", None, ())


def test_a_code_missing_from_a_table_falls_back_to_its_parent() -> None:
    tables = event_tables()
    assert tables.plover_of("0409") == tables.plover_of("040")
    assert tables.goldstein_of("1129") == tables.goldstein_of("112")


def test_goldstein_scores_are_the_gdelt_table() -> None:
    tables = event_tables()
    assert tables.goldstein_of("040") == 1.0
    assert tables.goldstein_of("161") == -4.0
    assert tables.goldstein_of("0874") == 10.0
    assert tables.goldstein_of("999") == 0.0


def test_intensity_uses_the_mode_row_else_the_type_row() -> None:
    tables = event_tables()
    assert tables.intensity_of(Plover("MOBILIZE", "troops")) == -6.5
    assert tables.intensity_of(Plover("CONSULT", None)) == 2.5
    assert tables.intensity_of(Plover("REQUEST", "no-such-mode")) == 0.0
    # the manual prints the ACCUSE type score without its sign; the table documents -3
    assert tables.intensity_of(Plover("ACCUSE", None)) == -3.0
    assert tables.intensity_of(None) is None


@pytest.mark.parametrize(
    ("code", "quad"),
    [("010", 1), ("057", 1), ("061", 2), ("0874", 2), ("112", 3), ("130", 3), ("145", 4),
     ("190", 4), ("204", 4), ("223", 0), ("---", 0)],
)  # fmt: skip
def test_quad_class_from_the_cameo_root(code: str, quad: int) -> None:
    assert quad_class(code) == quad
