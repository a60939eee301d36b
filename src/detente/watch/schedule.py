"""The watch loop: poll, hand the batch over, sleep; Ctrl-C ends it after the current batch."""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from types import FrameType

import httpx

from detente.ingest.http import FetchPolicy
from detente.records import RawDocument
from detente.watch.poll import Item, poll_feeds

# Links handled earlier in this session, kept so that an entry link the store cannot match (one
# that redirects: the store knows the page by its final URL) is not fetched again every poll.
SESSION_MEMORY = 100_000


def _nothing_seen(url: str) -> bool:
    return False


def watch(
    feeds: Sequence[str],
    *,
    every: float,
    iterations: int | None,
    on_batch: Callable[[list[Item]], None],
    client: httpx.Client,
    policy: FetchPolicy,
    seen: Callable[[str], bool] = _nothing_seen,
) -> None:
    """Poll `feeds` every `every` seconds, `iterations` times (None: until interrupted), handing
    each poll's items to `on_batch` (called once per poll, also with an empty list).

    The first Ctrl-C (SIGINT) stops fetching, hands what was fetched to `on_batch` and returns;
    a second one interrupts at once. A link whose page came through is not fetched again in this
    session even when `seen` does not know it; failed links are tried again next poll.
    """
    stop = threading.Event()
    handled: dict[str, None] = {}  # insertion-ordered, so the oldest are dropped first

    def known(url: str) -> bool:
        return url in handled or seen(url)

    with _stop_on_sigint(stop):
        done = 0
        while True:
            batch: list[Item] = []
            for item in poll_feeds(feeds, client, policy, seen=known):
                batch.append(item)
                if stop.is_set():
                    break
            on_batch(batch)
            _remember(handled, batch)
            done += 1
            if iterations is not None and done >= iterations:
                return
            if stop.wait(every):
                return


def _remember(handled: dict[str, None], batch: list[Item]) -> None:
    for item in batch:
        if isinstance(item, RawDocument):
            for url in (item.metadata.get("entry_url"), item.url):
                if url:
                    handled[url] = None
    while len(handled) > SESSION_MEMORY:
        del handled[next(iter(handled))]


@contextmanager
def _stop_on_sigint(stop: threading.Event) -> Iterator[None]:
    """SIGINT sets `stop` instead of raising, once; the previous handler is back afterwards.
    Signals reach only the main thread: elsewhere, this does nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    # None: a handler set outside Python; Python's own, which raises KeyboardInterrupt, stands in.
    previous = signal.getsignal(signal.SIGINT) or signal.default_int_handler

    def on_sigint(signum: int, frame: FrameType | None) -> None:
        stop.set()
        signal.signal(signal.SIGINT, previous)  # a second Ctrl-C interrupts at once

    signal.signal(signal.SIGINT, on_sigint)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
