"""Terms of the quote search index: what `quote_terms` holds and what a search looks up.

DuckDB's full-text extension is downloaded at run time, which an offline machine cannot do
(and no `duckdb-ext-fts` wheel matches duckdb 2.x), so detente keeps its own inverted index in
plain tables that DuckDB and PostgreSQL both serve: one row per (term, quote) with the term's
frequency, ranked with BM25 by detente.explore. A term is a lowercased word or number, a
possessive "'s" dropped ("NATO’s" → "nato"), stop words (data/search/stop_words.txt) left out.
There is no stemming: "sanction" does not find "sanctions"; a search names the form it wants.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from importlib.resources import files

STOP_WORDS_FILE = files("detente") / "data" / "search" / "stop_words.txt"
# Letters and digits, joined across inner apostrophes (typographic ones made straight first):
# "don't" is one term; "Russia-NATO" is two, which is what a reader searches for.
WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
POSSESSIVE = re.compile(r"'s$")
MAX_TERM_CHARS = 64  # longer "words" are URLs or garbage; they would bloat the index


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    lines = STOP_WORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def _terms(text: str) -> list[str]:
    stop = stop_words()
    found = []
    for match in WORD.finditer(text.lower().replace("’", "'")):
        term = POSSESSIVE.sub("", match.group())
        if term and term not in stop and len(term) <= MAX_TERM_CHARS:
            found.append(term)
    return found


def index_terms(text: str) -> dict[str, int]:
    """Each term of `text` with the number of times it occurs."""
    return dict(Counter(_terms(text)))


def query_terms(text: str) -> list[str]:
    """The distinct terms of a search, in the order typed."""
    return list(dict.fromkeys(_terms(text)))
