"""A parsed Doc as the event coder reads it: per-token lists and indexes built once per document,
and the dependency labels its parts share.

Indexing a Doc builds a Token each time, and Token.sent and Span.ents walk the whole document:
the coder's hot loops read these lists instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from detente.events.dictionary import PREPOSITION_DEPS, ClauseWords, infinitive
from detente.nlp import doc_text
from detente.records import Quote, Span

SUBJECTS = frozenset({"nsubj", "csubj", "expl"})
PASSIVE_SUBJECTS = frozenset({"nsubjpass", "csubjpass"})
OBJECTS = frozenset({"dobj", "dative", "attr", "oprd"})
# dependents that start another clause: their words are not this verb's pattern context
CLAUSES = frozenset({"conj", "advcl", "relcl", "parataxis", "cc", "csubj"})
_CIRCUMSTANCE_WORDS = frozenset(
    {"after", "before", "since", "when", "while", "because", "although", "though", "until", "once"}
)
_PCOMP = frozenset({"pcomp"})
# "given the fact that ...", "given the lack of progress": a reason, whether a clause or a noun
_REASON_PREPOSITIONS = frozenset({"given"})
PREPOSITION_OBJECTS = frozenset({"pobj", "pcomp"})
# the words that make a clause a condition ("if Washington lifted sanctions", "unless Israel
# rescinded its annexation")
CONDITIONAL_MARKS = frozenset({"if", "unless"})
_TIME_ENTITIES = frozenset({"DATE", "TIME"})
# the words that make a number after them a number, not a score ("No. 15-674")
_NUMBER_SIGNS = frozenset({"no", "no.", "nos", "nos.", "number"})
# a game's score ("beat Hungary 2-0", "lost 81-75"): sports, whose verbs are those of violence;
# not a year range "2015-16", a name "G-20" or a telephone number
GAME_SCORE = re.compile(r"(?<![\d.,/-])\d{1,3} ?[-–] ?\d{1,3}(?![\d/%-]|[.,]\d)")
_CLAUSE_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
# what makes a clause say that its subject must act: a modal of obligation ("Turkey should
# remove its troops", "Milosevic ought to pull his police out") or a verb of obligation before
# the act ("Pakistan has to dismantle the camps", "Iran needs to give access", "is obliged to")
_OBLIGATION_MODALS = frozenset({"must", "should", "ought"})
_OBLIGATION_VERBS = frozenset({"have", "need", "oblige", "ought"})
# verbs that ask a question, or ask another to act or for something
_ASKING_VERBS = frozenset({"ask", "inquire", "enquire", "wonder", "query", "question", "quiz"})
_QUESTION_WORDS = frozenset(
    {"whether", "if", "how", "what", "why", "when", "where", "who", "whom", "which"}
)
# what a question is about: "asked the minister about the talks", "quizzed him on the budget"
_QUESTION_TOPICS = frozenset({"about", "on", "over"})


class ParsedDoc:
    """The Doc's tokens, sentences, entities and quotes, indexed by token."""

    def __init__(self, doc: Doc, quotes: Sequence[Quote]) -> None:
        self.doc = doc
        self.text = doc_text(doc)
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
        self.prepositions = frozenset(
            i for i, dep in enumerate(self.dep) if dep in PREPOSITION_DEPS
        )
        self.infinitive_marks = frozenset(
            i for i, lower in enumerate(self.lowers) if infinitive(self.dep[i], lower)
        )
        self._clauses: dict[int, list[Token]] = {}  # verb index → its clause's words
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
        for quote in quotes:
            for token in self.tokens(quote.content):
                self.quote_at.setdefault(token.i, quote)
            if quote.cue is not None:
                for token in self.tokens(quote.cue):
                    self.cue_at.setdefault(token.i, quote)
        self._noun_chunks: list[DocSpan] | None = None  # built on first use: rarely needed
        self._time_words: set[int] | None = None  # built on first use

    def noun_chunks(self) -> list[DocSpan]:
        if self._noun_chunks is None:
            self._noun_chunks = list(self.doc.noun_chunks)
        return self._noun_chunks

    @property
    def time_words(self) -> set[int]:
        """Indexes of the words of phrases that only say when ("on Monday", "in March"): a
        preposition whose object is a date or time. They are no pattern's words: "called
        Clinton a liar on Monday" is no call on anyone."""
        if self._time_words is None:
            # from the date and time entities, not a walk over every token
            preps = {
                token.head
                for entities in self.entities
                for entity in entities
                if entity.label_ in _TIME_ENTITIES
                for token in entity
                if token.dep_ == "pobj" and token.head.dep_ == "prep"
            }
            self._time_words = {token.i for prep in preps for token in prep.subtree}
        return self._time_words

    def clause(self, verb: Token) -> list[Token]:
        """The verb's own words: its subtree without the clauses below it (a relative clause, a
        conjoined verb, a complement clause), computed once per verb."""
        words = self._clauses.get(verb.i)
        if words is None:
            words = [t for t in verb.subtree if not self.below(t.i, verb.i)]
            self._clauses[verb.i] = words
        return words

    def below(self, index: int, top: int) -> bool:
        """True when token `index` sits in a clause that hangs below token `top`."""
        head, dep, pos = self.head, self.dep, self.pos
        node = index
        while node != top and head[node] != node:
            if dep[node] in CLAUSES and pos[node] in ("VERB", "AUX"):
                return True
            node = head[node]
        return False

    def words(self, indices: list[int]) -> ClauseWords:
        return ClauseWords(
            indices,
            [self.lowers[i] for i in indices],
            [self.lemmas[i] for i in indices],
            self.head,
            self.prepositions,
            self.infinitive_marks,
        )

    def tokens(self, span: Span) -> list[Token]:
        piece = self.doc.char_span(span.start, span.end, alignment_mode="expand")
        return list(piece) if piece is not None else []


def first_child(token: Token, deps: frozenset[str]) -> Token | None:
    return next((c for c in token.children if c.dep_ in deps), None)


def obliged(predicate: Token) -> bool:
    """Whether `predicate`'s clause says its subject must, should, ought to, has to or needs to
    act: a demand when said of another ("said Turkey should remove its troops"), a duty when of
    oneself ("we must rebuild our economy"). With a perfect it looks back and asks nothing:
    regret or inference ("should have moved sooner", "ought to have protected", "must have
    been fired")."""
    if any(c.dep_ == "aux" and c.lower_ in _OBLIGATION_MODALS for c in predicate.children):
        return not _perfect(predicate)
    if predicate.lemma_.lower() not in _OBLIGATION_VERBS or _perfect(predicate):
        return False
    return any(_infinitive_complement(c) and not _perfect(c) for c in predicate.children)


def asking(predicate: Token) -> str | None:
    """What a verb of asking asks: "question" for a question ("asked the senator whether she
    would run", "asked Pyongyang about the tests", "wondered how the plan would work", "“Why
    now?” he asked"), "act" for a request that another act or give ("asked Turkey to reopen the
    border", "asked the IMF for a loan", "asked that observers be let in"); None for another
    verb, or one that says neither."""
    if predicate.lemma_.lower() not in _ASKING_VERBS:
        return None
    children = list(predicate.children)
    if any(
        _infinitive_complement(c)
        or (c.dep_ == "prep" and c.lower_ == "for")
        or (c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children))
        for c in children
    ):
        return "act"
    for child in children:
        if child.dep_ in ("ccomp", "xcomp", "advcl", "dobj") and (
            child.left_edge.lower_ in _QUESTION_WORDS or any(t.lower_ == "?" for t in child.subtree)
        ):
            return "question"
        if child.dep_ == "prep" and child.lower_ in _QUESTION_TOPICS:
            return "question"
    # the question quoted before its cue, which the parser may leave a sentence of its own:
    # "“Why now?” he asked"
    quoted = predicate.doc[max(predicate.sent.start - 2, 0) : predicate.i]
    return "question" if any(t.lower_ == "?" for t in quoted) else None


def _infinitive_complement(verb: Token) -> bool:
    """Whether `verb` completes the verb above it with "to" ("has to dismantle", "asked Turkey to
    reopen")."""
    return verb.dep_ == "xcomp" and any(a.lower_ == "to" for a in verb.children)


def _perfect(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children)


def circumstances(verb: Token) -> set[int]:
    """Indexes of the words of `verb`'s clauses that tell when or why ("resigned after losing a
    vote over relations with Serbia", "suspended Guinea after soldiers seized power", "given
    that China had refused to talk", "given the lack of progress"): no actor
    there is whom the act is directed at, and their words are not what the act is. A purpose or
    a result ("to press demands on the government", "killing 40 people") is part of it."""
    return {
        token.i for child in verb.children if _tells_when_or_why(child) for token in child.subtree
    }


def sentence_circumstances(sentence: DocSpan) -> set[int]:
    """The words of every clause of time or reason in `sentence` (`circumstances` of each of its
    verbs): of a reported act too ("Greece put its forces on alert after a Turkish vessel
    sailed into its waters, sources said")."""
    return {
        token.i
        for child in sentence
        # one pass over the words, the cheap test first: most words start no such clause
        if _tells_when_or_why(child) and child.head.pos_ in ("VERB", "AUX")
        for token in child.subtree
    }


def is_condition(child: Token, marks: frozenset[str] = CONDITIONAL_MARKS) -> bool:
    """Whether a verb's dependent `child` is a clause marked by one of `marks` ("if", "unless")."""
    return child.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in marks for c in child.children
    )


def conditions(sentence: DocSpan) -> list[Token]:
    """The verbs of the clauses of `sentence` that set a condition (`is_condition`): what an
    offer or a threat asks of another, not an act anyone did or announced ("could restore ties
    if Washington lifted sanctions"), wherever the parse hangs them."""
    return [child for child in sentence if is_condition(child)]


def sentence_conditions(sentence: DocSpan) -> set[int]:
    """The words of every clause of `sentence` that sets a condition (`conditions`)."""
    return {token.i for verb in conditions(sentence) for token in verb.subtree}


def condition_starts(sentence: DocSpan) -> set[int]:
    """The character offsets of the words of `sentence`'s conditions (`sentence_conditions`),
    where an event whose evidence starts there is what a condition asks."""
    doc = sentence.doc
    return {doc[i].idx for i in sentence_conditions(sentence)}


def asides(sentence: DocSpan) -> list[DocSpan]:
    """The clauses in brackets of `sentence`, each with a subject and a verb of its own ("They
    urged Russia to withdraw its forces from Ukraine (Russia denies any military presence there),
    restore ..."): the writer's aside, another statement than the sentence's. A bracketed phrase
    that is no clause ("(NATO)", "(such as the deployment of forces)") is part of the sentence,
    and so is a bracket holding the sentence's main verb."""
    found: list[DocSpan] = []
    doc = sentence.doc
    opened: int | None = None
    for token in sentence:
        if token.text == "(":
            opened = token.i
        elif token.text == ")" and opened is not None:
            inside = doc[opened + 1 : token.i]
            head = inside.root
            if head.i != sentence.root.i and any(
                c.dep_ in _CLAUSE_SUBJECTS and opened < c.i < token.i for c in head.children
            ):
                found.append(inside)
            opened = None
    return found


def _tells_when_or_why(child: Token) -> bool:
    """Whether a verb's dependent `child` opens a clause of time or reason (`circumstances`)."""
    dep = child.dep_
    if dep == "advcl":
        return any(c.dep_ == "mark" and c.lower_ in _CIRCUMSTANCE_WORDS for c in child.children)
    if dep != "prep":
        return False
    lower = child.lower_
    if lower in _CIRCUMSTANCE_WORDS:
        return first_child(child, _PCOMP) is not None
    return lower in _REASON_PREPOSITIONS and first_child(child, PREPOSITION_OBJECTS) is not None


def scores_a_game(words: Iterable[Token]) -> bool:
    """Whether `words` (a clause) write a game's score after a name or a verb, as results are
    told ("Switzerland beat Gibraltar 6-0", "won 3-1 at Wembley") and polls too ("Rubio tops
    Clinton 41-40"): its first number hangs on a word before it, where a count of people or
    things ("killed 20-30 militants") hangs on the noun after it; a date ("July 11-14") or a
    number ("No. 15-674") is no score."""
    words = list(words)
    text = " ".join(token.text for token in words)
    if not GAME_SCORE.search(text):
        return False
    return any(
        token.text[:1].isdigit()
        and token.ent_type_ != "DATE"
        and token.head.lower_ not in _NUMBER_SIGNS
        and token.head.i < token.i
        and token.head.is_alpha
        and token.head.pos_ in ("PROPN", "NOUN", "VERB")
        and GAME_SCORE.match(" ".join(t.text for t in words[n : n + 3]))
        for n, token in enumerate(words)
    )


def end_char(token: Token) -> int:
    return token.idx + len(token.text)
