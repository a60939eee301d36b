"""RSS and Atom feeds (feedparser): one document per entry."""

from __future__ import annotations

import io
import re
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser

from detente.errors import Errors
from detente.ingest.documents import failure
from detente.records import IngestFailure, RawDocument, Source

WEB_SCHEMES = frozenset({"http", "https"})
_MARKUP = re.compile(r"</?[a-z][a-z0-9]*\b[^<>]*>|&(?:#\d+|#x[0-9a-f]+|[a-z]+);", re.I)


def iter_feed(data: bytes, path: str) -> Iterator[RawDocument | IngestFailure]:
    whole = Source(path, "feed")
    try:
        # A stream, not bytes: feedparser would try short bytes as a file name first.
        parsed = feedparser.parse(io.BytesIO(data))
    except Exception as exc:  # a parser crash on bad input fails this feed only
        yield failure(whole, Errors.E110, detail=f"{type(exc).__name__}: {exc}")
        return
    if not parsed.entries:
        problem = parsed.get("bozo_exception")
        yield failure(whole, Errors.E110, detail=str(problem) if problem else "no entries")
        return
    feed_title = parsed.feed.get("title")
    seen: set[str] = set()
    for number, entry in enumerate(parsed.entries, 1):
        locator = entry.get("id") or entry.get("link") or f"entry {number}"
        locator = unique_locator(locator, number, seen)
        link, bad_link = entry_link(entry)
        if bad_link is not None:
            yield failure(Source(path, "feed", locator=locator), Errors.E129, detail=bad_link)
            continue
        source = Source(path, "feed", url=link, locator=locator)
        body = _body(entry)
        if not body.strip():
            yield failure(source, Errors.E102)
            continue
        yield RawDocument(
            source=source,
            content=body,
            kind="html" if _MARKUP.search(body) else "text",
            title=entry.get("title") or None,
            url=link,
            published=entry_date(entry),
            authors=entry_authors(entry),
            encoding=parsed.get("encoding"),
            metadata={"feed_title": feed_title} if feed_title else {},
        )


def _body(entry: Any) -> str:
    content = entry.get("content")
    if content and content[0].get("value"):
        return str(content[0]["value"])
    return str(entry.get("summary") or "")


def entry_link(entry: Any, base: str = "") -> tuple[str | None, str | None]:
    """The entry's link, resolved against `base` when given, if it is a web address, else None
    (feedparser copies an Atom id like "urn:uuid:..." into `link` when there is no link); and
    the E129 detail when the link is no URL at all ("http://[oops/"), else None: a publisher's
    typo fails its entry, not the feed."""
    given = entry.get("link") or ""
    try:
        link = urljoin(base, given)  # `given` itself when there is no base
        return (link if link and urlsplit(link).scheme in WEB_SCHEMES else None), None
    except ValueError as exc:
        return None, f"entry link {given!r}: {exc}"


def unique_locator(locator: str, number: int, seen: set[str]) -> str:
    """`locator` for entry `number` of a feed, or "entry {number}" when an earlier entry in
    `seen` took it: keys stay unique even when a feed repeats an id."""
    if locator in seen:
        locator = f"entry {number}"
    seen.add(locator)
    return locator


def entry_date(entry: Any) -> str | None:
    parsed: time.struct_time | None = entry.get("published_parsed") or entry.get("updated_parsed")
    return time.strftime("%Y-%m-%d", parsed) if parsed else None


def entry_authors(entry: Any) -> list[str]:
    names = [author.get("name") for author in entry.get("authors") or []]
    found = [name.strip() for name in names if name and name.strip()]
    if not found and entry.get("author"):
        found = [entry["author"].strip()]
    return found
