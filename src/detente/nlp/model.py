"""Load the spaCy pipeline offline, once per process, running only what the enabled stages read.

Stages declare what they read from a `Doc` (sentences, entities, parse, lemmas); this module maps
that to model components and removes the rest (the foundation runs tok2vec, parser and ner; the
tagger, attribute ruler and lemmatizer only run once a stage reads lemmas).

The model's memory grows with the tokens of one `nlp.pipe` call (tok2vec alone peaks at ~15 KB a
token), so `analyse` bounds them: a long body runs in pieces joined back into one `Doc` whose
offsets are those of the whole text, and a call holds at most MAX_CALL_TOKENS tokens.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import groupby, pairwise
from operator import itemgetter

import numpy
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from detente.errors import Errors, NlpError
from detente.records import Entity, Span

# What each kind of annotation needs from an en_core_web_* pipeline.
_NEEDS: dict[str, tuple[str, ...]] = {
    # Sentences come from the parser: the small `senter` is faster but splits inside brackets and
    # quotes ("quantities [" | "of resources].") on the example article.
    "sentences": ("tok2vec", "parser"),
    "entities": ("ner",),
    "parse": ("tok2vec", "parser"),
    "lemmas": ("tok2vec", "tagger", "attribute_ruler", "lemmatizer"),
}
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")
PARAGRAPHS_COMPONENT = "detente_paragraphs"

# Tokens in one nlp.pipe call: ~300 MB of tok2vec at the worst, whatever the documents.
MAX_CALL_TOKENS = 20_000
# A longer body runs through the model in pieces of at most this many characters: never more
# tokens than characters, so one piece fits in a call. Articles are shorter: their analysis does
# not change.
MAX_PIECE_CHARS = MAX_CALL_TOKENS
# Longer runs of characters without whitespace are tokenized in slices of this length: spaCy's
# tokenizer takes time quadratic in the length of a run it strips affixes from (8,000 "“" take
# 20 s, "'s" * 4,000 7 s). At 100, a 1,000,000-character body takes ~15 s at the worst; few real
# words or URLs are longer.
MAX_WORD_CHARS = 100
# No sentence is longer than this many tokens: the stages after the model walk sentences, and
# news has none this long. A run of tokens that long with no . ! ? or line break gets a sentence
# start before the parser; a longer sentence the parser still makes is parsed again, cut.
MAX_SENTENCE_TOKENS = 500
# What ends a sentence: where a long body may be cut, and what resets that run of tokens.
_SENTENCE_ENDS = ".!?…"
# Where a long body is cut, best first: after a blank line, a line break, a sentence end, a space.
_CUTS = (
    re.compile(r"\n[^\S\n]*\n\s*"),
    re.compile(r"\n\s*"),
    re.compile(rf"[{_SENTENCE_ENDS}][\"'”’»)\]]*\s+"),
    re.compile(r"\s+"),
)
_LONG_WORD = re.compile(rf"(\S{{{MAX_WORD_CHARS + 1},}})\s*")
_SENTENCE_END_CHARS = frozenset(_SENTENCE_ENDS)
_TEXT_KEY = "detente.text"


def required_components(reads: Iterable[str]) -> tuple[str, ...]:
    """Model components for the annotations `reads`, in pipeline order of first need."""
    wanted: list[str] = []
    for annotation in reads:
        if annotation not in _NEEDS:
            raise ValueError(f"unknown annotation {annotation!r}; known: {sorted(_NEEDS)}")
        wanted.extend(c for c in _NEEDS[annotation] if c not in wanted)
    return tuple(wanted)


@Language.component(
    PARAGRAPHS_COMPONENT, assigns=["token.is_sent_start"], requires=["token.is_sent_start"]
)
def mark_paragraph_starts(doc: Doc) -> Doc:
    """A sentence never runs over a blank line: headings stay out of the next sentence. Nor does
    one run on for MAX_SENTENCE_TOKENS tokens with nothing that could end it."""
    since_end = 0
    for token, following in pairwise(doc):
        if token.is_space and "\n" in token.text:
            since_end = 0
            if "\n\n" in token.text.replace(" ", ""):
                following.is_sent_start = True
        elif token.text[-1] in _SENTENCE_END_CHARS or following.is_sent_start:
            since_end = 0
        else:
            since_end += 1
            if since_end >= MAX_SENTENCE_TOKENS:
                following.is_sent_start = True
                since_end = 0
    return doc


@lru_cache(maxsize=4)
def load_model(name: str, components: tuple[str, ...]) -> Language:
    """The model `name` with only `components` (plus our paragraph marker) enabled."""
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise NlpError(Errors.E301.format(name=name)) from exc
    available = set(nlp.component_names)
    for component in components:
        if component not in available:
            raise NlpError(Errors.E302.format(name=name, component=component, stage="detente"))
    for component in nlp.component_names:
        if component in components:
            if component in nlp.disabled:
                nlp.enable_pipe(component)
        else:
            nlp.remove_pipe(component)
    # The parser honours preset sentence starts, so the marker goes before it.
    if "parser" in components:
        nlp.add_pipe(PARAGRAPHS_COMPONENT, before="parser")
    return nlp


@dataclass(slots=True)
class NlpOutput:
    doc: Doc
    sentences: list[Span] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)


def _trimmed(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end, text[start:end]) if start < end else None


def doc_text(doc: Doc) -> str:
    """`doc.text`, joined once per Doc and kept in its user_data: spaCy joins every token again
    on each access, and the NLP stage, quotes and events each read it. Called on a whole
    document's Doc only (`Doc.from_docs` would drop the key with a warning per piece)."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None:
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def sentence_spans(doc: Doc) -> list[Span]:
    """Sentences as spans trimmed of surrounding whitespace, cut at blank lines."""
    text = doc_text(doc)
    spans: list[Span] = []
    for sent in doc.sents:
        cut = sent.start_char
        for brk in _PARAGRAPH_BREAK.finditer(text, sent.start_char, sent.end_char):
            if piece := _trimmed(text, cut, brk.start()):
                spans.append(piece)
            cut = brk.end()
        if piece := _trimmed(text, cut, sent.end_char):
            spans.append(piece)
    return spans


def analyse(nlp: Language, texts: Iterable[str], *, batch_size: int = 32) -> Iterator[NlpOutput]:
    """Run the model over `texts`, in order, turning docs into our span records. At most
    `batch_size` pieces and MAX_CALL_TOKENS tokens go through the model at once."""
    pieces = (
        (number, _tokenize(nlp, piece))
        for number, text in enumerate(texts)
        for piece in text_pieces(text)
    )
    for _, group in groupby(_annotated(nlp, pieces, batch_size), key=itemgetter(0)):
        yield _output([doc for _, doc in group])


def text_pieces(text: str, max_chars: int = MAX_PIECE_CHARS) -> list[str]:
    """`text` in pieces of at most `max_chars` characters that join back into it. Each cut is at
    the strongest boundary near the end of its window, right before a word, so that spaCy
    tokenizes the pieces as it tokenizes the whole; a window with no whitespace (one huge
    "word") is cut anywhere. Short text is one piece."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > max_chars:
        end = start + max_chars
        cut = next((c for c in (_last_cut(p, text, start, end) for p in _CUTS) if c), end)
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces


def _last_cut(pattern: re.Pattern[str], text: str, start: int, end: int) -> int | None:
    """The end of the last match in text[start:end] that stops before a character of the
    window (a match touching `end` might go on past it)."""
    cut = None
    for match in pattern.finditer(text, start, end):
        if start < match.end() < end:
            cut = match.end()
    return cut


def _tokenize(nlp: Language, text: str) -> Doc:
    """`nlp.make_doc(text)`, with each run of more than MAX_WORD_CHARS non-space characters
    tokenized in slices (its trailing whitespace stays with its last slice)."""
    bounds = [0]
    for word in _LONG_WORD.finditer(text):
        bounds.extend(range(word.start(), word.end(1), MAX_WORD_CHARS))
        bounds.append(word.end())
    if len(bounds) == 1:
        return nlp.make_doc(text)
    bounds.append(len(text))
    return Doc.from_docs(
        [nlp.make_doc(text[a:b]) for a, b in pairwise(bounds) if a < b], ensure_whitespace=False
    )


def _annotated(
    nlp: Language, pieces: Iterable[tuple[int, Doc]], batch_size: int
) -> Iterator[tuple[int, Doc]]:
    """The pieces through the model, in order, in calls of bounded size."""
    call: list[tuple[int, Doc]] = []
    tokens = 0
    for number, doc in pieces:
        if call and (tokens + len(doc) > MAX_CALL_TOKENS or len(call) >= batch_size):
            yield from _run(nlp, call)
            call, tokens = [], 0
        call.append((number, doc))
        tokens += len(doc)
    if call:
        yield from _run(nlp, call)


def _run(nlp: Language, call: list[tuple[int, Doc]]) -> Iterator[tuple[int, Doc]]:
    docs = nlp.pipe([doc for _, doc in call], batch_size=len(call))
    for (number, _), doc in zip(call, docs, strict=True):
        doc = _short_sentences(nlp, doc)
        # No stage reads tok2vec's output, and while it lives, the memory the model took for the
        # call stays with the process (malloc cannot trim under it): ~3 KB a token.
        doc.tensor = numpy.zeros((0,), dtype="float32")
        yield number, doc


def _short_sentences(nlp: Language, doc: Doc) -> Doc:
    """`doc`, or, when the parser made a sentence of more than MAX_SENTENCE_TOKENS tokens
    (quoted fragments: '"a." "b." …'), the same tokens parsed again with sentence starts kept
    and forced every MAX_SENTENCE_TOKENS tokens inside that sentence."""
    if not doc.has_annotation("SENT_START"):
        return doc
    long_sentences = [s for s in doc.sents if len(s) > MAX_SENTENCE_TOKENS]
    if not long_sentences:
        return doc
    starts: list[bool | int | None] = [True if t.is_sent_start else None for t in doc]
    for sentence in long_sentences:
        for i in range(sentence.start + MAX_SENTENCE_TOKENS, sentence.end, MAX_SENTENCE_TOKENS):
            starts[i] = True
    words = [token.text for token in doc]
    spaces = [bool(token.whitespace_) for token in doc]
    return nlp(Doc(nlp.vocab, words=words, spaces=spaces, sent_starts=starts))


def _output(pieces: list[Doc]) -> NlpOutput:
    """One document's record; its pieces joined into one Doc with the offsets of the whole."""
    doc = pieces[0] if len(pieces) == 1 else Doc.from_docs(pieces, ensure_whitespace=False)
    return NlpOutput(
        doc=doc,
        sentences=sentence_spans(doc) if doc.has_annotation("SENT_START") else [],
        entities=[Entity(Span(e.start_char, e.end_char, e.text), e.label_) for e in doc.ents],
    )
