"""The verb dictionary: PETRARCH files and our table, patterns matched on the parse."""

from __future__ import annotations

from pathlib import Path

import pytest
from events_util import parse

from detente.errors import DictionaryError
from detente.events import load_verb_dictionary
from detente.events.dictionary import (
    BlockEntry,
    Code,
    VerbDictionary,
    VerbMatch,
    british_spelling,
    read_entries,
    read_tsv,
    write_tsv,
)
from detente.events.parse import ParsedDoc

PETRARCH_FILE = """\
<!-- a toy verb file in PETRARCH's format -->
&ARMY
+TROOPS
+SOLDIER

--- CONDEMN  [111]  ---
CONDEMN    # a comment
DENOUNCE {DENOUNCES DENOUNCED DENOUNCING}
- * &ARMY  [1123]  # condemn troops
- * (FOR AGGRESSION) [1123]

--- MEET  [040:040] ---
MEET {MEETS MET MEETING}
+SIT_DOWN {+SITS_DOWN +SAT_DOWN +SITTING_DOWN} [046]
- * (IN SECRET) [044]

--- IGNORE  [---]  ---
IGNORE
ORGANISE

--- MOBILIZE  [150]  ---
MOBILIZE
ORGANIZE
- * (FOR DEMOBILIZATION) [0873]
"""


@pytest.fixture
def toy(tmp_path: Path) -> VerbDictionary:
    path = tmp_path / "toy.verbs.txt"
    path.write_text(PETRARCH_FILE, encoding="utf-8")
    return load_verb_dictionary([path], bundled=False)


def test_british_spellings() -> None:
    assert british_spelling("criticize") == "criticise"
    assert british_spelling("demobilizations") == "demobilisations"
    assert british_spelling("paralyzed") == "paralysed"
    # too short a stem to be the suffix, or no -ize word at all
    assert [british_spelling(w) for w in ("seize", "prize", "promise")] == [
        "seize",
        "prize",
        "promise",
    ]


def coded(dictionary: VerbDictionary, text: str, verb: str) -> VerbMatch | None:
    doc = parse(text)
    token = next(t for t in doc if t.text == verb)
    clause = ParsedDoc(token.doc, ()).clause(token)
    return dictionary.match(
        token, [t for t in clause if t.i < token.i], [t for t in clause if t.i > token.i]
    )


def test_codes() -> None:
    assert Code.parse("[042:043]") == Code("042", "043")
    assert Code.parse("[---]") == Code(None, None)
    assert Code.parse("[:190]") == Code(None, "190")
    assert str(Code("046", "046")) == "046:046"


@pytest.mark.model
def test_the_block_code_is_the_default(toy: VerbDictionary) -> None:
    match = coded(toy, "Gondor denounced Mordor.", "denounced")
    assert match is not None and match.code == Code("111")
    assert match.rule.startswith("toy.verbs:")


@pytest.mark.model
def test_the_longest_matching_pattern_wins(toy: VerbDictionary) -> None:
    match = coded(toy, "Gondor condemned Mordor for aggression.", "condemned")
    assert match is not None and match.code == Code("1123")
    assert list(match.tokens) == [3, 4]  # "for aggression"


@pytest.mark.model
def test_a_prepositional_phrase_is_one_of_the_verb_or_of_the_pattern(toy: VerbDictionary) -> None:
    match = coded(toy, "Gondor met Mordor on the island in secret.", "met")
    assert match is not None and match.code == Code("044")
    # "for aggression" hangs inside "over the killing of its envoys", which the pattern skips
    text = "Gondor condemned Mordor over the killing of its envoys for aggression."
    match = coded(toy, text, "condemned")
    assert match is not None and match.code == Code("111") and not match.tokens


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "verb", "code", "rule"),
    [
        # CAMEO's LODGE * PROTEST (OF) [140] would take the "of" of "the incursion of"
        (
            "Japan lodged a protest with China over the incursion of Chinese coast guard ships.",
            "lodged",
            "110",
            "cameo.P0813",
        ),
        # "between" hangs from "talks", the pattern's own word, though "talks" sits in "of"
        ("China hosted a round of talks between the two Koreas.", "hosted", "039", "cameo.P2709"),
    ],
)
def test_a_preposition_nested_in_a_phrase_the_pattern_skips_is_not_the_pattern_s(
    text: str, verb: str, code: str, rule: str
) -> None:
    match = coded(load_verb_dictionary(), text, verb)
    assert match is not None and match.code == Code(code) and match.rule == rule


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "verb", "code", "rule"),
    [
        # ACCLAIM * (TO) [043:042] is a visit hosted: the "to" of "decision to join" is none
        (
            "Japan's foreign minister applauded India's decision to join the initiative.",
            "applauded",
            "052",
            "cameo.P2855",
        ),
        (
            "China welcomed the Japanese prime minister to Beijing.",
            "welcomed",
            "043:042",
            "cameo.P2849",
        ),
        # the verb's own entry, not ARRIVE * (TO) [040] on "to find"
        (
            "The envoy arrived in Kabul to find the talks suspended.",
            "arrived",
            "040",
            "cameo.V0882",
        ),
    ],
)
def test_the_to_of_an_infinitive_opens_no_prepositional_phrase(
    text: str, verb: str, code: str, rule: str
) -> None:
    match = coded(load_verb_dictionary(), text, verb)
    assert match is not None and match.code == Code.parse(code) and match.rule == rule


@pytest.mark.model
def test_a_synset_matches_its_words_and_their_plurals(toy: VerbDictionary) -> None:
    match = coded(toy, "Gondor condemned the soldiers of Mordor.", "condemned")
    assert match is not None and match.code == Code("1123")


@pytest.mark.model
def test_a_multiword_verb_needs_its_particle(toy: VerbDictionary) -> None:
    match = coded(toy, "Gondor sat down with Mordor.", "sat")
    assert match is not None and match.code == Code("046")
    assert coded(toy, "Gondor sat with Mordor.", "sat") is None


@pytest.mark.model
@pytest.mark.parametrize("verb", ["mobilized", "mobilised"])
def test_american_entries_match_british_spellings(toy: VerbDictionary, verb: str) -> None:
    match = coded(toy, f"Gondor {verb} its army.", verb)
    assert match is not None and match.code == Code("150")
    text = f"Gondor {verb} its army for demobilisation."
    match = coded(toy, text, verb)
    assert match is not None and match.code == Code("0873")


@pytest.mark.model
def test_a_verb_listed_in_british_spelling_keeps_its_own_entry(toy: VerbDictionary) -> None:
    match = coded(toy, "Gondor organised its army.", "organised")
    assert match is not None and match.code == Code(None)
    match = coded(toy, "Gondor organized its army.", "organized")
    assert match is not None and match.code == Code("150")


@pytest.mark.model
def test_the_null_code_means_no_event(toy: VerbDictionary) -> None:
    match = coded(toy, "Gondor ignored Mordor.", "ignored")
    assert match is not None and match.code == Code(None)
    assert coded(toy, "Gondor praised Mordor.", "praised") is None


@pytest.mark.model
def test_user_files_come_before_the_bundled_ones(tmp_path: Path) -> None:
    path = tmp_path / "mine.verbs.txt"
    path.write_text("--- SCOLD [111] ---\nSCOLD\n--- MEET [036] ---\nMEET\n", encoding="utf-8")
    dictionary = load_verb_dictionary([path])
    assert len(dictionary) > 1800
    match = coded(dictionary, "Gondor met Mordor.", "met")
    assert match is not None and match.code == Code("036") and match.rule == "mine.verbs:4"
    scold = coded(dictionary, "Gondor scolded Mordor.", "scolded")
    assert scold is not None and scold.code == Code("111")


@pytest.mark.model
def test_bundled_corrections() -> None:
    # CAMEO.2.0 puts "reject" in a block coded ---; ours codes it 120
    reject = coded(load_verb_dictionary(), "Russia rejected it.", "rejected")
    assert reject is not None and reject.code == Code("120") and reject.rule == "ours.V03"


# our extension of the table format: a pattern starting with "!" only codes a negated verb
NEGATED_TSV = """\
synset\t&CONVENE\tcall | convene | meet
block\tSEE\t---
verb\tmine.V1\tSEE\tsee
pattern\tmine.P1\tSEE\t120\t! * need
pattern\tmine.P2\tSEE\t125\t! * need &convene
"""


@pytest.mark.model
def test_a_negated_pattern_only_codes_a_negated_verb(tmp_path: Path) -> None:
    path = tmp_path / "mine.tsv"
    path.write_text(NEGATED_TSV, encoding="utf-8")
    dictionary = load_verb_dictionary([path], bundled=False)
    doc = parse("Moscow does not see any need to call the council.")
    see = doc[3]
    after = [t for t in ParsedDoc(see.doc, ()).clause(see) if t.i > see.i]
    negated = dictionary.match(see, [], after, negated=True)
    assert negated is not None and negated.code == Code("125") and negated.rule == "mine.P2"
    positive = dictionary.match(see, [], after, negated=False)
    assert positive is not None and positive.code == Code(None) and positive.rule == "mine.V1"


@pytest.mark.model
def test_a_block_row_with_an_id_overrides_the_code_of_a_bundled_block(tmp_path: Path) -> None:
    # CAMEO.2.0's CONSIDER block is 040; a verb of it with no pattern of its own takes the
    # override's code and names it, a verb with its own code ("deliberate", 014) keeps its entry
    path = tmp_path / "mine.tsv"
    path.write_text("block\tCONSIDER\t013\tmine.B1\n", encoding="utf-8")
    dictionary = load_verb_dictionary([path])
    think = coded(dictionary, "Gondor thought about Mordor.", "thought")
    assert think is not None and (think.code, think.rule) == (Code("013"), "mine.B1")
    deliberate = coded(dictionary, "Gondor deliberated with Mordor.", "deliberated")
    assert deliberate is not None and (deliberate.code, deliberate.rule) == (
        Code("014"),
        "cameo.V0903",
    )
    assert list(read_tsv(path.read_text().splitlines(), path)) == [
        BlockEntry("CONSIDER", Code("013"), "mine.B1")
    ]
    assert list(write_tsv(read_tsv(path.read_text().splitlines(), path))) == [
        "block\tCONSIDER\t013\tmine.B1"
    ]


def test_petrarch_file_round_trips_through_our_table(tmp_path: Path) -> None:
    source = tmp_path / "toy.verbs.txt"
    source.write_text(PETRARCH_FILE, encoding="utf-8")
    entries = read_entries(source)
    lines = list(write_tsv(entries))
    assert list(read_tsv(lines, tmp_path / "x.tsv")) == entries


def test_bundled_table_is_the_converted_cameo_dictionary() -> None:
    dictionary = load_verb_dictionary()
    assert sum(len(p) for p in dictionary.patterns.values()) > 4600
    assert "deny" in dictionary.verbs and "urge" in dictionary.verbs


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DictionaryError) as raised:
        load_verb_dictionary([tmp_path / "nope.txt"], bundled=False)
    assert raised.value.code == "E450"


def test_file_without_verbs(tmp_path: Path) -> None:
    path = tmp_path / "actors.txt"
    path.write_text("NORWAY [NOR]\n", encoding="utf-8")
    with pytest.raises(DictionaryError) as raised:
        load_verb_dictionary([path], bundled=False)
    assert raised.value.code == "E452"


def test_a_block_row_for_a_block_no_file_has(tmp_path: Path) -> None:
    path = tmp_path / "ours.tsv"
    path.write_text("block\tCONSDIER\t014\tmy.B01\n", encoding="utf-8")
    with pytest.raises(DictionaryError) as raised:
        load_verb_dictionary([path])
    assert raised.value.code == "E454"
    assert "my.B01" in str(raised.value) and "'CONSDIER'" in str(raised.value)
    path.write_text("block\tCONSIDER\t014\tmy.B01\n", encoding="utf-8")
    assert load_verb_dictionary([path]).block_ids["CONSIDER"] == "my.B01"


def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("--- CAF\xe9 [010] ---\n".encode("latin-1"))
    with pytest.raises(DictionaryError) as raised:
        load_verb_dictionary([path], bundled=False)
    assert raised.value.code == "E451"


def test_bad_table_row(tmp_path: Path) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text("verb\tonly-two\n", encoding="utf-8")
    with pytest.raises(DictionaryError) as raised:
        load_verb_dictionary([path], bundled=False)
    assert raised.value.code == "E401"
    assert "bad.tsv:1" in str(raised.value)
