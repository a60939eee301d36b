"""Speakers: from the head word of a speaker phrase to an actor with name, role and organisation.

Resolution, in document order (`SpeakerResolver.resolve` is called with ascending positions):
    explicit     a name in the sentence ("said Timofei Bordachev")
    alias        a surname or shorter form of a person already met ("Grushko")
    pronoun      he/she/his/her -> the last person mentioned before, within a few paragraphs;
                 they/their -> the last group or institution that spoke
    role         "the Norwegian official" -> the last person mentioned, when the role word is a
                 generic one or the role that person was given
    group        a plural noun phrase ("Russian diplomats", "experts")
    institution  an organisation or state ("NATO said", "Moscow")
    author       "I" or "we" outside quotes: the writer; no actor
Role and organisation come from an appositive ("X, director of the Center ...") or from words
before the name ("Russia's envoy to NATO Alexander Grushko", "NATO Secretary General X"), parsed
by `detente.mentions`, which also holds the pronouns and the role and organisation words.
Mentions (the actor's evidence, whose tokens the actors stage maps to it) are the name for a
person ("Alexander Grushko", not "NATO Alexander Grushko"), the pronoun, or the noun phrase up to
its head for a group, institution or description ("the Norwegian official").
"""

from __future__ import annotations

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from detente.mentions import (
    AUTHOR_PRONOUNS,
    GROUP_PRONOUNS,
    PERSON_PRONOUNS,
    PRONOUNS,
    RELATIVE_PRONOUNS,
    Gender,
    People,
    Pronoun,
    Referent,
    apposed,
    appositive,
    hyphened_syllable,
    latest,
    mention_words,
    name_run,
    person_entities,
    premodifier,
    surname_key,
    surname_mentions,
)
from detente.quotes.lexicon import CueLexicon
from detente.records import Actor, ActorKind, Span, Speaker

# Dependents before a noun that belong to its phrase: "some Russian", "Russia's", "67".
_PHRASE_PREMODIFIERS = frozenset(
    {"det", "predet", "poss", "compound", "amod", "nmod", "nummod", "quantmod"}
)
_PRONOUN_REACH = 3  # paragraphs back that a pronoun or role description may reach
_ENTITY_KIND: dict[str, ActorKind] = {
    "GPE": "state",
    "ORG": "organization",
    "NORP": "group",
    "FAC": "organization",
}


def _span(doc: Doc, start: int, end: int) -> Span:
    """Char span of tokens [start, end) (`doc.text` is rebuilt on each access: avoid it)."""
    first, last = doc[start], doc[end - 1]
    return Span(first.idx, last.idx + len(last.text), doc[start:end].text)


def _entity_of(token: Token) -> SpacySpan | None:
    """The named entity `token` belongs to, found from its IOB tags (no scan over doc.ents)."""
    if not token.ent_type_:
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return SpacySpan(doc, start, end, label=token.ent_type_)


def _strip_det(tokens: list[Token]) -> list[Token]:
    while tokens and (tokens[0].pos_ == "DET" or tokens[0].dep_ in ("det", "predet")):
        tokens = tokens[1:]
    while tokens and tokens[-1].is_punct:
        tokens = tokens[:-1]
    return tokens


def _text(tokens: list[Token]) -> str:
    if not tokens:
        return ""
    return tokens[0].doc[tokens[0].i : tokens[-1].i + 1].text


class SpeakerResolver:
    """Turns speaker head tokens into `Speaker`s and collects the actors met, for one document."""

    def __init__(
        self,
        doc: Doc,
        lexicon: CueLexicon,
        paragraph_of: list[int],
        quoted: list[bool],
    ) -> None:
        self.doc = doc
        self.lexicon = lexicon
        self.words = mention_words()
        self.paragraph_of = paragraph_of  # token index -> paragraph number
        self.quoted = quoted  # token index -> inside a quoted stretch
        self.actors: list[Actor] = []
        self._people: People[Actor] = People()  # persons met so far
        self._by_key: dict[tuple[str, str], Actor] = {}
        self._last_person: tuple[int, Actor] | None = None
        self._last_group: tuple[int, Actor] | None = None
        # People's names outside quotes: antecedents for pronouns even when they never spoke.
        names = [(ent.start, ent.end) for ent in person_entities(doc)]
        names += surname_mentions(doc, names, self.words)
        self._person_names = [doc[start:end] for start, end in sorted(names) if not quoted[start]]
        self._person_referents = [
            Referent(name.start, name.end, True, surname_key(name.text))
            for name in self._person_names
        ]
        # a person's gender, by surname: from "Mr." or "Ms." before the name, and from a "he" or
        # "she" resolved to them
        self._genders: dict[str, Gender] = {}
        for name in self._person_names:
            if (gender := self.words.person_gender(doc, name.start, name.end)) is not None:
                self._genders.setdefault(surname_key(name.text), gender)

    # ----------------------------------------------------------------- public

    def resolve(self, head: Token) -> Speaker | None:
        """The speaker whose phrase has `head` as its head word, or None if it names nobody."""
        lower = head.lower_
        if lower in RELATIVE_PRONOUNS and head.head.dep_ == "relcl" and head.head.head is not head:
            # "Smith, who said …": the speaker is the noun the clause hangs from; mention "who".
            speaker = self.resolve(head.head.head)
            if speaker is None:
                return None
            mention = _span(self.doc, head.i, head.i + 1)
            return Speaker(speaker.actor, speaker.name, mention, speaker.resolution)
        if lower in PERSON_PRONOUNS:
            return self._pronoun(head, person=True)
        if lower in GROUP_PRONOUNS:
            return self._pronoun(head, person=False)
        if lower in AUTHOR_PRONOUNS:
            # Outside quotes, "I" and "we" are the writer of the article.
            return Speaker(None, head.text, _span(self.doc, head.i, head.i + 1), "author")
        if head.like_num or lower in self.lexicon.quantities:
            return self._quantity(head)
        if head.pos_ == "PRON":
            return None
        if (
            head.pos_ == "PROPN"
            or (head.ent_type_ and head.is_title)
            or hyphened_syllable(self.doc, head.i - 1)  # "Moon Jae-in said"
        ):
            return self._proper(head)
        if head.pos_ == "NOUN":
            named = self._named_in_description(head)
            return self._proper(named) if named is not None else self._common(head)
        return None

    def speaker_for(self, actor: Actor, mention: Span | None, resolution: str) -> Speaker:
        return Speaker(actor.id, actor.name, mention, resolution)

    # ------------------------------------------------------------ resolution

    def _name_mention(self, run: list[Token]) -> Span:
        """A person's mention: the name as written, with an honorific right before it ("Mr.
        Smith"), never the role words before it ("Russia's envoy to NATO | Alexander Grushko"):
        the actors stage maps a mention's tokens to the person."""
        start = run[0].i
        if start > 0 and self.doc[start - 1].lower_ in self.words.honorifics:
            start -= 1
        return _span(self.doc, start, run[-1].i + 1)

    def _phrase(self, head: Token) -> Span:
        """A group's or institution's mention: its noun phrase up to the head, with determiner
        and pre-modifiers ("some Russian observers", "the Norwegian official") and the whole
        entity the head is in ("the Ministry of Foreign Affairs"); no post-modifiers, appositives
        or clauses, whose words name other things ("experts | at the Carnegie Center"). A
        quantity keeps its "of" phrase, which names the group ("67 percent of Russians")."""
        start, end = head.i, head.i + 1
        for child in reversed(list(head.lefts)):
            if (
                child.dep_ not in _PHRASE_PREMODIFIERS
                or child.right_edge.i != start - 1
                or any(self.quoted[t.i] for t in child.subtree)
            ):
                break
            start = child.left_edge.i
        ent = _entity_of(head)
        if ent is not None and not any(self.quoted[t.i] for t in ent):
            start, end = min(start, ent.start), max(end, ent.end)
        if head.like_num or head.lower_ in self.lexicon.quantities:
            of = next((c for c in head.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
            if of is not None and of.i == end and not any(self.quoted[t.i] for t in of.subtree):
                end = of.right_edge.i + 1
        return _span(self.doc, start, end)

    def _pronoun(self, head: Token, *, person: bool) -> Speaker:
        paragraph = self.paragraph_of[head.i]
        mention = _span(self.doc, head.i, head.i + 1)
        if person:
            pronoun = PRONOUNS[head.lower_]
            candidate = self._recent_person(head.i, pronoun)
            if candidate is not None and pronoun.gender in ("masculine", "feminine"):
                self._genders.setdefault(surname_key(candidate.name), pronoun.gender)
        else:
            last = self._last_group
            within = last is not None and paragraph - last[0] <= _PRONOUN_REACH
            candidate = last[1] if last is not None and within else None
        if candidate is None:
            return Speaker(None, head.text, mention, "unresolved")
        candidate.mentions.append(mention)
        return Speaker(candidate.id, candidate.name, mention, "pronoun")

    def _recent_person(self, before: int, pronoun: Pronoun | None = None) -> Actor | None:
        """The person mentioned last before token `before`, within reach, that `pronoun` (if
        any) may stand for (`detente.mentions.latest`): the last person speaker or person's
        name (a PERSON entity or the shorter form of one met)."""
        candidates = [r for r in self._person_referents if r.end <= before]
        if self._last_person is not None:
            index, actor = self._last_person
            candidates.append(Referent(index, index + 1, True, surname_key(actor.name)))
            candidates.sort(key=lambda referent: referent.end)
        found = latest(candidates, before, pronoun, self._genders)
        if (
            found is None
            or self.paragraph_of[before] - self.paragraph_of[found.start] > _PRONOUN_REACH
        ):
            return None
        if self._last_person is not None and found.start == self._last_person[0]:
            return self._last_person[1]
        name = next(n for n in self._person_names if n.start == found.start)
        actor = self._person_actor(list(name), name[-1], rule="pronoun.antecedent")
        mention = _span(self.doc, name.start, name.end)
        if mention not in actor.mentions:
            actor.mentions.append(mention)
        return actor

    def _named_in_description(self, head: Token) -> Token | None:
        """The name closing a role phrase parsed as its head: "envoy to NATO Alexander Grushko",
        or in apposition to it: "Kenya's interior minister, Kithure Kindiki"."""
        if head.lemma_.lower() not in self.words.role_words:
            return None
        holder = next(
            (
                c
                for c in head.rights
                if c.dep_ == "appos" and c.ent_type_ == "PERSON" and not self.quoted[c.i]
            ),
            None,
        )
        if holder is not None:
            return holder
        last = head.right_edge
        if last.i <= head.i or last.pos_ != "PROPN" or not last.is_title or self.quoted[last.i]:
            return None
        run = self._name_run(last)
        before = self.doc[run[0].i - 1]
        # "a spokeswoman for Fiorina" speaks for Fiorina; "envoy to NATO Alexander Grushko" is him.
        return last if len(run) >= 2 and before.pos_ != "ADP" else None

    def _name_run(self, head: Token) -> list[Token]:
        """The person's name ending at `head` (`detente.mentions.name_run`), in its paragraph."""
        paragraph = self.paragraph_of[head.i]
        return name_run(head, self.words, stop=lambda t: self.paragraph_of[t.i] != paragraph)

    def _proper(self, head: Token) -> Speaker:
        ent = _entity_of(head)
        run = self._name_run(head)
        name = _text(run)
        mention = self._name_mention(run)
        # A person met before, by full name or by surname.
        known = self._people.find(name)
        resolution = "explicit" if known is None or known.name == name else "alias"
        if known is not None:
            self._people.met_again(name, known)
            known.mentions.append(mention)
            self._note_person(head.i, known)
            return self.speaker_for(known, mention, resolution)
        # "the State Department", "the White House": a name ending in an organisation's word
        institution = head.lower_ in self.words.organization_words and (
            ent is None or ent.label_ != "PERSON"
        )
        is_person = (ent is not None and ent.label_ == "PERSON") or (
            len(run) >= 2
            and not institution
            and (ent is None or ent.label_ not in ("GPE", "NORP") or ent.end > head.i + 1)
        )
        if ent is None and len(run) == 1 and head.lower_ not in self.words.organization_words:
            is_person = not head.is_upper  # "NATO" is an organisation, "Smith" a person
        # the surname of several persons met before: a person, though not which one
        is_person = is_person or (len(run) == 1 and bool(self._people.namesakes(name)))
        if is_person:
            actor = self._person_actor(run, head, rule="speaker.name")
            actor.mentions.append(mention)
            self._note_person(head.i, actor)
            return self.speaker_for(actor, mention, "explicit")
        tokens = _strip_det(list(ent)) if ent is not None else _strip_det(self._compound(head))
        kind = _ENTITY_KIND.get(ent.label_, "organization") if ent is not None else "organization"
        actor = self._actor(kind, _text(tokens) or head.text, rule="speaker.institution")
        mention = self._phrase(head)
        actor.mentions.append(mention)
        self._last_group = (self.paragraph_of[head.i], actor)
        return self.speaker_for(actor, mention, "institution")

    def _common(self, head: Token) -> Speaker | None:
        mention = self._phrase(head)
        dets = {c.lower_ for c in head.children if c.dep_ in ("det", "poss")}
        lemma = head.lemma_.lower()
        plural = head.tag_ in ("NNS", "NNPS")
        if not plural and lemma in self.words.role_words and dets & {"the", "this", "that"}:
            linked = self._recent_person(head.i)
            if linked is not None and (
                lemma in self.words.generic_roles
                or (linked.role is not None and lemma in linked.role.lower().split())
            ):
                linked.mentions.append(mention)
                return self.speaker_for(linked, mention, "role")
        words = _strip_det(self._compound(head))
        name = _text(words) or head.text
        if lemma in self.lexicon.document_words:
            return Speaker(None, name, mention, "document")  # "the report said": no actor
        if plural:
            actor = self._actor("group", name, rule="speaker.group")
            if actor.role is None and lemma in self.words.role_words:
                actor.role = head.text
            self._last_group = (self.paragraph_of[head.i], actor)
            resolution = "group"
        elif lemma in self.words.role_words:
            actor = self._actor("person", name, rule="speaker.description")
            actor.role = actor.role or name
            self._note_person(head.i, actor)
            resolution = "description"
        else:
            actor = self._actor("organization", name, rule="speaker.institution")
            self._last_group = (self.paragraph_of[head.i], actor)
            resolution = "institution"
        actor.mentions.append(mention)
        return self.speaker_for(actor, mention, resolution)

    def _quantity(self, head: Token) -> Speaker:
        """ "Two-thirds say", "67 percent said", "the two admit": a group named by its phrase."""
        phrase = self.doc[head.left_edge.i : head.i + 1]
        tokens = _strip_det([t for t in phrase if not (t.is_punct or self.quoted[t.i])])
        actor = self._actor("group", _text(tokens) or head.text, rule="speaker.quantity")
        mention = self._phrase(head)
        actor.mentions.append(mention)
        self._last_group = (self.paragraph_of[head.i], actor)
        return self.speaker_for(actor, mention, "group")

    def _compound(self, head: Token) -> list[Token]:
        """Head with the modifiers directly before it ("some Russian observers")."""
        start = head.i
        for child in reversed(list(head.lefts)):
            if child.i == start - 1 and child.dep_ in ("compound", "amod", "nmod", "det", "nummod"):
                start = child.left_edge.i if child.dep_ != "det" else child.i
            else:
                break
        return [t for t in self.doc[start : head.i + 1] if t.lower_ not in self.lexicon.quantities]

    # ---------------------------------------------------------------- actors

    def _note_person(self, index: int, actor: Actor) -> None:
        self._last_person = (index, actor)

    def _actor(self, kind: ActorKind, name: str, *, rule: str, key: str | None = None) -> Actor:
        """The actor of `kind` named `name` (or `key`, when the name alone does not tell it
        apart), met before or new."""
        by = (kind, (key or name).casefold())
        actor = self._by_key.get(by)
        if actor is None:
            actor = Actor(id=f"A{len(self.actors) + 1}", name=name, kind=kind, rule=rule)
            self.actors.append(actor)
            self._by_key[by] = actor
        return actor

    def _person_actor(self, run: list[Token], head: Token, *, rule: str) -> Actor:
        run = [t for t in run if t.lower_ not in self.words.honorifics] or run
        name = _text(run)
        known = self._people.find(name)
        if known is not None:
            return known
        namesakes = self._people.namesakes(name)
        # a bare surname of several persons met is none of them ("Bush" after George and Jeb)
        actor = self._actor("person", name, rule=rule, key=f"? {name}" if namesakes else None)
        if not any(person is actor for person in namesakes):
            self._people.add(name, actor)
        description = appositive(run, self.words)
        if description is None or description.role is None:
            description = premodifier(run[0], self.words) or apposed(run, self.words)
        if description is not None and description.role is not None:
            actor.role, actor.organization = description.role_text, description.organization_text
            actor.rule = f"{rule}+role.{description.how}"
        return actor
