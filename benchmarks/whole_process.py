"""Whole-process `detente extract` against a bare spaCy script, both pinned to one core.

    python benchmarks/whole_process.py [PATH ...] [--runs N] [--core C]

throughput.py times the stages inside one warm process; this times what a user waits for: the
process from start to exit, imports, model and dictionary loading, reading the files and writing
the JSONL included. The baseline is a script that imports spaCy, loads the same model components
and runs `nlp.pipe` over the already-cleaned bodies detente parses (English ones,
`pipeline.read_by_model`; read from a JSON file it is given). The two
commands run in turn, A B A B ..., each pinned to core C (`taskset -c C`), and the ratio is
taken pair by pair so that drift of the machine's speed cancels out; the median is printed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import spacy

from detente.cli import failure_exit_code
from detente.ingest import iter_documents
from detente.nlp import required_components
from detente.pipeline import READS, Pipeline, read_by_model
from detente.records import RawDocument
from detente.settings import Settings

REPO = Path(__file__).resolve().parents[1]
DEFAULT_INPUTS = [REPO / "examples", REPO.parent / "shared" / "data" / "extraction" / "zyte-dev"]

BARE_SCRIPT = """
import json, sys
import spacy
model, exclude, batch_size, bodies = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
nlp = spacy.load(model, exclude=[name for name in exclude.split(",") if name])
texts = json.loads(open(bodies, encoding="utf-8").read())
print(sum(1 for _ in nlp.pipe(texts, batch_size=batch_size)))
"""


def timed(command: list[str], core: int, status: int = 0) -> float:
    """Wall seconds of one run of `command` pinned to `core`, its output discarded; any exit
    status but `status` stops the benchmark (`extract` exits with its count of failed
    documents)."""
    start = time.perf_counter()
    done = subprocess.run(["taskset", "-c", str(core), *command], stdout=subprocess.DEVNULL)
    if done.returncode != status:
        raise SystemExit(f"{command[:5]} ended with status {done.returncode}, not {status}")
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--core", type=int, default=min(os.sched_getaffinity(0)))
    args = parser.parse_args(argv)
    paths = args.paths or [p for p in DEFAULT_INPUTS if p.exists()]

    settings = Settings.from_env()
    items = list(iter_documents(paths, settings))
    docs = [d for d in items if isinstance(d, RawDocument)]
    results = list(Pipeline(settings).run(items))
    bodies = [r.article.text for r in results if r.article is not None and read_by_model(r)]
    failed = failure_exit_code(sum(not r.ok for r in results))
    words = sum(len(body.split()) for body in bodies)
    needed = set(required_components(READS))
    exclude = [name for name in spacy.load(settings.spacy_model).pipe_names if name not in needed]

    with tempfile.TemporaryDirectory() as scratch:
        bodies_file = Path(scratch) / "bodies.json"
        bodies_file.write_text(json.dumps(bodies), encoding="utf-8")
        extract = [sys.executable, "-m", "detente", "extract", "--format", "jsonl"]
        extract += [str(p) for p in paths]
        bare = [sys.executable, "-c", BARE_SCRIPT, settings.spacy_model, ",".join(exclude)]
        bare += [str(settings.batch_size), str(bodies_file)]
        timed(extract, args.core, failed)  # warm-up: files and packages into the page cache
        timed(bare, args.core)
        pairs = [
            (timed(extract, args.core, failed), timed(bare, args.core)) for _ in range(args.runs)
        ]

    print(f"corpus: {len(docs)} documents in, {len(bodies)} clean bodies, {words:,} words")
    print(f"pinned to core {args.core}; {args.runs} runs of each, in turn; bare excludes {exclude}")
    print(f"{'':30} {'min s':>8} {'median s':>9} {'max s':>8}")
    for name, times in (
        ("detente extract", [a for a, _ in pairs]),
        ("bare nlp.pipe", [b for _, b in pairs]),
    ):
        print(f"{name:30} {min(times):8.2f} {statistics.median(times):9.2f} {max(times):8.2f}")
    ratios = [bare_s / extract_s for extract_s, bare_s in pairs]
    print(
        f"ratio extract / bare (words/s), median of pairs: {statistics.median(ratios):.3f} "
        f"({min(ratios):.3f}–{max(ratios):.3f})"
    )


if __name__ == "__main__":
    main()
