"""Flags (negated, hypothetical, future, historical), dates and places of events."""

from __future__ import annotations

import datetime

import pytest
from events_util import findings, parse

from detente.events import RuleCoder
from detente.records import Event

pytestmark = pytest.mark.model

NAMES = {"NATO": "IGOWSTNAT", "Russia": "RUS", "Moscow": "RUSGOV", "Ukraine": "UKR"}
PUBLISHED = datetime.date(2014, 12, 3)


def code(text: str) -> list[Event]:
    doc = parse(text)
    return RuleCoder().code(doc, findings(doc, NAMES), published=PUBLISHED)


def test_a_plain_event_has_no_flags_and_the_publication_date() -> None:
    [event] = code("NATO accused Russia of aggression.")
    assert not (event.negated or event.hypothetical or event.future or event.historical)
    assert (event.date, event.date_text) == ("2014-12-03", None)


def test_negated_pattern_events_are_kept_and_flagged() -> None:
    [event] = code("Moscow did not reject the proposal.")
    assert (event.cameo, event.rule) == ("125", "ours.P04")
    assert event.negated


def test_a_negated_default_code_is_no_event() -> None:
    assert code("NATO did not accuse Russia.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Nor will Moscow reject the proposal.",
        "Moscow neither rejected the proposal nor welcomed it.",
        "Moscow did not welcome nor reject the proposal.",
        "Moscow neither welcomed nor rejected the proposal.",
    ],
)
def test_nor_and_neither_negate_the_verb_after_them(text: str) -> None:
    [event] = [e for e in code(text) if e.cameo == "125"]
    assert event.negated


@pytest.mark.parametrize(
    "text",
    [
        # "nor" after the verb negates the next verb, not this one
        "Moscow rejected the proposal, nor did it welcome the plan.",
        # "neither" of a noun phrase negates no verb
        "Moscow rejected the proposal from neither NATO nor Ukraine.",
    ],
)
def test_nor_and_neither_leave_a_verb_before_them_as_it_is(text: str) -> None:
    rejections = [e for e in code(text) if e.cameo == "125"]
    assert rejections
    assert not any(e.negated for e in rejections)


def test_hypothetical_and_future() -> None:
    [could] = code("NATO could accuse Russia of aggression.")
    assert could.hypothetical and not could.future
    [will] = code("NATO will accuse Russia of aggression.")
    assert will.future and not will.hypothetical
    [conditional] = code("If Moscow attacks, NATO accuses Russia of aggression.")
    assert conditional.cameo.startswith("112")


@pytest.mark.parametrize(
    ("text", "offered"),
    [
        ("NATO would accuse Russia of aggression if Moscow attacked Ukraine.", True),
        ("NATO could accuse Russia of aggression once Moscow attacked Ukraine.", True),
        ("NATO would accuse Russia of aggression as long as Moscow attacked Ukraine.", True),
        # coordinated acts share their condition
        ("NATO would accuse Russia of aggression and recall envoys if Moscow attacked.", True),
        # a modal without a condition is no offer, and the act inside the condition is none
        ("NATO would accuse Russia of aggression.", False),
        ("Moscow said NATO would be ready to talk if Russia accused Ukraine of aggression.", False),
    ],
)
def test_a_modal_act_on_a_condition_is_future(text: str, offered: bool) -> None:
    [event] = [e for e in code(text) if e.cameo.startswith("112")]
    assert event.hypothetical and event.future == offered


@pytest.mark.parametrize(
    "text",
    [
        "NATO threatened to accuse Russia of aggression.",
        "NATO vowed to accuse Russia of aggression.",
    ],
)
def test_an_act_threatened_or_vowed_is_future(text: str) -> None:
    [event] = [e for e in code(text) if e.cameo.startswith("112")]
    assert event.future and not event.hypothetical


@pytest.mark.parametrize(
    "text",
    [
        "NATO is ready to accuse Russia of aggression.",
        "NATO is prepared to accuse Russia of aggression.",
        "Moscow is poised to accuse NATO of aggression.",
    ],
)
def test_readiness_makes_the_act_future(text: str) -> None:
    [event] = code(text)
    assert event.cameo.startswith("112") and event.future and not event.hypothetical


def test_a_stated_date_is_resolved_and_kept() -> None:
    [event] = code("On Tuesday, NATO accused Russia of aggression.")
    assert (event.date, event.date_text) == ("2014-12-02", "Tuesday")
    assert not event.historical


def test_an_old_date_makes_the_event_historical() -> None:
    [event] = code("NATO accused Russia of aggression three years ago.")
    assert event.date == "2011" and event.historical


def test_on_that_date_refers_to_the_previous_sentence() -> None:
    events = code(
        "The position was formed on April 1 of this year. On that date, NATO suspended all "
        "military cooperation with Russia."
    )
    [event] = events
    assert event.cameo == "1622"
    assert (event.date, event.date_text) == ("2014-04-01", "April 1 of this year")
    assert event.historical


def test_the_place_of_the_event() -> None:
    [event] = code("NATO accused Russia of aggression in Brussels.")
    assert event.location is not None
    assert (event.location.name, event.location.country) == ("Brussels", "BEL")
    [elsewhere] = code("NATO accused Russia of aggression.")
    assert elsewhere.location is None
