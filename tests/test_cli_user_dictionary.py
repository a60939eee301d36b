"""`--dictionary` reaches the pipeline, and a file that is no dictionary stops the run at once."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from cli_util import run_cli
from detente.cli import EXIT_USAGE

pytestmark = pytest.mark.model

ARTICLE = "The Zorblax Ministry accused NATO of provocations in Brussels on Monday.\n"


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("zorblax.actors", "ZORBLAX_MINISTRY_ [ZRBGOV]\n+MINISTRY_OF_ZORBLAX\n"),
        ("zorblax.tsv", "actor\tZORBLAX_MINISTRY\torganization\tZRBGOV\tZorblax Ministry\n"),
    ],
)
def test_cli_extract_codes_a_name_only_the_user_dictionary_knows(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, content: str
) -> None:
    article = write(tmp_path, "news.txt", ARTICLE)
    without = run_cli(capsys, "extract", str(article))
    assert "ZRBGOV" not in without.out
    mine = write(tmp_path, name, content)
    run = run_cli(capsys, "extract", str(article), "--dictionary", str(mine))
    assert run.code == 0, run.err
    actors = json.loads(run.out)["actors"]
    assert "ZRBGOV" in {a["code"] for a in actors if "Zorblax Ministry" in a["name"]}


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("junk.bin", bytes(range(256)) * 8, "E431"),
        ("nul.actors", b"ZORBLAX\x00\x01\x02 [ZRB]\n", "E444"),
        ("empty.actors", b"", "E445"),
        ("comments.actors", b"# nothing but a comment\n\n", "E445"),
        ("notes.txt", b"Shopping list\nmilk\neggs\nbread for the weekend\n", "E446"),
        ("bad.tsv", b"actor\tX\tstate\n", "E438"),
    ],
)
def test_cli_a_file_that_is_no_dictionary_fails_the_run_before_it_starts(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, content: bytes, code: str
) -> None:
    article = write(tmp_path, "news.txt", ARTICLE)
    garbage = write(tmp_path, name, content)
    db = tmp_path / "d.duckdb"
    for command in (["extract"], ["ingest", "--db", str(db)]):
        run = run_cli(capsys, *command, str(article), "--dictionary", str(garbage))
        assert run.code == EXIT_USAGE, run.out
        assert f"[{code}] {garbage}" in run.err and "Traceback" not in run.err
        assert run.out == ""
    assert not db.exists()  # nothing started


@pytest.mark.slow
def test_cli_ingest_workers_use_the_user_dictionary(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DETENTE_BATCH_SIZE", "2")  # several batches: a pool of worker processes
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(6):
        write(corpus, f"n{i}.txt", f"Bulletin {i}. {ARTICLE}")
    mine = write(tmp_path, "zorblax.actors", "ZORBLAX_MINISTRY_ [ZRBGOV]\n")
    db = tmp_path / "d.duckdb"
    run = run_cli(capsys, "ingest", str(corpus), "--db", str(db), "--dictionary", str(mine))
    assert run.code == 0, run.err
    with duckdb.connect(str(db), read_only=True) as con:
        coded = con.execute("select count(distinct document_id) from actors where code = 'ZRBGOV'")
        assert coded.fetchone() == (6,)
