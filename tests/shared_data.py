"""Where the test data lives. The shared folder (../shared) is used when present; the repo keeps
its own copy of the example article under examples/ so the suite runs without it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from detente.records import Result

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
EXAMPLES = REPO / "examples"
ARTICLE = EXAMPLES / "rbth_russia_nato.txt"
ARTICLE_PUBLISHED = "2014-12-03"  # the example article's date, as `make run` gives it


def shared_path(*parts: str) -> Path:
    """A path under ../shared; the test is skipped when that data is not there."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"shared data not present: {path}")
    return path


def ingest_examples(db: Path) -> Path:
    """The examples stored as `make run` stores them, through the CLI: the article with its
    publication date, then the folder (the pages carry theirs)."""
    from detente.cli import main

    for arguments in (
        [str(ARTICLE), "--published", ARTICLE_PUBLISHED],
        [str(EXAMPLES)],
    ):
        with pytest.raises(SystemExit) as exit_info:
            main(["ingest", *arguments, "--db", str(db)])
        assert exit_info.value.code == 0, f"ingesting the examples failed ({exit_info.value})"
    return db


def example_results() -> list[Result]:
    """The examples through the pipeline, dated as `make run` dates them."""
    from detente.ingest import iter_documents
    from detente.pipeline import Pipeline
    from detente.settings import Settings

    settings = Settings()
    article = iter_documents([ARTICLE], settings)
    pages = iter_documents([EXAMPLES / "zyte"], settings)
    return [
        *Pipeline(settings, published=ARTICLE_PUBLISHED).run(article),
        *Pipeline(settings).run(pages),
    ]
