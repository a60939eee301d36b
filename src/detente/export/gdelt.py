"""Events as rows of the GDELT 2.0 event table (61 columns, tab-separated, header row first).

What detente knows fills its column (see the descriptions in columns.GDELT_COLUMNS); the rest
stays empty. GDELT counts an event once over many articles, and so does this export: a row is a
merged event (merged.py), the reports of one event in the near-duplicate documents of a story,
written from its first report, with NumArticles its documents, NumSources their outlets and
NumMentions its reports (evidence sentences).
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime
from typing import Any

from detente.export.coding import ActorCode, parse_code, place
from detente.export.columns import GDELT_COLUMNS, names
from detente.export.merged import Merged
from detente.export.rows import Record, StoredDocument, event_day

GDELT_NAMES = names(GDELT_COLUMNS)
ID_BITS = 63  # GLOBALEVENTID fits a signed 64-bit integer
MAX_TYPES = 3


def global_event_id(document_id: str, event_id: str) -> int:
    """A stable id for (document, event): the first 63 bits of sha256("document_id/event_id")."""
    digest = hashlib.sha256(f"{document_id}/{event_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") >> (64 - ID_BITS)


def date_added(moment: datetime) -> int:
    """GDELT's DATEADDED: YYYYMMDDHHMMSS."""
    return int(moment.strftime("%Y%m%d%H%M%S"))


def fraction_date(day: date) -> float:
    """GDELT's approximate year fraction: YYYY + (MONTH * 30 + DAY) / 365, four decimals."""
    return round(day.year + (day.month * 30 + day.day) / 365, 4)


def _actor(n: int, side: Record | None) -> dict[str, Any]:
    if not side:
        return {}
    prefix = f"Actor{n}"
    code: ActorCode | None = parse_code(side.get("code"))
    name = side.get("name")
    values: dict[str, Any] = {f"{prefix}Name": name.upper() if name else None}
    if code is None:
        return values
    types = (code.non_state,) if code.non_state else code.sectors[:MAX_TYPES]
    values |= {
        f"{prefix}Code": code.code,
        f"{prefix}CountryCode": code.country,
        f"{prefix}KnownGroupCode": code.known_group,
    }
    values |= {f"{prefix}Type{i}Code": block for i, block in enumerate(types, start=1)}
    return values


def _action_geo(location: Record | None) -> dict[str, Any]:
    found = place(location)
    if found is None:
        return {}
    return {
        "ActionGeo_Type": found.gdelt_type,
        "ActionGeo_FullName": found.full_name,
        "ActionGeo_CountryCode": found.fips,
        "ActionGeo_Lat": found.latitude,
        "ActionGeo_Long": found.longitude,
        "ActionGeo_FeatureID": found.fips if found.is_country else None,
    }


def gdelt_row(
    event: Record, document: StoredDocument, added: int, merged: Merged | None = None
) -> dict[str, Any]:
    """One event as a GDELT row: every one of the 61 columns, None where empty; the counts are
    those of `merged`, the merged event it reports (1 each without)."""
    row: dict[str, Any] = dict.fromkeys(GDELT_NAMES)
    day, _ = event_day(event, document.published)
    cameo = event.get("cameo") or None
    evidence = event["evidence"]
    row |= {
        "GLOBALEVENTID": global_event_id(document.id, event["id"]),
        "IsRootEvent": int(evidence["start"] < document.lead_end),
        "EventCode": cameo,
        "EventBaseCode": cameo[:3] if cameo else None,
        "EventRootCode": cameo[:2] if cameo else None,
        "QuadClass": event.get("quad_class"),
        "GoldsteinScale": event.get("goldstein"),
        "NumMentions": merged.mentions if merged else 1,
        "NumSources": merged.sources if merged else 1,
        "NumArticles": merged.articles if merged else 1,
        "DATEADDED": added,
        "SOURCEURL": document.url or document.path,
    }
    if day is not None:
        row |= {
            "SQLDATE": int(day.strftime("%Y%m%d")),
            "MonthYear": day.year * 100 + day.month,
            "Year": day.year,
            "FractionDate": fraction_date(day),
        }
    row |= _actor(1, event.get("source"))
    row |= _actor(2, event.get("target"))
    row |= _action_geo(event.get("location"))
    return row
