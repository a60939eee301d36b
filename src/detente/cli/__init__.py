"""Command line: `detente extract | ingest | watch | stats | info | recode | query | export |
serve | eval`, and `detente --version`.

The commands are thin: they parse options, call the library and print. Exit codes:
0 every document went through; 1–100 that many documents failed (100 means 100 or more);
101 the run could not proceed (model missing, database unusable, or an unexpected failure,
whose traceback goes to a file, never to the terminal); 102 usage error (bad options or
DETENTE_* settings); 130 interrupted (what was committed stays; rerun to finish).
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
import traceback
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from detente import __version__
from detente.errors import DetenteError, Errors, SettingsError
from detente.settings import DEFAULT_MODEL

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
    # one line whatever the terminal width, so a path or URL in it can be copied whole
    err_console.print(Text.assemble(("error: ", "bold red"), message), soft_wrap=True)


def failure_exit_code(failed: int) -> int:
    return min(failed, MAX_FAILURE_EXIT)


def model_package(model: str) -> tuple[str, str | None]:
    """The spaCy model's package name as pip knows it, and its installed version (None: not
    installed as a package)."""
    package = model.replace("_", "-")
    try:
        return package, metadata.version(package)
    except metadata.PackageNotFoundError:
        return package, None


def _show_version(value: bool) -> None:
    if value:
        # the variable is read alone: a bad value of another setting must not stop --version
        package, version = model_package(os.environ.get("DETENTE_SPACY_MODEL") or DEFAULT_MODEL)
        spacy_version = metadata.version("spacy")
        shown = version or "not installed"
        print(f"detente {__version__} (spaCy {spacy_version}, {package} {shown})")
        raise typer.Exit(0)


@app.callback()
def _main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            help="Print detente's version and the spaCy model it uses, then exit.",
            callback=_show_version,
            is_eager=True,
        ),
    ] = False,
) -> None:
    """Evidence-linked event data from international-relations news."""


def _report_crash(exc: BaseException) -> str:
    """Write the traceback of an unexpected failure to a file; the terminal gets one line."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    path = Path(tempfile.gettempdir()) / f"detente-crash-{stamp}-{id(exc):x}.txt"
    try:
        path.write_text("".join(traceback.format_exception(exc)), encoding="utf-8")
        log = str(path)
    except OSError:
        log = "(no file could be written)"
    return Errors.E001.format(detail=f"{type(exc).__name__}: {exc}"[:300], log=log)


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the `detente` script; never lets a traceback reach the user for our errors."""
    from detente.cli import commands  # noqa: F401  (registers the commands)

    command = typer.main.get_command(app)
    try:  # typer itself returns 130 for a KeyboardInterrupt when standalone_mode is False
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
    except SettingsError as exc:
        print_error(str(exc))
        code = EXIT_USAGE
    except DetenteError as exc:
        print_error(str(exc))
        code = EXIT_FATAL
    except Exception as exc:  # a bug of ours: one coded line here, the traceback in a file
        print_error(_report_crash(exc))
        code = EXIT_FATAL
    raise SystemExit(code if isinstance(code, int) else 0)
