"""The example article end to end (quotes → actors → events) against its gold annotation.

No rule of ours is written for this article (data/events/RULES.md): it measures the coders, it
does not steer them. The floors below are what the default coder reaches (2026-12-04); the goal is
at least 10 of the 11 gold events with at most 3 extra events under the strict matcher."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from events_util import model

from detente.events import RuleCoder, code_events
from detente.quotes import attribute_quotes
from detente.records import Event

pytestmark = [pytest.mark.model, pytest.mark.slow]

BODY = slice(254, 6075)  # the clean body in the raw file; gold offsets are into the raw file
PUBLISHED = datetime.date(2014, 12, 3)
GOLD_CODES = {"NATO": "IGOWSTNAT"}


# What the default coder reaches (measured 2026-12-07), kept from falling further; the goal is 10
# and 3. The two gold events it misses need readings no general rule gives (README, "Events: the
# example article"): "They urged Russia to ... withdraw its forces from Ukraine", whose "They" is
# "the parties to the Brussels meeting", no actor; "I don't see any need to call the Council"
# stays a statement (STATEMENT 0.60, REJECT 0.38) and has no target, NATO being named only in
# its clause of reason. Found since a bracketed aside is decided on its own (`parse.asides`):
# "(Russia denies any military presence ...)". Found since the model learnt reported allegations
# (the eighth batch of written sentences): the diplomats' "NATO is not willing to enter into an
# equal partnership with Russia"; since it learnt sharp reactions and refusals in words of no
# need (the ninth): "Moscow has reacted sharply" as an accusation, once an extra (012). Found
# since a rule event inside a condition votes as asked, not as the sentence's act
# (`model.rule_votes`): the conditional offer "Russia and NATO could restore their rapport if
# the latter were to reconsider", AGREE (0.82) RUS → NATO, a type its gold record also accepts.
# The extras are Sushentsov's "Russia has no need to respond to these decisions" (120),
# Bordachev's "Russia will respond ... by expanding its defense capabilities" (030) and the
# rules' accusation in Lukyanov's "That's why the Russian leaders are rejecting any sort of
# compromise" (112, kept over the 0.1 that drops a rule event). How each change moved these
# figures: MODEL_CARD.md beside the model file.
GOLD_FOUND_FLOOR = 9
EXTRA_CEILING = 3


@pytest.fixture(scope="module")
def coded(example_text: str) -> tuple[list[Event], list[Event]]:
    """The events of the default coder, and of the rule coder alone."""
    actors = pytest.importorskip("detente.actors")
    doc = model()(example_text[BODY])
    quotes = attribute_quotes(doc)
    findings = actors.code_actors(
        doc, actors.load_actor_dictionary(), published=PUBLISHED, speakers=quotes.speakers
    )
    default = code_events(doc, findings, quotes=quotes.quotes, published=PUBLISHED)
    rules = RuleCoder().code(doc, findings, quotes=quotes.quotes, published=PUBLISHED)
    return default, rules


@pytest.fixture(scope="module")
def events(coded: tuple[list[Event], list[Event]]) -> list[Event]:
    return coded[0]


@pytest.fixture(scope="module")
def rule_events(coded: tuple[list[Event], list[Event]]) -> list[Event]:
    return coded[1]


def _overlaps(event: Event, gold: dict[str, Any]) -> bool:
    start, end = gold["evidence"]["start"] - BODY.start, gold["evidence"]["end"] - BODY.start
    return event.evidence.start < end and start < event.evidence.end


def _same_actor(code: str | None, gold: str | None) -> bool:
    if gold is None:
        return code is None
    expected = GOLD_CODES.get(gold, gold)
    return code is not None and (code == expected or code[:3] == expected[:3])


def _matches(event: Event, gold: dict[str, Any]) -> bool:
    """A gold event found: overlapping evidence, its actors, and its type or one of the types
    its annotation also accepts (`plover_also`: the conditional offer "Russia and NATO could
    restore their rapport if the latter were to reconsider" is a REQUEST also read as AGREE,
    as the PLOVER gold standard codes conditional offers); no type means a statement of its
    CAMEO root."""
    also = event.plover is not None and event.plover.type in gold["plover_also"]
    if gold["plover"] is None:
        right_type = event.plover is None and event.cameo[:2] == gold["cameo_root"]
    else:
        right_type = event.plover is not None and event.plover.type == gold["plover"]
    return (
        _overlaps(event, gold)
        and (right_type or also)
        and _same_actor(event.source.code if event.source else None, gold["source"])
        and _same_actor(event.target.code if event.target else None, gold["target"])
    )


def test_gold_events_found(events: list[Event], gold: dict[str, Any]) -> None:
    found = [g["evidence"]["text"] for g in gold["events"] if any(_matches(e, g) for e in events)]
    assert len(found) >= GOLD_FOUND_FLOOR, found
    assert "NATO terminated all practical civilian and military cooperation with Russia" in found


def _fits(event: Event, optional: dict[str, Any]) -> bool:
    """An optional gold record excuses an event only with its type and actors: "type open" in
    its note leaves the type free; otherwise no PLOVER type means a statement (CAMEO 01)."""
    if optional["plover"] is not None:
        right_type = event.plover is not None and event.plover.type == optional["plover"]
    else:
        right_type = "type open" in optional["note"] or event.cameo.startswith("01")
    return (
        _overlaps(event, optional)
        and right_type
        and _same_actor(event.source.code if event.source else None, optional["source"])
        and (
            optional["target"] is None
            or _same_actor(event.target.code if event.target else None, optional["target"])
        )
    )


def extra_events(events: list[Event], gold: dict[str, Any]) -> list[tuple[str, str, str]]:
    """Events no gold record accounts for: not a gold event, not an optional one of the same type
    and actors, not a statement inside a gold quote."""
    quotes = [
        (q["content"]["start"] - BODY.start, q["content"]["end"] - BODY.start)
        for q in gold["quotes"] + gold["optional_quotes"]
    ]

    def accounted(event: Event) -> bool:
        if any(_matches(event, g) for g in gold["events"]):
            return True
        if any(_fits(event, g) for g in gold["optional_events"]):
            return True
        statement = event.cameo.startswith("01")
        return statement and any(
            a <= event.evidence.start and event.evidence.end <= b for a, b in quotes
        )

    return [(e.cameo, e.rule, e.evidence.text) for e in events if not accounted(e)]


def test_extra_events_under_the_strict_matcher(events: list[Event], gold: dict[str, Any]) -> None:
    extra = extra_events(events, gold)
    assert len(extra) <= EXTRA_CEILING, extra


def test_the_cooperation_cut_is_dated_april_first(events: list[Event]) -> None:
    [cut] = [e for e in events if e.plover is not None and e.plover.type == "SANCTION"]
    assert cut.evidence.text.startswith("NATO terminated all practical civilian")
    assert (cut.date, cut.date_text) == ("2014-04-01", "April 1 of this year")
    assert cut.historical
    assert cut.source is not None and cut.source.code == "IGOWSTNAT"
    assert cut.target is not None and cut.target.code == "RUS"


def test_the_ministerial_meeting_is_in_brussels(rule_events: list[Event]) -> None:
    meeting = rule_events[0]
    assert meeting.rule == "N01" and meeting.cameo == "040"
    assert meeting.location is not None and meeting.location.country == "BEL"


def test_statements_are_linked_to_their_quotes(events: list[Event]) -> None:
    statements = [e for e in events if e.cameo.startswith("01")]
    assert statements and all(e.plover is None for e in statements)
    assert all(e.quote is not None for e in statements if e.rule in ("S01", "T01"))
