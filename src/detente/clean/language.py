"""Language identification with py3langid (ISO 639-1 codes), English recognised without it.

py3langid takes a third of a second to load its model, once per process: on a corpus of English
news, English function words decide first, those other languages do not use ("to" and "by" are
Polish words, "was" German and Dutch, "for" Danish: left out). Prose in English has at least
ENGLISH_SHARE of its words among them: measured 2026-12-04 on the 840 PolNeAR news texts and
the 61 zyte-dev bodies py3langid calls English, 894 of 901 (the first 5,000 characters; the
median 0.18, the lowest 0.02: lists of names and figures); none of the words of the German,
Portuguese, Indonesian, Russian and Japanese zyte-dev pages is one of them. Text under the
share goes to py3langid, whatever its language.
"""

from __future__ import annotations

import re
from itertools import islice

import py3langid

# Below this many letters the guess is noise.
MIN_LETTERS = 20
# The first characters are enough to tell the language; long bodies are cut for speed.
SAMPLE_CHARS = 5_000
ENGLISH_FUNCTION_WORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "that",
        "with",
        "from",
        "are",
        "has",
        "have",
        "were",
        "his",
        "he",
        "this",
        "which",
        "its",
        "but",
        "said",
        "their",
        "been",
        "would",
        "will",
    ]
)
ENGLISH_SHARE = 0.1
# fewer words than this leave the share to chance
MIN_WORDS = 20
_WORD = re.compile(r"[^\W\d_]+")


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the text's language ("en"), or None when the text is too short."""
    sample = text[:SAMPLE_CHARS]
    # stop counting at the MIN_LETTERS-th letter: the count itself is not needed
    if next(islice(filter(str.isalpha, sample), MIN_LETTERS - 1, None), None) is None:
        return None
    if english_share(sample) >= ENGLISH_SHARE:
        return "en"
    language, _score = py3langid.classify(sample)
    return str(language)


def english_share(text: str) -> float:
    """The share of `text`'s words that are English function words; 0.0 under MIN_WORDS words."""
    words = _WORD.findall(text.lower())
    if len(words) < MIN_WORDS:
        return 0.0
    return sum(word in ENGLISH_FUNCTION_WORDS for word in words) / len(words)
