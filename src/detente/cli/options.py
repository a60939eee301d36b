"""Options shared by several commands, defined once."""

from __future__ import annotations

from typing import Annotated

import typer

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Database file or postgresql:// URL (default ./detente.duckdb, or DETENTE_DB).",
        metavar="PATH",
    ),
]
