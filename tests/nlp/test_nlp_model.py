from __future__ import annotations

import pytest

from detente.errors import NlpError
from detente.nlp import analyse, load_model, required_components
from detente.settings import DEFAULT_MODEL

pytestmark = pytest.mark.model


def test_nlp_required_components_follow_what_stages_read() -> None:
    assert required_components(["sentences", "entities"]) == ("tok2vec", "parser", "ner")
    assert required_components(["entities"]) == ("ner",)
    with_lemmas = required_components(["sentences", "lemmas"])
    assert with_lemmas == ("tok2vec", "parser", "tagger", "attribute_ruler", "lemmatizer")
    with pytest.raises(ValueError, match="unknown annotation"):
        required_components(["coreference"])


def test_nlp_model_loads_once_with_only_the_needed_components() -> None:
    components = required_components(["sentences", "entities"])
    nlp = load_model(DEFAULT_MODEL, components)
    assert load_model(DEFAULT_MODEL, components) is nlp
    assert set(nlp.pipe_names) == {"tok2vec", "parser", "ner", "detente_paragraphs"}
    assert "lemmatizer" not in nlp.component_names


def test_nlp_missing_model_is_a_coded_error() -> None:
    with pytest.raises(NlpError, match=r"^\[E301\] spaCy model 'no_such_model_xyz'"):
        load_model("no_such_model_xyz", ("ner",))


def test_nlp_sentences_never_cross_a_blank_line_and_are_trimmed() -> None:
    nlp = load_model(DEFAULT_MODEL, required_components(["sentences", "entities"]))
    text = "Far from normal relations\n\nHowever, Russia's envoy spoke in Brussels.  \n \nNext one."
    out = next(analyse(nlp, [text]))
    assert [s.text for s in out.sentences] == [
        "Far from normal relations",
        "However, Russia's envoy spoke in Brussels.",
        "Next one.",
    ]
    for span in out.sentences + [e.span for e in out.entities]:
        assert text[span.start : span.end] == span.text
    assert ("Brussels", "GPE") in {(e.span.text, e.label) for e in out.entities}
