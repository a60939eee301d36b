"""The bundled dictionaries: what they hold."""

from __future__ import annotations

import datetime

from detente.actors.dictionary import DATA_DIR, _bundled_entries, load_actor_dictionary
from detente.codes import code_at


def test_bundled_dictionary_loads_every_file() -> None:
    # how fast it loads is measured in benchmarks/ (start-up of whole_process.py), not here
    _bundled_entries.cache_clear()
    dictionary = load_actor_dictionary()
    assert len(dictionary.entries) > 25_000


def test_phoenix_entries_and_our_additions() -> None:
    dictionary = load_actor_dictionary()
    expected = {
        "NATO": ("actor", "IGOWSTNAT"),
        "the United Nations": ("actor", "IGOUNO"),
        "Russia": ("actor", "RUS"),
        "Russian": ("actor", "RUS"),
        "Liberians": ("actor", "LBR"),
        "Ghanaians": ("actor", "GHA"),
        "Iraqis": ("actor", "IRQ"),
        "Peruvians": ("actor", "PER"),
        "Britons": ("actor", "GBR"),
        "Moscow": ("metonym", "RUSGOV"),
        "the Kremlin": ("metonym", "RUSGOV"),
        "White House": ("metonym", "USAGOV"),
        "Brussels": ("ambiguous", "IGOEUREEC"),
        "the alliance": ("description", "IGOWSTNAT"),
    }
    for phrase, (entry_type, code) in expected.items():
        entry = dictionary.lookup(phrase)
        assert entry is not None, phrase
        assert (entry.type, entry.codes[0].code if entry.codes else None) == (entry_type, code)
    for phrase, sector in {
        "diplomats": "GOV",
        "ministers": "GOV",
        "officials": "GOV",
        "troops": "MIL",
        "separatists": "REB",
        "experts": "EDU",
        "analysts": "EDU",
    }.items():
        entry = dictionary.lookup(phrase)
        assert entry is not None and entry.agent_code == (sector, False), phrase


def test_people_keep_their_dated_codes() -> None:
    dictionary = load_actor_dictionary()
    putin = dictionary.lookup("Vladimir Putin")
    assert putin is not None and putin.kind == "person"
    assert code_at(putin.codes, datetime.date(1995, 1, 1)) == "RUSELI"
    assert code_at(putin.codes, datetime.date(2005, 1, 1)) == "RUSGOV"


def test_data_folder_has_the_notice_and_stays_small() -> None:
    notice = (DATA_DIR / "NOTICE").read_text(encoding="utf-8")
    assert "MIT License" in notice and "Open Event Data" in notice
    size = sum(p.stat().st_size for p in DATA_DIR.iterdir())
    assert size < 4_000_000


def test_plural_demonyms_are_derived_from_the_adjectives() -> None:
    dictionary = load_actor_dictionary()
    ukrainians = dictionary.lookup("Ukrainians")
    assert ukrainians is not None
    assert (ukrainians.kind, ukrainians.source) == ("group", "detente.plurals")
    assert code_at(ukrainians.codes, datetime.date(2014, 12, 3)) == "UKR"
    assert code_at(ukrainians.codes, datetime.date(1985, 1, 1)) == "USRUKR"
    # Phoenix's Iraq has no code from 2003-03-20 to 2006-05-20; its people keep theirs
    iraqis = dictionary.lookup("Iraqis")
    assert iraqis is not None and code_at(iraqis.codes, datetime.date(2005, 1, 30)) == "IRQ"
    # neither the names nor the cities of a country are adjectives: no "Pakistans", "Tehrans"
    for word in ("Pakistans", "Tehrans", "Sudans", "Afghanistans", "Scotsmans"):
        assert dictionary.lookup(word) is None, word
