"""Who said what: cues, quoted stretches and their speakers, in a few linear passes over a Doc.

Rules (the id goes into `Quote.rule`):
    direct.cue-after        "…," said X. / "…," X said. / "…?" X asked. (next sentence)
    direct.cue-before       X said: "…" / According to X, "…" / adding that "…"
    direct.cue-colon        a paragraph ending "X said:" before a paragraph that is a quote
    direct.split            a quoted stretch with no cue of its own, after a quote of the same
                            paragraph ("…," he said. "…")
    carry-over.paragraph    a paragraph that is one whole quote with no cue takes the speaker of
                            the previous paragraph's last quote
    mixed.partial           a quoted fragment inside reported speech: the content is the whole
                            reported clause (NATO is trying "to show firmness" Russia)
    indirect.cue-before     X said (that) … / X told Y that … / X warned that … / As X reported, …
    indirect.cue-after      …, X said.
    indirect.aside          …, X said, … (the content keeps the aside: the clause is in two pieces)
    indirect.object         X announced his resignation / X pledged to stay (what a speech verb
                            reports when it takes no clause)
    indirect.belief         X believes / thinks (that) …
    indirect.according-to   According to X, … / …, according to X.
    indirect.in-opinion     In X's opinion / view, …
    indirect.stance         X expressed skepticism over …
Speech inside a quote (nested) is not reported: the quote's own speaker owns its words.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, replace
from typing import Literal

from spacy.tokens import Doc, Token

from detente.mentions import mention_words
from detente.nlp import doc_text
from detente.quotes.lexicon import CueLexicon
from detente.quotes.marks import Stretch, paragraphs, quoted_stretches
from detente.quotes.speakers import SpeakerResolver
from detente.records import Actor, Quote, QuoteType, Span, Speaker

CueKind = Literal["speech", "belief", "frame", "opinion", "stance"]
_SUBJECTS = ("nsubj",)
_INHERITS_SUBJECT = ("advcl", "conj", "xcomp", "pcomp")
_LINKING_WORDS = frozenset({"that", ":", ",", "as", "—", "–", "-"})
_CONFIDENCE: dict[str, float] = {
    "explicit": 0.9,
    "alias": 0.85,
    "institution": 0.85,
    "group": 0.8,
    "description": 0.8,
    "pronoun": 0.75,
    "role": 0.7,
    "carry-over": 0.7,
    "author": 0.7,
    "unresolved": 0.3,
}


@dataclass(slots=True)
class Cue:
    """A cue word or frame, its speaker's head word and the clause it reports (token ranges)."""

    kind: CueKind
    start: int
    end: int
    speaker: Token
    complement: tuple[int, int] | None
    reports_object: bool = False  # the complement is an object: "announced his resignation"
    used: bool = False

    @property
    def phrase_start(self) -> int:
        return min(self.start, self.speaker.left_edge.i)

    @property
    def phrase_end(self) -> int:
        return max(self.end, self.speaker.right_edge.i + 1)


@dataclass(slots=True)
class _Found:
    """A quote before its speaker is resolved."""

    type: QuoteType
    content: tuple[int, int]  # char offsets
    cue: Cue | None
    rule: str
    follows: _Found | None = None  # the quote this one takes its speaker from
    speaker: Speaker | None = None


@dataclass(slots=True)
class QuoteFindings:
    """What the stage returns: quotes in text order, and the actors who speak (ids A1.. in order of
    their first quote)."""

    quotes: list[Quote]
    speakers: list[Actor]


class _Document:
    """Per-document indexes, built once: token -> paragraph, token -> quoted."""

    def __init__(self, doc: Doc, lexicon: CueLexicon) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.lexicon = lexicon
        self.paragraph_spans = paragraphs(self.text)
        starts = [s for s, _ in self.paragraph_spans]
        self.token_starts = [t.idx for t in doc]
        self.paragraph_of = [
            max(0, bisect.bisect_right(starts, idx) - 1) for idx in self.token_starts
        ]
        self.stretches = quoted_stretches(self.text)
        self.quoted = [False] * len(doc)
        for stretch in self.stretches:
            first, last = self.tokens_in(stretch.start, stretch.end)
            for i in range(first, last):
                self.quoted[i] = True

    def tokens_in(self, start: int, end: int) -> tuple[int, int]:
        """Token range [first, last) of the tokens starting inside chars [start, end)."""
        return bisect.bisect_left(self.token_starts, start), bisect.bisect_left(
            self.token_starts, end
        )

    def token_at(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.token_starts, char) - 1)

    def chars(self, first: int, last: int) -> tuple[int, int]:
        """Char range of tokens [first, last), trimmed of edge punctuation and quote marks."""
        doc = self.doc
        while first < last and (doc[first].is_punct or doc[first].is_space):
            first += 1
        while last > first and (doc[last - 1].is_space or doc[last - 1].text in ",;:—–-\"“”„«»'"):
            last -= 1
        if first >= last:
            return (0, 0)
        return doc[first].idx, doc[last - 1].idx + len(doc[last - 1].text)


# ------------------------------------------------------------------- cues


def _subject(verb: Token) -> Token | None:
    """The subject of `verb`, or of the verb it hangs from ("he said, adding that …")."""
    for _ in range(3):
        subject = next(
            (
                c
                for c in verb.children
                if c.dep_ in _SUBJECTS and any(ch.isalpha() for ch in c.text)
            ),
            None,
        )
        if subject is not None:
            return subject
        if verb.dep_ not in _INHERITS_SUBJECT or verb.head is verb:
            return None
        verb = verb.head
    return None


def _complement(verb: Token) -> tuple[int, int] | None:
    """Token range of the clause `verb` reports: its ccomp, or for a parenthetical cue the clause
    it interrupts."""
    for child in verb.children:
        if child.dep_ == "ccomp":
            first = child.left_edge.i
            if verb.doc[first].lower_ == "that":
                first += 1
            return first, child.right_edge.i + 1
    # "As X reported, …": the cue clause is an adverbial of the clause it reports.
    if verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        head = verb.head
        if verb.right_edge.i < head.i:
            return verb.right_edge.i + 1, head.right_edge.i + 1
        return head.left_edge.i, verb.left_edge.i
    # "…, X said." and "…, X said, …" parsed as an aside of the clause they report. An aside in
    # the middle leaves the clause in two pieces: the content is the whole clause, aside included.
    said_something = any(c.dep_ in ("dobj", "xcomp", "attr") for c in verb.children)
    if verb.dep_ == "parataxis" and not said_something:  # "(Russia denies any presence)" is not
        head = verb.head
        if verb.right_edge.i >= head.right_edge.i - 1:
            return head.left_edge.i, verb.left_edge.i
        if verb.left_edge.i <= head.left_edge.i:
            return verb.right_edge.i + 1, head.right_edge.i + 1
        return head.left_edge.i, head.right_edge.i + 1
    return None


def _frame_cue(doc: _Document, token: Token, sent_end: int) -> Cue | None:
    """ "According to X" and the like, and "In X's opinion"."""
    lexicon = doc.lexicon
    words = doc.doc
    lower = token.lower_
    for frame in lexicon.source_frames:
        if frame and frame[0] != lower:
            continue  # cheap first-word test before reading the frame's words from the Doc
        end = token.i + len(frame)
        if end > sent_end or tuple(t.lower_ for t in words[token.i : end]) != frame:
            continue
        last = words[end - 1]
        speaker = next((c for c in last.children if c.dep_ == "pobj"), None)
        if speaker is None and end < sent_end and words[end].pos_ in ("PROPN", "NOUN", "PRON"):
            speaker = words[end]
        if speaker is None:
            return None
        return Cue("frame", token.i, end, speaker, None)
    if token.lower_ == "in":
        noun = next((c for c in token.children if c.dep_ == "pobj"), None)
        if noun is not None and noun.lower_ in lexicon.opinion_nouns:
            owner = next((c for c in noun.children if c.dep_ == "poss"), None)
            if owner is not None:
                return Cue("opinion", token.i, noun.i + 1, owner, None)
    return None


def _verb_cue(doc: _Document, token: Token) -> Cue | None:
    lexicon = doc.lexicon
    if token.pos_ not in ("VERB", "AUX"):
        return None
    lemma, lower = token.lemma_.lower(), token.lower_
    if lemma in lexicon.express_verbs:
        noun = next((c for c in token.children if c.dep_ == "dobj"), None)
        subject = _subject(token)
        if noun is not None and subject is not None and noun.lower_ in lexicon.stance_nouns:
            about = next(
                (c for c in noun.children if c.dep_ in ("prep", "acl", "ccomp", "relcl")), None
            )
            if about is not None:
                first = about.i + 1 if about.dep_ == "prep" else about.left_edge.i
                return Cue("stance", token.i, noun.i + 1, subject, (first, about.right_edge.i + 1))
    speech = lexicon.is_speech(lemma, lower)
    belief = not speech and lexicon.is_belief(lemma, lower)
    if not (speech or belief):
        return None
    if lemma == "point" and not any(c.dep_ == "prt" for c in token.children):
        return None
    children = {c.dep_ for c in token.children}
    passive_participle = token.tag_ == "VBN" and not children & {"aux", "nsubj"}
    if passive_participle or children & {"nsubjpass", "auxpass"}:
        return None  # "Asked by X whether …": the speaker is not the subject
    subject = _subject(token)
    if subject is None:
        return None
    complement = _complement(token) or _closing_aside(token, subject)
    kind: CueKind = "speech" if speech else "belief"
    if complement is None and lemma in lexicon.object_verbs and _names_someone(subject):
        reported = _reported_object(token)
        if reported is not None:
            return Cue(kind, token.i, token.i + 1, subject, reported, reports_object=True)
    if belief and complement is None:
        return None
    return Cue(kind, token.i, token.i + 1, subject, complement)


def _closing_aside(verb: Token, subject: Token) -> tuple[int, int] | None:
    """ "…, even with a good job, he said." when the parser gives the cue no clause: a cue that
    closes its sentence after a comma reports what comes before the comma."""
    sent = verb.sent
    start = min(subject.left_edge.i, verb.i)
    rest = verb.doc[max(verb.i, subject.right_edge.i) + 1 : sent.end]
    if start - 1 <= sent.start or verb.doc[start - 1].text != ",":
        return None
    if any(not (t.is_punct or t.is_space) for t in rest):
        return None
    return sent.start, start - 1


def _names_someone(subject: Token) -> bool:
    """Whether a subject can be a speaker of an object-only cue: a name, a pronoun or a role
    ("the spokesman announced …"), not a thing ("the meeting underlined …")."""
    return (
        subject.pos_ in ("PROPN", "PRON")
        or subject.is_title  # names the tagger takes for common nouns ("Sanders" as NNS)
        or subject.lemma_.lower() in mention_words().role_words
    )


def _reported_object(verb: Token) -> tuple[int, int] | None:
    """What a speech verb reports when it has no clause: "pledged to stay in the race",
    "announced his resignation". Pronoun objects ("said it") report nothing we can show."""
    for child in verb.children:
        if child.dep_ in ("xcomp", "dobj") and child.pos_ != "PRON":
            return child.left_edge.i, child.right_edge.i + 1
    return None


def find_cues(doc: _Document) -> list[Cue]:
    """Cues outside quoted stretches, in document order."""
    cues: list[Cue] = []
    for sent in doc.doc.sents:
        for token in sent:
            if doc.quoted[token.i] or token.is_punct or token.is_space:
                continue
            cue = _frame_cue(doc, token, sent.end) if token.pos_ in ("VERB", "ADP") else None
            if cue is None:
                cue = _verb_cue(doc, token)
            if cue is not None and not doc.quoted[cue.speaker.i]:
                cues.append(cue)
    return cues


# ---------------------------------------------------------- direct quotes


def _has_words(doc: _Document, first: int, last: int) -> bool:
    """Whether tokens [first, last) hold words other than linking ones ("that", ":")."""
    return any(
        not (t.is_punct or t.is_space or t.lower_ in _LINKING_WORDS) for t in doc.doc[first:last]
    )


def _frame_content(doc: _Document, cue: Cue, sent_start: int, sent_end: int) -> tuple[int, int]:
    """The clause a frame reports: the longer side of the sentence around the frame phrase."""
    before = (sent_start, cue.phrase_start)
    after = (cue.phrase_end, sent_end)
    return after if after[1] - after[0] >= before[1] - before[0] else before


def _attach_direct(doc: _Document, cues: list[Cue]) -> list[_Found]:
    """Quoted stretches with a cue after or before them, split quotes, carry-over paragraphs."""
    words = doc.doc
    cue_at = {cue.start: cue for cue in cues}
    cues_by_paragraph: dict[int, list[Cue]] = {}
    for each in cues:
        cues_by_paragraph.setdefault(doc.paragraph_of[each.start], []).append(each)
    found: list[_Found] = []
    last_in_paragraph: dict[int, _Found] = {}
    for index, stretch in enumerate(doc.stretches):
        open_tok = doc.token_at(stretch.open)
        close_tok = doc.token_at(stretch.close)
        paragraph = doc.paragraph_of[open_tok]
        next_open = (
            doc.token_at(doc.stretches[index + 1].open)
            if index + 1 < len(doc.stretches)
            else len(words)
        )
        prev_close = doc.token_at(doc.stretches[index - 1].close) + 1 if index > 0 else 0
        open_sent, close_sent = words[open_tok].sent, words[close_tok].sent
        after = range(close_tok + 1, min(close_sent.end, next_open))
        before = range(max(open_sent.start, prev_close), open_tok)
        # The cue after a quote follows it at once ('," said X'); '," but he denied …' is not one.
        cue = next(
            (
                cue_at[i]
                for i in after
                if i in cue_at
                and _direct_ok(cue_at[i], after)
                and not _has_words(doc, close_tok + 1, cue_at[i].phrase_start)
            ),
            None,
        )
        if cue is None and not _has_words(doc, after.start, after.stop):
            # '"… a show, no?" Freddy Ortega said.': the parser ends the sentence at the mark.
            cue = _cue_sentence_after(doc, cue_at, close_sent.end, next_open)
        rule = "direct.cue-after"
        outside = _has_words(doc, max(open_sent.start, prev_close), open_tok)
        if cue is None:
            candidates = [cue_at[i] for i in before if i in cue_at and not cue_at[i].used]
            cue = next((c for c in reversed(candidates) if c.kind != "belief"), None)
            rule = "direct.cue-before"
            if cue is not None:
                outside = _has_words(doc, cue.phrase_end, open_tok) or _has_words(
                    doc, close_tok + 1, after.stop
                )
        if cue is not None and cue.kind != "belief":
            cue.used = True
            item = _Found("direct", (stretch.start, stretch.end), cue, rule)
            if outside:
                item = _mixed(doc, cue, stretch, open_sent.start, close_sent.end)
            found.append(item)
            last_in_paragraph[paragraph] = item
            continue
        colon_cue = _colon_cue(doc, cues_by_paragraph, stretch, paragraph)
        if colon_cue is not None:
            colon_cue.used = True
            item = _Found("direct", (stretch.start, stretch.end), colon_cue, "direct.cue-colon")
            found.append(item)
            last_in_paragraph[paragraph] = item
            continue
        previous = last_in_paragraph.get(paragraph)
        if previous is not None:
            item = _Found("direct", (stretch.start, stretch.end), None, "direct.split")
        else:
            previous = last_in_paragraph.get(paragraph - 1)
            if previous is None or not _whole_paragraph(doc, stretch, paragraph):
                continue
            item = _Found("direct", (stretch.start, stretch.end), None, "carry-over.paragraph")
        item.follows = previous
        found.append(item)
        last_in_paragraph[paragraph] = item
    return found


def _colon_cue(
    doc: _Document, cues_by_paragraph: dict[int, list[Cue]], stretch: Stretch, paragraph: int
) -> Cue | None:
    """ "X said:" closing the paragraph before a paragraph that opens with a quote."""
    if paragraph == 0 or stretch.open != doc.paragraph_spans[paragraph][0]:
        return None
    start, end = doc.paragraph_spans[paragraph - 1]
    if not doc.text[start:end].rstrip().endswith(":"):
        return None
    candidates = cues_by_paragraph.get(paragraph - 1, [])
    return next((c for c in reversed(candidates) if not c.used and c.kind == "speech"), None)


def _cue_sentence_after(
    doc: _Document, cue_at: dict[int, Cue], start: int, stop: int
) -> Cue | None:
    """A sentence right after a quote that opens with speaker and cue ("X said on Friday.")."""
    words = doc.doc
    if start >= min(stop, len(words)) or doc.paragraph_of[start] != doc.paragraph_of[start - 1]:
        return None
    sent = words[start].sent
    zone = range(sent.start, min(sent.end, stop))
    for i in zone:
        cue = cue_at.get(i)
        if (
            cue is not None
            and (cue.complement is None or cue.reports_object)
            and _direct_ok(cue, zone)
            and not _has_words(doc, zone.start, cue.phrase_start)
        ):
            return cue
    return None


def _direct_ok(cue: Cue, zone: range) -> bool:
    """A cue after a quote must be free, and its speaker must stand in the same stretch of text."""
    return not cue.used and cue.kind == "speech" and cue.speaker.i in zone


def _mixed(doc: _Document, cue: Cue, stretch: Stretch, sent_start: int, sent_end: int) -> _Found:
    """A quoted fragment inside reported speech: the content is the reported clause around it."""
    if cue.complement is not None:
        first, last = cue.complement
    else:
        first, last = _frame_content(doc, cue, sent_start, sent_end)
    start, end = doc.chars(first, last)
    start, end = min(start, stretch.start), max(end, stretch.end)
    return _Found("mixed", (start, end), cue, "mixed.partial")


def _whole_paragraph(doc: _Document, stretch: Stretch, paragraph: int) -> bool:
    start, end = doc.paragraph_spans[paragraph]
    tail = doc.text[stretch.close + 1 : end].strip(" .,;'\n")
    return stretch.open == start and not tail


# --------------------------------------------------------- indirect quotes

_INDIRECT_RULE = {
    "frame": "indirect.according-to",
    "opinion": "indirect.in-opinion",
    "stance": "indirect.stance",
    "belief": "indirect.belief",
}


def _indirect(doc: _Document, cues: list[Cue], taken: list[tuple[int, int]]) -> list[_Found]:
    found = []
    words = doc.doc
    taken_sorted = sorted(taken)
    cue_starts = {cue.start for cue in cues}
    opens = [s.open for s in doc.stretches]
    for cue in cues:
        if cue.used:
            continue
        sent = words[cue.start].sent
        if cue.complement is not None:
            first, last = cue.complement
            if cue.kind in ("speech", "belief") and cue.start < first:
                last = _to_sentence_end(doc, last, sent.end, cue_starts)
        elif cue.kind in ("frame", "opinion"):
            first, last = _frame_content(doc, cue, sent.start, sent.end)
            if last == sent.end - 1 or (last < sent.end and words[last].is_punct):
                last = sent.end  # keep the closing full stop
        else:
            continue
        if sum(1 for t in words[first:last] if t.is_alpha) < 2:
            continue
        start, end = doc.chars(first, last)
        end = _before_unopened_bracket(doc.text, start, end)
        if end <= start or _overlaps(taken_sorted, start, end):
            continue
        rule = "indirect.object" if cue.reports_object else _INDIRECT_RULE.get(cue.kind)
        if rule is None:
            rule = "indirect.cue-before" if cue.start < first else "indirect.cue-after"
            if first < cue.start < last:
                rule = "indirect.aside"
        k = bisect.bisect_left(opens, start)
        inner = k < len(opens) and opens[k] < end and doc.stretches[k].close <= end
        kind: QuoteType = "mixed" if inner else "indirect"
        if inner:
            rule = "mixed.partial"
        cue.used = True
        found.append(_Found(kind, (start, end), cue, rule))
    return found


def _to_sentence_end(doc: _Document, last: int, sent_end: int, cue_starts: set[int]) -> int:
    """Reported clauses run to the end of the sentence: the parser often hangs a trailing
    participle on the cue verb ("said it was a dip, reflecting …"). Not over a clause of its own."""
    words = doc.doc
    stop = sent_end
    while stop > last and (words[stop - 1].is_punct or words[stop - 1].is_space):
        stop -= 1
    new_clause = any(i in cue_starts or words[i].dep_ == "nsubj" for i in range(last, stop))
    return last if new_clause else max(last, stop)


def _before_unopened_bracket(text: str, start: int, end: int) -> int:
    """Content said inside brackets stops at the closing bracket: "(Russia denies X), restore …"."""
    depth = 0
    for i in range(start, end):
        if text[i] == "(":
            depth += 1
        elif text[i] == ")":
            if depth == 0:
                return i
            depth -= 1
    return end


def _outermost(doc: _Document, found: list[_Found]) -> list[_Found]:
    """Without the quotes reported inside another one's content ("Pompeo said Washington had
    concluded that Iran was behind it": the clause is Pompeo's, not Washington's). On PolNeAR
    train, source precision 0.914 → 0.927 at recall 0.771 → 0.766 (F1 0.836 → 0.839)."""
    # an "according to" frame names a source, not a speaker of all it holds ("according to the
    # transcript, the minister said ...")
    spans = [item.content for item in found if item.cue is None or item.cue.kind != "frame"]

    def inside(item: _Found) -> bool:
        if item.cue is None or item.type == "direct":
            return False
        cue_char = doc.doc[item.cue.start].idx
        return any(
            s <= cue_char and item.content[1] <= e and (s, e) != item.content for s, e in spans
        )

    return [item for item in found if not inside(item)]


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of `spans` (sorted, not overlapping each other)."""
    k = bisect.bisect_left(spans, (start, start))
    return any(s < end and start < e for s, e in spans[max(0, k - 1) : k + 1])


# ------------------------------------------------------------------ stage


def attribute(doc: Doc, lexicon: CueLexicon) -> QuoteFindings:
    """All quotes of `doc` with resolved speakers, and the actors who speak."""
    indexed = _Document(doc, lexicon)
    cues = find_cues(indexed)
    direct = _attach_direct(indexed, cues)
    found = _outermost(indexed, direct + _indirect(indexed, cues, [i.content for i in direct]))
    resolver = SpeakerResolver(doc, lexicon, indexed.paragraph_of, indexed.quoted)
    # Speakers are resolved in the order their words appear, so pronouns see what came before.
    found.sort(
        key=lambda f: f.cue.speaker.i if f.cue is not None else indexed.token_at(f.content[0])
    )
    for item in found:
        if item.cue is not None:
            item.speaker = resolver.resolve(item.cue.speaker)
        elif item.follows is not None and item.follows.speaker is not None:
            follows = item.follows.speaker
            item.speaker = Speaker(follows.actor, follows.name, None, "carry-over")
    kept = sorted(
        ((item, item.speaker) for item in found if item.speaker is not None),
        key=lambda pair: pair[0].content,
    )
    # Actor ids A1.. follow the order of the speakers' first quotes.
    numbers: dict[str, str] = {}
    for _, speaker in kept:
        if speaker.actor is not None and speaker.actor not in numbers:
            numbers[speaker.actor] = f"A{len(numbers) + 1}"
    quotes = []
    for number, (item, speaker) in enumerate(kept, start=1):
        cue_span = None
        if item.cue is not None:
            last = doc[item.cue.end - 1]
            cue_span = Span.of(indexed.text, doc[item.cue.start].idx, last.idx + len(last))
        confidence = _CONFIDENCE.get(speaker.resolution, 0.6)
        if item.rule == "indirect.belief":
            confidence -= 0.1
        if speaker.actor is not None:
            speaker = replace(speaker, actor=numbers[speaker.actor])
        quotes.append(
            Quote(
                id=f"Q{number}",
                type=item.type,
                content=Span.of(indexed.text, *item.content),
                cue=cue_span,
                speaker=speaker,
                confidence=round(confidence, 2),
                rule=item.rule,
            )
        )
    speakers = sorted(
        (actor for actor in resolver.actors if actor.id in numbers),
        key=lambda actor: int(numbers[actor.id][1:]),
    )
    for actor in speakers:
        actor.id = numbers[actor.id]
    return QuoteFindings(quotes=quotes, speakers=speakers)
