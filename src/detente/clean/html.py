"""HTML → Article: trafilatura finds the body and the metadata, our debris filter cleans the body.

Mode, chosen by measuring on zyte-dev (benchmark shingle F1 of trafilatura's body alone, before our
filter): default 0.962, favor_precision 0.955, favor_recall 0.960; favor_precision falling back to
the default when precision keeps less than half of the default's words 0.969 (the same for any
cut-off from 0.3 to 0.6; precision mode sometimes drops whole sections or the whole article). With
our debris filter on top: 0.974. `detente eval clean --zyte DIR` reruns the comparison.

Both modes run with trafilatura's `fast` on: no comparison with readability and jusText, no jusText
candidate in its recall retry, and teaser blocks kept. On zyte-dev that changed no output (the
comparison, called 125 times on the 61 pages, changed trafilatura's text on none) and saved a
third of the cleaning time. When the default mode's fast pass comes back short or without
paragraph text (`_needs_fallbacks`: a part of what triggers trafilatura's own fallbacks, the part
that empties pages), both modes run again without `fast`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import islice

import trafilatura
from lxml.etree import _Element
from lxml.html import HtmlElement
from trafilatura.settings import DEFAULT_CONFIG
from trafilatura.utils import load_html
from trafilatura.xml import xmltotxt

from detente.clean.body import Paragraph, assemble
from detente.clean.debris import Line, filter_lines, line_key, split_authors
from detente.errors import CleanError, Errors
from detente.records import Article

# A fast pass shorter than this many characters runs again with the fallbacks: twice the
# length under which trafilatura itself tries jusText.
FALLBACK_CHARS = 2 * DEFAULT_CONFIG.getint("DEFAULT", "MIN_EXTRACTED_SIZE")
# Precision mode is kept while it has at least this share of the default mode's words.
MIN_PRECISION_SHARE = 0.5
# trafilatura's own input limit, applied when it parses the page (as bare_extraction does)
_MAX_FILE_SIZE = DEFAULT_CONFIG.getint("DEFAULT", "MAX_FILE_SIZE")
# Pages with more tags are refused before parsing: trafilatura's time grows faster than the tag
# count (100,000 take ~10 s, 1,000,000 take minutes and GBs); news pages have a few thousand.
MAX_HTML_TAGS = 100_000
_TAG = re.compile(r"<[A-Za-z]")


def clean_markup(html: str, *, url: str | None, where: str) -> Article:
    """Clean one HTML page; `where` names it in error messages."""
    if next(islice(_TAG.finditer(html), MAX_HTML_TAGS, None), None) is not None:
        raise CleanError(Errors.E206.format(path=where, limit=MAX_HTML_TAGS))
    # Both modes read the same tree: parsed once here, trafilatura works on copies of it.
    tree = _parse(html)
    page = _extract(tree, url, favor_precision=False, with_metadata=True, fast=True)
    fast = not _needs_fallbacks(page)
    if not fast:
        page = _extract(tree, url, favor_precision=False, with_metadata=True, fast=False)
    precise = _extract(tree, url, favor_precision=True, with_metadata=False, fast=fast)
    chosen = page
    if precise is not None and (
        page is None or _words(precise) >= MIN_PRECISION_SHARE * _words(page)
    ):
        chosen = precise
    lines = list(_body_lines(chosen.body)) if chosen is not None and chosen.body is not None else []
    if not lines:
        raise CleanError(Errors.E201.format(path=where, chars=len(html)))
    filtered = filter_lines(lines)
    kept = filtered.lines
    title = page.title if page is not None else None
    if kept and title and line_key(kept[0].text) == line_key(title):
        kept = kept[1:]  # the title repeated atop the body: it is in `title` already
    if not kept:
        raise CleanError(Errors.E202.format(path=where, lines=len(lines)))

    body = assemble(_paragraphs(kept))
    authors = split_authors(page.author) if page is not None and page.author else filtered.authors
    sitename = page.sitename if page is not None else None
    return Article(
        text=body.text,
        title=title,
        authors=authors,
        publisher=sitename or filtered.publisher,
        published=page.date if page is not None else None,
        headings=body.headings,
        removed=filtered.removed,
    )


def _parse(html: str) -> HtmlElement | str:
    """The page parsed as trafilatura parses it; the text itself when that fails, so that
    trafilatura meets (and reports) the same failure on its own."""
    try:
        tree = load_html(html, _MAX_FILE_SIZE)
    except Exception:
        return html
    return tree if tree is not None else html


def _extract(
    html: HtmlElement | str,
    url: str | None,
    *,
    favor_precision: bool,
    with_metadata: bool,
    fast: bool,
) -> trafilatura.settings.Document | None:
    document = trafilatura.bare_extraction(
        html,
        url=url,
        favor_precision=favor_precision,
        with_metadata=with_metadata,
        include_comments=False,
        fast=fast,
    )
    return document if isinstance(document, trafilatura.settings.Document) else None


def _needs_fallbacks(document: trafilatura.settings.Document | None) -> bool:
    """Whether trafilatura's fallbacks may do better than its fast pass: nothing found, little
    text, or no paragraph text (some of the cases its own comparison looks for)."""
    if document is None or document.body is None:
        return True
    return len(document.text or "") < FALLBACK_CHARS or not document.body.xpath(".//p//text()")


def _words(document: trafilatura.settings.Document) -> int:
    return len((document.text or "").split())


def _body_lines(body: _Element) -> Iterator[Line]:
    """One Line per text line of trafilatura's XML body, rendered the way trafilatura renders its
    own text output; each top-level element (paragraph, heading, list, table, quote) is a block."""
    for number, element in enumerate(body):
        for line in xmltotxt(element, include_formatting=False).split("\n"):
            if line.strip():
                yield Line(line.strip(), number, heading=element.tag == "head")


def _paragraphs(kept: list[Line]) -> list[Paragraph]:
    paragraphs: list[Paragraph] = []
    block = -1
    for line in kept:
        if line.block == block and paragraphs and not line.heading:
            previous = paragraphs[-1]
            paragraphs[-1] = Paragraph(f"{previous.text}\n{line.text}", previous.heading)
        else:
            paragraphs.append(Paragraph(line.text, heading=line.heading))
        block = line.block
    return paragraphs
