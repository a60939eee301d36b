"""Date expressions resolved against the publication date."""

from __future__ import annotations

import datetime

import pytest

from detente.events import resolve_date

PUBLISHED = datetime.date(2014, 12, 3)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("April 1 of this year", "2014-04-01"),
        ("on April 1", "2014-04-01"),
        ("1 April 2013", "2013-04-01"),
        ("March 5, 2012", "2012-03-05"),
        ("December 24", "2013-12-24"),  # a month after publication is last year's
        ("2014-11-30", "2014-11-30"),
        ("on Tuesday", "2014-12-02"),
        ("on Wednesday", "2014-12-03"),
        ("last Wednesday", "2014-11-26"),
        ("on Thursday", "2014-11-27"),
        ("yesterday", "2014-12-02"),
        ("today", "2014-12-03"),
        ("last week", "2014-11-24"),  # dated by its Monday
        ("last month", "2014-11"),
        ("last year", "2013"),
        ("three years ago", "2011"),
        ("two weeks ago", "2014-11-19"),
        ("5 days ago", "2014-11-28"),
        ("six months ago", "2014-06"),
        ("in November", "2014-11"),
        ("in May 2010", "2010-05"),
        ("in 1991", "1991"),
    ],
)
def test_resolved(text: str, expected: str) -> None:
    assert resolve_date(text, PUBLISHED) == expected


@pytest.mark.parametrize(
    "text", ["the coming years", "at the moment", "the next three to five years", "march on"]
)
def test_words_that_name_no_date(text: str) -> None:
    assert resolve_date(text, PUBLISHED) is None


def test_relative_words_need_a_publication_date() -> None:
    assert resolve_date("on Tuesday", None) is None
    assert resolve_date("April 1 of this year", None) is None
    assert resolve_date("1 April 2013", None) == "2013-04-01"


def test_an_impossible_day_is_not_a_date() -> None:
    assert resolve_date("February 30, 2014", PUBLISHED) is None
