"""Throughput and memory of `detente ingest` on a generated corpus: 1 vs 2 workers, peak RSS.

    python benchmarks/scale.py [--documents 20000] [--out DIR]

The corpus is generated from the shared texts (the example article and the zyte-dev ground-truth
bodies): each document is 1–2 paragraphs drawn with a fixed seed, written as one JSONL file. Each
configuration ingests it into a fresh DuckDB file as a subprocess; the process tree's resident
memory is sampled every 0.5 s. Memory is reported per quarter of the run, so a leak shows as growth
from one quarter to the next. Needs psutil (installed with the dask extra).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
MB = 1024 * 1024


def paragraphs() -> list[str]:
    texts = [(REPO / "examples" / "rbth_russia_nato.txt").read_text(encoding="utf-8")[254:6075]]
    truth = SHARED / "data" / "extraction" / "zyte-dev" / "ground-truth.json"
    if truth.exists():
        texts += [page["articleBody"] for page in json.loads(truth.read_text()).values()]
    found = [p.strip() for text in texts for p in text.split("\n") if len(p.split()) >= 20]
    return found


def write_corpus(path: Path, count: int) -> int:
    rng = random.Random(20141203)
    pool = paragraphs()
    words = 0
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            body = "\n\n".join(rng.sample(pool, rng.randint(1, 2)))
            words += len(body.split())
            out.write(json.dumps({"id": f"gen-{i:06d}", "text": body}) + "\n")
    return words


def run(args: list[str], env: dict[str, str]) -> tuple[float, list[tuple[float, float, int]]]:
    """Wall seconds, and samples (elapsed, largest process RSS in MB, tree RSS in MB...)."""
    started = time.perf_counter()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    root = psutil.Process(proc.pid)
    samples: list[tuple[float, float, int]] = []
    while proc.poll() is None:
        try:
            tree = [root, *root.children(recursive=True)]
            rss = [p.memory_info().rss for p in tree if p.is_running()]
        except psutil.Error:
            rss = []
        if rss:
            samples.append((time.perf_counter() - started, max(rss) / MB, len(rss)))
        time.sleep(0.5)
    _, err = proc.communicate()
    if proc.returncode != 0:
        sys.exit(f"{' '.join(args)} failed ({proc.returncode}):\n{err.decode()[-2000:]}")
    return time.perf_counter() - started, samples


def quarters(samples: list[tuple[float, float, int]], total: float) -> list[float]:
    peaks = [0.0, 0.0, 0.0, 0.0]
    for elapsed, largest, _ in samples:
        index = min(3, int(4 * elapsed / total))
        peaks[index] = max(peaks[index], largest)
    return peaks


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--documents", type=int, default=20_000)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    work = args.out or Path(tempfile.mkdtemp(prefix="detente-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    corpus = work / "corpus.jsonl"
    words = write_corpus(corpus, args.documents)
    print(f"corpus: {args.documents:,} documents, {words:,} words ({corpus})")
    detente = [sys.executable, "-m", "detente", "ingest", str(corpus)]
    configs = {
        "1 worker (Dask)": ["--workers", "1"],
        "2 workers (Dask)": ["--workers", "2"],
    }
    env = {**os.environ, "DETENTE_BATCH_SIZE": "64"}
    results: dict[str, float] = {}
    print(f"{'':22} {'seconds':>8} {'docs/s':>8} {'words/s':>9}  peak MB per process, by quarter")
    for name, extra in configs.items():
        db = work / f"{name.split()[0]}-{len(results)}.duckdb"
        seconds, samples = run([*detente, "--db", str(db), *extra], env)
        results[name] = seconds
        peaks = " / ".join(f"{p:,.0f}" for p in quarters(samples, seconds))
        print(
            f"{name:22} {seconds:8.1f} {args.documents / seconds:8.1f} "
            f"{words / seconds:9,.0f}  {peaks}"
        )
    speedup = results["1 worker (Dask)"] / results["2 workers (Dask)"]
    print(f"speed-up 2 workers / 1 worker: {speedup:.2f}")


if __name__ == "__main__":
    main()
