"""Live feeds: poll RSS/Atom feeds and fetch the new article pages they link to.

    read_feed_list(path)     the feed URLs of a list file (one a line, # comments)
    parse_interval(text)     "15m", "30s", "1h", "90" → seconds
    poll_feeds(...)          one poll: new article pages as RawDocument | IngestFailure
    watch(...)               poll every N seconds, hand each poll's items to a callback

Pages are fetched through detente.ingest.http (http/https only, public addresses only unless
allowed, redirects, size and time capped).
"""

from __future__ import annotations

from detente.watch.feedlist import parse_interval, read_feed_list
from detente.watch.poll import Feed, FeedEntry, Item, poll_feeds, read_feed
from detente.watch.schedule import watch

__all__ = [
    "Feed",
    "FeedEntry",
    "Item",
    "parse_interval",
    "poll_feeds",
    "read_feed",
    "read_feed_list",
    "watch",
]
