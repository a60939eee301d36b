"""Long and hostile bodies go through the model in bounded pieces, with exact offsets."""

from __future__ import annotations

import pytest
from spacy.language import Language

from detente.nlp import analyse, load_model, model, required_components
from detente.nlp.model import (
    MAX_PIECE_CHARS,
    MAX_SENTENCE_TOKENS,
    NlpOutput,
    sentence_spans,
    text_pieces,
)
from detente.pipeline import READS
from detente.settings import DEFAULT_MODEL


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_model(DEFAULT_MODEL, required_components(READS))


def assert_exact(text: str, out: NlpOutput) -> None:
    assert out.doc.text == text
    for span in out.sentences + [e.span for e in out.entities]:
        assert text[span.start : span.end] == span.text


def test_nlp_text_pieces_join_back_and_cut_at_the_strongest_boundary() -> None:
    paragraph = "The envoy spoke. " * 40 + "\n\n"
    text = paragraph * 60
    pieces = text_pieces(text, max_chars=5_000)
    assert "".join(pieces) == text and len(pieces) > 1
    assert all(len(p) <= 5_000 for p in pieces)
    assert all(p.endswith("\n\n") for p in pieces[:-1])  # at blank lines, before the next word
    one_line = "The envoy spoke. " * 1_000
    pieces = text_pieces(one_line, max_chars=5_000)
    assert "".join(pieces) == one_line and all(p.endswith(". ") for p in pieces[:-1])
    no_space = "x" * 12_000
    assert [len(p) for p in text_pieces(no_space, max_chars=5_000)] == [5_000, 5_000, 2_000]
    assert text_pieces("short", max_chars=5_000) == ["short"]
    assert text_pieces("", max_chars=5_000) == [""]


@pytest.mark.model
def test_nlp_a_long_body_in_pieces_reads_as_the_whole(nlp: Language, example_text: str) -> None:
    text = (example_text.strip() + "\n\n") * 8
    assert len(text) > 2 * MAX_PIECE_CHARS
    out = next(analyse(nlp, [text]))
    assert_exact(text, out)
    whole = nlp(text)  # one call: what analyse did before bodies were cut
    assert [(s.start, s.end) for s in out.sentences] == [
        (s.start, s.end) for s in sentence_spans(whole)
    ]
    assert [(e.span.start, e.span.end, e.label) for e in out.entities] == [
        (e.start_char, e.end_char, e.label_) for e in whole.ents
    ]


@pytest.mark.model
def test_nlp_documents_keep_their_order_across_calls(
    nlp: Language, example_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(model, "MAX_CALL_TOKENS", 500)  # most pieces take a call of their own
    texts = ["Short one about Geneva.", example_text * 8, "", "Another on Vienna.", " "]
    outs = list(analyse(nlp, texts, batch_size=2))
    assert [o.doc.text for o in outs] == texts
    for text, out in zip(texts, outs, strict=True):
        assert_exact(text, out)


@pytest.mark.model
@pytest.mark.timeout(120)
@pytest.mark.parametrize(
    "text",
    [
        pytest.param("“" * 30_000, id="a run of quote marks"),
        pytest.param('"a" ' * 15_000, id="quoted words, no sentence end"),
        pytest.param('"a." "b." ' * 6_000, id="quoted sentences the parser glues"),
        pytest.param("word " * 30_000, id="no punctuation"),
    ],
)
def test_nlp_hostile_bodies_finish_with_short_sentences(nlp: Language, text: str) -> None:
    # "“" * 30_000 alone took spaCy's tokenizer minutes; one sentence of 45,000 tokens made the
    # quotes stage quadratic.
    out = next(analyse(nlp, [text]))
    assert_exact(text, out)
    assert max(len(s) for s in out.doc.sents) <= MAX_SENTENCE_TOKENS
