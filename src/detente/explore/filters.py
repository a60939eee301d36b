"""Checking what a caller asks for (ExploreError E900–E907), and the WHERE clauses built from it.

Every value a caller gives reaches SQL as a `$n` parameter, but for the period and the level,
written into the statement once checked. Code patterns are checked to be letters, digits and
dashes before they meet `LIKE`, so no wildcard of the caller's slips into a prefix match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any, cast

from detente.errors import Errors, ExploreError
from detente.explore.results import Period

# Phoenix writes an unknown country as "---" (---GOV); "-" is no LIKE wildcard.
CODE_PATTERN = re.compile(r"[A-Z0-9-]+")
CAMEO_PREFIX = re.compile(r"[0-9]{1,4}")
PERIODS: tuple[Period, ...] = ("week", "month", "year")


@dataclass(frozen=True, slots=True)
class Bound:
    """The values an integer argument may take, declared once: checked here (ExploreError E902)
    and declared by the API's parameters, so that its OpenAPI schema says the same."""

    name: str
    minimum: int
    maximum: int
    fix: str  # what to do about a value outside the bounds

    def check(self, value: int) -> int:
        if not self.minimum <= value <= self.maximum:
            bound = f"between {self.minimum:,} and {self.maximum:,}"
            raise ExploreError(
                Errors.E902.format(what=self.name, bound=bound, value=value, fix=self.fix)
            )
        return value


# Sorting `offset + limit` matches to skip `offset` of them costs the database time in proportion
# to the depth (the keys of every match are read and ranked): 10,000 is 200 pages of 50 and
# still answers in a fraction of a second on 10 million events; deeper, a filter or the cursor
# (`after`, which costs what the first page costs) serves better than reading on by offset.
MAX_OFFSET = 10_000
MAX_COUNT = 2**31 - 1  # a 32-bit INTEGER: a count either database compares with as it is
LIMIT = Bound("limit", 1, 10_000, "page through longer listings with offset or the cursor")
OFFSET = Bound(
    "offset",
    0,
    MAX_OFFSET,
    "for deeper pages narrow the filters (dates, actors, type) or page on with the cursor each "
    "page returns (its `next`, passed back as `after`)",
)
LEVEL = Bound(
    "level", 1, 40, "give how many leading characters of a code to group by, 3 for countries"
)
WINDOW = Bound("window", 1, 120, "give how many periods the thermometer averages over")
MIN_EVENTS = Bound("min_events", 1, MAX_COUNT, "give the fewest events an edge must have")


def code_pattern(value: str, what: str = "actor") -> str:
    """`value` when it is an actor code or the start of one (RUS, IGOWSTNAT, ---GOV), else E900."""
    if CODE_PATTERN.fullmatch(value):
        return value
    suggestion = value.strip().upper()
    hint = f" (did you mean {suggestion!r}?)" if CODE_PATTERN.fullmatch(suggestion) else ""
    raise ExploreError(Errors.E900.format(what=what, value=value, hint=hint))


def period(value: str) -> Period:
    if value not in PERIODS:
        raise ExploreError(Errors.E901.format(value=value))
    return cast(Period, value)


def page_window(limit: int, offset: int) -> tuple[int, int]:
    return LIMIT.check(limit), OFFSET.check(offset)


def level(value: int | None) -> int | None:
    return None if value is None else LEVEL.check(value)


def date_range(since: date | None, until: date | None) -> None:
    if since is not None and until is not None and since > until:
        raise ExploreError(Errors.E903.format(since=since.isoformat(), until=until.isoformat()))


def quad_class(value: int) -> int:
    if value not in (1, 2, 3, 4):
        raise ExploreError(Errors.E904.format(value=value))
    return value


def cameo_prefix(value: str) -> str:
    if not CAMEO_PREFIX.fullmatch(value):
        raise ExploreError(Errors.E905.format(value=value))
    return value


@lru_cache(maxsize=1)
def plover_types() -> frozenset[str]:
    """The PLOVER types the event coder assigns (from its CAMEO→PLOVER table)."""
    from detente.events.tables import event_tables

    return frozenset(plover.type for plover in event_tables().plover.values())


def plover_type(value: str) -> str:
    """The PLOVER type `value` names, in any case (reject → REJECT), else E906."""
    upper = value.strip().upper()
    known = plover_types()
    if upper not in known:
        raise ExploreError(Errors.E906.format(value=value, known=", ".join(sorted(known))))
    return upper


def group_key(column: str, characters: int | None) -> str:
    """SQL for an actor code, or its first `characters` characters (a checked int)."""
    # substr, not left(): the same result, and DuckDB runs it over ten times faster.
    return column if characters is None else f"substr({column}, 1, {int(characters)})"


@dataclass(frozen=True, slots=True)
class DayBounds:
    """The placeholders of a date range, for conditions on several columns of one statement."""

    since: str | None
    until: str | None

    def on(self, column: str) -> str:
        """` AND column >= since AND column <= until`, each part only when bounded."""
        parts = []
        if self.since is not None:
            parts.append(f" AND {column} >= {self.since}")
        if self.until is not None:
            parts.append(f" AND {column} <= {self.until}")
        return "".join(parts)

    @property
    def bounded(self) -> bool:
        return self.since is not None or self.until is not None


@dataclass
class Conditions:
    """A WHERE clause and its parameters, numbered `$1, $2, …` in the order they are added."""

    parameters: list[Any] = field(default_factory=list)
    clauses: list[str] = field(default_factory=list)

    def parameter(self, value: Any) -> str:
        """The placeholder of a new parameter holding `value`."""
        self.parameters.append(value)
        return f"${len(self.parameters)}"

    def add(self, clause: str, *values: Any) -> None:
        """`clause` with each `{}` replaced by the placeholder of the value in its place."""
        self.clauses.append(clause.format(*(self.parameter(value) for value in values)))

    def prefix(self, column: str, pattern: str) -> None:
        self.add(f"{column} LIKE {{}} || '%'", pattern)

    def days(self, column: str, since: date | None, until: date | None) -> None:
        if since is not None:
            self.add(f"{column} >= {{}}", since)
        if until is not None:
            self.add(f"{column} <= {{}}", until)

    def bounds(self, since: date | None, until: date | None) -> DayBounds:
        """Parameters for a date range, to be placed with `DayBounds.on`."""
        return DayBounds(
            None if since is None else self.parameter(since),
            None if until is None else self.parameter(until),
        )

    def where(self) -> str:
        return "WHERE " + " AND ".join(self.clauses) if self.clauses else ""
