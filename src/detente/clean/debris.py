"""The line filter both cleaners share: repeated lines, the boilerplate families of
data/boilerplate.tsv, and the link lists that follow a "Related" header.

Rules look at one line at a time plus its position: weak rules (scope "edge") only fire before the
first or after the last prose line, where page furniture sits.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from detente.clean.rules import DebrisMatch, match_debris
from detente.records import Removed

TERMINAL = ".!?…。！？"
CLOSING_QUOTES = "\"”’'»"
# A repeat is debris (a deck or caption printed twice) when it comes right after its first copy
# (debris between them aside) and the line occurs only twice; lines that recur more often, or
# further apart, are the page's structure (Q&A, menus, quoted tweets).
MIN_DUPLICATE_WORDS = 3
# Prose: the lines that mark where the article proper starts and ends.
MIN_PROSE_WORDS = 12
# A link list after a "Related" header: short lines without a full stop, or bullets.
MAX_LINK_WORDS = 20
MAX_LINK_LINES = 12
_BULLET = re.compile(r"^[-–•*·▪►]\s")
_SPACES = re.compile(r"\s+")


@dataclass(slots=True)
class Line:
    """One non-blank input line, stripped. `block` groups lines not separated by a blank line."""

    text: str
    block: int
    heading: bool = False  # marked up as a heading by the source (HTML <h2>...)
    credit_removed: bool = False  # a trailing photo credit was cut off this line
    repeated: bool = False  # the same line occurs again later (and was removed there)


@dataclass(slots=True)
class Filtered:
    """What survives the filter, what it removed (in document order), and metadata found."""

    lines: list[Line]
    removed: list[Removed] = field(default_factory=list)
    publisher: str | None = None
    authors: list[str] = field(default_factory=list)


def line_key(text: str) -> str:
    """Lines that differ only in case and spacing are the same line."""
    return _SPACES.sub(" ", text).strip().casefold()


def ends_sentence(text: str) -> bool:
    return text.rstrip(CLOSING_QUOTES + ")]").endswith(tuple(TERMINAL)) or text.endswith(":")


def is_prose(text: str) -> bool:
    return len(text.split()) >= MIN_PROSE_WORDS and ends_sentence(text)


def filter_lines(lines: Sequence[Line]) -> Filtered:
    """Drop debris lines and debris line ends; keep everything else as it is."""
    strong = [match_debris(line.text, at_edge=False) for line in lines]
    prose = [i for i, line in enumerate(lines) if strong[i] is None and is_prose(line.text)]
    first_prose, last_prose = (prose[0], prose[-1]) if prose else (len(lines), -1)

    keys = [line_key(line.text) for line in lines]
    counts = Counter(keys)
    result = Filtered(lines=[])
    previous: tuple[str, Line] | None = None  # the last kept line, under its full key
    link_list_open = bullets_only = False
    links_taken = 0
    for index, line in enumerate(lines):
        key = keys[index]
        if (
            previous is not None
            and previous[0] == key
            and counts[key] == 2
            and len(key.split()) >= MIN_DUPLICATE_WORDS
        ):
            previous[1].repeated = True
            result.removed.append(Removed(line.text, "duplicate"))
            continue
        at_edge = index < first_prose or index > last_prose
        found = strong[index] or (match_debris(line.text, at_edge=True) if at_edge else None)
        in_link_list = link_list_open and links_taken < MAX_LINK_LINES
        if found is None and in_link_list and _is_link_like(line.text, bullets_only):
            links_taken += 1
            result.removed.append(Removed(line.text, "read-more"))
            continue
        # "Related" alone heads a list of headlines; "Read more: X" may head a bulleted list.
        link_list_open = found is not None and found.reason == "read-more" and found.start == 0
        bullets_only = found is not None and found.where != "line"
        links_taken = 0
        kept = line if found is None else _record(result, line, found)
        if kept is not None:
            previous = (key, kept)
            result.lines.append(kept)
    return result


def _record(result: Filtered, line: Line, found: DebrisMatch) -> Line | None:
    """Note a debris match: the whole line goes, or only its end (a caption keeps its text)."""
    result.removed.append(Removed(line.text[found.start : found.end], found.reason))
    if found.publisher and result.publisher is None:
        result.publisher = found.publisher
    if found.authors and not result.authors:
        result.authors = split_authors(found.authors)
    if found.start == 0:
        return None
    return Line(line.text[: found.start].rstrip(), line.block, line.heading, credit_removed=True)


_AUTHOR_SEPARATOR = re.compile(r"\s*(?:,|;|&|\band\b)\s*")


def split_authors(names: str) -> list[str]:
    return [name for name in _AUTHOR_SEPARATOR.split(names.strip()) if name]


def _is_link_like(text: str, bullets_only: bool) -> bool:
    """A headline in a related-links list: a bullet, or a short line that is not a sentence."""
    if _BULLET.match(text):
        return True
    return not bullets_only and len(text.split()) <= MAX_LINK_WORDS and not ends_sentence(text)
