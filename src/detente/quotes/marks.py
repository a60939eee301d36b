"""Quoted stretches: text between quotation marks, paired per paragraph.

Straight "…", curly “…”, guillemets «…», German „…“ and the doubled apostrophe ''…'' of some
newspaper archives are paired left to right. A paragraph
that ends inside a quote continues it only when the next paragraph opens with a quotation mark
(the convention for multi-paragraph quotes); otherwise the stray opening mark is dropped, so an
unbalanced mark never pairs across paragraphs and never derails the rest of the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MARKS = re.compile("''|[\"“”„«»]")
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")
_OPENERS_AFTER = frozenset(" \t\n([{—–-/")


@dataclass(frozen=True, slots=True)
class Stretch:
    """A quoted stretch: `open` and `close` are the offsets of its marks, the content between."""

    open: int
    close: int
    open_width: int = 1  # 2 for ''

    @property
    def start(self) -> int:
        return self.open + self.open_width

    @property
    def end(self) -> int:
        return self.close


def paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph; paragraphs are separated by blank lines."""
    spans = []
    cut = 0
    for brk in _PARAGRAPH_BREAK.finditer(text):
        spans.append((cut, brk.start()))
        cut = brk.end()
    spans.append((cut, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _role(text: str, pos: int, width: int, german_open: bool) -> str:
    """'open' or 'close' for the mark at `pos`; straight quotes are judged by their neighbours."""
    mark = text[pos]
    if mark in "„«":
        return "open"
    if mark in "”»":
        return "close"
    if mark == "“":
        return "close" if german_open else "open"
    before = text[pos - 1] if pos > 0 else " "
    after = text[pos + width] if pos + width < len(text) else " "
    if before in _OPENERS_AFTER and not after.isspace():
        return "open"
    return "close"


def _opens_paragraph(text: str, start: int) -> bool:
    return start < len(text) and (text[start] in '"“„«' or text.startswith("''", start))


def quoted_stretches(text: str) -> list[Stretch]:
    """All balanced quoted stretches of `text`, in order, each within one paragraph or continued
    over paragraphs that open with a quotation mark."""
    stretches: list[Stretch] = []
    parts = paragraphs(text)
    # (offset, width) of the opening mark of a quote continued from the previous paragraph
    carried: tuple[int, int] | None = None
    for index, (start, end) in enumerate(parts):
        open_at, open_width = carried if carried is not None else (None, 1)
        german = open_at is not None and text[open_at] == "„"
        carried = None
        for match in _MARKS.finditer(text, start, end):
            pos, width = match.start(), match.end() - match.start()
            if open_at is not None and pos == start and index > 0 and open_at < start:
                continue  # the repeated opening mark of a continued paragraph
            if _role(text, pos, width, german) == "open":
                # a second opener restarts: the first one was stray
                open_at, open_width, german = pos, width, text[pos] == "„"
            elif open_at is not None:
                stretches.append(Stretch(open_at, pos, open_width))
                open_at = None
        next_opens = index + 1 < len(parts) and _opens_paragraph(text, parts[index + 1][0])
        if open_at is not None and next_opens:
            carried = (open_at, open_width)
    return stretches
