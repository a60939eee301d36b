"""Who acts on whom: the actors that fill an event's source and target roles, read from the
dependency parse and the actors stage's findings.

The subject (or a passive verb's by-agent) is the source, the object (or a prepositional object,
or a passive subject) the target; a verb without a subject takes its head's ("NATO ... is
exploiting the confrontation to expand"). A pattern's "+" puts the target in the noun phrase it
marks; a partner ("with Kenya") is the target before a place ("at Nairobi").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from spacy.tokens import Token

from detente.codes import MEDIA_SECTOR
from detente.events.dictionary import VerbMatch
from detente.events.parse import (
    OBJECTS,
    PASSIVE_SUBJECTS,
    SUBJECTS,
    ParsedDoc,
    circumstances,
    end_char,
    first_child,
)
from detente.events.tables import INTENT_ROOT, SHOW_OF_FORCE_ROOT, THREATEN_ROOT, YIELD_ROOT
from detente.events.where import LOCATION_PREPOSITIONS
from detente.mentions import FIRST_PERSON_PRONOUNS, PRONOUNS, conjuncts
from detente.records import Actor, ActorFindings, EventActor, Quote

_CONJ = frozenset({"conj"})
# how a verb without a subject hangs from one that has it: "is exploiting" (conj), "willing to
# enter" (xcomp), "to expand" (advcl), "by expanding" (pcomp under a prep)
_SHARES_SUBJECT = frozenset({"conj", "xcomp", "advcl", "pcomp", "prep", "acomp"})
# what an accusation is about: "complained to the UN over Israeli raids", "about Ethiopia's dam"
_GRIEVANCE_PREPOSITIONS = frozenset({"over", "about"})
# where a source's own forces or envoys are, go or come from: "its ambassador to Kenya"
_WHERE_OWN_GO = LOCATION_PREPOSITIONS | {"to", "from", "into"}
# the phrases naming whom an act named by a noun is done to ("an attack on Kenyan troops")
_DONE_TO = ("of", "on", "against", "into", "upon")
# a third-person pronoun ("they", "him"; not "their") is the actor the actors stage resolved it
# to, if any; "I" and "we" inside a quote are its speaker (`FIRST_PERSON_PRONOUNS`)
_PRONOUNS = frozenset(w for w, p in PRONOUNS.items() if p.person == 3 and p.case != "possessive")


# what a meeting among an actor's members is called ("the NATO ministers met"); other CONSULT
# words of the verb dictionary ("think", "speculate") name no meeting
MEETING_WORDS = frozenset(
    {"meet", "meeting", "talk", "talks", "summit", "gather", "gathering", "convene", "session",
     "conference", "negotiate", "negotiation", "confer", "consultation", "huddle"}
)  # fmt: skip
# a show of force and a threat, made with the source's forces
_ACTS_WITH_FORCES_ROOTS = frozenset({SHOW_OF_FORCE_ROOT, THREATEN_ROOT, INTENT_ROOT, YIELD_ROOT})
# the sectors they are made with: military, police, intelligence
_ARMED_SECTORS = frozenset({"MIL", "COP", "SPY"})


class Roles:
    """The actor roles of one document."""

    def __init__(self, parsed: ParsedDoc, actors: ActorFindings) -> None:
        self.parsed = parsed
        self.findings = actors
        self.actor_by_id = {a.id: a for a in actors.actors}
        # words that are a mention of several actors ("lawmakers" in "lawmakers in A and B": A's
        # and B's); the actors stage maps each token to one of them only
        by_span: dict[tuple[int, int], list[str]] = {}
        for actor in actors.actors:
            for mention in actor.mentions:
                by_span.setdefault((mention.start, mention.end), []).append(actor.id)
        self.shared_at: dict[int, list[str]] = {}
        for (start, end), ids in by_span.items():
            words = (
                parsed.doc.char_span(start, end, alignment_mode="expand") if len(ids) > 1 else None
            )
            for token in words if words is not None else ():
                self.shared_at[token.i] = ids

    def inherited_subject(self, verb: Token) -> list[str]:
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
                obj = first_child(head, OBJECTS)
                if obj is not None and (ids := self.actors_of(obj, verb)):
                    return ids
            # "Gollum was seen to break": a passive head lends its subject too
            subject = first_child(head, SUBJECTS) or first_child(head, PASSIVE_SUBJECTS)
            if subject is not None:
                return self.actors_of(subject, verb)
        return []

    def coded(self, actor_id: str) -> bool:
        """True for an actor with a country or organisation code: a bare sector ("---MIL" for
        "forces", "---EDU" for "experts") does not fill an event role."""
        actor = self.actor_by_id.get(actor_id)
        return actor is not None and actor.code is not None and not actor.code.startswith("---")

    def object_actors(
        self, verb: Token, sources: list[str], *, fallback: bool = True, accusation: bool = False
    ) -> list[str]:
        """Actors of the object, else of a prepositional object that does not tell when or why,
        else any actor after the verb in its clause that is not a source (nor of a source's
        country). A source's own forces are what it acts with, so where they are or go comes
        first ("strengthened its forces in Lebanon", "is sending troops to the UN force"), and
        they are the target only when nothing else is. An `accusation` is of whom it is about,
        not of whom it is made to ("complained to the United Nations over two Israeli air
        raids": Israel)."""
        candidates: list[Token] = []
        aside = circumstances(verb)
        obj = first_child(verb, OBJECTS)
        if obj is not None:
            candidates.append(obj)
        own = obj is not None and self.owned_by(self.findings.token_actor.get(obj.i, ""), sources)
        if obj is not None and own:
            candidates.extend(
                c
                for prep in obj.children
                if prep.dep_ == "prep" and prep.lower_ in _WHERE_OWN_GO
                for c in prep.children
                if c.dep_ == "pobj"
            )
        # a partner ("with Kenya") before a place ("at Nairobi"), whatever their order, and
        # what an accusation is about before whom it is made to; not when or why ("resigned
        # after losing a vote over relations with Serbia")
        preps = sorted(
            (c for c in verb.children if c.dep_ in ("prep", "agent") and c.i not in aside),
            key=lambda prep: (
                accusation and prep.lower_ not in _GRIEVANCE_PREPOSITIONS,
                prep.lower_ in LOCATION_PREPOSITIONS,
            ),
        )
        for prep in preps:
            candidates.extend(c for c in prep.children if c.dep_ == "pobj")
        for xcomp in (c for c in verb.children if c.dep_ == "xcomp"):
            candidates.extend(c for c in xcomp.children if c.dep_ in OBJECTS)

        def accept(actor_id: str) -> bool:
            return (
                self.coded(actor_id)
                and self.other(actor_id, sources)
                and not self.owned_by(actor_id, sources)
            )

        for candidate in candidates:
            ids = [
                i for i in self.actors_of(candidate, verb, deep=True, accept=accept) if accept(i)
            ]
            if ids:
                return ids
        if obj is not None and own:
            return [i for i in self.actors_of(obj, verb) if self.other(i, sources)]
        if not fallback:
            return []
        token_actor = self.findings.token_actor
        for token in self.parsed.clause(verb):
            actor_id = token_actor.get(token.i)
            if (
                token.i > verb.i
                and token.i not in aside
                and actor_id is not None
                and accept(actor_id)
            ):
                # with its conjuncts: "believes Egypt and Sudan can cope"
                listed = (token_actor.get(c.i) for c in conjuncts(token))
                return list(dict.fromkeys(i for i in listed if i is not None and accept(i)))
        return []

    def slot_actors(self, verb: Token, match: VerbMatch, sources: list[str]) -> list[str]:
        """The target a pattern's "+" places: actors of the first noun phrase with one after the
        pattern's words, past the phrases its "^" skip ("* AT ^ +": "warned at the summit of
        the threat from Russia" → the threat, else Russia)."""
        if match.target_after is None:
            return []
        clause = {t.i for t in self.parsed.clause(verb)}
        chunks = [
            chunk
            for chunk in self.parsed.noun_chunks()
            if match.target_after < chunk.start and chunk.root.i in clause
        ]
        for chunk in chunks[match.target_skips :]:
            ids = [
                self.findings.token_actor[t.i] for t in chunk if t.i in self.findings.token_actor
            ]
            ids = [i for i in dict.fromkeys(ids) if self.coded(i) and self.other(i, sources)]
            if ids:
                return ids
        return []

    def sector_or_coded(self, actor_id: str) -> bool:
        """True for an actor with any code, a bare sector too: the learned coder's roles in a
        sentence whose actors are all sectors ("police arrested protesters")."""
        actor = self.actor_by_id.get(actor_id)
        return actor is not None and actor.code is not None

    def bare_sector(self, actor_id: str) -> bool:
        """True for an actor coded with a sector of no country or organisation ("---EDU" for
        "experts")."""
        return self.sector_or_coded(actor_id) and not self.coded(actor_id)

    def press(self, actor_id: str | None) -> bool:
        """True for the press (reporters, journalists, a news organisation): whom a speaker
        tells is its audience."""
        actor = self.actor_by_id.get(actor_id or "")
        return actor is not None and actor.sector == MEDIA_SECTOR

    def known(self, actor_id: str) -> bool:
        """True for any actor the actors stage found, one without a code too ("the senator")."""
        return actor_id in self.actor_by_id

    def members(self, actor_id: str, words: Iterable[Token]) -> bool:
        """True when a plural noun among `words` names the actor as several people of it ("NATO
        foreign ministers", "EU leaders"): they can meet among themselves; a person cannot, nor
        people of no country or organisation ("relations between the two leaders", `---GOV`),
        whose meeting among themselves would say nothing of whom."""
        actor = self.actor_by_id.get(actor_id)
        if actor is None or actor.kind == "person" or not self.coded(actor_id):
            return False
        groups = [t for t in words if t.tag_ in ("NNS", "NNPS")]
        token_actor = self.findings.token_actor
        return any(token_actor.get(t.i) == actor_id for group in groups for t in group.subtree)

    def other(self, actor_id: str, sources: list[str]) -> bool:
        """True when `actor_id` is neither a source nor of a source's country (Russia is not the
        target of its own envoy), unless both name different sectors of it ("Russian police
        arrested Russian students") or the source is the state or its people and the actor one
        of its sectors ("Egypt arrested opposition leaders")."""
        if actor_id in sources:
            return False
        actor = self.actor_by_id.get(actor_id)
        country = _country(actor)
        return country is None or all(
            _country(source) != country
            or _other_sector(actor, source)
            or _acts_on_its_own(source, actor)
            for source in map(self.actor_by_id.get, sources)
        )

    def owned_by(self, actor_id: str, sources: Sequence[str]) -> bool:
        """True when `actor_id` is a source's own sector ("Russia has strengthened its forces"):
        what the source acts with, seldom on."""
        return self.findings.owners.get(actor_id) in sources

    def acts_with(self, code: str | None, source: str, target: str) -> bool:
        """True when `target` is what `source` acts with in an act of CAMEO `code`, never on:
        its own forces in a show of force ("Greece put its armed forces on high alert", "Israel
        mobilized the army"; "Pakistan put troops on high alert", whose troops are Pakistan's by
        the sentence's country), in a threat ("Serbia's president warned that Serbian troops
        could move into northern Kosovo": Kosovo), in a yield or an offer ("would pull its troops
        back from the Cenepa valley if Peru ordered a withdrawal": Peru), which have no target
        unless another actor is named."""
        if (code or "")[:2] not in _ACTS_WITH_FORCES_ROOTS:
            return False
        if self.owned_by(target, [source]):
            return True
        forces = self.actor_by_id.get(target)
        if forces is None or forces.sector not in _ARMED_SECTORS:
            return False
        country = _country(forces)
        return country is not None and country == _country(self.actor_by_id.get(source))

    def actors_of(
        self,
        token: Token,
        anchor: Token,
        *,
        deep: bool = False,
        accept: Callable[[str], bool] | None = None,
    ) -> list[str]:
        """Actor ids named by the phrase headed by `token`, with its conjuncts ("Russia and
        NATO"). `deep` also searches the phrase's modifiers ("the decisions of NATO")."""
        accept = accept or self.coded
        found: list[str] = []
        for head in conjuncts(token):
            ids = self._phrase_actor(head, anchor, deep, accept)
            found.extend(i for i in ids if i not in found and accept(i))
        return found

    def _phrase_actor(
        self, head: Token, anchor: Token, deep: bool, accept: Callable[[str], bool]
    ) -> list[str]:
        token_actor = self.findings.token_actor
        if head.i in token_actor:
            # a list the parser hung from the last name ("France, Italy and Spain") or
            # took for an apposition of the first ("Egypt, the Sudan, Chad and Niger"), or
            # modifiers that share the head ("Eritrean and Ethiopian officials")
            listed = [
                token_actor[c.i]
                for t in head.children
                if (t.dep_ == "nmod" and (t.pos_ == "PROPN" or first_child(t, _CONJ) is not None))
                or (t.dep_ == "appos" and t.pos_ == "PROPN" and first_child(t, _CONJ) is not None)
                or (t.dep_ in ("amod", "compound") and first_child(t, _CONJ) is not None)
                for c in conjuncts(t)
                if c.i in token_actor
            ]
            return list(
                dict.fromkeys([*listed, token_actor[head.i], *self.shared_at.get(head.i, ())])
            )
        lower = head.lower_
        if (
            lower in FIRST_PERSON_PRONOUNS
            and (quote := self.parsed.quote_at.get(head.i)) is not None
        ):
            return self.speaker_actors(quote)
        if lower in _PRONOUNS:
            return []  # one the actors stage left unresolved stands for no one we know
        # the head's own modifiers: "Russian diplomats", "the NATO foreign ministers"
        near = [
            token_actor[c.i]
            for t in head.children
            if t.i in token_actor and t.dep_ in ("compound", "amod", "nmod", "poss", "appos")
            for c in conjuncts(t, modifiers=True)
            if c.i in token_actor
        ]
        if near:
            return list(dict.fromkeys(near))
        if deep:
            for token in head.subtree:
                if token_actor.get(token.head.i) == token_actor.get(token.i):
                    continue  # inside a name ("Minas" of "Minas Tirith"): its head has the list
                if token.i in token_actor and accept(token_actor[token.i]):
                    # with its conjuncts: "ties with Mordor, Rohan and Bree"
                    return list(
                        dict.fromkeys(
                            token_actor[c.i]
                            for c in conjuncts(token)
                            if c.i in token_actor and accept(token_actor[c.i])
                        )
                    )
        return []

    def speaker_actors(self, quote: Quote) -> list[str]:
        """The actor of a quote's speaker: by id when the actors stage kept the quotes stage's ids,
        else the actor named by the speaker's mention, else by name."""
        speaker = quote.speaker
        if speaker.mention is not None:
            for token in self.parsed.tokens(speaker.mention):
                if token.i in self.findings.token_actor:
                    return [self.findings.token_actor[token.i]]
        named = next((a for a in self.findings.actors if a.name == speaker.name), None)
        if named is not None:
            return [named.id]
        if speaker.actor and speaker.actor in self.actor_by_id:
            return [speaker.actor]
        return []

    def event_actor(self, actor_id: str, code: str | None, anchor: Token) -> EventActor:
        text = self._mention_text(actor_id, anchor)
        actor = self.actor_by_id.get(actor_id)
        return EventActor(actor_id, actor.name if actor else text, code, text)

    def _mention_text(self, actor_id: str, anchor: Token) -> str:
        """The words naming `actor_id` nearest to `anchor` in its sentence, a name before a
        pronoun ("The Chinese government insists it is enforcing ...": not "it"), else its
        name."""
        sentence = self.parsed.sentences[self.parsed.sentence_at[anchor.i]]
        tokens = [
            t
            for t in sentence
            if self.findings.token_actor.get(t.i) == actor_id
            or actor_id in self.shared_at.get(t.i, ())
        ]
        if not tokens:
            actor = self.actor_by_id.get(actor_id)
            return actor.name if actor else actor_id
        tokens = [t for t in tokens if t.pos_ != "PRON"] or tokens
        nearest = min(tokens, key=lambda t: abs(t.i - anchor.i))
        run = [nearest]
        for step in (-1, 1):
            i = nearest.i + step
            while sentence.start <= i < sentence.end and (
                self.findings.token_actor.get(i) == actor_id
            ):
                run.append(self.parsed.doc[i])
                i += step
        first, last = min(run, key=lambda t: t.i), max(run, key=lambda t: t.i)
        return self.parsed.text[first.idx : end_char(last)]

    def nominal_roles(
        self,
        noun: Token,
        ordered: list[str],
        *,
        source: str,
        target: str,
        performer: Token | None = None,
    ) -> tuple[list[str], list[str | None]]:
        """Sources and targets of a nominal pattern's event, by the pattern's `source`
        (participants | agent) and `target` (same | done_to | next); `ordered` are the actors of
        the noun's phrase in text order, `performer` a verb whose subject performs the event
        ("Russia launched an invasion")."""
        if source == "participants":
            partners: list[str | None] = list(self._prepositional_actors(noun, "with"))
            host = [i for i in self._host(noun) if i not in partners]
            if partners and host:
                # "Moroccan diplomats held their first meeting with President Obama"
                return host, partners
            # the participants' words, not the event noun ("negotiations")
            phrase = (t for t in noun.subtree if t is not noun)
            meeting = noun.lemma_.lower() in MEETING_WORDS
            # a meeting with one side is not among its members ("a meeting with Chinese officials")
            among = len(ordered) == 1 and ordered[0] not in partners
            if among and meeting and self.members(ordered[0], phrase):
                return ordered, list(ordered)  # "the meeting of NATO ministers": among them
            return ordered, [None]
        agent: list[str] = []
        for child in noun.children:
            if child.dep_ == "poss":
                agent = self.actors_of(child, noun)
            elif child.dep_ == "prep" and child.lower_ == "by":
                agent = self._prepositional_actors(noun, "by")
            if agent:
                break
        if not agent and performer is not None:
            agent = self._host(noun)
        if target == "done_to":
            done_to = [i for p in _DONE_TO for i in self._prepositional_actors(noun, p)]
            if performer is not None:  # "carried out airstrikes on Gaza": on the verb
                done_to += [
                    i
                    for p in _DONE_TO
                    if p != "of"
                    for i in self._prepositional_actors(performer, p)
                ]
            patients: list[str | None] = [i for i in dict.fromkeys(done_to) if i not in agent]
            return agent, patients or [None]
        sources = agent or ordered[:1]
        rest: list[str | None] = [i for i in ordered if self.other(i, sources)]
        return sources, rest[:1] or [None]

    def _prepositional_actors(
        self, noun: Token, preposition: str, *, deep: bool = False
    ) -> list[str]:
        """Actors of the objects of `noun`'s `preposition` phrases ("with Kenya", "by Russia")."""
        return [
            i
            for child in noun.children
            if child.dep_ == "prep" and child.lower_ == preposition
            for c in child.children
            if c.dep_ == "pobj"
            for i in self.actors_of(c, noun, deep=deep)
        ]

    def _host(self, noun: Token) -> list[str]:
        """Who takes part in the event `noun` names as the subject of the verb it is the object
        of ("Moroccan diplomats held their first meeting with ...", "the president had talks
        with ..."): the one the meeting is with is the other side."""
        if noun.dep_ not in OBJECTS:
            return []
        verb = noun.head
        return [
            i
            for subject in verb.children
            if subject.dep_ in SUBJECTS
            for i in self.actors_of(subject, verb, deep=True)
        ]


def _other_sector(actor: Actor | None, other: Actor | None) -> bool:
    """Both actors name a sector, and not the same one."""
    sector = actor.sector if actor is not None else None
    other_sector = other.sector if other is not None else None
    return bool(sector and other_sector and sector != other_sector)


def _acts_on_its_own(source: Actor | None, actor: Actor | None) -> bool:
    """A state or a people acting on a sector of its own ("Venezuela banned opposition leader
    Juan Guaido", "Young Algerians pressed the government"); a person whose code is only a
    country (a dictionary's gap: Ted Cruz is USA) is no state."""
    if source is None or actor is None:
        return False
    return source.kind != "person" and not source.sector and bool(actor.sector)


def _country(actor: Actor | None) -> str | None:
    if actor is None:
        return None
    if actor.country:
        return actor.country
    return actor.code[:3] if actor.code else None
