"""What the GDELT and POLECAT exports read out of our codes: actor code blocks, countries, places.

Country names and FIPS 10-4 codes come from GeoNames (`detente.countries`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from detente.codes import NON_STATE_PREFIXES, UNKNOWN_COUNTRY
from detente.countries import country

BLOCK = 3  # CAMEO/Phoenix codes are runs of three-letter blocks
# PLOVER's country field names the UN and the EU apart from other IGOs (manual, table nonstate).
PLOVER_NON_STATE = {"IGOUNO": "UNO", "IGOEUREEC": "EUR"}


@dataclass(frozen=True, slots=True)
class ActorCode:
    """An actor code cut into what event data sets keep in separate columns."""

    code: str
    country: str | None  # ISO alpha-3 of a state actor; None for non-state and unknown
    non_state: str | None  # IGO, NGO, IMG, MNC, …
    known_group: str | None  # the organisation's own block: IGOWSTNAT → NAT
    sectors: tuple[str, ...]  # distinct sector blocks in order: USAGOVBUSGOV → (GOV, BUS)

    @classmethod
    def parse(cls, code: str) -> ActorCode:
        blocks = [code[i : i + BLOCK] for i in range(0, len(code), BLOCK)]
        first, rest = blocks[0], blocks[1:]
        if first in NON_STATE_PREFIXES:
            return cls(code, None, first, rest[-1] if rest else None, ())
        country = None if first == UNKNOWN_COUNTRY else first
        return cls(code, country, None, None, tuple(dict.fromkeys(rest)))

    @property
    def plover_country(self) -> str | None:
        """PLOVER's country field: ISO alpha-3, or UNO/EUR/IGO/NGO/IMG/MNC."""
        if self.non_state is None:
            return self.country
        for prefix, name in PLOVER_NON_STATE.items():
            if self.code.startswith(prefix):
                return name
        return self.non_state


def parse_code(code: str | None) -> ActorCode | None:
    return ActorCode.parse(code) if code else None


# GDELT's geographic resolution codes.
GEO_COUNTRY = 1
GEO_US_CITY = 3
GEO_WORLD_CITY = 4


@dataclass(frozen=True, slots=True)
class Place:
    """An event's location as GDELT and POLECAT describe it."""

    name: str
    iso3: str | None
    is_country: bool
    latitude: float | None
    longitude: float | None

    @property
    def gdelt_type(self) -> int:
        if self.is_country:
            return GEO_COUNTRY
        return GEO_US_CITY if self.iso3 == "USA" else GEO_WORLD_CITY

    @property
    def full_name(self) -> str:
        """GDELT's FullName: a country's name, or "place, country"."""
        found = country(self.iso3)
        if self.is_country or found is None:
            return self.name
        return f"{self.name}, {found.name}"

    @property
    def fips(self) -> str | None:
        found = country(self.iso3)
        return found.fips if found else None


def place(location: Mapping[str, Any] | None) -> Place | None:
    """The contract's event location as a Place; a location is a country when its name is its
    country's name (the events stage names countries as GeoNames does)."""
    if not location or not location.get("name"):
        return None
    name = str(location["name"])
    iso3 = location.get("country")
    iso3 = str(iso3) if iso3 else None
    found = country(iso3)
    latitude, longitude = location.get("latitude"), location.get("longitude")
    return Place(
        name=name,
        iso3=iso3,
        is_country=found is not None and found.name.casefold() == name.casefold(),
        latitude=float(latitude) if isinstance(latitude, int | float) else None,
        longitude=float(longitude) if isinstance(longitude, int | float) else None,
    )
