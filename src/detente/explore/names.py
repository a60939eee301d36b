"""Readable names of what codes stand for: countries by their ISO alpha-3 code, and actor
codes as a country or group and its sectors, or by their dictionary entry.

Country names come from GeoNames (`detente.countries`).
"""

from __future__ import annotations

from functools import lru_cache

from detente.countries import country

SMALL_WORDS = frozenset({"A", "AN", "AND", "FOR", "IN", "OF", "ON", "THE", "TO"})
# What the three-letter parts of a code stand for after its country or group (the sector codes
# of the bundled agents dictionary, data/actors/Phoenix.agents.tsv, each named)
SECTORS: dict[str, str] = {
    "AGR": "agriculture",
    "BUD": "Buddhist",
    "BUS": "business",
    "CHR": "Christian",
    "COP": "police",
    "CRM": "criminals",
    "CTH": "Catholic",
    "CVL": "civilians",
    "DEV": "development",
    "EDU": "education",
    "ELI": "elites",
    "ENV": "environment",
    "GOV": "government",
    "HIN": "Hindu",
    "HLH": "health",
    "HRI": "human rights",
    "IGO": "intergovernmental organisation",
    "IMG": "international militarised group",
    "JEW": "Jewish",
    "JUD": "judiciary",
    "LAB": "labour",
    "LEG": "legislature",
    "MAR": "Maronite",
    "MED": "media",
    "MIL": "military",
    "MUS": "Muslim",
    "NGO": "NGO",
    "OPP": "opposition",
    "PPL": "people",
    "PRO": "Protestant",
    "PTY": "political party",
    "RAD": "radicals",
    "REB": "rebels",
    "REF": "refugees",
    "REL": "religion",
    "SPY": "intelligence",
    "UAF": "armed forces (unaffiliated)",
    "UNK": "unidentified",  # PLOVER's actor of violence whose doer the text does not name
}
# Codes that stand where a country does without being one: `---` for an actor of no known
# country ("the president"), and the groups of international actors.
GROUPS: dict[str, str] = {
    "---": "no country",
    "IGO": "intergovernmental organisations",
    "IMG": "international militarised groups",
    "MNC": "multinational corporations",
    "NGO": "non-governmental organisations",
}


def actor_name(code: str) -> str | None:
    """A readable name for an actor code or its first characters: a country or group and its
    sectors composed ("RUSGOV": "Russia: government"), else the name of a bundled dictionary
    entry with exactly that code ("IGOWSTNAT": "NATO"); None when neither knows it."""
    head, rest = code[:3], code[3:]
    parts = [rest[start : start + 3] for start in range(0, len(rest), 3)]
    named = _head_name(head)
    if named is not None and all(part in SECTORS for part in parts):
        sectors = ", ".join(SECTORS[part] for part in parts)
        return f"{named}: {sectors}" if sectors else named
    return _dictionary_names().get(code)


def _head_name(head: str) -> str | None:
    found = country(head)
    if found is not None:
        return found.name
    # a former state or a region (USR, YUG, EUR) is named by its dictionary entry
    return GROUPS.get(head) or _dictionary_names().get(head)


@lru_cache(maxsize=1)
def _dictionary_names() -> dict[str, str]:
    """code → the name of the first bundled entry (not a person) whose only code it is, for
    all time. The bundled entries load once per process (a second or two), shared with the coder.
    """
    from detente.actors import load_actor_dictionary  # imported late: its import is slow

    names: dict[str, str] = {}
    for entry in load_actor_dictionary().entries:
        if entry.kind != "person" and len(entry.codes) == 1 and not entry.codes[0].dated:
            names.setdefault(entry.codes[0].code, _readable(entry.name))
    return names


def _readable(name: str) -> str:
    """A dictionary name as prose: THE_UNITED_NATIONS → The United Nations; acronyms (up to four
    letters: NATO, UN) stay as they are."""
    words = name.replace("_", " ").split()
    return " ".join(_word(word, first=not i) for i, word in enumerate(words))


def _word(word: str, *, first: bool) -> str:
    if word in SMALL_WORDS:
        return word.capitalize() if first else word.lower()
    return word.capitalize() if len(word) > 4 else word
