"""The quotes stage: who said what, the speaker resolved to an actor with role and organisation.

findings = attribute_quotes(doc)      # doc from the NLP stage, with READS annotations
findings.quotes, findings.speakers    # Quote and Actor records (src/detente/records.py)
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc

from detente.quotes.attribute import QuoteFindings, attribute
from detente.quotes.lexicon import CueLexicon, bundled_paths, load_lexicon

READS = ("sentences", "entities", "parse", "lemmas")


@lru_cache(maxsize=1)
def _bundled_lexicon() -> CueLexicon:
    return load_lexicon()


def attribute_quotes(doc: Doc, *, lexicon: CueLexicon | None = None) -> QuoteFindings:
    """Quotes and their speakers in `doc`, found with `lexicon` (the bundled one by default,
    read once per process)."""
    return attribute(doc, lexicon if lexicon is not None else _bundled_lexicon())


__all__ = [
    "READS",
    "CueLexicon",
    "QuoteFindings",
    "attribute_quotes",
    "bundled_paths",
    "load_lexicon",
]
