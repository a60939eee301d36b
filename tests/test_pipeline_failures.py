"""A stage that breaks on one document fails that document only, with a coded error record."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from detente import pipeline as pipeline_module
from detente import quotes
from detente.nlp import NlpOutput
from detente.pipeline import Pipeline
from detente.quotes import QuoteFindings
from detente.records import RawDocument, Source
from detente.settings import Settings

pytestmark = pytest.mark.model


def document(name: str, text: str) -> RawDocument:
    return RawDocument(Source(f"{name}.txt", "text"), text, "text")


def test_pipeline_stage_failure_stays_with_its_document(monkeypatch: pytest.MonkeyPatch) -> None:
    real = quotes.attribute_quotes

    def fragile(doc: Doc, **kwargs: object) -> QuoteFindings:
        if "poison" in doc.text:
            raise ValueError("cannot attribute this one")
        return real(doc, **kwargs)

    monkeypatch.setattr(quotes, "attribute_quotes", fragile)
    pipeline = Pipeline(Settings(batch_size=8))
    results = list(
        pipeline.run(
            [
                document("a", "The minister said the talks in Geneva went well."),
                document("b", "This poison text breaks the quotes stage, officials said."),
                document("c", "NATO accused Russia of moving troops, the envoy said."),
            ]
        )
    )
    assert [r.ok for r in results] == [True, False, True]
    failed = results[1]
    assert failed.article is None and failed.errors[0].stage == "quotes"
    assert failed.errors[0].message.startswith("[E501] b.txt: the quotes stage failed")
    assert "ValueError: cannot attribute this one" in failed.errors[0].message
    assert results[2].events and results[2].quotes


def test_pipeline_model_failure_stays_with_its_document(monkeypatch: pytest.MonkeyPatch) -> None:
    real = pipeline_module.analyse

    def fragile(nlp: Language, texts: Iterable[str], **kwargs: Any) -> Iterator[NlpOutput]:
        for output in real(nlp, texts, **kwargs):
            if "poison" in output.doc.text:
                raise ValueError("the model broke on this one")
            yield output

    monkeypatch.setattr(pipeline_module, "analyse", fragile)
    pipeline = Pipeline(Settings(batch_size=8))
    results = list(
        pipeline.run(
            [
                document("a", "The minister said the talks in Geneva went well."),
                document("b", "This poison text breaks the model, officials said."),
                document("c", "NATO accused Russia of moving troops, the envoy said."),
            ]
        )
    )
    assert [r.ok for r in results] == [True, False, True]
    assert [len(r.errors) for r in results] == [0, 1, 0]  # each document annotated once
    assert results[1].errors[0].message.startswith("[E303] b.txt: the NLP stage failed")
    assert results[2].events and results[2].quotes
