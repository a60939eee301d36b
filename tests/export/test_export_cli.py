"""`detente export` as a user runs it: files or standard output, a summary on stderr, coded
errors and exit codes for what cannot be done."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from export_util import export_app, read_table, write_database
from typer.testing import CliRunner, Result

from cli_util import run_cli
from detente.cli import EXIT_FATAL, EXIT_USAGE
from detente.export import GDELT_COLUMNS, QUOTE_COLUMNS
from detente.export.columns import names


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("export-cli") / "records.duckdb"
    write_database(path)
    return path


def invoke(*args: str) -> Result:
    return CliRunner().invoke(export_app(), list(args))


def one_line(text: str) -> str:
    return " ".join(text.split())


def squeezed(text: str) -> str:
    """Without any whitespace: the terminal console wraps long messages, even inside a path."""
    return "".join(text.split())


def test_gdelt_goes_to_standard_output_and_the_summary_to_stderr(db: Path) -> None:
    result = invoke("--format", "gdelt", "--db", str(db))
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(io.StringIO(result.stdout), sep="\t", dtype={"EventCode": str})
    assert tuple(frame.columns) == names(GDELT_COLUMNS)
    assert sorted(frame["EventCode"]) == ["012", "0311", "161"]  # 161: historical
    assert one_line(result.stderr) == (
        "exported 3 events from 2 documents to standard output; 1 negated, hypothetical "
        "or future events left out (--include-flagged keeps them); 1 events without a date "
        "left out (no date of their own and no publication date: see --published and "
        "--date-from-name)"
    )


def test_a_table_goes_to_the_file_named_by_out(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "quotes.parquet"
    result = invoke("--format", "parquet", "--table", "quotes", "--out", str(out), "--db", str(db))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    frame = read_table(out, "parquet")
    assert tuple(frame.columns) == names(QUOTE_COLUMNS) and len(frame) == 1
    assert one_line(result.stderr) == f"exported 1 quotes from 2 documents to {out}"


def test_the_database_comes_from_the_environment_too(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DETENTE_DB", str(db))
    result = invoke("--format", "jsonl", "--table", "documents")
    assert result.exit_code == 0, result.output
    assert len(result.stdout.splitlines()) == 2


def test_columns_prints_the_documentation_without_a_database(tmp_path: Path) -> None:
    result = invoke("--format", "gdelt", "--columns", "--db", str(tmp_path / "none.duckdb"))
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert len(lines) == len(GDELT_COLUMNS) + 2
    assert lines[2].startswith("| `GLOBALEVENTID` | BIGINT |")
    parquet = invoke("--format", "parquet", "--columns")  # no --out needed to list columns
    assert parquet.exit_code == 0 and "| `evidence_text` | VARCHAR |" in parquet.stdout
    documents = invoke("--format", "jsonl", "--table", "documents", "--columns")
    assert "detente extract --format jsonl" in one_line(documents.stdout)


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--format", "parquet"], EXIT_USAGE, "[E920] --format parquet writes a binary file"),
        (["--out", "{tmp}/no/such/folder/e.csv"], EXIT_USAGE, "[E921] {tmp}/no/such/folder/e.csv"),
        (["--out", "{tmp}"], EXIT_USAGE, "[E922] {tmp} is a folder"),
        (["--format", "polecat", "--table", "actors"], EXIT_USAGE, "[E923] --format polecat"),
        (["--table", "documents"], EXIT_USAGE, "[E923] --format csv has no table 'documents'"),
        (["--since", "2015-01-01", "--until", "2014-01-01"], EXIT_USAGE, "[E924]"),
    ],
)
def test_what_cannot_be_done_is_a_coded_error(
    db: Path, tmp_path: Path, args: list[str], code: int, message: str
) -> None:
    given = [arg.format(tmp=tmp_path) for arg in args]
    if "--db" not in given:
        given += ["--db", str(db)]
    result = invoke(*given)
    assert result.exit_code == code
    assert squeezed(message.format(tmp=tmp_path)) in squeezed(result.stderr)
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xml"], "'xml' is not one of 'csv', 'parquet', 'jsonl', 'gdelt', 'polecat'"),
        (["--table", "people"], "'people' is not one of"),
        (["--since", "2014-13-01"], "[E925] invalid --since date '2014-13-01'; use YYYY-MM-DD"),
    ],
)
def test_bad_option_values_are_usage_errors(args: list[str], message: str) -> None:
    result = invoke(*args)
    assert result.exit_code == 2  # click's usage error; the detente entry point maps it to 102
    assert squeezed(message) in squeezed(result.stderr.replace("│", ""))


def test_the_command_runs_from_the_detente_entry_point(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    done = run_cli(capsys, "export", "--format", "gdelt", "--db", str(db))
    assert done.code == 0 and done.out.startswith("GLOBALEVENTID\tSQLDATE\t")
    refused = run_cli(capsys, "export", "--format", "parquet", "--db", str(db))
    assert refused.code == EXIT_USAGE and "[E920]" in refused.err
    unknown = run_cli(capsys, "export", "--format", "xml", "--db", str(db))
    assert unknown.code == EXIT_USAGE
    missing = tmp_path / "missing.duckdb"
    absent = run_cli(capsys, "export", "--db", str(missing))
    assert absent.code == EXIT_FATAL and "[E711] no database at" in absent.err
    assert not missing.exists()
