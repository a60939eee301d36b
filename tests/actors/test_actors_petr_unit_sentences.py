"""A few PETR.UnitTest.records.xml sentences coded with the PETR.Validate toy dictionaries.

The events stage runs the full unit-test evaluation; here only the actors are checked."""

from __future__ import annotations

import datetime
import re
from functools import lru_cache

import pytest
from actor_helpers import parse

from detente.actors import ActorDictionary, code_actors, load_actor_dictionary
from shared_data import shared_path

pytestmark = pytest.mark.model


@lru_cache(maxsize=1)
def toy() -> ActorDictionary:
    folder = shared_path("data", "events", "petrarch2")
    return load_actor_dictionary(
        [folder / "PETR.Validate.actors.txt", folder / "PETR.Validate.agents.txt"], bundled=False
    )


@lru_cache(maxsize=1)
def records() -> dict[str, tuple[datetime.date, str, set[str]]]:
    path = shared_path("data", "events", "petrarch2", "PETR.UnitTest.records.xml")
    text = path.read_text(encoding="utf-8")
    found: dict[str, tuple[datetime.date, str, set[str]]] = {}
    for record in re.finditer(
        r'<Sentence date="(\d+)" id="([^"]+)"[^>]*>(.*?)</Sentence>', text, re.S
    ):
        body = record.group(3)
        sentence = re.search(r"<Text>(.*?)</Text>", body, re.S)
        assert sentence is not None
        expected = set(re.findall(r'(?:source|target)code="([^"]+)"', body))
        day = datetime.datetime.strptime(record.group(1), "%Y%m%d").date()
        found.setdefault(record.group(2), (day, " ".join(sentence.group(1).split()), expected))
    return found


@pytest.mark.parametrize(
    "record_id",
    [
        "DEMO-00",  # Arnor, Gondor
        "DEMO-06",  # The Calenardhon government; Osgiliath soldiers
        "DEMO-19",  # Arnor's foreign minister
        "AGENT-01",  # Arnor cleric
        "AGENT-05",  # Gondor's government
        "AGENT-007",  # Human rights activists in Arnor
        "AGENTS-10",  # Arnor security officials; Gondor police
        "AGENTS-16",  # human rights activists of Amnesty International
        "AGENTS-17",  # Washington security officials
        "COMPOUND-02",  # Mordor, Rohan, Fornost and Bree
        "DATE-01",  # Sam Gamgee in 1995
        "DATE-08",  # Sam Gamgee in 2010
        "DATE-15",  # Slinker (Gollum) in 1995
        "DATE-19",  # Slinker (Gollum) in 2001
        "ACTOR-10",  # The Hermit Kingdom
        "ACTOR-14",  # Pyongyang, Seoul
    ],
)
def test_expected_actor_codes_are_found(record_id: str) -> None:
    day, text, expected = records()[record_id]
    findings = code_actors(parse(text), toy(), published=day)
    assert expected <= {a.code for a in findings.actors}


def test_most_unit_test_sentences_get_all_their_actors() -> None:
    hits = total = 0
    for day, text, expected in records().values():
        wanted = {c for c in expected if re.fullmatch(r"[A-Z]{3,}", c)}
        if not wanted:
            continue
        findings = code_actors(parse(text), toy(), published=day)
        total += 1
        hits += wanted <= {a.code for a in findings.actors}
    assert hits / total >= 0.75, f"{hits}/{total}"
