"""A speaker's mention is the words that name it: the name for a person, never the role words
around it (the actors stage maps a mention's tokens to the actor)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from quote_checks import by_content

from detente.quotes import QuoteFindings
from detente.quotes.evaluate import evaluate_polnear

pytestmark = pytest.mark.model
Find = Callable[[str], QuoteFindings]


def test_role_before_a_name_stays_out_of_the_mention(find_quotes: Find) -> None:
    text = "Russia's envoy to NATO Alexander Grushko said the alliance was escalating tensions."
    findings = find_quotes(text)
    [quote] = findings.quotes
    [actor] = findings.speakers
    assert quote.speaker.mention is not None
    assert quote.speaker.mention.text == "Alexander Grushko"
    assert text[quote.speaker.mention.start : quote.speaker.mention.end] == "Alexander Grushko"
    assert (quote.speaker.name, quote.speaker.resolution) == ("Alexander Grushko", "explicit")
    assert [m.text for m in actor.mentions] == ["Alexander Grushko"]
    assert (actor.role, actor.organization) == ("envoy to NATO", "Russia")
    assert actor.rule == "speaker.name+role.premodifier"


def test_a_name_in_apposition_to_the_speaker_s_role_is_the_speaker(find_quotes: Find) -> None:
    text = "Kenya's interior minister, Kithure Kindiki, said the border would stay closed."
    findings = find_quotes(text)
    [quote] = findings.quotes
    [actor] = findings.speakers
    assert quote.speaker.mention is not None
    assert quote.speaker.mention.text == "Kithure Kindiki"
    assert (actor.name, actor.role, actor.rule) == (
        "Kithure Kindiki",
        "minister",
        "speaker.name+role.premodifier",
    )


@pytest.mark.parametrize(
    ("text", "words", "mention"),
    [
        (
            "NATO Secretary General Jens Stoltenberg said the alliance would respond.",
            "the alliance would respond",
            "Jens Stoltenberg",
        ),
        (
            "Timofei Bordachev from the Higher School of Economics said the talks were over.",
            "the talks were over",
            "Timofei Bordachev",
        ),
        (
            "Officials in Moscow said the exercise was a provocation.",
            "the exercise was a provocation",
            "Officials",
        ),
        (
            "Some Russian observers said the summit had failed.",
            "the summit had failed",
            "Some Russian observers",
        ),
        (
            "Two-thirds of Russians say the sanctions have failed.",
            "the sanctions have failed",
            "Two-thirds of Russians",
        ),
        (
            "Russia's Foreign Ministry said the drills were a provocation.",
            "the drills were a provocation",
            "Russia's Foreign Ministry",
        ),
    ],
)
def test_mention_is_the_name_or_the_noun_phrase(
    find_quotes: Find, text: str, words: str, mention: str
) -> None:
    quote = by_content(find_quotes(text), words)
    assert quote.speaker.mention is not None
    assert quote.speaker.mention.text == mention


def test_honorific_and_role_description_mentions(find_quotes: Find) -> None:
    text = (
        "Norway's foreign minister Ola Haugen said the talks in Oslo went well.\n\n"
        "Mr. Haugen said the two sides would meet again.\n\n"
        "The Norwegian official said that both countries wanted closer ties."
    )
    findings = find_quotes(text)
    alias = by_content(findings, "would meet again")
    role = by_content(findings, "closer ties")
    assert alias.speaker.mention is not None and alias.speaker.mention.text == "Mr. Haugen"
    assert role.speaker.mention is not None
    assert role.speaker.mention.text == "The Norwegian official"
    [actor] = findings.speakers
    assert actor.name == "Ola Haugen"
    assert (actor.role, actor.organization) == ("foreign minister", "Norway")
    assert [m.text for m in actor.mentions] == [
        "Ola Haugen",
        "Mr. Haugen",
        "The Norwegian official",
    ]


def test_evaluation_compares_the_phrase_around_the_mention(tmp_path: Path) -> None:
    text = "Russia's envoy to NATO Alexander Grushko said the alliance was escalating tensions.\n"
    source = "Russia's envoy to NATO Alexander Grushko"
    cue_start = text.index("said")
    content_start = text.index("the alliance")
    content_end = text.index(".")
    (tmp_path / "text").mkdir()
    (tmp_path / "attributions").mkdir()
    (tmp_path / "text" / "story.txt").write_text(text, encoding="utf-8")
    (tmp_path / "attributions" / "story_a1.ann").write_text(
        f"T1\tSource 0 {len(source)}\t{source}\n"
        f"T2\tCue {cue_start} {cue_start + 4}\tsaid\n"
        f"T3\tContent {content_start} {content_end}\t{text[content_start:content_end]}\n"
        f"T4\tAttribution {cue_start} {cue_start + 4}\tsaid\n"
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n",
        encoding="utf-8",
    )
    report = evaluate_polnear(tmp_path)
    assert (report.gold, report.predicted) == (1, 1)
    # The mention "Alexander Grushko" lies inside the gold source; the phrase around it
    # ("NATO Alexander Grushko") has word Dice 0.6 with it, where the mention alone has 0.44.
    assert (report.source.true, report.source_strict.true) == (1, 1)
    assert report.errors["wrong source"] == 0
