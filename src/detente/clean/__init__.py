"""The clean stage: a raw document (HTML or a plain-text dump) → an Article.

    clean(raw)       dispatch on raw.kind; metadata the source gave wins over what is found
    clean_text(...)  our line cleaner for plain-text dumps (clean/text.py)
    clean_html(...)  trafilatura + our debris filter (clean/html.py)

Both cleaners drop debris by the families of data/boilerplate.tsv and record each removal with its
reason; `keep_raw=True` keeps the input byte-for-byte instead.
"""

from __future__ import annotations

from detente.clean.html import clean_markup
from detente.clean.language import detect_language
from detente.clean.text import clean_plain
from detente.errors import CleanError, Errors
from detente.records import Article, RawDocument

__all__ = ["clean", "clean_html", "clean_text", "detect_language"]


def clean(raw: RawDocument, *, keep_raw: bool = False) -> Article:
    """The article of one raw document; raises CleanError (E2xx) when there is none."""
    where = raw.source.key
    if keep_raw:
        if not raw.content.strip():
            raise CleanError(Errors.E205.format(path=where))
        return Article(
            text=raw.content,
            title=raw.title,
            authors=list(raw.authors),
            published=raw.published,
            language=detect_language(raw.content),
        )
    if raw.kind == "html":
        article = clean_markup(raw.content, url=raw.url or raw.source.url, where=where)
        if raw.title:
            article.title = raw.title
    else:
        article = clean_plain(raw.content, title=raw.title, where=where)
    if raw.published:
        article.published = raw.published
    if raw.authors:
        article.authors = list(raw.authors)
    article.language = detect_language(article.text)
    return article


def clean_text(text: str, *, title: str | None = None) -> Article:
    """Clean a plain-text dump; `title`, when given, is the title (and its line is dropped)."""
    article = clean_plain(text, title=title, where="<text>")
    article.language = detect_language(article.text)
    return article


def clean_html(html: str, *, url: str | None = None) -> Article:
    """Extract and clean the article of an HTML page."""
    article = clean_markup(html, url=url, where=url or "<html>")
    article.language = detect_language(article.text)
    return article
