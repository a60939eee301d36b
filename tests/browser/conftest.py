"""Fixtures of the dashboard tests: Chromium (Playwright, Debian's binary) and a fresh page."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from browser_util import LAUNCH_ARGS, WatchedPage, chromium_or_skip
from playwright.sync_api import Browser, sync_playwright


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
