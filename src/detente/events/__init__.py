"""The events stage: who did what to whom, when and where, coded in CAMEO and PLOVER.

    verbs = load_verb_dictionary()                       # bundled CAMEO.2.0 + our additions
    events = code_events(doc, actor_findings, quotes=quotes, published=date(2014, 12, 3))

`code_events` runs the coder DETENTE_EVENT_CODER selects (coders.py): `learned` (the default:
model:events-1 decides each candidate sentence's event type over the rules' votes, model.py) or
`rule` (the rules alone, below).

Verbs are coded with the CAMEO verb dictionary on the dependency parse (source = subject or
passive agent, target = object or prepositional object); nouns that name events ("the meeting of
NATO foreign ministers") with our patterns in data/events/patterns.toml. Each event carries its
PLOVER type/mode/context, Goldstein score, PLOVER intensity and QuadClass, the date and place when
the text states them, and the rule that coded it.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from detente.events.coder import BUNDLED_VERB_FILES, bundled_verbs
from detente.events.coders import (
    EventCoder,
    LearnedCoder,
    RuleCoder,
    code_events,
    coder_named,
    selected_coder,
)
from detente.events.dictionary import VerbDictionary, read_entries
from detente.events.tables import event_tables, quad_class
from detente.events.when import resolve_date

READS = ("sentences", "entities", "parse", "lemmas")


def load_verb_dictionary(paths: Sequence[Path] = (), *, bundled: bool = True) -> VerbDictionary:
    """The verb dictionary from user `paths` (PETRARCH .txt or our .tsv), checked first, then the
    bundled files unless `bundled` is False. Raises DictionaryError (E450–E452, E454) on a bad
    file."""
    if bundled and not paths:
        return bundled_verbs()  # built once per process
    files = [*map(Path, paths), *(BUNDLED_VERB_FILES if bundled else ())]
    return VerbDictionary.build([(str(path), read_entries(path)) for path in files])


__all__ = [
    "READS",
    "EventCoder",
    "LearnedCoder",
    "RuleCoder",
    "VerbDictionary",
    "code_events",
    "coder_named",
    "event_tables",
    "load_verb_dictionary",
    "quad_class",
    "resolve_date",
    "selected_coder",
]
