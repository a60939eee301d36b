"""Evaluate near-duplicate stories on a set built from plain-text articles.

The set
    Articles are read from a folder of ``*.txt`` (a PolNeAR folder's ``text/``: US political news
    of 2015-2016, many on the same topics, which makes good unrelated negatives). Articles of
    fewer than ``MIN_WORDS`` words are left out, and so are articles that are already near
    duplicates of another one in the corpus (:func:`corpus_near_duplicates`). The rest are split
    in two halves by a stable hash of the file name (independent of the seed): ``tune`` (used to
    choose the shingle size, NUM_PERM, banding and SIMILAR) and ``dev`` (held back, reported).
    Within a half, a seeded random half of the articles are *bases*: each is ingested as itself
    and in the variants of ``VARIANTS``, each under a new id. The other articles are ingested
    once, unrelated (a gold story of their own), half of them with site boilerplate and another
    headline as in ``boilerplate``. All documents arrive in a seeded random order.

Variants (seeded; boilerplate lines and headlines are generic and drawn at random)
    boilerplate   other site boilerplate before and after the body, and another headline
    moved         a quarter of the paragraphs (at least one) moved elsewhere
    edited        10 % of the words edited (replaced by a corpus word, deleted, or a word inserted)
    half          truncated to the first half of its words (on a word boundary)
    heldout       as the held-out acceptance check: boilerplate and headline, and 2 % of the words
                  (at least 3) edited

Clustering is exactly what the store does, in arrival order: a document's candidates are the
earlier documents sharing a band key with it; :func:`detente.stories.best_match` picks the story
it joins, or it starts its own.

Figures
    pairwise precision / recall / F1: over all pairs of documents, a pair is predicted when both
    are in one predicted story and gold when both come from one base article
    per-variant recall: the share of (base article, variant) pairs put in one story
    threshold curve: the same figures for thresholds 0.2 .. 0.9 (the candidates do not depend on
    the threshold; the clustering is replayed)
"""

from __future__ import annotations

import hashlib
import random
import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.table import Table

from detente.errors import Errors, EvalError
from detente.stories import (
    BANDS,
    NUM_PERM,
    ROWS,
    SHINGLE,
    SIMILAR,
    STORIES_RULE,
    Signature,
    _best_match,
    band_keys,
    shingles,
    signature,
)

MIN_WORDS = 100
CORPUS_NEAR = 0.3
VARIANTS = ("boilerplate", "moved", "edited", "half", "heldout")
THRESHOLDS = tuple(round(0.2 + 0.05 * i, 2) for i in range(15))
SPLITS = ("tune", "dev", "all")

_WORDS = re.compile(r"\S+")
_PARAGRAPHS = re.compile(r"\n\s*\n")

_BOILERPLATE = (
    "Advertisement",
    "Share this article",
    "Share on Facebook  Share on Twitter  Email",
    "Subscribe to our newsletter for the latest news and analysis delivered to your inbox.",
    "Sign up for our daily briefing",
    "Follow us on Twitter and Facebook",
    "Click here to read more",
    "Related: Top stories of the day",
    "This article originally appeared on our partner site.",
    "We use cookies to improve your experience. By continuing you agree to our cookie policy.",
    "© 2016 Example Media Group. All rights reserved.",
    "Comments are closed.",
    "Read more in Politics",
    "Skip to main content",
    "Most popular",
    "Photo: Getty Images",
    "Copyright The Associated Press. This material may not be published, broadcast or rewritten.",
    "Support independent journalism. Donate today.",
    "Report an error",
    "Next article",
)
_HEADLINE_TAGS = ("", "", "UPDATE: ", "WATCH: ", "BREAKING: ", "Analysis: ")
_SITES = ("", " | The Daily Report", " - World News", " | Politics Now", " — Capitol Wire")


@dataclass(frozen=True, slots=True)
class Article:
    name: str
    text: str


@dataclass(frozen=True, slots=True)
class Document:
    """One ingested document of the set: its id, gold story (the base article's name) and kind
    ("original", a variant name, or "unrelated")."""

    id: str
    gold: str
    kind: str
    text: str


@dataclass(slots=True)
class Score:
    precision: float = 0.0
    recall: float = 0.0
    f1: float = 0.0
    predicted_pairs: int = 0
    gold_pairs: int = 0
    true_pairs: int = 0

    def to_dict(self) -> dict[str, float]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "predicted_pairs": self.predicted_pairs,
            "gold_pairs": self.gold_pairs,
            "true_pairs": self.true_pairs,
        }


@dataclass(slots=True)
class StoriesEvalReport:
    """Figures of one evaluation run; `to_table()` for the terminal, `to_dict()` for JSON."""

    split: str
    seed: int
    shingle: int
    threshold: float
    articles: int = 0
    bases: int = 0
    unrelated: int = 0
    documents: int = 0
    stories: int = 0
    score: Score = field(default_factory=Score)
    variant_recall: dict[str, float] = field(default_factory=dict)
    curve: dict[float, tuple[Score, dict[str, float]]] = field(default_factory=dict)
    left_out: list[str] = field(default_factory=list)
    candidates_per_document: float = 0.0
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": STORIES_RULE,
            "split": self.split,
            "seed": self.seed,
            "shingle": self.shingle,
            "num_perm": NUM_PERM,
            "bands": BANDS,
            "rows": ROWS,
            "threshold": self.threshold,
            "articles": self.articles,
            "bases": self.bases,
            "unrelated": self.unrelated,
            "documents": self.documents,
            "stories": self.stories,
            **self.score.to_dict(),
            "variant_recall": _rounded(self.variant_recall),
            "curve": {
                f"{t:.2f}": {**score.to_dict(), "variant_recall": _rounded(recall)}
                for t, (score, recall) in self.curve.items()
            },
            "left_out_near_duplicates": self.left_out,
            "candidates_per_document": round(self.candidates_per_document, 2),
            "seconds": round(self.seconds, 3),
        }

    def to_table(self) -> Table:
        table = Table(
            title=(
                f"Stories ({self.split} half, seed {self.seed}, {STORIES_RULE}, "
                f"SIMILAR {self.threshold:.2f}): {self.documents} documents = {self.bases} "
                f"articles x {1 + len(VARIANTS)} + {self.unrelated} unrelated; "
                f"{self.stories} stories"
            )
        )
        table.add_column("figure")
        table.add_column("value", justify="right")
        table.add_row("pairwise precision", f"{self.score.precision:.3f}")
        table.add_row("pairwise recall", f"{self.score.recall:.3f}")
        table.add_row("pairwise F1", f"{self.score.f1:.3f}")
        table.add_row(
            "pairs: predicted / gold / true",
            f"{self.score.predicted_pairs} / {self.score.gold_pairs} / {self.score.true_pairs}",
        )
        table.add_section()
        for kind, recall in self.variant_recall.items():
            table.add_row(f"recall: {kind}", f"{recall:.3f}")
        table.add_section()
        table.add_row("corpus near duplicates left out", str(len(self.left_out)))
        table.add_row("candidates per document", f"{self.candidates_per_document:.2f}")
        table.add_row("time (s)", f"{self.seconds:.1f}")
        return table

    def type_table(self) -> Table:
        """The threshold curve."""
        table = Table(title="Threshold curve (pairwise, same candidates)")
        for column in ("SIM", "P", "R", "F1", *VARIANTS):
            table.add_column(column, justify="right")
        for threshold, (score, recall) in self.curve.items():
            table.add_row(
                f"{threshold:.2f}",
                f"{score.precision:.3f}",
                f"{score.recall:.3f}",
                f"{score.f1:.3f}",
                *(f"{recall[kind]:.3f}" for kind in VARIANTS),
            )
        return table


def _rounded(values: dict[str, float]) -> dict[str, float]:
    return {key: round(value, 4) for key, value in values.items()}


# ------------------------------------------------------------------ reading


def read_articles(path: Path) -> list[Article]:
    """The ``*.txt`` articles of ``path`` (or of ``path/text``), sorted by name."""
    folder = path / "text" if (path / "text").is_dir() else path
    if not folder.is_dir():
        raise EvalError(Errors.E601.format(path=path, detail="not a folder of *.txt articles"))
    articles = []
    for file in sorted(folder.glob("*.txt")):
        try:
            text = file.read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            raise EvalError(Errors.E601.format(path=file, detail=f"unreadable ({exc})")) from exc
        articles.append(Article(file.name, text))
    if not articles:
        raise EvalError(Errors.E601.format(path=path, detail="no *.txt articles in it"))
    return articles


def split_of(name: str) -> str:
    """The half an article belongs to: a stable hash of its file name, not the seed."""
    return "tune" if hashlib.blake2b(name.encode("utf-8")).digest()[0] % 2 == 0 else "dev"


# ------------------------------------------------------------------ variants


def _headline(rng: random.Random, words: Sequence[str]) -> str:
    picked = [w.strip(".,;:!?\"'“”‘’()") for w in rng.sample(list(words), min(len(words), 9))]
    title = " ".join(w.capitalize() for w in picked if w)
    return f"{rng.choice(_HEADLINE_TAGS)}{title}{rng.choice(_SITES)}"


def _body(text: str) -> str:
    """The article without its first line when that is its title (a short line)."""
    first, _, rest = text.strip().partition("\n")
    return rest.strip() if rest and len(first.split()) <= 25 else text.strip()


def _boilerplate(rng: random.Random, text: str, vocabulary: Sequence[str]) -> str:
    before = rng.sample(_BOILERPLATE, rng.randint(1, 3))
    after = rng.sample(_BOILERPLATE, rng.randint(2, 4))
    body = _body(text)
    headline = _headline(rng, _WORDS.findall(body))
    return "\n\n".join([*before, headline, body, *after])


def _moved(rng: random.Random, text: str) -> str:
    paragraphs = [p for p in _PARAGRAPHS.split(text.strip()) if p.strip()]
    for _ in range(max(1, len(paragraphs) // 4)):
        if len(paragraphs) < 2:
            break
        paragraph = paragraphs.pop(rng.randrange(len(paragraphs)))
        paragraphs.insert(rng.randrange(len(paragraphs) + 1), paragraph)
    return "\n\n".join(paragraphs)


def _edited(rng: random.Random, text: str, share: float, vocabulary: Sequence[str]) -> str:
    """``share`` of the words (at least 3) replaced, deleted, or a word inserted beside them.
    Paragraph breaks are kept as tokens of their own."""
    tokens = re.findall(r"\n\s*\n|\S+", text.strip())
    positions = [i for i, token in enumerate(tokens) if not token.isspace()]
    count = max(3, round(share * len(positions)))
    chosen = set(rng.sample(positions, min(count, len(positions))))
    out: list[str] = []
    for i, token in enumerate(tokens):
        if i not in chosen:
            out.append(token)
            continue
        op = rng.randrange(3)
        if op == 0:
            out.append(rng.choice(vocabulary))
        elif op == 1:
            out.extend((token, rng.choice(vocabulary)))
        # op == 2: deleted
    return " ".join(out).replace(" \n", "\n").replace("\n ", "\n")


def _half(text: str) -> str:
    words = list(re.finditer(r"\S+", text))
    if len(words) < 2:
        return text
    return text[: words[len(words) // 2 - 1].end()]


def make_variant(kind: str, text: str, rng: random.Random, vocabulary: Sequence[str]) -> str:
    """The ``kind`` variant (one of VARIANTS) of ``text``."""
    if kind == "boilerplate":
        return _boilerplate(rng, text, vocabulary)
    if kind == "moved":
        return _moved(rng, text)
    if kind == "edited":
        return _edited(rng, text, 0.10, vocabulary)
    if kind == "half":
        return _half(text)
    if kind == "heldout":
        return _boilerplate(rng, _edited(rng, text, 0.02, vocabulary), vocabulary)
    raise ValueError(f"unknown variant {kind!r}; one of {', '.join(VARIANTS)}")


def corpus_near_duplicates(articles: Sequence[Article]) -> list[str]:
    """Names of the articles that are already near duplicates of another article of the corpus
    (exact Jaccard of their word-SHINGLE sets >= CORPUS_NEAR, among pairs sharing a band key):
    their gold story is unknown, so the set leaves them out. In PolNeAR's training texts these
    are 7 pairs (an article re-published the next day, two updates of one live blog), all at
    >= 0.5; the next most similar pair is at 0.125."""
    sets = [set(shingles(a.text)) for a in articles]
    pairs = candidate_lists([signature(a.text) for a in articles])
    out: set[str] = set()
    for i, earlier in enumerate(pairs):
        for j in earlier:
            union = len(sets[i] | sets[j])
            if union and len(sets[i] & sets[j]) / union >= CORPUS_NEAR:
                out.update((articles[i].name, articles[j].name))
    return sorted(out)


def build_set(
    articles: Sequence[Article],
    *,
    split: str = "dev",
    seed: int = 0,
    limit: int | None = None,
    exclude: Iterable[str] = (),
) -> list[Document]:
    """The documents of the set, in arrival order (see the module docstring)."""
    if split not in SPLITS:
        raise ValueError(f"unknown split {split!r}; one of {', '.join(SPLITS)}")
    rng = random.Random(seed)
    excluded = set(exclude)
    chosen = [
        a
        for a in articles
        if len(_WORDS.findall(a.text)) >= MIN_WORDS
        and a.name not in excluded
        and (split == "all" or split_of(a.name) == split)
    ]
    if limit is not None:
        chosen = chosen[:limit]
    vocabulary = sorted({w for a in chosen for w in _WORDS.findall(_body(a.text)) if w.isalpha()})
    if not vocabulary:
        vocabulary = ["word"]
    order = chosen[:]
    rng.shuffle(order)
    bases = {a.name for a in order[: (len(order) + 1) // 2]}
    documents: list[Document] = []

    def new_id() -> str:
        return f"{rng.getrandbits(64):016x}"

    for article in chosen:
        if article.name not in bases:
            text = article.text
            if rng.random() < 0.5:  # unrelated pages carry site boilerplate too
                text = _boilerplate(rng, text, vocabulary)
            documents.append(Document(new_id(), article.name, "unrelated", text))
            continue
        documents.append(Document(new_id(), article.name, "original", article.text))
        for kind in VARIANTS:
            text = make_variant(kind, article.text, rng, vocabulary)
            documents.append(Document(new_id(), article.name, kind, text))
    rng.shuffle(documents)
    return documents


# ------------------------------------------------------------------ clustering and scoring


def candidate_lists(signatures: Sequence[Signature]) -> list[list[int]]:
    """For each document (in arrival order), the earlier documents sharing a band key with it,
    exactly as the store finds them."""
    index: dict[int, list[int]] = {}
    out: list[list[int]] = []
    for i, sig in enumerate(signatures):
        keys = band_keys(sig)
        found: set[int] = set()
        for key in keys:
            found.update(index.get(key, ()))
        out.append(sorted(found))
        for key in keys:
            index.setdefault(key, []).append(i)
    return out


def cluster(
    documents: Sequence[Document],
    signatures: Sequence[Signature],
    candidates: Sequence[Sequence[int]],
    threshold: float = SIMILAR,
) -> list[str]:
    """The story of each document, in arrival order: its best match's story, or its own id."""
    stories: list[str] = []
    for i, document in enumerate(documents):
        match = _best_match(
            signatures[i],
            ((documents[j].id, stories[j], signatures[j]) for j in candidates[i]),
            threshold,
        )
        stories.append(match.story if match is not None else document.id)
    return stories


def _pairs(groups: Iterable[int]) -> int:
    return sum(n * (n - 1) // 2 for n in groups)


def pairwise(gold: Sequence[str], predicted: Sequence[str]) -> Score:
    """Pairwise precision / recall / F1 of a predicted clustering against a gold one."""
    counts: dict[tuple[str, str], int] = {}
    gold_sizes: dict[str, int] = {}
    predicted_sizes: dict[str, int] = {}
    for g, p in zip(gold, predicted, strict=True):
        counts[g, p] = counts.get((g, p), 0) + 1
        gold_sizes[g] = gold_sizes.get(g, 0) + 1
        predicted_sizes[p] = predicted_sizes.get(p, 0) + 1
    true = _pairs(counts.values())
    predicted_pairs = _pairs(predicted_sizes.values())
    gold_pairs = _pairs(gold_sizes.values())
    precision = true / predicted_pairs if predicted_pairs else 1.0
    recall = true / gold_pairs if gold_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Score(precision, recall, f1, predicted_pairs, gold_pairs, true)


def variant_recall(documents: Sequence[Document], stories: Sequence[str]) -> dict[str, float]:
    """Per variant: the share of (base article, variant) pairs in one story."""
    original = {d.gold: stories[i] for i, d in enumerate(documents) if d.kind == "original"}
    hits = dict.fromkeys(VARIANTS, 0)
    totals = dict.fromkeys(VARIANTS, 0)
    for i, document in enumerate(documents):
        if document.kind in hits:
            totals[document.kind] += 1
            hits[document.kind] += stories[i] == original[document.gold]
    return {kind: hits[kind] / totals[kind] if totals[kind] else 0.0 for kind in VARIANTS}


def evaluate_stories(
    corpus: Path,
    *,
    split: str = "dev",
    seed: int = 0,
    limit: int | None = None,
    shingle: int = SHINGLE,
    threshold: float = SIMILAR,
    sign: Callable[[str], Signature] | None = None,
) -> StoriesEvalReport:
    """Build the set from ``corpus``, cluster it incrementally and score it."""
    started = time.perf_counter()
    articles = read_articles(corpus)
    left_out = corpus_near_duplicates(articles)
    documents = build_set(articles, split=split, seed=seed, limit=limit, exclude=left_out)
    if sign is None:
        signatures = [signature(d.text, size=shingle) for d in documents]
    else:
        signatures = [sign(d.text) for d in documents]
    candidates = candidate_lists(signatures)
    gold = [d.gold if d.kind != "unrelated" else d.id for d in documents]
    report = StoriesEvalReport(split=split, seed=seed, shingle=shingle, threshold=threshold)
    report.left_out = left_out
    report.articles = len({d.gold for d in documents})
    report.bases = sum(d.kind == "original" for d in documents)
    report.unrelated = sum(d.kind == "unrelated" for d in documents)
    report.documents = len(documents)
    stories = cluster(documents, signatures, candidates, threshold)
    report.stories = len(set(stories))
    report.score = pairwise(gold, stories)
    report.variant_recall = variant_recall(documents, stories)
    for t in THRESHOLDS:
        replay = cluster(documents, signatures, candidates, t)
        report.curve[t] = (pairwise(gold, replay), variant_recall(documents, replay))
    report.candidates_per_document = (
        sum(len(c) for c in candidates) / len(candidates) if candidates else 0.0
    )
    report.seconds = time.perf_counter() - started
    return report
