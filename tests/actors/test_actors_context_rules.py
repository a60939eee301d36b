"""Context rules of actor coding: roles before names, shared phrases of coordinated nouns."""

from __future__ import annotations

from pathlib import Path

import pytest
from actor_helpers import actor_named, code, codes, parse

from detente.actors import code_actors, load_actor_dictionary
from detente.records import ActorFindings

pytestmark = pytest.mark.model


def test_country_role_and_name_take_the_role_sector(tmp_path: Path) -> None:
    # a user dictionary that files a person under a bare country code, as PETRARCH's files do
    mine = tmp_path / "elbonia.actors"
    mine.write_text("ELBONIA_ [ELB]\n\nZORGAN_ [ELB]\n", encoding="utf-8")
    dictionary = load_actor_dictionary([mine])
    findings = code_actors(parse("Elbonia Prime Minister Zorgan visited Paris."), dictionary)
    zorgan = actor_named(findings, "Prime Minister Zorgan")
    assert (zorgan.code, zorgan.kind, zorgan.rule) == ("ELBGOV", "person", "context:premodifier")


@pytest.mark.parametrize(
    ("sentence", "name", "expected"),
    [
        ("Foreign Minister Sergey Lavrov held talks in Geneva.", "Sergey Lavrov", "RUSGOV"),
        ("On Monday, Secretary of State John Kerry flew to Cairo.", "John Kerry", "USAGOV"),
    ],
)
def test_a_role_without_country_keeps_the_dictionary_code_of_the_person(
    sentence: str, name: str, expected: str
) -> None:
    findings = code(sentence)
    person = next(a for a in findings.actors if a.name == name)
    assert (person.code, person.rule) == (
        expected,
        f"dict:Phoenix.Countries:{name.upper().replace(' ', '_')}",
    )


def test_a_role_without_country_and_an_unlisted_person_is_a_bare_sector() -> None:
    person = next(a for a in code("Prime Minister Zorgan Blix resigned.").actors)
    assert (person.code, person.role) == ("---GOV", "Prime Minister")


def test_a_list_of_names_is_no_description(tmp_path: Path) -> None:
    mine = tmp_path / "elbonia.actors"
    mine.write_text("ELBONIA_ [ELB]\n\nZORGAN_ [ELBMIL]\n", encoding="utf-8")
    dictionary = load_actor_dictionary([mine])
    findings = code_actors(parse("Neither Elbonia nor Zorgan attended the talks."), dictionary)
    assert actor_named(findings, "Elbonia").code == "ELB"
    assert actor_named(findings, "Zorgan").code == "ELBMIL"


def _groups(findings: ActorFindings) -> list[str]:
    return sorted(a.code or "" for a in findings.actors if a.rule == "context:prepositional")


def test_sector_noun_in_two_countries_is_one_actor_each() -> None:
    findings = code("Lawmakers in France and Germany welcomed the decision.")
    assert _groups(findings) == ["DEULEG", "FRALEG"]
    # the countries they are in stay actors, as places
    assert sorted(a.code or "" for a in findings.actors) == ["DEU", "DEULEG", "FRA", "FRALEG"]


@pytest.mark.parametrize(
    ("text", "group"),
    [
        # a seat of government where a group is, or where it comes from, gives its country
        ("Protesters in Moscow demanded new elections.", "RUSOPP"),
        ("Students from Moscow protested in Paris.", "RUSEDU"),
        # and its government sector only where the group's own noun names one
        ("Diplomats from Moscow met the mayor.", "RUSGOV"),
        # an organisation's own code stays: its members are of it
        ("Members of Hamas fired rockets.", "PSEREBHMS"),
    ],
)
def test_a_seat_of_government_gives_a_group_its_country(text: str, group: str) -> None:
    assert _groups(code(text)) == [group]


def test_a_seat_of_government_that_owns_a_group_is_its_government() -> None:
    findings = code("Cairo's security chief warned that police will not tolerate the rallies.")
    assert [(a.code, a.name) for a in findings.actors][:1] == [("EGYGOV", "Cairo's security chief")]


def test_coordinated_sector_nouns_share_the_phrase_after_them() -> None:
    findings = code("Diplomats and lawmakers in France and Germany welcomed the decision.")
    assert _groups(findings) == ["DEUGOV", "DEULEG", "FRAGOV", "FRALEG"]


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        # through a noun of no code: whose members the officials are
        (
            "Top diplomats of the member states of the Association of Southeast Asian Nations "
            "urged North Korea to comply.",
            ["IGOSEAASN"],
        ),
        (
            "Representatives of the governments of France and Germany met in Minsk.",
            ["DEULEG", "FRALEG"],
        ),
    ],
)
def test_an_of_phrase_inside_the_phrase_names_whose_the_sector_is(
    text: str, codes: list[str]
) -> None:
    doc = parse(text)
    subject = next(t for t in doc if t.dep_ == "nsubj")
    findings = code_actors(doc, load_actor_dictionary())
    named = [
        a for a in findings.actors if any(m.end == subject.idx + len(subject) for m in a.mentions)
    ]
    assert sorted(a.code or "" for a in named) == codes


@pytest.mark.parametrize(
    ("text", "group", "place"),
    [
        ("University lecturers in Nigeria began a strike over unpaid salaries.", "NGAEDU", "NGA"),
        ("Port workers in Chile walked off the job on Monday.", "CHLLAB", "CHL"),
    ],
)
def test_the_country_a_group_is_in_stays_an_actor(text: str, group: str, place: str) -> None:
    doc = parse(text)
    findings = code_actors(doc, load_actor_dictionary())
    by_code = {a.code: a.id for a in findings.actors}
    country = next(t.i for t in doc if t.ent_type_ == "GPE")
    assert findings.token_actor[country] == by_code[place]
    assert group in by_code


def test_a_possessor_owns_the_sector_noun_and_its_from_phrase_is_another_actor() -> None:
    findings = code("Armenia recalled its ambassador from Russia.")
    assert sorted(a.code or "" for a in findings.actors) == ["ARM", "ARMGOV", "RUS"]
    # without a possessor the phrase still gives the noun its country
    assert codes(code("The ambassador from Russia arrived.")) == {"RUSGOV"}


@pytest.mark.parametrize(
    ("text", "owner", "group"),
    [
        # the possessive's antecedent, not the country they are in
        ("Russia has strengthened its forces in Crimea.", "Russia", "RUSMIL"),
        ("Israel has begun withdrawing some of its troops from Lebanon.", "Israel", "ISRMIL"),
        # the subject of a verb of sending, not the country of the sentence
        ("Japan is sending troops to the UN peacekeeping force in South Sudan.", "Japan", "JPNMIL"),
        (
            "Colombia is ready to contribute troops to the force in Afghanistan.",
            "Colombia",
            "COLMIL",
        ),
    ],
)
def test_a_sector_noun_of_an_actor_s_own_takes_its_country(
    text: str, owner: str, group: str
) -> None:
    findings = code(text)
    owned = actor_named(findings, "troops" if "troops" in text else "forces")
    assert (owned.code, owned.rule) == (group, "dict:detente.additions:TROOP context:owner")
    assert findings.owners == {owned.id: actor_named(findings, owner).id}


@pytest.mark.parametrize(
    "text",
    [
        "Russia has attacked Ukrainian forces in Crimea.",  # their own country
        "Kenya sent Ugandan troops home.",  # not the subject's
        "Russia and China have strengthened their forces.",  # "their" of two
        "The army killed soldiers in Mali.",  # no verb of sending
    ],
)
def test_a_sector_noun_of_no_owner_is_no_one_s_own(text: str) -> None:
    assert code(text).owners == {}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Protesters in Bratislava denounced the government's policy.", "SVKGOV"),
        ("The army's offensive in Idlib killed dozens of Syrian civilians.", "SYRMIL"),
    ],
)
def test_a_sector_noun_that_owns_a_noun_is_an_actor(text: str, expected: str) -> None:
    assert expected in codes(code(text))


def test_a_sector_noun_that_modifies_a_noun_is_no_actor() -> None:
    assert codes(code("Kenya expanded military cooperation with Uganda.")) == {"KEN", "UGA"}


def test_the_country_a_body_is_of_names_the_body() -> None:
    doc = parse("The parliament of Kenya approved the budget.")
    findings = code_actors(doc, load_actor_dictionary())
    [parliament] = findings.actors
    kenya = next(t.i for t in doc if t.text == "Kenya")
    assert (parliament.code, findings.token_actor[kenya]) == ("KENLEG", parliament.id)


def test_coordinated_sector_nouns_share_the_modifier_before_them() -> None:
    findings = code("German media and government criticised the plan.")
    assert actor_named(findings, "German media").code == "DEUMED"
    assert actor_named(findings, "government").code == "DEUGOV"


def test_sector_noun_of_a_list_of_countries() -> None:
    findings = code("The ambassadors of France, Germany and Italy met the president.")
    ambassadors = sorted(a.code or "" for a in findings.actors if a.role == "ambassadors")
    assert ambassadors == ["DEUGOV", "FRAGOV", "ITAGOV"]


@pytest.mark.parametrize(
    ("text", "words", "code_"),
    [
        (
            "Kenya and Somalia could reopen the border if the latter disarmed the militias.",
            "Somalia",
            "SOM",
        ),
        ("Kenya and Somalia met in Nairobi, and the former offered new talks.", "Kenya", "KEN"),
    ],
)
def test_the_former_or_the_latter_is_a_mention_of_its_actor(
    text: str, words: str, code_: str
) -> None:
    findings = code(text)
    named = actor_named(findings, words)
    assert named.code == code_
    assert any(m.text in ("the latter", "the former") for m in named.mentions)


@pytest.mark.parametrize(
    ("text", "name", "again", "code_"),
    [
        (
            "Brazil criticised the International Atomic Energy Agency on Monday. The agency "
            "urged Iran to allow inspections.",
            "International Atomic Energy Agency",
            "agency",
            "IGOUNOIAE",
        ),
        (
            "The UN Security Council met on Friday. The council demanded that Syria withdraw.",
            "The UN Security Council",
            "council",
            "IGOUNO",
        ),
        # as a possessor too
        (
            "The International Atomic Energy Agency sent a team to Iran. The agency's inspectors "
            "visited the Natanz site.",
            "International Atomic Energy Agency",
            "agency",
            "IGOUNOIAE",
        ),
        # a sector noun of no country is the body named before, not its sentence's country
        (
            "Russia's Foreign Ministry summoned the British ambassador. The ministry accused "
            "London of spying.",
            "Russia's Foreign Ministry",
            "ministry",
            "RUSGOV",
        ),
        (
            "Russian diplomats met Chinese officials in Beijing. The diplomats criticised the "
            "United States.",
            "Russian diplomats",
            "diplomats",
            "RUSGOV",
        ),
    ],
)
def test_the_last_word_of_a_body_named_before_is_a_mention_of_it(
    text: str, name: str, again: str, code_: str
) -> None:
    body = actor_named(code(text), name)
    assert body.code == code_
    assert again in [m.text.lower().removeprefix("the ") for m in body.mentions]


@pytest.mark.parametrize(
    "text",
    [
        # a state's name, a person's, or a body named after the word, is not what "the" takes up
        "The White House said on Monday that the house would vote next week.",
        "President Barack Obama met the president of Mexico.",
        "The council met on Friday, a day before the UN Security Council.",
        # a word of the name that is not its head, or the head with a phrase of its own
        "Britain's Ministry of Defence sent jets. The defence of the Baltic states matters.",
        "The UN Security Council met. The council of elders rejected the plan.",
        # a word of another name
        "The UN Security Council met. The council chamber was closed for repairs.",
    ],
)
def test_the_word_of_no_body_named_before_is_no_mention_of_one(text: str) -> None:
    findings = code(text)
    assert all(
        m.text.lower() not in ("the house", "the president", "the council", "the defence")
        or a.code is None
        or a.code.startswith("---")
        for a in findings.actors
        for m in a.mentions
    ), [(a.code, [m.text for m in a.mentions]) for a in findings.actors]


@pytest.mark.parametrize(
    ("text", "word", "code_"),
    [
        # an army after a rebel group's name stays an army
        ("The Free Syrian Army attacked Homs. The army shelled rebel positions.", "army", "---MIL"),
        # two bodies of one name in a sentence leave the word to no one of them
        (
            "Syrian security officials met Turkish officials. The officials agreed to share "
            "intelligence.",
            "officials",
            "---GOV",
        ),
    ],
)
def test_a_body_named_again_needs_its_sector_and_one_candidate(
    text: str, word: str, code_: str
) -> None:
    assert actor_named(code(text), word).code == code_


def test_the_former_before_a_noun_is_no_mention() -> None:
    # "the former president" names a person, not the first of Kenya and Somalia
    findings = code("Kenya and Somalia welcomed the former president to the talks.")
    assert all(m.text != "the former" for a in findings.actors for m in a.mentions)


@pytest.mark.parametrize(
    ("text", "people", "code_of_people"),
    [
        ("Ghanaian authorities have deported 168 Liberians.", "Liberians", "LBR"),
        ("Young Algerians blocked roads leading to the city centre.", "Algerians", "DZA"),
        ("Albanians voted on Sunday in a general election.", "Albanians", "ALB"),
        ("Sri Lankans queued for fuel in Colombo.", "Sri Lankans", "LKA"),
        ("Somalis fled the drought in their thousands.", "Somalis", "SOM"),
        # citizens abroad, or of another state's descent, are still their country's
        ("Four Americans in Benghazi were killed in the attack.", "Americans", "USA"),
        ("Both men are first-generation Americans of Cuban descent.", "Americans", "USA"),
    ],
)
def test_a_country_people_in_the_plural_has_its_code(
    text: str, people: str, code_of_people: str
) -> None:
    assert actor_named(code(text), people).code == code_of_people


@pytest.mark.parametrize(
    "text",
    [
        "Ethnic Albanians in south Serbia are demanding a U.N. military presence.",
        "Thousands of ethnic Russians rallied in Tallinn on Saturday.",
        # an of-phrase naming the state they live in
        "The Albanians of southern Serbia are demanding territorial autonomy.",
        "Just recently the Russians of Estonia protested against the new language law.",
    ],
)
def test_ethnic_people_are_no_country(text: str) -> None:
    findings = code(text)
    assert not [a for a in findings.actors if a.name in ("Albanians", "Russians")], findings.actors


@pytest.mark.parametrize(
    "text",
    [
        "The organization said the vote had been fair.",  # Phoenix: ORGANIZATION = Tanzim
        "Polls show that male voters in Ohio backed the governor.",  # MALE: the Maldives
        "Local youth groups marched through the capital on Sunday.",  # YOUTH: a Basque group
        "Explorers reached both poles in the same year.",
    ],
)
def test_a_name_in_lower_case_in_a_capitalised_text_is_a_word(text: str) -> None:
    named = {"organization", "male", "youth", "poles"}
    mentions = [m.text for a in code(text).actors for m in a.mentions]
    assert not [m for m in mentions if m.lower() in named], mentions


def test_a_text_all_in_lower_case_keeps_its_names() -> None:
    assert {"CHN", "JPN"} <= codes(code("china and japan signed a trade agreement on monday ."))
