"""The example article (RBTH, published 2014-12-03): the actors the issue lists, gold speakers."""

from __future__ import annotations

from typing import Any

import pytest
from actor_helpers import PUBLISHED, actor_named, bundled, nlp

from detente.actors import code_actors
from detente.records import ActorFindings

pytestmark = pytest.mark.model
BODY = slice(254, 6075)  # the clean body of examples/rbth_russia_nato.txt


@pytest.fixture(scope="module")
def body(example_text: str) -> str:
    return example_text[BODY]


@pytest.fixture(scope="module")
def findings(body: str) -> ActorFindings:
    return code_actors(nlp()(body), bundled(), published=PUBLISHED)


def test_capital_acts_as_the_government_and_is_only_a_place_after_in(
    findings: ActorFindings, body: str
) -> None:
    moscow = actor_named(findings, "Moscow")
    assert (moscow.code, moscow.rule) == ("RUSGOV", "metonym:moscow")
    assert len(moscow.mentions) == 4
    for mention in moscow.mentions:
        assert not body[: mention.start].endswith("in ")
    assert body.count("in Moscow") == 1  # "the Higher School of Economics in Moscow"


def test_states_and_organisations(findings: ActorFindings) -> None:
    assert actor_named(findings, "NATO").code == "IGOWSTNAT"
    assert actor_named(findings, "Russia").code == "RUS"
    assert actor_named(findings, "Ukraine").code == "UKR"
    assert actor_named(findings, "Russian diplomats").code == "RUSGOV"


def test_the_alliance_is_nato(findings: ActorFindings) -> None:
    nato = actor_named(findings, "NATO")
    assert actor_named(findings, "the alliance") is nato
    assert sum(m.text == "the alliance" for m in nato.mentions) == 3  # every one in the body


def test_brussels_only_names_the_place(findings: ActorFindings) -> None:
    assert all("Brussels" not in m.text for a in findings.actors for m in a.mentions)


def test_every_mention_is_in_the_token_map(findings: ActorFindings, body: str) -> None:
    doc = nlp()(body)
    for actor in findings.actors:
        for mention in actor.mentions:
            assert mention.text == body[mention.start : mention.end]
            tokens = [t.i for t in doc if mention.start <= t.idx < mention.end]
            assert {findings.token_actor[i] for i in tokens} == {actor.id}
    ids = [a.id for a in findings.actors]
    assert ids == [f"A{n}" for n in range(1, len(ids) + 1)]


def _expected_code(speaker: dict[str, Any]) -> str:
    if speaker["country"] == "IGO":
        entry = bundled().lookup(speaker["organization"])
        assert entry is not None
        return entry.codes[0].code
    return speaker["country"] + speaker["sector"]


def test_gold_speakers_are_coded(findings: ActorFindings, gold: dict[str, Any]) -> None:
    by_name = {a.name: a for a in findings.actors}
    for speaker in gold["speakers"]:
        actor = by_name[speaker["name"]]
        expected = _expected_code(speaker)
        assert actor.code == expected, speaker["name"]
    sushentsov = by_name["Andrei Sushentsov"]
    # the text names his agency ("analytical" → EDU) but not its country: his sentence's
    assert sushentsov.rule == "context:apposition context:sentence-country"
    stoltenberg = by_name["Jens Stoltenberg"]
    # the dictionary's entry (Norway's prime minister) is stale: the text's role wins
    assert stoltenberg.rule == "context:premodifier"
