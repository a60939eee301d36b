"""Hostile inputs that used to take minutes and gigabytes: each finishes, or is a coded error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cli_util import run_cli
from detente.clean.html import MAX_HTML_TAGS

pytestmark = pytest.mark.model


@pytest.mark.timeout(60)
def test_cli_a_page_of_a_million_tags_is_a_coded_error_at_once(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # 8 MB of <b></b>: trafilatura took two minutes and 1.9 GB on it
    page = tmp_path / "tags.html"
    page.write_text("<html><body>" + "<b></b>" * 1_000_000 + "</body></html>", encoding="utf-8")
    run = run_cli(capsys, "extract", str(page))
    assert run.code == 1 and "Traceback" not in run.err
    [error] = json.loads(run.out)["errors"]
    assert error["stage"] == "clean"
    assert error["message"].startswith(f"[E206] {page}: the page has more than {MAX_HTML_TAGS:,}")


@pytest.mark.timeout(60)
def test_cli_a_page_under_the_tag_limit_is_cleaned(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    page = tmp_path / "long.html"
    paragraph = "<p>The foreign ministers of Elbonia and Freedonia met in Geneva on Monday.</p>"
    page.write_text("<html><body><article>" + paragraph * 2_000 + "</article></body></html>")
    run = run_cli(capsys, "extract", str(page))
    assert run.code == 0, run.err
    assert json.loads(run.out)["text"].startswith("The foreign ministers of Elbonia")


@pytest.mark.slow
@pytest.mark.timeout(300)
@pytest.mark.parametrize(
    "body",
    [
        pytest.param('"the" ' * 30_000, id="quote marks, no sentence end"),
        pytest.param("“" * 60_000, id="one run of curly quotes"),
        pytest.param('"talks with the minister," he said.\n' * 3_000, id="lines of quoted words"),
    ],
)
def test_cli_quote_dense_text_finishes_with_exact_offsets(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, body: str
) -> None:
    # Before: one sentence of every token; the quotes stage was quadratic in it, and the model
    # held ~10 KB a token (the 416 KB case: 100 s, 4.3 GB)
    path = tmp_path / "dense.txt"
    path.write_text(body, encoding="utf-8")
    run = run_cli(capsys, "extract", "--raw", str(path))
    assert run.code == 0, run.err
    out = json.loads(run.out)
    assert out["text"] == body
    spans = out["sentences"] + [q["content"] for q in out["quotes"]]
    assert spans and all(body[s["start"] : s["end"]] == s["text"] for s in spans)
