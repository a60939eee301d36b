"""Coding events from a parsed Doc: verbs through the CAMEO dictionary, nouns through our patterns.

Each sentence's nouns and verbs are coded in text order, then the quotes not coded through their
cue verb; who fills the roles is roles.py's, and an event's flags, date and place are read from
the clause of its anchor (flags.py, when.py, where.py). Decisions:

* Compound actors ("Russia and NATO") give one event per (source, target) pair; a compound subject
  without a target acts mutually (A→B and B→A) when it cooperates, fights ("clashed"), exchanges
  something or acts on their ties or meeting; other conflict it does jointly, with no target
  ("China and Russia attacked the convoy"). One act found twice (a quote's cue verb and the
  quote) is one event.
* An event needs a source with a country or organisation code; a bare sector ("---MIL" for
  "forces") fills no role. An actor is not the target of its own country, unless both name
  different sectors of it ("Russian police arrested Russian students"). A verb's default code
  needs a target (PETRARCH's "require dyad"); a pattern match does not. A negated verb's default
  code is no event; a pattern's is, flagged.
* No self-pairs: an actor is never its own target, nor is another actor of its code ("President
  Obama" and "the Obama administration", two senators): a dyad series of codes cannot tell them
  apart. GDELT codes such pairs, hence its many USA→USA rows. The exception is a meeting among
  an actor's members, named by a meeting word and a plural noun ("the NATO ministers met", "the
  meeting of NATO ministers").
* What is demanded is not an event ("urged Russia to withdraw": only the demand).
* Nouns that name events (patterns.toml, N01…) are coded when an actor is in their phrase; the
  same nominal event mentioned again (same pattern and actors) is coded once, and one that a
  verb's pattern matched with the verb's root is the verb's act ("held a meeting with": 046).
  Where a meeting is held ("in Hanoi") is none of its participants.
* Statements: a quote's cue verb is coded with its dictionary code when it has a target or a
  pattern matched ("urged Russia"), else as a statement (01x) with the quote's content as
  evidence. A quote with no coded cue becomes a 010 statement of its speaker (S01), or an
  accusation (112, T01) when it reports a conflictual act of another actor: CAMEO.2.0's
  transformation "a says (b . ATTACK) = a b 112", for every conflictual code. Events reported in
  a quote keep their own actors; "I" and "we" there are the speaker.
"""

from __future__ import annotations

import datetime
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Token

from detente.errors import DictionaryError, Errors
from detente.events import flags
from detente.events.dictionary import ClauseWords, Code, VerbDictionary, read_entries
from detente.events.parse import (
    OBJECTS,
    PASSIVE_SUBJECTS,
    SUBJECTS,
    ParsedDoc,
    end_char,
    first_child,
    scores_a_game,
)
from detente.events.roles import MEETING_WORDS, Roles
from detente.events.tables import (
    APPEAL_ROOT,
    CONSIDER,
    CONSULT_ROOT,
    DATA,
    DEMAND_ROOT,
    DISAPPROVE_ROOT,
    FIGHT_ROOT,
    MASS_VIOLENCE_ROOT,
    STATEMENT_ROOT,
    VIOLENCE_ROOTS,
    EventTables,
    event_tables,
    is_statement,
    quad_class,
)
from detente.events.when import EventDates
from detente.events.where import anchor_location, names_a_territory
from detente.mentions import conjuncts
from detente.records import ActorFindings, Driver, Event, EventActor, Quote, Span

# what the evidence of a verb event covers after the verb
_EVIDENCE_DEPENDENTS = OBJECTS | {"prep", "xcomp", "prt", "advmod"}
_STATEMENT = Code("010")
_REQUEST_ROOTS = frozenset({APPEAL_ROOT, DEMAND_ROOT})
# checked in this order: our additions take precedence over CAMEO.2.0
BUNDLED_VERB_FILES = (DATA / "verb_additions.tsv", DATA / "cameo_verbs.tsv")
_ACCUSE = Code("112")
# statements and appeals are said to someone or to no one: "A and B said" is not A to B
_ADDRESSED_ROOTS = (STATEMENT_ROOT, APPEAL_ROOT)
# A compound subject without a target cooperates with itself ("signed an agreement", "held
# talks"), but is a joint doer of conflict: "China and Russia attacked the convoy", "protested",
# "threatened to retaliate" are no acts on each other. Fights ("clashed"), exchanges ("traded
# accusations", "accused each other") and acts on their ties or meeting ("cut ties", "postponed
# their meeting") are mutual. Alternatives ("Bulgaria or Romania would fill the slot") do
# nothing together.
_COOPERATION_ROOTS = frozenset(f"{root:02d}" for root in range(3, 9))
_ALTERNATIVES = frozenset({"or", "nor"})
_FIGHT_ROOTS = frozenset({FIGHT_ROOT, MASS_VIOLENCE_ROOT})
_FIGHT_VERBS = frozenset({"clash", "fight", "battle", "skirmish", "feud", "spar", "war"})
_EXCHANGE_VERBS = frozenset({"exchange", "trade", "swap"})
_TIE_NOUNS = frozenset({"tie", "relation", "contact"})  # and MEETING_WORDS
_EACH_OTHER = ("each other", "one another")
# the words of a noun phrase that name what it is ("car bomb", "explosive device")
_MEANS_MODIFIERS = frozenset({"compound", "amod"})


@dataclass(frozen=True, slots=True)
class NominalPattern:
    id: str
    nouns: frozenset[str]
    requires: frozenset[str]
    code: str
    source: str  # participants | agent
    target: str  # same | done_to | next
    performed_by: frozenset[str]

    def performer(self, noun: Token) -> Token | None:
        """The verb whose subject performs the event `noun` names, when `noun` is its object
        ("Russia launched an invasion of Ukraine")."""
        verb = noun.head
        return verb if noun.dep_ in OBJECTS and verb.lemma_.lower() in self.performed_by else None


@dataclass(frozen=True, slots=True)
class Patterns:
    nominal: tuple[NominalPattern, ...]
    means_id: str  # the id of the means of violence, named in the events they drive
    violent_means: frozenset[str]  # its words and the nouns of the violence patterns
    in_words_id: str  # the id of the blows struck in words
    figurative_blows: frozenset[str]  # words of blows news also strikes in words
    arms: frozenset[str]  # words of blows it never does: harms, things only arms strike, means

    def nominal_for(self, lemma: str) -> list[NominalPattern]:
        return [p for p in self.nominal if lemma in p.nouns]

    def performed(self, noun: Token) -> bool:
        return any(p.performer(noun) for p in self.nominal_for(noun.lemma_.lower()))

    def violent_word(self, noun: Token) -> Token | None:
        """The word by which `noun` names a means of violence ("bomb" of "a roadside bomb",
        "explosive" of "an explosive device", "bombing"), or None."""
        words = (noun, *(c for c in noun.children if c.dep_ in _MEANS_MODIFIERS))
        return next((w for w in words if w.lemma_.lower() in self.violent_means), None)


@lru_cache(maxsize=1)
def event_patterns() -> Patterns:
    """Our nominal patterns (data/events/patterns.toml), read once."""
    path = DATA / "patterns.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        nominal = tuple(
            NominalPattern(
                p["id"],
                frozenset(p["nouns"]),
                frozenset(p.get("requires", ())),
                p["code"],
                p["source"],
                p["target"],
                frozenset(p.get("performed_by", ())),
            )
            for p in data["nominal"]
        )
        means = data["violent_means"]
        violent_nouns = (p.nouns for p in nominal if p.code[:2] in VIOLENCE_ROOTS)
        violent_means = frozenset(means["words"]).union(*violent_nouns)
        words = data["in_words"]
        blows = frozenset(words["blows"])
    except (OSError, tomllib.TOMLDecodeError, KeyError) as exc:
        raise DictionaryError(Errors.E453.format(path=path, detail=repr(exc))) from None
    return Patterns(
        nominal,
        means["id"],
        violent_means,
        words["id"],
        blows,
        (violent_means - blows) | frozenset(words["harms"]) | frozenset(words["struck"]),
    )


@lru_cache(maxsize=1)
def bundled_verbs() -> VerbDictionary:
    return VerbDictionary.build([(str(path), read_entries(path)) for path in BUNDLED_VERB_FILES])


@dataclass(slots=True)
class _Draft:
    """An event before ids, tables and dates are filled in."""

    sources: list[str]
    targets: list[str | None]
    code: Code
    rule: str
    anchor: Token  # the verb or noun: its clause gives flags, date and place
    evidence: tuple[int, int]  # character offsets
    confidence: float
    quote: str | None = None
    words: tuple[int, ...] = ()  # the words a verb's pattern matched besides the verb
    among_members: bool = False  # a meeting of several people of one actor: source = target
    # violence whose doer the text does not name ("a roadside bomb killed ..."): the source is
    # PLOVER's unidentified actor, no actor of the text (`sources` empty)
    unidentified: EventActor | None = None
    source_text: dict[str, str] = field(default_factory=dict)
    target_text: dict[str, str] = field(default_factory=dict)


def _object_said(verb: Token, cue: Quote) -> bool:
    """Whether what `cue` reports is `verb`'s object ("criticized the plan"), not a clause or a
    quotation."""
    return any(c.dep_ == "dobj" and c.left_edge.idx == cue.content.start for c in verb.children)


def acts_mutually(cameo: str, anchor: Token) -> bool:
    """Whether several doers of an act of CAMEO `cameo` at `anchor` that names no one it is done
    to act on each other (see _COOPERATION_ROOTS)."""
    root = cameo[:2]
    if root in _ADDRESSED_ROOTS or _alternatives(anchor):
        return False
    if root in _COOPERATION_ROOTS:
        return True
    objects = [c for c in anchor.children if c.dep_ == "dobj"]
    if anchor.lemma_ in _EXCHANGE_VERBS or any(
        o.lemma_ in _TIE_NOUNS
        or o.lemma_ in MEETING_WORDS
        or o.doc[o.left_edge.i : o.i + 1].text.lower() in _EACH_OTHER
        for o in objects
    ):
        return True
    return root in _FIGHT_ROOTS and anchor.lemma_ in _FIGHT_VERBS


def _alternatives(anchor: Token) -> bool:
    """Whether the subject of `anchor` names its doers as alternatives ("Bulgaria, Israel or
    Romania would fill the slot")."""
    subject = first_child(anchor, SUBJECTS | PASSIVE_SUBJECTS)
    if subject is None:
        return False
    members = {t.i for t in conjuncts(subject)}
    return any(
        t.dep_ == "cc" and t.lower_ in _ALTERNATIVES and t.head.i in members
        for t in subject.subtree
    )


_AUXPASS = frozenset({"auxpass"})
DIRECT_OBJECT = frozenset({"dobj"})
# the rule of a quote's accusation, CAMEO.2.0's "a says (b . ATTACK) = a b 112": a reading of the
# whole quote, not the act of the sentence's main predicate
QUOTED_ACCUSATION = "T01"


class _Coder:
    def __init__(
        self,
        doc: Doc,
        actors: ActorFindings,
        quotes: Sequence[Quote],
        published: datetime.date | None,
        verbs: VerbDictionary,
    ) -> None:
        self.quotes = list(quotes)
        self.parsed = ParsedDoc(doc, self.quotes)
        self.sentences = self.parsed.sentences  # read by the learned coder too
        self.findings = actors
        self.published = published
        self.verbs = verbs
        self.tables: EventTables = event_tables()
        self.patterns = event_patterns()
        self.consumed: set[int] = set()  # tokens already coded (pattern words, suppressed verbs)
        self.drafts: list[_Draft] = []  # coded so far, in text order of their sentences
        self.roles = Roles(self.parsed, actors)
        self.dates = EventDates(self.parsed, published)

    # -- driver ----------------------------------------------------------------------------------

    def run(self) -> list[Event]:
        drafts, consumed, parsed = self.drafts, self.consumed, self.parsed
        statements_done: set[str] = set()
        doc, pos, lemmas = parsed.doc, parsed.pos, parsed.lemmas
        for sentence in self.sentences:
            words = range(sentence.start, sentence.end)
            # nouns of events their verb performs: the verb's own dictionary pattern comes first
            performed: list[int] = []
            nominal: list[_Draft] = []
            for i in words:
                if (
                    pos[i] in ("NOUN", "PROPN")
                    and i not in consumed
                    and self.patterns.nominal_for(lemmas[i])
                ):
                    if self.patterns.performed(doc[i]):
                        performed.append(i)
                    else:
                        nominal.extend(self._nominal_events(doc[i]))
            coded_verbs: set[int] = set()
            patterned: dict[int, str] = {}  # a word a verb's pattern matched → the verb's root
            for i in words:
                if pos[i] in ("VERB", "AUX") and i not in consumed:
                    token = doc[i]
                    coded = self._verb_event(token)
                    if coded is not None:
                        drafts.append(coded)
                        coded_verbs.add(i)
                        patterned.update(dict.fromkeys(coded.words, (coded.code.main or "")[:2]))
                        if coded.quote and token.i in parsed.cue_at:
                            statements_done.add(coded.quote)
            # a nominal event a verb's pattern names is the verb's act ("Kenya held a meeting
            # with Uganda": the pattern's 046, not a second meeting)
            drafts.extend(
                d for d in nominal if patterned.get(d.anchor.i) != (d.code.main or "")[:2]
            )
            for i in performed:
                if i not in consumed and doc[i].head.i not in coded_verbs:
                    drafts.extend(self._nominal_events(doc[i]))
        drafts.extend(self._quote_statements(drafts, statements_done))
        drafts.sort(key=lambda d: (d.evidence[0], d.evidence[1]))
        return self.finish(drafts)

    def candidate_sentences(self, *, sectors: bool = False) -> list[int]:
        """Indexes of the sentences naming an actor that can fill an event role (the learned
        coder decides these); with `sectors`, a bare sector ("police") counts too."""
        fills = self.roles.sector_or_coded if sectors else self.roles.coded
        sentence_of = self.parsed.sentence_at
        named = {sentence_of[i] for i, a in self.findings.token_actor.items() if fills(a)}
        return sorted(named)

    # -- verbs -----------------------------------------------------------------------------------

    def _verb_event(self, verb: Token) -> _Draft | None:
        if verb.dep_ == "prep":  # "According to X": a preposition, not an act
            return None
        if not self.verbs.knows(verb):
            return None  # not in the dictionary: skip gathering its clause
        subject = first_child(verb, SUBJECTS)
        passive_subject = first_child(verb, PASSIVE_SUBJECTS)
        parsed = self.parsed
        # PETRARCH's pre-verb words are the sentence's words before the verb
        start = self.sentences[parsed.sentence_at[verb.i]].start
        before = ClauseWords(
            range(start, verb.i), parsed.lowers[start : verb.i], parsed.lemmas[start : verb.i]
        )
        time_words = parsed.time_words
        after = parsed.words(
            [t.i for t in parsed.clause(verb) if t.i > verb.i and t.i not in time_words]
        )
        match = self.verbs.match(verb, before, after, negated=flags.negated(verb))
        if match is None or not (match.code.main or match.code.reverse):
            return None
        if not match.tokens and any(self.patterns.performed(c) for c in verb.children):
            return None  # "conducted a raid": the noun's event, not the verb's default code
        code = match.code
        if quad_class(code.main or "") == 4 and scores_a_game(parsed.clause(verb)):
            # a game's result told with a verb of violence ("Switzerland beat Gibraltar 6-0")
            return None
        self.consumed.update(match.tokens)
        if code.main and code.main[:2] in _REQUEST_ROOTS:
            # what is demanded ("urged Russia to withdraw") has not happened: not an event
            self.consumed.update(t.i for c in verb.children if c.dep_ == "xcomp" for t in c.subtree)
        cue = parsed.cue_at.get(verb.i)
        quote = cue or parsed.quote_at.get(verb.i)
        negated = flags.negated(verb)
        if negated and not match.tokens:
            return None  # a negated verb's default code is no event; a pattern's is, flagged
        # a passive verb conjoined to another shares its subject as the one it acts on
        # ("fishermen, held captive in Libya, have been freed by Libyan forces"; "workers were
        # kidnapped and later released by al-Shabaab")
        shared_passive = subject is None and (
            first_child(verb, _AUXPASS) is not None
            or (
                verb.dep_ == "conj"
                and verb.tag_ == "VBN"
                and first_child(verb.head, PASSIVE_SUBJECTS) is not None
            )
        )
        # a verb of consulting or considering coded by its block, not by a pattern
        consult = (code.main or "").startswith((CONSULT_ROOT, CONSIDER)) and not match.tokens
        if passive_subject is not None or shared_passive:
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            agent_object = (
                next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
            )
            sources = self.roles.actors_of(agent_object, verb) if agent_object is not None else []
            targets = (
                self.roles.actors_of(passive_subject, verb)
                if passive_subject is not None
                else self.roles.inherited_subject(verb)
            )
        else:
            sources = self.roles.actors_of(subject, verb) if subject is not None else []
            if not sources and subject is not None:
                # "Old foes India and Pakistan renewed ties": the parser split the subject
                more = (c for c in verb.children if c.dep_ in SUBJECTS and c is not subject)
                sources = next((ids for c in more if (ids := self.roles.actors_of(c, verb))), [])
            if not sources and subject is None:
                sources = self.roles.inherited_subject(verb)
            if not sources and cue is not None:
                sources = self.roles.speaker_actors(cue)
            # a cue verb's clause holds what was said: its actors are not the speech's target;
            # nor is anyone after a verb of consulting or considering but its object or partner
            # ("I think the president is wrong" considers nobody; "met with Ryan" does)
            root = code.main or ""
            targets = self.roles.slot_actors(verb, match, sources) or self.roles.object_actors(
                verb,
                sources,
                fallback=cue is None and not consult,
                accusation=root.startswith(DISAPPROVE_ROOT),
            )
        sources = [s for s in sources if self.roles.coded(s)]
        if not sources:
            return None
        targets = [t for t in targets if t not in sources]
        among_members = False
        if (
            not targets
            and (code.main or "").startswith(CONSULT_ROOT)
            and verb.lemma_.lower() in MEETING_WORDS
            and len(sources) == 1
            and cue is None
            and subject is not None
            and self.roles.members(sources[0], [subject])
        ):
            targets = list(sources)  # "the NATO ministers met": a meeting among its members
            among_members = True
        if not targets and not match.tokens and len(sources) < 2:
            # A verb's default code needs a target (PETRARCH's "require dyad"); a quote's cue
            # verb without one is a statement, but for one whose object is what it reports, a
            # speech act of its own ("Lavrov criticized the plan" is criticism), and one of
            # considering, which needs what it considers ("I think" is the quote's); so is a
            # statement reported inside a quote
            if cue is not None:
                said = code.main is not None and (
                    is_statement(code.main) or _object_said(verb, cue)
                )
                code = code if said and not consult else _STATEMENT
            elif not (is_statement(code.main or "") and quote is not None and not consult):
                return None
        matched = [verb.i, *match.tokens]
        start_token = min([verb.i, *match.tokens, *(self._mention_tokens(subject))])
        end_token = max([*matched, *self._object_span(verb)])
        evidence = (parsed.doc[start_token].idx, end_char(parsed.doc[end_token]))
        if cue is not None and is_statement(code.main or ""):
            evidence = (cue.content.start, cue.content.end)
        return _Draft(
            sources=sources,
            targets=[t for t in targets if t not in sources or among_members] or [None],
            code=code,
            rule=match.rule,
            anchor=verb,
            evidence=evidence,
            confidence=0.7 if match.tokens else 0.6,
            quote=quote.id if quote else None,
            words=match.tokens,
            among_members=among_members,
        )

    def _object_span(self, verb: Token) -> list[int]:
        """Token indices of the verb's object phrase (for the evidence), without subclauses."""
        out: list[int] = []
        for child in verb.children:
            if child.i > verb.i and child.dep_ in _EVIDENCE_DEPENDENTS:
                out.extend(t.i for t in child.subtree if not self.parsed.below(t.i, child.i))
        return out

    def _mention_tokens(self, token: Token | None) -> list[int]:
        return [] if token is None else [t.i for t in token.subtree]

    # -- nouns -----------------------------------------------------------------------------------

    def _described_by_apposition(self, phrase: Sequence[Token]) -> set[int]:
        """Tokens of `phrase` in a description whose apposition names the same party with an
        actor of its own: "Chinese" of "a meeting between Trump and his Chinese counterpart, Xi
        Jinping", one participant, not two. A name with its apposition ("Somalia's National
        Security Council (NSC)", "Benghazi, Libya") keeps its own actor."""
        token_actor = self.findings.token_actor
        described: set[int] = set()
        for token in phrase:
            head = token.head
            if (
                token.dep_ == "appos"
                and head.pos_ == "NOUN"
                and any(t.i in token_actor for t in token.subtree)
            ):
                described.update(i for i in range(head.left_edge.i, head.i + 1) if i in token_actor)
        return described

    def _nominal_events(self, noun: Token) -> list[_Draft]:
        for pattern in self.patterns.nominal_for(noun.lemma_.lower()):
            phrase = list(noun.subtree)
            if pattern.requires and not any(t.lemma_.lower() in pattern.requires for t in phrase):
                continue
            described = self._described_by_apposition(phrase)
            # where a meeting is held is none of its participants ("a meeting between the two
            # prime ministers in Hanoi", "the summit in Addis Ababa")
            held_at = (
                {w.i for t in phrase if names_a_territory(t) for w in t.subtree}
                if pattern.source == "participants"
                else set()
            )
            actor_tokens = [
                t
                for t in phrase
                if t.i in self.findings.token_actor and t.i not in described and t.i not in held_at
            ]
            ordered: list[str] = []
            for token in actor_tokens:
                actor_id = self.findings.token_actor[token.i]
                if actor_id not in ordered:
                    ordered.append(actor_id)
            performer = pattern.performer(noun)
            if not ordered and performer is None:
                return []
            sources, targets = self.roles.nominal_roles(
                noun, ordered, source=pattern.source, target=pattern.target, performer=performer
            )
            if not sources:
                return []
            span = [t.i for t in phrase if not self.parsed.below(t.i, noun.i)]
            if performer is not None:  # "Russia launched an invasion of Ukraine": the whole act
                subject = first_child(performer, SUBJECTS)
                span += [performer.i, *self._mention_tokens(subject), *self._object_span(performer)]
            start, end = min(span), max(span)
            self.consumed.add(noun.i)
            return [
                _Draft(
                    sources=sources,
                    targets=targets,
                    code=Code(pattern.code),
                    rule=pattern.id,
                    anchor=noun,
                    evidence=(self.parsed.doc[start].idx, end_char(self.parsed.doc[end])),
                    confidence=0.6,
                    quote=q.id if (q := self.parsed.quote_at.get(noun.i)) else None,
                    among_members=targets == sources,  # nominal_roles' meeting among members
                )
            ]
        return []

    # -- quotes ----------------------------------------------------------------------------------

    def _quote_statements(self, drafts: list[_Draft], done: set[str]) -> list[_Draft]:
        """A statement (010) for each quote not yet coded through its cue verb; an accusation
        (112) when the quote reports a conflictual act of another actor."""
        out: list[_Draft] = []
        by_quote: dict[str, list[_Draft]] = {}
        for draft in drafts:
            if draft.quote is not None:
                by_quote.setdefault(draft.quote, []).append(draft)
        for quote in self.quotes:
            if quote.id in done:
                continue
            speaker = [s for s in self.roles.speaker_actors(quote) if self.roles.coded(s)]
            if not speaker:
                continue
            inside = [
                d
                for d in by_quote.get(quote.id, ())
                if d.code.main
                and quad_class(d.code.main) in (3, 4)
                and quote.content.start <= d.evidence[0] < quote.content.end
            ]
            accused = [s for d in inside for s in d.sources if self.roles.other(s, speaker)]
            tokens = self.parsed.tokens(quote.content)
            anchor = tokens[0] if tokens else self.parsed.doc[0]
            out.append(
                _Draft(
                    sources=speaker,
                    targets=list(dict.fromkeys(accused)) or [None],
                    code=_ACCUSE if accused else _STATEMENT,
                    rule=QUOTED_ACCUSATION if accused else "S01",
                    anchor=anchor,
                    evidence=(quote.content.start, quote.content.end),
                    confidence=0.5,
                    quote=quote.id,
                )
            )
        return out

    # -- finishing: roles, tables, flags, dates, places -------------------------------------------

    def finish(self, drafts: list[_Draft]) -> list[Event]:
        events: list[Event] = []
        seen: set[tuple[str, str | None, str | None, str]] = set()
        # one act found twice (a quote's cue verb and the quote itself) is one event
        coded: set[tuple[str | None, str | None, str, tuple[int, int]]] = set()
        for draft in drafts:
            for source, target, code in self._pairs(draft):
                key = (draft.rule, self._code_of(source), self._code_of(target), code)
                if draft.anchor.pos_ == "NOUN" and key in seen:
                    continue  # the same nominal event mentioned again ("the recent meeting")
                if (source, target, code, draft.evidence) in coded:
                    continue
                seen.add(key)
                coded.add((source, target, code, draft.evidence))
                # an actor with several codes ("FRO/BIL/SAM": the Shire's three peoples) acts
                # as each of them, as in PETRARCH
                for source_code in self.codes(source) if source else [None]:
                    for target_code in self.codes(target) if target else [None]:
                        sides = (
                            self.roles.event_actor(source, source_code, draft.anchor)
                            if source
                            else draft.unidentified,
                            self.roles.event_actor(target, target_code, draft.anchor)
                            if target
                            else None,
                        )
                        events.append(self._event(draft, sides, code, len(events) + 1))
        return events

    def codes(self, actor_id: str) -> list[str | None]:
        code = self._code_of(actor_id)
        return list(code.split("/")) if code else [None]

    def _pairs(self, draft: _Draft) -> Iterable[tuple[str | None, str | None, str]]:
        targets = draft.targets
        if draft.unidentified is not None:
            # done to each target by no actor of the text, so never returned
            yield from ((None, t, draft.code.main) for t in targets if t and draft.code.main)
            return
        mutual = (
            targets == [None]
            and len(draft.sources) > 1
            and acts_mutually(draft.code.main or "", draft.anchor)
        )
        among_members = draft.among_members
        if mutual:
            # "Gondor and Osgiliath renewed ties": each does it with the other
            targets = list(draft.sources)
        for source in draft.sources:
            # the forces a show of force or a threat is made with are no target; the others named
            # are ("Bangladesh deployed police and troops in Dhaka": none)
            aimed = [
                t
                for t in targets
                if t is None or not self.roles.acts_with(draft.code.main, source, t)
            ]
            for target in aimed or [None]:
                if target is not None and self.self_pair(source, target) and not among_members:
                    continue
                if draft.code.main:
                    yield source, target, draft.code.main
                if (
                    draft.code.reverse
                    and target is not None
                    and target != source
                    and not mutual
                    and not self._struck(draft, target)
                ):
                    yield target, source, draft.code.reverse

    def _struck(self, draft: _Draft, target: str) -> bool:
        """`target` is the object of a blow ("Russian missiles hit a hospital"): the
        dictionary's fight codes that go both ways (`193:193`) are for exchanges ("clashed
        with", "traded fire"), and a blow is not returned by being named."""
        if (draft.code.main or "")[:2] not in VIOLENCE_ROOTS:
            return False
        struck = first_child(draft.anchor, DIRECT_OBJECT)
        return struck is not None and target in self.roles.actors_of(struck, draft.anchor)

    def self_pair(self, source: str, target: str) -> bool:
        """One actor, or two of one code ("President Obama" and "the Obama administration"; two
        senators): at the level of codes a dyad series cannot tell them apart."""
        code = self._code_of(source)
        return source == target or (code is not None and code == self._code_of(target))

    def _code_of(self, actor_id: str | None) -> str | None:
        actor = self.roles.actor_by_id.get(actor_id) if actor_id else None
        return actor.code if actor else actor_id

    def _event(
        self,
        draft: _Draft,
        sides: tuple[EventActor | None, EventActor | None],
        code: str,
        number: int,
    ) -> Event:
        anchor = draft.anchor
        date, date_text = self.dates.date(anchor)
        negated = flags.negated(anchor)
        hypothetical = flags.hypothetical(anchor)
        future = flags.future(anchor)
        historical = self.dates.historical(date, date_text)
        start, end = draft.evidence
        return Event(
            id=f"E{number}",
            source=sides[0],
            target=sides[1],
            **self.tables.typed(code),
            evidence=Span.of(self.parsed.text, start, end),
            sentence=self.parsed.sentence_at[anchor.i],
            rule=draft.rule,
            confidence=draft.confidence,
            date=date or (self.published.isoformat() if self.published else None),
            date_text=date_text,
            location=anchor_location(anchor, self.parsed.entity_at),
            negated=negated,
            hypothetical=hypothetical,
            future=future,
            historical=historical,
            quote=draft.quote,
            drivers=(Driver(anchor.text, 1.0),),  # the dictionary entry's word in this sentence
        )
