"""Stored documents (output-contract dicts) as flat rows: one per event, quote or actor.

Each builder returns a dict keyed by the column names of its table (columns.py); the writers
take the values in column order. Offsets and texts are copied from the contract unchanged, so
`evidence_text == document text[evidence_start:evidence_end]` holds in every export.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from detente.dates import parse_date
from detente.records import Driver

Record = Mapping[str, Any]

FLAGS: tuple[str, ...] = ("negated", "hypothetical", "future", "historical")
# Flags of events that did not (or not yet) happen. A historical event did happen, earlier: it
# stays in GDELT- and POLECAT-shaped files, on its own date when the text gives one.
UNREALISED: tuple[str, ...] = ("negated", "hypothetical", "future")
LIST_SEPARATOR = "; "
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


def to_date(value: str | None) -> date | None:
    """A full ISO date; None for a partial one (2019-05) or none."""
    parsed = parse_date(value)
    return date.fromisoformat(parsed) if parsed else None


@dataclass(frozen=True, slots=True)
class DateWindow:
    """Inclusive bounds on the day a record counts on; a record without a day is outside any
    bounded window (it cannot be placed in it)."""

    since: date | None = None
    until: date | None = None

    @property
    def bounded(self) -> bool:
        return self.since is not None or self.until is not None

    def covers(self, day: date | None) -> bool:
        if not self.bounded:
            return True
        if day is None:
            return False
        return (self.since is None or self.since <= day) and (
            self.until is None or day <= self.until
        )


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """One stored document and what every row of it repeats."""

    contract: Record
    id: str
    text: str
    title: str | None
    published: date | None
    url: str | None
    path: str | None
    lead_end: int  # end offset of the lead paragraph (GDELT's IsRootEvent)
    actors: Mapping[str, Record]  # by actor id

    @classmethod
    def of(cls, contract: Record) -> StoredDocument:
        source = contract.get("source") or {}
        text = contract.get("text") or ""
        return cls(
            contract=contract,
            id=contract["id"],
            text=text,
            title=contract.get("title"),
            published=to_date(contract.get("published")),
            url=source.get("url"),
            path=source.get("path"),
            lead_end=lead_paragraph_end(text, contract.get("headings") or []),
            actors={actor["id"]: actor for actor in contract.get("actors") or []},
        )

    def records(self, kind: str) -> list[Record]:
        """The document's events, quotes or actors."""
        return list(self.contract.get(kind) or [])

    def document_values(self) -> dict[str, Any]:
        return {
            "document_title": self.title,
            "document_published": self.published,
            "document_url": self.url,
            "document_path": self.path,
        }


def lead_paragraph_end(text: str, headings: Sequence[Record]) -> int:
    """Where the first paragraph that is not a section heading ends (paragraphs are separated
    by a blank line)."""
    heading_texts = {(h["start"], h["text"].strip()) for h in headings}
    start = 0
    for match in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = match.start() if match else len(text)
        paragraph = text[start:end].strip()
        offset = start + (len(text[start:end]) - len(text[start:end].lstrip()))
        if paragraph and (offset, paragraph) not in heading_texts:
            return end
        if match is None:
            break
        start = match.end()
    return len(text)


def event_day(event: Record, published: date | None) -> tuple[date | None, str | None]:
    """The day an event counts on and where it comes from: its own full date, else the
    publication date."""
    own = to_date(event.get("date"))
    if own is not None:
        return own, "event"
    if published is not None:
        return published, "published"
    return None, None


def is_flagged(event: Record) -> bool:
    """Negated, hypothetical or future: not a report of something done."""
    return any(event.get(flag) for flag in UNREALISED)


def _span(span: Record | None) -> tuple[int | None, int | None, str | None]:
    if not span:
        return None, None, None
    return span["start"], span["end"], span["text"]


def _side(role: str, side: Record | None) -> dict[str, Any]:
    side = side or {}
    return {
        f"{role}_actor": side.get("actor"),
        f"{role}_name": side.get("name"),
        f"{role}_code": side.get("code"),
        f"{role}_text": side.get("text"),
    }


def event_row(
    event: Record, document: StoredDocument, merged: Record | None = None
) -> dict[str, Any]:
    """One event as a flat row; `merged`: the story, num_* and reports columns of the merged
    event it reports (merged.Merged.values), else those of an event of one report."""
    merged = merged or single_report(event, document)
    plover = event.get("plover") or {}
    location = event.get("location") or {}
    cameo = event.get("cameo")
    day, basis = event_day(event, document.published)
    start, end, text = _span(event["evidence"])
    return {
        "document_id": document.id,
        "event_id": event["id"],
        "story": merged["story"],
        "num_articles": merged["num_articles"],
        "num_sources": merged["num_sources"],
        "num_mentions": merged["num_mentions"],
        **_side("source", event.get("source")),
        **_side("target", event.get("target")),
        "plover_type": plover.get("type"),
        "plover_mode": plover.get("mode"),
        "plover_context": LIST_SEPARATOR.join(plover.get("context") or []) or None,
        "cameo": cameo,
        "cameo_root": cameo[:2] if cameo else None,
        "goldstein": event.get("goldstein"),
        "intensity": event.get("intensity"),
        "quad_class": event.get("quad_class"),
        "event_date": event.get("date"),
        "date_text": event.get("date_text"),
        "day": day,
        "day_basis": basis,
        "location_name": location.get("name"),
        "location_country": location.get("country"),
        "latitude": location.get("latitude"),
        "longitude": location.get("longitude"),
        **{flag: bool(event.get(flag)) for flag in FLAGS},
        "quote_id": event.get("quote"),
        "sentence": event.get("sentence"),
        "evidence_start": start,
        "evidence_end": end,
        "evidence_text": text,
        "rule": event.get("rule"),
        "confidence": event.get("confidence"),
        "drivers": drivers_json(event),
        "reports": merged["reports"],
        **document.document_values(),
    }


def single_report(event: Record, document: StoredDocument) -> dict[str, Any]:
    """The merged-event columns of an event no other report joins (its story: the document's,
    or the document's own id when the contract names none)."""
    evidence = event.get("evidence") or {}
    report = {
        "document_id": document.id,
        "event_id": event["id"],
        "evidence_text": evidence.get("text"),
    }
    return {
        "story": document.contract.get("story") or document.id,
        "num_articles": 1,
        "num_sources": 1,
        "num_mentions": 1,
        "reports": json.dumps([report], ensure_ascii=False),
    }


def drivers_json(event: Record) -> str:
    """An event's drivers as JSON text: the contract's list, keys in its order (PostgreSQL's
    JSONB keeps its own), [] for an event stored without."""
    drivers = [Driver.from_dict(driver).to_dict() for driver in event.get("drivers") or []]
    return json.dumps(drivers, ensure_ascii=False)


def quote_row(quote: Record, document: StoredDocument) -> dict[str, Any]:
    speaker = quote.get("speaker") or {}
    actor = document.actors.get(speaker.get("actor") or "", {})
    content_start, content_end, content_text = _span(quote["content"])
    cue_start, cue_end, cue_text = _span(quote.get("cue"))
    mention_start, mention_end, mention_text = _span(speaker.get("mention"))
    return {
        "document_id": document.id,
        "quote_id": quote["id"],
        "type": quote.get("type"),
        "content_start": content_start,
        "content_end": content_end,
        "content_text": content_text,
        "cue_start": cue_start,
        "cue_end": cue_end,
        "cue_text": cue_text,
        "speaker_actor": speaker.get("actor"),
        "speaker_name": speaker.get("name"),
        "speaker_code": actor.get("code"),
        "speaker_role": actor.get("role"),
        "speaker_organization": actor.get("organization"),
        "speaker_mention_start": mention_start,
        "speaker_mention_end": mention_end,
        "speaker_mention_text": mention_text,
        "resolution": speaker.get("resolution"),
        "confidence": quote.get("confidence"),
        "rule": quote.get("rule"),
        **document.document_values(),
    }


def actor_row(actor: Record, document: StoredDocument) -> dict[str, Any]:
    mentions = actor.get("mentions") or []
    first_start, first_end, first_text = _span(mentions[0] if mentions else None)
    return {
        "document_id": document.id,
        "actor_id": actor["id"],
        "name": actor.get("name"),
        "kind": actor.get("kind"),
        "code": actor.get("code"),
        "country": actor.get("country"),
        "sector": actor.get("sector"),
        "role": actor.get("role"),
        "organization": actor.get("organization"),
        "mention_count": len(mentions),
        "first_mention_start": first_start,
        "first_mention_end": first_end,
        "first_mention_text": first_text,
        "rule": actor.get("rule"),
        **document.document_values(),
    }
