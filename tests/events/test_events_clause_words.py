"""The matcher's word lists (ClauseWords) and the dictionary's cheap `knows` check."""

from __future__ import annotations

from pathlib import Path

import pytest
from events_util import parse

from detente.events import load_verb_dictionary
from detente.events.dictionary import ClauseWords, Code, VerbDictionary
from detente.events.parse import ParsedDoc

TOY = """\
&ARMY
+TROOPS
+ARMED_FORCES

--- CONDEMN  [111]  ---
CONDEMN
- * &ARMY  [1123]
- * (FOR AGGRESSION) [1124]
"""


@pytest.fixture
def toy(tmp_path: Path) -> VerbDictionary:
    path = tmp_path / "toy.verbs.txt"
    path.write_text(TOY, encoding="utf-8")
    return load_verb_dictionary([path], bundled=False)


@pytest.mark.model
def test_clause_words_read_each_token_once() -> None:
    doc = parse("Gondor condemned the armed forces.")
    words = ClauseWords.of(list(doc[2:5]))
    assert words.indices == [2, 3, 4]
    assert words.lowers == ["the", "armed", "forces"]
    assert words.lemmas == ["the", "armed", "force"]
    assert {"forces", "force", "armed"} <= words.present


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Gondor condemned the troops.", Code("1123")),
        ("Gondor condemned the armed forces.", Code("1123")),  # a two-word synset phrase
        ("Gondor condemned Rohan for aggression.", Code("1124")),
        ("Gondor condemned Rohan.", Code("111")),  # no pattern word: the block's code
    ],
)
def test_tokens_and_clause_words_code_alike(toy: VerbDictionary, text: str, code: Code) -> None:
    doc = parse(text)
    verb = next(t for t in doc if t.lemma_ == "condemn")
    after = [t for t in ParsedDoc(verb.doc, ()).clause(verb) if t.i > verb.i]
    before = list(doc[: verb.i])
    by_tokens = toy.match(verb, before, after)
    by_words = toy.match(verb, ClauseWords.of(before), ClauseWords.of(after))
    assert by_tokens is not None and by_tokens.code == code
    assert by_words == by_tokens


@pytest.mark.model
def test_knows_only_listed_verbs(toy: VerbDictionary) -> None:
    doc = parse("Gondor condemned Rohan and praised Bree.")
    condemned, praised = doc[1], doc[4]
    assert toy.knows(condemned)
    assert not toy.knows(praised)
    assert toy.match(praised, [], []) is None
    assert load_verb_dictionary().knows(praised)
