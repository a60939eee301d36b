"""Stories with Dask workers: the workers run the pipeline, the parent process stores each batch,
so near duplicates processed by different workers still join one story."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from store_util import POLNEAR, article_body, edited, headlined

from cli_util import run_cli
from shared_data import ARTICLE, shared_path

pytestmark = [pytest.mark.model, pytest.mark.slow]


def test_near_duplicates_ingested_by_two_dask_workers_share_a_story(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    unrelated = shared_path(*POLNEAR, "nyt_2015-11-09_jobs-report-gives-democrats-a-li.txt")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    texts = {
        "original.txt": ARTICLE.read_text(encoding="utf-8"),
        "headlined.txt": headlined(article_body()),
        "edited.txt": edited(article_body()),
        "unrelated.txt": unrelated.read_text(encoding="utf-8"),
    }
    for name, text in texts.items():
        (corpus / name).write_text(text, encoding="utf-8")
    monkeypatch.setenv("DETENTE_BATCH_SIZE", "1")  # a batch, and a transaction, each
    db = tmp_path / "d.duckdb"
    for _ in range(2):  # the second run skips what the first stored
        run = run_cli(capsys, "ingest", str(corpus), "--db", str(db), "--workers", "2")
        assert run.code == 0, run.err
    with duckdb.connect(str(db), read_only=True) as con:
        rows = con.execute(
            "SELECT s.path, d.id, d.story FROM sources s JOIN documents d ON d.id = s.document_id"
            " ORDER BY d.created_at, d.id"
        ).fetchall()
        events = con.execute(
            "SELECT count(*) FROM events e JOIN documents d ON d.id = e.document_id"
            " WHERE e.story IS DISTINCT FROM d.story"
        ).fetchone()
    story = {Path(path).name: story for path, _, story in rows}
    first = next(doc_id for path, doc_id, _ in rows if Path(path).name != "unrelated.txt")
    unrelated_id = next(doc_id for path, doc_id, _ in rows if Path(path).name == "unrelated.txt")
    assert story == {
        "original.txt": first,  # whichever variant was stored first names the story
        "headlined.txt": first,
        "edited.txt": first,
        "unrelated.txt": unrelated_id,
    }
    assert events == (0,)
