"""Fixtures of the dashboard tests: Chromium (Playwright, Debian's binary), a fresh page, and the
real server over the ingested examples."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from browser_util import LAUNCH_ARGS, WatchedPage, chromium_or_skip, live_server
from playwright.sync_api import Browser, sync_playwright

from shared_data import ingest_examples


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = chromium_or_skip()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(executable), args=LAUNCH_ARGS)
        yield launched
        launched.close()


@pytest.fixture
def watched(browser: Browser) -> Iterator[WatchedPage]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        yield WatchedPage(context.new_page())
    finally:
        context.close()


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Base URL of the app over the examples ingested once; the app is read-only, so every test
    module can share it."""
    db = ingest_examples(tmp_path_factory.mktemp("examples") / "examples.duckdb")
    with live_server(db) as base:
        yield base
