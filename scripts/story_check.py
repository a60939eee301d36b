"""Stories end to end: near-duplicate articles through `detente ingest` and `detente export`.

    .venv/bin/python scripts/story_check.py [--shared ../shared] [--articles 15] [--edits 3]

Takes `--articles` PolNeAR train texts (seeded), each as itself and in two variants (another
headline line and a boilerplate line before and after the body, `--edits` words replaced, a new
id and URL), mixed with as many unrelated PolNeAR texts, as one JSONL file; ingests it into a
fresh DuckDB file; prints the stories' pairwise precision, recall and F1 against the articles
they came from, and how many of the merged events of the three-document stories are exported
with num_articles 1, 2 and 3. Then ingests the file again and checks that the stories and the
exported events are unchanged.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from detente.stories.evaluate import pairwise

SEED = 20261202
BOILERPLATE = (
    "Share this article",
    "Sign up for our newsletter to get the latest headlines.",
    "Advertisement",
    "Read more: politics coverage",
    "All rights reserved.",
)
FILLERS = ("the", "a", "new", "said", "also", "very")


def variant(text: str, number: int, edits: int, rng: random.Random) -> str:
    words = text.split(" ")
    for _ in range(edits):
        words[rng.randrange(len(words))] = rng.choice(FILLERS)
    headline = f"{rng.choice(('Breaking: ', 'Update: ', ''))}{text.splitlines()[0]} ({number})"
    return "\n".join(
        (headline, rng.choice(BOILERPLATE), "", " ".join(words), "", rng.choice(BOILERPLATE))
    )


def corpus(shared: Path, articles: int, edits: int) -> list[dict[str, str]]:
    rng = random.Random(SEED)
    files = sorted((shared / "data/quotes/polnear-train/text").glob("*.txt"))
    rng.shuffle(files)
    records = []
    for n, path in enumerate(files[:articles]):
        text = path.read_text(encoding="utf-8")
        for v in range(3):
            body = text if v == 0 else variant(text, v, edits, rng)
            records.append({"id": f"s{n}-{v}", "url": f"https://site{v}.example/{n}", "text": body})
    for n, path in enumerate(files[articles : 2 * articles]):
        text = path.read_text(encoding="utf-8")
        records.append({"id": f"u{n}", "url": f"https://other.example/{n}", "text": text})
    rng.shuffle(records)
    return records


def detente(*args: str) -> str:
    run = subprocess.run(
        [str(Path(sys.executable).parent / "detente"), *args], capture_output=True, text=True
    )
    if run.returncode != 0:
        raise SystemExit(run.stderr)
    return run.stdout


def exported(db: Path) -> tuple[list[dict[str, object]], str]:
    documents = detente("export", "--format", "jsonl", "--table", "documents", "--db", str(db))
    events = detente("export", "--format", "jsonl", "--db", str(db))
    return [json.loads(line) for line in documents.splitlines()], events


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).parents[2] / "shared")
    parser.add_argument("--articles", type=int, default=15)
    parser.add_argument("--edits", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        source, db = Path(folder) / "corpus.jsonl", Path(folder) / "stories.duckdb"
        records = corpus(args.shared, args.articles, args.edits)
        source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
        detente("ingest", str(source), "--db", str(db))
        documents, events = exported(db)
        predicted = [str(document["story"]) for document in documents]
        urls = [str(document["source"]["url"]) for document in documents]  # type: ignore[index]
        gold = [url.rsplit("/", 1)[1] if "other" not in url else url for url in urls]
        score = pairwise(gold, predicted)
        print(f"{len(documents)} documents, {len(set(predicted))} stories: pairwise precision "
              f"{score.precision:.3f}, recall {score.recall:.3f}, F1 {score.f1:.3f}")  # fmt: skip
        sizes = Counter(predicted)
        articles = Counter(
            event["num_articles"]
            for event in map(json.loads, events.splitlines())
            if sizes[event["story"]] == 3
        )
        print("merged events of the three-document stories by num_articles:", dict(articles))
        detente("ingest", str(source), "--db", str(db))
        again_documents, again_events = exported(db)
        unchanged = again_events == events and [d["story"] for d in again_documents] == [
            d["story"] for d in documents
        ]
        print("after a rerun:", "stories and events unchanged" if unchanged else "CHANGED")
    return 0 if unchanged else 1


if __name__ == "__main__":
    raise SystemExit(main())
