"""Publication dates found in a document: its dateline, its file name (opt-in), and which wins,
through the real CLI."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cli_util import run_cli
from detente.dates import dateline_date, name_date

BODY = (
    "Russia and NATO held talks in Brussels on Tuesday, officials said.\n\n"
    "The talks ended without an agreement, and both sides said they would meet again."
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("MOSCOW, Dec. 3, 2014 (Reuters) - Russia said", "2014-12-03"),
        ("WASHINGTON, December 3, 2014 — The White House", "2014-12-03"),
        ("BEIJING, Sept 4, 2019 /Xinhua/ - China said", "2019-09-04"),
        ("BAGHDAD, Iraq, Dec. 3, 2014, (AP) — Iraqi officials", "2014-12-03"),
        ("MOSCOW, Dec. 3, 2014. /ITAR-TASS/. - Russia", "2014-12-03"),
        ("NEW YORK, Nov. 19 (UPI) — Former", None),  # no year: not a date
        ("Moscow, Dec. 3, 2014 - the talks", None),  # a place in capitals opens a dateline
        ("The talks in MOSCOW, Dec. 3, 2014 - ended", None),  # not at the start
        ("CAIRO, Feb. 30, 2015 (AP) - ", None),  # no such day
    ],
)
def test_dateline(text: str, expected: str | None) -> None:
    assert dateline_date(text) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("wash-post_2016-01-20_fiorina-pushed-ahead.txt", "2016-01-20"),
        ("report_20160120.html", "2016-01-20"),
        ("notes_2016_02_30_and_2016_03_01.txt", "2016-03-01"),  # the first valid one
        ("release-12016-01-20.txt", None),
        ("no-date.txt", None),
    ],
)
def test_name_date(name: str, expected: str | None) -> None:
    assert name_date(name) == expected


@given(st.dates(min_value=datetime.date(1900, 1, 1), max_value=datetime.date(2099, 12, 31)))
def test_any_date_written_in_a_name_reads_back(day: datetime.date) -> None:
    assert name_date(f"outlet_{day.isoformat()}_slug.txt") == day.isoformat()
    assert name_date(f"outlet_{day:%Y%m%d}.txt") == day.isoformat()
    month = day.strftime("%b")
    assert dateline_date(f"PARIS, {month}. {day.day}, {day.year} (AFP) - text") == day.isoformat()


@given(st.text(max_size=80))
def test_parsers_never_fail(text: str) -> None:
    found = [dateline_date(text), name_date(text)]
    assert all(value is None or datetime.date.fromisoformat(value) for value in found)


def _published(capsys: pytest.CaptureFixture[str], path: Path, *options: str) -> str | None:
    run = run_cli(capsys, "extract", *options, "--format", "jsonl", str(path))
    assert run.code == 0, run.err
    published: str | None = json.loads(run.out)["published"]
    return published


@pytest.mark.model
def test_where_the_publication_date_comes_from(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    named = tmp_path / "wire_2016-01-20_talks.txt"
    named.write_text(BODY, encoding="utf-8")
    assert _published(capsys, named) is None  # nothing in the text, the name not asked for
    assert _published(capsys, named, "--date-from-name") == "2016-01-20"
    assert _published(capsys, named, "--date-from-name", "--published", "2016-02-01") == (
        "2016-02-01"
    )
    named.write_text("BRUSSELS, Dec. 2, 2014 (Reuters) - " + BODY, encoding="utf-8")
    assert _published(capsys, named, "--date-from-name") == "2014-12-02"  # the text's own
