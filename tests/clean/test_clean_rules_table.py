"""The boilerplate table: the bundled one loads, a broken one fails with a coded message."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.clean.rules import RULES, load_rules, match_debris
from detente.errors import DictionaryError

HEADER = "reason\twhere\tscope\tmax_words\tpattern\n"


def test_clean_rules_bundled_table_covers_every_family() -> None:
    reasons = {rule.reason for rule in RULES}
    assert {
        "cookie",
        "social",
        "copyright",
        "newsletter",
        "read-more",
        "photo-credit",
        "advertisement",
        "navigation",
    } <= reasons


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("cookie\tline\tany\t0\t(unclosed", r"boilerplate.tsv:3: bad regex"),
        ("cookie\tmiddle\tany\t0\tcookies", r"where 'middle' is not one of"),
        ("cookie\tline\teverywhere\t0\tcookies", r"scope 'everywhere' is not one of"),
        ("cookie\tline\tany\tmany\tcookies", r"max_words 'many' is not a whole number"),
        ("Cookie Banner\tline\tany\t0\tcookies", r"reason 'Cookie Banner' is not a short id"),
        ("cookie\tline\tany\t0", r"expected 5 tab-separated columns, found 4"),
    ],
)
def test_clean_rules_bad_row_is_reported(tmp_path: Path, row: str, message: str) -> None:
    table = tmp_path / "boilerplate.tsv"
    table.write_text("# a comment\n" + HEADER + row + "\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match=r"^\[E401\] .*" + message):
        load_rules(table)


def test_clean_rules_bad_header_is_reported(tmp_path: Path) -> None:
    table = tmp_path / "boilerplate.tsv"
    table.write_text("reason\tpattern\ncookie\tcookies\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match=r"^\[E401\] .*boilerplate.tsv:1: header must be"):
        load_rules(table)


def test_clean_rules_custom_table_and_scopes(tmp_path: Path) -> None:
    table = tmp_path / "boilerplate.tsv"
    table.write_text(
        HEADER + "promo\tline\tedge\t0\tbuy now\npromo\tanywhere\tany\t5\tspecial offer\n",
        encoding="utf-8",
    )
    rules = load_rules(table)
    assert match_debris("- Buy now -", at_edge=False, rules=rules) is None
    found = match_debris("- Buy now -", at_edge=True, rules=rules)
    assert found is not None and (found.reason, found.start) == ("promo", 0)
    assert match_debris("A special offer for you", at_edge=False, rules=rules) is not None
    too_long = "This special offer line has far more than five words"
    assert match_debris(too_long, at_edge=False, rules=rules) is None


def test_clean_rules_tail_match_keeps_the_caption() -> None:
    line = "Protesters gather outside parliament. Photo: Jane Doe"
    found = match_debris(line, at_edge=False)
    assert found is not None
    assert (found.reason, line[found.start : found.end]) == ("photo-credit", "Photo: Jane Doe")
