"""Readable names of actor codes: a country or group and its sectors, else the dictionary's."""

from __future__ import annotations

import pytest

from detente.actors.dictionary import DATA_DIR
from detente.explore.names import GROUPS, SECTORS, actor_name


@pytest.mark.parametrize(
    ("code", "name"),
    [
        ("RUS", "Russia"),
        ("RUSGOV", "Russia: government"),
        ("USAGOVMIL", "United States: government, military"),
        ("---GOV", "no country: government"),
        ("---", "no country"),
        ("IGO", "intergovernmental organisations"),
        ("IMG", "international militarised groups"),
        ("MNC", "multinational corporations"),
        ("IGOWSTNAT", "NATO"),  # the dictionary's entry of that code
        ("IGOUNO", "The United Nations"),
        ("QQQ", None),
        ("RUSQQQ", None),
    ],
)
def test_codes_are_named(code: str, name: str | None) -> None:
    assert actor_name(code) == name


def test_every_sector_of_the_agents_dictionary_has_a_name() -> None:
    codes: set[str] = set()
    for line in (DATA_DIR / "Phoenix.agents.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        for code in line.split("\t")[3].split():
            sectors = code.strip("~")
            codes.update(sectors[start : start + 3] for start in range(0, len(sectors), 3))
    assert codes <= SECTORS.keys(), codes - SECTORS.keys()
    assert {"IGO", "IMG", "MNC", "---"} <= GROUPS.keys()
