"""Our cleaner for plain-text dumps of articles: rules on line features plus the debris families.

    lines ─ filter_lines (repeats, debris families, link lists) ─ title ─ subtitle ─ paragraphs
          ─ headings ─ Article

Paragraphs are blocks of consecutive non-blank lines. A block's lines are joined with a space only
when the block is clearly hard-wrapped, else kept on their own lines; a document without any blank
line (one paragraph per line) gives one paragraph per line. Nothing inside a line is rewritten, so
non-breaking spaces and quotes stay as they are.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from itertools import groupby

from detente.clean.body import Paragraph, assemble
from detente.clean.debris import (
    CLOSING_QUOTES,
    TERMINAL,
    Line,
    ends_sentence,
    filter_lines,
    line_key,
)
from detente.errors import CleanError, Errors
from detente.records import Article

MAX_TITLE_WORDS = 25
MAX_SUBTITLE_WORDS = 40
# An unpunctuated line this short right after the title is a deck ("A rough road ahead").
MAX_PLAIN_DECK_WORDS = 20
MAX_HEADING_WORDS = 10
# Hard wrap: every line but the last fills most of a fixed width of 40-120 characters.
MIN_WRAP_WIDTH = 40
MAX_WRAP_WIDTH = 120
MIN_WRAP_FILL = 0.7
_HEADING_END = TERMINAL + CLOSING_QUOTES + ":;,"
_TITLE_END = ".!,;:。！"


def clean_plain(text: str, *, title: str | None, where: str) -> Article:
    """Clean one plain-text dump; `where` names the input in error messages."""
    lines = list(_lines(text))
    filtered = filter_lines(lines)
    kept = filtered.lines
    # Title and deck leave the body for their own fields; `removed` lists only boilerplate.
    found_title = _take_title(kept, title)
    if found_title is not None:
        kept = kept[1:]
    subtitle = _take_subtitle(kept, after_title=found_title is not None)
    if subtitle is not None:
        kept = kept[1:]

    paragraphs = _paragraphs(kept)
    if not paragraphs:
        raise CleanError(Errors.E202.format(path=where, lines=len(lines)))
    body = assemble(_mark_headings(paragraphs))
    return Article(
        text=body.text,
        title=title if title is not None else (found_title.text if found_title else None),
        subtitle=subtitle.text if subtitle else None,
        authors=filtered.authors,
        publisher=filtered.publisher,
        headings=body.headings,
        removed=filtered.removed,
    )


def _lines(text: str) -> Iterator[Line]:
    """Non-blank lines, stripped, numbered by block (a run of lines between blank lines)."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    stripped = [line.strip() for line in raw]
    blocks: list[list[str]] = [
        list(group) for nonblank, group in groupby(stripped, key=bool) if nonblank
    ]
    if len(blocks) == 1 and len(blocks[0]) > 1 and not _hard_wrapped(blocks[0]):
        blocks = [[line] for line in blocks[0]]  # one paragraph per line, no blank lines at all
    for number, block in enumerate(blocks):
        for line in block:
            yield Line(line, number)


def _hard_wrapped(block: Sequence[str]) -> bool:
    """Lines cut at a fixed width: all but the last nearly as long as the longest, and at least
    one of them stopping mid-sentence."""
    if len(block) < 2:
        return False
    body = block[:-1]
    width = max(len(line) for line in body)
    if not MIN_WRAP_WIDTH <= width <= MAX_WRAP_WIDTH:
        return False
    filled = all(len(line) >= MIN_WRAP_FILL * width for line in body)
    return filled and any(not ends_sentence(line) for line in body)


def _take_title(kept: Sequence[Line], given: str | None) -> Line | None:
    """The first line when it is the given title, or (no title given) when it looks like one."""
    if not kept:
        return None
    first = kept[0]
    if given is not None:
        return first if line_key(first.text) == line_key(given) else None
    # A title is a paragraph of its own with more text after it.
    alone = len(kept) > 1 and kept[1].block != first.block
    return first if alone and _looks_like_title(first.text) else None


def _looks_like_title(text: str) -> bool:
    """Short, not a sentence, not shouted (an all-caps first line is a kicker or a label)."""
    words = len(text.split())
    return (
        1 <= words <= MAX_TITLE_WORDS
        and not text.endswith(tuple(_TITLE_END))
        and any(char.islower() for char in text)
    )


def _take_subtitle(kept: Sequence[Line], *, after_title: bool) -> Line | None:
    """The deck under the title: a lone line that was printed twice or carried a photo credit,
    or, right after a title, a short line without a full stop."""
    if len(kept) < 2 or kept[1].block == kept[0].block:
        return None
    line = kept[0]
    words = len(line.text.split())
    if words > MAX_SUBTITLE_WORDS:
        return None
    if line.repeated or line.credit_removed:
        return line
    plain_deck = words <= MAX_PLAIN_DECK_WORDS and not ends_sentence(line.text)
    return line if after_title and plain_deck and any(c.islower() for c in line.text) else None


def _paragraphs(kept: Sequence[Line]) -> list[Paragraph]:
    paragraphs = []
    for _, group in groupby(kept, key=lambda line: line.block):
        texts = [line.text for line in group]
        joiner = " " if _hard_wrapped(texts) else "\n"
        paragraphs.append(Paragraph(joiner.join(texts)))
    return paragraphs


def _mark_headings(paragraphs: Sequence[Paragraph]) -> list[Paragraph]:
    """A heading is a short unpunctuated line between two paragraphs that are not headings."""
    marked = list(paragraphs)
    for index in range(1, len(paragraphs) - 1):
        before, current, after = paragraphs[index - 1], paragraphs[index], paragraphs[index + 1]
        if (
            _looks_like_heading(current.text)
            and not _looks_like_heading(before.text)
            and not _looks_like_heading(after.text)
        ):
            marked[index] = Paragraph(current.text, heading=True)
    return marked


def _looks_like_heading(text: str) -> bool:
    words = len(text.split())
    return (
        "\n" not in text
        and 1 <= words <= MAX_HEADING_WORDS
        and (text[0].isupper() or text[0].isdigit())
        and not text.endswith(tuple(_HEADING_END))
    )
