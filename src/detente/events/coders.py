"""The events stage behind one interface, so the rule coder and the learned coder (and later a
multilingual one) are interchangeable and can be measured side by side.

    coder = selected_coder()             # DETENTE_EVENT_CODER: learned (default) | rule
    events = coder.code(doc, actor_findings, quotes=quotes, published=date(2014, 12, 3))

The learned coder decides, for each sentence that names at least one actor with a code (a
country, an organisation or a bare sector), "no event" or the event type of its main predicate
(model.py), and keeps from the rules what they do best: roles from the parse, the negated /
hypothetical / future / historical flags, dates and places. Its unit is the sentence because its
training labels are: ConfliBERT labels whole sentences and the PLOVER gold standard codes one
event per sentence; an event needs a coded source, hence the one-actor condition.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from typing import Protocol

from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from detente.events.coder import QUOTED_ACCUSATION, _Coder, acts_mutually, bundled_verbs
from detente.events.decided import DecidedRoles, reported_as_done
from detente.events.dictionary import VerbDictionary
from detente.events.model import (
    NONE,
    RULE,
    STATEMENT,
    Decision,
    EventModel,
    class_of_label,
    decision_text,
    event_model,
    label_of_code,
    parse_features,
    rule_votes,
    sentence_acts,
)
from detente.events.model import canonical_code as code_of_label
from detente.events.parse import asides, condition_starts, sentence_circumstances
from detente.events.tables import (
    CONSULT_ROOT,
    CRITICIZE,
    announced,
    event_tables,
    is_statement,
    quad_class,
    refused,
)
from detente.records import ActorFindings, Driver, Event, EventActor, Quote
from detente.settings import Settings

# the clauses below a predicate that tell its purpose or complement ("summoned ... to complain")
_PURPOSE_CLAUSES = frozenset({"advcl", "xcomp"})


class EventCoder(Protocol):
    """Doc + the actors stage's findings → events in text order."""

    name: str

    def code(
        self,
        doc: Doc,
        actors: ActorFindings,
        *,
        quotes: Sequence[Quote] = (),
        published: datetime.date | None = None,
    ) -> list[Event]: ...


class RuleCoder:
    """The CAMEO verb dictionary and our patterns on the parse (coder.py)."""

    name = "rule"

    def __init__(self, verbs: VerbDictionary | None = None) -> None:
        # an empty dictionary falls back to the bundled one: `verbs.verbs`, not len(verbs),
        # which counts every entry
        self.verbs = verbs if verbs is not None and verbs.verbs else bundled_verbs()

    def run(
        self,
        doc: Doc,
        actors: ActorFindings,
        quotes: Sequence[Quote],
        published: datetime.date | None,
    ) -> tuple[_Coder, list[Event]]:
        """The rule coder's events, with the coder that made them (its parse indexes are reused)."""
        coder = _Coder(doc, actors, quotes, published, self.verbs)
        return coder, coder.run()

    def code(
        self,
        doc: Doc,
        actors: ActorFindings,
        *,
        quotes: Sequence[Quote] = (),
        published: datetime.date | None = None,
    ) -> list[Event]:
        return self.run(doc, actors, quotes, published)[1]


class LearnedCoder:
    """model:events-1 decides each candidate sentence's event type; the rules give the roles.

    The model reads the sentence, its parse and the rule coder's votes on it, and decides the
    type of the sentence's main event. A rule event whose type the model finds improbable (below
    KEEP) is vetoed, and so is one on the main predicate of another class than the decision's;
    one elsewhere in the sentence (or a quote's accusation, a reading of the whole quote:
    `coder.QUOTED_ACCUSATION`) of another type, not a statement, below KEEP_ELSEWHERE is
    dropped; the others stay, with the model's probability as confidence. When the decided type
    is none of the kept events', it is coded too if at least ADD probable: on the main vetoed
    rule event (its roles kept; not one in a clause of time or reason, whose words the model does
    not read, nor one beside a main predicate whose subject is another doer; a kept statement
    counts as vetoed when the decided act is at least OVER_STATEMENT probable), else, if no rule
    event stayed, from the sentence's actors; a statement without a rule event on the main
    predicate needs ADD_STATEMENT and an actor as the sentence's subject. A sentence whose
    actors are all bare sectors ("police arrested protesters"), which no rule codes, gets the
    decided event when it is at least SECTORS_ONLY probable; a rule event in a sentence without a
    coded actor (its source a pronoun of an earlier sentence's) is not coded. Violence done by a
    means that names no doer is coded, when at least UNNAMED_DOER probable, with PLOVER's
    unidentified actor as its source (`DecidedRoles.sentence_events`); a blow of a named person's
    or a party's at one or at no actor struck in words is criticism (`_in_words`). An act of
    cooperation or of material conflict announced, not done, or offered or threatened on a condition
    (`flags.future`), is coded as its announcing (`_as_announced`), and cooperation or a yield
    announced with a negation as its refusal ("will not give up enrichment"); the rule events
    inside its condition ("if Washington lifted sanctions") are no act of the sentence's, since
    the condition asks it of another, to whom it is offered (`DecidedRoles.offered`). "No event"
    drops the sentence's rule events. The rule events of a bracketed aside ("urged Russia to
    withdraw its forces (Russia denies any military presence there)", `parse.asides`) are not the
    sentence's decision's to keep or relabel: the aside is decided on its own words and those
    events, which it only keeps or relabels. `decisions` holds, after each `code` call, each
    event id's decision (label, probability, drivers)."""

    name = "learned"
    # chosen on the dev sets and the example article (MODEL_CARD.md)
    KEEP = 0.1
    KEEP_ELSEWHERE = 0.3
    ADD = 0.35
    ADD_STATEMENT = 0.6
    OVER_STATEMENT = 0.5
    SECTORS_ONLY = 0.7
    UNNAMED_DOER = 0.5

    def __init__(
        self, verbs: VerbDictionary | None = None, model: EventModel | None = None
    ) -> None:
        self.rules = RuleCoder(verbs)
        self.model = model if model is not None else event_model()
        self.decisions: dict[str, Decision] = {}

    def code(
        self,
        doc: Doc,
        actors: ActorFindings,
        *,
        quotes: Sequence[Quote] = (),
        published: datetime.date | None = None,
    ) -> list[Event]:
        coder, rule_events = self.rules.run(doc, actors, quotes, published)
        sides = DecidedRoles(coder)
        by_sentence: dict[int, list[Event]] = defaultdict(list)
        for event in rule_events:
            by_sentence[event.sentence].append(event)
        decided: list[tuple[Event, Decision]] = []
        coded = set(coder.candidate_sentences())
        for index in coder.candidate_sentences(sectors=True):
            sentence = coder.sentences[index]
            votes = by_sentence.get(index, [])
            asked_for = condition_starts(sentence)
            decision = self.model.decide(
                decision_text([sentence]),
                rule_votes(votes, asked_for),
                parse_features([sentence]),
            )
            # the decision is the sentence's, as the model was trained; a bracketed aside's
            # events are not its to keep or relabel, but the aside's own (`_apart`)
            votes, aside_votes = _apart(sentence, votes)
            found: list[tuple[Event, Decision]] = []
            if decision.label != NONE and index in coded:
                # an act on a condition is offered to, or threatens, whom the condition asks to
                # act, who makes no offer of it ("Damascus would resume negotiations with Israel
                # if the Israeli government committed to ...": Syria's offer to Israel)
                asked = sides.asked(index)
                acts = sentence_acts(votes, asked_for)
                found = [
                    (e, decision)
                    for event in self._events(sides, index, acts, decision)
                    for e in (sides.offered(event, asked) if asked else [event])
                ]
            elif decision.label != NONE and not votes and decision.probability >= self.SECTORS_ONLY:
                # no rule codes bare sectors: the decision is made from the sentence's actors
                subject_only = decision.label == STATEMENT
                bare = _bare(sides, index, decision, subject_only=subject_only, sectors=True)
                found = [(e, decision) for e in bare]
            # a rule event in a sentence without a coded actor is not coded, in an aside neither
            for aside, its_votes in aside_votes if index in coded else ():
                # a bracketed aside is decided on its own words and the rules' events there
                its_asked = condition_starts(aside)
                own = self.model.decide(
                    decision_text([aside]),
                    rule_votes(its_votes, its_asked),
                    parse_features([aside]),
                )
                if own.label != NONE:
                    its_acts = sentence_acts(its_votes, its_asked)
                    kept = self._events(sides, index, its_acts, own, aside=aside)
                    found.extend((e, own) for e in kept)
            decided.extend(
                (_as_announced(_in_words(sides, addressed)), its_decision)
                for event, its_decision in found  # the sentence's decision or its aside's
                for addressed in _addressed(sides, event)
            )
        # at one place, the event of fewest flags first: of a quote coded from its first clause
        # and whole, the clause may read as hypothetical where the whole quote does not
        decided.sort(
            key=lambda pair: (pair[0].evidence.start, _flags(pair[0]), pair[0].evidence.end)
        )
        self.decisions = {}
        events: list[Event] = []
        seen: set[tuple[str | None, str | None, str, int]] = set()
        for event, decision in decided:
            # one event per actors and type at one place: a target found for an event that
            # already had its twin with one, a statement coded from its cue and from its quote
            # ("he said" and "he said the deal was dead" start at one word), or an offer kept
            # from the rules and coded again from the decision ("Iran would reopen its embassy
            # ..., officials said": 032 and 0353, both AGREE)
            label = label_of_code(event.cameo) or event.cameo
            key = (_code(event.source), _code(event.target), label, event.evidence.start)
            if key in seen:
                continue
            seen.add(key)
            events.append(replace(event, id=f"E{len(events) + 1}"))
            self.decisions[events[-1].id] = decision
        return events

    def _events(
        self,
        sides: DecidedRoles,
        index: int,
        votes: list[Event],
        decision: Decision,
        *,
        aside: DocSpan | None = None,
    ) -> list[Event]:
        """The events of sentence `index` (or of its bracketed `aside`) as `decision` keeps,
        relabels or adds them, `votes` being the rules' acts there (`model.sentence_acts`); an
        aside only keeps or relabels its rule events, since the sentence's actors are not its
        own."""
        model_drivers = _drivers(decision)
        kept: list[Event] = []
        vetoed: list[Event] = []
        sentence = aside if aside is not None else sides.sentences[index]

        def bare(**how: bool) -> list[Event]:
            return _bare(sides, index, decision, **how) if aside is None else []

        root = sentence.root.idx
        readings_of: dict[str, set[str]] = {}  # by event id
        for event in votes:
            # an announced act is read either way, as the act or as its announcing, and a blow
            # struck in words as the blow or as criticism
            readings = readings_of[event.id] = _readings(sides, event)
            label = max(readings, key=decision.probability_of)
            probability = decision.probability_of(label)
            # the decision is about the main predicate: an event elsewhere in the sentence (a
            # nominal event, a subordinate clause) need not share its class
            on_main = _covers(event, root) and event.rule != QUOTED_ACCUSATION
            doubted = probability < self.KEEP_ELSEWHERE
            if doubted and not on_main and not readings & {STATEMENT, decision.label}:
                # the rules' reading of a fragment the model doubts ("a press conference", "the
                # speeches she had given to Goldman Sachs"): dropped, not relabelled, since the
                # decision is about the main predicate
                continue
            same_class = any(class_of_label(r) == decision.pentaclass for r in readings)
            if probability >= self.KEEP and (same_class or not on_main):
                entry = tuple(Driver(f"{event.rule} {d.feature}", d.weight) for d in event.drivers)
                kept.append(
                    replace(
                        event,
                        rule=RULE,
                        confidence=round(probability, 4),
                        drivers=entry + model_drivers,
                    )
                )
            else:
                vetoed.append(event)
        label = decision.label
        unnamed_doer = decision.probability >= self.UNNAMED_DOER
        decided = [e for e in kept if label in readings_of[e.id]]
        if decided and (
            label == STATEMENT
            or any(_covers(e, root) for e in decided)
            or not any(_covers(e, root) for e in vetoed)
        ):
            return [e for e in kept if not _told_again(e, decided, sentence.root)]
        # the decided type found only in a clause below a vetoed main predicate ("officials
        # demanded that the US match the EU's support"): it is the main predicate's event
        kept = [e for e in kept if e not in decided]
        if label == STATEMENT and not any(_covers(e, root) for e in vetoed):
            # a statement no rule found on the main predicate is believed only of its subject
            if decision.probability < self.ADD_STATEMENT:
                return kept
            return [*kept, *bare(subject_only=True)]
        if decision.probability < self.ADD:
            # too improbable to relabel the main predicate: the clause keeps its own event
            return [*kept, *decided]
        if label != STATEMENT and decision.probability >= self.OVER_STATEMENT:
            # a statement the rules found where the model decides an act is the act's report
            # ("Kostunica promised to democratize Serbia", "said Vietnam is committed to opening
            # up its economy"): relabelled as a vetoed one is, not kept beside no event
            vetoed += [e for e in kept if is_statement(e.cameo)]
            kept = [e for e in kept if not is_statement(e.cameo)]
        # the decision is not about a clause of time or reason, whose words the model does not
        # read ("pressure Moscow because it believes Russia can only speak the language of
        # force"): no event there takes its type
        told_when_or_why = {sentence.doc[i].idx for i in sentence_circumstances(sentence)}
        relabelled_from = [e for e in vetoed if e.evidence.start not in told_when_or_why]
        if relabelled_from:
            # the decision is the main predicate's: its event first, a statement last
            main = min(relabelled_from, key=lambda e: (not _covers(e, root), is_statement(e.cameo)))
            if is_statement(main.cameo) and reported_as_done(code_of_label(label)):
                # an act its speaker reports: coded with the act's own actors
                return [*kept, *bare(unnamed_doer=unnamed_doer)]
            source = main.source.actor if main.source is not None else None
            if not _covers(main, root) and source and sides.done_by_another(index, source):
                # the decided type is the main predicate's, whose doer is not this event's
                return kept
            code = code_of_label(label)
            # a joint act the rules coded both ways (one code, not a code and its reverse) stays
            # so when the decided type is mutual ("Kenya and Tanzania opened a border post")
            same_act = [
                e
                for e in relabelled_from
                if e is not main and (e.evidence, e.cameo) == (main.evidence, main.cameo)
            ]
            swapped = (_code(main.target), _code(main.source))
            mirrors = [e for e in same_act if (_code(e.source), _code(e.target)) == swapped]
            # and the act the rules coded for each of its coordinated doers and targets ("Mordor,
            # Rohan and Bree welcomed", "will visit Mauritania and Senegal"), none done back
            fellows = [
                e
                for e in same_act
                if _code(e.source) != _code(main.target)
                and (e.target is not None or main.target is None)
            ]
            relabelled = [
                replace(
                    event,
                    **event_tables().typed(code),
                    rule=RULE,
                    confidence=round(decision.probability, 4),
                    drivers=model_drivers,
                    target=None if _told_the_press(sides, event) else event.target,
                )
                for event in (
                    main,
                    *fellows,
                    *(mirrors[:1] if acts_mutually(code, sentence.root) else []),
                )
            ]
            return [*kept, *relabelled]
        return kept or bare(unnamed_doer=unnamed_doer)


def _apart(
    sentence: DocSpan, events: list[Event]
) -> tuple[list[Event], list[tuple[DocSpan, list[Event]]]]:
    """`events` outside `sentence`'s bracketed asides (`parse.asides`), and each aside with the
    events inside it; an aside without an event is left out."""
    bracketed = [
        (aside, [e for e in events if aside.start_char <= e.evidence.start < aside.end_char])
        for aside in asides(sentence)
    ]
    inside = {e.id for _, found in bracketed for e in found}
    return [e for e in events if e.id not in inside], [
        (a, found) for a, found in bracketed if found
    ]


def _addressed(sides: DecidedRoles, event: Event) -> list[Event]:
    """`event` with a target when it has none and its sentence names one, once for each: the
    sentence's first actor that can be the target and those coordinated with it ("will visit
    Mauritania and Senegal"), or for a statement the first in what was said (its evidence),
    since the model types the whole sentence while the rules found no target; failing that, the
    country a material act happened in, and then the source's own country for a conflict act. A
    show of force relabelled from a rule event loses a target that is the forces shown."""
    source = event.source.actor if event.source is not None else None
    if source is None:
        return [event]
    if event.target is not None:
        shown = event.target.actor
        if shown is None or not sides.roles.acts_with(event.cameo, source, shown):
            return [event]
        event = replace(event, target=None)  # a relabel's: what a show of force acts with
    said = event.evidence if is_statement(event.cameo) else None
    targets = sides.first_targets(event.sentence, source, event.cameo, said)
    if not targets and quad_class(event.cameo) in (2, 4):
        targets = [t] if (t := sides.place_target(event)) is not None else []
    if not targets:
        targets = [t] if (t := sides.home_target(event)) is not None else []
    return [replace(event, target=target) for target in targets] or [event]


def _told_the_press(sides: DecidedRoles, event: Event) -> bool:
    """Whether `event` is a statement made to the press ("Congo's foreign minister told
    reporters"): its audience, not whom an act it reports is done to ("Kigali is behind M23" is
    an accusation of Rwanda), which `_addressed` then finds in the sentence."""
    audience = event.target.actor if event.target is not None else None
    return is_statement(event.cameo) and sides.roles.press(audience)


def _announcing(event: Event) -> str | None:
    """The CAMEO code of announcing `event`'s act when the sentence announces it rather than
    reports it done ("will give", "plans to impose", "would pull back if ..."): an intent to
    cooperate or to yield, or a threat (`tables.announced`); negated, the refusal of
    cooperation or of a yield ("will not give up enrichment", `tables.refused`); None
    otherwise. A meeting set without a modal ("will travel to Caracas next week to discuss") is
    the meeting: PLOVER's manual keeps an act's own type when it is clear it will happen."""
    if not event.future:
        return None
    if event.negated:
        return refused(event.cameo)
    if event.cameo.startswith(CONSULT_ROOT) and not event.hypothetical:
        return None
    return announced(event.cameo)


def _readings(sides: DecidedRoles, event: Event) -> set[str]:
    """The type labels a rule event may be kept as: its own, an announced act's announcing's
    (`_as_announced`) and a blow struck in words' criticism (`_in_words`), which it becomes once
    its sentence is decided."""
    said = _in_words(sides, event)
    codes = (event.cameo, said.cameo, _announcing(said))
    return {label_of_code(code) or NONE for code in codes if code}


def _as_announced(event: Event) -> Event:
    """`event` as the act of announcing or refusing it (`_announcing`), which is done, so no
    longer future nor negated; any other event as it is."""
    code = _announcing(event)
    if code is None:
        return event
    how = "refused" if event.negated else "announced"
    drivers = (*event.drivers, Driver(f"{how} {event.cameo} → {code}", 1.0))
    typed = event_tables().typed(code)
    return replace(event, **typed, future=False, negated=False, drivers=drivers)


def _in_words(sides: DecidedRoles, event: Event) -> Event:
    """`event` as the criticism it is when a person's blow at a person is struck in words
    (`DecidedRoles.struck_in_words`: "Sanders attacked Clinton over her Wall Street speeches");
    any other event as it is."""
    if not sides.struck_in_words(event):
        return event
    rule = sides.coder.patterns.in_words_id
    drivers = (*event.drivers, Driver(f"{rule} in words {event.cameo} → {CRITICIZE}", 1.0))
    return replace(event, **event_tables().typed(CRITICIZE), drivers=drivers)


def _told_again(event: Event, decided: list[Event], root: Token) -> bool:
    """`event`, in a clause of purpose or complement below the main predicate, repeats the main
    predicate's event of the decided type with the same sides ("summoned Ghana's ambassador to
    complain about ...": one protest); a conjoined act ("bombed Gaza and killed ...") is not."""
    if _covers(event, root.idx):
        return False
    span = root.doc.char_span(event.evidence.start, event.evidence.end, alignment_mode="expand")
    if span is None or span.root.head != root or span.root.dep_ not in _PURPOSE_CLAUSES:
        return False
    sides = (_code(event.source), _code(event.target))
    # an act announced is told as its announcing ("threatened to shell Iraqi towns": a threat)
    told_as = label_of_code(code) if (code := _announcing(event)) else None
    return any(
        _covers(main, root.idx)
        and (_code(main.source), _code(main.target)) == sides
        and label_of_code(main.cameo) in {label_of_code(event.cameo), told_as}
        for main in decided
    )


def _covers(event: Event, offset: int) -> bool:
    return event.evidence.start <= offset < event.evidence.end


def _flags(event: Event) -> int:
    return event.negated + event.hypothetical + event.future


def _code(side: EventActor | None) -> str | None:
    return side.code if side is not None else None


def _drivers(decision: Decision) -> tuple[Driver, ...]:
    return tuple(Driver(feature, weight) for feature, weight in decision.drivers)


def _bare(
    sides: DecidedRoles,
    index: int,
    decision: Decision,
    *,
    subject_only: bool = False,
    sectors: bool = False,
    unnamed_doer: bool = False,
) -> list[Event]:
    """The decision coded from sentence `index`'s actors, no rule event carrying it; with
    `unnamed_doer`, violence by a means that names no doer has an unidentified source, no actor
    of the text (`DecidedRoles.sentence_events`), and the means stays its first driver."""
    found = sides.sentence_events(
        index,
        code_of_label(decision.label),
        RULE,
        round(decision.probability, 4),
        subject_only=subject_only,
        sectors=sectors,
        unnamed_doer=unnamed_doer,
    )
    model_drivers = _drivers(decision)
    return [
        replace(event, drivers=(*event.drivers, *model_drivers))
        if event.source is not None and event.source.actor is None
        else replace(event, drivers=model_drivers)
        for event in found
    ]


def coder_named(name: str, verbs: VerbDictionary | None = None) -> EventCoder:
    """The coder `name` ("rule" or "learned", as settings.py checks) over `verbs`; a Pipeline
    builds its own once."""
    return LearnedCoder(verbs) if name == "learned" else RuleCoder(verbs)


def selected_coder(verbs: VerbDictionary | None = None) -> EventCoder:
    """The coder DETENTE_EVENT_CODER names (learned by default)."""
    return coder_named(Settings.from_env().event_coder, verbs)


def code_events(
    doc: Doc,
    actors: ActorFindings,
    *,
    quotes: Sequence[Quote] = (),
    published: datetime.date | None = None,
    verbs: VerbDictionary | None = None,
) -> list[Event]:
    """Events of `doc` by the selected coder, in text order (the pipeline's entry point)."""
    return selected_coder(verbs).code(doc, actors, quotes=quotes, published=published)
