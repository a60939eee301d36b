"""Our cleaner for plain-text dumps of articles: rules on line features plus the debris families.

    lines ─ filter_lines (repeats, debris families, link lists) ─ title ─ subtitle ─ paragraphs
          ─ headings ─ Article

Paragraphs are blocks of consecutive non-blank lines. A block's lines are joined with a space only
when the block is clearly hard-wrapped, else kept on their own lines; a document without any blank
line (one paragraph per line) gives one paragraph per line. Nothing inside a line is rewritten, so
non-breaking spaces and quotes stay as they are.
"""

from __future__ import annotations

import re
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
MAX_SENTENCE_HEADLINE_WORDS = 14
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
# a full stop ending a sentence inside a line (not "U.S." or "Gov."): a lower-case word, a capital
_SENTENCE_BREAK = re.compile(r"[a-z]{2}[.!?]\s+[A-Z]")
_ABBREVIATION_END = re.compile(r"(?:^|[\s.])[A-Za-z]\.$")  # "… to the U.S.", "… decide N.H."


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
        title=title if title is not None else (_title_text(found_title) if found_title else None),
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
    # A title is a paragraph of its own with more text after it, or a line a semicolon ends
    # above its deck ("Paris attacks test Clinton's strategy;" / "New focus on terrorism …").
    alone = len(kept) > 1 and (kept[1].block != first.block or first.text.endswith(";"))
    if not alone:
        return None
    following = [line.text for line in kept[1:4]]
    if _looks_like_title(first.text) or _reads_like_headline(first.text, following):
        return first
    return None


def _title_text(line: Line) -> str:
    """The title without the full stop or semicolon a dump added ("… in New York." ), keeping an
    abbreviation's ("… to the U.S.")."""
    text = line.text
    if text.endswith(";") or (text.endswith(".") and not _ABBREVIATION_END.search(text)):
        return text[:-1].rstrip()
    return text


def _looks_like_title(text: str) -> bool:
    """Short, not a sentence, not shouted (an all-caps first line is a kicker or a label)."""
    words = len(text.split())
    return (
        1 <= words <= MAX_TITLE_WORDS
        and not text.endswith(tuple(_TITLE_END))
        and any(char.islower() for char in text)
    )


def _reads_like_headline(text: str, following: Sequence[str]) -> bool:
    """A headline that a text dump closed with a full stop or semicolon ("Clinton wins New York
    primary."): one short sentence, a longer line among the next ones, no label ("BYLINE: …")
    and not shouted."""
    words = text.split()
    label = words[0].endswith(":") and words[0][:-1].isupper()
    long_words = [w for w in words if len(w) > 3 and w[0].isalpha()]
    title_case = sum(w[0].isupper() for w in long_words) >= 0.6 * len(long_words)
    # a sentence-case line longer than this is an article's first sentence, unless a
    # semicolon joins a deck to it ("…skip Philadelphia; But expert says …")
    headline_length = len(words) <= MAX_SENTENCE_HEADLINE_WORDS or title_case or "; " in text
    return (
        1 <= len(words) <= MAX_TITLE_WORDS
        and headline_length
        and text.endswith((".", ";"))
        and not label
        and text[0].isupper()
        and any(char.islower() for char in text)
        and _SENTENCE_BREAK.search(text[:-1]) is None
        and any(len(line.split()) > len(words) for line in following)
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
