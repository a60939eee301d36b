from __future__ import annotations

from collections.abc import Callable

import pytest
from quote_checks import by_content

from detente.quotes import QuoteFindings

pytestmark = pytest.mark.model
Find = Callable[[str], QuoteFindings]


def test_continuation_paragraph_takes_the_previous_speaker(find_quotes: Find) -> None:
    text = (
        "“Prices will keep rising,” said Olga Petrenko, an economist at the Kyiv Institute.\n\n"
        "“Households should prepare for a hard winter.”\n\n"
        "The central bank did not comment."
    )
    findings = find_quotes(text)
    quote = by_content(findings, "hard winter")
    assert quote.rule == "carry-over.paragraph"
    assert quote.cue is None
    assert (quote.speaker.name, quote.speaker.resolution) == ("Olga Petrenko", "carry-over")
    assert quote.speaker.mention is None


def test_pronoun_resolves_to_the_last_person(find_quotes: Find) -> None:
    text = "Olga Petrenko presented the report on Monday.\n\n“Prices will keep rising,” she said."
    findings = find_quotes(text)
    [quote] = findings.quotes
    assert (quote.speaker.name, quote.speaker.resolution) == ("Olga Petrenko", "pronoun")
    assert quote.speaker.mention is not None and quote.speaker.mention.text == "she"
    [actor] = findings.speakers
    assert quote.speaker.actor == actor.id == "A1"
    assert [m.text for m in actor.mentions] == ["Olga Petrenko", "she"]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Ms. Karin Holm met Mr. Anders Berg in Oslo on Monday.\n\n"
            "“The border will reopen,” she said.",
            "Karin Holm",
        ),
        (
            "Mr. Anders Berg met Ms. Karin Holm in Oslo on Monday.\n\n"
            "“The border will reopen,” he said.",
            "Anders Berg",
        ),
        # no gender known: the last person named
        (
            "Anders Berg met Karin Holm in Oslo on Monday.\n\n“The border will reopen,” he said.",
            "Karin Holm",
        ),
    ],
)
def test_a_pronoun_skips_a_person_of_the_other_gender(
    find_quotes: Find, text: str, speaker: str
) -> None:
    [quote] = find_quotes(text).quotes
    assert (quote.speaker.name, quote.speaker.resolution) == (speaker, "pronoun")


def test_surname_is_an_alias_of_the_full_name(find_quotes: Find) -> None:
    text = (
        "Olga Petrenko said that prices would rise.\n\n"
        "According to Petrenko, wages will not keep up."
    )
    findings = find_quotes(text)
    first, second = findings.quotes
    assert first.speaker.resolution == "explicit"
    assert (second.speaker.name, second.speaker.resolution) == ("Olga Petrenko", "alias")
    assert first.speaker.actor == second.speaker.actor
    assert len(findings.speakers) == 1


def test_surname_of_two_speakers_joins_neither(find_quotes: Find) -> None:
    text = (
        "Ola Haugen said the talks would go on. Kari Haugen said the deal was weak. "
        "Haugen said nothing would change."
    )
    findings = find_quotes(text)
    ola, kari, bare = (quote.speaker for quote in findings.quotes)
    assert (bare.name, bare.resolution) == ("Haugen", "explicit")
    assert len({ola.actor, kari.actor, bare.actor}) == 3
    assert [actor.kind for actor in findings.speakers] == ["person", "person", "person"]


def test_role_description_links_to_the_person(find_quotes: Find) -> None:
    text = (
        "Norway's foreign minister Ola Haugen met his Swedish counterpart in Oslo.\n\n"
        "The Norwegian official said that both countries wanted closer ties."
    )
    findings = find_quotes(text)
    [quote] = findings.quotes
    assert (quote.speaker.name, quote.speaker.resolution) == ("Ola Haugen", "role")
    assert quote.speaker.mention is not None
    assert quote.speaker.mention.text == "The Norwegian official"


@pytest.mark.parametrize(
    ("text", "name", "kind", "resolution"),
    [
        ("Western diplomats said the talks had stalled.", "Western diplomats", "group", "group"),
        ("Many experts believe the talks have stalled.", "experts", "group", "group"),
        ("NATO said the exercise would go ahead.", "NATO", "organization", "institution"),
        ("Moscow said the exercise was a provocation.", "Moscow", "state", "institution"),
    ],
)
def test_groups_and_institutions_speak(
    find_quotes: Find, text: str, name: str, kind: str, resolution: str
) -> None:
    findings = find_quotes(text)
    [quote] = findings.quotes
    [actor] = findings.speakers
    assert (quote.speaker.name, quote.speaker.resolution) == (name, resolution)
    assert (actor.name, actor.kind) == (name, kind)


def test_role_and_organization_from_an_appositive(find_quotes: Find) -> None:
    text = (
        "“The deal is fragile,” said Anna Kowalski, director of the Baltic Security Forum "
        "at the University of Tartu in Estonia."
    )
    [actor] = find_quotes(text).speakers
    assert actor.name == "Anna Kowalski"
    assert actor.role == "director"
    assert actor.organization == "Baltic Security Forum, University of Tartu"
    assert actor.rule is not None and "role.appositive" in actor.rule


def test_role_and_organization_from_premodifiers(find_quotes: Find) -> None:
    text = "However, Poland's envoy to the EU Marek Zielinski said the deal was fragile."
    [actor] = find_quotes(text).speakers
    assert actor.name == "Marek Zielinski"
    assert actor.role == "envoy to the EU"
    assert actor.organization == "Poland"
    assert actor.rule is not None and "role.premodifier" in actor.rule


def test_organization_before_a_title(find_quotes: Find) -> None:
    text = "The deal is fragile, OSCE Secretary General Helga Maier said."
    [actor] = find_quotes(text).speakers
    assert (actor.name, actor.role, actor.organization) == (
        "Helga Maier",
        "Secretary General",
        "OSCE",
    )


def test_relative_pronoun_speaks_for_its_noun(find_quotes: Find) -> None:
    text = "Voters who said they liked the plan stayed home."
    [quote] = find_quotes(text).quotes
    assert (quote.speaker.name, quote.speaker.resolution) == ("Voters", "group")
    assert quote.speaker.mention is not None and quote.speaker.mention.text == "who"


def test_first_person_outside_quotes_is_the_author(find_quotes: Find) -> None:
    [quote] = find_quotes("I told the committee that the figures were wrong.").quotes
    assert (quote.speaker.actor, quote.speaker.name, quote.speaker.resolution) == (
        None,
        "I",
        "author",
    )


def test_unresolved_pronoun_keeps_the_quote_without_actor(find_quotes: Find) -> None:
    [quote] = find_quotes("“We are ready,” he said.").quotes
    assert (quote.speaker.actor, quote.speaker.resolution) == (None, "unresolved")
    assert quote.confidence < 0.5


def test_quantity_subject_is_a_group(find_quotes: Find) -> None:
    [quote] = find_quotes("The two admit that the goals will not be easy.").quotes
    [actor] = find_quotes("The two admit that the goals will not be easy.").speakers
    assert (actor.kind, actor.name, quote.speaker.resolution) == ("group", "two", "group")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("“The talks have failed,” the report said.", "report"),
        ("“Turnout was the highest in decades,” a new survey says.", "new survey"),
        ("“We will not attend,” the statement said on Monday.", "statement"),
    ],
)
def test_a_document_is_no_speaker_actor(find_quotes: Find, text: str, name: str) -> None:
    findings = find_quotes(text)
    [quote] = findings.quotes
    assert (quote.speaker.name, quote.speaker.resolution, quote.speaker.actor) == (
        name,
        "document",
        None,
    )
    assert findings.speakers == []


def test_an_institution_still_speaks(find_quotes: Find) -> None:
    findings = find_quotes("“The talks have failed,” the agency said.")
    [quote] = findings.quotes
    assert quote.speaker.resolution == "institution" and quote.speaker.actor is not None


def test_a_title_before_the_name_is_not_part_of_it(find_quotes: Find) -> None:
    findings = find_quotes("Secretary of State Mike Pompeo said the talks were over.")
    [quote] = findings.quotes
    assert (quote.speaker.name, quote.speaker.resolution) == ("Mike Pompeo", "explicit")


@pytest.mark.parametrize("name", ["State Department", "White House", "Foreign Ministry"])
def test_a_name_ending_in_an_organisation_word_is_an_institution(
    find_quotes: Find, name: str
) -> None:
    found = find_quotes(f"The {name} said on Monday that the sanctions would stay.")
    [quote] = found.quotes
    assert quote.speaker.name == name
    [actor] = [a for a in found.speakers if a.id == quote.speaker.actor]
    assert actor.kind == "organization"


def test_a_person_named_like_an_organisation_word_stays_a_person(find_quotes: Find) -> None:
    found = find_quotes("Senator Tom Bank said on Monday that the sanctions would stay.")
    [actor] = [a for a in found.speakers if a.id == found.quotes[0].speaker.actor]
    assert actor.kind == "person"


def test_namesakes_met_after_a_bare_surname_stay_apart(find_quotes: Find) -> None:
    text = (
        "Bush said the war was over. George Bush said taxes would fall. "
        "Jeb Bush said Florida was ready. Laura Bush said books matter."
    )
    actors = [q.speaker.actor for q in find_quotes(text).quotes]
    # the bare surname is George Bush, met by his full name next; Jeb and Laura are others
    assert actors[0] == actors[1] and len({actors[1], actors[2], actors[3]}) == 3


def test_a_bare_surname_of_two_people_met_speaks_for_neither(find_quotes: Find) -> None:
    text = (
        "Bush said the war was over. George Bush said taxes would fall. "
        "Jeb Bush said Florida was ready. Bush said the talks went well."
    )
    first, george, jeb, bush = [q.speaker.actor for q in find_quotes(text).quotes]
    # the first "Bush" is George Bush, met by his full name next; the last could be either
    assert first == george and len({george, jeb, bush}) == 3
