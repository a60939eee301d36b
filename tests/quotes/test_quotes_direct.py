from __future__ import annotations

from collections.abc import Callable

import pytest
from quote_checks import by_content

from detente.quotes import QuoteFindings

pytestmark = pytest.mark.model
Find = Callable[[str], QuoteFindings]


@pytest.mark.parametrize(("opening", "closing"), [('"', '"'), ("“", "”"), ("« ", " »"), ("„", "“")])
def test_direct_quote_with_each_kind_of_mark(find_quotes: Find, opening: str, closing: str) -> None:
    text = f"{opening}The harbour will stay closed until spring,{closing} said Maria Lindqvist."
    findings = find_quotes(text)
    [quote] = findings.quotes
    assert quote.type == "direct"
    assert quote.content.text.strip() == "The harbour will stay closed until spring,"
    assert quote.speaker.name == "Maria Lindqvist"
    assert quote.cue is not None and quote.cue.text == "said"
    assert quote.rule == "direct.cue-after"


def test_cue_before_with_colon(find_quotes: Find) -> None:
    findings = find_quotes("The minister Paolo Ferri said: “We will not sign this treaty.”")
    quote = by_content(findings, "We will not sign")
    assert (quote.type, quote.rule, quote.speaker.name) == (
        "direct",
        "direct.cue-before",
        "Paolo Ferri",
    )


def test_split_quote_keeps_the_speaker(find_quotes: Find) -> None:
    text = (
        "“The talks were useful,” said Ines Duarte, the foreign minister. “We meet again in May. "
        "Nothing is settled yet.”"
    )
    findings = find_quotes(text)
    first = by_content(findings, "talks were useful")
    second = by_content(findings, "We meet again in May")
    assert second.content.text == "We meet again in May. Nothing is settled yet."
    assert second.rule == "direct.split"
    assert second.speaker.actor == first.speaker.actor
    assert second.speaker.resolution == "carry-over"


def test_multi_paragraph_quote_is_one_quote(find_quotes: Find) -> None:
    text = (
        "Carlos Mendes spoke at length. He said: “The first year was hard.\n\n"
        "“The second year was harder still, and we lost many friends.”\n\n"
        "The meeting ended at noon."
    )
    findings = find_quotes(text)
    quote = by_content(findings, "first year")
    assert quote.content.text.endswith("we lost many friends.")
    assert "\n\n“The second year" in quote.content.text
    assert quote.speaker.name == "Carlos Mendes"


def test_partial_quote_makes_a_mixed_quote(find_quotes: Find) -> None:
    text = "Helga Brandt said the government was “playing with fire” in the north."
    findings = find_quotes(text)
    [quote] = findings.quotes
    assert quote.type == "mixed"
    assert quote.rule == "mixed.partial"
    assert quote.content.text == "the government was “playing with fire” in the north"
    assert quote.speaker.name == "Helga Brandt"


def test_unbalanced_mark_does_not_derail_later_quotes(find_quotes: Find) -> None:
    text = (
        "The “reform plan was announced on Monday.\n\n"
        "Officials met on Tuesday.\n\n"
        "“We expect a vote within weeks,” said Tomas Novak.\n\n"
        "“Nobody wants another delay,” said Eva Horak."
    )
    findings = find_quotes(text)
    assert [q.speaker.name for q in findings.quotes] == ["Tomas Novak", "Eva Horak"]
    assert [q.content.text for q in findings.quotes] == [
        "We expect a vote within weeks,",
        "Nobody wants another delay,",
    ]


def test_quote_with_cue_in_previous_paragraph_ending_in_colon(find_quotes: Find) -> None:
    text = "Ambassador Lena Berg told reporters:\n\n“The embassy will reopen next week.”"
    findings = find_quotes(text)
    quote = by_content(findings, "embassy will reopen")
    assert (quote.rule, quote.speaker.name) == ("direct.cue-colon", "Lena Berg")


def test_scare_quotes_without_speech_are_not_quotes(find_quotes: Find) -> None:
    findings = find_quotes("The so-called “reset” of relations lasted two years.")
    assert findings.quotes == []
    assert findings.speakers == []


def test_cue_in_the_sentence_after_the_quote(find_quotes: Find) -> None:
    text = "“Is that really a plan, or a show?” Maria Lindqvist asked on Friday."
    [quote] = find_quotes(text).quotes
    assert (quote.content.text, quote.speaker.name) == (
        "Is that really a plan, or a show?",
        "Maria Lindqvist",
    )


def test_doubled_apostrophe_quotes(find_quotes: Find) -> None:
    text = "''We will not sign this treaty,'' said Paolo Ferri."
    [quote] = find_quotes(text).quotes
    assert (quote.type, quote.content.text, quote.speaker.name) == (
        "direct",
        "We will not sign this treaty,",
        "Paolo Ferri",
    )


def test_cue_with_a_hearer_after_the_quote(find_quotes: Find) -> None:
    text = "“Get ready, because we will win this vote!” Maria Lindqvist told the crowd."
    [quote] = find_quotes(text).quotes
    assert (quote.type, quote.rule, quote.speaker.name) == (
        "direct",
        "direct.cue-after",
        "Maria Lindqvist",
    )
    assert quote.cue is not None and quote.cue.text == "told"
