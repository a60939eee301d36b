"""Options shared by several commands, defined once."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from detente.errors import DetenteError

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database file or postgresql:// URL (default ./detente.duckdb, or DETENTE_DB).",
        metavar="PATH",
    ),
]
AllowPrivateOption = Annotated[
    bool,
    typer.Option(
        "--allow-private",
        help="Fetch from private, loopback and link-local addresses too (refused by default).",
    ),
]
DictionaryOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--dictionary",
        help="An actor dictionary of yours (our TSV or PETRARCH .actors/.agents), checked before "
        "the bundled ones; repeat for several.",
        exists=True,
        dir_okay=False,
        metavar="PATH",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def check_dictionaries(dictionaries: list[Path] | None) -> None:
    """A user dictionary that cannot be read, or is no dictionary, is a usage error (E43x/E44x)."""
    if not dictionaries:
        return  # the dictionary module loads spaCy with the actors stage: `stats` need not pay
    from detente.actors.dictionary import read_user_dictionary

    for path in dictionaries or ():
        try:
            read_user_dictionary(path)
        except DetenteError as exc:
            raise typer.BadParameter(str(exc), param_hint="'--dictionary'") from None


class CountBy(StrEnum):
    """What a figure or an exported row of events counts: each merged event of a story once, or
    every report (detente.explore.merge)."""

    events = "events"
    reports = "reports"
