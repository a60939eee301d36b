"""Command line: `detente extract|ingest|stats|eval`."""

from __future__ import annotations


def main() -> None:
    raise SystemExit("not yet")
