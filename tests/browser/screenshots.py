"""The README's screenshots of the dashboard, taken in Chromium on the ingested examples:

    .venv/bin/python tests/browser/screenshots.py docs/

writes overview.png (the home page) into the folder given. Not a test: run it when a view
changes."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from browser_util import CHROMIUM, LAUNCH_ARGS, WatchedPage, live_server
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from shared_data import ingest_examples  # tests/ is not a package

# (file, hash, view the page shows when ready); one viewport, small enough for a README
SHOTS = (("overview.png", "#/", "overview"),)
VIEWPORT = {"width": 1100, "height": 820}


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="detente-shots-") as temp:
        db = ingest_examples(Path(temp) / "examples.duckdb")
        with live_server(db) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
            page = WatchedPage(browser.new_context(viewport=VIEWPORT).new_page())
            for name, hash_, view in SHOTS:
                page.open(f"{base}/{hash_}", view)
                page.page.screenshot(path=out / name)
                print(out / name)
            page.assert_clean()
            browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs"))
