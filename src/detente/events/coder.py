"""Coding events from a parsed Doc: verbs through the CAMEO dictionary, nouns through our patterns.

Roles come from the dependency parse: the subject (or a passive verb's by-agent) is the source,
the object (or a prepositional object, or a passive subject) the target; a verb without a subject
takes its head's ("NATO ... is exploiting the confrontation to expand"). A pattern's "+" puts the
target in the noun phrase it marks; a partner ("with Kenya") is the target before a place ("at
Nairobi"). Decisions:

* Compound actors ("Russia and NATO") give one event per (source, target) pair; a compound subject
  without a target acts mutually (A→B and B→A).
* An event needs a source with a country or organisation code; a bare sector ("---MIL" for
  "forces") fills no role. An actor is not the target of its own country, unless both name
  different sectors of it ("Russian police arrested Russian students"). A verb's default code
  needs a target (PETRARCH's "require dyad"); a pattern match does not. A negated verb's default
  code is no event; a pattern's is, flagged.
* What is demanded is not an event ("urged Russia to withdraw": only the demand).
* Nouns that name events (patterns.toml, N01…) are coded when an actor is in their phrase; the
  same nominal event mentioned again (same pattern and actors) is coded once.
* Statements: a quote's cue verb is coded with its dictionary code when it has a target or a
  pattern matched ("urged Russia"), else as a statement (01x) with the quote's content as
  evidence. A quote with no coded cue becomes a 010 statement of its speaker (S01), or an
  accusation (112, T01) when it reports a conflictual act of another actor: CAMEO.2.0's
  transformation "a says (b . ATTACK) = a b 112", for every conflictual code. Events reported in
  a quote keep their own actors; "I" and "we" there are the speaker.
* Dates: a date expression in the anchor's own clause, resolved against the publication date;
  "on that date" takes the previous sentence's. Else the publication date, with date_text None.
  Historical: stated date more than 30 days before publication.
"""

from __future__ import annotations

import datetime
import tomllib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from detente.errors import DictionaryError, Errors
from detente.events.dictionary import (
    ClauseWords,
    Code,
    VerbDictionary,
    VerbMatch,
    read_entries,
)
from detente.events.tables import DATA, EventTables, event_tables, quad_class
from detente.events.when import resolve_date
from detente.events.where import locate
from detente.records import (
    Actor,
    ActorFindings,
    Driver,
    Event,
    EventActor,
    Location,
    Quote,
    Span,
)

_SUBJECTS = frozenset({"nsubj", "csubj", "expl"})
_CONJ = frozenset({"conj"})
_PASSIVE_SUBJECTS = frozenset({"nsubjpass", "csubjpass"})
_OBJECTS = frozenset({"dobj", "dative", "attr", "oprd"})
# what the evidence of a verb event covers after the verb
_EVIDENCE_DEPENDENTS = _OBJECTS | {"prep", "xcomp", "prt", "advmod"}
# dependents that start another clause: their words are not this verb's pattern context
_CLAUSES = frozenset({"conj", "advcl", "relcl", "parataxis", "cc", "csubj"})
# how a verb without a subject hangs from one that has it: "is exploiting" (conj), "willing to
# enter" (xcomp), "to expand" (advcl), "by expanding" (pcomp under a prep)
_SHARES_SUBJECT = frozenset({"conj", "xcomp", "advcl", "pcomp", "prep", "acomp"})
_HYPOTHETICAL_AUX = frozenset({"could", "would", "might", "may", "should", "can"})
_FUTURE_AUX = frozenset({"will", "shall", "'ll"})
_FUTURE_HEADS = frozenset({"plan", "intend", "prepare", "schedule", "aim"})
_FUTURE_MODIFIERS = frozenset({"planned", "potential", "future", "proposed", "upcoming"})
_CONDITIONAL_MARKS = frozenset({"if", "unless"})
_FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our"})
_BACK_REFERENCES = ("on that date", "on that day", "at that time", "that day", "on the same day")
_HISTORICAL_DAYS = 30  # an event dated this far before publication is historical
_LOCATION_PREPOSITIONS = frozenset({"in", "at"})
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_STATEMENT = Code("010")
_REQUEST_ROOTS = frozenset({"02", "10"})  # appeals and demands
_PARTICIPANT_NOUNS = frozenset({"party", "participant", "member", "delegation", "attendee"})
_PRONOUNS = frozenset({"they", "it", "he", "she", "them", "him", "her"})
# checked in this order: our additions take precedence over CAMEO.2.0
BUNDLED_VERB_FILES = (DATA / "verb_additions.tsv", DATA / "cameo_verbs.tsv")
_ACCUSE = Code("112")


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
    source_text: dict[str, str] = field(default_factory=dict)
    target_text: dict[str, str] = field(default_factory=dict)


class _Coder:
    def __init__(
        self,
        doc: Doc,
        actors: ActorFindings,
        quotes: Sequence[Quote],
        published: datetime.date | None,
        verbs: VerbDictionary,
    ) -> None:
        self.doc = doc
        self.text = doc.text  # Doc.text joins every token on each call
        # indexing a Doc builds a Token each time: read what the hot loops test once per token
        self.pos: list[str] = []
        self.dep: list[str] = []
        self.head: list[int] = []
        self.lowers: list[str] = []
        self.lemmas: list[str] = []  # lower case
        for token in doc:
            self.pos.append(token.pos_)
            self.dep.append(token.dep_)
            self.head.append(token.head.i)
            self.lowers.append(token.lower_)
            self.lemmas.append(token.lemma_.lower())
        self.clauses: dict[int, list[Token]] = {}  # verb index → its clause's words
        self.findings = actors
        self.actor_by_id = {a.id: a for a in actors.actors}
        self.quotes = list(quotes)
        self.published = published
        self.verbs = verbs
        self.tables: EventTables = event_tables()
        self.patterns = event_patterns()
        # Token.sent and Span.ents walk the whole document: index them once
        self.sentences: list[DocSpan] = list(doc.sents)
        self.sentence_at: list[int] = [0] * len(doc)  # token index → sentence index
        for number, sentence in enumerate(self.sentences):
            self.sentence_at[sentence.start : sentence.end] = [number] * len(sentence)
        self.entities: list[list[DocSpan]] = [[] for _ in self.sentences]
        self.entity_at: dict[int, DocSpan] = {}
        for entity in doc.ents:
            self.entities[self.sentence_at[entity.start]].append(entity)
            for index in range(entity.start, entity.end):
                self.entity_at[index] = entity
        self.quote_at: dict[int, Quote] = {}  # token index → quote whose content holds it
        self.cue_at: dict[int, Quote] = {}  # token index → quote it introduces
        for quote in self.quotes:
            for token in self._tokens(quote.content):
                self.quote_at.setdefault(token.i, quote)
            if quote.cue is not None:
                for token in self._tokens(quote.cue):
                    self.cue_at.setdefault(token.i, quote)
        # words that are a mention of several actors ("lawmakers" in "lawmakers in A and B": A's
        # and B's); the actors stage maps each token to one of them only
        by_span: dict[tuple[int, int], list[str]] = {}
        for actor in actors.actors:
            for mention in actor.mentions:
                by_span.setdefault((mention.start, mention.end), []).append(actor.id)
        self.shared_at: dict[int, list[str]] = {}
        for (start, end), ids in by_span.items():
            words = doc.char_span(start, end, alignment_mode="expand") if len(ids) > 1 else None
            for token in words if words is not None else ():
                self.shared_at[token.i] = ids
        self._noun_chunks: list[DocSpan] | None = None  # built on first use: rarely needed
        self.consumed: set[int] = set()  # tokens already coded (pattern words, suppressed verbs)
        self.dates: list[tuple[str | None, str | None]] = []
        self.drafts: list[_Draft] = []  # coded so far, in text order of their sentences

    def noun_chunks(self) -> list[DocSpan]:
        if self._noun_chunks is None:
            self._noun_chunks = list(self.doc.noun_chunks)
        return self._noun_chunks

    def _clause(self, verb: Token) -> list[Token]:
        """The verb's own words (module `_clause`), computed once per verb."""
        words = self.clauses.get(verb.i)
        if words is None:
            words = [t for t in verb.subtree if not self._below(t.i, verb.i)]
            self.clauses[verb.i] = words
        return words

    def _below(self, index: int, top: int) -> bool:
        """`_in_clause_below` on token indices, read from the per-token lists."""
        head, dep, pos = self.head, self.dep, self.pos
        node = index
        while node != top and head[node] != node:
            if dep[node] in _CLAUSES and pos[node] in ("VERB", "AUX"):
                return True
            node = head[node]
        return False

    def _words(self, indices: list[int]) -> ClauseWords:
        return ClauseWords(
            indices, [self.lowers[i] for i in indices], [self.lemmas[i] for i in indices]
        )

    # -- driver ----------------------------------------------------------------------------------

    def run(self) -> list[Event]:
        drafts = self.drafts
        statements_done: set[str] = set()
        doc, pos, consumed = self.doc, self.pos, self.consumed
        for sentence in self.sentences:
            words = range(sentence.start, sentence.end)
            for i in words:
                if (
                    pos[i] in ("NOUN", "PROPN")
                    and i not in consumed
                    and self.patterns.nominal_for(self.lemmas[i])
                ):
                    drafts.extend(self._nominal_events(doc[i]))
            for i in words:
                if pos[i] in ("VERB", "AUX") and i not in consumed:
                    token = doc[i]
                    coded = self._verb_event(token)
                    if coded is not None:
                        drafts.append(coded)
                        if coded.quote and token.i in self.cue_at:
                            statements_done.add(coded.quote)
        drafts.extend(self._quote_statements(drafts, statements_done))
        drafts.sort(key=lambda d: (d.evidence[0], d.evidence[1]))
        return self._finish(drafts)

    def candidate_sentences(self) -> list[int]:
        """Indexes of the sentences naming an actor that can fill an event role (the learned
        coder decides these)."""
        sentence_of = self.sentence_at
        named = {sentence_of[i] for i, a in self.findings.token_actor.items() if self._coded(a)}
        return sorted(named)

    def sentence_events(
        self, index: int, code: str, rule: str, confidence: float, *, subject_only: bool = False
    ) -> list[Event]:
        """Events of a decision made without a rule (the learned coder) on sentence `index`: the
        source is the actor of the main verb's subject, else (unless `subject_only`) the first
        coded actor; the target the first other actor (not of the source's country); flags, date
        and place as for rules."""
        sentence = self.sentences[index]
        named = [
            self.findings.token_actor[i]
            for i in range(sentence.start, sentence.end)
            if i in self.findings.token_actor
        ]
        actor_ids = [a for a in dict.fromkeys(named) if self._coded(a)]
        subject = _child(sentence.root, _SUBJECTS)
        sources = self._actors_of(subject, sentence.root) if subject is not None else []
        if not subject_only:
            sources = sources or actor_ids[:1]
        if not sources:
            return []
        targets = [a for a in actor_ids if self._other(a, sources)][:1]
        draft = _Draft(
            sources=sources,
            targets=[*targets] or [None],
            code=Code(code),
            rule=rule,
            anchor=sentence.root,
            evidence=(sentence.start_char, sentence.end_char),
            confidence=confidence,
            quote=q.id if (q := self.quote_at.get(sentence.root.i)) else None,
        )
        return self._finish([draft])

    # -- verbs -----------------------------------------------------------------------------------

    def _verb_event(self, verb: Token) -> _Draft | None:
        if verb.dep_ == "prep":  # "According to X": a preposition, not an act
            return None
        if not self.verbs.knows(verb):
            return None  # not in the dictionary: skip gathering its clause
        subject = _child(verb, _SUBJECTS)
        passive_subject = _child(verb, _PASSIVE_SUBJECTS)
        # PETRARCH's pre-verb words are the sentence's words before the verb
        start = self.sentences[self.sentence_at[verb.i]].start
        before = ClauseWords(
            range(start, verb.i), self.lowers[start : verb.i], self.lemmas[start : verb.i]
        )
        after = self._words([t.i for t in self._clause(verb) if t.i > verb.i])
        match = self.verbs.match(verb, before, after, negated=_negated(verb))
        if match is None or not (match.code.main or match.code.reverse):
            return None
        self.consumed.update(match.tokens)
        code = match.code
        if code.main and code.main[:2] in _REQUEST_ROOTS:
            # what is demanded ("urged Russia to withdraw") has not happened: not an event
            self.consumed.update(t.i for c in verb.children if c.dep_ == "xcomp" for t in c.subtree)
        cue = self.cue_at.get(verb.i)
        quote = cue or self.quote_at.get(verb.i)
        negated = _negated(verb)
        if negated and not match.tokens:
            return None  # a negated verb's default code is no event; a pattern's is, flagged
        if passive_subject is not None:
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            agent_object = (
                next((c for c in agent.children if c.dep_ == "pobj"), None) if agent else None
            )
            sources = self._actors_of(agent_object, verb) if agent_object is not None else []
            targets = self._actors_of(passive_subject, verb)
        else:
            sources = self._actors_of(subject, verb) if subject is not None else []
            if not sources and subject is not None:
                # "Old foes India and Pakistan renewed ties": the parser split the subject
                more = (c for c in verb.children if c.dep_ in _SUBJECTS and c is not subject)
                sources = next((ids for c in more if (ids := self._actors_of(c, verb))), [])
            if not sources and subject is None:
                sources = self._inherited_subject(verb)
            if not sources and cue is not None:
                sources = self._speaker_actors(cue)
            # a cue verb's clause holds what was said: its actors are not the speech's target
            targets = self._slot_actors(verb, match, sources) or self._object_actors(
                verb, sources, fallback=cue is None
            )
        sources = [s for s in sources if self._coded(s)]
        if not sources:
            return None
        targets = [t for t in targets if t not in sources]
        if not targets and (code.main or "")[:2] == "04" and len(sources) == 1 and cue is None:
            targets = list(sources)  # "the NATO ministers met": a meeting among its members
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
        evidence = (self.doc[start_token].idx, _end_char(self.doc[end_token]))
        if cue is not None and (code.main or "").startswith("01"):
            evidence = (cue.content.start, cue.content.end)
        return _Draft(
            sources=sources,
            targets=[t for t in targets if t not in sources or targets == sources] or [None],
            code=code,
            rule=match.rule,
            anchor=verb,
            evidence=evidence,
            confidence=0.7 if match.tokens else 0.6,
            quote=quote.id if quote else None,
        )

    def _inherited_subject(self, verb: Token) -> list[str]:
        """Subject of a verb that has none of its own: a conjoined verb shares its head's; a
        controlled verb ("urged Russia to withdraw", "is willing to enter") takes its head's
        object, else its head's subject."""
        head = verb
        while head.dep_ in _SHARES_SUBJECT and head.head.i != head.i:
            if head.dep_ == "advcl" and not any(c.lower_ == "to" for c in head.children):
                break  # only a purpose infinitive ("to expand") shares its head's subject
            child_of = head
            head = head.head
            if child_of.dep_ == "xcomp":
                obj = _child(head, _OBJECTS)
                if obj is not None and (ids := self._actors_of(obj, verb)):
                    return ids
            # "Gollum was seen to break": a passive head lends its subject too
            subject = _child(head, _SUBJECTS) or _child(head, _PASSIVE_SUBJECTS)
            if subject is not None:
                return self._actors_of(subject, verb)
        return []

    def _coded(self, actor_id: str) -> bool:
        """True for an actor with a country or organisation code: a bare sector ("---MIL" for
        "forces", "---EDU" for "experts") does not fill an event role."""
        actor = self.actor_by_id.get(actor_id)
        return actor is not None and actor.code is not None and not actor.code.startswith("---")

    def _object_actors(
        self, verb: Token, sources: list[str], *, fallback: bool = True
    ) -> list[str]:
        """Actors of the object, else of a prepositional object, else any actor after the verb in
        its clause that is not a source (nor of a source's country)."""
        candidates: list[Token] = []
        obj = _child(verb, _OBJECTS)
        if obj is not None:
            candidates.append(obj)
        # a partner ("with Kenya") before a place ("at Nairobi"), whatever their order
        preps = sorted(
            (c for c in verb.children if c.dep_ in ("prep", "agent")),
            key=lambda prep: prep.lower_ in _LOCATION_PREPOSITIONS,
        )
        for prep in preps:
            candidates.extend(c for c in prep.children if c.dep_ == "pobj")
        for xcomp in (c for c in verb.children if c.dep_ == "xcomp"):
            candidates.extend(c for c in xcomp.children if c.dep_ in _OBJECTS)

        def accept(actor_id: str) -> bool:
            return self._coded(actor_id) and self._other(actor_id, sources)

        for candidate in candidates:
            ids = [
                i for i in self._actors_of(candidate, verb, deep=True, accept=accept) if accept(i)
            ]
            if ids:
                return ids
        if not fallback:
            return []
        token_actor = self.findings.token_actor
        for token in self._clause(verb):
            actor_id = token_actor.get(token.i)
            if token.i > verb.i and actor_id is not None and accept(actor_id):
                # with its conjuncts: "believes Egypt and Sudan can cope"
                listed = (token_actor.get(c.i) for c in _conjuncts(token))
                return list(dict.fromkeys(i for i in listed if i is not None and accept(i)))
        return []

    def _slot_actors(self, verb: Token, match: VerbMatch, sources: list[str]) -> list[str]:
        """The target a pattern's "+" places: actors of the first noun phrase with one after the
        pattern's words, past the phrases its "^" skip ("* AT ^ +": "warned at the summit of
        the threat from Russia" → the threat, else Russia)."""
        if match.target_after is None:
            return []
        clause = {t.i for t in self._clause(verb)}
        chunks = [
            chunk
            for chunk in self.noun_chunks()
            if match.target_after < chunk.start and chunk.root.i in clause
        ]
        for chunk in chunks[match.target_skips :]:
            ids = [
                self.findings.token_actor[t.i] for t in chunk if t.i in self.findings.token_actor
            ]
            ids = [i for i in dict.fromkeys(ids) if self._coded(i) and self._other(i, sources)]
            if ids:
                return ids
        return []

    def _other(self, actor_id: str, sources: list[str]) -> bool:
        """True when `actor_id` is neither a source nor of a source's country (Russia is not the
        target of its own envoy), unless both name different sectors of it ("Russian police
        arrested Russian students")."""
        if actor_id in sources:
            return False
        actor = self.actor_by_id.get(actor_id)
        country = _country(actor)
        return country is None or all(
            _country(source) != country or _other_sector(actor, source)
            for source in map(self.actor_by_id.get, sources)
        )

    def _object_span(self, verb: Token) -> list[int]:
        """Token indices of the verb's object phrase (for the evidence), without subclauses."""
        out: list[int] = []
        for child in verb.children:
            if child.i > verb.i and child.dep_ in _EVIDENCE_DEPENDENTS:
                out.extend(t.i for t in child.subtree if not self._below(t.i, child.i))
        return out

    def _mention_tokens(self, token: Token | None) -> list[int]:
        return [] if token is None else [t.i for t in token.subtree]

    # -- actors ----------------------------------------------------------------------------------

    def _actors_of(
        self,
        token: Token,
        anchor: Token,
        *,
        deep: bool = False,
        accept: Callable[[str], bool] | None = None,
    ) -> list[str]:
        """Actor ids named by the phrase headed by `token`, with its conjuncts ("Russia and
        NATO"). `deep` also searches the phrase's modifiers ("the decisions of NATO")."""
        found: list[str] = []
        for head in _conjuncts(token):
            ids = self._phrase_actor(head, anchor, deep, accept or self._coded)
            found.extend(i for i in ids if i not in found and self._coded(i))
        return found

    def _phrase_actor(
        self, head: Token, anchor: Token, deep: bool, accept: Callable[[str], bool]
    ) -> list[str]:
        token_actor = self.findings.token_actor
        if head.i in token_actor:
            # a list the parser hung from the last name ("France, Italy and Spain") or
            # took for an apposition of the first ("Egypt, the Sudan, Chad and Niger")
            listed = [
                token_actor[c.i]
                for t in head.children
                if (t.dep_ == "nmod" and (t.pos_ == "PROPN" or _child(t, _CONJ) is not None))
                or (t.dep_ == "appos" and t.pos_ == "PROPN" and _child(t, _CONJ) is not None)
                for c in _conjuncts(t)
                if c.i in token_actor
            ]
            return list(
                dict.fromkeys([*listed, token_actor[head.i], *self.shared_at.get(head.i, ())])
            )
        lower = head.lower_
        if lower in _FIRST_PERSON and (quote := self.quote_at.get(head.i)) is not None:
            return self._speaker_actors(quote)
        if lower in ("latter", "former"):
            return self._former_latter(head, lower)
        if lower in _PRONOUNS:
            return self._previous_sources(anchor)
        # the head's own modifiers: "Russian diplomats", "the NATO foreign ministers"
        near = [
            token_actor[c.i]
            for t in head.children
            if t.i in token_actor and t.dep_ in ("compound", "amod", "nmod", "poss", "appos")
            for c in _conjuncts(t, modifiers=True)
            if c.i in token_actor
        ]
        if near:
            return list(dict.fromkeys(near))
        if head.lemma_.lower() in _PARTICIPANT_NOUNS:
            return self._participants(head)
        if deep:
            for token in head.subtree:
                if token_actor.get(token.head.i) == token_actor.get(token.i):
                    continue  # inside a name ("Minas" of "Minas Tirith"): its head has the list
                if token.i in token_actor and accept(token_actor[token.i]):
                    # with its conjuncts: "ties with Mordor, Rohan and Bree"
                    return list(
                        dict.fromkeys(
                            token_actor[c.i]
                            for c in _conjuncts(token)
                            if c.i in token_actor and accept(token_actor[c.i])
                        )
                    )
        return []

    def _previous_sources(self, anchor: Token) -> list[str]:
        """An unresolved "they"/"it" (the actors stage resolves most pronouns; this is the
        fallback): the subject of a verb this clause hangs from ("Ethiopia indicated it would
        act"), else the source of the latest event coded in this or the previous sentence, else
        the previous sentence's subject."""
        head = anchor
        while head.head.i != head.i:
            head = head.head
            subject = _child(head, _SUBJECTS)
            ids = self._actors_of(subject, head) if subject is not None else []
            if ids and subject is not None and subject.lower_ not in _PRONOUNS:
                return ids
        sentence = self.sentence_at[anchor.i]
        for draft in reversed(self.drafts):
            if self.sentence_at[draft.anchor.i] < sentence - 1:
                break
            if draft.anchor.i < anchor.i:
                return list(draft.sources)
        if sentence == 0:
            return []
        previous_root = self.sentences[sentence - 1].root
        subject = _child(previous_root, _SUBJECTS)
        if subject is None or subject.lower_ in _PRONOUNS:
            return []
        return self._actors_of(subject, previous_root)

    def _participants(self, head: Token) -> list[str]:
        """ "the parties to the Brussels meeting": the participants of the latest coded event
        named by that noun."""
        for prep in (c for c in head.children if c.dep_ == "prep"):
            for event_noun in (c for c in prep.children if c.dep_ == "pobj"):
                lemma = event_noun.lemma_.lower()
                for draft in reversed(self.drafts):
                    if draft.anchor.lemma_.lower() == lemma and draft.anchor.pos_ == "NOUN":
                        return list(draft.sources)
        return []

    def _former_latter(self, head: Token, which: str) -> list[str]:
        """ "the latter" / "the former": the last / first conjunct of the latest coordinated
        actors before it in the sentence."""
        start = self.sentences[self.sentence_at[head.i]].start
        for token in reversed(list(self.doc[start : head.i])):
            conjuncts = [c for c in _conjuncts(token) if c.i in self.findings.token_actor]
            if len(conjuncts) > 1 and token.dep_ != "conj":
                chosen = conjuncts[-1] if which == "latter" else conjuncts[0]
                return [self.findings.token_actor[chosen.i]]
        return []

    def _speaker_actors(self, quote: Quote) -> list[str]:
        """The actor of a quote's speaker: by id when the actors stage kept the quotes stage's ids,
        else the actor named by the speaker's mention, else by name."""
        speaker = quote.speaker
        if speaker.mention is not None:
            for token in self._tokens(speaker.mention):
                if token.i in self.findings.token_actor:
                    return [self.findings.token_actor[token.i]]
        named = next((a for a in self.findings.actors if a.name == speaker.name), None)
        if named is not None:
            return [named.id]
        if speaker.actor and speaker.actor in self.actor_by_id:
            return [speaker.actor]
        return []

    def _event_actor(self, actor_id: str, code: str | None, anchor: Token) -> EventActor:
        text = self._mention_text(actor_id, anchor)
        actor = self.actor_by_id.get(actor_id)
        return EventActor(actor_id, actor.name if actor else text, code, text)

    def _mention_text(self, actor_id: str, anchor: Token) -> str:
        """The words naming `actor_id` nearest to `anchor` in its sentence, else its name."""
        sentence = self.sentences[self.sentence_at[anchor.i]]
        tokens = [t for t in sentence if self.findings.token_actor.get(t.i) == actor_id]
        if not tokens:
            actor = self.actor_by_id.get(actor_id)
            return actor.name if actor else actor_id
        nearest = min(tokens, key=lambda t: abs(t.i - anchor.i))
        run = [nearest]
        for step in (-1, 1):
            i = nearest.i + step
            while sentence.start <= i < sentence.end and (
                self.findings.token_actor.get(i) == actor_id
            ):
                run.append(self.doc[i])
                i += step
        first, last = min(run, key=lambda t: t.i), max(run, key=lambda t: t.i)
        return self.text[first.idx : _end_char(last)]

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
            sources, targets = self._nominal_roles(noun, pattern, ordered)
            if not sources:
                return []
            start = min(t.i for t in phrase)
            end = max(t.i for t in phrase if not self._below(t.i, noun.i))
            self.consumed.add(noun.i)
            return [
                _Draft(
                    sources=sources,
                    targets=targets,
                    code=Code(pattern.code),
                    rule=pattern.id,
                    anchor=noun,
                    evidence=(self.doc[start].idx, _end_char(self.doc[end])),
                    confidence=0.6,
                    quote=q.id if (q := self.quote_at.get(noun.i)) else None,
                )
            ]
        return []

    def _nominal_roles(
        self, noun: Token, pattern: NominalPattern, ordered: list[str]
    ) -> tuple[list[str], list[str | None]]:
        if pattern.source == "participants":
            return ordered, ([None] if len(ordered) > 1 else list(ordered))
        agent: list[str] = []
        for child in noun.children:
            if child.dep_ == "poss":
                agent = self._actors_of(child, noun)
            elif child.dep_ == "prep" and child.lower_ == "by":
                agent = [
                    i for c in child.children if c.dep_ == "pobj" for i in self._actors_of(c, noun)
                ]
            if agent:
                break
        of_phrase = [
            i
            for child in noun.children
            if child.dep_ == "prep" and child.lower_ == "of"
            for c in child.children
            if c.dep_ == "pobj"
            for i in self._actors_of(c, noun, deep=pattern.target != "of")
        ]
        if pattern.target == "of":
            patients: list[str | None] = [t for t in of_phrase if t not in agent]
            return agent, patients or [None]
        sources = agent or ordered[:1]
        rest: list[str | None] = [i for i in ordered if self._other(i, sources)]
        return sources, rest[:1] or [None]

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
            speaker = [s for s in self._speaker_actors(quote) if self._coded(s)]
            if not speaker:
                continue
            inside = [
                d
                for d in by_quote.get(quote.id, ())
                if d.code.main
                and quad_class(d.code.main) in (3, 4)
                and quote.content.start <= d.evidence[0] < quote.content.end
            ]
            accused = [s for d in inside for s in d.sources if self._other(s, speaker)]
            tokens = self._tokens(quote.content)
            anchor = tokens[0] if tokens else self.doc[0]
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
        for draft in drafts:
            for source, target, code in self._pairs(draft):
                key = (draft.rule, self._code_of(source), self._code_of(target), code)
                if draft.anchor.pos_ == "NOUN" and key in seen:
                    continue  # the same nominal event mentioned again ("the recent meeting")
                seen.add(key)
                # an actor with several codes ("FRO/BIL/SAM": the Shire's three peoples) acts
                # as each of them, as in PETRARCH
                for source_code in self._codes(source):
                    for target_code in self._codes(target) if target else [None]:
                        sides = (
                            self._event_actor(source, source_code, draft.anchor),
                            self._event_actor(target, target_code, draft.anchor)
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
        mutual = targets == [None] and len(draft.sources) > 1
        if mutual:
            # "Gondor and Osgiliath renewed ties": each does it with the other
            targets = list(draft.sources)
        for source in draft.sources:
            for target in targets:
                if target == source and len(draft.sources) > 1:
                    continue
                if draft.code.main:
                    yield source, target, draft.code.main
                if draft.code.reverse and target is not None and target != source and not mutual:
                    yield target, source, draft.code.reverse

    def _code_of(self, actor_id: str | None) -> str | None:
        actor = self.actor_by_id.get(actor_id) if actor_id else None
        return actor.code if actor else actor_id

    def _event(
        self,
        draft: _Draft,
        sides: tuple[EventActor, EventActor | None],
        code: str,
        number: int,
    ) -> Event:
        anchor = draft.anchor
        date, date_text = self._date(anchor)
        negated = _negated(anchor)
        hypothetical = _hypothetical(anchor)
        future = _future(anchor)
        historical = self._historical(date, date_text)
        start, end = draft.evidence
        return Event(
            id=f"E{number}",
            source=sides[0],
            target=sides[1],
            **self.tables.typed(code),
            evidence=Span.of(self.text, start, end),
            sentence=self.sentence_at[anchor.i],
            rule=draft.rule,
            confidence=draft.confidence,
            date=date or (self.published.isoformat() if self.published else None),
            date_text=date_text,
            location=self._location(anchor),
            negated=negated,
            hypothetical=hypothetical,
            future=future,
            historical=historical,
            quote=draft.quote,
            drivers=(Driver(anchor.text, 1.0),),  # the dictionary entry's word in this sentence
        )

    def _historical(self, date: str | None, date_text: str | None) -> bool:
        if date is None or date_text is None or self.published is None:
            return False
        earliest = (self.published - datetime.timedelta(days=_HISTORICAL_DAYS)).isoformat()
        return date < earliest[: len(date)]

    def _date(self, anchor: Token) -> tuple[str | None, str | None]:
        """The date stated in the anchor's own clause, else none (the caller defaults to the
        publication date). "On that date" takes the latest date stated in the previous sentence."""
        index = self.sentence_at[anchor.i]
        while len(self.dates) <= index:
            sentence = self.sentences[len(self.dates)]
            self.dates.append(
                self._stated_date(len(self.dates), set(range(sentence.start, sentence.end)))
            )
        words = {t.i for t in (anchor.subtree if anchor.pos_ == "NOUN" else self._clause(anchor))}
        return self._stated_date(index, words, self.dates[index - 1] if index else None)

    def _stated_date(
        self,
        index: int,
        words: set[int],
        previous: tuple[str | None, str | None] | None = None,
    ) -> tuple[str | None, str | None]:
        if previous is not None and previous[0] is not None:
            lowered = " ".join(self.doc[i].lower_ for i in sorted(words))
            if any(phrase in lowered for phrase in _BACK_REFERENCES):
                return previous
        for entity in self.entities[index]:
            if entity.label_ == "DATE" and entity.start in words:
                resolved = resolve_date(entity.text, self.published)
                if resolved is not None:
                    return resolved, entity.text
        return None, None

    def _location(self, anchor: Token) -> Location | None:
        """A place in an "in"/"at" phrase of the anchor or of its object's phrase."""
        for token in anchor.subtree:
            if (
                token.ent_type_ not in _PLACE_LABELS
                or token.head.lower_ not in _LOCATION_PREPOSITIONS
            ):
                continue
            if token.dep_ != "pobj":
                continue
            depth, up = 0, token
            while up.i != anchor.i and depth < 6:
                up, depth = up.head, depth + 1
            if depth >= 6:
                continue
            entity = self.entity_at.get(token.i)
            place = locate(entity.text if entity is not None else token.text)
            if place is not None:
                return place
        return None

    def _tokens(self, span: Span) -> list[Token]:
        piece = self.doc.char_span(span.start, span.end, alignment_mode="expand")
        return list(piece) if piece is not None else []


# -- parse helpers --------------------------------------------------------------------------


def _child(token: Token, deps: frozenset[str]) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def _conjuncts(token: Token, *, modifiers: bool = False) -> list[Token]:
    """The token and the words coordinated with it ("Russia and NATO"); `modifiers` also
    follows adjectives ("Eriadori and Calenardhon leaders")."""
    kinds = ("PROPN", "NOUN", "PRON", "ADJ") if modifiers else ("PROPN", "NOUN", "PRON")
    out = [token]
    for child in token.children:
        if child.dep_ == "conj" and child.pos_ in kinds:
            out.extend(_conjuncts(child, modifiers=modifiers))
    return out


def _clause(verb: Token) -> list[Token]:
    """The verb's own words: its subtree without the clauses below it."""
    return [t for t in verb.subtree if not _in_clause_below(t, verb)]


def _in_clause_below(token: Token, top: Token) -> bool:
    """True when `token` sits in a clause that hangs below `top` (a relative clause, a conjoined
    verb, a complement clause)."""
    node = token
    while node.i != top.i and node.head.i != node.i:
        if node.dep_ in _CLAUSES and node.pos_ in ("VERB", "AUX"):
            return True
        node = node.head
    return False


def _negated(anchor: Token) -> bool:
    if anchor.dep_ == "pcomp" and anchor.head.lower_ == "without":
        return True
    for token in (anchor, *_heads_in_clause(anchor)):
        for child in token.children:
            if child.dep_ == "neg":
                return True
            if child.dep_ in _OBJECTS and any(
                d.dep_ == "det" and d.lower_ == "no" for d in child.children
            ):
                return True
    return False


def _heads_in_clause(anchor: Token) -> list[Token]:
    """Verbs an xcomp/conj chain hangs from ("is not willing to enter": enter → willing → is)."""
    out: list[Token] = []
    node = anchor
    while node.dep_ in ("xcomp", "acomp") and node.head.i != node.i:
        node = node.head
        out.append(node)
    return out


def _aux_words(anchor: Token) -> set[str]:
    words = {c.lower_ for c in anchor.children if c.dep_ in ("aux", "auxpass")}
    for head in _heads_in_clause(anchor):
        words |= {c.lower_ for c in head.children if c.dep_ in ("aux", "auxpass")}
    if anchor.dep_ == "conj":
        words |= {c.lower_ for c in anchor.head.children if c.dep_ == "aux"}
    return words


def _hypothetical_aux(anchor: Token) -> bool:
    return bool(_aux_words(anchor) & _HYPOTHETICAL_AUX)


def _hypothetical(anchor: Token) -> bool:
    if _hypothetical_aux(anchor):
        return True
    node = anchor
    while node.head.i != node.i:
        if any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL_MARKS for c in node.children):
            return True
        if node.dep_ not in ("xcomp", "conj", "ccomp", "acl", "relcl", "advcl"):
            break
        node = node.head
    # a noun's event is hypothetical when its clause is ("a unit that would be able to deploy")
    return anchor.pos_ == "NOUN" and any(
        t.lower_ in _HYPOTHETICAL_AUX and t.head.head.i == anchor.i for t in anchor.subtree
    )


def _future(anchor: Token) -> bool:
    if _aux_words(anchor) & _FUTURE_AUX:
        return True
    if any(h.lemma_.lower() in _FUTURE_HEADS for h in (anchor.head, *_heads_in_clause(anchor))):
        return True
    return anchor.pos_ == "NOUN" and any(
        t.lower_ in _FUTURE_MODIFIERS for t in anchor.subtree if t.head.i in _noun_phrase(anchor)
    )


def _noun_phrase(noun: Token) -> set[int]:
    """The noun and the nouns of its of-phrase ("establishment of a potential unit")."""
    out = {noun.i}
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            out |= {c.i for c in child.children if c.dep_ == "pobj"}
    return out


def _other_sector(actor: Actor | None, other: Actor | None) -> bool:
    """Both actors name a sector, and not the same one."""
    sector = actor.sector if actor is not None else None
    other_sector = other.sector if other is not None else None
    return bool(sector and other_sector and sector != other_sector)


def _country(actor: Actor | None) -> str | None:
    if actor is None:
        return None
    if actor.country:
        return actor.country
    return actor.code[:3] if actor.code else None


def _end_char(token: Token) -> int:
    return token.idx + len(token.text)
