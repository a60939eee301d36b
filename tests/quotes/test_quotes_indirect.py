from __future__ import annotations

from collections.abc import Callable

import pytest

from detente.quotes import QuoteFindings

pytestmark = pytest.mark.model
Find = Callable[[str], QuoteFindings]


@pytest.mark.parametrize(
    ("text", "content", "speaker", "cue", "rule"),
    [
        (
            "Karin Holm said that the border would reopen in March.",
            "the border would reopen in March",
            "Karin Holm",
            "said",
            "indirect.cue-before",
        ),
        (
            "Karin Holm said the border would reopen in March.",
            "the border would reopen in March",
            "Karin Holm",
            "said",
            "indirect.cue-before",
        ),
        (
            "The border would reopen in March, Karin Holm said.",
            "The border would reopen in March",
            "Karin Holm",
            "said",
            "indirect.cue-after",
        ),
        (
            "The border would reopen in March, said the interior minister, Karin Holm.",
            "The border would reopen in March",
            "Karin Holm",
            "said",
            "indirect.cue-after",
        ),
        (
            "According to Karin Holm, the border would reopen in March.",
            "the border would reopen in March.",
            "Karin Holm",
            "According to",
            "indirect.according-to",
        ),
        (
            "The border would reopen in March, according to Karin Holm.",
            "The border would reopen in March",
            "Karin Holm",
            "according to",
            "indirect.according-to",
        ),
        (
            "Karin Holm believes that the border will reopen in March.",
            "the border will reopen in March",
            "Karin Holm",
            "believes",
            "indirect.belief",
        ),
        (
            "Karin Holm argued that the border should reopen in March.",
            "the border should reopen in March",
            "Karin Holm",
            "argued",
            "indirect.cue-before",
        ),
        (
            "Karin Holm warned that the border could close again.",
            "the border could close again",
            "Karin Holm",
            "warned",
            "indirect.cue-before",
        ),
        (
            "Karin Holm told reporters that the border would reopen in March.",
            "the border would reopen in March",
            "Karin Holm",
            "told",
            "indirect.cue-before",
        ),
        (
            "Karin Holm expressed skepticism over the plan to reopen the border.",
            "the plan to reopen the border",
            "Karin Holm",
            "expressed skepticism",
            "indirect.stance",
        ),
    ],
)
def test_indirect_forms(
    find_quotes: Find, text: str, content: str, speaker: str, cue: str, rule: str
) -> None:
    findings = find_quotes(text)
    [quote] = findings.quotes
    assert quote.type == "indirect"
    assert quote.content.text == content
    assert quote.speaker.name == speaker
    assert quote.cue is not None and quote.cue.text == cue
    assert quote.rule == rule
    assert text[quote.content.start : quote.content.end] == quote.content.text


def test_in_his_opinion_resolves_the_possessive(find_quotes: Find) -> None:
    text = "Karin Holm spoke after the vote. In her opinion, the border will reopen in March."
    findings = find_quotes(text)
    [quote] = findings.quotes
    assert quote.content.text == "the border will reopen in March."
    assert quote.cue is not None and quote.cue.text == "In her opinion"
    assert quote.rule == "indirect.in-opinion"
    assert (quote.speaker.name, quote.speaker.resolution) == ("Karin Holm", "pronoun")


def test_passive_cue_does_not_attribute_to_the_subject(find_quotes: Find) -> None:
    findings = find_quotes("Asked by reporters whether the border would reopen, Holm smiled.")
    assert findings.quotes == []


def test_verb_without_reported_clause_is_no_quote(find_quotes: Find) -> None:
    findings = find_quotes("Karin Holm said nothing and left the room.")
    assert findings.quotes == []


@pytest.mark.parametrize(
    ("text", "content", "speaker", "rule"),
    [
        (
            "In a merger, Karin Holm said, the brand would survive.",
            "In a merger, Karin Holm said, the brand would survive.",
            "Karin Holm",
            "indirect.aside",
        ),
        (
            "As Karin Holm reported, the border stayed closed all winter.",
            "the border stayed closed all winter.",
            "Karin Holm",
            "indirect.cue-before",
        ),
        (
            "Karin Holm announced her resignation from the cabinet.",
            "her resignation from the cabinet",
            "Karin Holm",
            "indirect.object",
        ),
    ],
)
def test_asides_as_clauses_and_reported_objects(
    find_quotes: Find, text: str, content: str, speaker: str, rule: str
) -> None:
    [quote] = find_quotes(text).quotes
    assert (quote.content.text, quote.speaker.name, quote.rule) == (content, speaker, rule)


def test_reported_clause_runs_over_a_trailing_participle(find_quotes: Find) -> None:
    text = "Karin Holm said it was a temporary dip, reflecting doubts among voters."
    [quote] = find_quotes(text).quotes
    assert quote.content.text == "it was a temporary dip, reflecting doubts among voters"


def test_object_of_a_thing_is_not_reported_speech(find_quotes: Find) -> None:
    assert find_quotes("The meeting highlighted the divisions in the alliance.").quotes == []


def test_aside_in_brackets_stops_at_the_bracket(find_quotes: Find) -> None:
    text = "They asked Oslo to act (Sweden denies any role in the affair), and to pay."
    quotes = find_quotes(text).quotes
    assert [q.content.text for q in quotes if q.speaker.name == "Sweden"] == [
        "any role in the affair"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Karin Holm said the ministry had concluded that the border would reopen in March.",
        "Karin Holm told reporters that officials believed the border would reopen in March.",
    ],
)
def test_a_clause_reported_inside_another_is_the_outer_speakers(
    find_quotes: Find, text: str
) -> None:
    # the ministry's conclusion is what Karin Holm reports: one quote, hers
    [quote] = find_quotes(text).quotes
    assert quote.speaker.name == "Karin Holm"
    assert "border" in quote.content.text


def test_quotes_side_by_side_are_both_kept(find_quotes: Find) -> None:
    text = "Karin Holm said the border would reopen. The ministry said it would not."
    assert [q.speaker.name for q in find_quotes(text).quotes] == ["Karin Holm", "ministry"]


def test_speech_inside_an_according_to_frame_keeps_its_speaker(find_quotes: Find) -> None:
    text = "According to the transcript, Karin Holm said the border would reopen in March."
    speakers = [q.speaker.name for q in find_quotes(text).quotes]
    assert "Karin Holm" in speakers
