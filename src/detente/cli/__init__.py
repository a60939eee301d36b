"""Command line: `detente extract | ingest | watch | stats | query | export | serve | eval`.

The commands are thin: they parse options, call the library and print. Exit codes:
0 every document went through; 1–100 that many documents failed (100 means 100 or more);
101 the run could not proceed (model missing, database unusable); 102 usage error;
130 interrupted (what was committed stays; rerun to finish).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

import typer
from rich.console import Console
from rich.text import Text

from detente.errors import DetenteError

EXIT_FATAL = 101
EXIT_USAGE = 102
EXIT_INTERRUPTED = 130
MAX_FAILURE_EXIT = 100

app = typer.Typer(
    name="detente",
    help="Evidence-linked event data from international-relations news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
eval_app = typer.Typer(help="Measure a stage against reference data.", no_args_is_help=True)
app.add_typer(eval_app, name="eval")

err_console = Console(stderr=True)


def print_error(message: str) -> None:
    err_console.print(Text.assemble(("error: ", "bold red"), message))


def failure_exit_code(failed: int) -> int:
    return min(failed, MAX_FAILURE_EXIT)


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the `detente` script; never lets a traceback reach the user for our errors."""
    from detente.cli import commands  # noqa: F401  (registers the commands)

    command = typer.main.get_command(app)
    try:
        code = command.main(
            args=list(argv) if argv is not None else sys.argv[1:],
            prog_name="detente",
            standalone_mode=False,
        )
    except typer.Exit as exc:
        code = exc.exit_code
    except typer.Abort:
        err_console.print("interrupted")
        code = EXIT_INTERRUPTED
    except typer.TyperException as exc:  # usage errors: typer vendors click's exceptions
        exc.show()  # type: ignore[attr-defined]
        code = EXIT_USAGE
    except DetenteError as exc:
        print_error(str(exc))
        code = EXIT_FATAL
    raise SystemExit(code if isinstance(code, int) else 0)
