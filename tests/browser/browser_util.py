"""Helpers of the browser tests: the real app served by uvicorn on a free loopback port, and a
Chromium page that records console errors, page errors and dialogs."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from playwright.sync_api import ConsoleMessage, Dialog, Page

from detente.api import create_app

CHROMIUM = Path("/usr/bin/chromium")  # Debian's package; Playwright downloads no browser
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 10_000


def chromium_or_skip() -> Path:
    """The browser; a test without it is skipped, except in CI (env CI set), where it fails."""
    if CHROMIUM.is_file():
        return CHROMIUM
    reason = (
        f"{CHROMIUM} is not installed: the dashboard tests drive Debian's chromium "
        "(apt-get install chromium)"
    )
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


@contextmanager
def live_server(db: Path) -> Iterator[str]:
    """The app as `detente serve` builds it (read-only, loopback Host names only), served by
    uvicorn in a thread on a port the system picks; yields its base URL."""
    app = create_app(str(db), allowed_hosts=["127.0.0.1", "localhost"])
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="dashboard-test-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 15
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def api(server: str, path: str, **params: Any) -> Any:
    """The JSON of GET /api/<path> of the server at base URL `server`."""
    response = httpx.get(f"{server}/api/{path}", params=params)
    response.raise_for_status()
    return response.json()


@dataclass
class WatchedPage:
    """A page whose console errors, uncaught errors and dialogs are kept for the test to check
    (a CSP violation is a console error)."""

    page: Page
    problems: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.page.set_default_timeout(TIMEOUT_MS)
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))
        self.page.on("dialog", self._dialog)

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.problems.append(f"console error: {message.text}")

    def _dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def open(self, url: str, view: str) -> None:
        self.page.goto(url)
        self.wait_ready(view)

    def wait_ready(self, view: str) -> None:
        """Until the view has rendered for the URL now shown (navigation is by hash)."""
        self.page.wait_for_function(
            """view => {
                const main = document.getElementById("view");
                return main.dataset.ready === view && main.dataset.hash === location.hash;
            }""",
            arg=view,
        )
        errors = self.page.locator("#view .message.error").all_text_contents()
        assert not errors, errors

    def hash_params(self) -> dict[str, str]:
        params: dict[str, str] = self.page.evaluate(
            "Object.fromEntries(new URLSearchParams(location.hash.split('?')[1] ?? ''))"
        )
        return params

    def assert_clean(self) -> None:
        assert self.problems == []
        assert self.dialogs == []
