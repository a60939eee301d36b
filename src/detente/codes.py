"""CAMEO/Phoenix actor codes: date-ranged codes and splitting a code into country and sector.

A code is a run of three-letter blocks: a country (ISO alpha-3, or IGO/NGO/IMG/MNC for
non-state actors) then sector blocks, e.g. RUSGOV, RUSMIL, IGOWSTNAT. "---" stands for an
unknown country ("---GOV": officials of no stated country).
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

UNKNOWN_COUNTRY = "---"
# PLOVER's generic unidentified actor, "two civilians were killed by a bomb" (its codebook)
UNIDENTIFIED_SECTOR = "UNK"
MEDIA_SECTOR = "MED"  # reporters, journalists, news organisations
PARTY_SECTOR = "PTY"  # a political party and its people
# Codes whose first block is a kind of actor, not a country: the rest is the organisation.
NON_STATE_PREFIXES = frozenset({"IGO", "NGO", "IMG", "MNC", "NGM", "UIS", "INT"})


@dataclass(frozen=True, slots=True)
class DatedCode:
    """A code valid from `start` to `end` (both inclusive; None = open-ended)."""

    code: str
    start: datetime.date | None = None
    end: datetime.date | None = None

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    def covers(self, day: datetime.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)

    def to_text(self) -> str:
        """Our file notation: CODE, or CODE@FROM..TO with ISO dates (either side may be empty)."""
        if not self.dated:
            return self.code
        start = self.start.isoformat() if self.start else ""
        end = self.end.isoformat() if self.end else ""
        return f"{self.code}@{start}..{end}"


def code_at(codes: Sequence[DatedCode], published: datetime.date | None) -> str | None:
    """The code valid on `published`: the first dated code covering it, else the undated default.

    Without a date the default is used; an entry with only dated codes then gets its most recent
    one (news is read close to when it is written). "---" (an explicit null code) gives None.
    """
    default = next((c.code for c in codes if not c.dated), None)
    if published is not None:
        chosen = next((c.code for c in codes if c.dated and c.covers(published)), default)
    elif default is not None:
        chosen = default
    else:
        dated = [c for c in codes if c.dated]
        latest = max(dated, key=lambda c: c.end or datetime.date.max, default=None)
        chosen = latest.code if latest else None
    return None if chosen is None or set(chosen) <= {"-", "+"} else chosen


def split_code(code: str | None) -> tuple[str | None, str | None]:
    """(country, sector) of a code: RUSGOV → (RUS, GOV); IGOWSTNAT → (IGO, WSTNAT); RUS → (RUS,
    None); ---EDU → (None, EDU)."""
    if not code:
        return None, None
    country, sector = code[:3], code[3:] or None
    return (None if country == UNKNOWN_COUNTRY else country), sector


def with_sector(code: str | None, sector: str | None) -> str | None:
    """Add a sector to an actor code: RUS + GOV → RUSGOV; an IGO keeps its own code (NATO's
    ministers are NATO) and a sector is not repeated; no code + GOV → ---GOV."""
    if not sector:
        return code
    if not code:
        return UNKNOWN_COUNTRY + sector
    if code[:3] == "IGO" or code.endswith(sector):
        return code
    return code + sector
