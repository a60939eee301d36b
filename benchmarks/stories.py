"""Cost of near-duplicate stories at ingest, and memory of the index, on synthetic documents.

    python benchmarks/stories.py [--documents 100000] [--words 400] [--duplicates 0.1] [--seed 0]
                                 [--nlp-sample 200]

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
                 and band keys as text)
"""

from __future__ import annotations

import argparse
import random
import re
import time
import tracemalloc
from pathlib import Path

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
    args = parser.parse_args()

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
    index: dict[str, list[int]] = {}
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
    key_chars = sum(len(k) for s in signatures[:1000] for k in band_keys(s)) / min(n, 1000)
    raw = np.dtype(np.uint32).itemsize * NUM_PERM
    print(
        f"stored per document: encoded signature {encoded:.0f} chars ({raw} B raw), "
        f"{BANDS} band keys {key_chars:.0f} chars"
    )


if __name__ == "__main__":
    main()
