"""Paragraphs → the article body: joined by one blank line, with heading spans that index it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from detente.records import Span

PARAGRAPH_BREAK = "\n\n"


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    heading: bool = False


@dataclass(frozen=True, slots=True)
class Body:
    text: str
    headings: list[Span] = field(default_factory=list)


def assemble(paragraphs: Sequence[Paragraph]) -> Body:
    """Join paragraphs (each already stripped and non-empty) and locate the headings."""
    parts: list[str] = []
    starts: list[int] = []
    offset = 0
    for paragraph in paragraphs:
        starts.append(offset)
        parts.append(paragraph.text)
        offset += len(paragraph.text) + len(PARAGRAPH_BREAK)
    text = PARAGRAPH_BREAK.join(parts)
    headings = [
        Span.of(text, start, start + len(paragraph.text))
        for start, paragraph in zip(starts, paragraphs, strict=True)
        if paragraph.heading
    ]
    return Body(text, headings)
