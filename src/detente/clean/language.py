"""Language identification with py3langid (ISO 639-1 codes)."""

from __future__ import annotations

from itertools import islice

import py3langid

# Below this many letters the guess is noise.
MIN_LETTERS = 20
# The first characters are enough to tell the language; long bodies are cut for speed.
SAMPLE_CHARS = 5_000


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the text's language ("en"), or None when the text is too short."""
    sample = text[:SAMPLE_CHARS]
    # stop counting at the MIN_LETTERS-th letter: the count itself is not needed
    if next(islice(filter(str.isalpha, sample), MIN_LETTERS - 1, None), None) is None:
        return None
    language, _score = py3langid.classify(sample)
    return str(language)
