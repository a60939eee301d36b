"""Language identification with py3langid (ISO 639-1 codes)."""

from __future__ import annotations

import py3langid

# Below this many letters the guess is noise.
MIN_LETTERS = 20
# The first characters are enough to tell the language; long bodies are cut for speed.
SAMPLE_CHARS = 5_000


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the text's language ("en"), or None when the text is too short."""
    sample = text[:SAMPLE_CHARS]
    if sum(char.isalpha() for char in sample) < MIN_LETTERS:
        return None
    language, _score = py3langid.classify(sample)
    return str(language)
