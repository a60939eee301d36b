"""poll_feeds against the local server: RSS and Atom entries become fetched article pages."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from watch_server import LOCAL, LocalServer

from detente.clean import clean
from detente.ingest.http import make_client
from detente.records import IngestFailure, RawDocument, Source
from detente.watch import Item, poll_feeds


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with make_client(LOCAL) as made:
        yield made


def poll(
    site: LocalServer, client: httpx.Client, *paths: str, seen: set[str] | None = None
) -> list[Item]:
    known = seen if seen is not None else set()
    return list(poll_feeds([site.url(p) for p in paths], client, LOCAL, seen=known.__contains__))


def documents(items: list[Item]) -> dict[str, RawDocument]:
    return {item.url or "": item for item in items if isinstance(item, RawDocument)}


def test_rss_entries_become_pages_with_entry_metadata(
    site: LocalServer, client: httpx.Client
) -> None:
    items = poll(site, client, "/rss.xml")
    pages = documents(items)
    assert list(pages) == [
        site.url(p) for p in ("/articles/geneva", "/articles/talks", "/articles/summit")
    ]
    geneva = pages[site.url("/articles/geneva")]
    # The page has no title, date or author of its own: the entry's are put on the document.
    assert geneva.source == Source(None, "url", url=site.url("/articles/geneva"))
    assert (geneva.kind, geneva.title, geneva.published) == (
        "html",
        "Leaders meet in Geneva",
        "2025-06-03",
    )
    assert geneva.authors == ["Anna Petrova"]
    assert geneva.metadata == {
        "feed": site.url("/rss.xml"),
        "feed_title": "World News",
        "entry_url": site.url("/articles/geneva"),
        "entry_title": "Leaders meet in Geneva",
        "entry_published": "2025-06-03",
    }
    # Reached through two redirects: the document is the final page, the link is kept.
    summit = pages[site.url("/articles/summit")]
    assert summit.metadata["entry_url"] == site.url("/hop/1")
    assert summit.title is None  # its <h1> "Summit set for July" is the page's own title
    assert summit.published is None  # neither the page nor the entry gives a date
    failures = [item for item in items if isinstance(item, IngestFailure)]
    assert [f.message.split(";")[0] for f in failures] == [
        f"[E126] {site.url('/missing')}: HTTP 404 Not Found from {site.url('/missing')}"
    ]


def test_the_page_own_title_and_date_win_over_the_feed(
    site: LocalServer, client: httpx.Client
) -> None:
    talks = documents(poll(site, client, "/rss.xml"))[site.url("/articles/talks")]
    assert (talks.title, talks.published) == (None, None)  # left to the clean stage
    assert talks.metadata["entry_title"] == "Talks resume (feed headline)"
    article = clean(talks)
    assert (article.title, article.published) == ("Talks resume in Vienna", "2025-06-04")
    assert article.text.startswith("The foreign ministers of both countries met on Tuesday")


def test_atom_entries_become_pages(site: LocalServer, client: httpx.Client) -> None:
    pages = documents(poll(site, client, "/atom.xml"))
    assert list(pages) == [site.url("/articles/envoy"), site.url("/articles/geneva")]
    envoy = pages[site.url("/articles/envoy")]
    assert (envoy.title, envoy.published, envoy.authors) == (
        "Envoy named",
        "2025-06-06",
        ["John Smith"],
    )
    assert envoy.metadata["feed_title"] == "Diplomacy"
    assert pages[site.url("/articles/geneva")].published == "2025-06-03"  # <updated>


def test_no_url_is_fetched_twice_in_one_poll(site: LocalServer, client: httpx.Client) -> None:
    items = poll(site, client, "/rss.xml", "/atom.xml", "/rss.xml")
    assert sorted(site.fetched()) == sorted(
        [
            "/rss.xml",
            "/atom.xml",
            "/articles/geneva",
            "/articles/talks",
            "/hop/1",
            "/hop/2",
            "/articles/summit",
            "/missing",
            "/articles/envoy",
        ]
    )
    urls = [item.url for item in items if isinstance(item, RawDocument)]
    assert len(urls) == len(set(urls)) == 4


def test_seen_links_are_not_fetched(site: LocalServer, client: httpx.Client) -> None:
    seen = {site.url("/articles/geneva"), site.url("/articles/talks")}
    pages = documents(poll(site, client, "/rss.xml", seen=seen))
    assert list(pages) == [site.url("/articles/summit")]
    assert not site.fetched("/articles/geneva") and not site.fetched("/articles/talks")


def test_a_redirecting_link_whose_page_is_seen_is_not_yielded(
    site: LocalServer, client: httpx.Client
) -> None:
    seen = {site.url("/articles/summit")}  # stored under its final URL
    pages = documents(poll(site, client, "/rss.xml", seen=seen))
    assert site.url("/articles/summit") not in pages


def test_a_second_poll_fetches_nothing_new(site: LocalServer, client: httpx.Client) -> None:
    seen: set[str] = set()
    first = documents(poll(site, client, "/rss.xml", "/atom.xml", seen=seen))
    for page in first.values():
        seen.update([page.url or "", page.metadata["entry_url"]])
    site.requests.clear()
    second = poll(site, client, "/rss.xml", "/atom.xml", seen=seen)
    assert len(first) == 4
    assert documents(second) == {}
    assert site.fetched("/articles") == [] and site.fetched("/hop") == []
    assert site.fetched() == ["/rss.xml", "/missing", "/atom.xml"]  # failures are tried again


def test_a_failing_feed_yields_a_failure_and_polling_goes_on(
    site: LocalServer, client: httpx.Client
) -> None:
    items = poll(site, client, "/missing", "/not-a-feed", "/atom.xml")
    failures = [item for item in items if isinstance(item, IngestFailure)]
    assert [f.source for f in failures] == [
        Source(None, "feed", url=site.url("/missing")),
        Source(None, "feed", url=site.url("/not-a-feed")),
    ]
    assert failures[0].message.startswith(f"[E126] {site.url('/missing')}: HTTP 404")
    assert failures[1].message.startswith(f"[E110] {site.url('/not-a-feed')}: unreadable feed (")
    assert len(documents(items)) == 2  # the Atom feed after them still came through
