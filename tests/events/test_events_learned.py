"""The learned event coder (model:events-1): its file, its training, its decisions on real text."""

from __future__ import annotations

import json
import runpy
from typing import Any

import numpy as np
import pytest
from events_util import parse

from detente.errors import SettingsError
from detente.events import LearnedCoder, RuleCoder, selected_coder
from detente.events.evaluate import PloverGold, PloverReport, f1_score, plover_report
from detente.events.model import (
    MODEL_FILE,
    RULE,
    STATEMENT,
    canonical_code,
    class_of_label,
    decision_text,
    event_model,
    label_of_code,
    parse_features,
    rule_votes,
)
from detente.events.parse import asides, condition_starts
from detente.events.tables import announced, event_tables, pentaclass, quad_class, refused
from detente.records import Event, EventActor, Span
from shared_data import REPO, SHARED

PLOVER_TYPES = (
    *("ACCUSE", "AGREE", "AID", "ASSAULT", "COERCE", "CONCEDE", "CONSULT", "COOPERATE"),
    *("MOBILIZE", "PROTEST", "REJECT", "REQUEST", "RETREAT", "SANCTION", "SUPPORT", "THREATEN"),
)


@pytest.fixture(scope="module")
def trainer() -> dict[str, Any]:
    sklearn = pytest.importorskip("sklearn")
    assert sklearn  # the training script needs scikit-learn (test extras)
    return runpy.run_path(str(REPO / "scripts" / "train_events.py"))


def _learned(text: str) -> tuple[list[Event], LearnedCoder]:
    """The learned coder's events after the quotes and actors stages, as the pipeline runs them."""
    from detente.actors import code_actors, load_actor_dictionary
    from detente.quotes import attribute_quotes

    doc = parse(text)
    found = attribute_quotes(doc)
    actors = code_actors(doc, load_actor_dictionary(), speakers=found.speakers)
    coder = LearnedCoder()
    return coder.code(doc, actors, quotes=found.quotes), coder


def test_each_label_has_a_cameo_code_of_its_plover_type_and_class() -> None:
    tables = event_tables()
    for label in PLOVER_TYPES:
        code = canonical_code(label)
        plover = tables.plover_of(code)
        assert plover is not None and plover.type == label and label_of_code(code) == label
    assert class_of_label(STATEMENT) == "0" and class_of_label("ASSAULT") == "4"
    assert class_of_label("AGREE") == "1" and class_of_label("AID") == "2"
    assert class_of_label("REJECT") == "3" and class_of_label("NONE") == "NONE"
    # ConfliBERT's grouping, which its class labels follow: appeals are statements, reducing
    # relations is verbal conflict (QuadClass keeps 16 as material conflict)
    assert class_of_label("APPEAL") == "0" and class_of_label("SANCTION") == "3"
    assert (pentaclass("1621"), quad_class("1621")) == (3, 4)
    assert (pentaclass("0231"), quad_class("0231")) == (0, 1)
    assert pentaclass("190") == quad_class("190") == 4
    # the root with most ACCUSE codes (11x), not investigate (09x, material cooperation)
    assert canonical_code("ACCUSE") == "110"


@pytest.mark.model
def test_parse_features_name_the_main_predicate_and_its_dependents() -> None:
    doc = parse("Japan lifted travel curbs on North Korea.")
    assert parse_features(doc.sents) == [
        "noun=curb", "noun=travel", "root=lift", "root_dobj=lift_curb",
        "root_pobj=lift_on_korea", "root_prep=lift_on", "verb=lift",
    ]  # fmt: skip
    # a reported copula is paired with its complement too: "said it was willing" is not
    # "said it was over"
    doc = parse("Iran said it was willing to resume talks.")
    assert [f for f in parse_features(doc.sents) if f.startswith("root_ccomp")] == [
        "root_ccomp=say_be", "root_ccomp=say_willing",
    ]  # fmt: skip
    # the predicate of what was said, with its negation and object: the act reported
    doc = parse("Russia said it would not attend the talks in Geneva.")
    assert [f for f in parse_features(doc.sents) if f.startswith("ccomp")] == [
        "ccomp=attend", "ccomp_dobj=attend_talk", "ccomp_neg=attend_not",
    ]  # fmt: skip
    # a predicate with an object predicate is one of its own: naming, not calling for
    doc = parse("Officials in Washington called the move regrettable.")
    assert [f for f in parse_features(doc.sents) if "call" in f] == [
        "root=call_as", "root_dobj=call_as_move", "verb=call_as",
    ]  # fmt: skip
    doc = parse("Egypt called for an immediate ceasefire.")
    assert {"root=call", "verb=call"} <= set(parse_features(doc.sents))


@pytest.mark.model
def test_parse_features_mark_the_words_of_a_negated_clause() -> None:
    def words(text: str) -> list[str]:
        return [f for f in parse_features(parse(text).sents) if f.startswith(("verb", "noun"))]

    # what is denied is not done: the verb and the things of its clause are marked
    assert words("NATO is not willing to enter into a partnership with Russia.") == [
        "noun_not=partnership", "verb_not=enter",
    ]  # fmt: skip
    assert words("NATO entered into a partnership with Russia.") == [
        "noun=partnership", "verb=enter",
    ]  # fmt: skip
    assert words("Russia has no desire for a new war.") == [
        "noun_not=desire", "noun_not=war", "verb_not=have",
    ]  # fmt: skip
    # the report of a denial is not denied: only the reported clause is
    assert words("The rebels did not attack the town, officials said.") == [
        "noun=official", "noun_not=rebel", "noun_not=town", "verb=say", "verb_not=attack",
    ]  # fmt: skip


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "scored"),
    [
        ("Wales beat Hungary 2-0 on Tuesday.", True),
        ("Turkey lost to Serbia 81 - 75 in Istanbul.", True),
        ("Japan won the match against Scotland 28–21.", True),
        ("Spending rose in 2015-16 and again in 2018-2019.", False),
        ("The G-20 leaders met in Osaka.", False),
        ("Call 555-1234 for details.", False),
    ],
)
def test_parse_features_mark_a_game_score(text: str, scored: bool) -> None:
    # sports results use the verbs of violence ("beat", "crushed"); a score tells them apart
    assert ("scoreline" in parse_features(parse(text).sents)) is scored


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "marks"),
    [
        (
            "Cypriot President Glafcos Clerides said that Turkey should remove its soldiers.",
            ["named"],
        ),
        ("Pakistan has to dismantle the camps, Indian Home Minister L.K. Advani said.", ["named"]),
        ("Kuwait said Iraq had to account for the missing.", ["named"]),
        ("According to the envoy, Milosevic ought to pull his police out of Kosovo.", ["named"]),
        ("Mubarak said the US must be ready to mediate.", ["named"]),  # "US" is not "us"
        ("Washington said the junta must not harass her.", ["other"]),
        ("“We must rebuild our economy first,” the prime minister said.", ["self"]),
        # a perfect looks back: regret or inference, no demand
        ("He said Jakarta should have moved sooner.", []),
        ("Belgium ought to have protected Rwandans in 1994, the prime minister said.", []),
        ("Iran has had to cut its oil exports.", []),
        ("Iran has two weeks to respond.", []),
    ],
)
def test_parse_features_mark_an_obligation_and_whose_it_is(text: str, marks: list[str]) -> None:
    features = parse_features(parse(text).sents)
    assert [f.removeprefix("obliged=") for f in features if f.startswith("obliged=")] == marks


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "marks"),
    [
        ("A reporter asked the senator whether she would run again.", ["question"]),
        ("Lawmakers asked the defence secretary how many troops remained there.", ["question"]),
        ("The moderator asked both candidates about their tax plans.", ["question"]),
        ("She wondered aloud if the plan would work.", ["question"]),
        ("“Why now?” the senator asked.", ["question"]),
        ("Turkey asked Greece to reopen the border crossing.", ["act"]),
        ("Iraq asked Washington not to send more troops.", ["act"]),
        ("Kenya asked the IMF for a loan.", ["act"]),
        ("The UN asked that observers be allowed into the camps.", ["act"]),
        ("Officials said Seoul had asked Tokyo to return the documents.", ["act"]),
        # not a verb of asking, or one that says neither
        ("The minister told reporters whether the talks would resume was unclear.", []),
        ("A reporter asked the senator.", []),
    ],
)
def test_parse_features_mark_what_is_asked(text: str, marks: list[str]) -> None:
    features = parse_features(parse(text).sents)
    assert [f.removeprefix("asking=") for f in features if f.startswith("asking=")] == marks


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "sides"),
    [
        (
            "A reporter asked Chinese Foreign Minister Wang Yi on Monday whether Beijing would "
            "send troops to the border.",
            [],
        ),
        # at most a statement of the press's
        (
            "Journalists asked Iraqi Prime Minister Nouri al-Maliki about the car bombings.",
            [("010", "IRQMED", "IRQGOV")],
        ),
        (
            "Asked about the ceasefire, Sudan's army spokesman said it was holding.",
            [("010", "SDN", None)],
        ),
        (
            "Lebanon asked Israel to withdraw its troops from the border villages.",
            [("100", "LBN", "ISR")],
        ),
        (
            "Kenya's finance minister asked the World Bank for a loan to rebuild the railway.",
            [("100", "KENGOV", "IGOUNODEVWBK")],
        ),
    ],
)
def test_a_question_asked_is_no_request_asking_another_to_act_is(
    text: str, sides: list[tuple[str, str | None, str | None]]
) -> None:
    # the CAMEO dictionary codes every "ask" an appeal (020), which the model reads with what
    # is asked: a question of a leader is no request of the reporter's
    assert _sides(_learned(text)[0]) == sides


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "sides"),
    [
        (
            "“Russia must withdraw its troops from Ukraine immediately,” German Chancellor "
            "Olaf Scholz said.",
            [("100", "DEUGOV", "RUS")],
        ),
        (
            "US Secretary of State Antony Blinken said China must stop its military drills "
            "around Taiwan.",
            [("100", "USAGOV", "CHN")],
        ),
        (
            "“Pakistan should hand over the attackers to India,” Indian Foreign Minister "
            "Subrahmanyam Jaishankar told reporters.",
            [("100", "INDGOV", "PAK")],
        ),
        # a duty of one's own, or a regret, asks nothing of another
        (
            "“We must strengthen our own defences,” Polish Defence Minister Mariusz "
            "Blaszczak said.",
            [("010", "POLGOV", None)],
        ),
        (
            "“Hungary should have acted sooner,” the Hungarian prime minister said.",
            [("010", "HUNGOV", None)],
        ),
    ],
)
def test_what_a_speaker_says_another_must_do_is_the_speaker_s_demand(
    text: str, sides: list[tuple[str, str | None, str | None]]
) -> None:
    # not the act demanded ("Russia must withdraw" is no withdrawal of Russia's)
    assert _sides(_learned(text)[0]) == sides


@pytest.mark.model
def test_the_model_reads_a_sentence_without_its_clauses_of_time_or_reason() -> None:
    doc = parse("ECOWAS suspended Guinea from its bodies after soldiers seized power in Conakry.")
    assert decision_text(doc.sents) == "ECOWAS suspended Guinea from its bodies ."
    assert "verb=seize" not in parse_features(doc.sents)
    # a purpose is part of the act
    doc = parse("Young Algerians blocked roads on Sunday to press their demands.")
    assert decision_text(doc.sents) == doc.text
    # nor a reported act's clause of time, nor a reason given with "given"
    doc = parse("Greece said it would put its forces on alert after a Turkish ship sailed in.")
    assert decision_text(doc.sents) == "Greece said it would put its forces on alert ."
    doc = parse("Japan rejected the proposal, given that China had refused to talk.")
    assert decision_text(doc.sents) == "Japan rejected the proposal, ."
    assert "verb=refuse" not in parse_features(doc.sents)
    doc = parse("Given the lack of progress, Hanoi saw no point in more talks with Beijing.")
    assert decision_text(doc.sents) == ", Hanoi saw no point in more talks with Beijing."
    assert "noun=progress" not in parse_features(doc.sents)
    # "given" the verb is what was done
    doc = parse("The army was given orders to shell the town.")
    assert decision_text(doc.sents) == doc.text


@pytest.mark.model
def test_a_rule_event_in_a_condition_votes_as_asked_not_as_the_sentence_s_act() -> None:
    from detente.actors import code_actors, load_actor_dictionary

    text = "If Pristina withdrew its special police, Serbia would reopen its border with Kosovo."
    doc = parse(text)
    events = RuleCoder().code(doc, code_actors(doc, load_actor_dictionary()))
    (sentence,) = doc.sents
    asked = condition_starts(sentence)
    assert [(e.cameo, e.evidence.start in asked) for e in events] == [("080", True), ("050", False)]
    # the withdrawal asked of Pristina is no act of the sentence: it votes its class as asked,
    # not its type, and is not the main event, which it was before conditions were told apart
    assert rule_votes(events, asked) == [
        "asked_class:2",
        "class:1",
        "main:1",
        "root:05",
        "type:SUPPORT",
    ]
    assert rule_votes(events) == [
        "class:1",
        "class:2",
        "main:2",
        "root:05",
        "root:08",
        "type:CONCEDE",
        "type:SUPPORT",
    ]
    assert rule_votes(events[:1], asked) == ["asked_class:2", "rule:none"]
    assert rule_votes([]) == ["rule:none"]


@pytest.mark.model
def test_a_bracketed_clause_is_an_aside_read_on_its_own() -> None:
    text = (
        "EU ministers urged Iran to withdraw its forces from Syria (Iran denies having troops"
        " there) and to free the detained sailors."
    )
    doc = parse(text)
    assert [a.text for a in asides(doc[:])] == ["Iran denies having troops there"]
    # the request is the sentence's, the denial the aside's: the decision that the sentence is
    # a request does not veto the denial, which is decided on its own words
    events, coder = _learned(text)
    assert _sides(events) == [("100", "IGOEUREEC", "IRN"), ("010", "IRN", None)]
    assert [coder.decisions[e.id].label for e in events] == ["REQUEST", "STATEMENT"]
    assert coder.decisions[events[1].id].drivers != coder.decisions[events[0].id].drivers
    # a bracketed phrase without a clause of its own is the sentence's, and so is a bracket
    # holding its main verb
    for text in (
        "The European Union (EU) urged Iran to withdraw its forces.",
        "The threats they voiced (such as the deployment of rapid response forces) are illusory.",
        "(Iran denies having troops in Syria.)",
    ):
        assert asides(parse(text)[:]) == [], text


def test_model_file_is_plain_arrays() -> None:
    with np.load(MODEL_FILE, allow_pickle=False) as archive:
        assert all(archive[name].dtype != object for name in archive.files)
    model = event_model()
    assert model is event_model()  # read once per process
    assert set(model.type_labels) == {"NONE", "STATEMENT", "APPEAL", *PLOVER_TYPES}
    assert model.class_labels == ("0", "1", "2", "3", "4", "NONE")
    assert model.type_coef.shape == (len(model.type_labels), model.width)


def test_no_evaluation_sentence_is_trained_on(trainer: dict[str, Any]) -> None:
    """The sets written for evaluation (`eval/events/`) stay apart from every written training
    set: a sentence held out of a batch ("demands.json") is not also in the batch."""
    training = {text for text, _ in trainer["read_plover"](trainer["WRITTEN"])}
    training |= {
        record["text"] for record in json.loads(trainer["STATEMENTS"].read_text(encoding="utf-8"))
    }
    training |= set(trainer["NEGATIVES"].read_text(encoding="utf-8").splitlines())
    held_out = sorted((REPO / "eval" / "events").glob("*.json"))
    assert {path.name for path in held_out} >= {"demands.json", "conditional_offers.json"}
    for path in held_out:
        texts = {record["text"] for record in json.loads(path.read_text(encoding="utf-8"))}
        assert texts and not texts & training, path.name


def test_features_match_scikit_learn(trainer: dict[str, Any]) -> None:
    """The runtime's numpy TF-IDF is scikit-learn's, vote columns included."""
    texts = [
        "Russia and NATO held talks in Brussels.",
        "NATO troops attacked the town; Russia condemned the attack on the town.",
        "Talks in Brussels failed, and troops attacked.",
    ]
    votes = [("root:04",), ("root:18", "type:ASSAULT"), ("rule:none",)]
    parses = [("root=hold", "verb=hold"), ("root=attack",), ("root=fail", "verb=attack")]
    rows = [
        trainer["Row"](text, "conflibert", "1", "CONSULT", vote, parse, True)
        for text, vote, parse in zip(texts, votes, parses, strict=True)
    ]
    rows.append(
        trainer["Row"](texts[0], "conflibert", "4", "ASSAULT", ("root:18",), ("root=hold",), True)
    )
    from sklearn.feature_extraction.text import TfidfVectorizer

    expected = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
    matrix = expected.fit_transform([row.text for row in rows]).toarray()
    model = trainer["as_model"](trainer["fit"](rows))
    for index, row in enumerate(rows):
        got = model.features(row.text, row.votes, row.parses)
        dense = np.zeros(model.width)
        dense[list(got)] = list(got.values())
        assert np.allclose(dense[: matrix.shape[1]], matrix[index])
        beyond = {model.names[i]: got[i] for i in got if i >= matrix.shape[1]}
        assert beyond == {f"vote {v}": 1.0 for v in row.votes} | dict.fromkeys(
            row.parses, model.parse_weight
        )


@pytest.mark.model
def test_a_coder_decides_with_the_model_it_is_given(trainer: dict[str, Any]) -> None:
    """What the training script's `--coder-cv` does with each fold's model."""
    attack = "Russian troops attacked Georgian positions near the border on Sunday."
    talks = "Russia and Georgia held talks in Geneva on Sunday."
    said = "Russia said on Sunday that the border was calm."
    labelled = [(attack, "4", "ASSAULT"), (talks, "1", "CONSULT"), (said, "0", "STATEMENT")]
    rows = [
        trainer["Row"](text, "conflibert", cls, label, (), (), True)
        for text, cls, label in labelled * 2
    ]
    model = trainer["as_model"](trainer["fit"](rows))
    coder = LearnedCoder(model=model)
    assert coder.model is model and model.type_labels == ("ASSAULT", "CONSULT", "STATEMENT")
    gold = [
        (attack, PloverGold("ASSAULT", frozenset({"RUS"}), frozenset({"GEO"}))),
        (talks, PloverGold("CONSULT", frozenset({"RUS", "GEO"}))),
    ]
    report = plover_report(gold[:1], coder)
    plover_report(gold[1:], coder, report=report)
    assert report.sentences == 2
    assert report.overall()["recall"] == 1.0


def test_coder_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DETENTE_EVENT_CODER", raising=False)
    assert isinstance(selected_coder(), LearnedCoder)
    monkeypatch.setenv("DETENTE_EVENT_CODER", "rule")
    assert isinstance(selected_coder(), RuleCoder)
    monkeypatch.setenv("DETENTE_EVENT_CODER", "neural")
    with pytest.raises(SettingsError) as raised:
        selected_coder()
    assert raised.value.code == "E012"


def _typed(cameo: str, source: str | None = "RUS", target: str | None = None) -> Event:
    def side(code: str | None) -> EventActor | None:
        return EventActor("A1", code, code, code) if code else None

    return Event(
        id="E1", source=side(source), target=side(target), **event_tables().typed(cameo),
        evidence=Span(0, 0, ""), sentence=0, rule="t", confidence=1.0,
    )  # fmt: skip


def test_plover_report_counts_types_triples_and_confusions() -> None:
    report = PloverReport()
    gold = PloverGold("ASSAULT", frozenset({"RUS"}), frozenset({"UKR"}))
    # right type, right countries (a sector code is its country's); right type, wrong target
    report.add(gold, [_typed("190", "RUSMIL", "UKR"), _typed("112", "RUS", "UKR")])
    report.add(PloverGold("AGREE", frozenset({"HUN", "ROU"})), [])  # two gold sources
    report.add(PloverGold("REJECT", frozenset({"IRN"})), [_typed("120", "IRN"), _typed("010")])
    assert report.overall() == {
        "precision": round(2 / 3, 4), "recall": round(2 / 3, 4), "f1": round(2 / 3, 4),
        "gold": 3, "coded": 3,
        "triple_precision": round(2 / 3, 4), "triple_recall": 0.5,
        "triple_f1": round(f1_score(2 / 3, 0.5), 4),
    }  # fmt: skip
    # a compound source without a target: each source alone, or acting on the other
    assert PloverGold("AGREE", frozenset({"HUN", "ROU"})).triples() == {
        "HUN": {("AGREE", "HUN", "---"), ("AGREE", "HUN", "ROU")},
        "ROU": {("AGREE", "ROU", "---"), ("AGREE", "ROU", "HUN")},
    }
    rows = {row["type"]: row for row in report.to_dict()["per_type"]}
    assert rows["ACCUSE"] == {
        "type": "ACCUSE", "gold": 0, "predicted": 1, "precision": 0.0, "recall": 0.0, "f1": 0.0,
    }  # fmt: skip
    assert report.to_dict()["confusions"] == [
        {"gold": "AGREE", "predicted": "none", "count": 1},
        {"gold": "ASSAULT", "predicted": "ACCUSE", "count": 1},
    ]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Russian troops attacked Ukrainian positions near Donetsk on Monday.", "ASSAULT"),
        ("Russian forces shelled Ukrainian villages overnight.", "ASSAULT"),
        ("Iran rejected the United Nations' demand to halt uranium enrichment.", "REJECT"),
        ("China accused the United States of meddling in its internal affairs.", "ACCUSE"),
        ("The foreign ministers of France and Germany met in Berlin on Tuesday.", "CONSULT"),
        ("Kenya expelled two Somali diplomats on Monday.", "SANCTION"),
        ("Australia suspended military cooperation with Fiji after the coup.", "SANCTION"),
    ],
)
def test_paraphrases_get_their_type(text: str, label: str) -> None:
    events, coder = _learned(text)
    assert events and {e.plover.type for e in events if e.plover} == {label}
    for event in events:
        assert event.rule == RULE == "model:events-1"
        decision = coder.decisions[event.id]
        assert event.confidence == round(decision.probability_of(label), 4) >= LearnedCoder.KEEP
        assert decision.drivers and all(weight > 0 for _, weight in decision.drivers)


def _sides(events: list[Event]) -> list[tuple[str, str | None, str | None]]:
    return [
        (e.cameo, e.source.code if e.source else None, e.target.code if e.target else None)
        for e in events
    ]


@pytest.mark.model
def test_an_event_without_a_rule_target_takes_one_from_its_sentence() -> None:
    # the rules find no object actor; the model types the sentence, Somalia is in it
    text = "The Kenyan government expelled two diplomats on Monday, citing a dispute with Somalia."
    assert _sides(_learned(text)[0]) == [("161", "KENGOV", "SOM")]
    # a statement's target is named in what was said, not elsewhere in the sentence
    said = "Chinese officials said they hoped for better relations with Japan."
    assert _sides(_learned(said)[0]) == [("010", "CHNGOV", "JPN")]
    aside = "Chinese officials, who met Japan's prime minister, said they hoped for peace."
    assert _sides(_learned(aside)[0]) == [("010", "CHNGOV", None)]


@pytest.mark.model
def test_a_quote_is_one_statement_though_its_first_clause_reads_as_hypothetical() -> None:
    # the rules code the first clause ("may be seeing": hypothetical) and the whole quote: one
    # statement at one place, the unflagged one (a flagged event leaves the GDELT export)
    text = (
        "“We finally may be seeing some wage acceleration, and if it sticks, that would be a very "
        "big story,” said the American economist Jared Bernstein."
    )
    [said] = _learned(text)[0]
    assert _sides([said]) == [("010", "USAEDU", None)]
    assert said.evidence.text.startswith("We finally may be seeing some wage acceleration, and")
    assert not said.hypothetical


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "sides"),
    [
        # "invited ... to complain" reads CONSULT 0.36 against ACCUSE 0.35 since the conditional
        # offers were trained on (ACCUSE 0.62 before): MODEL_CARD.md
        (
            "Nigeria called in Ghana's ambassador to complain about remarks by Ghanaian officials "
            "questioning Nigeria's role in the peace talks.",
            [("110", "NGA", "GHAGOV")],
        ),
        (
            "Ghana called in Togo's ambassador to complain about remarks by Togolese officials "
            "questioning Ghana's role in the regional force.",
            [("110", "GHA", "TGOGOV")],
        ),
    ],
)
def test_the_decided_type_goes_to_the_main_predicate_not_a_clause_below_it(
    text: str, sides: list[tuple[str, str, str]]
) -> None:
    # the rules code the main verb ("invited", "called in") with a type the model vetoes and
    # the clause below it ("to complain about remarks by ...") with the decided one: the
    # decision is the main predicate's, so its event carries it, with its actors
    events, _ = _learned(text)
    assert _sides(events) == sides
    assert events[0].evidence.text.split()[1] in ("invited", "called")


@pytest.mark.model
def test_a_purpose_clause_that_repeats_the_main_predicate_s_act_is_not_another_event() -> None:
    # the summons is the protest the clause below it tells of: one event, on the main predicate
    events, _ = _learned(
        "Nigeria summoned Ghana's ambassador to complain about remarks by Ghanaian officials "
        "questioning Nigeria's role in the peace talks."
    )
    assert _sides(events) == [("111", "NGA", "GHAGOV")]
    assert events[0].evidence.text == "Nigeria summoned Ghana's ambassador"
    # a conjoined act is another event
    events, _ = _learned("Israel bombed Gaza and killed 20 Palestinians.")
    assert [e.cameo[:2] for e in events] == ["19", "18"]


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "sides"),
    [
        # the speaker of "..., X said" is neither side of the act it reports; the rebels, of no
        # stated country, make it a domestic act (`DecidedRoles.home_target`)
        (
            "Chadian troops attacked a rebel camp near Abeche on Sunday, Sudanese officials said.",
            [("190", "TCDMIL", "TCD")],
        ),
        (
            "Turkish jets bombed Kurdish militant positions in northern Iraq, "
            "Iraqi officials said.",
            [("195", "TUR", "IRQ")],
        ),
        # so is the speaker of verbal cooperation it reports
        (
            "Rwanda is ready to resume talks with Congo, said a spokesman for the Rwandan "
            "president.",
            [("030", "RWA", "COD")],
        ),
        # but a threat is made by saying it: the speaker's, made with the police, a domestic
        # one (`DecidedRoles.home_target`: the opposition names no country)
        (
            "Egypt's interior minister warned that police would no longer tolerate rallies by "
            "the opposition.",
            [("130", "EGYGOV", "EGY")],
        ),
        # who killed them the sentence does not say: not the officials who report it (their
        # statement, the rules' reading, is under the 0.1 it needs beside the decided ASSAULT);
        # an ambush is a means of violence: an unidentified actor's assault, of no country as
        # the parser takes Gao for a person
        (
            "Four Malian soldiers were killed in an ambush near Gao, "
            "French military officials said.",
            [("180", "---UNK", "MLIMIL")],
        ),
        (
            "Two Nigerian soldiers were wounded in a clash near the border, "
            "Cameroonian officials said.",
            [],
        ),
        # "it" of what the speaker announced is the speaker
        (
            "Ethiopia's government announced it would withdraw its troops from Somalia.",
            [("080", "ETHGOV", "SOM")],
        ),
        # wrongdoing said of another actor with no verb of accusing is an accusation, made by
        # saying it: the speaker's, against the actor said to do wrong
        pytest.param(
            "Zambia's foreign minister said Malawi was harbouring the rebels who attacked the "
            "border post last week.",
            [("110", "ZMBGOV", "MWI")],
            marks=pytest.mark.xfail(
                strict=True, reason="a statement since the questions batch (0.46, ACCUSE 0.37)"
            ),
        ),
        # "was funding" alone is a statement since the ninth batch (ACCUSE 0.36): MODEL_CARD.md
        ("Nepal said India was arming the Maoist rebels.", [("110", "NPL", "IND")]),
        (
            "Egypt's foreign ministry said Sudan was letting smugglers move weapons into Libya.",
            [("110", "EGYGOV", "SDN")],
        ),
    ],
)
def test_a_reported_act_is_coded_with_its_own_actors(
    text: str, sides: list[tuple[str, str | None, str | None]]
) -> None:
    assert _sides(_learned(text)[0]) == sides


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "sides", "source"),
    [
        # a means of violence as the subject, or as how a passive act was done, names no doer:
        # an assault by PLOVER's unidentified actor (UNK) of the country where it happened
        (
            "A roadside bomb killed 12 Afghan soldiers in Kandahar on Monday.",
            [("180", "AFGUNK", "AFGMIL")],
            ("unidentified (Afghanistan)", "A roadside bomb", "M01 bomb"),
        ),
        (
            "Five Pakistani policemen were killed in a suicide bombing in Peshawar on Tuesday.",
            [("180", "PAKUNK", "PAKCOP")],
            ("unidentified (Pakistan)", "a suicide bombing", "M01 bombing"),
        ),
        (
            "A car bomb exploded near a NATO convoy in Kabul.",
            [("180", "AFGUNK", "IGOWSTNAT")],
            ("unidentified (Afghanistan)", "A car bomb", "M01 bomb"),
        ),
        # a place the parser does not tag as one, named as a country's actor; the victims'
        # own country ("Iraqi youths") is not where it happened
        (
            "A minefield explosion near the town of Samarra killed two Iraqi youths on Sunday.",
            [("180", "IRQUNK", "IRQ")],
            ("unidentified (Iraq)", "A minefield explosion", "M01 minefield"),
        ),
        # nowhere named: of no country; whence it is reported is not where it happened
        (
            "Two Turkish soldiers were killed by a roadside bomb.",
            [("180", "---UNK", "TURMIL")],
            ("unidentified", "a roadside bomb", "M01 bomb"),
        ),
        (
            "A roadside bomb killed 12 Afghan soldiers, officials in Islamabad said.",
            [("180", "---UNK", "AFGMIL")],
            ("unidentified", "A roadside bomb", "M01 bomb"),
        ),
        (
            "Four Malian soldiers were killed in an ambush, French military officials said.",
            [("180", "---UNK", "MLIMIL")],
            ("unidentified", "an ambush", "M01 ambush"),
        ),
    ],
)
def test_violence_by_a_means_that_names_no_doer_is_an_unidentified_actor_s(
    text: str, sides: list[tuple[str, str | None, str | None]], source: tuple[str, str, str]
) -> None:
    events = _learned(text)[0]
    assert _sides(events) == sides
    event = events[0]
    assert event.source is not None and event.source.actor is None  # no actor of the text
    assert (event.source.name, event.source.text, event.drivers[0].feature) == source
    assert event.rule == "model:events-1" and event.drivers[0].weight == 1.0


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "sides"),
    [
        # the means' own phrase names its doer
        (
            "The missiles fired by the Israeli military struck an arms depot of the Syrian army.",
            [("180", "ISRMIL", "SYRMIL")],
        ),
        (
            "A bomb planted by militants killed 12 Afghan soldiers.",
            [("180", "AFGREB", "AFGMIL")],
        ),
        # disasters and accidents are no means of violence, whatever the verb, nor are the words
        # that also name them; nor does an actor of the sentence stand in for what did it ("a
        # Chinese factory" is no doer)
        ("A landslide killed 30 Nepali villagers on Monday.", []),
        ("A coal mine explosion killed 20 Chinese miners.", []),
        ("A lightning strike killed three Indian farmers.", []),
        ("Flooding killed 40 Bangladeshi villagers.", []),
        ("A fire at a Chinese factory killed 12 workers.", []),
        ("An explosion at a gas plant killed nine Algerian workers.", []),
        # the victim names no coded actor: a country in a clause about him is none
        (
            "In September, a car bomb in Kiev killed a Chechen who had fought on the "
            "Ukrainian side.",
            [],
        ),
    ],
)
def test_violence_by_a_thing_is_its_named_doers_or_none(
    text: str, sides: list[tuple[str, str | None, str | None]]
) -> None:
    assert _sides(_learned(text)[0]) == sides


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "sides"),
    [
        # a person's blow at a person, in words political news strikes them with, is criticism
        (
            "Senator Bernie Sanders attacked Hillary Clinton over her Wall Street speeches.",
            [("111", "USALEG", "USAELI")],
        ),
        ("Donald Trump blasted Hillary Clinton over her emails.", [("111", "USAGOV", "USAELI")]),
        # a party strikes and is struck in words too
        ("Donald Trump attacked Democrats over the shutdown.", [("111", "USAGOV", "USAPTY")]),
        ("Republicans attacked Hillary Clinton over her emails.", [("111", "USAPTY", "USAELI")]),
        (
            "Donald Trump unleashed a harsh attack on Ben Carson last night.",
            [("111", "USAGOV", "USAELI")],
        ),
        # or at no actor: a person of no code, a policy, a record
        (
            "Donald Trump unleashed a harsh attack on Megyn Kelly last night.",
            [("111", "USAGOV", None)],
        ),
        (
            "Gun groups are preparing for Barack Obama's attack on the Second Amendment.",
            [("111", "USAELI", None)],
        ),
        # at a state, a group with arms, or a harm, it stays violence
        ("Vladimir Putin attacked Ukraine.", [("190", "RUSELI", "UKR")]),
        ("Muammar Gaddafi attacked rebels in Misrata.", [("190", "LBYGOV", "LBYREB")]),
        # and so does a blow at a place or a thing only arms strike
        ("Vladimir Putin launched an attack on the town.", [("190", "RUSELI", None)]),
        ("Kim Jong Un fired at the ship.", [("190", "PRKGOV", None)]),
        (
            "President Bashar al-Assad killed Syrian opposition leader Riad Seif.",
            [("190", "SYRELI", "SYROPP")],
        ),
        # a person described, not named, is no politician in a war of words
        (
            "Gunmen and a suicide bomber have carried out apparently coordinated attacks on "
            "Iran's parliament and the tomb of revolutionary founder Ruhollah Khomeini.",
            [("190", "IRNUAF", "IRNLEG"), ("190", "IRNREB", "IRNLEG")],
        ),
    ],
)
def test_a_blow_struck_by_a_person_or_party_at_one_in_words_is_criticism(
    text: str, sides: list[tuple[str, str | None, str | None]]
) -> None:
    events = _learned(text)[0]
    assert _sides(events) == sides
    words = [d.feature for d in events[0].drivers if d.feature.startswith("W01 ")]
    assert words == (["W01 in words 190 → 111"] if sides[0][0] == "111" else [])


@pytest.mark.model
def test_a_statement_the_model_finds_an_act_is_relabelled_when_the_act_is_even_odds() -> None:
    # the rules read a statement ("said"); events-1 decides a concession at 0.65, the statement
    # at 0.2, above the 0.1 that keeps a rule event: the act is coded in its place, his own
    text = "Peru's president said he would reverse a rise in fuel prices after a week of protests."
    events, coder = _learned(text)
    assert _sides(events) == [("080", "PERGOV", None)]
    decision = coder.decisions[events[0].id]
    assert decision.label == "CONCEDE" and decision.probability >= LearnedCoder.OVER_STATEMENT
    assert decision.probability_of(STATEMENT) >= LearnedCoder.KEEP


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "sides", "plover"),
    [
        # the grant given is aid; the grant that will be given is an intent to give it (033x)
        (
            "Norway gave Kenya a grant of 40 million dollars to build schools.",
            [("071", "NOR", "KEN")],
            "AID",
        ),
        (
            "Norway will give Kenya a grant of 40 million dollars to build schools.",
            [("0331", "NOR", "KEN")],
            "AGREE",
        ),
        # sanctions to come are a threat of them (13x)
        (
            "The European Union will impose new sanctions on Belarus next month.",
            [("131", "IGOEUREEC", "BLR")],
            "THREATEN",
        ),
    ],
)
def test_an_announced_material_act_is_an_intent_or_a_threat(
    text: str, sides: list[tuple[str, str | None, str | None]], plover: str
) -> None:
    events, _ = _learned(text)
    assert _sides(events) == sides
    [event] = events
    assert event.plover is not None and event.plover.type == plover
    assert not event.future  # the announcing is done
    assert any(d.feature.startswith("announced ") for d in event.drivers) == (plover != "AID")


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "sides", "plover"),
    [
        # an act offered on a condition is the offer, made to whom the condition asks of
        (
            "Ecuador said it would pull its troops back from the Cenepa valley if Peru ordered a"
            " withdrawal of its own forces.",
            [("0356", "ECU", "PER")],
            "AGREE",
        ),
        (
            "Kenya could reopen its border with Somalia as long as Mogadishu curbed attacks by"
            " al-Shabaab.",
            [("032", "KEN", "SOM")],
            "AGREE",
        ),
        # and a blow on a condition is a threat
        (
            "Algeria said it would expel French diplomats if Paris imposed new visa restrictions.",
            [("1313", "DZA", "FRAGOV")],
            "THREATEN",
        ),
    ],
)
def test_an_act_on_a_condition_is_an_offer_or_a_threat(
    text: str, sides: list[tuple[str, str | None, str | None]], plover: str
) -> None:
    events, _ = _learned(text)
    assert _sides(events)[:1] == sides
    assert all(e.plover is not None and e.plover.type == plover for e in events[:1])


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "sides"),
    [
        # the condition's act is asked of another, not done: no event of its own ("Washington
        # lifted sanctions"), and its doer is the offer's recipient, none of its makers
        (
            "Iran and the United States could restore ties if Washington lifted sanctions, the"
            " Iranian foreign minister said.",
            [("032", "IRN", "USA")],
        ),
        (
            "Iran would reopen its embassy in Riyadh if Saudi Arabia released the detained"
            " pilgrims, Iranian officials said.",
            [("032", "IRN", "SAU")],
        ),
        # a threat's condition likewise ("Israel withdrew" is no retreat)
        (
            "Hamas threatened to resume rocket fire on Tel Aviv unless Israel withdrew its tanks"
            " from Rafah.",
            [("130", "PSEREBHMS", "ISR")],
        ),
        # the party asked, named as its state or its government, makes no offer back
        (
            "Damascus would resume talks with Israel if the Israeli government agreed to withdraw"
            " from the Golan Heights, Syrian officials said.",
            [("036", "SYRGOV", "ISR")],
        ),
        # a condition on one's own act asks no one else ...
        (
            "Iran said it would attend the talks in Vienna if it were invited by the European"
            " Union.",
            [("030", "IRN", "IGOEUREEC")],
        ),
        # ... and a group of a country is not its government
        (
            "Italian rail unions warned that they would strike across the network if the"
            " government pressed ahead with its pension reform.",
            [("130", "ITA", "ITAGOV")],
        ),
    ],
)
def test_a_condition_is_asked_of_its_doer_not_done(
    text: str, sides: list[tuple[str, str | None, str | None]]
) -> None:
    events, _ = _learned(text)
    assert _sides(events) == sides
    assert all(e.plover is not None and e.plover.type in ("AGREE", "THREATEN") for e in events)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "sides"),
    [
        # cooperation announced is the intent to cooperate, as PLOVER's manual codes it ...
        ("Poland said it will support the UN resolution on Sudan.", [("032", "POL", "IGOUNO")]),
        # (an offer the model reads as such, no rule event on its act: CAMEO's intent to
        # cooperate, 030)
        (
            "China and Vietnam could normalise relations this year if Hanoi backed the UN peace"
            " plan, Chinese officials said.",
            [("030", "CHN", "VNM")],
        ),
        (
            "Japan would hold talks with North Korea if Pyongyang returned the abducted citizens,"
            " Japanese officials said.",
            [("036", "JPN", "PRK")],
        ),
        # ... but a meeting set for a date is the meeting
        (
            "Kenya's foreign minister will travel to Kampala next week to discuss the border"
            " dispute.",
            [("040", "KENGOV", "UGA")],
        ),
    ],
)
def test_cooperation_announced_is_an_intent_a_meeting_set_is_a_meeting(
    text: str, sides: list[tuple[str, str | None, str | None]]
) -> None:
    events, _ = _learned(text)
    assert _sides(events) == sides


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "sides"),
    [
        # the act threatened or vowed is the threat, told once
        ("Iran threatened to shell Iraqi border towns.", [("130", "IRN", "IRQ")]),
        ("Rebels in Darfur vowed to attack Sudanese army bases.", [("138", "SDNREB", "SDN")]),
    ],
)
def test_an_act_threatened_or_vowed_is_told_once(
    text: str, sides: list[tuple[str, str | None, str | None]]
) -> None:
    events, _ = _learned(text)
    assert _sides(events) == sides


def test_announcing_a_material_act_is_intent_for_cooperation_and_threat_for_conflict() -> None:
    tables = event_tables()
    cases = {"073": "0333", "1623": "1311", "061": "0311", "195": "138", "172": "137"}
    for act, announcing in cases.items():
        assert announced(act) == announcing
        assert quad_class(act) - quad_class(announcing) == 1  # material → verbal, same side
        assert tables.plover_of(announcing) is not None
    # a yield announced is the intent to yield (035x), AGREE as CAMEO2PLOVER maps it and as the
    # PLOVER gold standard codes "said they will release Prime Minister Mahendra Chaudhry" and
    # "Israel will evacuate all 21 settlements" (its codebook's CONCEDE modes speak of such
    # promises too); verbal acts stay as they are
    assert [announced(code) for code in ("080", "0841", "085", "0874", "083")] == [
        "035", "0353", "0354", "0356", "034",
    ]  # fmt: skip
    assert all(tables.plover_of(announced(c) or "") is not None for c in ("0841", "0874"))
    # meetings and diplomatic cooperation announced are their intents (PLOVER AGREE)
    assert [announced(code) for code in ("046", "045", "051", "057")] == [
        "036", "039", "032", "030",
    ]  # fmt: skip
    assert [announced(code) for code in ("010", "020", "120")] == [None] * 3


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "sides"),
    [
        # a yield announced with a negation is the refusal to yield (124), no concession negated
        (
            "Iran will not give up uranium enrichment in return for the European Union's package"
            " of trade incentives, its chief negotiator said.",
            [("124", "IRN", "IGOEUREEC")],
        ),
        # decided as the intent to cooperate (AGREE 0.46) since the questions batch: an intent
        # refused is a rejection too
        (
            "Israel will not release the Palestinian prisoners, a spokesman said.",
            [("120", "ISR", "PSE")],
        ),
    ],
)
def test_cooperation_or_a_yield_announced_with_a_negation_is_its_refusal(
    text: str, sides: list[tuple[str, str | None, str | None]]
) -> None:
    events, _ = _learned(text)
    assert _sides(events) == sides
    [event] = events
    assert event.plover is not None and event.plover.type == "REJECT"
    assert not event.negated and not event.future  # the refusal is made
    assert any(d.feature.startswith("refused ") for d in event.drivers)


@pytest.mark.model
def test_an_act_not_done_is_no_refusal() -> None:
    # a negation in the past tells what did not happen, not a refusal announced
    events, _ = _learned("Serbia did not attend the talks with Kosovo in Brussels.")
    assert not any(e.cameo.startswith("12") for e in events)


def test_refusing_cooperation_or_a_yield_is_a_rejection() -> None:
    tables = event_tables()
    cases = {"046": "125", "045": "126", "057": "127", "064": "121", "073": "1223"}
    cases |= {"080": "124", "0841": "1243", "085": "1244", "086": "1245", "0832": "1232"}
    # an intent refused: "will not" with the intent to release, to meet, to give aid
    cases |= {"030": "120", "0353": "1243", "036": "125", "0331": "1221", "0356": "1246"}
    for act, refusal in cases.items():
        assert refused(act) == refusal
        plover = tables.plover_of(refusal)
        assert plover is not None and plover.type == "REJECT"
    # conflict refused is no rejection ("will not impose sanctions"), nor is a statement
    assert [refused(code) for code in ("010", "120", "163", "190")] == [None] * 4


@pytest.mark.model
def test_a_reported_doer_owned_by_a_pronoun_is_the_speaker() -> None:
    # "their countries" names no actor but stands for the speakers', as "it" would: not the
    # refugees the clause goes on to name (who were the source, acting on Kenya)
    text = (
        "Senior Kenyan and Somali officials agreed on Friday that their countries should work "
        "together to help Somali refugees in Kenya return home."
    )
    [event] = _learned(text)[0]
    assert event.source is not None and (event.cameo, event.source.code) == ("030", "KENGOV")


@pytest.mark.model
def test_a_doubted_act_below_the_main_verb_is_dropped_and_a_probable_one_stays() -> None:
    # the rules read "the U.S. pulls back" as an act of the U.S.; events-1 finds that type
    # improbable (below KEEP_ELSEWHERE) and the sentence a threat: the chancellor's, to the U.S.
    warned = "The German chancellor warned that if the U.S. pulls back, its allies will suffer."
    assert _sides(_learned(warned)[0]) == [("130", "DEUGOV", "USA")]
    # an act below the main verb that the model finds probable is coded as the rules found it
    [attack] = _learned("Egypt hosted talks in Cairo after Hamas fired rockets at Israel.")[0]
    assert _sides([attack]) == [("194", "PSEREBHMS", "ISR")]
    assert attack.evidence.text == "Hamas fired rockets at Israel"


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "doer", "target"),
    [
        (
            "Clinton condemned the fees that Goldman Sachs paid to the former governor.",
            "Clinton",
            "MNCUSA",
        ),
        (
            "Archbishop Desmond Tutu on Sunday called for sanctions against Nigeria.",
            "Archbishop Desmond Tutu",
            "NGA",
        ),
    ],
)
def test_a_subject_without_a_code_is_the_source_not_an_actor_after_the_verb(
    text: str, doer: str, target: str
) -> None:
    # no rule codes these; the model's event takes the subject's actor, though it has no code,
    # rather than the first coded actor, which here is the object of the act
    [event] = _learned(text)[0]
    assert event.source is not None and (event.source.text, event.source.code) == (doer, None)
    assert event.target is not None and event.target.code == target


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "sides"),
    [
        # "They" stands for the parties of the previous sentence, who name no actor: neither
        # Ukraine nor Russia urged anything
        (
            "The parties to the meeting also made statements regarding the situation in Ukraine. "
            "They urged Russia to withdraw its forces from Ukraine.",
            [],
        ),
        ("They signed an agreement with Iraq on Monday.", []),
        # a pronoun that stands for actors keeps them
        (
            "Russia and China held talks on Monday. They urged Iran to halt enrichment.",
            [
                ("046", "RUS", "CHN"),
                ("046", "CHN", "RUS"),
                ("100", "RUS", "IRN"),
                ("100", "CHN", "IRN"),
            ],
        ),
    ],
)
def test_a_pronoun_doer_that_stands_for_no_actor_has_no_stand_in(
    text: str, sides: list[tuple[str, str | None, str | None]]
) -> None:
    assert _sides(_learned(text)[0]) == sides


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "sides"),
    [
        # "experts" and "officials" are of no country: NATO is only talked about
        (
            "Experts are urging officials not to attach great importance to NATO's new brigades.",
            [],
        ),
        # the coded actor is the object of the act: the doer of no country acts on it
        ("Militants ambushed a NATO convoy near the border.", [("180", "---REB", "IGOWSTNAT")]),
    ],
)
def test_a_subject_that_is_a_bare_sector_acts_only_on_its_verbs_object(
    text: str, sides: list[tuple[str, str | None, str | None]]
) -> None:
    assert _sides(_learned(text)[0]) == sides


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "sides"),
    [
        # the passive subject undergoes the act; the agent, however named, does it
        (
            "Dozens of Syrian civilians were wounded in shelling by Turkish forces.",
            [("180", "TURMIL", "SYRCVL")],
        ),
        ("Two Afghan soldiers were killed in a Taliban attack.", [("180", "AFGREB", "AFGMIL")]),
        # no agent and no other actor but where it happened: nobody the sentence names did it
        ("Thousands of people were killed in Kenya when two dams burst.", []),
        ("Three Israeli soldiers were killed near the border with Lebanon.", []),
        ("Twenty rebels were killed in the Syrian city of Aleppo.", []),
        # the members an of-phrase names undergo it too
        (
            "Supporters of Mohamed Morsi were arrested by Egyptian police.",
            [("170", "EGYCOP", "EGYELI")],
        ),
        # a thing as the passive subject: the actors it names keep their order (lifting sanctions
        # is RETREAT, as CAMEO2PLOVER maps 085; CONCEDE, 080, before the conditional offers)
        ("UN sanctions against Iran were lifted on 16 January 2016.", [("084", "IGOUNO", "IRN")]),
    ],
)
def test_the_subject_of_a_passive_act_is_never_its_source(
    text: str, sides: list[tuple[str, str | None, str | None]]
) -> None:
    assert _sides(_learned(text)[0]) == sides


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "sides"),
    [
        # a material act with no other recipient is directed at the country it happened in, as
        # the PLOVER gold standard codes it ("demonstrated in Serbia": SRB)
        (
            "Kenyan police raided the offices of a media group in Nairobi.",
            [("170", "KENCOP", "KEN")],
        ),
        # a statement made somewhere is not directed at the place
        (
            "The French president said in Berlin that the talks had been useful.",
            [("010", "FRAGOV", None)],
        ),
        # the place of an act is not its doer when the subject names no actor
        ("A team of inspectors arrived in Caracas on Thursday.", []),
        # nor is what was acted on, or whoever it belongs to
        ("Hackers attacked the European Union's computer systems.", []),
        ("Unidentified hackers targeted NATO last week.", []),
        ("Similar suspensions were imposed on Mali and Burkina Faso.", []),
        ("A campaign of strikes was waged against Yemen and Sudan.", []),
        # nor whom a thing went to, beside the thing ("linked to Iran" is a tie, not a transfer)
        ("CBP returned prehistoric fossils to the Chinese government.", []),
        ("The department has reduced humanitarian aid to Liberia.", []),
        # nor a place outside the subject where something else is or happened
        ('"Let me give you my prediction," he said of his performance in California.', []),
        # nor one named only in a clause of time or reason
        (
            "The agency suspended aid deliveries after the Hamas-run ministry seized trucks of "
            "flour in Gaza.",
            [],
        ),
        # where someone lives is part of who they are: "Albanians in Serbia" act as Serbia's
        (
            "Ethnic Albanians in south Serbia are demanding a U.N. military presence.",
            [("100", "SRB", "IGOUNO")],
        ),
    ],
)
def test_a_place_or_what_was_acted_on_is_never_the_doer(
    text: str, sides: list[tuple[str, str | None, str | None]]
) -> None:
    assert _sides(_learned(text)[0]) == sides


@pytest.mark.model
def test_the_place_of_a_reported_act_is_not_its_doer() -> None:
    # the decided PROTEST has no doer; the rules' reading, Belgrade radio's statement, stays or
    # goes with its probability, near the 0.1 it needs beside the decided type
    events, _ = _learned(
        "Up to 100 ethnic Albanians demonstrated on Tuesday in Serbia, Belgrade radio said."
    )
    assert [e.cameo for e in events if not e.cameo.startswith("01")] == []


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "sides"),
    [
        # a clause that tells when or why names nobody the act is directed at
        (
            "Kosovo's prime minister resigned on Monday after losing a confidence vote over his "
            "handling of relations with Serbia.",
            [("084", "KSVGOV", None)],
        ),
        # a purpose does
        (
            "Young Algerians blocked roads on Sunday to press their demands for greater freedom "
            "from President Bouteflika's government.",
            [("144", "DZA", "DZAGOV")],
        ),
    ],
)
def test_a_target_is_never_taken_from_a_clause_of_time_or_reason(
    text: str, sides: list[tuple[str, str | None, str | None]]
) -> None:
    assert _sides(_learned(text)[0]) == sides


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "sides"),
    [
        (
            "Uganda's government threatened to ban all opposition rallies ahead of the election.",
            [("130", "UGAGOV", "UGA")],
        ),
        (
            "Ethiopia's federal government turned down a proposal for talks on disputed territory.",
            [("120", "ETHGOV", "ETH")],
        ),
        # no conflict act: no recipient is taken for granted
        (
            "Kenya's government agreed to reopen the border crossings next year.",
            [("030", "KENGOV", None)],
        ),
        # a demand is made of whom it names, or of no one
        ("Greece's opposition leader demanded immediate elections.", [("100", "GRCOPP", None)]),
        # a country is not its own recipient; nor is the country a dictionary files a name under
        # (every act of a politician named alone would be a domestic one)
        ("Russia threatened to retaliate.", [("130", "RUS", None)]),
        ("The Kremlin threatened to retaliate.", [("130", "RUSGOV", None)]),
    ],
)
def test_a_conflict_act_naming_no_recipient_is_directed_at_its_source_country(
    text: str, sides: list[tuple[str, str | None, str | None]]
) -> None:
    events = _learned(text)[0]
    assert _sides(events) == sides
    for event in events:
        if event.target is not None:  # no actor of the text: the source's words stand for it
            assert event.source is not None and event.target.actor is None
            assert event.target.text == event.source.text


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "target_words"),
    [
        (
            "In October, a Taliban suicide bomber killed 15 Afghan Army trainees as they "
            "travelled home.",
            "Afghan",
        ),
        ("Iraqi officials have imposed a curfew on Basra starting at 4pm on Saturday.", "Basra"),
        # a person's country is no recipient, unless the sentence names it apart from him
        (
            "President Yoweri Museveni has banned Ugandan opposition candidates from "
            "participating in the upcoming elections.",
            "Ugandan",
        ),
    ],
)
def test_the_source_country_named_as_recipient_is_the_target_s_words(
    text: str, target_words: str
) -> None:
    # the country is no target of its own sector by the rules (`Roles.other`); as the
    # recipient of a domestic conflict act it is, named by its own words, not the source's
    events = _learned(text)[0]
    assert len(events) == 1 and events[0].target is not None
    target = events[0].target
    assert (target.code, target.text) == (events[0].source.code[:3], target_words)
    assert target.actor is not None and target.actor != events[0].source.actor


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "sides"),
    [
        # a target the rules left out, taken from the sentence: with the one coordinated with it
        (
            "Gambian President Dawda Jawara will visit Mauritania and Senegal to mediate in a "
            "border dispute between the two West African neighbors, diplomatic sources said.",
            [("039", "GMBGOV", "MRT"), ("039", "GMBGOV", "SEN")],
        ),
        # a relabelled act the rules coded on each of two coordinated targets stays on both (aid
        # announced: an intent to give it, 033)
        (
            "Gambia will send food aid to Mauritania and Senegal next month.",
            [("033", "GMB", "MRT"), ("033", "GMB", "SEN")],
        ),
        # and one the rules coded for each of three coordinated doers, by each of them (a
        # welcome, 051)
        (
            "Britain, France and Germany welcomed their resumption of formal diplomatic ties with "
            "Iran after a 12-year rift.",
            [("051", "GBR", "IRN"), ("051", "FRA", "IRN"), ("051", "DEU", "IRN")],
        ),
    ],
)
def test_an_act_of_coordinated_doers_or_on_coordinated_targets_is_coded_on_each(
    text: str, sides: list[tuple[str, str | None, str | None]]
) -> None:
    assert _sides(_learned(text)[0]) == sides


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "According to Kenyan officials, Somali troops crossed the border on Monday.",
        "Somali troops crossed the border on Monday, according to Kenyan officials.",
    ],
)
def test_who_a_sentence_is_according_to_is_neither_side(text: str) -> None:
    events = _learned(text)[0]
    assert events
    assert all(e.target is None or e.target.code != "KENGOV" for e in events)
    assert all(e.source is None or e.source.code != "KENGOV" for e in events)


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Zambia's foreign minister said Malawi would host the regional summit next month.",
        "Zambia's foreign minister said Malawi had handed over the rebels who attacked the "
        "border post last week.",
    ],
)
def test_a_reported_act_that_is_no_wrongdoing_is_no_accusation(text: str) -> None:
    events = _learned(text)[0]
    assert events
    assert all(event.plover is None or event.plover.type != "ACCUSE" for event in events)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "sides"),
    [
        # a refusal in words of no need, no point, no reason: no verb of refusing
        (
            "Serbia said there was no point in resuming talks with Kosovo.",
            [("120", "SRB", "KSV")],
        ),
        (
            "Algeria said a French offer to mediate with Morocco was out of the question.",
            [("120", "DZA", "FRA")],
        ),
        (
            "“We see no reason to receive Iran's envoy now,” Bahrain's foreign minister told "
            "reporters.",
            [("120", "BHRGOV", "IRNGOV")],
        ),
        # a sharp reaction to another's act is a criticism
        (
            "Turkey reacted sharply to the Dutch government's decision to bar its minister from "
            "a rally.",
            [("110", "TUR", "NLDGOV")],
        ),
    ],
)
def test_refusals_and_sharp_reactions_without_their_verbs_are_coded_as_such(
    text: str, sides: list[tuple[str, str | None, str | None]]
) -> None:
    assert _sides(_learned(text)[0]) == sides


@pytest.mark.model
def test_a_protest_lodged_over_an_act_of_another_is_an_accusation() -> None:
    # the rules' vote is LODGE * PROTEST (110), not (OF) [140] from "the killing of"
    text = "Pakistan lodged a strong protest with India over the killing of civilians."
    events = _learned(text)[0]
    assert _sides(events) == [("110", "PAK", "IND")]
    assert events[0].drivers[0].feature == "cameo.P0813 lodged"


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        # no need that turns down nobody's proposal: a reassurance, a statement
        "Egypt's health minister said there was no need to close schools over the outbreak.",
        "Peru's finance minister said there was no reason to worry about the sol's slide "
        "against the dollar.",
    ],
)
def test_a_reassurance_is_no_rejection(text: str) -> None:
    events = _learned(text)[0]
    assert [event.cameo[:2] for event in events] == ["01"]


@pytest.mark.model
def test_an_improbable_decision_does_not_relabel_a_vetoed_rule_event() -> None:
    # the rules read "sees" as a statement (CAMEO 01); the model doubts it and finds SANCTION
    # only 0.24 probable ("push against"): once coded as France sanctioning its own government;
    # whether the rules' statement stays (0.21 with the model retrained after phrases of time
    # left the patterns) moves with each retrain
    events, coder = _learned("France sees itself as a leader in the push against climate change.")
    assert all(e.cameo.startswith("01") and e.plover is None for e in events)
    assert coder.ADD > 0.24


@pytest.mark.model
def test_a_joint_act_relabelled_by_the_model_keeps_both_directions() -> None:
    # the rules code "opened" (050) both ways; the model decides the pair's type once
    events, _ = _learned(
        "Kenya and Tanzania opened a one-stop border post at Namanga on Wednesday."
    )
    typed = [e for e in events if e.plover is not None]
    assert sorted(_sides(typed)) == [(typed[0].cameo, "KEN", "TZA"), (typed[0].cameo, "TZA", "KEN")]


@pytest.mark.model
def test_the_decided_type_of_another_doer_s_act_does_not_relabel_a_clause_beside_it() -> None:
    # the model decides THREATEN for the main verb "warned", whose doer (his wife) is no actor;
    # the rules' statement "Donald Trump said ..." in the conjoined clause is not that warning
    events, _ = _learned(
        "His wife had warned him not to get too nasty in his attacks, but Donald Trump said he "
        "would not change."
    )
    assert all(e.plover is None or e.plover.type != "THREATEN" for e in events)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "target"),
    [
        ("Russia has strengthened its forces in Crimea.", "UKR"),
        (
            "Russia has begun withdrawing some of its troops from Syria, Defence Minister Sergei "
            "Shoigu said on Monday.",
            "SYR",
        ),
        (
            "Japan is sending troops to the United Nations peacekeeping force in South Sudan.",
            "IGOUNO",
        ),
    ],
)
def test_a_source_s_own_forces_are_not_whom_it_acts_on(text: str, target: str) -> None:
    # the forces are the source's own (the actors stage's owners), not those of the place
    events = _learned(text)[0]
    assert events
    assert [e.target.code if e.target else None for e in events] == [target] * len(events)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "sides"),
    [
        # the rules read the object, the source's own forces; a show of force targets nobody
        # unless another actor is named ("in Lebanon"), in the rules and in the decided events
        (
            "Greece put its armed forces on high alert after a Turkish research vessel sailed "
            "into waters claimed by Athens, defence sources said.",
            [("152", "GRC", None)],
        ),
        ("On Thursday, Israel mobilized the army for a potential ground assault.", None),
        ("Israel has strengthened its forces in Lebanon.", [("154", "ISR", "LBN")]),
        # troops of the source's country by the sentence, not by "its": the same
        ("Pakistan put troops on high alert.", [("152", "PAK", None)]),
        ("Bangladesh put police and troops on high alert in Dhaka.", [("151", "BGD", None)]),
        ("Russia put its troops on alert near the border with Ukraine.", [("152", "RUS", "UKR")]),
    ],
)
def test_a_show_of_force_is_not_aimed_at_the_forces_shown(
    text: str, sides: list[tuple[str, str | None, str | None]] | None
) -> None:
    from detente.actors import code_actors, load_actor_dictionary

    doc = parse(text)
    actors = code_actors(doc, load_actor_dictionary())
    for events in (_learned(text)[0], RuleCoder().code(doc, actors)):
        assert events
        assert all(e.cameo.startswith("15") for e in events), events
        if sides is not None:
            assert _sides(events) == sides
        else:
            assert all(e.target is None for e in events), events


@pytest.mark.model
def test_a_threat_is_not_aimed_at_the_forces_it_is_made_with() -> None:
    text = "Serbia's president warned that Serbian troops could move into northern Kosovo."
    assert _sides(_learned(text)[0]) == [("130", "SRBGOV", "KSV")]


@pytest.mark.model
def test_the_head_of_an_organisation_acts_for_it() -> None:
    # "saying ..." is the sentence's quote: "urged" is no cue verb, and its subject is the head
    text = (
        "The head of the Norwegian Refugee Council urged Israel to lift restrictions on aid "
        "entering the West Bank, saying families were running out of basic supplies."
    )
    requests = [e for e in _learned(text)[0] if e.plover and e.plover.type == "REQUEST"]
    assert [
        (e.source.code if e.source else None, e.target.code if e.target else None) for e in requests
    ] == [("NGONORREF", "ISR")]


@pytest.mark.model
def test_a_reported_act_takes_no_target_from_its_clause_of_time() -> None:
    text = (
        "Greece put its armed forces on high alert after a Turkish research vessel sailed into "
        "waters claimed by Athens, defence sources said."
    )
    events = _learned(text)[0]
    assert events
    assert all(e.target is None or e.target.code != "TUR" for e in events)


@pytest.mark.model
def test_a_target_is_sought_outside_the_source_phrase_first() -> None:
    # whom the source's own phrase names is who it is, not whom it attacks
    text = "Gunmen loyal to the Libyan government attacked an Egyptian convoy."
    assert _sides(_learned(text)[0]) == [("180", "---UAF", "EGY")]


@pytest.mark.model
def test_whom_the_source_phrase_names_is_never_its_target() -> None:
    # the government the gunmen are loyal to tells who they are; the convoy is no actor
    text = "Gunmen loyal to the Libyan government attacked the convoy."
    assert _sides(_learned(text)[0]) == [("180", "LBYUAF", None)]


@pytest.mark.model
def test_no_event_of_a_clause_of_time_or_reason_takes_the_decided_type() -> None:
    # the rules read "pressure Beijing" (COERCE) and "China can only speak" (a statement, in the
    # clause of reason); the decision, of the words outside that clause, once went to the
    # statement as THREATEN, China → the US
    text = (
        "“Washington’s leadership is trying to pressure Beijing because it believes China can "
        "only speak in the language of force. That is a very dangerous delusion. China is "
        "drawing its own conclusions,” he said."
    )
    events = _learned(text)[0]
    belief = [e for e in events if e.evidence.text.startswith("China can only speak")]
    assert all(e.cameo.startswith("01") for e in belief), belief


@pytest.mark.model
def test_a_sentence_of_bare_sectors_is_coded_when_the_model_is_sure() -> None:
    # without the killing, events-1 is 0.68 sure ("rule:none" is every bare-sector sentence's
    # vote, and it leans to no event): below SECTORS_ONLY, so not coded
    [attack], coder = _learned("Rebels attacked an army base overnight, killing four soldiers.")
    assert attack.plover is not None and attack.plover.type == "ASSAULT"
    assert attack.source is not None and attack.source.code == "---REB"
    assert coder.decisions[attack.id].probability >= LearnedCoder.SECTORS_ONLY
    # as sure of no event: researchers are a sector too
    assert _learned("Researchers discussed the weather on Monday.")[0] == []


@pytest.mark.model
@pytest.mark.parametrize(
    "text",
    [
        "Real Madrid beat Barcelona 3-1 on Sunday.",
        # from a Zyte benchmark page (../shared), countries for teams
        "Wales beat Hungary 2-0 on Tuesday to qualify for Euro 2020.",
        "Switzerland beat Gibraltar 6-0 to win Group D.",
        # the same page's sentence whole: the result sits in a clause the model does not read
        # ("while ..."), so only the rules' guard keeps its "beat" from voting an attack
        "Denmark got a 1-1 draw at Ireland, while Switzerland beat Gibraltar 6-0 to win Group D.",
    ],
)
def test_a_sports_result_is_no_event(text: str) -> None:
    from detente.actors import code_actors, load_actor_dictionary

    doc = parse(text)
    findings = code_actors(doc, load_actor_dictionary())
    assert findings.token_actor  # a candidate: the gate, not the actors stage, says no
    assert _learned(text)[0] == []


@pytest.mark.model
@pytest.mark.slow
def test_model_reproduces_its_dev_figures_and_trains_byte_identically(
    trainer: dict[str, Any],
) -> None:
    if not (SHARED / "data" / "events" / "conflibert").exists():
        pytest.skip("shared data not present")
    train_sentences, dev_sentences = trainer["read_sources"](SHARED)
    dev = trainer["featurize"](dev_sentences, SHARED)
    recorded = event_model().meta["figures"]
    figures = trainer["dev_figures"](event_model(), dev)
    assert figures["conflibert_dev_sentences"] == recorded["conflibert_dev_sentences"] == 270
    for name in ("conflibert_dev_accuracy", "no_event_precision", "no_event_recall"):
        assert figures[name] == pytest.approx(recorded[name], abs=0.01)
    train = trainer["featurize"](train_sentences, SHARED)
    arrays = trainer["fit"](train)
    assert trainer["archive"](arrays, {}) == trainer["archive"](trainer["fit"](train), {})
    rebuilt = trainer["dev_figures"](trainer["as_model"](arrays), dev)
    assert rebuilt["conflibert_dev_accuracy"] == pytest.approx(
        recorded["conflibert_dev_accuracy"], abs=0.01
    )


def test_petrarch_unit_tests_train_the_types_read_in_them(trainer: dict[str, Any]) -> None:
    if not (SHARED / "data" / "events" / "petrarch2").exists():
        pytest.skip("shared data not present")
    sentences = trainer["petr_sentences"](SHARED)
    assert len(sentences) == 136
    labels = {text: label for text, _, label in sentences}
    assert set(labels.values()) <= {*PLOVER_TYPES, "STATEMENT"}
    # their expected codes are mostly WEIS: 191 is a postponed event there, a blockade in CAMEO;
    # 032, a meeting there, an intent to cooperate in CAMEO
    postponed = (
        "Gondor and Osgiliath have postponed their meeting after a hafling was reported on the "
        "pass of Cirith Ungol."
    )
    left = (
        "Caras Galadhon's new mayor left yesterday for Minas Tirith for meetings of the joint "
        "transport committee with Arnor."
    )
    assert (labels[postponed], labels[left]) == ("SANCTION", "CONSULT")
    # a test sentence that reports nothing a type fits trains nothing
    assert not any(text.startswith("Ethiopia is acting strangely") for text in labels)


def test_training_script_usage(trainer: dict[str, Any]) -> None:
    with pytest.raises(SystemExit):
        trainer["main"](["train_events.py", "--no-such-option"])


@pytest.mark.model
def test_an_act_reported_to_the_press_is_not_done_to_the_press() -> None:
    # the rules' quote statement is to the reporters; relabelled as the accusation it is, it
    # is of whom the quote accuses, and a plain statement stays made to its audience; the press
    # it was told to is no doer of what it reports either
    [reported], _ = _learned("“The talks went well,” Congo's foreign minister told reporters.")
    assert reported.source is not None and reported.source.code == "CODGOV"
    [accusation], _ = _learned(
        "“Kigali is arming the rebels,” Congo's foreign minister told reporters in Kinshasa."
    )
    sides = (accusation.source, accusation.target)
    assert accusation.cameo == "110"
    assert [side.code if side else None for side in sides] == ["CODGOV", "RWA"]
    [statement], _ = _learned(
        "“We will study the report carefully,” Congo's foreign minister told reporters."
    )
    assert statement.cameo == "010"
    assert statement.target is not None and statement.target.code == "CODMED"
