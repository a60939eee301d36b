"""Events as POLECAT-style rows: the columns of POLECAT's weekly files (PLOVER-coded event data,
Halterman et al. 2023), tab-separated with a header row.

POLECAT events always have a PLOVER type, so CAMEO 01x public statements (no type) are left
out. Actor and Recipient are our source and target; countries are ISO alpha-3 codes (PLOVER
allows them in place of names) and sectors are our three-letter sector blocks.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from detente import __version__
from detente.export.coding import parse_code, place
from detente.export.columns import POLECAT_COLUMNS, names
from detente.export.rows import LIST_SEPARATOR, Record, StoredDocument, event_day

POLECAT_NAMES = names(POLECAT_COLUMNS)
QUAD_CODES = {
    1: "VERBAL COOPERATION",
    2: "MATERIAL COOPERATION",
    3: "VERBAL CONFLICT",
    4: "MATERIAL CONFLICT",
}
VERSION = f"detente {__version__}"
PLACE_LABELS = frozenset({"GPE", "LOC"})


def _joined(values: Sequence[str | None]) -> str | None:
    return LIST_SEPARATOR.join(dict.fromkeys(v for v in values if v)) or None


def story_values(document: StoredDocument) -> dict[str, Any]:
    """The columns every event of one document shares."""
    contract = document.contract
    actors = list(document.actors.values())
    entities = contract.get("entities") or []
    return {
        "Source": contract.get("publisher"),
        "Publication Date": document.published,
        "Story People": _joined([a.get("name") for a in actors if a.get("kind") == "person"]),
        "Story Organizations": _joined(
            [a.get("name") for a in actors if a.get("kind") == "organization"]
        ),
        "Story Locations": _joined(
            [e.get("text") for e in entities if e.get("label") in PLACE_LABELS]
        ),
        "Language": contract.get("language"),
        "Version": VERSION,
        "Story ID": document.id,
        "Headline": document.title,
    }


def _side(role: str, side: Record | None, document: StoredDocument) -> dict[str, Any]:
    if not side:
        return {}
    code = parse_code(side.get("code"))
    actor = document.actors.get(side.get("actor") or "", {})
    sectors = code.sectors if code else ()
    return {
        f"{role} Name": side.get("name"),
        f"{role} Country": code.plover_country if code else None,
        f"Primary {role} Sector": sectors[0] if sectors else None,
        f"{role} Sectors": _joined(list(sectors)),
        f"{role} Title": actor.get("role"),
        f"{role} Name Raw": side.get("text"),
    }


def _place(location: Record | None) -> dict[str, Any]:
    found = place(location)
    if found is None:
        return {}
    return {
        "Placename": found.name,
        "City": None if found.is_country else found.name,
        "Country": found.iso3,
        "Latitude": found.latitude,
        "Longitude": found.longitude,
        "Raw Placename": found.name,
        "Feature Type": "country" if found.is_country else "city",
    }


def polecat_row(event: Record, document: StoredDocument, story: dict[str, Any]) -> dict[str, Any]:
    """One event as a POLECAT row (`story`: `story_values(document)`), None where empty."""
    plover = event.get("plover") or {}
    day, _ = event_day(event, document.published)
    row: dict[str, Any] = dict.fromkeys(POLECAT_NAMES)
    row |= story
    row |= {
        "Event ID": f"{document.id}-{event['id']}",
        "Event Date": day,
        "Event Type": plover.get("type"),
        "Event Mode": plover.get("mode"),
        "Event Intensity": event.get("intensity"),
        "Quad Code": QUAD_CODES.get(event.get("quad_class") or 0),
        "Contexts": _joined(list(plover.get("context") or [])),
        "Sentence Number": event.get("sentence"),
        "Event Text": event["evidence"]["text"],
    }
    row |= _side("Actor", event.get("source"), document)
    row |= _side("Recipient", event.get("target"), document)
    row |= _place(event.get("location"))
    return row


def polecat_rows(document: StoredDocument, events: Sequence[Record]) -> Iterator[dict[str, Any]]:
    """The POLECAT rows of a document's events (those with a PLOVER type)."""
    if not events:
        return
    story = story_values(document)
    for event in events:
        yield polecat_row(event, document, story)
