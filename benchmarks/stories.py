"""Cost of near-duplicate stories at ingest, and memory of the index, on synthetic documents.

    python benchmarks/stories.py [--documents 100000] [--words 400] [--duplicates 0.1] [--seed 0]
                                 [--nlp-sample 200] [--store duckdb|postgresql://…]… [--batch 32]

Documents are word salad of ~--words words drawn (Zipf-like weights, seeded) from the words of
../shared's PolNeAR texts when present, else from generated words; a --duplicates share of them
are near duplicates of an earlier document (10 % of the words edited). Texts are generated in
memory first, so generation is not counted. Figures:
  signature      detente.stories.signature per document (normalise, shingle, MinHash)
  band keys      detente.stories.band_keys per document (64 BLAKE2b hashes)
  matching       what the store does, with an in-memory index (dict band key -> document
                 numbers): look the keys up, best_match over the candidates, add the keys
  nlp.pipe       the model components detente loads, on --nlp-sample of the same documents:
                 the per-document cost the stories step adds to (0 skips it)
  memory         tracemalloc peak of building the index and keeping the signatures (numpy),
                 in a second pass; and the bytes a store keeps per document (encoded signature
                 and BIGINT band keys)

With --store (duckdb: temporary files; or a PostgreSQL URL of an empty database or schema, in
which two schemas are made; repeatable) the documents are written instead through the real store
write path in batches of --batch, as Results built without NLP (tests/store/store_util.py), to two
databases in turn, batch by batch: one with every migration and one without the stories migration
(0005). Figures, at 10,000, 50,000 and 100,000 documents stored and at --documents (means over the
--window batches before each mark), each printed as the mark is reached:
  per-batch write time without stories and with, the overhead and their ratio; of the overhead,
  the signatures (detente.stories.signature) and SqlStore._assign_stories (band keys, the
  candidate lookup, best_match, writing story, signature and band rows)
  sizes          story_bands rows and bytes, database sizes with and without stories
  memory         RSS of the process (current and peak)
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import shutil
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from detente.stories import (
    BANDS,
    NUM_PERM,
    ROWS,
    SIMILAR,
    STORIES_RULE,
    Signature,
    band_keys,
    best_match,
    encode,
    signature,
)

REPO = Path(__file__).resolve().parents[1]
MARKS = (10_000, 50_000, 100_000)  # stored documents at which store mode reports
POLNEAR = REPO.parent / "shared" / "data" / "quotes" / "polnear-train" / "text"


def vocabulary(seed: int) -> list[str]:
    if POLNEAR.is_dir():
        words = {
            w
            for f in sorted(POLNEAR.glob("*.txt"))
            for w in re.findall(r"[A-Za-z]+", f.read_text())
        }
        return sorted(words)
    rng = random.Random(seed)
    return sorted(
        {
            "".join(rng.choices("abcdefghijklmnopqrstuvwxyz", k=rng.randint(2, 10)))
            for _ in range(30000)
        }
    )


def documents(count: int, words: int, duplicates: float, seed: int) -> tuple[list[str], int]:
    """The texts, and how many of them are planted near duplicates."""
    rng = np.random.default_rng(seed)
    vocab = np.array(vocabulary(seed), dtype=object)
    weights = 1.0 / np.arange(1, len(vocab) + 1)
    weights /= weights.sum()
    texts: list[str] = []
    planted = 0
    for i in range(count):
        if i and rng.random() < duplicates:
            base = texts[int(rng.integers(0, i))].split()
            for position in rng.choice(len(base), size=len(base) // 10, replace=False):
                base[position] = str(vocab[int(rng.integers(0, len(vocab)))])
            texts.append(" ".join(base))
            planted += 1
            continue
        n = int(rng.integers(words * 3 // 4, words * 5 // 4 + 1))
        texts.append(" ".join(vocab[rng.choice(len(vocab), size=n, p=weights)]))
    return texts, planted


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--words", type=int, default=400)
    parser.add_argument("--duplicates", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--nlp-sample", type=int, default=200)
    parser.add_argument(
        "--store",
        action="append",
        default=[],
        help="duckdb, or a PostgreSQL URL: write through the store (repeatable)",
    )
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--window", type=int, default=50, help="batches averaged at each mark")
    args = parser.parse_args()
    if args.store:
        texts, planted = documents(args.documents, args.words, args.duplicates, args.seed)
        print(
            f"{STORIES_RULE}: {len(texts):,} documents, {planted:,} planted near duplicates, "
            f"batches of {args.batch}"
        )
        for target in args.store:
            store_mode(target, texts, planted, args.batch, args.window)
        return

    started = time.perf_counter()
    texts, planted = documents(args.documents, args.words, args.duplicates, args.seed)
    total_words = sum(len(t.split()) for t in texts)
    print(
        f"{STORIES_RULE}: NUM_PERM {NUM_PERM}, {BANDS} x {ROWS} bands, SIMILAR {SIMILAR}; "
        f"{len(texts):,} documents, {total_words / len(texts):.0f} words each, {planted:,} planted "
        f"near duplicates (generated in {time.perf_counter() - started:.1f} s)"
    )

    started = time.perf_counter()
    signatures = [signature(t) for t in texts]
    signature_s = time.perf_counter() - started

    started = time.perf_counter()
    keys = [band_keys(s) for s in signatures]
    keys_s = time.perf_counter() - started

    started = time.perf_counter()
    index: dict[int, list[int]] = {}
    stories: list[str] = []
    candidates_total = 0
    joined = 0
    for i, (sig, doc_keys) in enumerate(zip(signatures, keys, strict=True)):
        found: set[int] = set()
        for key in doc_keys:
            found.update(index.get(key, ()))
        candidates_total += len(found)
        match = best_match(sig, ((f"{j:08d}", stories[j], signatures[j]) for j in found))
        stories.append(match.story if match else f"{i:08d}")
        joined += match is not None
        for key in doc_keys:
            index.setdefault(key, []).append(i)
    match_s = time.perf_counter() - started
    del index

    n = len(texts)
    per_doc = {
        "signature": signature_s / n,
        "band keys": keys_s / n,
        "matching (in-memory index)": match_s / n,
    }
    print(f"{'step':<28} {'µs/doc':>10} {'total s':>9}")
    for name, seconds in per_doc.items():
        print(f"{name:<28} {seconds * 1e6:>10.1f} {seconds * n:>9.1f}")
    stories_s = sum(per_doc.values())
    print(f"{'stories, all steps':<28} {stories_s * 1e6:>10.1f} {stories_s * n:>9.1f}")
    print(
        f"candidates per document {candidates_total / n:.2f}; documents joining a story "
        f"{joined:,} (planted {planted:,})"
    )

    if args.nlp_sample:
        from detente.nlp import load_model, required_components
        from detente.pipeline import READS
        from detente.settings import Settings

        nlp = load_model(Settings.from_env().spacy_model, required_components(READS))
        sample = texts[: args.nlp_sample]
        list(nlp.pipe(sample[:5]))  # warm up
        started = time.perf_counter()
        for _ in nlp.pipe(sample):
            pass
        nlp_s = (time.perf_counter() - started) / len(sample)
        print(
            f"nlp.pipe ({', '.join(nlp.pipe_names)}): {nlp_s * 1e3:.1f} ms/doc; stories add "
            f"{stories_s / nlp_s:.2%} of it"
        )

    del keys
    tracemalloc.start()
    index = {}
    kept: list[Signature] = []
    for i, sig in enumerate(signatures):
        kept.append(Signature(sig.hashvalues))
        for key in band_keys(sig):
            index.setdefault(key, []).append(i)
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(
        f"memory of index + signatures: {current / 2**20:.1f} MiB ({current / n:.0f} B/doc; "
        f"peak {peak / 2**20:.1f} MiB); {len(index):,} distinct band keys"
    )
    encoded = sum(len(encode(s)) for s in signatures[:1000]) / min(n, 1000)
    raw = np.dtype(np.uint32).itemsize * NUM_PERM
    print(
        f"stored per document: encoded signature {encoded:.0f} chars ({raw} B raw), "
        f"{BANDS} band keys of 8 bytes (BIGINT), {BANDS * 8} B"
    )


def rss() -> tuple[float, float]:
    """Current and peak resident set size of this process, MiB."""
    current = 0.0
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                current = int(line.split()[1]) / 1024
    return current, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Timer:
    """Seconds spent in the wrapped callables, since the last `take`."""

    def __init__(self) -> None:
        self.seconds = 0.0

    def wrap(self, function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - started

        return timed

    def take(self) -> float:
        seconds, self.seconds = self.seconds, 0.0
        return seconds


@contextmanager
def store_pair(target: str) -> Iterator[tuple[Any, Any, Callable[[], dict[str, float]]]]:
    """Two open stores, without and with the stories migration, and a function giving sizes."""
    sys.path.insert(0, str(REPO / "tests" / "store"))
    from store_util import migrations_only

    from detente.store import DuckDBStore
    from detente.store.schema import load_migrations
    from detente.store.sql_store import STORIES_MIGRATION

    folder = Path(tempfile.mkdtemp(prefix="detente-stories-bench-"))
    try:
        older = migrations_only(
            folder / "migrations",
            *(m.name for m in load_migrations() if m.name != STORIES_MIGRATION),
        )
        if target == "duckdb":
            paths = folder / "plain.duckdb", folder / "stories.duckdb"
            plain = DuckDBStore(paths[0], migrations_dir=older)
            full = DuckDBStore(paths[1])

            def sizes() -> dict[str, float]:
                import duckdb

                with duckdb.connect(str(paths[1]), read_only=True) as con:
                    rows = con.execute("SELECT count(*) FROM story_bands").fetchone()
                    blocks = con.execute(
                        "SELECT count(DISTINCT block_id), any_value(block_size) "
                        "FROM pragma_storage_info('story_bands') s, pragma_database_size() "
                        "WHERE NOT persistent OR block_id >= 0"
                    ).fetchone()
                return {
                    "story_bands rows": rows[0] if rows else 0,
                    "story_bands bytes": (blocks[0] * blocks[1]) if blocks and blocks[1] else 0,
                    "database bytes, stories": paths[1].stat().st_size,
                    "database bytes, without stories": paths[0].stat().st_size,
                }

            yield plain, full, sizes
            return
        import psycopg

        from detente.store.postgres_store import PostgresStore

        def schema_url(name: str) -> str:
            with psycopg.connect(target, autocommit=True) as admin:
                admin.execute(f"DROP SCHEMA IF EXISTS {name} CASCADE".encode())
                admin.execute(f"CREATE SCHEMA {name}".encode())
            joiner = "&" if "?" in target else "?"
            return f"{target}{joiner}options=-csearch_path%3D{name}"

        urls = schema_url("stories_bench_plain"), schema_url("stories_bench_full")
        plain = PostgresStore(urls[0], migrations_dir=older)
        full = PostgresStore(urls[1])

        def pg_sizes() -> dict[str, float]:
            def one(url: str, sql: str) -> Any:
                with psycopg.connect(url, autocommit=True) as con:
                    row = con.execute(sql.encode()).fetchone()
                return row[0] if row else 0

            schema_bytes = (
                "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c "
                "JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = current_schema() AND c.relkind = 'r'"
            )
            return {
                "story_bands rows": one(urls[1], "SELECT count(*) FROM story_bands"),
                "story_bands bytes": one(urls[1], "SELECT pg_total_relation_size('story_bands')"),
                "database bytes, stories": one(urls[1], schema_bytes),
                "database bytes, without stories": one(urls[0], schema_bytes),
            }

        try:
            yield plain, full, pg_sizes
        finally:
            for url in urls:
                with psycopg.connect(target, autocommit=True) as admin:
                    name = url.rsplit("%3D", 1)[1]
                    admin.execute(f"DROP SCHEMA IF EXISTS {name} CASCADE".encode())
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def print_mark(rows: list[tuple[int, float, float, float, float]], window: int) -> None:
    chosen = rows[-window:]
    plain_ms, full_ms, sig_ms, assign_ms = (
        1e3 * sum(r[k] for r in chosen) / len(chosen) for k in (1, 2, 3, 4)
    )
    print(
        f"{rows[-1][0]:>8,} {plain_ms:>8.1f} {full_ms:>8.1f} {full_ms - plain_ms:>9.1f} "
        f"{full_ms / plain_ms:>6.2f} {sig_ms:>10.1f} {assign_ms:>7.1f} {rss()[0]:>8.0f}",
        flush=True,
    )


def store_mode(target: str, texts: list[str], planted: int, size: int, window: int) -> None:
    """Write `texts` in batches through two stores, without and with stories; print the costs."""
    sys.path.insert(0, str(REPO / "tests" / "store"))
    from store_util import succeeded

    import detente.stories
    from detente.store.sql_store import SqlStore

    backend = "duckdb" if target == "duckdb" else "postgresql"
    n = len(texts)
    marks = sorted({mark for mark in MARKS if mark < n} | {n})
    signatures, assign = Timer(), Timer()
    original_signature = detente.stories.signature
    original_assign = SqlStore._assign_stories
    detente.stories.signature = signatures.wrap(original_signature)
    SqlStore._assign_stories = assign.wrap(original_assign)
    rows: list[tuple[int, float, float, float, float]] = []  # stored, plain, full, sig, assign
    print(
        f"\nstore {backend}, ms per batch:\n{'stored':>8} {'plain':>8} {'stories':>8} "
        f"{'overhead':>9} {'ratio':>6} {'signature':>10} {'assign':>7} {'RSS MiB':>8}",
        flush=True,
    )
    try:
        with store_pair(target) as (plain, full, sizes):
            started = time.perf_counter()
            for start in range(0, n, size):
                batch = [
                    succeeded(f"bench/{i:07d}.txt", texts[i])
                    for i in range(start, min(n, start + size))
                ]
                t0 = time.perf_counter()
                plain.write(batch)
                t1 = time.perf_counter()
                signatures.take(), assign.take()
                full.write(batch)
                t2 = time.perf_counter()
                rows.append(
                    (start + len(batch), t1 - t0, t2 - t1, signatures.take(), assign.take())
                )
                if any(start < mark <= start + len(batch) for mark in marks):
                    print_mark(rows, window)
            wall = time.perf_counter() - started
            stories_count = full.stats().stories
            plain.close()
            full.close()
            figures = sizes()
    finally:
        detente.stories.signature = original_signature
        SqlStore._assign_stories = original_assign
    print(f"store {backend}: {n:,} documents in {len(rows):,} batches, {wall:.0f} s in all")
    total_plain = sum(r[1] for r in rows)
    total_full = sum(r[2] for r in rows)
    print(
        f"all batches: {total_plain:.1f} s without stories, {total_full:.1f} s with "
        f"(ratio {total_full / total_plain:.2f}); stories {stories_count} (planted near "
        f"duplicates {planted:,})"
    )
    band_rows = figures["story_bands rows"]
    print(
        f"story_bands: {band_rows:,} rows, {figures['story_bands bytes'] / 2**20:.1f} MiB "
        f"({figures['story_bands bytes'] / max(1, band_rows):.1f} B/row); database "
        f"{figures['database bytes, stories'] / 2**20:.1f} MiB with stories, "
        f"{figures['database bytes, without stories'] / 2**20:.1f} MiB without"
    )
    current, peak = rss()
    print(f"RSS of the process: {current:.0f} MiB now, {peak:.0f} MiB peak")


if __name__ == "__main__":
    main()
