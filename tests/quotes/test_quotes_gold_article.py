"""The example article against its hand annotation (see the gold file's "scoring" field)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest

from detente.quotes import QuoteFindings

pytestmark = pytest.mark.model
Find = Callable[[str], QuoteFindings]
BODY = (254, 6075)  # the clean body inside the raw example file
WORD = re.compile(r"\w+")


def words(start: int, end: int, text: str) -> set[int]:
    return {m.start() for m in WORD.finditer(text, start, end)}


def test_all_gold_quotes_found_with_speaker_and_content(
    find_quotes: Find, example_text: str, gold: dict[str, Any]
) -> None:
    body = example_text[BODY[0] : BODY[1]]
    findings = find_quotes(body)
    predicted = [(q, words(q.content.start, q.content.end, body)) for q in findings.quotes]

    def gold_words(item: dict[str, Any]) -> set[int]:
        content = item["content"]
        return words(content["start"] - BODY[0], content["end"] - BODY[0], body)

    missing = []
    for item in gold["quotes"]:
        expected = gold_words(item)
        hits = [
            q
            for q, got in predicted
            if q.speaker.name == item["speaker"]
            and len(got & expected) >= 0.9 * len(expected)
            and len(got & expected) >= 0.9 * len(got)
        ]
        if not hits:
            missing.append((item["speaker"], item["content"]["text"][:50]))
    assert missing == []
    assert len(gold["quotes"]) == 20

    allowed = [gold_words(item) for item in gold["quotes"] + gold["optional_quotes"]]
    extras = [q.content.text for q, got in predicted if not any(got & a for a in allowed)]
    assert len(extras) <= 1, extras


def test_gold_speakers_carry_role_and_organization(
    find_quotes: Find, example_text: str, gold: dict[str, Any]
) -> None:
    findings = find_quotes(example_text[BODY[0] : BODY[1]])
    actors = {a.name: a for a in findings.speakers}
    for speaker in gold["speakers"]:
        if speaker["name"] == "Russian diplomats":
            continue  # a group: its organisation is a country, filled by the actors stage
        actor = actors[speaker["name"]]
        assert (actor.role, actor.organization) == (speaker["role"], speaker["organization"])
    quote_rules = {q.rule for q in findings.quotes}
    assert {
        "direct.cue-after",
        "direct.split",
        "carry-over.paragraph",
        "mixed.partial",
    } <= quote_rules
    assert [a.id for a in findings.speakers] == [f"A{n}" for n in range(1, len(actors) + 1)]
