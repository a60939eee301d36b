"""Run the real CLI in-process, as a user would from the shell."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from detente.cli import main


@dataclass
class CliRun:
    code: int
    out: str
    err: str


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> CliRun:
    capsys.readouterr()
    with pytest.raises(SystemExit) as exit_info:
        main(list(args))
    captured = capsys.readouterr()
    code = exit_info.value.code
    return CliRun(code if isinstance(code, int) else 0, captured.out, captured.err)
