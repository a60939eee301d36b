"""The learned event-type model: a linear classifier read from a NumPy archive, applied with numpy.

The archive (data/events/model/events-1.npz, built by scripts/train_events.py, see MODEL_CARD.md
beside it) holds plain arrays only: the TF-IDF vocabulary and idf, the names of the rule-vote and
parse features, and two multinomial logistic regressions over the same features:

* the *type* head: NONE, STATEMENT (CAMEO 01), APPEAL (CAMEO 02) or one of the 16 PLOVER types;
* the *class* head: NONE or ConfliBERT's five CAMEO classes (0 statement … 4 material conflict).

A sentence's label is its most probable type, with P(type) = P(class) × P(type | class): the
class head weighs the classes (no event among them), the type head the types within each. The
type and the class always agree, and so do CAMEO and PLOVER (each label has one canonical CAMEO
code through CAMEO2PLOVER). Loading runs no code from the file (`allow_pickle=False`) and happens
once per process.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np
from spacy.tokens import Span, Token

from detente.errors import DictionaryError, Errors
from detente.events.flags import negated
from detente.events.parse import (
    GAME_SCORE,
    PASSIVE_SUBJECTS,
    SUBJECTS,
    asking,
    first_child,
    obliged,
    sentence_circumstances,
)
from detente.events.tables import (
    APPEAL_ROOT,
    DATA,
    event_tables,
    is_statement,
    main_event,
    pentaclass,
)
from detente.mentions import FIRST_PERSON_PRONOUNS
from detente.records import Event

MODEL_NAME = "events-1"
MODEL_FILE = DATA / "model" / f"{MODEL_NAME}.npz"
RULE = f"model:{MODEL_NAME}"
NONE = "NONE"
STATEMENT = "STATEMENT"
APPEAL = "APPEAL"
# scikit-learn's default token pattern: the training side must cut words the same way
_WORD = re.compile(r"(?u)\b\w\w+\b")
_EXPLAINED_WORDS = 5
# the main predicate's dependents whose lemma is paired with it ("lift" + "ban")
_PREDICATE_DEPENDENTS = frozenset(
    {"dobj", "prep", "xcomp", "prt", "attr", "acomp", "ccomp", "nsubjpass", "agent", "neg", "aux"}
)
_COMPLEMENTS = frozenset({"acomp", "attr"})
_OBJECT_PREDICATES = frozenset({"oprd"})
_NAMING_ENTITIES = frozenset({"GPE", "ORG", "NORP", "PERSON"})
_OBLIGED_SUBJECTS = SUBJECTS | PASSIVE_SUBJECTS


def label_of_code(cameo: str) -> str | None:
    """The type label of a CAMEO code: STATEMENT, APPEAL or its PLOVER type (None if unknown)."""
    if is_statement(cameo):
        return STATEMENT
    if cameo.startswith(APPEAL_ROOT):
        return APPEAL
    plover = event_tables().plover_of(cameo)
    return plover.type if plover is not None else None


def class_of_label(label: str) -> str:
    """ConfliBERT's class ("0"–"4") of a type label (tables.pentaclass); NONE stays NONE."""
    return NONE if label == NONE else str(pentaclass(canonical_code(label)))


@lru_cache(maxsize=32)
def canonical_code(label: str) -> str:
    """The CAMEO code an event of `label` gets when no rule coded it: the shortest code of that
    PLOVER type in CAMEO2PLOVER, without a mode when there is one (AGREE → 030), under the CAMEO
    root that holds most codes of the type (ACCUSE → 110 "disapprove", not 090 "investigate")."""
    if label == STATEMENT:
        return "010"
    if label == APPEAL:
        return "020"
    typed = [code for code, plover in event_tables().plover.items() if plover.type == label]
    if not typed:
        raise KeyError(label)
    roots = Counter(code[:2] for code in typed)
    return min(
        (-roots[code[:2]], len(code), event_tables().plover[code].mode is not None, code)
        for code in typed
    )[3]


def sentence_acts(events: Iterable[Event], asked: Collection[int]) -> list[Event]:
    """The rule events that are acts of their sentence: one starting at a character offset in
    `asked` (`parse.condition_starts`: "could restore ties if Washington lifted sanctions") is
    what an offer or a threat asks of another, no act done or announced."""
    return [event for event in events if event.evidence.start not in asked]


def rule_votes(events: Iterable[Event], asked: Collection[int] = ()) -> list[str]:
    """The rule coder's opinion of one sentence as feature names: the CAMEO root, type label and
    class of each of its events, and the class of its main event (`tables.main_event`). An event
    that starts at a character offset in `asked`, the words of a condition
    (`parse.sentence_conditions`: "could restore ties if Washington lifted sanctions"), is what
    the condition asks of another, not an act of the sentence: it votes only its class, as
    asked ("asked_class:2"), and is no main event (with no other event, the sentence votes as one
    without a rule event); too few sentences ask for one type to learn its weight."""
    events = list(events)
    acts = sentence_acts(events, asked)
    if not events:
        return ["rule:none"]
    votes: set[str] = set()
    for event in events:
        label = label_of_code(event.cameo) or NONE
        if event.evidence.start in asked:
            votes.add(f"asked_class:{class_of_label(label)}")
        else:
            votes |= {f"root:{event.cameo[:2]}", f"type:{label}", f"class:{class_of_label(label)}"}
    main = main_event(acts)
    votes.add(f"main:{class_of_label(label_of_code(main.cameo) or NONE)}" if main else "rule:none")
    return sorted(votes)


def parse_features(sentences: Iterable[Span]) -> list[str]:
    """What the parse says of each sentence: its main predicate's lemma ("root=surrender";
    "root=call_as" with an object predicate, "called the move regrettable"), the
    lemma paired with each object, particle, complement, negation or auxiliary of it
    ("root_dobj=lift_ban"), with a preposition's object ("root_pobj=surrender_to_authority"), a
    reported copula's complement ("root_ccomp=say_willing") and a reported clause's predicate
    with its own dependents (`_reported`); and the lemma of every verb and noun ("verb=arrest",
    "noun=sanction") outside the clauses of time or reason, marked when its clause is negated
    (`flags.negated`: "verb_not=enter", "noun_not=partnership"); "obliged=named" (or "other",
    "self") when the main or a reported clause says its subject must act (`_obligations`: "said
    Turkey should remove its troops", a demand; "we must rebuild", a duty of one's own);
    "asking=question" (or "act") when the main or a reported predicate asks a question or asks
    another to act (`_asked`: "asked the senator whether she would run" is no request); and
    "scoreline" when the sentence writes a game's score anywhere ("beat Hungary 2-0")."""
    found: set[str] = set()
    for sentence in sentences:
        if GAME_SCORE.search(sentence.text):
            found.add("scoreline")
        root = sentence.root
        head = root.lemma_.lower()
        if first_child(root, _OBJECT_PREDICATES) is not None:
            # "called the move regrettable" names what was done: another predicate than
            # "called for a ceasefire"
            head = f"{head}_as"
        found.add(f"root={head}")
        aside = sentence_circumstances(sentence)
        found.update(_obligations(root))
        found.update(_asked(root))
        for child in root.children:
            if child.dep_ not in _PREDICATE_DEPENDENTS or child.i in aside:
                continue
            if child.dep_ == "ccomp":
                found.update(_obligations(child))
                found.update(_asked(child))
            lemma = child.lemma_.lower()
            found.add(f"root_{child.dep_}={head}_{lemma}")
            if child.dep_ == "ccomp" and lemma == "be":
                # "said it was ready to talk" is not "said the talks were over"
                found.add(f"root_ccomp={head}_{_complement(child)}")
            elif child.dep_ == "ccomp":
                found.update(_reported(child))
            if child.dep_ == "xcomp":
                found.add(f"xcomp={lemma}")
            elif child.dep_ == "prep":
                found.update(
                    f"root_pobj={head}_{lemma}_{grandchild.lemma_.lower()}"
                    for grandchild in child.children
                    if grandchild.dep_ == "pobj"
                )
        for token in sentence:
            if token.i in aside or token.pos_ not in ("VERB", "NOUN"):
                continue
            # a negated act is not that act, nor are the things named in its clause ("is not
            # willing to enter into a partnership", "has no desire for war")
            denied = "_not" if negated(_predicate_of(token)) else ""
            if token.pos_ == "VERB":
                lemma = head if token.i == root.i else token.lemma_.lower()
                found.add(f"verb{denied}={lemma}")
            else:
                found.add(f"noun{denied}={token.lemma_.lower()}")
    return sorted(found)


def _obligations(predicate: Token) -> list[str]:
    """ "obliged=self", "obliged=named" or "obliged=other" when `predicate`'s clause says that
    its subject must act (`parse.obliged`): "self" for a first-person pronoun ("we", not "the
    US"), "named" for a subject that names a state, a body or a person ("Turkey should", "the
    government in Khartoum must"), "other" for one that does not ("those tasked with it must
    assume", "this deal must come with enforcement"): a demand is made of someone."""
    if not obliged(predicate):
        return []
    subject = first_child(predicate, _OBLIGED_SUBJECTS)
    if subject is None:
        return ["obliged=other"]
    if subject.pos_ == "PRON" and subject.lower_ in FIRST_PERSON_PRONOUNS:
        return ["obliged=self"]
    named = any(token.ent_type_ in _NAMING_ENTITIES for token in subject.subtree)
    return [f"obliged={'named' if named else 'other'}"]


def _asked(predicate: Token) -> list[str]:
    """ "asking=question" when `predicate` asks a question ("asked the senator whether she would
    run": no request), "asking=act" when it asks another to act or for something
    (`parse.asking`)."""
    kind = asking(predicate)
    return [f"asking={kind}"] if kind is not None else []


def _predicate_of(token: Token) -> Token:
    """The verb whose clause `token` is in: itself for a verb."""
    node = token
    while node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
        node = node.head
    return node


def _reported(predicate: Token) -> set[str]:
    """The reported clause's predicate with its objects, particles and negation, as the main
    predicate's: "said it would not attend the talks" is `ccomp=attend`, `ccomp_neg=attend_not`,
    `ccomp_dobj=attend_talk`, what was said rather than the saying."""
    lemma = predicate.lemma_.lower()
    found = {f"ccomp={lemma}"}
    found.update(
        f"ccomp_{child.dep_}={lemma}_{child.lemma_.lower()}"
        for child in predicate.children
        if child.dep_ in _PREDICATE_DEPENDENTS and child.dep_ not in ("aux", "ccomp")
    )
    return found


def _complement(copula: Token) -> str:
    """The lemma of a copula's complement ("it was ready" → ready), else "be"."""
    complement = first_child(copula, _COMPLEMENTS)
    return complement.lemma_.lower() if complement is not None else "be"


def decision_text(sentences: Iterable[Span]) -> str:
    """The words the model reads: the sentences without their clauses of time or reason, a
    reported clause's too (`parse.sentence_circumstances`), which say when or why an act
    happened, not what it is ("ECOWAS suspended Guinea after soldiers seized power" is a
    sanction, not an attack)."""
    kept: list[str] = []
    for sentence in sentences:
        aside = sentence_circumstances(sentence)
        kept.extend(token.text_with_ws for token in sentence if token.i not in aside)
    return "".join(kept)


def words(text: str) -> list[str]:
    """Lower-cased word 1- and 2-grams, as scikit-learn's TfidfVectorizer(ngram_range=(1, 2))."""
    tokens = _WORD.findall(text.lower())
    return tokens + [f"{a} {b}" for a, b in pairwise(tokens)]


@dataclass(frozen=True, slots=True)
class Decision:
    """What the model decided for one sentence, and the features that pushed it there most."""

    label: str  # NONE, STATEMENT, APPEAL or a PLOVER type
    probability: float
    drivers: tuple[tuple[str, float], ...]  # (word or vote, contribution to the label's score)
    distribution: dict[str, float]  # every label's probability

    def probability_of(self, label: str) -> float:
        return self.distribution.get(label, 0.0)

    @property
    def pentaclass(self) -> str:
        return class_of_label(self.label)


@dataclass(frozen=True, slots=True)
class EventModel:
    vocabulary: dict[str, int]
    idf: np.ndarray
    votes: dict[str, int]  # vote feature name → column after the vocabulary
    parses: dict[str, int]  # parse feature name → column after the votes
    parse_weight: float  # a present parse feature's value beside the l2-normalised words
    type_labels: tuple[str, ...]
    type_coef: np.ndarray
    type_intercept: np.ndarray
    class_labels: tuple[str, ...]
    class_coef: np.ndarray
    class_intercept: np.ndarray
    meta: dict[str, Any]  # training sets, figures, settings (scripts/train_events.py)
    names: tuple[str, ...]  # each column's word or vote, for explanations
    class_of_type: np.ndarray  # each type label's row in the class head

    @classmethod
    def read(cls, path: Path) -> EventModel:
        try:
            with np.load(path, allow_pickle=False) as archive:
                arrays = {name: archive[name] for name in archive.files}
            terms = [str(t) for t in arrays["vocabulary"]]
            votes = [str(v) for v in arrays["votes"]]
            parses = [str(p) for p in arrays["parses"]]
            type_labels = tuple(str(label) for label in arrays["type_labels"])
            class_labels = tuple(str(label) for label in arrays["class_labels"])
            return cls(
                vocabulary={term: i for i, term in enumerate(terms)},
                idf=arrays["idf"].astype(np.float64),
                votes={v: len(terms) + i for i, v in enumerate(votes)},
                parses={p: len(terms) + len(votes) + i for i, p in enumerate(parses)},
                parse_weight=float(arrays["parse_weight"]),
                type_labels=type_labels,
                type_coef=arrays["type_coef"].astype(np.float64),
                type_intercept=arrays["type_intercept"].astype(np.float64),
                class_labels=class_labels,
                class_coef=arrays["class_coef"].astype(np.float64),
                class_intercept=arrays["class_intercept"].astype(np.float64),
                meta=json.loads(str(arrays["meta"])),
                names=(*terms, *(f"vote {v}" for v in votes), *parses),
                class_of_type=np.array(
                    [class_labels.index(class_of_label(label)) for label in type_labels]
                ),
            )
        except (OSError, KeyError, ValueError) as exc:
            raise DictionaryError(Errors.E453.format(path=path, detail=repr(exc))) from None

    @property
    def width(self) -> int:
        return len(self.vocabulary) + len(self.votes) + len(self.parses)

    def features(
        self, text: str, votes: Sequence[str], parses: Sequence[str] = ()
    ) -> dict[int, float]:
        """Sparse feature row: sublinear, l2-normalised TF-IDF of the text, each known vote as
        1.0 and each known parse feature as `parse_weight` (as scripts/train_events.py builds it
        with scikit-learn)."""
        counts = Counter(self.vocabulary[w] for w in words(text) if w in self.vocabulary)
        row = {i: (1.0 + math.log(n)) * float(self.idf[i]) for i, n in counts.items()}
        norm = math.sqrt(sum(v * v for v in row.values()))
        if norm:
            row = {i: v / norm for i, v in row.items()}
        row.update((self.votes[v], 1.0) for v in votes if v in self.votes)
        row.update((self.parses[p], self.parse_weight) for p in parses if p in self.parses)
        return row

    def decide(self, text: str, votes: Sequence[str], parses: Sequence[str] = ()) -> Decision:
        """The most probable label of one sentence, with the rule coder's `votes` on it and its
        `parse_features`."""
        row = self.features(text, votes, parses)
        columns = np.fromiter(row.keys(), dtype=np.int64, count=len(row))
        values = np.fromiter(row.values(), dtype=np.float64, count=len(row))
        type_p = _softmax(self.type_coef[:, columns] @ values + self.type_intercept)
        class_p = _softmax(self.class_coef[:, columns] @ values + self.class_intercept)
        # P(type | class): each type's share of its class's types
        in_class = np.bincount(self.class_of_type, weights=type_p, minlength=len(class_p))
        joint = class_p[self.class_of_type] * type_p / in_class[self.class_of_type]
        best = int(np.argmax(joint))
        contributions = self.type_coef[best, columns] * values
        order = np.argsort(-contributions, kind="stable")[:_EXPLAINED_WORDS]
        drivers = tuple(
            (self.names[int(columns[i])], round(float(contributions[i]), 4))
            for i in order
            if contributions[i] > 0
        )
        distribution = {label: float(p) for label, p in zip(self.type_labels, joint, strict=True)}
        return Decision(self.type_labels[best], float(joint[best]), drivers, distribution)


def _softmax(scores: np.ndarray) -> np.ndarray:
    shifted = np.exp(scores - scores.max())
    return shifted / shifted.sum()


@lru_cache(maxsize=1)
def event_model() -> EventModel:
    """The bundled model, read once per process."""
    return EventModel.read(MODEL_FILE)
