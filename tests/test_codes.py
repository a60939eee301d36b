from __future__ import annotations

import datetime

from detente.codes import DatedCode, code_at, split_code, with_sector

PUTIN_LIKE = (
    DatedCode("RUSELI", None, datetime.date(1999, 8, 9)),
    DatedCode("RUSGOV", datetime.date(1999, 8, 9), datetime.date(2008, 5, 7)),
    DatedCode("RUSELI"),
)


def test_the_dated_code_covering_the_publication_date_wins() -> None:
    assert code_at(PUTIN_LIKE, datetime.date(1995, 1, 1)) == "RUSELI"
    assert code_at(PUTIN_LIKE, datetime.date(2005, 6, 1)) == "RUSGOV"
    # range limits are inclusive
    assert code_at(PUTIN_LIKE, datetime.date(2008, 5, 7)) == "RUSGOV"


def test_outside_every_range_the_undated_default_applies() -> None:
    assert code_at(PUTIN_LIKE, datetime.date(2014, 12, 3)) == "RUSELI"
    assert code_at(PUTIN_LIKE, None) == "RUSELI"


def test_without_a_default_or_a_date_the_latest_range_applies() -> None:
    codes = (
        DatedCode("HOBCIV", None, datetime.date(2008, 1, 20)),
        DatedCode("HOBELI", datetime.date(2013, 1, 19), None),
    )
    assert code_at(codes, None) == "HOBELI"
    assert code_at(codes, datetime.date(2010, 1, 1)) is None


def test_null_codes_give_no_code() -> None:
    assert code_at((DatedCode("---"),), None) is None


def test_split_code() -> None:
    assert split_code("RUSGOV") == ("RUS", "GOV")
    assert split_code("IGOWSTNAT") == ("IGO", "WSTNAT")
    assert split_code("RUS") == ("RUS", None)
    assert split_code("---EDU") == (None, "EDU")
    assert split_code(None) == (None, None)


def test_with_sector() -> None:
    assert with_sector("RUS", "GOV") == "RUSGOV"
    assert with_sector("IGOWSTNAT", "GOV") == "IGOWSTNAT"
    assert with_sector("RUSGOV", "GOV") == "RUSGOV"
    assert with_sector(None, "EDU") == "---EDU"
    assert with_sector("RUS", None) == "RUS"


def test_dated_code_notation() -> None:
    assert DatedCode("NORGOV", datetime.date(2005, 10, 17)).to_text() == "NORGOV@2005-10-17.."
    assert DatedCode("RUS").to_text() == "RUS"
