"""Who did it and to whom, for an event the learned coder decides on a sentence without a rule
event carrying it (coders.py), or when a kept rule event names no target.

The rule coder reads roles off the verb its dictionary matched; a decision is about the whole
sentence, so its roles are read off the sentence: the main verb's subject (or, for an act a
speaker reports, the reported clause's), a passive verb's by-agent or means, the first other
actor that can be a target (with those coordinated with it), and failing that the place an act
happened in or the source's own country. Violence done by a means that names no doer ("A
roadside bomb killed 12 Afghan soldiers") has PLOVER's unidentified actor as its source. Who a
sentence is according to, the press it is told to, and the clauses that tell when or why, fill
no role.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from spacy.tokens import Token

from detente.actors import names_its_country
from detente.codes import PARTY_SECTOR, UNIDENTIFIED_SECTOR, UNKNOWN_COUNTRY
from detente.countries import country
from detente.events.coder import DIRECT_OBJECT, _Coder, _Draft, acts_mutually
from detente.events.dictionary import PREPOSITION_DEPS, Code
from detente.events.parse import (
    PASSIVE_SUBJECTS,
    PREPOSITION_OBJECTS,
    SUBJECTS,
    conditions,
    first_child,
    sentence_circumstances,
)
from detente.events.tables import DEMAND_ROOT, SHOW_OF_FORCE_ROOT, VIOLENCE_ROOTS, quad_class
from detente.events.where import anchor_location, is_place_name, locate, names_a_place
from detente.mentions import resolvable
from detente.records import Actor, Driver, Event, EventActor, Span

# nouns of places, whose modifiers say where an act happened, not who did it
_PLACE_NOUNS = frozenset(
    {
        *("city", "town", "village", "province", "district", "region", "area", "capital"),
        *("suburb", "neighborhood", "neighbourhood", "border", "state", "county", "port"),
    }
)
# the prepositions of what an act is done to: "imposed on", "a campaign against"
_ACTED_ON_PREPOSITIONS = frozenset({"on", "upon", "against"})
# whom a verb of speaking addresses: "told reporters", "said to journalists"
_AUDIENCE_DEPS = frozenset({"dative", "dobj"})
# the words that qualify a noun or own it: "a Taliban bomb", "Israeli airstrikes"
_MEANS_OWNERS = frozenset({"compound", "amod", "nmod", "poss"})
# the clauses of a noun: "a Chechen who had fought", "missiles fired by the military"
_NOUN_CLAUSES = frozenset({"relcl", "acl"})
_PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC"})
# whom an act is done to: "killed 12 soldiers", "soldiers were killed"
_UNDERGOING = DIRECT_OBJECT | PASSIVE_SUBJECTS


def reported_as_done(code: str) -> bool:
    """True for an act that a report tells as its doer's ("Rebels shelled Goma, officials said",
    "Israel will evacuate the settlements, a spokesperson said"): material acts and verbal
    cooperation (CAMEO 03–05), not what a speaker does by saying it: statements, appeals,
    demands, accusations, rejections and threats ("officials said the US had violated the
    accord" is their accusation, "... said lifting the sanctions is out of the question" their
    rejection)."""
    return quad_class(code) in (2, 4) or code[:2] in ("03", "04", "05")


def _place_named(token: Token) -> bool:
    """A place's name in a prepositional phrase ("near Gao"), or of a noun of places ("the town
    of Samarra", which the parser may not tag as a place)."""
    return is_place_name(token) or (
        token.dep_ == "pobj"
        and token.head.lower_ == "of"
        and token.head.head.lemma_ in _PLACE_NOUNS
    )


def _stands_for_another(subject: Token) -> bool:
    """Whether a subject that names no actor stands for one named elsewhere: a pronoun ("it
    would drop tariffs") or a noun owned by one ("their countries should cooperate")."""
    return subject.pos_ == "PRON" or any(
        child.dep_ == "poss" and child.pos_ == "PRON" for child in subject.children
    )


class DecidedRoles:
    """Roles read off a sentence of `coder`'s document (its parse, actors and role finder)."""

    def __init__(self, coder: _Coder) -> None:
        self.coder = coder
        self.parsed = coder.parsed
        self.sentences = coder.sentences
        self.findings = coder.findings
        self.roles = coder.roles

    def sentence_events(
        self,
        index: int,
        code: str,
        rule: str,
        confidence: float,
        *,
        subject_only: bool = False,
        sectors: bool = False,
        unnamed_doer: bool = False,
    ) -> list[Event]:
        """Events of a decision made without a rule (the learned coder) on sentence `index`: the
        source is the actor of the main verb's subject, else (unless `subject_only`) the actor of a
        subject without a code, else the first coded actor that is neither where the act
        happened nor in what it acted on (not for violence done by a thing: by whom its phrase
        names, else no one); the target the first other actor (not of the source's country) and
        those coordinated with it, or the doer a condition on the act names, who is none of its
        makers ("could restore ties if Washington lifted sanctions"), but for a bare sector as
        the subject's actor ("militants ambushed a NATO convoy") the coded actor of the verb's
        object, else no event; flags, date and place as for rules. With `sectors`, bare sectors
        fill roles too.

        An act whose main verb reports it (`reported_as_done`: "Rebels shelled Goma, officials
        said", "Kenya and Uganda met in Nairobi, officials said") is the reported clause's: its
        subject is the source, its passive subject the target, and the speaker is its source
        only when its subject is a pronoun, or a noun a pronoun owns, that names no other actor
        ("China announced it would drop tariffs", "officials agreed that their countries should
        cooperate"), or, for a verbal act, when the clause names no doer; a passive material
        act without a by-agent has no source the sentence names ("soldiers were wounded,
        officials said"): no event, unless `unnamed_doer` allows violence by a means that names
        no doer (`_by_unnamed_doer`)."""
        root = self.sentences[index].root
        anchor = self._reported_act(root, code)
        unnamed = unnamed_doer and code[:2] in VIOLENCE_ROOTS
        found = self._events_at(
            index, anchor, code, rule, confidence, subject_only, sectors, unnamed
        )
        if not found and anchor.i != root.i and quad_class(code) not in (2, 4):
            # a verbal act whose reported clause names no doer is the speaker's ("the talks
            # would not resume, the minister said")
            found = self._events_at(
                index, root, code, rule, confidence, subject_only, sectors, unnamed
            )
        return found

    def _events_at(
        self,
        index: int,
        anchor: Token,
        code: str,
        rule: str,
        confidence: float,
        subject_only: bool,
        sectors: bool,
        unnamed_doer: bool,
    ) -> list[Event]:
        """`sentence_events` with `anchor` as the verb of the act."""
        fills = self.roles.sector_or_coded if sectors else self.roles.coded
        sentence = self.sentences[index]
        reported = anchor.i != sentence.root.i
        speaker = self._attribution(index) if reported else None
        said_by = self._reporters(index, speaker=reported)
        actor_ids = [a for a in self._named(index, besides=said_by) if fills(a)]
        subject = first_child(anchor, SUBJECTS)
        sources = self.roles.actors_of(subject, anchor, accept=fills) if subject is not None else []
        if not sources and subject is not None and _stands_for_another(subject):
            # "China announced it would drop ...", "officials agreed that their countries
            # should cooperate": the speaker
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
            doers = agents or [a for a in self._means_actors(anchor) if a not in undergo]
            sources = [a for a in doers if fills(a)][:1]
            if not sources:
                # a doer named without a code ("in an attack by gunmen") is no unnamed one
                means = None if doers or not unnamed_doer else self._passive_means(anchor)
                return self._by_unnamed_doer(index, anchor, means, undergo, code, rule, confidence)
            actor_ids = [a for a in undergo if fills(a)] + actor_ids
        elif passive is not None and reported:
            doers = self._agents(anchor, self.roles.known)
            sources = [a for a in doers if fills(a)]
            if not sources:
                means = None if doers or not unnamed_doer else self._passive_means(anchor)
                victims = self.roles.actors_of(passive, anchor, accept=fills)
                return self._by_unnamed_doer(index, anchor, means, victims, code, rule, confidence)
            actor_ids = self.roles.actors_of(passive, anchor, accept=fills) + actor_ids
        bare_doer = False
        if not subject_only and not sources:
            # a subject naming someone without a code ("The senator refused to publish the
            # speeches she gave to Goldman Sachs") is still the doer: no other actor stands in
            if subject is not None:
                sources = self.roles.actors_of(subject, anchor, accept=self.roles.known)
                if not sources and resolvable(subject):
                    # "They urged Russia to withdraw its forces from Ukraine" after a sentence
                    # whose subject names no actor: the doer is whom the pronoun stands for,
                    # and no actor of this sentence stands in for it
                    return []
                if not sources and code[:2] in VIOLENCE_ROOTS:
                    # violence done by a thing: by whom its phrase names ("missiles fired by the
                    # Israeli military struck ..."), else by no one named ("A roadside bomb
                    # killed 12 Afghan soldiers"); a thing that is no means of violence does
                    # none ("A fire at a Chinese factory killed 12 workers"), and no actor
                    # stands in for its doer
                    if self.coder.patterns.violent_word(subject) is None:
                        return []
                    doers = self._doers_of_means(subject)
                    sources = [a for a in doers if fills(a)][:1]
                    if not sources:
                        means = None if doers or not unnamed_doer else subject
                        victims = self._victims(anchor)
                        return self._by_unnamed_doer(
                            index, anchor, means, victims, code, rule, confidence
                        )
                # a doer of no country ("rebels", "experts") acts on the coded actor of its
                # verb's object ("a rebel commander surrendered to Colombian forces"), not on
                # one merely named later ("experts urged officials not to fear NATO's presence")
                bare_doer = bool(sources) and all(map(self.roles.bare_sector, sources))
            # a place the act happened in is no doer ("ethnic Albanians demonstrated in Serbia"),
            # nor is one outside the subject (the act's clause, with none) where something else
            # is or happened ("he said of his performance in California"; "thousands in Serbia
            # protested" is Serbia, "hundreds were arrested after riots in Kenya" Kenya), nor
            # what was acted on ("hackers attacked the EU's computer systems"), nor one named
            # only in a clause of time or reason ("it suspended aid deliveries after the
            # Hamas-run ministry stole trucks of flour")
            not_doers = (
                self._places(index, of_verb=True)
                | self._places(index, outside=subject if subject is not None else anchor)
                | self._acted_on(anchor)
            )
            besides = said_by | sentence_circumstances(sentence)
            standing_in = [
                a for a in self._named(index, besides=besides) if fills(a) and a not in not_doers
            ]
            sources = sources or standing_in[:1]
        if not sources:
            return []
        # an act offered or threatened on a condition is directed at whom the condition asks to
        # act (not the speaker, whatever the parse hangs on it), who is none of its doers ("Cuba
        # and the United States could restore ties if Washington lifted sanctions": Cuba's
        # offer to Washington)
        asked = [a for a in self.asked(index, fills) if a in actor_ids]
        if asked:
            makers = [s for s in sources if s not in asked and not self._asked_as(s, asked)]
            sources = makers or sources  # or a condition on its own act
            actor_ids = [*asked, *(a for a in actor_ids if a not in asked)]
        others = self._target_order(actor_ids, self._phrase_actors(subject, sources), sources)
        fellows = {f for s in sources for f in self._fellow_doers(index, s, code)}
        targets = [a for a in others if self.roles.other(a, sources) and a not in fellows][:1]
        if bare_doer:
            targets = self.roles.object_actors(anchor, sources, fallback=False)[:1]
            if not targets:
                return []
        # and those coordinated with it ("will visit Mauritania and Senegal")
        targets += [
            a
            for a in self._coordinated(index, targets[0] if targets else None)
            if a in others and fills(a) and self.roles.other(a, sources) and a not in fellows
        ]
        draft = self._draft(index, anchor, code, rule, confidence, sources, [*targets] or [None])
        return self.coder.finish([draft])

    def asked(self, index: int, fills: Callable[[str], bool] | None = None) -> list[str]:
        """The actors of the subjects of the conditions in sentence `index` (`parse.conditions`:
        "if Washington lifted sanctions"): asked to act, they make no offer or threat of it."""
        fills = fills or self.roles.coded
        found: list[str] = []
        sentence = self.sentences[index]
        doc = sentence.doc
        for condition in conditions(sentence):
            subject = first_child(condition, SUBJECTS)
            if subject is None:
                continue
            # named before any comma of the clause: a misparse may hang the speaker of "...,
            # the Dutch foreign minister said" on the condition
            start = condition.left_edge.i
            if any(doc[i].text == "," for i in range(start, subject.i)):
                continue
            found += self.roles.actors_of(subject, condition, accept=fills)
        return list(dict.fromkeys(found))

    def offered(self, event: Event, asked: Sequence[str]) -> list[Event]:
        """`event`, in a sentence whose conditions ask `asked` to act (`DecidedRoles.asked`), as
        the offer or threat it is made to them: none when its source is one of them under
        another name, or one of them that is not the sentence's subject, else directed at each
        of them that can be its target ("Indonesia might grant autonomy to East Timor if Portugal
        dropped its demand": to Portugal, whose act it waits for)."""
        source = event.source.actor if event.source is not None else None
        if source is None:
            return [event]
        if self._asked_as(source, asked):
            return []
        if source in asked and source not in self._subject_actors(event.sentence, source):
            # the asked party's act ("if Peru pulled back its forces") is no offer; its own
            # condition is the sentence subject's ("Iran said it would attend if it were invited")
            return []
        if event.target is not None and self._of_asked(event.target.actor, asked):
            # directed at them already ("threatened to shell South Korean sites if Seoul ...")
            return [event]
        to = [a for a in asked if self.roles.other(a, [source])]
        root = self.sentences[event.sentence].root
        return [
            replace(event, target=self.roles.event_actor(a, self.coder.codes(a)[0], root))
            for a in to
        ] or [event]

    def _of_asked(self, target: str | None, asked: Sequence[str]) -> bool:
        """Whether `target` is an asked actor or of an asked actor's country."""
        actor = self.roles.actor_by_id.get(target or "")
        countries = {a.country for a in map(self.roles.actor_by_id.get, asked) if a is not None}
        return target in asked or (actor is not None and actor.country in countries - {None})

    def _asked_as(self, source: str, asked: Sequence[str]) -> bool:
        """Whether `source` is, under another name, a party the conditions ask to act: of an
        asked actor's code, or the state whose government or people is asked ("Cuba and the
        United States could restore ties if Washington lifted sanctions"). Not when named as
        asked itself: a condition on its own act ("would attend if it were invited")."""
        if source in asked:
            return False
        actor = self.roles.actor_by_id.get(source)
        if actor is None:
            return False
        state = actor.kind == "state" and not actor.sector
        return any(
            (other := self.roles.actor_by_id.get(a)) is not None
            and (other.code == actor.code or (state and other.country == actor.country))
            for a in asked
        )

    def _draft(
        self,
        index: int,
        anchor: Token,
        code: str,
        rule: str,
        confidence: float,
        sources: list[str],
        targets: list[str | None],
        *,
        unidentified: EventActor | None = None,
    ) -> _Draft:
        """A decision's event at `anchor` in sentence `index`, its evidence the sentence."""
        sentence = self.sentences[index]
        return _Draft(
            sources=sources,
            targets=targets,
            code=Code(code),
            rule=rule,
            anchor=anchor,
            evidence=(sentence.start_char, sentence.end_char),
            confidence=confidence,
            quote=q.id if (q := self.parsed.quote_at.get(sentence.root.i)) else None,
            unidentified=unidentified,
        )

    def struck_in_words(self, event: Event) -> bool:
        """Whether `event`, violence (CAMEO 18–20) by a named person or a party on a named person,
        a party or no actor, is a blow struck in words (`patterns.toml`, W01): its words strike
        only as news says of words ("attacked", "blasted") and name neither a harm ("killed",
        "shot") nor a means of violence ("a roadside bomb", "gunfire"), as political news has it
        ("Sanders attacked Clinton over her Wall Street speeches", "Obama's attack on the Second
        Amendment", "Trump blasted Democrats"). A named person strikes a state, a force or a
        group with arms as often as with words ("Assad attacked rebels"), so a target of no
        person and no party keeps the violence, as does a blow at a place or a thing only arms
        strike ("fired at the ship")."""
        if event.cameo[:2] not in VIOLENCE_ROOTS or event.source is None:
            return False
        actors = self.roles.actor_by_id
        if not self._spars_in_words(actors.get(event.source.actor or "")):
            return False
        if event.target is not None and not self._spars_in_words(
            actors.get(event.target.actor or "")
        ):
            return False
        patterns = self.coder.patterns
        tokens = self.parsed.tokens(event.evidence)
        lemmas = {token.lemma_.lower() for token in tokens}
        if event.target is None and any(t.ent_type_ in _PLACE_ENTITIES for t in tokens):
            return False  # "an attack on Homs": a place, with or without a code
        return bool(lemmas & patterns.figurative_blows) and not lemmas & patterns.arms

    def _spars_in_words(self, actor: Actor | None) -> bool:
        """A named person, or a political party, whom news strikes only in words."""
        return self._named_person(actor) or (actor is not None and actor.sector == PARTY_SECTOR)

    def _named_person(self, actor: Actor | None) -> bool:
        """A person a mention names by a proper name ("Bernie Sanders", "Mr. Trump"), not one only
        described ("a suicide bomber")."""
        return (
            actor is not None
            and actor.kind == "person"
            and any(t.pos_ == "PROPN" for span in actor.mentions for t in self.parsed.tokens(span))
        )

    def _by_unnamed_doer(
        self,
        index: int,
        anchor: Token,
        means: Token | None,
        victims: Sequence[str],
        code: str,
        rule: str,
        confidence: float,
    ) -> list[Event]:
        """The violent act at `anchor` done by a `means` of violence that names no doer ("A
        roadside bomb killed 12 Afghan soldiers", "were killed in a suicide bombing") to the
        first coded actor of `victims`; none without a means (None: a landslide, a fire, a doer
        named, or unnamed doers not allowed) or a coded victim. Its source is no actor of the
        text (`actor` None) but the PLOVER codebook's unidentified actor (sector UNK, its example
        "two civilians were killed by a bomb") of the country where it happened (`_where`), as
        the PLOVER gold standard codes a roadside bombing near Samarra IRQ → USA: IRQUNK, else
        ---UNK. Its first driver is the word of the means."""
        word = self.coder.patterns.violent_word(means) if means is not None else None
        coded = [actor_id for actor_id in victims if self.roles.coded(actor_id)][:1]
        if means is None or word is None or not coded:
            return []
        where = self._where(index, anchor)
        place = country(where)
        unidentified = EventActor(
            None,
            f"unidentified ({place.name})" if place else "unidentified",
            (where or UNKNOWN_COUNTRY) + UNIDENTIFIED_SECTOR,
            means.doc[means.left_edge.i : means.i + 1].text,
        )
        draft = self._draft(
            index, anchor, code, rule, confidence, [], [*coded], unidentified=unidentified
        )
        driver = Driver(f"{self.coder.patterns.means_id} {word.text}", 1.0)
        return [replace(event, drivers=(driver,)) for event in self.coder.finish([draft])]

    def _where(self, index: int, anchor: Token) -> str | None:
        """The country (alpha-3) where the act at `anchor` happened: of its place ("in
        Kandahar"), else of the first place named in another phrase of sentence `index`, as a
        country's actor or in the gazetteer ("near the town of Samarra", "near Gao"), not in
        whom it was done to, in a clause of time or reason, nor by whom it is reported ("...,
        officials in Islamabad said")."""
        location = anchor_location(anchor, self.parsed.entity_at)
        if location is not None and location.country:
            return location.country
        aside = {t.i for c in anchor.children if c.dep_ in _UNDERGOING for t in c.subtree}
        aside |= sentence_circumstances(self.sentences[index]) | self._reporters(index)
        token_actor, entity_at = self.findings.token_actor, self.parsed.entity_at
        for token in self.sentences[index]:
            if token.i in aside or not _place_named(token):
                continue
            code = self.coder.codes(token_actor[token.i])[0] if token.i in token_actor else None
            if code is None:
                entity = entity_at.get(token.i)
                place = locate(entity.text if entity is not None else token.text)
                code = place.country if place is not None else None
            if code and len(code) == 3 and country(code) is not None:
                return code
        return None

    def _doers_of_means(self, means: Token) -> list[str]:
        """Known actors that qualify a means of violence ("an Israeli missile", "a Taliban bomb")
        or act through it ("missiles fired by the Israeli military", "a bomb planted by
        militants"), not where it was ("an explosion near the town of Samarra", "a car bomb in
        Kiev")."""
        token_actor = self.findings.token_actor
        words = [t for c in means.children if c.dep_ in _MEANS_OWNERS for t in c.subtree]
        by = (
            t for t in means.subtree if t.dep_ == "agent" or (t.dep_ == "prep" and t.lower_ == "by")
        )
        words += [t for phrase in by for t in phrase.subtree]
        named = (token_actor[t.i] for t in sorted(words) if t.i in token_actor)
        return [a for a in dict.fromkeys(named) if self.roles.known(a)]

    def _victims(self, verb: Token) -> list[str]:
        """Actors named in the phrase of `verb`'s direct object, not in a clause of it ("killed
        a Chechen who had fought on the Ukrainian side": none), else in its prepositional
        object ("exploded near a NATO convoy")."""
        obj = first_child(verb, DIRECT_OBJECT)
        if obj is None:
            return self.roles.object_actors(verb, [], fallback=False)
        token_actor = self.findings.token_actor
        phrase = [obj, *(t for c in obj.children if c.dep_ not in _NOUN_CLAUSES for t in c.subtree)]
        named = (token_actor[t.i] for t in sorted(phrase) if t.i in token_actor)
        return list(dict.fromkeys(named))

    def _passive_means(self, verb: Token) -> Token | None:
        """The means of violence a passive `verb` names as how it was done, in a prepositional
        or by-phrase ("killed in a suicide car bombing", "by a roadside bomb")."""
        violent_word = self.coder.patterns.violent_word
        for prep in (c for c in verb.children if c.dep_ in ("prep", "agent")):
            for noun in (c for c in prep.children if c.dep_ == "pobj"):
                if violent_word(noun) is not None:
                    return noun
        return None

    def _coordinated(self, index: int, actor_id: str | None) -> list[str]:
        """The other actors whose names sentence `index` coordinates with a name of `actor_id`
        ("Mauritania and Senegal")."""
        if actor_id is None:
            return []
        token_actor = self.findings.token_actor
        named = [t for t in self.sentences[index] if token_actor.get(t.i) == actor_id]
        found = (token_actor.get(c.i) for t in named for c in t.conjuncts)
        return [a for a in dict.fromkeys(found) if a is not None and a != actor_id]

    def _acted_on(self, verb: Token) -> set[str]:
        """Actors named in the direct or indirect object of `verb` ("NATO", "the EU's computer
        systems", "gave Kenya aid"), in its phrase of what the act is on or against ("suspensions
        were imposed on Mali") or, beside a direct object, of whom it went to ("returned the
        fossils to China"; without one, "to" may tell a tie: "hackers linked to Iran"): what was
        acted on or given to, never its doer."""
        token_actor = self.findings.token_actor
        transfer = any(c.dep_ == "dobj" for c in verb.children)
        return {
            token_actor[t.i]
            for obj in verb.children
            if obj.dep_ in ("dobj", "dative")
            or (
                obj.dep_ == "prep"
                and (obj.lower_ in _ACTED_ON_PREPOSITIONS or (transfer and obj.lower_ == "to"))
            )
            for t in obj.subtree
            if t.i in token_actor
        }

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
        for prep in (c for c in verb.children if c.dep_ in PREPOSITION_DEPS):
            objects = (c for c in prep.children if c.dep_ in PREPOSITION_OBJECTS)
            for noun in (c for c in objects if c.i not in token_actor):
                if noun.lemma_.lower() in _PLACE_NOUNS:
                    continue  # "in the Syrian city of Aleppo": where, not by whom
                found.extend(
                    token_actor[c.i]
                    for c in noun.children
                    if c.dep_ in _MEANS_OWNERS and c.i in token_actor
                )
                by = (c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("by", "from"))
                for agent in (c for p in by for c in p.children if c.dep_ == "pobj"):
                    found.extend(self.roles.actors_of(agent, verb, accept=self.roles.known))
        return list(dict.fromkeys(found))

    def _reported_act(self, root: Token, code: str) -> Token:
        """The verb of an act told as its doer's (`reported_as_done`) that the main verb `root`
        reports ("Rebels shelled Goma, officials said"), else `root`."""
        if root.i not in self.parsed.cue_at or not reported_as_done(code):
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
        to Kenyan officials, ..."); they tell what happened, they are not acted upon; and the
        press it was told to ("told reporters"), which hears it."""
        said = self._attribution(index) if speaker else None
        told = {t.i for t in said.subtree} if said is not None else set()
        root = self.sentences[index].root
        if root.i in self.parsed.cue_at:
            # whom it was told to, when that is the press ("Congo's foreign minister told
            # reporters"): an audience, neither the doer nor whom a reported act is done to
            for heard in (c for c in root.children if c.dep_ in _AUDIENCE_DEPS):
                words = {t.i for t in heard.subtree}
                if any(self.roles.press(self.findings.token_actor.get(i)) for i in words):
                    told |= words
        for token in self.sentences[index]:
            # read from the parse, not the quotes stage's frame cues: it makes no quote of some
            # ("..., according to the police who killed him" inside another quote)
            if token.lower_ == "according" and token.dep_ == "prep":
                told.update(t.i for t in token.subtree)
        return told

    def first_targets(
        self, index: int, source: str, cameo: str, within: Span | None = None
    ) -> list[EventActor]:
        """The first coded actor of sentence `index` (of its words in `within`, if given) that can
        be `source`'s target, with those coordinated with it ("will visit Mauritania and
        Senegal"): not of its country nor of its code, nor named only as the speaker of a report
        ("Chadian troops attacked a camp, Sudanese officials said", "according to Sudanese
        officials") or in a clause of time or reason, a reported act's too
        (`parse.sentence_circumstances`), nor what an act of CAMEO `cameo` is done with."""
        named = self._addressable(index, within)
        fellows = self._fellow_doers(index, source, cameo)
        named = [actor_id for actor_id in named if actor_id not in fellows]
        ordered = self._target_order(named, self._subject_actors(index, source), [source])

        def can_be(actor_id: str) -> bool:
            return (
                self.roles.coded(actor_id)
                and self.roles.other(actor_id, [source])
                and not self.coder.self_pair(source, actor_id)
                and not self.roles.acts_with(cameo, source, actor_id)
            )

        first = next((actor_id for actor_id in ordered if can_be(actor_id)), None)
        if first is None:
            return []
        found = [first, *(a for a in self._coordinated(index, first) if a in ordered and can_be(a))]
        root = self.sentences[index].root
        return [self.roles.event_actor(a, self.coder.codes(a)[0], root) for a in found]

    def _addressable(self, index: int, within: Span | None = None) -> list[str]:
        """Ids of the actors named in sentence `index` (in its words inside `within`) that an
        act may be directed at: not the speaker of a report nor one in a clause of time or
        reason."""
        aside = self._reporters(index) | sentence_circumstances(self.sentences[index])
        return self._named(index, within, besides=aside)

    def done_by_another(self, index: int, source: str) -> bool:
        """Whether the main predicate of sentence `index` has a subject that does not name
        `source` ("His wife had warned him ..., but Trump said": the warning is not Trump's)."""
        has_subject = first_child(self.sentences[index].root, SUBJECTS) is not None
        return has_subject and not self._subject_actors(index, source)

    def _fellow_doers(self, index: int, source: str, cameo: str) -> set[str]:
        """The actors a subject in sentence `index` names beside `source` when they do an act of
        CAMEO `cameo` together, not to each other ("China and Russia attacked the convoy")."""
        fellows: set[str] = set()
        for token in self.sentences[index]:
            if token.dep_ in SUBJECTS:
                doers = self.roles.actors_of(token, token.head, accept=self.roles.known)
                if source in doers and not acts_mutually(cameo, token.head):
                    fellows.update(doers)
        fellows.discard(source)
        return fellows

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
            code = self.coder.codes(actor_id)[0] if actor_id in places else None
            if code is not None and len(code) == 3 and code != event.source.code:
                return self.roles.event_actor(actor_id, code, sentence.root)
        return None

    def home_target(self, event: Event) -> EventActor | None:
        """The source's own country as the recipient of a conflict act (CAMEO quad class 3 or 4)
        that names none, as the PLOVER gold standard codes such domestic acts: country to
        country. Named by the sentence apart from the source's phrase ("a Taliban suicide bomber
        killed 15 Afghan Army trainees", "President Museveni banned Ugandan opposition
        candidates"), it is that actor; else, when the source is a part of a country its own
        words name ("Uganda's government threatened to ban opposition rallies", "Ethiopia's
        government turned down a proposal by Tigrayan leaders"), it stands for no actor of the
        text (`actor` None) and its words are the source's. Not for a show of
        force: a state's forces are what it shows, not whom at; nor for a demand, made of whom it
        names or of no one ("Malawi's president appealed for international help", "the
        opposition leader demanded immediate elections")."""
        code = event.source.code if event.source is not None else None
        if event.source is None or not code or len(code) <= 3:
            return None
        if event.cameo.startswith((SHOW_OF_FORCE_ROOT, DEMAND_ROOT)):
            return None
        actor = self.roles.actor_by_id.get(event.source.actor or "")
        home = country(code[:3])
        if actor is None or home is None or quad_class(event.cameo) not in (3, 4):
            return None
        source_phrase = self._subject_actors(event.sentence, actor.id)
        for actor_id in self._addressable(event.sentence):
            if actor_id not in source_phrase and self.coder.codes(actor_id)[0] == code[:3]:
                root = self.sentences[event.sentence].root
                return self.roles.event_actor(actor_id, code[:3], root)
        if not names_its_country(actor):
            return None  # "Trump accused ...": a person's country is no recipient
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

    def _target_order(
        self, actor_ids: Sequence[str], within_source: set[str], sources: Sequence[str]
    ) -> list[str]:
        """`actor_ids` as candidate targets: not those of the source's own phrase, as whom the
        source's phrase names tells who it is ("Syrian hackers backing President Assad hijacked
        the AP's account", "doctors from two American aid groups delivered goods to ..."), and
        the source's own forces last ("Russia has begun withdrawing some of its troops from
        Syria"): seldom whom it acts on."""
        return sorted(
            (i for i in actor_ids if i not in within_source),
            key=lambda i: self.roles.owned_by(i, sources),
        )

    def _places(
        self, index: int, *, of_verb: bool = False, outside: Token | None = None
    ) -> set[str]:
        """Ids of the coded actors that sentence `index` names as a place in an "in"/"at"
        phrase; with `of_verb`, only where the phrase tells where an act happened
        ("demonstrated in Serbia"), not where someone lives ("Albanians in Serbia"); with
        `outside`, only those not in the phrase of that token (a subject, or the act's verb)."""
        token_actor = self.findings.token_actor
        within = range(outside.left_edge.i, outside.right_edge.i + 1) if outside is not None else ()
        return {
            token_actor[token.i]
            for token in self.sentences[index]
            if token.i in token_actor
            and names_a_place(token)
            and (not of_verb or token.head.head.pos_ in ("VERB", "AUX"))
            and token.i not in within
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
