"""Coding events from a parsed Doc: verbs through the CAMEO dictionary, nouns through our patterns.

Each sentence's nouns and verbs are coded in text order, then the quotes not coded through their
cue verb; who fills the roles is roles.py's, and an event's flags, date and place are read from
the clause of its anchor (flags.py, when.py, where.py). Decisions:

* Compound actors ("Russia and NATO") give one event per (source, target) pair; a compound subject
  without a target acts mutually (A→B and B→A). One act found twice (a quote's cue verb and the
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
  same nominal event mentioned again (same pattern and actors) is coded once.
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
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Token

from detente.actors import names_its_country
from detente.countries import country
from detente.errors import DictionaryError, Errors
from detente.events import flags
from detente.events.dictionary import ClauseWords, Code, VerbDictionary, read_entries
from detente.events.parse import (
    OBJECTS,
    PASSIVE_SUBJECTS,
    SUBJECTS,
    ParsedDoc,
    circumstances,
    end_char,
    first_child,
)
from detente.events.roles import MEETING_WORDS, Roles
from detente.events.tables import DATA, EventTables, event_tables, quad_class
from detente.events.when import EventDates
from detente.events.where import anchor_location, names_a_place
from detente.records import ActorFindings, Driver, Event, EventActor, Quote, Span

# what the evidence of a verb event covers after the verb
_EVIDENCE_DEPENDENTS = OBJECTS | {"prep", "xcomp", "prt", "advmod"}
_STATEMENT = Code("010")
_REQUEST_ROOTS = frozenset({"02", "10"})  # appeals and demands
# checked in this order: our additions take precedence over CAMEO.2.0
BUNDLED_VERB_FILES = (DATA / "verb_additions.tsv", DATA / "cameo_verbs.tsv")
_ACCUSE = Code("112")
# statements and appeals are said to someone or to no one: "A and B said" is not A to B
_ADDRESSED_ROOTS = ("01", "02")


@dataclass(frozen=True, slots=True)
class NominalPattern:
    id: str
    nouns: frozenset[str]
    requires: frozenset[str]
    code: str
    source: str  # participants | agent
    target: str  # same | of | next


@dataclass(frozen=True, slots=True)
class Patterns:
    nominal: tuple[NominalPattern, ...]

    def nominal_for(self, lemma: str) -> list[NominalPattern]:
        return [p for p in self.nominal if lemma in p.nouns]


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
            )
            for p in data["nominal"]
        )
    except (OSError, tomllib.TOMLDecodeError, KeyError) as exc:
        raise DictionaryError(Errors.E453.format(path=path, detail=repr(exc))) from None
    return Patterns(nominal)


@lru_cache(maxsize=1)
def bundled_verbs() -> VerbDictionary:
    return VerbDictionary.build([(str(path), read_entries(path)) for path in BUNDLED_VERB_FILES])


# nouns of places, whose modifiers say where an act happened, not who did it
_PLACE_NOUNS = frozenset(
    {
        *("city", "town", "village", "province", "district", "region", "area", "capital"),
        *("suburb", "neighborhood", "neighbourhood", "border", "state", "county", "port"),
    }
)


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
    among_members: bool = False  # a meeting of several people of one actor: source = target
    source_text: dict[str, str] = field(default_factory=dict)
    target_text: dict[str, str] = field(default_factory=dict)


_AUXPASS = frozenset({"auxpass"})


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
        self.roles = Roles(self.parsed, actors, self.drafts)
        self.dates = EventDates(self.parsed, published)

    # -- driver ----------------------------------------------------------------------------------

    def run(self) -> list[Event]:
        drafts, consumed, parsed = self.drafts, self.consumed, self.parsed
        statements_done: set[str] = set()
        doc, pos, lemmas = parsed.doc, parsed.pos, parsed.lemmas
        for sentence in self.sentences:
            words = range(sentence.start, sentence.end)
            for i in words:
                if (
                    pos[i] in ("NOUN", "PROPN")
                    and i not in consumed
                    and self.patterns.nominal_for(lemmas[i])
                ):
                    drafts.extend(self._nominal_events(doc[i]))
            for i in words:
                if pos[i] in ("VERB", "AUX") and i not in consumed:
                    token = doc[i]
                    coded = self._verb_event(token)
                    if coded is not None:
                        drafts.append(coded)
                        if coded.quote and token.i in parsed.cue_at:
                            statements_done.add(coded.quote)
        drafts.extend(self._quote_statements(drafts, statements_done))
        drafts.sort(key=lambda d: (d.evidence[0], d.evidence[1]))
        return self._finish(drafts)

    def candidate_sentences(self, *, sectors: bool = False) -> list[int]:
        """Indexes of the sentences naming an actor that can fill an event role (the learned
        coder decides these); with `sectors`, a bare sector ("police") counts too."""
        fills = self.roles.sector_or_coded if sectors else self.roles.coded
        sentence_of = self.parsed.sentence_at
        named = {sentence_of[i] for i, a in self.findings.token_actor.items() if fills(a)}
        return sorted(named)

    def sentence_events(
        self,
        index: int,
        code: str,
        rule: str,
        confidence: float,
        *,
        subject_only: bool = False,
        sectors: bool = False,
    ) -> list[Event]:
        """Events of a decision made without a rule (the learned coder) on sentence `index`: the
        source is the actor of the main verb's subject, else (unless `subject_only`) the actor of a
        subject without a code, else the first coded actor that is not where the act happened; the
        target the first other actor (not of the source's country); flags, date and place as for
        rules. With `sectors`, bare sectors fill roles too.

        A material act whose main verb reports it ("Rebels shelled Goma, officials said") is the
        reported clause's: its subject is the source, its passive subject the target, and the
        speaker is its source only when its subject is a pronoun that names no other actor
        ("China announced it would drop tariffs"); a passive act without a by-agent has no
        source the sentence names ("soldiers were wounded, officials said"): no event."""
        fills = self.roles.sector_or_coded if sectors else self.roles.coded
        sentence = self.sentences[index]
        anchor = self._reported_act(sentence.root, code)
        reported = anchor.i != sentence.root.i
        speaker = self._attribution(index) if reported else None
        said_by = self._reporters(index, speaker=reported)
        actor_ids = [a for a in self._named(index, besides=said_by) if fills(a)]
        subject = first_child(anchor, SUBJECTS)
        sources = self.roles.actors_of(subject, anchor, accept=fills) if subject is not None else []
        if not sources and subject is not None and subject.pos_ == "PRON":
            # "China announced it would drop ...": the speaker
            sources = self.roles.actors_of(speaker, sentence.root, accept=fills) if speaker else []
        passive = first_child(anchor, PASSIVE_SUBJECTS)
        own_passive = passive if not reported else None  # the anchor's own, not a reported one
        agents = self._agents(anchor, self.roles.known) if own_passive is not None else []
        undergo = self._patients(own_passive) if own_passive is not None else []
        if agents or undergo:
            # "Two soldiers were killed by Turkish jets": the agent acts on the passive subject;
            # without one, whoever the means or occasion names ("killed in a Taliban attack",
            # "wounded in Israeli airstrikes"); a place is no doer ("were killed in Kenya when
            # two dams burst", "near the border with Lebanon"): then there is no event
            sources = (
                agents
                or [a for a in self._means_actors(anchor) if a not in undergo and fills(a)][:1]
            )
            if not sources:
                return []
            actor_ids = [a for a in undergo if fills(a)] + actor_ids
        elif passive is not None and reported:
            sources = self._agents(anchor, fills)
            if not sources:
                return []
            actor_ids = self.roles.actors_of(passive, anchor, accept=fills) + actor_ids
        if not subject_only and not sources:
            # a subject naming someone without a code ("The senator refused to publish the
            # speeches she gave to Goldman Sachs") is still the doer: no other actor stands in
            if subject is not None:
                sources = self.roles.actors_of(subject, anchor, accept=self.roles.known)
            # a place the act happened in is no doer ("ethnic Albanians demonstrated in Serbia")
            sources = (
                sources or [a for a in actor_ids if a not in self._places(index, of_verb=True)][:1]
            )
        if not sources:
            return []
        others = self._outside_first(actor_ids, self._phrase_actors(subject, sources))
        targets = [a for a in others if self.roles.other(a, sources)][:1]
        draft = _Draft(
            sources=sources,
            targets=[*targets] or [None],
            code=Code(code),
            rule=rule,
            anchor=anchor,
            evidence=(sentence.start_char, sentence.end_char),
            confidence=confidence,
            quote=q.id if (q := self.parsed.quote_at.get(sentence.root.i)) else None,
        )
        return self._finish([draft])

    def _agents(self, verb: Token, fills: Callable[[str], bool]) -> list[str]:
        """The actors of a passive verb's by-agent ("killed by Turkish jets")."""
        by = next((c for c in verb.children if c.dep_ == "agent"), None)
        agent = next((c for c in by.children if c.dep_ == "pobj"), None) if by else None
        return self.roles.actors_of(agent, verb, accept=fills) if agent is not None else []

    def _patients(self, passive: Token) -> list[str]:
        """The actors a passive subject names as undergoing the act: its head ("Iran was hit",
        "two Afghan soldiers were killed"), else the actor of its of-phrase ("Dozens of Syrian
        civilians", "Supporters of Mohamed Morsi"); none for a thing that only names actors ("UN
        sanctions against Iran were lifted", "the strike by coal workers was called off")."""
        token_actor = self.findings.token_actor
        if passive.i in token_actor:
            return [token_actor[passive.i]]
        of = (c for c in passive.children if c.dep_ == "prep" and c.lower_ == "of")
        return [token_actor[c.i] for p in of for c in p.children if c.i in token_actor][:1]

    def _means_actors(self, verb: Token) -> list[str]:
        """Actors that qualify the object of a preposition of `verb`, or act through it: "killed
        in a Taliban attack", "wounded in Israeli airstrikes", "in shelling by Turkish forces"."""
        token_actor = self.findings.token_actor
        found: list[str] = []
        for prep in (c for c in verb.children if c.dep_ in ("prep", "agent")):
            objects = (c for c in prep.children if c.dep_ in ("pobj", "pcomp"))
            for noun in (c for c in objects if c.i not in token_actor):
                if noun.lemma_.lower() in _PLACE_NOUNS:
                    continue  # "in the Syrian city of Aleppo": where, not by whom
                found.extend(
                    token_actor[c.i]
                    for c in noun.children
                    if c.dep_ in ("compound", "amod", "nmod", "poss") and c.i in token_actor
                )
                by = (c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("by", "from"))
                for agent in (c for p in by for c in p.children if c.dep_ == "pobj"):
                    found.extend(self.roles.actors_of(agent, verb, accept=self.roles.known))
        return list(dict.fromkeys(found))

    def _reported_act(self, root: Token, code: str) -> Token:
        """The verb of a material act (CAMEO quad class 2 or 4) that the main verb `root`
        reports ("Rebels shelled Goma, officials said"), else `root`."""
        if root.i not in self.parsed.cue_at or quad_class(code) not in (2, 4):
            return root
        return next((c for c in root.children if c.dep_ == "ccomp"), root)

    def _attribution(self, index: int) -> Token | None:
        """The speaker's phrase (its head) when sentence `index`'s main verb reports what it
        says ("..., Rwandan officials said"): who said it, not who did it."""
        root = self.sentences[index].root
        return first_child(root, SUBJECTS) if root.i in self.parsed.cue_at else None

    def _reporters(self, index: int, *, speaker: bool = True) -> set[int]:
        """Token indexes of who sentence `index` says told it: the speaker of a report ("...,
        Sudanese officials said"; unless not `speaker`) and an "according to" phrase ("According
        to Kenyan officials, ..."); they tell what happened, they are not acted upon."""
        said = self._attribution(index) if speaker else None
        told = {t.i for t in said.subtree} if said is not None else set()
        for token in self.sentences[index]:
            # read from the parse, not the quotes stage's frame cues: it makes no quote of some
            # ("..., according to the police who killed him" inside another quote)
            if token.lower_ == "according" and token.dep_ == "prep":
                told.update(t.i for t in token.subtree)
        return told

    def first_target(
        self, index: int, source: str, within: Span | None = None
    ) -> EventActor | None:
        """The first coded actor of sentence `index` (of its words in `within`, if given) that can
        be `source`'s target: not of its country nor of its code, nor named only as the speaker
        of a report ("Chadian troops attacked a camp, Sudanese officials said", "according to
        Sudanese officials") or in a clause of time or reason (`parse.circumstances`)."""
        said_by = self._reporters(index)
        aside = circumstances(self.sentences[index].root)
        named = self._named(index, within, besides=said_by | aside)
        for actor_id in self._outside_first(named, self._subject_actors(index, source)):
            if (
                self.roles.coded(actor_id)
                and self.roles.other(actor_id, [source])
                and not self._self_pair(source, actor_id)
            ):
                code = self._codes(actor_id)[0]
                return self.roles.event_actor(actor_id, code, self.sentences[index].root)
        return None

    def place_target(self, event: Event) -> EventActor | None:
        """The country where `event` took place as its recipient, when an "in"/"at" phrase in
        its evidence names one ("protesters rallied in Belgrade": Serbia), as the PLOVER gold
        standard codes a protest or a raid without another recipient; None when the place is
        the source's own code."""
        if event.source is None:
            return None
        sentence = self.sentences[event.sentence]
        places = self._places(event.sentence)
        for actor_id in self._named(event.sentence, event.evidence):
            code = self._codes(actor_id)[0] if actor_id in places else None
            if code is not None and len(code) == 3 and code != event.source.code:
                return self.roles.event_actor(actor_id, code, sentence.root)
        return None

    def home_target(self, event: Event) -> EventActor | None:
        """The source's own country as the recipient of a conflict act (CAMEO quad class 3 or 4)
        that names none, when the source is a part of a country its own words name ("Uganda's
        government threatened to ban opposition rallies", "Ethiopia's government turned down a
        proposal by Tigrayan leaders"), as the PLOVER gold standard codes such domestic acts:
        country to country. It stands for no actor of the text (`actor` None); its words are the
        source's."""
        code = event.source.code if event.source is not None else None
        if event.source is None or not code or len(code) <= 3:
            return None
        actor = self.roles.actor_by_id.get(event.source.actor or "")
        if actor is None or not names_its_country(actor):
            return None  # "Trump accused ...": a person's country is no recipient
        home = country(code[:3])
        if home is None or quad_class(event.cameo) not in (3, 4):
            return None
        return EventActor(None, home.name, code[:3], event.source.text)

    def _subject_actors(self, index: int, source: str) -> set[str]:
        """Actors named inside the phrase of sentence `index`'s subject when it names `source`."""
        subject = first_child(self.sentences[index].root, SUBJECTS)
        return self._phrase_actors(subject, [source]) if subject is not None else set()

    def _phrase_actors(self, phrase: Token | None, sources: Sequence[str]) -> set[str]:
        """Actors named inside `phrase` (a subject) when it names one of `sources`."""
        if phrase is None:
            return set()
        token_actor = self.findings.token_actor
        named = {token_actor[t.i] for t in phrase.subtree if t.i in token_actor}
        return named if named & set(sources) else set()

    @staticmethod
    def _outside_first(actor_ids: Sequence[str], within_source: set[str]) -> list[str]:
        """`actor_ids` with those of the source's own phrase last: whom the source's phrase
        names is who it is ("Syrian hackers backing President Assad hijacked the AP's account"),
        seldom whom it acts on."""
        return sorted(actor_ids, key=lambda actor_id: actor_id in within_source)

    def _places(self, index: int, *, of_verb: bool = False) -> set[str]:
        """Ids of the coded actors that sentence `index` names as a place in an "in"/"at"
        phrase; with `of_verb`, only where the phrase tells where an act happened
        ("demonstrated in Serbia"), not where someone lives ("Albanians in Serbia")."""
        token_actor = self.findings.token_actor
        return {
            token_actor[token.i]
            for token in self.sentences[index]
            if token.i in token_actor
            and names_a_place(token)
            and (not of_verb or token.head.head.pos_ in ("VERB", "AUX"))
            and self.roles.coded(token_actor[token.i])
        }

    def _named(
        self, index: int, within: Span | None = None, *, besides: set[int] | None = None
    ) -> list[str]:
        """Ids of the actors named in sentence `index` (in its words inside `within`, and not at
        the token indexes `besides`), in order."""
        sentence = self.sentences[index]
        words = (
            range(sentence.start, sentence.end)
            if within is None
            else [t.i for t in self.parsed.tokens(within) if sentence.start <= t.i < sentence.end]
        )
        token_actor = self.findings.token_actor
        skipped = besides or set()
        return list(
            dict.fromkeys(token_actor[i] for i in words if i in token_actor and i not in skipped)
        )

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
        after = parsed.words([t.i for t in parsed.clause(verb) if t.i > verb.i])
        match = self.verbs.match(verb, before, after, negated=flags.negated(verb))
        if match is None or not (match.code.main or match.code.reverse):
            return None
        self.consumed.update(match.tokens)
        code = match.code
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
            # a cue verb's clause holds what was said: its actors are not the speech's target
            targets = self.roles.slot_actors(verb, match, sources) or self.roles.object_actors(
                verb, sources, fallback=cue is None
            )
        sources = [s for s in sources if self.roles.coded(s)]
        if not sources:
            return None
        targets = [t for t in targets if t not in sources]
        among_members = False
        if (
            not targets
            and (code.main or "")[:2] == "04"
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
            # verb without one is a statement, as is a statement reported inside a quote.
            if cue is not None:
                code = code if (code.main or "").startswith("01") else _STATEMENT
            elif not ((code.main or "").startswith("01") and quote is not None):
                return None
        matched = [verb.i, *match.tokens]
        start_token = min([verb.i, *match.tokens, *(self._mention_tokens(subject))])
        end_token = max([*matched, *self._object_span(verb)])
        evidence = (parsed.doc[start_token].idx, end_char(parsed.doc[end_token]))
        if cue is not None and (code.main or "").startswith("01"):
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

    def _nominal_events(self, noun: Token) -> list[_Draft]:
        for pattern in self.patterns.nominal_for(noun.lemma_.lower()):
            phrase = list(noun.subtree)
            if pattern.requires and not any(t.lemma_.lower() in pattern.requires for t in phrase):
                continue
            actor_tokens = [t for t in phrase if t.i in self.findings.token_actor]
            ordered: list[str] = []
            for token in actor_tokens:
                actor_id = self.findings.token_actor[token.i]
                if actor_id not in ordered:
                    ordered.append(actor_id)
            if not ordered:
                return []
            sources, targets = self.roles.nominal_roles(
                noun, ordered, source=pattern.source, target=pattern.target
            )
            if not sources:
                return []
            start = min(t.i for t in phrase)
            end = max(t.i for t in phrase if not self.parsed.below(t.i, noun.i))
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
                    rule="T01" if accused else "S01",
                    anchor=anchor,
                    evidence=(quote.content.start, quote.content.end),
                    confidence=0.5,
                    quote=quote.id,
                )
            )
        return out

    # -- finishing: roles, tables, flags, dates, places -------------------------------------------

    def _finish(self, drafts: list[_Draft]) -> list[Event]:
        events: list[Event] = []
        seen: set[tuple[str, str | None, str | None, str]] = set()
        # one act found twice (a quote's cue verb and the quote itself) is one event
        coded: set[tuple[str, str | None, str, tuple[int, int]]] = set()
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
                for source_code in self._codes(source):
                    for target_code in self._codes(target) if target else [None]:
                        sides = (
                            self.roles.event_actor(source, source_code, draft.anchor),
                            self.roles.event_actor(target, target_code, draft.anchor)
                            if target
                            else None,
                        )
                        events.append(self._event(draft, sides, code, len(events) + 1))
        return events

    def _codes(self, actor_id: str) -> list[str | None]:
        code = self._code_of(actor_id)
        return list(code.split("/")) if code else [None]

    def _pairs(self, draft: _Draft) -> Iterable[tuple[str, str | None, str]]:
        targets = draft.targets
        mutual = (
            targets == [None]
            and len(draft.sources) > 1
            and (draft.code.main or "")[:2] not in _ADDRESSED_ROOTS
        )
        among_members = draft.among_members
        if mutual:
            # "Gondor and Osgiliath renewed ties": each does it with the other
            targets = list(draft.sources)
        for source in draft.sources:
            for target in targets:
                if target is not None and self._self_pair(source, target) and not among_members:
                    continue
                if draft.code.main:
                    yield source, target, draft.code.main
                if draft.code.reverse and target is not None and target != source and not mutual:
                    yield target, source, draft.code.reverse

    def _self_pair(self, source: str, target: str) -> bool:
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
        sides: tuple[EventActor, EventActor | None],
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
