"""The offline gazetteer: cities and countries to a Location with an ISO alpha-3 country."""

from __future__ import annotations

from detente.events.where import locate


def test_a_city_has_its_country_and_coordinates() -> None:
    brussels = locate("Brussels")
    assert brussels is not None
    assert (brussels.name, brussels.country) == ("Brussels", "BEL")
    assert brussels.latitude is not None and 50 < brussels.latitude < 51


def test_a_country_name_gives_the_country() -> None:
    ukraine = locate("Ukraine")
    assert ukraine is not None and ukraine.country == "UKR"
    assert locate("the United States") is not None


def test_the_most_populous_namesake_wins() -> None:
    paris = locate("Paris")
    assert paris is not None and paris.country == "FRA"


def test_unknown_places() -> None:
    assert locate("Mordor") is None
    assert locate("Minas Tirith") is None
