"""Load the spaCy pipeline offline, once per process, running only what the enabled stages read.

Stages declare what they read from a `Doc` (sentences, entities, parse, lemmas); this module maps
that to model components and removes the rest (the foundation runs tok2vec, parser and ner; the
tagger, attribute ruler and lemmatizer only run once a stage reads lemmas).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache

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
    """A sentence never runs over a blank line: headings stay out of the next sentence."""
    for token in doc[:-1]:
        if token.is_space and "\n\n" in token.text.replace(" ", ""):
            doc[token.i + 1].is_sent_start = True
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


def sentence_spans(doc: Doc) -> list[Span]:
    """Sentences as spans trimmed of surrounding whitespace, cut at blank lines."""
    text = doc.text
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
    """Run the model over `texts`, in order, turning docs into our span records."""
    for doc in nlp.pipe(texts, batch_size=batch_size):
        yield NlpOutput(
            doc=doc,
            sentences=sentence_spans(doc) if doc.has_annotation("SENT_START") else [],
            entities=[Entity(Span(e.start_char, e.end_char, e.text), e.label_) for e in doc.ents],
        )
