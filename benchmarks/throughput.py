"""Throughput of `detente extract` against bare spaCy on the same texts, measured in one run.

    python benchmarks/throughput.py [PATH ...] [--repeat N]

Inputs default to examples/ plus the zyte-dev pages of ../shared when present. Documents are read
into memory first, so disk time is not counted. Three figures, each the best of --repeat rounds:
  extract      the pipeline from raw input (clean + NLP + records), as `detente extract` runs it
  nlp.pipe     the same model components on the already-cleaned bodies detente parses (English
               ones, `pipeline.read_by_model`): the fair baseline
  full model   spacy.load() with every component, as a user without detente would run it
The ratio extract / nlp.pipe is the share of raw model speed the pipeline keeps. Then the time
of each stage on its own (clean on the raw inputs; quotes, actors, events on the parsed docs), as
a share of extract's time.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

import spacy

from detente import actors, quotes
from detente.clean import clean
from detente.ingest import iter_documents
from detente.nlp import load_model, required_components
from detente.pipeline import READS, Pipeline, read_by_model
from detente.records import RawDocument
from detente.settings import Settings

REPO = Path(__file__).resolve().parents[1]
DEFAULT_INPUTS = [REPO / "examples", REPO.parent / "shared" / "data" / "extraction" / "zyte-dev"]


def best_of(rounds: int, run: Callable[[], int]) -> tuple[float, int]:
    """Fastest wall time over `rounds`, and what the run returned (documents processed)."""
    best = float("inf")
    count = 0
    for _ in range(rounds):
        start = time.perf_counter()
        count = run()
        best = min(best, time.perf_counter() - start)
    return best, count


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    paths = args.paths or [p for p in DEFAULT_INPUTS if p.exists()]

    settings = Settings.from_env()
    docs = [d for d in iter_documents(paths, settings) if isinstance(d, RawDocument)]
    pipeline = Pipeline(settings)
    english = [r for r in pipeline.run(docs) if read_by_model(r)]
    bodies = [r.article.text for r in english if r.article is not None]
    words = sum(len(body.split()) for body in bodies)
    nlp = load_model(settings.spacy_model, required_components(READS))
    full = spacy.load(settings.spacy_model)

    def run_extract() -> int:
        return sum(1 for _ in pipeline.run(docs))

    def run_pipe(model: spacy.language.Language) -> Callable[[], int]:
        return lambda: sum(1 for _ in model.pipe(bodies, batch_size=settings.batch_size))

    timings = {
        "extract": best_of(args.repeat, run_extract),
        "nlp.pipe (same components)": best_of(args.repeat, run_pipe(nlp)),
        "full model nlp.pipe": best_of(args.repeat, run_pipe(full)),
    }
    print(f"corpus: {len(docs)} documents in, {len(bodies)} clean bodies, {words:,} words")
    print(f"model: {settings.spacy_model}; components: {', '.join(nlp.pipe_names)}")
    print(f"{'':30} {'docs/s':>9} {'words/s':>10} {'seconds':>8}")
    for name, (seconds, count) in timings.items():
        print(f"{name:30} {count / seconds:9.1f} {words / seconds:10,.0f} {seconds:8.2f}")
    extract_s = timings["extract"][0]
    baseline_s = timings["nlp.pipe (same components)"][0]
    print(f"ratio extract / nlp.pipe (words/s): {baseline_s / extract_s:.3f}")
    print(
        f"ratio extract / full model (words/s): {timings['full model nlp.pipe'][0] / extract_s:.3f}"
    )
    parsed = list(nlp.pipe(bodies, batch_size=settings.batch_size))
    found = [quotes.attribute_quotes(doc, lexicon=pipeline.cue_lexicon) for doc in parsed]
    coded = [
        actors.code_actors(doc, pipeline.actor_dictionary, speakers=f.speakers)
        for doc, f in zip(parsed, found, strict=True)
    ]
    stages: dict[str, Callable[[], int]] = {
        "clean": lambda: sum(1 for doc in docs if clean(doc)),
        "quotes": lambda: len(
            [quotes.attribute_quotes(doc, lexicon=pipeline.cue_lexicon) for doc in parsed]
        ),
        "actors": lambda: len(
            [
                actors.code_actors(doc, pipeline.actor_dictionary, speakers=f.speakers)
                for doc, f in zip(parsed, found, strict=True)
            ]
        ),
        "events": lambda: len(
            [
                pipeline.event_coder.code(doc, a, quotes=f.quotes)
                for doc, a, f in zip(parsed, coded, found, strict=True)
            ]
        ),
    }
    print(f"{'stage':30} {'seconds':>9} {'share of extract':>17}")
    for name, run in stages.items():
        seconds, _ = best_of(args.repeat, run)
        print(f"{name:30} {seconds:9.2f} {seconds / extract_s:17.1%}")


if __name__ == "__main__":
    main()
