"""The NLP stage: the spaCy model, loaded once per process with only the components needed."""

from detente.nlp.model import NlpOutput, analyse, doc_text, load_model, required_components

__all__ = ["NlpOutput", "analyse", "doc_text", "load_model", "required_components"]
