"""The README's screenshots of the dashboard, taken in Chromium on the ingested examples:

    .venv/bin/python tests/browser/screenshots.py docs/

writes overview.png (the home page), actor.png (Russia's page) and article.png (the article of
the newest event with that event's record panel open) into the folder given. Not a test: run it
when a view changes."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from browser_util import CHROMIUM, LAUNCH_ARGS, WatchedPage, api, live_server
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from shared_data import ingest_examples  # tests/ is not a package

# one viewport, small enough for a README
VIEWPORT = {"width": 1100, "height": 820}


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="detente-shots-") as temp:
        db = ingest_examples(Path(temp) / "examples.duckdb")
        with live_server(db) as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
            page = WatchedPage(browser.new_context(viewport=VIEWPORT).new_page())
            newest = api(base, "events", limit=1)["items"][0]
            article = f"#/article?id={newest['document_id']}&event={newest['event_id']}"
            # (file, hash, view the page shows when ready)
            for name, hash_, view in (
                ("overview.png", "#/", "overview"),
                ("actor.png", "#/actor?code=RUS", "actor"),
                ("article.png", article, "article"),
            ):
                page.open(f"{base}/{hash_}", view)
                if view == "article":  # the event's evidence, clicked: its record panel
                    page.page.locator("#doc-text span.hl-event.hl-focus").first.click()
                    page.page.locator("#record-panel").wait_for(state="visible")
                page.page.screenshot(path=out / name)
                print(out / name)
            page.assert_clean()
            browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs"))
