"""RULES.md (the match counts of our own event rules, scripts/rule_matches.py) has one row for
each rule id of verb_additions.tsv (block overrides, verbs, patterns) and patterns.toml (nominal
patterns, means of violence, blows struck in words), and none for a rule that is gone."""

from __future__ import annotations

from collections import Counter

from detente.events.coder import BUNDLED_VERB_FILES, event_patterns
from detente.events.dictionary import BlockEntry, PatternEntry, VerbEntry, read_entries
from detente.events.tables import DATA

VERB_ADDITIONS = DATA / "verb_additions.tsv"
RULES_MD = DATA / "RULES.md"


def _rule_ids() -> list[str]:
    """Our rule ids, read by the loaders the coder uses."""
    entries = read_entries(VERB_ADDITIONS)
    blocks = [e.id for e in entries if isinstance(e, BlockEntry) and e.id is not None]
    verbs = [*blocks, *(e.id for e in entries if isinstance(e, VerbEntry | PatternEntry))]
    patterns = event_patterns()
    return [*verbs, *(p.id for p in patterns.nominal), patterns.means_id, patterns.in_words_id]


def _table_ids() -> list[str]:
    """The first cell of each row of RULES.md's table, header and separator left out."""
    ids: list[str] = []
    for line in RULES_MD.read_text(encoding="utf-8").splitlines():
        if not line.startswith("|"):
            continue
        first = line.split("|")[1].strip()
        if first != "rule" and not set(first) <= set("-: "):
            ids.append(first)
    return ids


def test_the_verb_additions_are_a_bundled_verb_file() -> None:
    assert VERB_ADDITIONS in BUNDLED_VERB_FILES


def test_every_rule_has_exactly_one_row() -> None:
    rows = Counter(_table_ids())
    rules = _rule_ids()
    assert rules, "no rule ids read"
    assert [r for r in rules if rows[r] != 1] == []


def test_no_row_names_a_rule_that_is_gone() -> None:
    assert sorted(set(_table_ids()) - set(_rule_ids())) == []
