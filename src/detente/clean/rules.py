"""The boilerplate tables (data/boilerplate.tsv), loaded and compiled once at import.

`match_debris(line, at_edge=...)` says whether a line, or the end of it, is debris and why. The text
and HTML cleaners both use it, so one table drives both.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Literal

from detente.errors import DictionaryError, Errors

Where = Literal["line", "start", "anywhere", "tail"]
Scope = Literal["any", "edge"]

BOILERPLATE_TABLE = "boilerplate.tsv"
_WHERE: tuple[Where, ...] = ("line", "start", "anywhere", "tail")
_SCOPE: tuple[Scope, ...] = ("any", "edge")
_COLUMNS = ["reason", "where", "scope", "max_words", "pattern"]
_REASON_ID = re.compile(r"[a-z]+(?:-[a-z]+)*")
# Decoration around a whole-line match: "- Advertisement -", "[Share]", "Accept cookies »".
_DECORATION = r"[\W_]*"


@dataclass(frozen=True, slots=True)
class DebrisRule:
    """One row of the table: `pattern` is already anchored for its `where`."""

    reason: str
    where: Where
    scope: Scope
    max_words: int
    pattern: re.Pattern[str]
    line_number: int


@dataclass(frozen=True, slots=True)
class DebrisMatch:
    """The debris part of a line, `line[start:end]`, and what the rule captured."""

    reason: str
    where: Where
    start: int
    end: int
    publisher: str | None = None
    authors: str | None = None


def load_rules(path: Path | None = None) -> tuple[DebrisRule, ...]:
    """Read and compile a boilerplate table; the bundled one when `path` is None."""
    resource = files("detente") / "data" / BOILERPLATE_TABLE if path is None else path
    shown = str(path) if path is not None else f"detente/data/{BOILERPLATE_TABLE}"
    rules: list[DebrisRule] = []
    header_seen = False
    for number, raw_line in enumerate(resource.read_text(encoding="utf-8").splitlines(), 1):
        if not raw_line.strip() or raw_line.startswith("#"):
            continue
        cells = raw_line.split("\t")
        if not header_seen:
            if cells != _COLUMNS:
                raise _table_error(shown, number, f"header must be {'<TAB>'.join(_COLUMNS)}")
            header_seen = True
            continue
        rules.append(_parse_row(cells, shown, number))
    if not rules:
        raise _table_error(shown, 1, "no rules found; the table needs a header and rows")
    return tuple(rules)


def _parse_row(cells: list[str], shown: str, number: int) -> DebrisRule:
    if len(cells) != len(_COLUMNS):
        detail = f"expected {len(_COLUMNS)} tab-separated columns, found {len(cells)}"
        raise _table_error(shown, number, detail)
    reason, where, scope, max_words, pattern = cells
    if not _REASON_ID.fullmatch(reason):
        raise _table_error(shown, number, f"reason {reason!r} is not a short id like 'read-more'")
    if where not in _WHERE:
        raise _table_error(shown, number, f"where {where!r} is not one of {', '.join(_WHERE)}")
    if scope not in _SCOPE:
        raise _table_error(shown, number, f"scope {scope!r} is not one of {', '.join(_SCOPE)}")
    if not max_words.isdigit():
        raise _table_error(shown, number, f"max_words {max_words!r} is not a whole number")
    anchored = {
        "line": f"^{_DECORATION}(?:{pattern}){_DECORATION}$",
        "start": f"^{_DECORATION}(?:{pattern})",
        "anywhere": pattern,
        "tail": f"(?:{pattern}){_DECORATION}$",
    }[where]
    try:
        compiled = re.compile(anchored, re.IGNORECASE)
    except re.error as exc:
        raise _table_error(shown, number, f"bad regex ({exc}); fix the pattern column") from exc
    return DebrisRule(reason, where, scope, int(max_words), compiled, number)


def _table_error(shown: str, number: int, detail: str) -> DictionaryError:
    return DictionaryError(Errors.E401.format(path=shown, line=number, detail=detail))


RULES = load_rules()


def match_debris(
    line: str, *, at_edge: bool, rules: tuple[DebrisRule, ...] = RULES
) -> DebrisMatch | None:
    """The first rule that fires on `line` (stripped), or None. Edge-only rules need `at_edge`."""
    words = len(line.split())
    for rule in rules:
        if rule.scope == "edge" and not at_edge:
            continue
        if rule.max_words and words > rule.max_words:
            continue
        found = rule.pattern.search(line)
        if found is None:
            continue
        # A tail credit with nothing before it is the whole line.
        tail_only = rule.where == "tail" and line[: found.start()].strip()
        start = found.start() if tail_only else 0
        groups = found.groupdict()
        authors = groups.get("authors")
        return DebrisMatch(
            rule.reason, rule.where, start, len(line), _publisher(found, line), authors
        )
    return None


_ABBREVIATED = frozenset({"Ltd", "Inc", "Co", "Corp", "Bros", "Plc"})


def _publisher(found: re.Match[str], line: str) -> str | None:
    """The captured publisher, trimmed; a company suffix keeps its full stop ("Media Ltd.")."""
    name = (found.groupdict().get("publisher") or "").strip(" ,-–|")
    if not name:
        return None
    end = found.end("publisher")
    if name.rsplit(maxsplit=1)[-1] in _ABBREVIATED and line[end : end + 1] == ".":
        name += "."
    return name
