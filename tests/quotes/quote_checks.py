"""Helpers of the quotes tests."""

from __future__ import annotations

from detente.quotes import QuoteFindings
from detente.records import Quote


def by_content(findings: QuoteFindings, words: str) -> Quote:
    """The one quote whose content contains `words`."""
    found = [q for q in findings.quotes if words in q.content.text]
    assert len(found) == 1, [q.content.text for q in findings.quotes]
    return found[0]
