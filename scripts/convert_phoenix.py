"""Convert the MIT Phoenix (PETRARCH-2) actor and agent dictionaries to detente's table format.

    python scripts/convert_phoenix.py [PETRARCH2_DIR] [OUT_DIR]

Defaults: ../shared/data/events/petrarch2 → src/detente/data/actors. Re-running rewrites the
four Phoenix.*.tsv files; detente.additions.tsv (our own entries) is never touched. What the
source files hold that cannot be read (bad dates, code lines outside a block, entries without
any code) is skipped and listed on stderr.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

from detente.actors.dictionary import format_row
from detente.actors.entries import Entry
from detente.actors.tabari import ReadReport, read_actors_with_report, read_agents_with_report
from detente.codes import DatedCode

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = REPO.parent / "shared" / "data" / "events" / "petrarch2"
DEFAULT_OUT = REPO / "src" / "detente" / "data" / "actors"
SOURCES = (
    ("Phoenix.Countries.actors.txt", "Phoenix.Countries", "actors"),
    ("Phoenix.International.actors.txt", "Phoenix.International", "actors"),
    ("Phoenix.MilNonState.actors.txt", "Phoenix.MilNonState", "actors"),
    ("Phoenix.agents.txt", "Phoenix.agents", "agents"),
)
HEADER = """\
# {source}: converted by scripts/convert_phoenix.py from {original}
# of the Phoenix/PETRARCH-2 dictionaries (Copyright (c) 2014 Open Event Data Alliance,
# MIT licence: see NOTICE). Columns (tab-separated): type, name, kind, codes, phrases;
# see README.md in this folder. Edit detente.additions.tsv or a file of your own rather
# than this one: re-running the converter rewrites it.
"""

# Phoenix writes East Timor as CAMEO's old TMP; detente's country codes are ISO alpha-3, and the
# PLOVER gold standard writes Timor-Leste as ISO does, TLS
ISO_BLOCKS = {"TMP": "TLS"}


def _iso(code: DatedCode) -> DatedCode:
    """`code` with each three-letter block Phoenix writes in an old form in its ISO form."""
    blocks = [code.code[i : i + 3] for i in range(0, len(code.code), 3)]
    return replace(code, code="".join(ISO_BLOCKS.get(block, block) for block in blocks))


def convert(source_dir: Path, out_dir: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    for filename, source, form in SOURCES:
        path = source_dir / filename
        text = path.read_text(encoding="utf-8")
        report = ReadReport()
        read = read_agents_with_report if form == "agents" else read_actors_with_report
        entries = read(text, path=str(path), source=source, strict=False, report=report)
        kept: list[Entry] = []
        for entry in entries:
            if entry.codes and entry.phrases:
                codes = entry.codes if form == "agents" else tuple(map(_iso, entry.codes))
                kept.append(entry._replace(codes=codes))
            else:
                report.problems.append(f"{path}:{entry.line}: {entry.name} has no code; skipped")
        for problem in report.problems:
            print(problem, file=sys.stderr)
        target = out_dir / f"{source}.tsv"
        rows = "\n".join(format_row(e) for e in kept)
        target.write_text(
            HEADER.format(source=source, original=filename) + rows + "\n", encoding="utf-8"
        )
        counts[source] = len(kept)
        print(
            f"{target.name}: {len(kept)} entries, {len(report.problems)} skipped", file=sys.stderr
        )
    return counts


def main(argv: list[str]) -> int:
    source_dir = Path(argv[1]) if len(argv) > 1 else DEFAULT_SOURCE
    out_dir = Path(argv[2]) if len(argv) > 2 else DEFAULT_OUT
    out_dir.mkdir(parents=True, exist_ok=True)
    convert(source_dir, out_dir)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
