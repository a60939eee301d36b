"""watch(): poll, hand each batch over, sleep; Ctrl-C ends it cleanly after the batch."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from watch_server import LOCAL, LocalServer

from detente.ingest.http import make_client
from detente.records import RawDocument
from detente.watch import Item, watch


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    with make_client(LOCAL) as made:
        yield made


def urls(batch: list[Item]) -> list[str | None]:
    return [item.url if isinstance(item, RawDocument) else item.source.url for item in batch]


def test_each_poll_hands_over_only_what_is_new(site: LocalServer, client: httpx.Client) -> None:
    batches: list[list[Item]] = []
    feeds = [site.url("/rss.xml"), site.url("/atom.xml")]
    stored = {site.url("/articles/envoy")}  # already in the store
    watch(
        feeds,
        every=0,
        iterations=3,
        on_batch=batches.append,
        client=client,
        policy=LOCAL,
        seen=stored.__contains__,
    )
    assert len(batches) == 3
    assert urls(batches[0]) == [
        site.url(p) for p in ("/articles/geneva", "/articles/talks", "/articles/summit", "/missing")
    ]
    # Later polls: the pages came through (the redirecting link /hop/1 included, though the
    # store would know only its final URL); the failed link is tried again.
    assert urls(batches[1]) == urls(batches[2]) == [site.url("/missing")]
    assert site.fetched("/hop") == ["/hop/1", "/hop/2"]
    assert site.fetched("/articles/geneva") == ["/articles/geneva"]


def test_ctrl_c_ends_the_watch_after_the_current_batch(
    site: LocalServer, client: httpx.Client
) -> None:
    batches: list[list[Item]] = []

    def interrupt(batch: list[Item]) -> None:
        batches.append(batch)
        os.kill(os.getpid(), signal.SIGINT)

    before = signal.getsignal(signal.SIGINT)
    watch(
        [site.url("/atom.xml")],
        every=0,
        iterations=None,
        on_batch=interrupt,
        client=client,
        policy=LOCAL,
    )
    assert len(batches) == 1 and len(batches[0]) == 2
    assert signal.getsignal(signal.SIGINT) is before


def test_ctrl_c_during_a_poll_hands_over_what_was_fetched(
    site: LocalServer, client: httpx.Client
) -> None:
    batches: list[list[Item]] = []
    original = client.send

    def send_then_interrupt(request: httpx.Request, **options: Any) -> httpx.Response:
        if request.url.path.startswith("/articles"):  # Ctrl-C while the first page loads
            os.kill(os.getpid(), signal.SIGINT)
        return original(request, **options)

    client.send = send_then_interrupt  # type: ignore[method-assign]
    watch(
        [site.url("/atom.xml")],
        every=0,
        iterations=None,
        on_batch=batches.append,
        client=client,
        policy=LOCAL,
    )
    assert [urls(batch) for batch in batches] == [[site.url("/articles/envoy")]]


def test_ctrl_c_cuts_the_sleep_short(site: LocalServer, client: httpx.Client) -> None:
    batches: list[list[Item]] = []

    def interrupt_soon(batch: list[Item]) -> None:
        batches.append(batch)
        threading.Timer(0.1, os.kill, (os.getpid(), signal.SIGINT)).start()

    started = time.monotonic()
    watch(
        [site.url("/atom.xml")],
        every=60,
        iterations=None,
        on_batch=interrupt_soon,
        client=client,
        policy=LOCAL,
    )
    assert time.monotonic() - started < 5
    assert len(batches) == 1


def test_a_second_ctrl_c_interrupts_at_once(site: LocalServer, client: httpx.Client) -> None:
    def interrupt_twice(batch: list[Item]) -> None:
        catching = signal.getsignal(signal.SIGINT)
        os.kill(os.getpid(), signal.SIGINT)
        # the second only once the first was caught: two SIGINTs pending at once are one (a
        # busy machine may run another thread between them, where the C handler notes both)
        deadline = time.monotonic() + 5
        while signal.getsignal(signal.SIGINT) is catching and time.monotonic() < deadline:
            time.sleep(0.01)
        os.kill(os.getpid(), signal.SIGINT)

    # as in a CLI process, whatever handler an earlier test left in this one
    inherited = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        with pytest.raises(KeyboardInterrupt):
            watch(
                [site.url("/atom.xml")],
                every=0,
                iterations=None,
                on_batch=interrupt_twice,
                client=client,
                policy=LOCAL,
            )
    finally:
        signal.signal(signal.SIGINT, inherited)
