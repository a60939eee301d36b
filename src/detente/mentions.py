"""Mentions: how the text names people, groups and organisations, declared once for the quotes
and the actors stages.

    PRONOUNS         he/she/it/they/I/we with person, number, gender and case; the sets the
                     stages resolve (`PERSON_PRONOUNS`, `GROUP_PRONOUNS`, `AUTHOR_PRONOUNS`)
    prepositions     those that attach an organisation to a role ("director of X", "fellow at
                     Y") and those that may sit inside a description before a name ("envoy to
                     NATO")
    MentionWords     role nouns, generic roles, honorifics and organisation words
                     (data/mentions/words.toml), read once: `mention_words()`
    names            where a person's name starts and ends, the one finder both stages use:
                     PERSON entities written with capitals (`person_entities`), the name
                     ending at a word (`name_run`: "NATO Secretary General | Jens
                     Stoltenberg"), and elsewhere the shorter forms of names met
                     (`surname_mentions`: "Lukyanov", "Mr. | Berg")
    people           surname and given names; a name joins the one earlier person it can be
                     (`same_person`), and `People` keeps the persons of a document met so far
    former_or_latter what "the former" / "the latter" stands for
    antecedents      what a third-person pronoun ("he", "it", "they") stands for, among the
                     mentions before it (`Referent`): a subject it agrees with; `latest`, the
                     last mention it agrees with (how attributions read "he said")
    Description      a person's role and organisations, from an appositive (`appositive`:
                     "Frank Luntz, a Republican expert on polls") or from the words before the
                     name (`premodifier`: "Russia's envoy to NATO Alexander Grushko",
                     "Secretary of State Mike Pompeo")

A description keeps its tokens, so the quotes stage reads its role and organisation as text and
the actors stage codes the dictionary entries among its words.
"""

from __future__ import annotations

import bisect
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Generic, Literal, TypeVar

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

# ----------------------------------------------------------------------------- pronouns

Gender = Literal["masculine", "feminine", "neuter"]
Number = Literal["singular", "plural"]
Case = Literal["subject", "object", "possessive"]


@dataclass(frozen=True, slots=True)
class Pronoun:
    """What a personal pronoun says of its antecedent; `gender` None for "I", "we", "they"."""

    person: Literal[1, 3]
    number: Number
    case: Case
    gender: Gender | None = None


PRONOUNS: dict[str, Pronoun] = {
    "i": Pronoun(1, "singular", "subject"),
    "me": Pronoun(1, "singular", "object"),
    "my": Pronoun(1, "singular", "possessive"),
    "we": Pronoun(1, "plural", "subject"),
    "us": Pronoun(1, "plural", "object"),
    "our": Pronoun(1, "plural", "possessive"),
    "he": Pronoun(3, "singular", "subject", "masculine"),
    "him": Pronoun(3, "singular", "object", "masculine"),
    "his": Pronoun(3, "singular", "possessive", "masculine"),
    "she": Pronoun(3, "singular", "subject", "feminine"),
    "her": Pronoun(3, "singular", "object", "feminine"),  # also the possessive "her"
    "hers": Pronoun(3, "singular", "possessive", "feminine"),
    "it": Pronoun(3, "singular", "subject", "neuter"),
    "its": Pronoun(3, "singular", "possessive", "neuter"),
    "they": Pronoun(3, "plural", "subject"),
    "them": Pronoun(3, "plural", "object"),
    "their": Pronoun(3, "plural", "possessive"),
}
# A person: he, she and their other forms.
PERSON_PRONOUNS = frozenset(
    w for w, p in PRONOUNS.items() if p.person == 3 and p.gender in ("masculine", "feminine")
)
# A group or an institution: they, them, their.
GROUP_PRONOUNS = frozenset(w for w, p in PRONOUNS.items() if p.person == 3 and p.number == "plural")
# The speaker's own side: "we", "us", "our", "I".
FIRST_PERSON_PRONOUNS = frozenset(w for w, p in PRONOUNS.items() if p.person == 1)
# Outside quotes, the writer: "I" and "we" as subjects ("In my view" is not a speaker).
AUTHOR_PRONOUNS = frozenset(w for w, p in PRONOUNS.items() if p.person == 1 and p.case == "subject")
# Pronouns that open a clause about the noun before them: "Smith, who said ...".
RELATIVE_PRONOUNS = frozenset({"who", "that", "which"})

# ----------------------------------------------------------------------------- prepositions

# Prepositions after a role that attach its organisation: "director of X", "fellow at X", "a
# spokesman for the Kremlin", "a partner with X", "a senator from Texas". The quotes stage had no
# "from"; on the 840 PolNeAR train texts it changes 31 persons, 25 for the better ("senator from
# Texas" → USALEG, not ---LEG) and 4 for the worse ("nominee from 1960"); quote scores are equal.
ORGANISATION_PREPOSITIONS = frozenset({"of", "at", "for", "with", "from"})
# Prepositions that may sit inside a description before a name ("envoy to NATO", "chairman of
# the Council on ..."); any other ends it ("suspicions of culpability in | Epstein"). The two
# stages had the same set.
DESCRIPTOR_PREPOSITIONS = frozenset({"of", "to", "for", "at", "on"})
POSSESSIVE_MARKS = frozenset({"'s", "’s", "'", "’"})
DESCRIPTOR_REACH = 16  # words before a name that may describe it
# Tokens that join the words of a description ("Secretary-General", "Russia's").
_JOINERS = frozenset({"-", "’", "'"})
_DESCRIPTOR_POS = frozenset({"PROPN", "NOUN", "ADJ", "DET", "PART", "ADP", "CCONJ", "NUM", "PUNCT"})
_LEADING_POS = frozenset({"DET", "ADP", "CCONJ", "PART", "PUNCT"})
# In an organisation after a role, "at Y" names another organisation and "in Z" a place:
# "director of X at Y in Z".
_HOST_PREPOSITION, _PLACE_PREPOSITION = "at", "in"

# ----------------------------------------------------------------------------- words


@dataclass(frozen=True, slots=True)
class MentionWords:
    """Word sets of mentions, lower case, built once."""

    role_words: frozenset[str]  # "director", "envoy", "foreign" (of "Foreign Minister")
    generic_roles: frozenset[str]  # "official", "spokesman": may stand for the last person named
    honorifics: frozenset[str]  # "mr.", "dr": dropped from a name
    organization_words: frozenset[str]  # "council", "university": end a person's name before them
    masculine: frozenset[str]  # "mr.", "chairman": a person "he" may stand for
    feminine: frozenset[str]  # "ms.", "chairwoman": a person "she" may stand for

    def gender(self, words: Iterable[str]) -> Gender | None:
        """The gender the first gendered word among `words` says, if any."""
        for word in words:
            lower = word.lower()
            if lower in self.masculine:
                return "masculine"
            if lower in self.feminine:
                return "feminine"
        return None

    def person_gender(
        self, doc: Doc, start: int, end: int, described: Iterable[str] = ()
    ) -> Gender | None:
        """The gender of the person named by tokens [start, end): from the word before the name
        ("Mr.", "Congresswoman"), the words `described` about them (a role), and the name."""
        before = [doc[start - 1].text] if start > 0 else []
        return self.gender([*before, *described, *(t.text for t in doc[start:end])])


@cache
def mention_words() -> MentionWords:
    """The bundled word sets (data/mentions/words.toml), read once per process."""
    path = files("detente") / "data" / "mentions" / "words.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))

    def words(table: str, key: str) -> frozenset[str]:
        return frozenset(w.strip().lower() for w in data[table][key] if w.strip())

    return MentionWords(
        role_words=words("roles", "nouns"),
        generic_roles=words("roles", "generic"),
        honorifics=words("roles", "honorifics"),
        organization_words=words("organizations", "words"),
        masculine=words("roles", "masculine"),
        feminine=words("roles", "feminine"),
    )


# ----------------------------------------------------------------------------- names


def former_or_latter(word: Token, names: Callable[[int], bool]) -> Token | None:
    """What "the former" / "the latter" stands for: the first / last of the latest coordinated
    names before it in its sentence ("Russia and NATO could mend ties if the latter ...": NATO);
    `names` says whether a token index is part of a name."""
    which = word.lower_
    if which not in ("former", "latter"):
        return None
    sentence = word.sent
    for token in reversed(sentence[: word.i - sentence.start]):
        named = [c for c in conjuncts(token) if names(c.i)]
        if len(named) > 1 and token.dep_ != "conj":
            return named[-1] if which == "latter" else named[0]
    return None


def conjuncts(token: Token, *, modifiers: bool = False) -> list[Token]:
    """The token and the words coordinated with it, in text order ("Russia and NATO");
    `modifiers` also follows adjectives ("Eriadori and Calenardhon leaders")."""
    kinds = ("PROPN", "NOUN", "PRON", "ADJ") if modifiers else ("PROPN", "NOUN", "PRON")
    out = [token]
    for child in token.children:
        if child.dep_ == "conj" and child.pos_ in kinds:
            out.extend(conjuncts(child, modifiers=modifiers))
    return out


def surname_key(name: str) -> str:
    """The lower-cased last word of a person's name, a hyphen ending a word too ("assad" of
    "Bashar al-Assad", as a bare "Assad" is written): what the stages group namesakes by."""
    words = _NAME_WORD_BREAK.split(name.lower().strip())
    return words[-1] if words else ""


_NAME_WORD_BREAK = re.compile(r"[\s\-‐]+")
_NAME_HYPHENS = frozenset({"-", "‐"})


def given_names(name: str) -> str:
    """The lower-cased words of a person's name before the surname ("george w." of "George W.
    Bush"); empty for a bare surname."""
    return " ".join(name.lower().split()[:-1])


def person_entities(doc: Doc) -> list[SpacySpan]:
    """PERSON entities written with capitals: a name is ("lorry crash" is not); with the
    syllable hyphened onto their last word that the model leaves out ("Moon Jae" of "Moon
    Jae-in", `hyphened_syllable`)."""
    return [
        SpacySpan(doc, ent.start, ent.end + 2, label=ent.label_)
        if hyphened_syllable(doc, ent.end)
        else ent
        for ent in doc.ents
        if ent.label_ == "PERSON" and any(t.is_title or t.is_upper for t in ent)
    ]


def hyphened_syllable(doc: Doc, at: int) -> bool:
    """Whether a hyphen at `at` joins a lower-case syllable to the word before it, spaces on
    neither side: the given names of Korean news ("Kim Jong-un", "Moon Jae-in", "Ban
    Ki-moon"), which the tokenizer cuts and NER leaves out of the name it found."""
    return (
        0 < at < len(doc) - 1
        and doc[at].text in _NAME_HYPHENS
        and not doc[at - 1].whitespace_
        and not doc[at].whitespace_
        and doc[at + 1].is_alpha
        and doc[at + 1].is_lower
        and doc[at - 1].is_title
        and doc[at - 1].ent_type_ == "PERSON"  # not "President-elect"
    )


def name_run(
    head: Token,
    words: MentionWords,
    *,
    longest: int = 4,
    stop: Callable[[Token], bool] | None = None,
) -> list[Token]:
    """The person's name ending at `head`: the capitalised proper nouns before it, at most
    `longest` words (a hyphened syllable and its word one: "Kim Jong-un"). It stops at role
    and organisation words, at the start of the sentence, where NER starts the person's name
    ("NATO Secretary General | Jens Stoltenberg", "Secretary of State | Mike Pompeo") and at a
    word `stop` says ends names; leading honorifics are no part of it ("Mr. | Smith")."""
    doc = head.doc
    entity_start = 0
    if head.ent_type_ == "PERSON":
        entity_start = head.i
        while entity_start > 0 and doc[entity_start].ent_iob_ == "I":
            entity_start -= 1
    start = head.i
    if hyphened_syllable(doc, head.i - 1):
        start -= 2  # "Jong-un" is one word
    length = 1
    while start > max(entity_start, head.sent.start) and length < longest:
        token = doc[start - 1]
        lower = token.lower_
        if (
            token.pos_ != "PROPN"
            or not token.is_title
            or lower in words.role_words
            or lower in words.organization_words
            or (stop is not None and stop(token))
        ):
            break
        start -= 1
        length += 1
    while start < head.i and doc[start].lower_ in words.honorifics:
        start += 1
    return list(doc[start : head.i + 1])


def surname_mentions(
    doc: Doc,
    names: Iterable[tuple[int, int]],
    words: MentionWords,
    *,
    stop: Callable[[Token], bool] | None = None,
) -> list[tuple[int, int]]:
    """Token ranges [start, end) of the shorter forms of the person names `names` elsewhere in
    the text, which NER may file under another label ("Lukyanov"): a proper noun that is one of
    their surnames, with the given names written before it, up to as many as the longest name
    of that surname has (`name_run`)."""
    longest: dict[str, int] = {}  # surname → words in its longest name (at least two)
    taken: set[int] = set()
    for start, end in names:
        surname = doc[end - 1].lower_
        longest[surname] = max(longest.get(surname, 2), end - start)
        taken.update(range(start, end))

    def ends_names(token: Token) -> bool:
        return token.i in taken or (stop is not None and stop(token))

    found: list[tuple[int, int]] = []
    for token in doc:
        if token.i in taken or token.pos_ != "PROPN" or token.lower_ not in longest:
            continue
        run = name_run(token, words, longest=longest[token.lower_], stop=ends_names)
        found.append((run[0].i, token.i + 1))
        taken.update(range(run[0].i, token.i + 1))
    return found


def same_person(name: str, namesakes: Sequence[str]) -> int | None:
    """Which of the earlier persons `namesakes` (names of one surname, `name`'s) `name` names:
    the one whose first given name is the same, or, for a bare surname ("Bush") or a person
    known only by surname, the only one there is. Two candidates are no answer: "Bush" after
    "George Bush" and "Jeb Bush" joins neither."""
    given = given_names(name).split()[:1]
    candidates = [
        k
        for k, other in enumerate(namesakes)
        if not given
        or given_names(other).split()[:1] == given
        # a person known only by surname is this one when no other namesake was met
        or (not given_names(other) and len(namesakes) == 1)
    ]
    return candidates[0] if len(candidates) == 1 else None


P = TypeVar("P")


class People(Generic[P]):
    """The persons of one document met so far: a name joins the one earlier person it can be
    (`same_person`; a full name met before word for word is that person, while a bare surname
    met before stands for nobody once a namesake appears), and each person keeps the
    fullest name it was met by, what later namesakes are told apart by ("George Bush" for a
    person first met as "Bush"). `P` is what a stage calls a person."""

    def __init__(self) -> None:
        self._by_name: dict[str, P] = {}
        self._by_surname: dict[str, list[tuple[str, P]]] = {}  # (fullest name, person)

    def find(self, name: str) -> P | None:
        """The person met before that `name` names, if there is exactly one it can be."""
        if given_names(name) and name in self._by_name:
            return self._by_name[name]
        met = self._by_surname.get(surname_key(name), [])
        index = same_person(name, [fullest for fullest, _ in met])
        return met[index][1] if index is not None else None

    def namesakes(self, name: str) -> list[P]:
        """The persons met before with `name`'s surname."""
        return [person for _, person in self._by_surname.get(surname_key(name), [])]

    def add(self, name: str, person: P) -> None:
        """A new person, first met as `name`."""
        self._by_name.setdefault(name, person)
        self._by_surname.setdefault(surname_key(name), []).append((name, person))

    def met_again(self, name: str, person: P) -> None:
        """`person` met again as `name`, which becomes its fullest name when it has given names
        the fullest lacks."""
        met = self._by_surname.get(surname_key(name), [])
        for k, (fullest, earlier) in enumerate(met):
            if earlier == person:
                if given_names(name) and not given_names(fullest):
                    met[k] = (name, person)
                return


# ----------------------------------------------------------------------------- pronoun antecedents

# "it" that stands for nothing: the subject of these verbs with a clause after them ("it is
# likely that", "it seems that", "it took two years to"); "it was ready to mediate" keeps its
# actor, as the clause hangs from "ready"
_THAT_CLAUSE = frozenset({"ccomp", "csubj"})
_EXPLETIVE_HEADS = {
    "be": _THAT_CLAUSE,
    "seem": _THAT_CLAUSE,
    "appear": _THAT_CLAUSE,
    "happen": _THAT_CLAUSE,
    "remain": _THAT_CLAUSE,
    "look": _THAT_CLAUSE,
    "take": _THAT_CLAUSE | {"xcomp"},
}
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_NAME_MODIFIER_DEPS = frozenset({"compound", "amod"})


@dataclass(frozen=True, slots=True)
class Referent:
    """A mention a third-person pronoun may stand for: tokens [start, end), whether it names a
    person, and `key`, what identifies the actor it is a mention of."""

    start: int
    end: int
    person: bool
    key: str


def resolvable(word: Token) -> bool:
    """Whether `word` is a third-person pronoun that stands for an actor: he, him, she, her
    (not the possessive), it, they, them; not "it" of "it is likely that" or "it seems"."""
    pronoun = PRONOUNS.get(word.lower_)
    if pronoun is None or pronoun.person != 3 or pronoun.case == "possessive":
        return False
    if word.dep_ in ("poss", "expl"):
        return False
    clauses = _EXPLETIVE_HEADS.get(word.head.lemma_.lower()) if pronoun.gender == "neuter" else None
    return not clauses or not any(child.dep_ in clauses for child in word.head.children)


def agrees(
    referent: Referent,
    pronoun: Pronoun,
    genders: Mapping[str, Gender] | None = None,
) -> bool:
    """Whether `pronoun` may stand for `referent`: he and she for a person (of that gender, when
    `genders` knows the referent key's), it and they for anything else."""
    person = pronoun.gender in ("masculine", "feminine")
    if referent.person != person:
        return False
    known = genders.get(referent.key) if genders else None
    return not person or known is None or known == pronoun.gender


def latest(
    referents: Sequence[Referent],
    before: int,
    pronoun: Pronoun | None,
    genders: Mapping[str, Gender] | None = None,
) -> Referent | None:
    """The referent (of `referents`, in text order) ending last before token `before` that
    `pronoun` agrees with (None: any person): recency alone, how "he said" finds its speaker,
    which in attributions is the person named last far more often than an earlier subject."""
    ends = [referent.end for referent in referents]
    for referent in reversed(referents[: bisect.bisect_right(ends, before)]):
        if referent.person if pronoun is None else agrees(referent, pronoun, genders):
            return referent
    return None


def antecedents(
    word: Token, referents: Sequence[Referent], genders: Mapping[str, Gender] | None = None
) -> list[Referent]:
    """What the pronoun `word` (see `resolvable`) stands for among `referents` (in text order):
    he and she a person (of that gender, when `genders` knows the key's), it and they anything
    else; "they" also stands for the referents coordinated with its antecedent ("Iran and Iraq
    signed ... They will"). Subjects are preferred, as readers do: the subject of a clause the
    pronoun's clause hangs from, nearest first ("Ethiopia indicated it would act"); the latest
    subject before it in its sentence; the subject of the previous sentence ("Russia warned
    NATO. It said ..."). Empty when no such subject agrees: a guess from an object or a distant
    mention would give an event a wrong actor more often than a right one."""
    pronoun = PRONOUNS.get(word.lower_)
    if pronoun is None or pronoun.person != 3:
        return []
    before = [r for r in referents if r.end <= word.i and agrees(r, pronoun, genders)]
    covering = {i: r for r in before for i in range(r.start, r.end)}

    def found(referent: Referent) -> list[Referent]:
        if pronoun.number == "singular":
            return [referent]
        heads = conjuncts(_phrase_head(word.doc[referent.start : referent.end]))
        return list(dict.fromkeys(covering[t.i] for t in heads if t.i in covering))

    head = word
    while head.head.i != head.i:  # clauses the pronoun's clause hangs from
        head = head.head
        for subject in (c for c in head.children if c.dep_ in _SUBJECT_DEPS):
            if subject.i in covering and subject.i != word.i:
                return found(covering[subject.i])
    sentence = word.sent
    for referent in reversed([r for r in before if r.start >= sentence.start]):
        if _is_subject(word.doc[referent.start : referent.end]):
            return found(referent)
    if sentence.start == 0:
        return []
    root = word.doc[sentence.start - 1].sent.root
    for subject in (c for c in root.children if c.dep_ in _SUBJECT_DEPS):
        for token in subject.subtree:
            if token.i in covering and _is_subject(word.doc[token.i : token.i + 1]):
                return found(covering[token.i])
    return []


def _phrase_head(span: SpacySpan) -> Token:
    """The noun a mention names: its root, or the noun its name or adjective modifies
    ("Russian" of "Russian diplomats")."""
    head = span.root
    while head.dep_ in _NAME_MODIFIER_DEPS and head.head.i > head.i:
        head = head.head
    return head


def _is_subject(span: SpacySpan) -> bool:
    """Whether a mention is a clause's subject, or a name or adjective inside the subject noun
    phrase ("Russian diplomats"), or coordinated with a subject ("Russia and China")."""
    head = _phrase_head(span)
    while head.dep_ == "conj":
        head = head.head
    return head.dep_ in _SUBJECT_DEPS


# ----------------------------------------------------------------------------- descriptions


@dataclass(frozen=True, slots=True)
class Description:
    """The words that describe a person's name, with the role and the organisations among them.
    `role` is None when no role word is there ("Ivan, a 45-year-old from Kharkiv")."""

    how: Literal["appositive", "premodifier"]
    words: tuple[Token, ...]  # every describing word, in text order
    role: SpacySpan | None  # "envoy to NATO", "Secretary General", "director"
    organizations: tuple[SpacySpan, ...]  # "Russia"; "Baltic Security Forum", "University of Tartu"

    @property
    def role_text(self) -> str | None:
        return self.role.text if self.role is not None else None

    @property
    def organization_text(self) -> str | None:
        return ", ".join(span.text for span in self.organizations) or None


def _phrase(tokens: Sequence[Token]) -> SpacySpan | None:
    """The stretch from the first to the last of `tokens`, without determiners and punctuation
    at its edges."""
    first, last = 0, len(tokens)
    while first < last and (tokens[first].pos_ == "DET" or tokens[first].dep_ in ("det", "predet")):
        first += 1
    while last > first and tokens[last - 1].is_punct:
        last -= 1
    if first >= last:
        return None
    return tokens[first].doc[tokens[first].i : tokens[last - 1].i + 1]


def _is_person_name(token: Token, words: MentionWords) -> bool:
    return token.ent_type_ == "PERSON" and token.lower_ not in words.role_words


def premodifier(
    first: Token,
    words: MentionWords,
    *,
    names_a_person: Callable[[Token], bool] | None = None,
) -> Description | None:
    """The description before the name starting at `first`: "Russia's envoy to NATO | Alexander
    Grushko" (role "envoy to NATO", organisation "Russia"), "the chairman of Russia's Council on
    Foreign and Defense Policy | Fyodor Lukyanov" (role "chairman", organisation "Council on
    Foreign and Defense Policy"), "Secretary of State | Mike Pompeo". It runs back up to a comma,
    a verb, a preposition not in `DESCRIPTOR_PREPOSITIONS`, a sentence start or another person's
    name (`names_a_person`, by default a PERSON token that is no role word); None when nothing
    is there, or when a conjunction comes right before the name ("Neither Merkel nor Putin")."""
    doc = first.doc
    start = first.i
    if start == 0 or doc[start - 1].pos_ == "CCONJ":
        return None
    is_name = names_a_person or (lambda token: _is_person_name(token, words))
    tokens: list[Token] = []
    index = start - 1
    while index >= 0 and not doc[index + 1].is_sent_start and len(tokens) < DESCRIPTOR_REACH:
        token = doc[index]
        if token.pos_ not in _DESCRIPTOR_POS or (token.is_punct and token.text not in _JOINERS):
            break
        if token.pos_ == "ADP" and token.lower_ not in DESCRIPTOR_PREPOSITIONS:
            break
        if is_name(token):
            break
        tokens.insert(0, token)
        index -= 1
    while tokens and tokens[0].pos_ in _LEADING_POS:
        tokens.pop(0)
    if not tokens:
        return None
    role_at = next((k for k, t in enumerate(tokens) if t.lower_ in words.role_words), None)
    if role_at is None:
        return Description("premodifier", tuple(tokens), None, ())
    leading = tokens[:role_at]
    organization: SpacySpan | None = None
    if leading and leading[-1].lower_ in POSSESSIVE_MARKS:
        organization = _phrase(leading[:-1])  # "Russia's envoy"
    elif leading and all(t.pos_ == "PROPN" for t in leading):
        organization = _phrase(leading)  # "NATO Secretary General"
    rest = tokens[role_at:]
    cut = next((k for k, t in enumerate(rest) if t.lower_ in ORGANISATION_PREPOSITIONS), None)
    if cut is not None:
        owner = rest[cut + 1 :]
        marks = [k for k, t in enumerate(owner) if t.lower_ in POSSESSIVE_MARKS]
        if marks:  # "chairman of Russia's Council": the council is the organisation
            owner = owner[marks[-1] + 1 :]
        organization = _phrase(owner) or organization
        rest = rest[:cut]
    organizations = (organization,) if organization is not None else ()
    return Description("premodifier", tuple(tokens), _phrase(rest), organizations)


def apposed(
    name: Sequence[Token],
    words: MentionWords,
    *,
    names_a_person: Callable[[Token], bool] | None = None,
) -> Description | None:
    """The description a name stands in apposition to, before it and a comma ("Kenya's interior
    minister, Kithure Kindiki"), read as `premodifier` reads the words right before a name;
    None unless the name's head is the apposition of a role word right before the comma."""
    first = name[0]
    doc = first.doc
    comma = first.i - 1
    inside = range(first.i, name[-1].i + 1)
    head = next((t for t in name if t.head.i not in inside or t.head is t), None)
    if head is None or head.dep_ != "appos" or comma < 1 or doc[comma].text != ",":
        return None
    described = head.head
    if described.i != comma - 1 or described.lemma_.lower() not in words.role_words:
        return None
    return premodifier(doc[comma], words, names_a_person=names_a_person)


def appositive(name: Sequence[Token], words: MentionWords) -> Description | None:
    """The apposition after a name: "Frank Luntz, a Republican expert on polls" (role "Republican
    expert"), "Anna Kowalski, director of the Baltic Security Forum at the University of Tartu in
    Estonia" (role "director", organisations "Baltic Security Forum", "University of Tartu").
    The role is the apposition's head with up to three modifiers before it, when the head is a
    role word; the organisations are its possessor and its objects of
    `ORGANISATION_PREPOSITIONS`."""
    end = name[-1].i + 1
    appos = next((c for t in name for c in t.children if c.dep_ == "appos" and c.i >= end), None)
    if appos is None:
        return None
    subtree = tuple(appos.subtree)
    if appos.lemma_.lower() not in words.role_words:
        return Description("appositive", subtree, None, ())
    modifiers = [
        t
        for t in appos.doc[appos.left_edge.i : appos.i]
        if t.dep_ not in ("det", "poss", "case", "punct") and t.head.i > t.i
    ]
    role = appos.doc[(modifiers[-3:] or [appos])[0].i : appos.i + 1]
    organizations: list[SpacySpan] = []
    possessor = next((c for c in appos.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
    if possessor is not None:
        organizations.append(appos.doc[possessor.i : possessor.i + 1])
    for prep in appos.children:
        if prep.dep_ == "prep" and prep.lower_ in ORGANISATION_PREPOSITIONS:
            organizations.extend(_prep_objects(prep))
    return Description("appositive", subtree, role, tuple(organizations))


def _prep_objects(prep: Token) -> list[SpacySpan]:
    """Noun phrases governed by `prep`, without determiners and place phrases; a host after
    "at" is one more ("director of X at Y")."""
    found: list[SpacySpan] = []
    for obj in prep.children:
        if obj.dep_ != "pobj":
            continue
        drop: set[int] = set()
        for child in obj.children:
            if child.dep_ == "prep" and child.lower_ in (_HOST_PREPOSITION, _PLACE_PREPOSITION):
                drop.update(t.i for t in child.subtree)
        phrase = _phrase([t for t in obj.subtree if t.i not in drop])
        if phrase is not None:
            found.append(phrase)
        for child in obj.children:
            if child.dep_ == "prep" and child.lower_ == _HOST_PREPOSITION:
                found.extend(_prep_objects(child))
    return found
