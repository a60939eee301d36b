"""An event's flags, read from the clause of its anchor (the verb or noun that coded it).

* negated: the anchor, or a verb its xcomp chain hangs from, has a negation ("did not meet",
  "is not willing to enter"), a "nor" or "neither" before it ("Nor will it accept", "neither
  confirmed nor denied"), an object determined by "no" ("made no offer"), or follows
  "without".
* hypothetical: a modal ("could", "would", "might", "may", "should", "can") on it or a verb
  it hangs from, or a conditional ("if", "unless") on the way up its clause; a noun's event when a
  modal sits in its own clause ("a unit that would be able to deploy").
* future: "will"/"shall", a verb of planning, threatening or vowing above it ("plans to meet",
  "threatened to shell") or an adjective of
  readiness ("is prepared to impose", "ready to send"), a modal with a condition on its clause
  or on a verb coordinated with it (an act offered or threatened: "would pull its troops back if
  Peru ordered a withdrawal", "would pull back and accept observers if ...", "could resume talks
  as long as ..."), or for a noun a modifier such as "planned" or
  "upcoming" in its phrase.

The fourth flag, historical, is the date's (when.py).
"""

from __future__ import annotations

from spacy.tokens import Token

from detente.events.parse import CONDITIONAL_MARKS, OBJECTS, is_condition

_HYPOTHETICAL_AUX = frozenset({"could", "would", "might", "may", "should", "can"})
_FUTURE_AUX = frozenset({"will", "shall", "'ll"})
# verbs of planning, and of threatening or vowing an act ("threatened to shell Iraqi towns"):
# the act is not done
_FUTURE_HEADS = frozenset(
    {"plan", "intend", "prepare", "schedule", "aim", "poise", "threaten", "vow"}
)
_FUTURE_COMPLEMENTS = frozenset({"prepared", "ready", "poised", "due"})
_FUTURE_HEAD_WORDS = _FUTURE_HEADS | _FUTURE_COMPLEMENTS
_FUTURE_MODIFIERS = frozenset({"planned", "potential", "future", "proposed", "upcoming"})
# the words that attach a condition to an offer or a threat: "if", "unless", "once", "as long as",
# "provided (that)", "on condition that"
_CONDITION_MARKS = CONDITIONAL_MARKS | {"once"}
_CONDITION_WORDS = frozenset({"provided", "providing", "condition"})
_CONDITION_CLAUSES = frozenset({"ccomp", "acl", "advcl"})
_NEGATIVE_COORDINATORS = frozenset({"nor", "neither"})


def negated(anchor: Token) -> bool:
    if anchor.dep_ == "pcomp" and anchor.head.lower_ == "without":
        return True
    for token in (anchor, *_heads_in_clause(anchor)):
        if token.dep_ == "conj" and any(
            c.dep_ == "cc" and c.lower_ == "nor" and token.head.i < c.i < token.i
            for c in token.head.children
        ):
            return True  # "neither confirmed nor denied", "did not confirm nor deny"
        for child in token.children:
            if child.dep_ == "neg" or _negative_coordinator(child):
                return True
            if child.dep_ in OBJECTS and any(
                d.dep_ == "det" and d.lower_ == "no" for d in child.children
            ):
                return True
    return False


def _negative_coordinator(child: Token) -> bool:
    """ "Nor" or "neither" before the verb it hangs from: "Nor will the library accept any
    funding", "Iran neither confirmed nor denied the attack"."""
    return (
        child.dep_ in ("cc", "preconj")
        and child.lower_ in _NEGATIVE_COORDINATORS
        and child.i < child.head.i
    )


def hypothetical(anchor: Token) -> bool:
    if _hypothetical_aux(anchor):
        return True
    node = anchor
    while node.head.i != node.i:
        if any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS for c in node.children):
            return True
        if node.dep_ not in ("xcomp", "conj", "ccomp", "acl", "relcl", "advcl"):
            break
        node = node.head
    # a noun's event is hypothetical when its clause is ("a unit that would be able to deploy")
    return anchor.pos_ == "NOUN" and any(
        t.lower_ in _HYPOTHETICAL_AUX and t.head.head.i == anchor.i for t in anchor.subtree
    )


def future(anchor: Token) -> bool:
    if _aux_words(anchor) & _FUTURE_AUX:
        return True
    if _hypothetical_aux(anchor) and _on_condition(anchor):
        return True
    heads = (anchor.head, *_heads_in_clause(anchor))
    if any(h.lemma_.lower() in _FUTURE_HEAD_WORDS for h in heads):
        return True
    if any(c.dep_ == "acomp" and c.lower_ in _FUTURE_COMPLEMENTS for c in anchor.children):
        return True  # "it is prepared to impose martial law", coded on its copula
    return anchor.pos_ == "NOUN" and any(
        t.lower_ in _FUTURE_MODIFIERS for t in anchor.subtree if t.head.i in _noun_phrase(anchor)
    )


def _on_condition(anchor: Token) -> bool:
    """Whether a condition hangs from the anchor's clause: a clause marked "if", "unless" or
    "once" ("would pull back if Peru ordered"), "as long as" ("long" over a clause), or "provided
    (that)" or "on condition that" in the anchor's phrase."""
    # coordinated acts share a condition ("would pull its troops back and accept observers if
    # Peru ordered a withdrawal")
    shared = [c for c in anchor.children if c.dep_ == "conj"]
    if anchor.dep_ == "conj":
        shared.append(anchor.head)
    for token in (anchor, *_heads_in_clause(anchor), *shared):
        for child in token.children:
            if is_condition(child, _CONDITION_MARKS):
                return True
            if child.lower_ == "long" and any(c.dep_ == "advcl" for c in child.children):
                return True
    return any(
        t.lower_ in _CONDITION_WORDS and any(c.dep_ in _CONDITION_CLAUSES for c in t.children)
        for t in anchor.subtree
    )


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


def _noun_phrase(noun: Token) -> set[int]:
    """The noun and the nouns of its of-phrase ("establishment of a potential unit")."""
    out = {noun.i}
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            out |= {c.i for c in child.children if c.dep_ == "pobj"}
    return out
