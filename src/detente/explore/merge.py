"""Events counted once per story: the merge key, and the events as one row per merged event.

The documents of one story (near duplicates: a wire story republished with other headlines,
boilerplate and small edits; `events.story`, migration 0005) report the same events again. Two
event rows are reports of one *merged event* when they agree on

    story · source · target · CAMEO code · day · negated, hypothetical, future

where a side is its actor code, else its name (an uncoded actor), the day is the event's own
date or its document's publication date (NULL without either: undated reports of one story
merge), and the three flags keep "X attacked Y" apart from "X did not attack Y". The key also
merges repeated reports of one event inside one document (GDELT counts one event per document
and key too). A row stored before stories were (story NULL) is its document's own story.

`count="events"` counts merged events, each once (its Goldstein score weighed once);
`count="reports"` counts event rows, every report of every document, as before stories.
Used by detente.explore (dyad series, top dyads, the network) and detente.export.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from detente.errors import Errors, ExploreError
from detente.explore.results import Count

COUNTS: tuple[Count, ...] = ("events", "reports")
# The day a merged event is on: a day read from a date, not the day a document was stored.
# Day bases that come from a date: the event's own or the document's publication date. The
# third, "ingested", is the day the document was stored, a stand-in for a missing date.
DATED_BASES = "('event', 'published')"
DATED_DAY = f"CASE WHEN day_basis IN {DATED_BASES} THEN day END"
# Columns that one merged event has one value of: grouped by with the key rather than aggregated.
SIDES = ("source_code", "target_code")
MERGE_KEY: tuple[str, ...] = (
    "coalesce(story, document_id)",
    "coalesce(source_code, source_name)",
    "coalesce(target_code, target_name)",
    "cameo",
    DATED_DAY,
    "negated",
    "hypothetical",
    "future",
)


def count_of(value: str) -> Count:
    """`value` when it is one of COUNTS, else E911."""
    if value not in COUNTS:
        raise ExploreError(Errors.E911.format(value=value))
    return cast(Count, value)


def grouping(dialect: str) -> str:
    """The GROUP BY list of the merge key. DuckDB groups faster by one 64-bit hash of it (a
    chance collision of two keys among ten million is about 1 in 300,000, and would also need
    the same source and target codes, which are grouped by as well)."""
    keys = ", ".join(MERGE_KEY)
    return f"hash({keys})" if dialect == "duckdb" else keys


def events_from(count: Count, columns: Sequence[str], where: str, dialect: str) -> str:
    """What follows FROM: the events `where` selects, as the table `events` with `columns`.

    For "reports", the events table itself with `where`; for "events", one row per merged event
    among them. Its source and target codes are grouped by along with the key (the key holds
    them, or the name where there is no code); any other column is the smallest of its reports'
    values (those asked for follow from the key: CAMEO's Goldstein score, QuadClass and PLOVER
    type; the day, which is the key's but for an undated report: the day it was stored).
    """
    if count == "reports":
        return f"events {where}"
    grouped = [column for column in columns if column in SIDES]
    values = [*grouped, *(f"min({c}) AS {c}" for c in columns if c not in SIDES)]
    return (
        f"(SELECT {', '.join(values)} FROM events {where} "
        f"GROUP BY {', '.join([*grouped, grouping(dialect)])}) AS events"
    )
