"""Verb patterns as PETRARCH reads them (whole synset phrases, "_" joins, "+" target slots,
marker codes) and target choice on the parse (partners before places, domestic sectors)."""

from __future__ import annotations

from pathlib import Path

import pytest
from events_util import parse

from detente.actors import code_actors, load_actor_dictionary
from detente.events import RuleCoder, code_events, load_verb_dictionary
from detente.events.dictionary import VerbDictionary
from detente.events.parse import ParsedDoc, scores_a_game

pytestmark = pytest.mark.model

TOY_VERBS = """\
&COINS
+GOLD_COINS
+SILVER

--- DONATE  [070]  ---
DONATE
- * &COINS  [071]
- * NEW_AID  [072]

--- WARN  [160]  ---
WARN
- * AT ^ +  [162]

--- RESTORE  [064]  ---
RESTORE
- * FULL  [+++]

--- LEAVE  [012]  ---
LEAVE

--- LEFT  [032]  ---
LEFT
"""


@pytest.fixture
def toy(tmp_path: Path) -> VerbDictionary:
    path = tmp_path / "toy.verbs.txt"
    path.write_text(TOY_VERBS, encoding="utf-8")
    return load_verb_dictionary([path], bundled=False)


def verb_code(toy: VerbDictionary, text: str, verb: str) -> str | None:
    doc = parse(text)
    token = next(t for t in doc if t.text == verb)
    after = [t for t in ParsedDoc(token.doc, ()).clause(token) if t.i > token.i]
    match = toy.match(token, list(doc[: token.i]), after)
    assert match is not None
    return match.code.main


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("France donated gold coins to Mali.", "071"),  # the whole phrase of the synset
        ("France donated coins to Mali.", "070"),  # its head alone is not the phrase
        ("France donated silver to Mali.", "071"),
        ("France donated new aid to Mali.", "072"),  # "new_aid": two words in a row
        ("France donated new military aid to Mali.", "070"),
    ],
)
def test_synset_phrases_and_joined_words_match_whole(
    toy: VerbDictionary, text: str, code: str
) -> None:
    assert verb_code(toy, text, "donated") == code


def test_a_pattern_with_a_marker_code_is_skipped(toy: VerbDictionary) -> None:
    assert "RESTORE" not in toy.patterns
    assert verb_code(toy, "Russia restored full ties with Georgia.", "restored") == "064"


def test_a_verb_listed_as_written_beats_its_lemma(toy: VerbDictionary) -> None:
    assert verb_code(toy, "The minister left for Paris on Monday.", "left") == "032"
    assert verb_code(toy, "The minister leaves for Paris on Monday.", "leaves") == "012"


def test_plus_marks_where_the_target_is(toy: VerbDictionary) -> None:
    (pattern,) = toy.patterns["WARN"]
    assert pattern.target_slot == (1, 1)  # after "at", past one noun phrase
    doc = parse("France warned at the summit about Russia.")
    warned = doc[1]
    match = toy.match(
        warned, [doc[0]], [t for t in ParsedDoc(warned.doc, ()).clause(warned) if t.i > warned.i]
    )
    assert match is not None and match.code.main == "162"
    assert (match.target_after, match.target_skips) == (2, 1)


def dyads(text: str) -> list[tuple[str | None, str | None, str]]:
    doc = parse(text)
    actors = code_actors(doc, load_actor_dictionary())
    events = code_events(doc, actors)
    return [(e.source and e.source.code, e.target and e.target.code, e.cameo) for e in events]


def test_a_partner_is_the_target_before_a_place() -> None:
    assert [(s, t) for s, t, _ in dyads("France met in Germany with Italy.")] == [("FRA", "ITA")]


def test_different_sectors_of_one_country_act_on_each_other() -> None:
    assert [(s, t) for s, t, _ in dyads("Russian police arrested Russian students.")] == [
        ("RUSCOP", "RUSEDU")
    ]


def test_a_state_acts_on_a_sector_of_its_own() -> None:
    # a state is not the target of its own officials, but its own opposition is its target
    assert [(s, t) for s, t, _ in dyads("Egypt arrested opposition leaders on Monday.")] == [
        ("EGY", "EGYOPP")
    ]
    banned = dyads("Venezuela banned opposition leader Juan Guaido from holding public office.")
    assert [(s, t) for s, t, _ in banned] == [("VEN", "VENOPP")]
    # "Russia" is no target of its own officials; the criticism names no other recipient, so it
    # is a domestic act, directed at the officials' country without an actor of the text
    criticised = dyads("Russian officials criticized Russia for its slow response.")
    assert [(s, t) for s, t, _ in criticised] == [("RUSGOV", "RUS")]


@pytest.mark.parametrize(
    ("text", "coded"),
    [
        # a game's result or a poll told with a verb of violence is no attack
        ("Switzerland beat Gibraltar 6-0 to win Group D.", []),
        ("Serbia crushed Croatia 3 - 1 in Zagreb on Sunday.", []),
        ("In head-to-head matchups, Rubio tops Clinton 41-40.", []),
        # a count of the people hit or a date range is no score
        ("Israeli troops killed 20-30 militants in Gaza.", ["190"]),
        ("Serbian forces shelled Dubrovnik on July 11-14.", ["190"]),
    ],
)
def test_a_verb_of_violence_that_scores_a_game_is_no_event(text: str, coded: list[str]) -> None:
    doc = parse(text)
    events = RuleCoder().code(doc, code_actors(doc, load_actor_dictionary()))
    assert [e.cameo for e in events if not e.cameo.startswith("01")] == coded
    (sentence,) = doc.sents
    assert scores_a_game(sentence) is not coded


def test_a_case_number_is_no_score() -> None:
    doc = parse("A second deadlock, in United States v. Texas, No. 15-674, destroyed the plan.")
    assert not scores_a_game(doc[:])
