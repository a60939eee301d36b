"""Events counted once per story in the exports: which stored events are reports of one merged
event, and what the merged event carries.

Reports of one merged event agree on story, source, target, CAMEO code, day and the negated,
hypothetical and future flags (`detente.explore.merge.MERGE_KEY`, the key the dyad series count
by). Its first report (of the first stored document, then E1, E2, …: the first the export's
walk of `Store.documents()` meets) stands for it; the export writes that row with

- `num_articles`: the documents reporting it,
- `num_sources`: the outlets among them: a document's publisher (any case), else the host of
  its URL (without www.), else the document itself,
- `num_mentions`: its reports (evidence sentences; one document may report it more than once),
- `reports`: every report, first the row's own: document id, event id and evidence text,

and leaves the other reports out (or writes each, with the same figures, when every report is
asked for). An event no other report joins is its own merged event: 1, 1, 1.

The walk reads one document at a time, so the reports of a merged event are found before it:
one statement groups the events table by the key and gives the reports of every merged event
of more than one report, which are kept in memory (the other events are not). Its conditions
are those of the export's own selection (date window, dated, not flagged, typed) written in
SQL; each acts on whole merged events (the day and the flags are in the key), but the PLOVER
type, which is applied to each report.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from detente.export.rows import Record

if TYPE_CHECKING:
    from detente.explore.filters import Conditions
    from detente.store import Store

# the events a GDELT or POLECAT file leaves out unless asked (rows.UNREALISED)
FLAGGED = "(coalesce(negated, false) OR coalesce(hypothetical, false) OR coalesce(future, false))"


@dataclass(frozen=True, slots=True)
class Selection:
    """The events an export writes, as the conditions of `Merges.read`."""

    since: date | None = None
    until: date | None = None
    dated: bool = False  # GDELT and POLECAT: only events with a day
    include_flagged: bool = True
    typed: bool = False  # POLECAT: only events with a PLOVER type

    def where(self, conditions: Conditions) -> str:
        from detente.explore.merge import DATED_DAY

        if self.since is not None:
            conditions.add(f"{DATED_DAY} >= {{}}", self.since)
        if self.until is not None:
            conditions.add(f"{DATED_DAY} <= {{}}", self.until)
        if self.dated:
            conditions.add(f"{DATED_DAY} IS NOT NULL")
        if not self.include_flagged:
            conditions.add(f"NOT {FLAGGED}")
        if self.typed:
            conditions.add("plover_type IS NOT NULL")
        return conditions.where()


@dataclass(frozen=True, slots=True)
class Merged:
    """One merged event: its story, its counts and its reports, first the one that stands for it."""

    story: str
    articles: int
    sources: int
    mentions: int
    reports: tuple[tuple[str, str, str | None], ...]  # document id, event id, evidence text

    def values(self) -> dict[str, Any]:
        """The flat exports' columns of a merged event."""
        reports = [
            {"document_id": document_id, "event_id": event_id, "evidence_text": text}
            for document_id, event_id, text in self.reports
        ]
        return {
            "story": self.story,
            "num_articles": self.articles,
            "num_sources": self.sources,
            "num_mentions": self.mentions,
            "reports": json.dumps(reports, ensure_ascii=False),
        }


@dataclass(slots=True)
class Merges:
    """The merged events of more than one report, by each of their reports."""

    by_report: dict[tuple[str, str], tuple[Merged, bool]] = field(default_factory=dict)

    @classmethod
    def read(cls, store: Store, selection: Selection) -> Merges:
        """The merged events of more than one report among the events `selection` keeps."""
        # here: detente.explore opens the store package, which an export of quotes, or
        # `detente --help`, does without
        from detente.explore.filters import Conditions
        from detente.explore.merge import MERGE_KEY

        merges = cls()
        conditions = Conditions()
        where = selection.where(conditions)
        keys = [f"k{index}" for index in range(len(MERGE_KEY))]
        keyed = ", ".join(f"{key} AS {name}" for key, name in zip(MERGE_KEY, keys, strict=True))
        listed = ", ".join(keys)
        rows = store.query(
            f"""
            SELECT {", ".join(f"m.{key}" for key in keys)}, m.document_id, m.event_id,
                   d.publisher, s.url, e.evidence_text
            FROM (
                SELECT keyed.*, count(*) OVER (PARTITION BY {listed}) AS reports
                FROM (SELECT document_id, event_id, {keyed} FROM events {where}) AS keyed
            ) AS m
            JOIN events e ON e.document_id = m.document_id AND e.event_id = m.event_id
            JOIN documents d ON d.id = m.document_id
            LEFT JOIN sources s ON s.source_key = d.source_key
            WHERE m.reports > 1
            ORDER BY {", ".join(f"m.{key}" for key in keys)}, d.created_at, m.document_id,
                     length(m.event_id), m.event_id
            """,
            conditions.parameters,
        )
        width = len(keys)
        start = 0
        for end in range(1, len(rows) + 1):
            if end == len(rows) or rows[end][:width] != rows[start][:width]:
                merges._add(rows[start:end], width)
                start = end
        return merges

    def _add(self, rows: Sequence[tuple[Any, ...]], width: int) -> None:
        story = rows[0][0]
        reports = tuple((row[width], row[width + 1], row[width + 4]) for row in rows)
        merged = Merged(
            story=story,
            articles=len({row[width] for row in rows}),
            sources=len({outlet(row[width], row[width + 2], row[width + 3]) for row in rows}),
            mentions=len(rows),
            reports=reports,
        )
        for index, (document_id, event_id, _) in enumerate(reports):
            self.by_report[(document_id, event_id)] = (merged, index == 0)

    def of(self, document_id: str, event: Record) -> tuple[Merged | None, bool]:
        """The merged event `event` of `document_id` reports (None: no other report joins it),
        and whether it stands for it."""
        return self.by_report.get((document_id, event["id"]), (None, True))


def outlet(document_id: str, publisher: str | None, url: str | None) -> str:
    """Who published a document: its publisher, else its URL's host, else the document."""
    if publisher and publisher.strip():
        return "publisher:" + " ".join(publisher.casefold().split())
    try:
        host = urlsplit(url).hostname if url else None
    except ValueError:  # a URL that does not parse (a bad IPv6 address) names no host
        host = None
    if host:
        return "host:" + host.removeprefix("www.")
    return "document:" + document_id
