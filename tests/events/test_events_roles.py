"""Who did what to whom, as the rule coder reads it from the parse (the learned coder keeps these
roles): compounds, passives, nouns, demands."""

from __future__ import annotations

import datetime

import pytest
from events_util import findings, parse, quote

from detente.events import EventCoder, LearnedCoder, RuleCoder
from detente.records import Event

pytestmark = pytest.mark.model

NAMES = {
    "NATO": "IGOWSTNAT",
    "Russia": "RUS",
    "Moscow": "RUSGOV",
    "Ukraine": "UKR",
    "Crimea": "UKR",
    "Grushko": "RUSGOV",
}
PUBLISHED = datetime.date(2014, 12, 3)


def code(text: str, **kwargs: object) -> list[Event]:
    doc = parse(text)
    return RuleCoder().code(doc, findings(doc, NAMES), published=PUBLISHED, **kwargs)  # type: ignore[arg-type]


def dyads(events: list[Event]) -> list[tuple[str | None, str | None, str]]:
    return [
        (e.source.code if e.source else None, e.target.code if e.target else None, e.cameo)
        for e in events
    ]


def test_subject_acts_on_the_object() -> None:
    [event] = code("NATO accused Russia of aggression.")
    assert dyads([event]) == [("IGOWSTNAT", "RUS", event.cameo)]
    assert event.cameo.startswith("112")
    assert event.plover is not None and event.plover.type == "ACCUSE"
    assert event.quad_class == 3
    assert event.source is not None and event.source.text == "NATO"
    assert event.evidence.text.startswith("NATO accused Russia")
    assert event.rule.startswith("cameo.")


def test_passive_voice_takes_the_agent_as_source() -> None:
    events = code("Russia was accused by NATO of aggression.")
    assert [(s, t) for s, t, _ in dyads(events)] == [("IGOWSTNAT", "RUS")]


@pytest.mark.parametrize(
    "text",
    [
        "Ukrainian soldiers were captured in Crimea and later released by Russia.",
        "Ukrainian soldiers, held captive in Crimea for a month, have been freed by Russia.",
    ],
)
def test_a_conjoined_passive_verb_acts_on_the_subject_it_shares(text: str) -> None:
    doc = parse(text)
    events = RuleCoder().code(doc, findings(doc, {"Russia": "RUS", "Ukrainian soldiers": "UKRMIL"}))
    released = [e for e in events if e.evidence.text in ("released", "freed")]
    assert dyads(released) and all(d[:2] == ("RUS", "UKRMIL") for d in dyads(released))


def test_a_passive_verb_without_an_agent_has_no_source() -> None:
    # "criticized" acts on the minister; who criticised him the sentence does not say
    doc = parse("Russia's defence minister resigned and was criticized on social media.")
    events = RuleCoder().code(doc, findings(doc, {"Russia's defence minister": "RUSGOV"}))
    assert all(e.evidence.text != "criticized on social media" for e in events)


def test_compound_actors_give_one_event_per_pair() -> None:
    events = code("NATO and Moscow condemned Ukraine.")
    assert sorted(dyads(events)) == [("IGOWSTNAT", "UKR", "111"), ("RUSGOV", "UKR", "111")]


def test_compound_subject_without_object_acts_mutually() -> None:
    events = code("Russia and NATO restored diplomatic ties.")
    assert sorted((s, t) for s, t, _ in dyads(events)) == [
        ("IGOWSTNAT", "RUS"),
        ("RUS", "IGOWSTNAT"),
    ]


@pytest.mark.parametrize(
    ("text", "mutual"),
    [
        ("Russia and NATO clashed in the Black Sea.", True),
        ("Russia and NATO accused each other of aggression.", True),
        ("Russia and NATO exchanged fire near the border.", True),
        ("Russia and NATO postponed their talks.", True),
        ("Russia and NATO attacked the convoy.", False),
        ("Russia and NATO seized the tanker.", False),
        ("Russia and NATO threatened to retaliate.", False),
    ],
)
@pytest.mark.parametrize("coder", [RuleCoder(), LearnedCoder()], ids=["rule", "learned"])
def test_a_compound_subject_without_a_target_acts_on_each_other_only_in_kind(
    text: str, mutual: bool, coder: EventCoder
) -> None:
    # fights, exchanges and acts on their ties are mutual; other conflict is done jointly
    doc = parse(text)
    pairs = {(s, t) for s, t, _ in dyads(coder.code(doc, findings(doc, NAMES)))}
    sides = ("RUS", "IGOWSTNAT")
    assert pairs == ({sides, sides[::-1]} if mutual else {(sides[0], None), (sides[1], None)})


@pytest.mark.parametrize(
    "text",
    [
        "Russia or NATO will fill the empty seat on the council.",
        "Either Russia or NATO restored diplomatic ties.",
        "Neither Russia nor NATO restored diplomatic ties.",
    ],
)
def test_alternatives_do_nothing_to_each_other(text: str) -> None:
    # the act of one of them, whichever it is: no pair of them
    pairs = {(s, t) for s, t, _ in dyads(code(text))}
    assert pairs == {("RUS", None), ("IGOWSTNAT", None)}


def test_conjoined_modifiers_of_one_noun_are_each_a_side() -> None:
    # "Eritrean" and "Ethiopian" share "officials": two parties meeting, not Ethiopian officials
    # meeting among themselves
    doc = parse("Eritrean and Ethiopian officials met in Riyadh.")
    events = RuleCoder().code(
        doc, findings(doc, {"Eritrean": "ERI", "Ethiopian officials": "ETHGOV"})
    )
    assert sorted((s, t) for s, t, _ in dyads(events)) == [("ERI", "ETHGOV"), ("ETHGOV", "ERI")]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "The meeting between Grushko and his Ukrainian counterpart, Pavlo Klimkin, ended.",
            {"Ukrainian": "UKR", "Pavlo Klimkin": "UKRGOV"},
        ),
        (
            "A meeting between the Ukrainian foreign minister, Pavlo Klimkin, and Grushko ended.",
            {"Ukrainian foreign minister": "UKRGOV", "Pavlo Klimkin": "UKRELI"},
        ),
    ],
)
def test_a_participant_described_and_named_in_apposition_is_one(
    text: str, names: dict[str, str]
) -> None:
    doc = parse(text)
    events = RuleCoder().code(doc, findings(doc, {**NAMES, **names}))
    named = names["Pavlo Klimkin"]
    assert sorted((s, t) for s, t, _ in dyads(events)) == [("RUSGOV", named), (named, "RUSGOV")]


def test_a_nominal_meeting_has_its_participants_on_both_sides() -> None:
    [event] = code("The recent meeting of NATO foreign ministers in Brussels ended early.")
    assert dyads([event]) == [("IGOWSTNAT", "IGOWSTNAT", "040")]
    assert event.rule == "N01"
    assert event.location is not None and event.location.country == "BEL"


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        (
            "The two sides could not reschedule a meeting between Mr. Trump and Xi Jinping in "
            "Chile.",
            {"Mr. Trump": "USAGOV", "Xi Jinping": "CHNGOV", "Chile": "CHL"},
            [("USAGOV", "CHNGOV", "040"), ("CHNGOV", "USAGOV", "040")],
        ),
        (
            "A meeting of Chinese officials in Geneva ended.",
            {"Chinese officials": "CHNGOV", "Geneva": "CHE"},
            [("CHNGOV", "CHNGOV", "040")],
        ),
        # a seat of government is its host, not a town the meeting happened in
        (
            "A meeting of Israeli officials at the White House ended.",
            {"Israeli officials": "ISRGOV", "the White House": "USAGOV"},
            [("ISRGOV", "USAGOV", "040"), ("USAGOV", "ISRGOV", "040")],
        ),
    ],
)
def test_where_a_meeting_is_held_is_none_of_its_participants(
    text: str, names: dict[str, str], expected: list[tuple[str, str, str]]
) -> None:
    doc = parse(text)
    assert dyads(RuleCoder().code(doc, findings(doc, names))) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The Kenyan president had his first meeting with Chinese officials on Monday.",
        "Kenyan officials had their first meeting with Chinese officials in Nairobi.",
    ],
)
def test_a_meeting_held_with_another_is_from_its_host_to_the_other(text: str) -> None:
    doc = parse(text)
    names = {"Kenyan president": "KENGOV", "Kenyan officials": "KENGOV"}
    found = findings(doc, {**names, "Chinese officials": "CHNGOV"})
    nominal = [e for e in RuleCoder().code(doc, found) if e.rule == "N01"]
    assert dyads(nominal) == [("KENGOV", "CHNGOV", "040")]


def test_a_meeting_a_verb_pattern_names_is_the_verb_event_alone() -> None:
    doc = parse("Kenyan officials held their first meeting with Chinese officials in Nairobi.")
    names = {"Kenyan officials": "KENGOV", "Chinese officials": "CHNGOV", "Nairobi": "KEN"}
    events = RuleCoder().code(doc, findings(doc, names))
    assert dyads(events) == [("KENGOV", "CHNGOV", "046"), ("CHNGOV", "KENGOV", "046")]
    assert {e.rule for e in events} == {"cameo.P3980"}


def test_a_meeting_with_one_side_is_not_among_its_members() -> None:
    doc = parse("A meeting with Chinese officials ended early.")
    [event] = RuleCoder().code(doc, findings(doc, {"Chinese officials": "CHNGOV"}))
    assert dyads([event]) == [("CHNGOV", None, "040")]


def test_the_same_nominal_event_mentioned_again_is_coded_once() -> None:
    events = code(
        "The meeting of NATO foreign ministers went on. Moscow ignored the meeting of NATO "
        "foreign ministers."
    )
    assert [e.rule for e in events].count("N01") == 1


def test_an_invasion_names_the_invaded_as_target() -> None:
    [event] = code("Russia's invasion of Crimea was condemned.")
    assert dyads([event]) == [("RUS", "UKR", "190")]
    assert event.rule == "N05"
    assert event.plover is not None and event.plover.type == "ASSAULT"


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        ("Russia launched an invasion of Ukraine.", "Russia launched an invasion of Ukraine"),
        (
            "Russian forces carried out airstrikes on Ukraine overnight.",
            "Russian forces carried out airstrikes on Ukraine overnight",
        ),
        ("Moscow conducted a raid against Ukraine.", "Moscow conducted a raid against Ukraine"),
        ("Russia mounted a bombardment of Ukraine.", "Russia mounted a bombardment of Ukraine"),
    ],
)
def test_the_subject_of_a_verb_that_performs_an_attack_noun_is_its_source(
    text: str, evidence: str
) -> None:
    events = code(text)
    assert [(s, t) for s, t, _ in dyads(events)] in ([("RUS", "UKR")], [("RUSGOV", "UKR")])
    [event] = events
    assert event.rule == "N05" and event.cameo == "190"
    assert event.evidence.text == evidence


def test_an_attack_noun_is_not_the_act_of_whoever_names_it() -> None:
    events = code("Russia condemned the invasion of Ukraine.")
    assert all(e.rule != "N05" for e in events)
    assert [e.cameo[:2] for e in events] == ["11"]


def test_the_verbs_dictionary_pattern_comes_before_the_attack_noun() -> None:
    [event] = code("Russia launched a rocket attack on Ukraine.")
    assert dyads([event]) == [("RUS", "UKR", "194")]
    assert event.rule.startswith("cameo.P")


def test_a_mobilisation_noun_needs_its_military_words() -> None:
    events = code("They discussed the establishment of a NATO battalion against Russia.")
    assert dyads(events) == [("IGOWSTNAT", "RUS", "154")]
    assert events[0].rule == "N03"
    assert not code("They discussed the establishment of a NATO library.")


def test_a_demand_does_not_code_what_is_demanded() -> None:
    events = code("NATO urged Russia to withdraw its forces from Ukraine.")
    assert dyads(events) == [("IGOWSTNAT", "RUS", "100")]
    assert events[0].rule == "ours.V01"
    assert events[0].plover is not None and events[0].plover.type == "REQUEST"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an accusation is of whom it is about, not of whom it is made to
        ("Lebanon complained to the United Nations on Tuesday over two Israeli air raids.", "ISR"),
        ("Serbia complained to the European Union about Croatian border checks.", "HRV"),
        # without another actor in what it is about, the addressee stays
        ("Brazil complained to Argentina about the new import tariffs.", "ARG"),
    ],
)
def test_an_accusation_is_directed_at_whom_it_is_about(text: str, expected: str) -> None:
    [event] = _coded_with_actors(text)
    assert event.cameo.startswith("11")
    assert event.target is not None and event.target.code == expected


def test_an_event_needs_a_source() -> None:
    assert code("Somebody condemned Russia.") == []


def test_a_default_code_needs_a_target_but_a_pattern_does_not() -> None:
    assert code("Moscow rejected it.") == []
    assert dyads(code("Moscow rejected Ukraine.")) == [("RUSGOV", "UKR", "120")]
    [event] = code("Moscow rejected the proposal.")
    assert dyads([event]) == [("RUSGOV", None, "125")]
    assert event.rule == "ours.P04"


def test_a_verb_of_consulting_consults_its_object_or_partner_only() -> None:
    # "think" is in CAMEO's CONSIDER block (014 by ours.B01, 040 in CAMEO.2.0): its clause holds
    # an opinion, not a partner
    text = "“I think NATO is wrong about Ukraine,” Grushko said."
    doc = parse(text)
    said = quote(doc, "I think NATO is wrong about Ukraine,", "Grushko", "A6")
    events = RuleCoder().code(doc, findings(doc, NAMES), quotes=[said], published=PUBLISHED)
    assert dyads(events) == [("RUSGOV", None, "010")]
    assert dyads(code("Moscow will consider the proposal of NATO.")) == [
        ("RUSGOV", "IGOWSTNAT", "014")
    ]


def test_a_phrase_of_time_is_no_pattern_s_word() -> None:
    # "* (on)" is CAMEO's "call on" (020): "on Monday" is when, not on whom
    assert [e.cameo for e in code("Moscow called NATO a liar on Monday.")] == ["111"]
    assert dyads(code("Moscow called on NATO on Monday to stop the exercise.")) == [
        ("RUSGOV", "IGOWSTNAT", "020")
    ]


def test_a_quote_is_a_statement_of_its_speaker() -> None:
    text = "“The situation is calm,” Grushko told reporters."
    doc = parse(text)
    said = quote(doc, "The situation is calm,", "Grushko", "A6")
    events = RuleCoder().code(doc, findings(doc, NAMES), quotes=[said], published=PUBLISHED)
    [statement] = events
    assert dyads(events) == [("RUSGOV", None, "010")]
    assert statement.plover is None and statement.quote == "Q1"
    assert statement.evidence.text == "The situation is calm,"


@pytest.mark.parametrize(
    ("text", "expected", "evidence"),
    [
        # what the cue reports is its object: the speech act is the verb's own, with no target
        ("Grushko criticized the plan.", "111", "Grushko criticized the plan"),
        (
            "Grushko denounced the decision on Monday.",
            "111",
            "Grushko denounced the decision on Monday",
        ),
        # a verb of saying stays a statement of what it reports
        ("Grushko announced the talks.", "010", "the talks"),
    ],
)
def test_a_cue_verb_whose_object_is_what_it_reports_is_its_own_speech_act(
    text: str, expected: str, evidence: str
) -> None:
    from detente.quotes import attribute_quotes

    doc = parse(text)
    quotes = attribute_quotes(doc).quotes
    [event] = RuleCoder().code(doc, findings(doc, NAMES), quotes=quotes, published=PUBLISHED)
    assert (dyads([event]), event.evidence.text) == ([("RUSGOV", None, expected)], evidence)


def test_in_a_quote_we_is_the_speaker_and_others_keep_their_own_roles() -> None:
    text = "“We condemned Ukraine, and NATO accused Russia,” Grushko said."
    doc = parse(text)
    said = quote(doc, "We condemned Ukraine, and NATO accused Russia,", "Grushko", "A6")
    events = RuleCoder().code(doc, findings(doc, NAMES), quotes=[said], published=PUBLISHED)
    pairs = {(s, t) for s, t, _ in dyads(events)}
    assert ("RUSGOV", "UKR") in pairs and ("IGOWSTNAT", "RUS") in pairs
    assert all(e.quote == "Q1" for e in events)


def test_a_quote_reporting_another_actors_hostile_act_is_an_accusation() -> None:
    text = "According to Grushko, NATO is attacking Ukraine."
    doc = parse(text)
    said = quote(doc, "NATO is attacking Ukraine.", "Grushko", "A6")
    events = RuleCoder().code(doc, findings(doc, NAMES), quotes=[said], published=PUBLISHED)
    accusation = [e for e in events if e.rule == "T01"]
    assert dyads(accusation) == [("RUSGOV", "IGOWSTNAT", "112")]


def test_coding_is_deterministic() -> None:
    text = "NATO accused Russia. Russia and NATO restored ties. Moscow condemned Ukraine."
    first = [e.to_dict() for e in code(text)]
    assert first == [e.to_dict() for e in code(text)]
    assert [e["id"] for e in first] == [f"E{n}" for n in range(1, len(first) + 1)]


def test_an_actor_is_never_its_own_target() -> None:
    for text in ("Carter discussed the budget.", "Carter met in Brussels on Tuesday."):
        doc = parse(text)
        events = RuleCoder().code(doc, findings(doc, {"Carter": "USAGOVMIL"}))
        assert events == [], text


def test_one_person_found_twice_is_no_dyad() -> None:
    doc = parse("President Obama and the Obama administration met in Washington.")
    found = findings(doc, {"President Obama": "USAGOV", "the Obama administration": "USAGOV"})
    assert RuleCoder().code(doc, found) == []


def test_people_who_share_a_code_are_no_dyad() -> None:
    names = {"Warren": "USALEG", "Sanders": "USALEG"}
    for text in ("Warren and Sanders met in Boston.", "Warren criticized Sanders on Monday."):
        doc = parse(text)
        assert RuleCoder().code(doc, findings(doc, names)) == [], text


def test_senators_meet_among_themselves_a_senator_does_not() -> None:
    doc = parse("The senators met in Washington on Tuesday.")
    [meeting] = RuleCoder().code(doc, findings(doc, {"senators": "USALEG"}))
    assert dyads([meeting]) == [("USALEG", "USALEG", "040")]
    doc = parse("The senator met in Washington on Tuesday.")
    assert RuleCoder().code(doc, findings(doc, {"senator": "USALEG"})) == []
    # the event noun's plural is not its participants'
    doc = parse("The negotiations with Iran resumed.")
    assert dyads(RuleCoder().code(doc, findings(doc, {"Iran": "IRN"}))) == [("IRN", None, "040")]
    doc = parse("The meeting of NATO ministers resumed.")
    assert dyads(RuleCoder().code(doc, findings(doc, NAMES))) == [("IGOWSTNAT", "IGOWSTNAT", "040")]


def test_two_speakers_say_it_each_not_to_each_other() -> None:
    doc = parse("Russia and Ukraine said the talks would resume.")
    events = RuleCoder().code(doc, findings(doc, NAMES))
    assert sorted(dyads(events), key=str) == [("RUS", None, "010"), ("UKR", None, "010")]


def test_a_consult_word_that_names_no_meeting_is_not_among_members() -> None:
    # CAMEO.2.0 codes "ponder" 040 (its CONSIDER block; 014 by ours.B01), which names no meeting
    doc = parse("The senators pondered the matter on Tuesday.")
    assert RuleCoder().code(doc, findings(doc, {"senators": "USALEG"})) == []
    doc = parse("The senators met on Tuesday.")
    events = RuleCoder().code(doc, findings(doc, {"senators": "USALEG"}))
    assert dyads(events) == [("USALEG", "USALEG", "040")]


def test_weighing_an_option_is_a_statement_not_a_consultation() -> None:
    doc = parse("Japan considered a visit to China.")
    [event] = RuleCoder().code(doc, findings(doc, {"Japan": "JPN", "China": "CHN"}))
    assert (dyads([event]), event.rule, event.plover) == ([("JPN", "CHN", "014")], "ours.B01", None)
    # every verb of the block: thinking, mulling or reconsidering names no meeting either
    for text in ("Japan reconsidered its visit to China.", "Japan mulled a visit to China."):
        doc = parse(text)
        [event] = RuleCoder().code(doc, findings(doc, {"Japan": "JPN", "China": "CHN"}))
        assert (dyads([event]), event.rule) == ([("JPN", "CHN", "014")], "ours.B01")
    # the CAMEO block's own patterns still apply
    doc = parse("Japan is considering sanctions against North Korea.")
    events = RuleCoder().code(doc, findings(doc, {"Japan": "JPN", "North Korea": "PRK"}))
    assert dyads(events) == [("JPN", "PRK", "1312")]


def test_a_single_actor_meeting_is_among_its_members() -> None:
    [event] = code("The NATO foreign ministers met in Brussels on Tuesday.")
    assert dyads([event]) == [("IGOWSTNAT", "IGOWSTNAT", "040")]
    assert (event.date, event.date_text) == ("2014-12-02", "Tuesday")
    assert event.location is not None and event.location.name == "Brussels"


def test_people_of_no_country_do_not_meet_among_themselves() -> None:
    # "the two leaders" are Yeltsin and Hashimoto, not leaders of no one meeting each other
    doc = parse(
        "Russian President Boris Yeltsin on Saturday hosted Japanese Prime Minister Ryutaro "
        "Hashimoto for an informal meeting aimed at close relations between the two leaders."
    )
    names = {"Boris Yeltsin": "RUSGOV", "Ryutaro Hashimoto": "JPNGOV", "leaders": "---GOV"}
    for coder in (RuleCoder(), LearnedCoder()):
        events = coder.code(doc, findings(doc, names))
        assert {("RUSGOV", "JPNGOV"), ("JPNGOV", "RUSGOV")} <= {(s, t) for s, t, _ in dyads(events)}
        assert ("---GOV", "---GOV") not in {(s, t) for s, t, _ in dyads(events)}
    doc = parse("The leaders met in Washington on Tuesday.")
    assert RuleCoder().code(doc, findings(doc, {"leaders": "---GOV"})) == []


def test_an_actor_with_several_codes_acts_as_each() -> None:
    doc = parse("The Shire condemned Russia.")
    shire = findings(doc, {"The Shire": "FRO/BIL/SAM", "Russia": "RUS"})
    events = RuleCoder().code(doc, shire, published=PUBLISHED)
    assert sorted(dyads(events)) == [
        ("BIL", "RUS", "111"),
        ("FRO", "RUS", "111"),
        ("SAM", "RUS", "111"),
    ]
    assert {e.source.actor for e in events if e.source} == {"A1"}


def _coded_with_actors(text: str) -> list[Event]:
    """Events of `text` with the actors stage's findings (its pronoun mentions included)."""
    from detente.actors import code_actors, load_actor_dictionary

    doc = parse(text)
    found = code_actors(doc, load_actor_dictionary(), published=PUBLISHED)
    return RuleCoder().code(doc, found, published=PUBLISHED)


@pytest.mark.parametrize(
    ("text", "cameo", "expected"),
    [
        (
            # the source's words are its name where its sentence has one, not the pronoun
            "Ethiopia indicated it would send more troops to Somalia.",
            "06",
            [("ETH", "Ethiopia", "SOM")],
        ),
        (
            "Russia warned NATO on Tuesday. It accused the alliance of expanding eastward.",
            "11",
            [("RUS", "It", "IGOWSTNAT")],
        ),
        (
            "Iran and Iraq signed an agreement on Monday. They will cooperate with Turkey on "
            "border security.",
            "050",
            [("IRN", "They", "TUR"), ("IRQ", "They", "TUR")],
        ),
    ],
)
def test_a_pronoun_acts_for_the_actor_the_actors_stage_resolved_it_to(
    text: str, cameo: str, expected: list[tuple[str, str, str]]
) -> None:
    found = [
        (e.source.code, e.source.text, e.target.code if e.target else None)
        for e in _coded_with_actors(text)
        if e.cameo.startswith(cameo) and e.source is not None
    ]
    assert found == expected


def test_an_unresolved_pronoun_is_no_actor() -> None:
    # "it" of "it is likely that" stands for nobody, and no earlier event lends it a source
    events = _coded_with_actors(
        "Kenya expelled two Somali diplomats. It is likely that talks will be postponed."
    )
    assert all(e.source is None or e.source.text != "It" for e in events)


def test_a_blow_is_not_returned_by_its_object() -> None:
    events = code("Moscow's missiles hit Ukraine overnight.")
    assert dyads(events) == [("RUSGOV", "UKR", "193")]
    exchange = code("Moscow's troops clashed with Ukraine overnight.")
    assert sorted(dyads(exchange)) == [("RUSGOV", "UKR", "190"), ("UKR", "RUSGOV", "190")]


def test_where_a_source_s_own_envoy_comes_from_is_the_target() -> None:
    [event] = code("Ukraine recalled its ambassador from Moscow.")
    assert dyads([event]) == [("UKR", "RUSGOV", "161")]


@pytest.mark.parametrize(
    "text",
    [
        "Ukraine summoned Russia's ambassador over the strikes.",
        "Ukraine's foreign ministry summoned a senior Russian diplomat on Friday.",
        "Kyiv summoned the Russian envoy to protest.",
    ],
)
def test_summoning_another_state_s_envoy_is_a_protest(text: str) -> None:
    events = [e for e in _coded_with_actors(text) if e.rule == "ours.P25"]
    assert [(e.cameo, e.target.code if e.target else None) for e in events] == [("111", "RUSGOV")]
    assert events[0].plover is not None and events[0].plover.type == "ACCUSE"


@pytest.mark.parametrize(
    ("text", "rule", "target"),
    [
        ("Russia vetoed Britain's proposal on Syria.", "ours.V26", "GBR"),
        ("The Russian delegation vetoed Britain's proposal.", "ours.V26", "GBR"),
        ("President Barack Obama vetoed a bill passed by Congress.", "ours.V26", "USALEG"),
        # CAMEO.2.0's own pattern codes a vetoed resolution 129 already
        ("Russia vetoed a UN draft resolution presented by Britain.", "cameo.P4224", "IGOUNO"),
    ],
)
def test_a_veto_is_a_rejection(text: str, rule: str, target: str) -> None:
    # CAMEO.2.0 files the verb "veto" as an administrative sanction (172); CAMEO's code for a
    # veto is 129
    events = _coded_with_actors(text)
    assert [(e.cameo, e.rule, e.target.code if e.target else None) for e in events] == [
        ("129", rule, target)
    ]
    assert events[0].plover is not None and events[0].plover.type == "REJECT"


def test_a_veto_as_a_noun_is_no_rejection_by_this_entry() -> None:
    events = _coded_with_actors("Russia used its veto power to shield Syria.")
    assert not [e for e in events if e.rule == "ours.V26"]


def test_a_summons_of_anyone_else_stays_a_meeting() -> None:
    events = _coded_with_actors("Russia summoned Ukraine to talks in Minsk.")
    assert [(e.cameo, e.rule) for e in events] == [("040", "cameo.V1508")]
