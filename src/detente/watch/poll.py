"""One poll: fetch each feed, then each new article page its entries link to."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

import feedparser
import httpx
import trafilatura

from detente.errors import Errors
from detente.ingest.documents import failure
from detente.ingest.feeds import entry_authors, entry_date, entry_link, unique_locator
from detente.ingest.http import FEED_ACCEPT, Download, FetchPolicy, download, fetch_url
from detente.records import IngestFailure, RawDocument, Source

Item = RawDocument | IngestFailure


@dataclass(frozen=True, slots=True)
class FeedEntry:
    """What a feed says about one article: where it is, and its headline, date and authors."""

    link: str
    title: str | None
    published: str | None
    authors: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Feed:
    url: str  # after redirects: relative entry links are resolved against it
    title: str | None
    entries: list[FeedEntry]
    bad_links: list[IngestFailure] = field(default_factory=list)  # entries whose link is no URL


def poll_feeds(
    feeds: Sequence[str],
    client: httpx.Client,
    policy: FetchPolicy,
    *,
    seen: Callable[[str], bool],
) -> Iterator[Item]:
    """Every new article page linked from `feeds`, as RawDocuments in feed order. An entry whose
    link (or the page it redirects to) is `seen` is skipped; no URL is fetched twice in one poll;
    a feed or page that fails yields its IngestFailure and the poll goes on, and so does an entry
    whose link is not a URL at all. Entries without a web link are skipped (there is no page to
    fetch)."""
    fetched: set[str] = set()
    for feed_url in feeds:
        if feed_url in fetched:
            continue
        fetched.add(feed_url)
        feed = read_feed(feed_url, client, policy)
        if isinstance(feed, IngestFailure):
            yield feed
            continue
        fetched.add(feed.url)
        yield from feed.bad_links
        for entry in feed.entries:
            if entry.link in fetched or seen(entry.link):
                continue
            fetched.add(entry.link)
            page = fetch_url(entry.link, client, policy)
            if isinstance(page, IngestFailure):
                yield page
                continue
            if page.url is not None and page.url != entry.link:  # it redirected
                if page.url in fetched or seen(page.url):
                    continue
                fetched.add(page.url)
            yield with_entry_metadata(page, entry, feed)


def read_feed(url: str, client: httpx.Client, policy: FetchPolicy) -> Feed | IngestFailure:
    """The feed at `url`, fetched under the policy and parsed by feedparser."""
    fetched = download(url, client, policy, accept=FEED_ACCEPT, source_format="feed")
    if isinstance(fetched, IngestFailure):
        return fetched
    return parse_feed(fetched, url)


def parse_feed(fetched: Download, requested: str) -> Feed | IngestFailure:
    source = Source(None, "feed", url=requested)
    try:
        # A stream, not bytes: feedparser would try short bytes as a file name first.
        parsed = feedparser.parse(
            io.BytesIO(fetched.content),
            response_headers={"content-type": fetched.content_type},
        )
    except Exception as exc:  # a parser crash on bad input fails this feed only
        return failure(source, Errors.E110, detail=f"{type(exc).__name__}: {exc}")
    problem = parsed.get("bozo_exception")
    if not parsed.entries and problem is not None:  # a feed may be empty; a non-feed is an error
        return failure(source, Errors.E110, detail=str(problem))
    entries: dict[str, FeedEntry] = {}  # by link: a feed that repeats a link lists it once
    bad_links: list[IngestFailure] = []
    bad_locators: set[str] = set()
    for number, entry in enumerate(parsed.entries, 1):
        link, bad_link = entry_link(entry, fetched.url)
        if bad_link is not None:
            locator = unique_locator(entry.get("id") or f"entry {number}", number, bad_locators)
            where = Source(None, "feed", url=requested, locator=locator)
            bad_links.append(failure(where, Errors.E129, detail=bad_link))
            continue
        if link is not None and link != fetched.url:
            title = entry.get("title") or None
            entries.setdefault(
                link, FeedEntry(link, title, entry_date(entry), tuple(entry_authors(entry)))
            )
    title = parsed.feed.get("title") or None
    return Feed(fetched.url, title, list(entries.values()), bad_links)


def with_entry_metadata(page: RawDocument, entry: FeedEntry, feed: Feed) -> RawDocument:
    """The page, with the entry's title, date and authors where the page has none of its own
    (the clean stage prefers what a RawDocument carries to what it finds in the HTML), and
    where it came from in `metadata`."""
    title, published, has_authors = _page_metadata(page)
    if not title:
        page.title = entry.title
    if not published:
        page.published = entry.published
    if not has_authors:
        page.authors = list(entry.authors)
    page.metadata.update(
        {
            "feed": feed.url,
            "feed_title": feed.title,
            "entry_url": entry.link,
            "entry_title": entry.title,
            "entry_published": entry.published,
        }
    )
    return page


def _page_metadata(page: RawDocument) -> tuple[str | None, str | None, bool]:
    """The title, date and whether there are authors that the clean stage will find in the page:
    trafilatura's metadata, as clean_markup reads it. Plain text declares none."""
    if page.kind != "html":
        return None, None, False
    found = trafilatura.extract_metadata(page.content, default_url=page.url)
    return found.title, found.date, bool(found.author)
