"""Code the actors of a parsed document: dictionary matches refined by their context.

Steps, each deterministic and linear in the document's length:
1. `find_matches`: dictionary phrases (longest first), a state's with its formal name ("the
   Republic of Kenya"), less a country that names a currency
   ("U.S. dollars", "US $50 million"), a people after "ethnic" and the place of a dateline
   ("WASHINGTON (AP) —", "CHICAGO - Rahm Emanuel"), which is where its lead sentence happens.
2. Places: a capital or ambiguous seat that is the object of a locative preposition ("in
   Moscow") names a place, not an actor, and one that only modifies a noun ("the Minsk
   agreements") does not act either; both still give a country to what is based there. A
   country stays an actor where it is a place ("the situation in Ukraine"), as in PETRARCH.
3. Sector nouns take the country or organisation of their modifiers ("Russian diplomats" →
   RUSGOV, "Gondor's government" → GONGOV, "NATO foreign ministers" → IGOWSTNAT) or of an
   of/in/from phrase ("soldiers from Chad", "lawmakers in France and Germany": one actor each;
   a seat of government there gives its country: "protesters in Moscow" → RUSOPP);
   coordinated sector nouns share them ("German media and government", "diplomats and
   lawmakers in A"). A country the group is in stays an actor too, as the place ("lecturers in
   Nigeria began a strike": where it happened, the recipient PLOVER codes for such acts).
4. People (PERSON entities, dictionary persons, and later short forms of their names): the words
   before the name ("Russia's envoy to NATO Alexander Grushko"), the role the name stands in
   apposition to ("Kenya's interior minister, Kithure Kindiki") or an apposition after it
   ("X, director of the Higher School of Economics in Moscow") give the code when they name an
   organisation or country ("Japanese Prime Minister Abe" → JPNGOV, even where a dictionary
   files the name under a bare country); otherwise the dictionary's code valid on the
   publication date. Those words, the role and the organisation are read by `detente.mentions`
   (as the quotes stage reads them); a bare surname joins the one earlier person it can be.
5. Definite descriptions ("the alliance") and ambiguous seats that act ("Brussels decided")
   take the candidate the document mentions most (before them, else anywhere).
6. A sector noun that is an actor's own ("Russia has strengthened its forces", "Japan is
   sending troops") takes its owner's country, and the events stage knows whose it is
   (`ActorFindings.owners`). One still of no country takes its sentence's: the country where
   the sentence happens ("in Kampala"), else the one country of its other actors ("Ugandan
   police arrested opposition leader Kizza Besigye" → UGAOPP), as ICEWS codes "Police
   (Uganda)" and the PLOVER gold standard codes domestic events, else a lead's dateline's
   (one naming no news agency, whose bureau need not be where the story happens);
   with two countries or none it keeps "---". A person takes the one country of all the
   sentences that name them; a dictionary's own code of no country (Reuters, `---MED`) stays.
7. "The agency" after "the International Atomic Energy Agency" (the head noun of a body's name
   named before, of the same number), "the former" / "the latter" and third-person pronouns
   ("Ethiopia indicated it would act") become mentions of the actor they stand for
   (`detente.mentions`), so the events stage reads every actor's mentions from here and
   resolves none itself.
"""

from __future__ import annotations

import datetime
import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from spacy.attrs import LOWER
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from detente.actors.dictionary import ActorDictionary, is_people
from detente.actors.matching import Match, find_matches
from detente.codes import (
    NON_STATE_PREFIXES,
    DatedCode,
    code_at,
    split_code,
    with_sector,
)
from detente.dates import DATELINE
from detente.mentions import (
    ORGANISATION_PREPOSITIONS,
    PRONOUNS,
    Description,
    Gender,
    People,
    Referent,
    antecedents,
    apposed,
    appositive,
    conjuncts,
    former_or_latter,
    given_names,
    mention_words,
    person_entities,
    premodifier,
    resolvable,
    surname_mentions,
)
from detente.records import Actor, ActorFindings, ActorKind, Span

READS = ("sentences", "entities", "parse", "lemmas")

LOCATIVE_PREPOSITIONS = frozenset(
    {"in", "near", "within", "inside", "outside", "across", "throughout", "around"}
)
# Prepositions after a sector noun that give its country ("soldiers from Gondor").
MEMBERSHIP_PREPOSITIONS = frozenset({"of", "in", "from"})
# the rules of a sector noun whose own phrase names its country or organisation ("Russian
# diplomats", "soldiers from Chad"), and the one that gives a sector noun its sentence's country
MODIFIER_RULE = "context:modifier"
PREPOSITIONAL_RULE = "context:prepositional"
SENTENCE_COUNTRY_RULE = "context:sentence-country"
# how a verb without a subject hangs from the one whose subject it shares: "is ready to
# contribute" (xcomp of an adjective's head), "agreed to send" (xcomp), "met and sent" (conj)
_COMPLETES = frozenset({"xcomp", "acomp", "conj"})
OWNER_RULE = "context:owner"  # a sector noun of an actor's own: "its forces"
# verbs whose object is the subject's own people: "Japan is sending troops", "withdrew police"
OWN_PEOPLE_VERBS = frozenset(
    {"send", "deploy", "dispatch", "redeploy", "station", "contribute", "withdraw", "pull",
     "mobilize", "mobilise", "mass", "reinforce", "strengthen", "evacuate", "recall"}
)  # fmt: skip
MODIFIER_DEPS = frozenset({"compound", "amod", "nmod", "poss"})
ARGUMENT_DEPS = frozenset(
    {"nsubj", "nsubjpass", "dobj", "pobj", "appos", "attr", "dative", "agent", "oprd", "ROOT"}
)
PERSON_NOUN_ENDINGS = (  # of nouns that name a person: official, envoy, leader
    "er", "or", "ist", "ian", "man", "woman", "person", "ent", "ant", "at", "al", "ee", "ive",
    "voy", "ief", "eader", "ert",
)  # fmt: skip
# of nouns that name an institution though they end like a person's: government, parliament,
# tribunal
INSTITUTION_NOUN_ENDINGS = ("ment", "unal")
_STATE_LIKE = frozenset({"actor", "metonym", "ambiguous"})
# entity labels whose longer names are of peoples, places and things, not of the state inside
_NAMES_OF_THINGS = frozenset(
    {"NORP", "GPE", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"}
)
COMPASS_WORDS = frozenset(
    f"{word}{ending}"
    for word in (
        "north",
        "south",
        "east",
        "west",
        "northeast",
        "northwest",
        "southeast",
        "southwest",
    )
    for ending in ("", "ern")
)
_SALIENCE_RULES = frozenset({"definite-description", "context:salience"})
# the words of a state's formal name before "of" and its short name: "the Kingdom of Morocco",
# "the Arab Republic of Egypt", "the Federal Democratic Republic of Ethiopia"
_STATE_FORMS = frozenset(
    {"republic", "kingdom", "state", "sultanate", "emirate", "principality", "federation",
     "commonwealth", "duchy", "confederation"}
)  # fmt: skip
_STATE_FORM_ADJECTIVES = frozenset(
    {"arab", "islamic", "federal", "democratic", "socialist", "united", "hashemite", "grand",
     "plurinational", "bolivarian", "cooperative", "sovereign", "independent", "popular"}
)  # fmt: skip
# nouns of a body or a count of people whose origin the parser hangs on them, not on the people:
# "a mission of observers from the OSCE", "a team of divers from the FBI", "a number of soldiers
# from Chad"
_COLLECTIVE_NOUNS = frozenset(
    {"mission", "delegation", "team", "group", "contingent", "panel", "unit", "squad", "number"}
)
# the conjunctions of a clause of condition, reason or concession (`_subordinate_clauses`); a
# clause of time ("after", "when") is left out: it mostly happens where its sentence does
_ASIDE_CLAUSE_MARKS = frozenset(
    {"if", "unless", "whether", "lest", "because", "although", "though", "whereas"}
)
# nouns a country's name or adjective only qualifies: a currency ("U.S. dollars", "the Chinese
# currency") or a language ("the Russian language", "Spanish-language media")
CURRENCY_NOUNS = frozenset(
    {
        *("currency", "dollar", "euro", "yen", "yuan", "renminbi", "rouble", "ruble", "pound"),
        *("sterling", "franc", "rupee", "lira", "rial", "riyal", "shekel", "peso", "rand"),
        *("won", "dinar", "dirham", "naira", "cedi", "shilling", "kwacha", "krona", "krone"),
        *("zloty", "forint", "hryvnia", "baht", "ringgit", "rupiah", "taka", "tenge", "birr"),
    }
)
LANGUAGE_NOUNS = frozenset({"language", "tongue", "dialect", "alphabet", "script"})


@dataclass(slots=True)
class _Mention:
    """One stretch of text coded as an actor, before mentions are grouped into actors."""

    start: int  # token indices [start, end)
    end: int
    code: str | None
    kind: ActorKind
    name: str
    key: str  # mentions with the same key are one actor
    rule: str
    role: str | None = None
    organization: str | None = None
    extra: tuple[int, ...] = ()  # tokens outside the span that also refer to it (a role word)
    nominal: bool = True  # False for an adjective ("British"): not the name of a state


@dataclass(slots=True)
class _Context:
    doc: Doc
    published: datetime.date | None
    matches: list[Match]
    by_token: dict[int, Match] = field(default_factory=dict)
    located: set[int] = field(default_factory=set)  # match starts after "in", "near", ...
    places: set[int] = field(default_factory=set)  # match starts that are only a place
    filed_from: dict[int, Match] = field(default_factory=dict)  # a story's first word → dateline

    def match_at(self, index: int) -> Match | None:
        return self.by_token.get(index)


def code_actors(
    doc: Doc,
    dictionary: ActorDictionary,
    *,
    published: datetime.date | None = None,
    speakers: Sequence[Actor] = (),
) -> ActorFindings:
    """Every actor of `doc` with its mentions and code; `speakers` (from the quotes stage) keep
    their ids and get codes, and mentions that overlap theirs are merged into them."""
    matches = _resolve_homonyms(find_matches(doc, dictionary), published)
    matches = _drop_ethnic_peoples(doc, _drop_inside_names(doc, _formal_names(doc, matches)))
    matches, filed_from = _drop_datelines(doc, _drop_qualifiers(doc, matches))
    context = _Context(doc, published, matches, filed_from=filed_from)
    for match in matches:
        for index in range(match.start, match.end):
            context.by_token[index] = match
    context.located = {m.start for m in matches if _is_located(doc, m)}
    context.places = {m.start for m in matches if _is_place(doc, m, m.start in context.located)}
    used: set[int] = set()  # match starts already folded into another mention
    mentions = _people(context, used)
    mentions.extend(_sector_groups(context, used))
    mentions.extend(_named_actors(context, used))
    mentions.sort(key=lambda m: m.start)
    _resolve_by_salience(context, mentions)
    owners = _owned_sectors(doc, mentions)
    mentions.extend(_named_again(doc, mentions))
    _in_country_context(context, mentions)
    mentions.extend(_former_and_latter(doc, mentions))
    mentions.extend(_pronouns(doc, mentions, speakers))
    return _group(doc, mentions, speakers, dictionary, published, owners)


def _former_and_latter(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """ "the former" / "the latter" standing alone (not "the former president") as a mention of
    the actor it stands for."""
    lowers = doc.to_array([LOWER])
    wanted = [doc.vocab.strings["former"], doc.vocab.strings["latter"]]
    at = {i: m for m in mentions if m.key for i in range(m.start, m.end)}
    found = []
    for index in np.flatnonzero(np.isin(lowers, wanted)):
        word = doc[int(index)]
        if (
            word.i in at
            or word.i == 0
            or doc[word.i - 1].lower_ != "the"
            or word.dep_ in MODIFIER_DEPS
        ):
            continue
        antecedent = former_or_latter(word, at.__contains__)
        if antecedent is None:
            continue
        start = word.i - 1
        mention = at[antecedent.i]
        found.append(
            _Mention(
                start,
                word.i + 1,
                mention.code,
                mention.kind,
                doc[start : word.i + 1].text,
                mention.key,
                f"coreference:{word.lower_}",
            )
        )
    return found


_BODIES: frozenset[ActorKind] = frozenset({"organization", "group"})
_OWN_PHRASES = frozenset({"prep", "acl", "relcl", "appos"})  # "the council of elders"
# a word inside another's name ("the agency chief"), not a possessor ("the agency's inspectors")
_NAME_PARTS = MODIFIER_DEPS - {"poss"}


def _named_again(doc: Doc, mentions: list[_Mention]) -> list[_Mention]:
    """ "The agency" after "the International Atomic Energy Agency", "the ministry" after
    "Russia's Foreign Ministry", "the diplomats" after "Russian diplomats": "the" and the head
    noun of the name of an organisation or body of two or more words named earlier (the latest
    such, of the same number), bare of phrases of its own ("the council of elders" is another)
    and no word of another name ("the council chamber"), as a mention of it, a possessor too
    ("the agency's inspectors"), as news refers to a body once named. A sector noun of no
    country there ("the ministry", `---GOV`) becomes that mention when its sector is the body's
    ("the army" after "the Free Syrian Army", a rebel group, stays an army) rather than take its
    sentence's country (`_in_country_context`). Two such bodies in one sentence ("Syrian
    officials met Turkish officials") leave "the officials" to no one. A person ("the president"
    after "President Obama") is the roles' to say, and a state or its seat ("the house" after
    "the White House") is left out. Returns the new mentions."""
    at = {i: m for m in mentions for i in range(m.start, m.end)}
    named: dict[str, _Mention | None] = {}  # a name's head noun → its latest body (None: two)
    found = []
    following = iter(sorted((m for m in mentions if m.key and m.code), key=lambda m: m.start))
    upcoming = next(following, None)
    # only words after "the" can name a body again: found at once, not by a walk over every word
    lowers = doc.to_array([LOWER])
    after_the = np.flatnonzero(lowers[:-1] == doc.vocab.strings["the"]) + 1
    for word in (doc[int(i)] for i in after_the):
        while upcoming is not None and upcoming.end <= word.i:
            head = doc[upcoming.start : upcoming.end].root
            if (
                upcoming.kind in _BODIES
                and upcoming.end - upcoming.start > 1
                and not (upcoming.code or "").startswith("---")
            ):
                lemma = head.lemma_.lower()
                earlier = named.get(lemma)
                two = (
                    earlier is not None
                    and earlier.key != upcoming.key
                    and doc[earlier.start].sent.start == head.sent.start
                )
                named[lemma] = None if two else upcoming
            upcoming = next(following, None)
        if (
            word.pos_ not in ("NOUN", "PROPN")
            or word.dep_ in _NAME_PARTS
            or any(child.dep_ in _OWN_PHRASES for child in word.children)
        ):
            continue
        antecedent = named.get(word.lemma_.lower())
        if antecedent is None:
            continue
        if _plural(word) != _plural(doc[antecedent.start : antecedent.end].root):
            continue  # "the official" who spoke is not "Syrian security officials"
        rule = f"coreference:the {word.lower_}"
        sector = at.get(word.i)
        if sector is None:
            text = doc[word.i - 1 : word.i + 1].text
            found.append(
                _Mention(
                    word.i - 1,
                    word.i + 1,
                    antecedent.code,
                    antecedent.kind,
                    text,
                    antecedent.key,
                    rule,
                )
            )
        elif (
            (sector.code or "---").startswith("---")
            and split_code(sector.code)[1] == split_code(antecedent.code)[1]
            and sector.start >= word.i - 1
            and sector.end == word.i + 1
        ):
            sector.code, sector.key, sector.kind = antecedent.code, antecedent.key, antecedent.kind
            sector.rule = rule
    return found


def _plural(token: Token) -> bool:
    return token.tag_ in ("NNS", "NNPS")


def _referents(mentions: Iterable[_Mention]) -> tuple[list[_Mention], list[Referent]]:
    """The mentions with a key, in text order, and each as what a pronoun may stand for."""
    keyed = sorted((m for m in mentions if m.key), key=lambda m: m.start)
    return keyed, [Referent(m.start, m.end, m.kind == "person", m.key) for m in keyed]


def _pronouns(doc: Doc, mentions: list[_Mention], speakers: Sequence[Actor]) -> list[_Mention]:
    """Third-person pronouns ("it would act", "they", "him") as mentions of the actor they stand
    for (`detente.mentions.antecedents`); a speaker's own pronouns ("he said") are the quotes
    stage's, and a pronoun is never resolved to a mention after it."""
    words = mention_words()
    spoken = {
        token.i
        for speaker in speakers
        for span in speaker.mentions
        for token in doc.char_span(span.start, span.end, alignment_mode="expand") or ()
    }
    keyed, referents = _referents(mentions)
    genders: dict[str, Gender] = {}
    for mention in keyed:
        if mention.kind == "person" and mention.key not in genders:
            described = [*(doc[i].text for i in mention.extra), *(mention.role or "").split()]
            if (
                gender := words.person_gender(doc, mention.start, mention.end, described)
            ) is not None:
                genders[mention.key] = gender
    by_span = {(m.start, m.end): m for m in keyed}
    found = []
    for word in doc:
        if word.i in spoken or not resolvable(word):
            continue
        pronoun = PRONOUNS[word.lower_]
        for referent in antecedents(word, referents, genders):
            mention = by_span[referent.start, referent.end]
            if pronoun.gender in ("masculine", "feminine"):
                genders.setdefault(referent.key, pronoun.gender)
            found.append(
                _Mention(
                    word.i,
                    word.i + 1,
                    mention.code,
                    mention.kind,
                    word.text,
                    mention.key,
                    f"coreference:{word.lower_}",
                )
            )
    return found


# ----------------------------------------------------------------------------- matches


def _entry_words(match: Match) -> set[str]:
    """Every word of the phrases of the match's entry, in lower case."""
    return {word for phrase in match.entry.phrases for word in phrase.lower().split()}


def _foreign_words(doc: Doc, entity: SpacySpan, match: Match, matched: set[int]) -> bool:
    """True when `entity` has a capitalised word no dictionary match covers and no phrase of
    the match's entry holds ("Central" in "Central Americans"); a determiner is none, though
    it opens a sentence ("The United Arab Emirates sent aid")."""
    known = _entry_words(match)
    return any(
        doc[i].is_alpha
        and doc[i].is_title
        and doc[i].pos_ != "DET"
        and i not in matched
        and doc[i].lower_ not in known
        for i in range(entity.start, entity.end)
    )


def _formal_names(doc: Doc, matches: list[Match]) -> list[Match]:
    """A state's formal name is a mention of the state: "the Republic of Kenya", "the Kingdom of
    Saudi Arabia" (not its government, which Phoenix's sector noun "kingdom" would make it), "the
    Arab Republic of Egypt". Not where the words are part of a longer name ("Planned Parenthood
    Federation of America") or the state's name modifies a noun after it ("Federation of
    American Scientists"), nor over another match that starts before them ("Head of State of
    Qatar")."""
    states = [
        m for m in matches if m.entry.type == "actor" and m.entry.kind == "state" and m.start > 1
    ]
    if not states:
        return matches
    replaced: dict[int, Match] = {}  # a state's start → the match of its formal name
    for state in states:
        of = state.start - 1 - (doc[state.start - 1].lower_ == "the")
        form = of - 1
        if form < 0 or doc[of].lower_ != "of" or not _is_form_word(doc[form], _STATE_FORMS):
            continue
        start = form
        while start > 0 and _is_form_word(doc[start - 1], _STATE_FORM_ADJECTIVES):
            start -= 1
        before = doc[start - 1] if start > doc[start].sent.start else None
        last = doc[state.end - 1]
        if (
            (before is not None and before.lower_ != "the" and before.text[:1].isupper())
            or (last.dep_ in ("compound", "amod") and last.head.i >= state.end)
            or any(m.start < start < m.end for m in matches)
        ):
            continue
        replaced[state.start] = Match(start, state.end, state.entry)
    if not replaced:
        return matches
    covered = {i for m in replaced.values() for i in range(m.start, m.end)}
    return [
        replaced.get(m.start, m)
        for m in matches
        if m.start in replaced or not (m.start in covered and m.end - 1 in covered)
    ]


def _is_form_word(token: Token, words: frozenset[str]) -> bool:
    return token.lower_ in words and token.text[:1].isupper()


def _drop_inside_names(doc: Doc, matches: list[Match]) -> list[Match]:
    """A match inside a longer PERSON name ("Jordan" in "Michael Jordan") is part of that name,
    and so is a state's inside the longer name of a people, place or thing with words the
    dictionary does not know ("Central Americans", "the Jordan River"); inside a longer
    organisation name, a word after one of its prepositions ("Center for European
    Studies") is too, and so is its last word when another word of the name is unknown
    ("Organization", an alias of TANZIM, in "Palestinian Liberation Organization"), while its
    leading words may name an actor ("the NATO Response Force")."""
    state_starts = {m.start for m in matches if m.entry.type in _STATE_LIKE}
    entity_of: dict[int, SpacySpan] = {}
    for ent in doc.ents:
        for index in range(ent.start, ent.end):
            entity_of[index] = ent
    matched = {i for m in matches for i in range(m.start, m.end)}
    kept: list[Match] = []
    for match in matches:
        around = entity_of.get(match.start)
        if around is None or (around.start == match.start and _name_end(around) == match.end):
            kept.append(match)
            continue
        inside = around.start <= match.start and match.end <= around.end
        if around.label_ == "PERSON" and inside and match.entry.kind != "person":
            continue
        # "Central Americans", "the Jordan River", "New Mexico": the name of another thing; a
        # compass word before a state's name only says which part of it ("Western Cambodia",
        # "South Lebanon")
        parts = {i for i in range(around.start, match.start) if doc[i].lower_ in COMPASS_WORDS}
        if (
            around.label_ in _NAMES_OF_THINGS
            and inside
            and match.entry.type in _STATE_LIKE
            and _foreign_words(doc, around, match, matched | parts)
        ):
            continue
        # "Palestinian Liberation Organization": the last word of an organisation's name the
        # dictionary does not hold is not the entry that word is an alias of (TANZIM's
        # "Organization"), as another word of the name is not among its phrases
        name = around[1:] if around[0].pos_ == "DET" else around  # "The European Commission"
        if (
            around.label_ in ("ORG", "FAC")
            and name.start < match.start
            and match.end == around.end
            and match.entry.type in _STATE_LIKE
            and _foreign_words(doc, name, match, matched)
        ):
            continue
        # "Center for Comprehensive European Studies": a word after a preposition of the name,
        # unless a state comes before it ("Kenya with Uganda" taken for one name)
        preposition = next(
            (i for i in range(around.start, match.start) if doc[i].pos_ == "ADP"), None
        )
        if (
            around.label_ in ("ORG", "FAC")
            and inside
            and match.entry.type in _STATE_LIKE
            and preposition is not None
            and not any(i in state_starts for i in range(around.start, preposition))
        ):
            continue
        kept.append(match)
    return kept


def _drop_ethnic_peoples(doc: Doc, matches: list[Match]) -> list[Match]:
    """ "Ethnic Albanians", "ethnic Russians" name an ethnic group, not a country's citizens:
    the Albanians of Serbia are not Albania's. A country's people in the plural after "ethnic",
    or with an of-phrase that names another state ("the Albanians of southern Serbia", "the
    Armenians of Israel"; not "Americans of Cuban descent", nor "Americans in Benghazi", who are
    citizens abroad), is no actor (the adjective, "ethnic Albanian rebels", still names the
    state's); the state they live in is named there."""
    states = {i: m for m in matches if m.entry.type in _STATE_LIKE for i in range(m.start, m.end)}

    def of_another_state(people: Match) -> bool:
        own = {code.code[:3] for code in people.entry.codes}
        return any(
            t.pos_ == "PROPN"
            and (other := states.get(t.i)) is not None
            and not own & {code.code[:3] for code in other.entry.codes}
            for prep in _head(doc, people).children
            if prep.dep_ == "prep" and prep.lower_ == "of"
            for t in prep.subtree
        )

    return [
        m
        for m in matches
        if not (
            is_people(m.entry)
            and ((m.start > 0 and doc[m.start - 1].lower_ == "ethnic") or of_another_state(m))
        )
    ]


def _drop_qualifiers(doc: Doc, matches: list[Match]) -> list[Match]:
    """A country that names a currency ("3 billion U.S. dollars", "US $50 million", "the
    Chinese yuan") or a language ("the use of the Russian language", "Spanish-language media",
    "Russian dialects") is no actor: it would be a party to the sentence's act ("cancelled
    restrictions on the Russian language" is not done to Russia) and give its country to the
    sentence's officials. A language is named by the adjective only: a country's name before
    "language" is its wording ("the U.S. draft language was rejected by Russia")."""
    kept: list[Match] = []
    for match in matches:
        words = doc[match.start : match.end]
        qualifier = any(
            t.dep_ in MODIFIER_DEPS - {"poss"}
            and not match.start <= t.head.i < match.end
            and t.head.pos_ == "NOUN"
            and (
                t.head.lemma_.lower() in CURRENCY_NOUNS
                or (t.head.lemma_.lower() in LANGUAGE_NOUNS and t.pos_ != "PROPN")
            )
            for t in words
        )
        if match.entry.type == "actor" and (qualifier or _before_dollar_sign(doc, match)):
            continue
        kept.append(match)
    return kept


def _before_dollar_sign(doc: Doc, match: Match) -> bool:
    """An abbreviation written against a dollar amount, "US $50 million"; not a country that
    receives the money ("lend Ukraine $50 billion", "pay the U.S. $8 billion")."""
    words = doc[match.start : match.end]
    letters = words.text.replace(".", "")
    return (
        match.end < len(doc)
        and doc[match.end].text == "$"
        and letters.isupper()
        and len(letters) <= 3
        and _head(doc, match).dep_ not in ("dative", "dobj", "nsubj", "nsubjpass")
    )


# the story's first words after a dateline: running text ("Rahm", "A bomb", "12 students", a
# quote), not an all-capitals headline ("IRAN - TEHRAN TALKS")
_RUNNING_TEXT = re.compile(r"\s*[\"“‘'(]?(?:[A-Z][a-z]|[AI]\s+[a-z]|\d)")


def _drop_datelines(doc: Doc, matches: list[Match]) -> tuple[list[Match], dict[int, Match]]:
    """The place and agency of a dateline ("WASHINGTON (AP) — ...") say where and by whom the
    story was filed: no actors, though a capital that acts is its government ("Washington
    warned ..."). Returns the other matches, and the place of each dateline without an agency
    (a bureau's city need not be where the story happens) by the index of the word its story
    begins with: where its lead sentence happens."""
    text = doc.text
    datelines = [
        found
        for line in re.finditer(r"^[ \t]*", text, re.MULTILINE)
        if (found := DATELINE.match(text, line.end())) is not None
    ]
    if not datelines:
        return matches, {}
    kept: list[Match] = []
    filed_from: dict[int, Match] = {}
    offsets = [token.idx for token in doc]
    for match in matches:
        start = doc[match.start].idx
        found = next((d for d in datelines if d.start() <= start < d.end()), None)
        if found is not None and start < found.end("place"):
            # "MOSCOW —" alone only with a long dash and a city; an organisation only before
            # a state or a date ("EU (European Union) - Leaders ...")
            told = found["state"] or found["date"]
            if match.entry.kind != "organization":
                told = told or found["agency"]
            city = match.entry.type in ("metonym", "ambiguous") and found["dash"] in "—–"
            if told or city or _bare_dateline(doc, match, found):
                story = bisect_left(offsets, found.end())
                if story < len(doc) and not found["agency"]:
                    filed_from.setdefault(story, match)
                continue
        elif found is not None:
            continue  # the news agency
        kept.append(match)
    return kept, filed_from


def _bare_dateline(doc: Doc, match: Match, found: re.Match[str]) -> bool:
    """`match` is the whole place of dateline `found`, before the story's running text, and
    not an acronym: a word of four letters or more ("CHICAGO - Rahm Emanuel", not "US - China
    talks" or "U.S. - China talks"), an organisation's name of two words or more ("UNITED
    NATIONS - Russia vetoed", not "NATO - The alliance met" or "NATO SUMMIT - Leaders ...")."""
    place = doc[match.start : match.end]
    if (place.start_char, place.end_char) != found.span("place"):
        return False
    if _RUNNING_TEXT.match(doc.text, found.end()) is None:
        return False
    if match.entry.kind == "organization":
        return len(place) > 1
    return sum(character.isalpha() for character in place.text) > 3


def _resolve_homonyms(matches: list[Match], published: datetime.date | None) -> list[Match]:
    """A name of places in several countries ("Georgia": the country, the US state) names the
    candidate country the document's other places and actors name most ("won Virginia, Georgia
    and Alabama": USA), the first candidate when none is named, among the candidates of the
    publication date (Congo was only the Republic of the Congo while its neighbour was Zaire);
    from then on it is an actor entry of that code, its rule saying which
    (`dict:detente.additions:GEORGIA:USA`)."""
    if not any(m.entry.type == "homonym" for m in matches):
        return matches
    named = Counter(
        split_code(code_at(m.entry.codes, published))[0]
        for m in matches
        if m.entry.type in ("actor", "metonym") and m.entry.codes
    )
    resolved: list[Match] = []
    for match in matches:
        entry = match.entry
        if entry.type == "homonym" and entry.codes:
            candidates = [
                c.code for c in entry.codes if published is None or c.covers(published)
            ] or [c.code for c in entry.codes]
            chosen = max(candidates, key=lambda c: (named[c], -candidates.index(c)))
            entry = entry._replace(
                type="actor", name=f"{entry.name}:{chosen}", codes=(DatedCode(chosen),)
            )
            match = Match(match.start, match.end, entry)
        resolved.append(match)
    return resolved


def _head(doc: Doc, match: Match) -> Token:
    """The syntactic head of the matched words (the token whose head lies outside them)."""
    for token in doc[match.start : match.end]:
        if not match.start <= token.head.i < match.end or token.head.i == token.i:
            return token
    return doc[match.end - 1]


def _is_located(doc: Doc, match: Match) -> bool:
    """A country or seat named as where something is: the object of "in", "near", ..."""
    if match.entry.type not in _STATE_LIKE or match.entry.kind == "person":
        return False
    head = _head(doc, match)
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    return head.dep_ == "pobj" and head.head.lower_ in LOCATIVE_PREPOSITIONS


def _is_place(doc: Doc, match: Match, located: bool) -> bool:
    """A capital or ambiguous seat that only names a place: "in Moscow", "the Minsk agreements".
    A country stays an actor where it is a place too ("the situation in Ukraine"), as in
    PETRARCH, so that events can take it as their target."""
    if match.entry.type not in ("metonym", "ambiguous"):
        return False
    return located or _head(doc, match).dep_ in MODIFIER_DEPS - {"poss"}


def _country_of_place(context: _Context, match: Match) -> str | None:
    """The country a place is in: an ambiguous seat's last candidate is its host country."""
    if match.entry.type == "ambiguous":
        code = match.entry.codes[-1].code if match.entry.codes else None
    else:
        code = code_at(match.entry.codes, context.published)
    return split_code(code)[0]


def _actor_code(context: _Context, match: Match) -> str | None:
    entry = match.entry
    if entry.type in ("actor", "metonym"):
        return code_at(entry.codes, context.published)
    return None


def _code_or_country(context: _Context, match: Match) -> str | None:
    """What a match gives what is based there or happens there: its actor's code ("Moscow" →
    RUSGOV), else its country (an ambiguous seat's host)."""
    return _actor_code(context, match) or _country_of_place(context, match)


# ----------------------------------------------------------------------------- people


def _name_runs(context: _Context) -> list[tuple[int, int, Match | None]]:
    """Token ranges of people's names: PERSON entities, dictionary persons, and elsewhere the
    shorter forms of those (`detente.mentions.surname_mentions`)."""
    doc = context.doc
    runs: dict[int, tuple[int, int, Match | None]] = {}
    for ent in person_entities(doc):
        match = context.match_at(ent.start)
        if match is not None and match.entry.type in _STATE_LIKE and match.end == _name_end(ent):
            if match.entry.kind != "person" and not _after_title(context, ent.start):
                continue  # a country, seat or group the model took for a name ("Russia attacked
                # Kyiv"): the dictionary knows
            listed = match if match.entry.type == "actor" else None  # a seat names no person
            runs[ent.start] = (ent.start, ent.end, listed)
        else:
            runs[ent.start] = (ent.start, ent.end, None)
    run_at = {i: start for start, (_, end, _) in runs.items() for i in range(start, end)}
    for match in context.matches:
        if match.entry.type == "actor" and match.entry.kind == "person":
            run = runs.get(run_at.get(match.start, -1))
            if run is not None and _names_someone_else(doc, run, match):
                continue
            for index in range(match.start, match.end):
                runs.pop(run_at.get(index, -1), None)
            runs[match.start] = (match.start, match.end, match)
    names = [(start, end) for start, end, _ in runs.values()]
    # a dictionary phrase before a surname is no given name ("NATO | Stoltenberg")
    for start, end in surname_mentions(
        doc, names, mention_words(), stop=lambda token: token.i in context.by_token
    ):
        runs[start] = (start, end, None)
    return sorted(runs.values(), key=lambda r: r[0])


def _name_end(ent: SpacySpan) -> int:
    """Where the entity's name ends: the model's entity may run on into a possessive ("Sri
    Lanka's government" as one PERSON)."""
    return ent.end - 1 if ent[-1].tag_ == "POS" else ent.end


def _names_someone_else(doc: Doc, run: tuple[int, int, Match | None], match: Match) -> bool:
    """True when the name `run` has a name word outside `match` that none of the entry's phrases
    holds: the entry HASSAN (a Jordanian prince) inside "Maggie Hassan", not the entry
    BARACK_OBAMA's alias OBAMA inside "Barack Hussein Obama"."""
    start, end, _ = run
    outside = [
        doc[i].lower_
        for i in (*range(start, match.start), *range(match.end, end))
        if doc[i].is_alpha and doc[i].is_title and len(doc[i]) > 1
    ]
    if not outside:
        return False
    known = _entry_words(match)
    return not any(word in known for word in outside)


def _after_title(context: _Context, start: int) -> bool:
    """A role noun right before a name makes it a person's ("Prime Minister Abe"), even
    when a dictionary without people's kinds files the name as a state."""
    title = context.match_at(start - 1) if start > 0 else None
    return title is not None and title.entry.type in ("role", "agent")


def _names_a_person(context: _Context, token: Token) -> bool:
    """A PERSON token ends a description before a name, unless the dictionary knows it as a
    country or organisation the model took for a name ("Chad's minister")."""
    match = context.match_at(token.i)
    return token.ent_type_ == "PERSON" and (
        match is None or match.entry.type != "actor" or match.entry.kind == "person"
    )


@dataclass(slots=True)
class _CodedDescription:
    code: str | None
    role: str | None
    organization: str | None
    role_start: int | None  # where the role words start and end (they refer to the person)
    role_end: int | None


def _describe(context: _Context, description: Description) -> _CodedDescription:
    """Code, role and organisation of a person from the words describing it: the code from the
    dictionary entries among them, the role and organisation as `detente.mentions` reads them
    (else the entries' words)."""
    doc = context.doc
    matches: list[Match] = []
    seen: set[int] = set()
    for token in description.words:
        match = context.match_at(token.i)
        if match is not None and match.start not in seen:
            seen.add(match.start)
            matches.append(match)
    role = next((m for m in matches if m.entry.type in ("role", "agent")), None)
    sector = role.entry.agent_code[0] if role is not None else ""
    # the role's words: the dictionary's role entry, else the role `detente.mentions` read
    role_words = (
        range(role.start, role.end)
        if role is not None
        else range(description.role.start, description.role.end)
        if description.role is not None
        else range(0)
    )
    organisation: Match | None = None
    country: str | None = None
    for match in matches:
        if match.entry.type not in _STATE_LIKE or match.entry.kind == "person":
            continue
        if match.start in context.located or (
            match.start in context.places and not _office_of(doc, match, role_words)
        ):
            country = country or _country_of_place(context, match)
            continue
        before = doc[match.start - 1] if match.start > 0 else None
        if before is not None and before.pos_ == "DET" and match.start > 1:
            before = doc[match.start - 2]
        attached = (
            role is None
            or match.start < role.start
            or (before is not None and before.lower_ in ORGANISATION_PREPOSITIONS)
        )
        if attached and organisation is None:
            organisation = match
    org_sector = ""
    for match in matches:
        if match.entry.type == "orgword":
            org_sector = org_sector or (match.entry.codes[0].code if match.entry.codes else "")
    organisation_text = description.organization_text
    if organisation_text is None and organisation is not None:
        organisation_text = doc[organisation.start : organisation.end].text
    role_text = description.role_text
    if role_text is None and role is not None:
        role_text = doc[role.start : role.end].text
    base = _actor_code(context, organisation) if organisation is not None else None
    if base is None and country is not None:
        base = country
    # an organisation's own sector wins over its role's: "White House counsel" is USAGOV, not JUD
    sector = "" if split_code(base)[1] else sector or org_sector
    code = with_sector(base, sector or None) if (base or sector) else None
    return _CodedDescription(
        code=code,
        role=role_text,
        organization=organisation_text,
        role_start=role.start if role is not None else None,
        role_end=role.end if role is not None else None,
    )


def _adds_nothing(described: str, listed: str) -> bool:
    """Whether the code a person's description gives says no more than their dictionary entry's:
    a sector of no country ("Foreign Minister Sergey Lavrov": ---GOV, the entry's RUSGOV knows
    the country) or the entry's own country with no sector ("Chinese President Xi Jinping", where
    the entry's phrase "President Xi Jinping" holds the role: CHN, the entry's CHNGOV)."""
    country, sector = split_code(described)
    return country is None or (sector is None and country == split_code(listed)[0])


def _office_of(doc: Doc, match: Match, role_words: range) -> bool:
    """Whether a seat of power that modifies a role noun is the office the role holds ("White
    House counsel", "Pentagon spokesman", "Kremlin aide"), not a place: a name that is no city
    or region ("Moscow correspondent" stays a place)."""
    if doc[match.start].ent_type_ in ("GPE", "LOC"):
        return False
    return _head(doc, match).head.i in role_words


def _people(context: _Context, used: set[int]) -> list[_Mention]:
    doc = context.doc
    mentions: list[_Mention] = []
    # "George Bush" and "Jeb Bush" are two people; a bare "Bush" is one of them only when there
    # is one. People are keyed by their mentions' key; `latest` is the last mention of each.
    people: People[str] = People()
    latest: dict[str, _Mention] = {}
    words = mention_words()

    def is_name(token: Token) -> bool:
        return _names_a_person(context, token)

    for start, end, match in _name_runs(context):
        before = premodifier(doc[start], words, names_a_person=is_name)
        rule = "context:premodifier"
        if before is None:  # "Kenya's interior minister, Kithure Kindiki"
            before = apposed(list(doc[start:end]), words, names_a_person=is_name)
            rule = "context:apposition" if before is not None else rule
        after = appositive(list(doc[start:end]), words)
        description = _describe(context, before) if before is not None else None
        if description is None or description.code is None:
            described_after = _describe(context, after) if after is not None else None
            if described_after is not None and (
                described_after.code is not None or description is None
            ):
                description, rule = described_after, "context:apposition"
        surname = doc[end - 1].lower_
        # the name proper, without role words a dictionary phrase may include
        named = [i for i in range(start, end) if doc[i].ent_type_ == "PERSON"] or [start, end - 1]
        name = doc[named[0] : named[-1] + 1].text
        namesakes = [latest[key] for key in people.namesakes(name)]
        same = people.find(name)
        earlier = latest[same] if same is not None else None
        if earlier is None and match is not None:  # "Clinton", the entry of "Hillary Clinton"
            earlier = next((p for p in namesakes if p.rule == match.entry.rule), None)
        role_before = rule == "context:premodifier"
        code: str | None = None
        listed = code_at(match.entry.codes, context.published) if match is not None else None
        described = description.code if description is not None else None
        if described is not None and not (listed is not None and _adds_nothing(described, listed)):
            code = described
        elif match is not None:
            code, rule = listed, match.entry.rule
        elif earlier is not None:
            code, rule = earlier.code, earlier.rule
        else:
            rule = "ner:person"
        mention_start, extra = start, tuple[int, ...]()
        if description is not None and description.role_start is not None:
            between = range(description.role_start, start)
            if role_before and not any(
                context.match_at(i) is not None
                and context.match_at(i) is not context.match_at(description.role_start)
                for i in between
            ):
                mention_start = description.role_start
            elif description.role_end is not None:
                extra = tuple(range(description.role_start, description.role_end))
        if earlier is not None and len(earlier.name) >= len(name):
            name = earlier.name
        if earlier is not None:
            key = earlier.key
        elif namesakes:  # another person of this surname: keyed by the full name
            key = f"person:{given_names(name) or '?'} {surname}"
        else:
            key = f"person:{surname}"
        mention = _Mention(
            start=mention_start,
            end=end,
            code=code,
            kind="person",
            name=name,
            key=key,
            rule=rule,
            role=description.role if description is not None else None,
            organization=description.organization if description is not None else None,
            extra=extra,
        )
        mentions.append(mention)
        if earlier is None:
            people.add(name, key)
        else:
            people.met_again(name, key)
        if earlier is None or earlier.code is None or code is not None:
            latest[key] = mention
        for index in range(start, end):
            if (m := context.match_at(index)) is not None:
                used.add(m.start)
        if description is not None and description.role_start is not None:
            role_match = context.match_at(description.role_start)
            if role_match is not None:
                used.add(role_match.start)
    return mentions


# ----------------------------------------------------------------------------- groups


def _modifier_matches(context: _Context, match: Match) -> list[Match]:
    """Country or organisation matches that modify a sector noun: words before it in its noun
    phrase ("Russian", "Gondor's", "NATO") — the nearest one wins, with its conjuncts."""
    doc = context.doc
    head = _head(doc, match)
    found: list[Match] = []
    for token in head.subtree:
        if token.i >= match.start:
            break
        if token.dep_ in ("prep", "pobj"):
            break
        other = context.match_at(token.i)
        if other is not None and other.entry.type in _STATE_LIKE and other not in found:
            found.append(other)
    if not found:
        return []
    nearest = found[-1]
    # "Russian and Chinese diplomats", "Pakistan and Afghanistan's intelligence services": the
    # noun is each conjunct's
    conjoined = {t.i for t in _head(doc, nearest).conjuncts}
    return [m for m in found[:-1] if _head(doc, m).i in conjoined] + [nearest]


def _prepositional_matches(context: _Context, match: Match) -> list[Match]:
    """Countries in an of/in/from phrase after a sector noun, with their conjuncts, or in a
    from-phrase after the body it is of ("a mission of observers from the OSCE"). The phrase may
    hang on a noun coordinated before it ("lawmakers and officials in A": both are in A), and a
    country the parser coordinated with the noun after the phrase is in it too ("lawmakers in A
    and B": B's lawmakers, not B)."""
    doc = context.doc
    head = _head(doc, match)
    group = [head, *head.conjuncts]
    found: list[Match] = []

    def add(token: Token) -> bool:
        other = context.match_at(token.i)
        if other is not None and other.entry.type in _STATE_LIKE and other not in found:
            found.append(other)
            return True
        return False

    phrases = [
        child
        for noun in group
        for child in noun.children
        if child.dep_ == "prep"
        and child.lower_ in MEMBERSHIP_PREPOSITIONS
        # "officials in A and lawmakers": A is the officials' only
        and (noun is head or child.i > head.i)
    ]
    container = head.head.head if head.dep_ == "pobj" and head.head.lower_ == "of" else None
    if container is not None and container.lemma_.lower() in _COLLECTIVE_NOUNS:
        # "a mission of observers from the OSCE": the parser hangs the origin on the mission
        phrases.extend(
            c
            for c in container.children
            if c.dep_ == "prep" and c.lower_ == "from" and c.i > head.i
        )
    for phrase in phrases:
        for obj in (c for c in phrase.children if c.dep_ == "pobj"):
            for token in [obj, *obj.conjuncts]:
                if not any(add(candidate) for candidate in [token, *token.children]):
                    # "diplomats of the member states of ASEAN": whose the noun between is
                    for inner in _of_objects(token):
                        for member in [inner, *inner.conjuncts]:
                            any(add(candidate) for candidate in [member, *member.children])
            for token in group:
                if token.i > obj.i:
                    add(token)
    return found


def _of_objects(noun: Token) -> list[Token]:
    """The objects of `noun`'s of-phrase ("ASEAN" of "the member states of ASEAN")."""
    return [
        obj
        for prep in noun.children
        if prep.dep_ == "prep" and prep.lower_ == "of"
        for obj in prep.children
        if obj.dep_ == "pobj"
    ]


def _is_argument(head: Token) -> bool:
    """A noun that fills a slot of a verb or preposition or owns another noun ("the government's
    policy"), not a modifier ("military" in "military cooperation", "business" in "political and
    business relations")."""
    if head.pos_ not in ("NOUN", "PROPN"):
        return False
    if head.dep_ == "conj":
        return _is_argument(head.head)
    return head.dep_ in ARGUMENT_DEPS or _is_possessor(head)


def _is_possessor(head: Token) -> bool:
    """A noun with the possessive ending ("the army's"), not a bare noun the parser hung as a
    possessive."""
    return head.dep_ == "poss" and any(child.tag_ == "POS" for child in head.children)


def _group_kind(head: Token) -> ActorKind:
    """Plural sector nouns are groups; singular ones a person ("a senior official") when the
    noun names a person, else an organisation ("the government")."""
    if head.tag_ in ("NNS", "NNPS"):
        return "group"
    lemma = head.lemma_.lower()
    person = lemma.endswith(PERSON_NOUN_ENDINGS) and not lemma.endswith(INSTITUTION_NOUN_ENDINGS)
    return "person" if person else "organization"


def _end_of_words(doc: Doc, match: Match) -> int:
    """Where the words of a sector phrase end, without the preposition some end on ("ambassador
    to", "observers in")."""
    end = match.end
    while end - 1 > match.start and doc[end - 1].pos_ == "ADP":
        end -= 1
    return end


def _sector_groups(context: _Context, used: set[int]) -> list[_Mention]:
    doc = context.doc
    mentions: list[_Mention] = []
    for match in context.matches:
        if match.entry.type not in ("agent", "role") or match.start in used:
            continue
        head = _head(doc, match)
        if not _is_argument(head):
            continue
        sector, goes_first = match.entry.agent_code
        owners = _modifier_matches(context, match)
        rule = MODIFIER_RULE
        span_start = min([match.start, *(o.start for o in owners)])
        first = context.match_at(head.head.i) if head.dep_ == "conj" else None
        if not owners and first is not None and first.entry.type == "agent":
            # "Danish media and government": the modifier of the first noun is the second's too
            owners = _modifier_matches(context, first)
            span_start = match.start
        if not owners and not any(c.dep_ == "poss" for c in head.children):
            # not with a possessor: "its ambassador from Russia" is its own, sent to Russia
            owners = _prepositional_matches(context, match)
            rule = PREPOSITIONAL_RULE
            span_start = match.start
        kind = _group_kind(head)
        if match.entry.type == "role" and kind != "group":
            kind = "person"  # "head", "chief": our role entries name people
        noun = head.lemma_.lower()
        if not owners and match.entry.type == "role":
            continue  # "the head said": whose head, only a name or an organisation tells
        # Phoenix's "AMBASSADOR TO", "EMBASSY IN" keep the phrase after them from giving the
        # group its country; the preposition is no word of the group's name
        end = _end_of_words(doc, match)
        if not owners:
            code = with_sector(None, sector) if sector else None
            mentions.append(
                _Mention(
                    match.start,
                    end,
                    code,
                    kind,
                    doc[match.start : end].text,
                    key=f"group:{code}:{noun}",
                    rule=match.entry.rule,
                    role=head.text,
                )
            )
            continue
        for owner in owners:
            # a country the group is in stays an actor, as a place ("lecturers in Nigeria
            # began a strike": their country is where it happened); "the parliament of Kenya":
            # "Kenya" refers to the parliament too
            located = rule == PREPOSITIONAL_RULE and owner.start in context.located
            # "the head of the Norwegian Refugee Council": a person of it, and it stays an actor
            # of its own (the speaker the quotes stage may have found in it)
            kept = located or (rule == PREPOSITIONAL_RULE and match.entry.type == "role")
            if not kept:
                used.add(owner.start)
            # where a group is, or the seat it is from, gives its country, not the seat's
            # government: "protesters in Moscow" are RUSOPP, "students from Moscow" RUSEDU,
            # "diplomats from Moscow" RUSGOV; a seat that owns the group is its government
            # ("Cairo's security chief")
            seat = located or (rule == PREPOSITIONAL_RULE and owner.entry.type == "metonym")
            base = _country_of_place(context, owner) if seat else _code_or_country(context, owner)
            code = f"{sector}{base}" if goes_first and base else with_sector(base, sector or None)
            is_igo = bool(base and base.startswith("IGO"))
            if is_igo and owner.entry.type == "actor":
                # NATO's foreign ministers, NATO's leadership: NATO itself acts.
                key, name = f"entry:{owner.entry.rule}", doc[owner.start : owner.end].text
                kind_here: ActorKind = owner.entry.kind
                rule_here = owner.entry.rule
                mentions.append(_Mention(span_start, end, code, kind_here, name, key, rule_here))
                continue
            key = f"group:{code}:{noun}"
            name = (
                doc[span_start:end].text
                if len(owners) == 1
                else f"{doc[owner.start : owner.end].text} {doc[match.start : end].text}"
            )
            start = span_start if len(owners) == 1 else match.start
            mentions.append(
                _Mention(
                    start,
                    end,
                    code,
                    kind,
                    name,
                    key=key,
                    rule=rule,
                    role=head.text,
                    organization=doc[owner.start : owner.end].text,
                    extra=(
                        tuple(range(owner.start, owner.end))
                        if not kept and (rule == PREPOSITIONAL_RULE or len(owners) > 1)
                        else ()
                    ),
                )
            )
    return mentions


# ----------------------------------------------------------------------------- named actors


def _named_actors(context: _Context, used: set[int]) -> list[_Mention]:
    doc = context.doc
    mentions: list[_Mention] = []
    for match in context.matches:
        entry = match.entry
        if match.start in used or match.start in context.places:
            continue
        text = doc[match.start : match.end].text
        if entry.type == "actor":
            code = code_at(entry.codes, context.published)
            kind: ActorKind = entry.kind
            if kind == "state" and (doc[match.start].tag_ in ("NNPS", "NNS")):
                kind = "group"
            nominal = doc[match.end - 1].pos_ != "ADJ"
            mentions.append(
                _Mention(
                    match.start,
                    match.end,
                    code,
                    kind,
                    text,
                    f"entry:{entry.rule}",
                    entry.rule,
                    nominal=nominal,
                )
            )
        elif entry.type == "metonym":
            code = code_at(entry.codes, context.published)
            mentions.append(
                _Mention(
                    match.start,
                    match.end,
                    code,
                    "state",
                    text,
                    f"code:{code}",
                    f"metonym:{entry.name.lower()}",
                )
            )
        elif entry.type in ("ambiguous", "description"):
            mentions.append(
                _Mention(match.start, match.end, None, entry.kind, text, "", entry.rule)
            )
    return mentions


def _resolve_by_salience(context: _Context, mentions: list[_Mention]) -> None:
    """Definite descriptions and acting ambiguous seats take the candidate code mentioned most
    before them (else in the whole document); without a candidate they stay out (no key)."""
    overall = Counter(m.code for m in mentions if m.code)
    owners: dict[str, _Mention] = {}  # code → the first mention of a named entry with it
    for mention in mentions:
        if mention.code and mention.key.startswith("entry:"):
            owners.setdefault(mention.code, mention)
    before: Counter[str] = Counter()  # codes of the mentions so far (mentions are in order)
    for mention in mentions:
        match = context.match_at(mention.start)
        if mention.key or match is None:
            if mention.code:
                before[mention.code] += 1
            continue
        candidates = [c.code for c in match.entry.codes]
        chosen = _most_mentioned(candidates, before) or _most_mentioned(candidates, overall)
        if chosen is None:
            continue  # no candidate in the document: not an actor we can name
        mention.code = chosen
        mention.rule = (
            "definite-description" if match.entry.type == "description" else "context:salience"
        )
        before[chosen] += 1
        owner = owners.get(chosen)
        mention.key = owner.key if owner is not None else f"code:{chosen}"
        if owner is not None:
            mention.kind = owner.kind


def _owned_sectors(doc: Doc, mentions: list[_Mention]) -> dict[str, str]:
    """Sector nouns that are an actor's own: behind a possessive pronoun that stands for it
    ("Russia has strengthened its forces in Crimea"), or the object of a verb of sending or
    moving one's own people whose subject it is ("Japan is sending troops to South Sudan").
    One of no country takes its owner's, not the country its sentence happens in (South
    Sudan's); one of another country is no one's. Returns each owned mention's key → its
    owner's key."""
    keyed, referents = _referents(mentions)
    at = {i: m for m in keyed for i in range(m.start, m.end)}
    owners: dict[str, str] = {}
    for mention in keyed:
        country, sector = split_code(mention.code)
        if not sector or not mention.key.startswith("group:"):
            continue
        owner, possessed = _owner(doc, doc[mention.start : mention.end].root, referents, at)
        if owner is None or owner.key == mention.key:
            continue
        owner_country = split_code(owner.code)[0]
        if owner_country is None or owner_country in NON_STATE_PREFIXES:
            continue
        # "its forces in Crimea" are Russia's, wherever they are
        placed = possessed and mention.rule == PREPOSITIONAL_RULE
        if country is None or placed:
            code = f"{owner_country}{sector}"
            mention.key = f"own:{code}:{mention.key.rsplit(':', 1)[-1]}"
            mention.code = code
            mention.rule = f"{mention.rule} {OWNER_RULE}"
        elif country != owner_country:
            continue
        owners[mention.key] = owner.key
    return owners


def _owner(
    doc: Doc, head: Token, referents: list[Referent], at: dict[int, _Mention]
) -> tuple[_Mention | None, bool]:
    """The mention whose own the sector noun `head` is, and whether a possessive says so: what
    its possessive pronoun stands for, else the subject of the verb of sending or moving it is
    the object of (a verb without one takes the subject of the verb it completes: "Colombia
    is ready to contribute troops")."""
    for child in head.children:
        pronoun = PRONOUNS.get(child.lower_)
        if child.dep_ == "poss" and pronoun is not None and pronoun.person == 3:
            found = antecedents(child, referents)
            return (at.get(found[0].start) if len(found) == 1 else None), True
    verb = head.head
    if head.dep_ != "dobj" or verb.lemma_.lower() not in OWN_PEOPLE_VERBS:
        return None, False
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    while subject is None and verb.dep_ in _COMPLETES and verb.head.i != verb.i:
        verb = verb.head
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:
        return None, False
    return next((at[t.i] for t in conjuncts(subject) if t.i in at), None), False


def _in_country_context(context: _Context, mentions: list[_Mention]) -> None:
    """A sector noun of no stated country ("the army", "opposition leader Kizza Besigye") takes the
    country where its sentence happens ("in Kampala"), else the one country its sentence's other
    actors belong to ("Ugandan police arrested ..."), as ICEWS codes "Police (Uganda)", else, in a
    lead sentence, its dateline's (`_drop_datelines`); neither of the first two counts in a clause
    of condition, reason or concession the noun is not in ("will not accept refugees if war starts
    in Iraq"; `_subordinate_clauses`). A dictionary's own code of no country (Reuters, `---MED`)
    stays, and so does an organisation's sector (peacekeeping troops, `---IGO`). A person takes the
    one country of the sentences that name them, none if they name two; a sector noun's mentions in
    two countries' sentences are two actors (the army of each)."""
    doc = context.doc
    sentence_of = np.empty(len(doc), dtype=np.int64)
    for sentence in doc.sents:
        sentence_of[sentence.start : sentence.end] = sentence.start
    # sentence start → the codes of its places, with the subordinate clauses each is in
    places: defaultdict[int, list[tuple[frozenset[int], str | None]]] = defaultdict(list)
    for match in context.matches:
        if match.start in context.located:
            code = _code_or_country(context, match)
            clauses = _subordinate_clauses(doc[match.start])
            places[int(sentence_of[match.start])].append((clauses, code))
    # a lead's dateline, weaker than either: where the story was filed
    filed = {
        int(sentence_of[story]): _code_or_country(context, match)
        for story, match in context.filed_from.items()
    }
    clauses_of = [_subordinate_clauses(doc[mention.start]) for mention in mentions]
    others: defaultdict[int, list[tuple[frozenset[int], str | None]]] = defaultdict(list)
    for mention, clauses in zip(mentions, clauses_of, strict=True):
        others[int(sentence_of[mention.start])].append((clauses, mention.code))
    chosen: dict[int, str | None] = {}  # mention index → its sentence's one country
    for index, mention in enumerate(mentions):
        country, sector = split_code(mention.code)
        if country is not None or not sector or sector[:3] in NON_STATE_PREFIXES:
            continue
        if not mention.key.startswith("group:") and not mention.rule.startswith("context:"):
            continue  # a dictionary's own code (Reuters, Kofi Annan), not one of role words
        at, clauses = int(sentence_of[mention.start]), clauses_of[index]
        where = (code for within, code in places[at] if within <= clauses)
        named = (code for within, code in others[at] if within <= clauses)
        countries = _states(where) or _states(named) or _states([filed.get(at)])
        chosen[index] = countries.pop() if len(countries) == 1 else None
    agreed: dict[str, set[str]] = defaultdict(set)  # a person's key → their sentences' countries
    for index, country in chosen.items():
        if country is not None:
            agreed[mentions[index].key].add(country)
    for index, country in chosen.items():
        mention = mentions[index]
        group = mention.key.startswith("group:")
        if not group:
            country = next(iter(agreed[mention.key])) if len(agreed[mention.key]) == 1 else None
        if country is None:
            continue
        code = f"{country}{split_code(mention.code)[1]}"
        if group:
            mention.key = mention.key.replace(f"group:{mention.code}:", f"group:{code}:", 1)
        mention.code = code
        mention.rule = f"{mention.rule} {SENTENCE_COUNTRY_RULE}"


def _subordinate_clauses(token: Token) -> frozenset[int]:
    """The clauses of condition, reason or concession that `token` is in ("if war starts in
    Iraq", "because fighting in Iraq intensified"), by their heads: where such a clause happens
    is not where the clause it hangs from does. A clause of time is left in: "police arrested
    dozens after clashes broke out in Kampala" are Kampala's police."""
    found: set[int] = set()
    while True:
        if token.dep_ == "advcl" and any(
            child.dep_ == "mark" and child.lower_ in _ASIDE_CLAUSE_MARKS for child in token.children
        ):
            found.add(token.i)
        if token.head.i == token.i:
            return frozenset(found)
        token = token.head


def _states(codes: Iterable[str | None]) -> set[str]:
    """The countries of `codes`, organisations and unknown countries left out."""
    found = {split_code(code)[0] for code in codes}
    return {c for c in found if c is not None and c not in NON_STATE_PREFIXES}


def _most_mentioned(candidates: list[str], counts: Counter[str]) -> str | None:
    best = max(candidates, key=lambda c: (counts[c], -candidates.index(c)), default=None)
    return best if best is not None and counts[best] > 0 else None


# ----------------------------------------------------------------------------- actors


def _span(doc: Doc, start: int, end: int) -> Span:
    first, last = doc[start], doc[end - 1]
    return Span(first.idx, last.idx + len(last.text), doc[start:end].text)


def _group(
    doc: Doc,
    mentions: list[_Mention],
    speakers: Sequence[Actor],
    dictionary: ActorDictionary,
    published: datetime.date | None,
    owners: dict[str, str],
) -> ActorFindings:
    """Mentions with the same key become one actor (`owners`: a sector's key → its owner's, see
    `_owned_sectors`). A speaker (quotes stage) whose mention overlaps one of an actor's
    mentions is that actor: it keeps its id, gets the code, and takes the other mentions; its
    own mentions ("he", "Grushko") then map their tokens to it too."""
    clusters: dict[str, list[_Mention]] = {}
    for mention in mentions:
        if mention.key:
            clusters.setdefault(mention.key, []).append(mention)
    findings = ActorFindings()
    speaker_list = list(speakers)
    taken: set[str] = set()  # speakers already given a cluster
    next_number = 1 + max((_number(s.id) for s in speaker_list), default=0)
    actors: list[Actor] = []
    actor_of_key: dict[str, str] = {}
    for cluster in clusters.values():
        spans = [_span(doc, m.start, m.end) for m in cluster]
        speaker = _speaker_for(speaker_list, taken, spans, cluster)
        if speaker is not None:
            actor = speaker
            taken.add(speaker.id)
            # a speaker known by its role alone ("president"): its mention says more
            if speaker.name == speaker.role:
                actor.name = next((m.name for m in cluster if m.nominal), actor.name)
        else:
            named = next(
                (m for m in cluster if m.rule not in _SALIENCE_RULES and m.nominal),
                next((m for m in cluster if m.rule not in _SALIENCE_RULES), cluster[0]),
            )
            actor = Actor(id=f"A{next_number}", name=named.name, kind=named.kind)
            next_number += 1
        coded = next((m for m in cluster if m.code and m.rule not in _SALIENCE_RULES), None)
        coded = coded or next((m for m in cluster if m.code), None)
        if coded is not None and (speaker is None or speaker.code is None):
            actor.code = coded.code
            actor.country, actor.sector = split_code(coded.code)
            actor.rule = coded.rule
        elif actor.rule is None:
            actor.rule = cluster[0].rule
        actor.role = actor.role or next((m.role for m in cluster if m.role), None)
        actor.organization = actor.organization or next(
            (m.organization for m in cluster if m.organization), None
        )
        theirs = list(actor.mentions)  # a speaker's own mentions: few, and kept as they are
        for mention, span in zip(cluster, spans, strict=True):
            if not any(m.start < span.end and span.start < m.end for m in theirs):
                actor.mentions.append(span)
            for index in (*range(mention.start, mention.end), *mention.extra):
                findings.token_actor.setdefault(index, actor.id)
        actors.append(actor)
        actor_of_key[cluster[0].key] = actor.id
    for speaker in speaker_list:
        if speaker.id not in taken:
            if speaker.code is None:
                _code_speaker(speaker, dictionary, published)
            actors.append(speaker)
        for span in speaker.mentions:
            tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
            for token in tokens if tokens is not None else ():
                findings.token_actor.setdefault(token.i, speaker.id)
    findings.owners = {
        actor_of_key[owned]: actor_of_key[owner]
        for owned, owner in owners.items()
        if owned in actor_of_key and owner in actor_of_key
    }
    for actor in actors:
        actor.mentions.sort(key=lambda m: m.start)
    findings.actors = sorted(
        actors, key=lambda a: (min((m.start for m in a.mentions), default=0), _number(a.id))
    )
    return findings


def _number(actor_id: str) -> int:
    return int(actor_id[1:]) if actor_id[1:].isdigit() else 0


def _speaker_for(
    speakers: list[Actor], taken: set[str], spans: list[Span], cluster: list[_Mention]
) -> Actor | None:
    """The speaker that is this cluster's actor: a person for people, a group or institution
    for the rest, with a mention overlapping one of the cluster's (or, for people, the same
    surname)."""
    # a person named ("person:sushentsov") or described ("Ecuador's president")
    person = cluster[0].kind == "person"
    for speaker in speakers:
        if speaker.id in taken or (speaker.kind == "person") != person:
            continue
        if any(m.start < s.end and s.start < m.end for m in speaker.mentions for s in spans):
            return speaker
        words = speaker.name.split()
        if words and cluster[0].key == f"person:{words[-1].lower()}":
            return speaker
    return None


def _code_speaker(
    speaker: Actor, dictionary: ActorDictionary, published: datetime.date | None
) -> None:
    """A speaker none of whose words we coded: its organisation and role, looked up as phrases."""
    organisation = dictionary.lookup(speaker.organization) if speaker.organization else None
    role = dictionary.lookup(speaker.role) if speaker.role else None
    named = organisation is not None and organisation.type not in ("agent", "role", "orgword")
    base = code_at(organisation.codes, published) if organisation is not None and named else None
    sector = role.agent_code[0] if role is not None and role.type in ("agent", "role") else ""
    if base is None and not sector:
        return
    speaker.code = with_sector(base, sector or None)
    speaker.country, speaker.sector = split_code(speaker.code)
    speaker.rule = "context:speaker"


def names_its_country(actor: Actor) -> bool:
    """Whether the words naming `actor` state its country or organisation: a sector noun with a
    modifier or phrase that names it ("Uganda's government", "Chadian troops", "lecturers in
    Nigeria"), not a dictionary's code for a name nor the country of its sentence."""
    rules = set((actor.rule or "").split())
    return bool(rules & {MODIFIER_RULE, PREPOSITIONAL_RULE}) and SENTENCE_COUNTRY_RULE not in rules
