"""Body extraction measured on the Zyte (Scrapinghub) article-extraction benchmark.

`evaluate_zyte(folder)` runs three systems on the same pages in one run: detente's HTML cleaner,
trafilatura with its defaults (as the benchmark's own extractors/run_trafilatura.py calls it:
`extract(html, include_comments=False)`) and trafilatura with `favor_precision=True`.

Two measures per system:

* precision, recall, F1 of the benchmark's own metric (scrapinghub/article-extraction-benchmark,
  evaluate.py: `string_shingle_matching`, `metrics_from_tp_fp_fns`). Text is tokenised with the
  regex `\\w+`; shingles are runs of 4 consecutive tokens (a text of fewer than 4 tokens is one
  shorter shingle); per page, TP/FP/FN are multiset counts of shingles, normalised to sum to 1.
  Precision is averaged over pages where TP+FP > 0, recall over pages where TP+FN > 0 (a page where
  FP = FN = 0 scores 1), and F1 is the harmonic mean of those two averages, not a mean of per-page
  F1s.
* leak rate: the share of pages whose extracted body keeps at least one debris line (cookie,
  copyright, follow/share, newsletter, "read more") that the ground-truth body does not have. The
  detector is independent of the cleaner's tables: a short keyword list per family in
  data/clean_leak_keywords.tsv, matched case-insensitively on word boundaries, one line at a time.
  A line is in the ground truth when its \\w+ tokens occur, in order and contiguous, in the
  ground-truth body's tokens (case-insensitive).
"""

from __future__ import annotations

import gzip
import json
import re
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

import trafilatura
from rich.table import Table

from detente.clean.html import clean_markup
from detente.errors import CleanError, DictionaryError, Errors, EvalError

SHINGLE_SIZE = 4
LEAK_TABLE = "clean_leak_keywords.tsv"
# The benchmark's tokeniser (its flags other than UNICODE do not change what \w+ matches).
_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True, slots=True)
class ShingleCounts:
    """One page's shingle matches, normalised to sum to 1 as the benchmark does."""

    tp: float
    fp: float
    fn: float


@dataclass(frozen=True, slots=True)
class BenchmarkScore:
    precision: float
    recall: float
    f1: float


def tokenize(text: str) -> list[str]:
    return _TOKEN.findall(text)


def shingles(text: str, size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    tokens = tokenize(text)
    return Counter(
        tuple(tokens[i : i + size]) for i in range(max(1, len(tokens) - size + 1)) if tokens
    )


def shingle_counts(true: str, pred: str, size: int = SHINGLE_SIZE) -> ShingleCounts:
    true_shingles, pred_shingles = shingles(true, size), shingles(pred, size)
    tp = sum((true_shingles & pred_shingles).values())
    fp = sum((pred_shingles - true_shingles).values())
    fn = sum((true_shingles - pred_shingles).values())
    total = tp + fp + fn
    if total == 0:
        return ShingleCounts(0.0, 0.0, 0.0)
    return ShingleCounts(tp / total, fp / total, fn / total)


def page_precision(counts: ShingleCounts) -> float:
    if counts.fp == counts.fn == 0:
        return 1.0
    if counts.tp == counts.fp == 0:
        return 0.0
    return counts.tp / (counts.tp + counts.fp)


def page_recall(counts: ShingleCounts) -> float:
    if counts.fp == counts.fn == 0:
        return 1.0
    if counts.tp == counts.fn == 0:
        return 0.0
    return counts.tp / (counts.tp + counts.fn)


def benchmark_scores(pages: Sequence[ShingleCounts]) -> BenchmarkScore:
    precisions = [page_precision(c) for c in pages if c.tp + c.fp > 0]
    recalls = [page_recall(c) for c in pages if c.tp + c.fn > 0]
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return BenchmarkScore(precision, recall, f1)


def _load_leak_keywords() -> dict[str, re.Pattern[str]]:
    shown = f"detente/data/{LEAK_TABLE}"
    text = (files("detente") / "data" / LEAK_TABLE).read_text(encoding="utf-8")
    keywords: dict[str, list[str]] = {}
    rows = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line and line[0] != "#"]
    for number, line in rows[1:]:  # the first row is the header
        cells = line.split("\t")
        if len(cells) != 2 or not all(cells):
            detail = "expected two tab-separated columns: family, keyword"
            raise DictionaryError(Errors.E401.format(path=shown, line=number, detail=detail))
        keywords.setdefault(cells[0], []).append(re.escape(cells[1]))
    return {
        family: re.compile(rf"(?<!\w)(?:{'|'.join(words)})(?!\w)", re.IGNORECASE)
        for family, words in keywords.items()
    }


LEAK_KEYWORDS = _load_leak_keywords()


@dataclass(frozen=True, slots=True)
class Leak:
    family: str
    line: str


def leak_family(line: str) -> str | None:
    """The debris family a line's keywords point to, or None."""
    for family, pattern in LEAK_KEYWORDS.items():
        if pattern.search(line):
            return family
    return None


def _token_string(text: str) -> str:
    return f" {' '.join(tokenize(text)).casefold()} "


def find_leaks(extracted: str, truth: str) -> list[Leak]:
    """Debris lines of `extracted` that the ground-truth body `truth` does not contain."""
    truth_tokens = _token_string(truth)
    leaks = []
    for line in extracted.splitlines():
        family = leak_family(line)
        line_tokens = _token_string(line)
        if family and line_tokens.strip() and line_tokens not in truth_tokens:
            leaks.append(Leak(family, line.strip()))
    return leaks


@dataclass(frozen=True, slots=True)
class SystemScore:
    system: str
    pages: int
    precision: float
    recall: float
    f1: float
    leak_rate: float
    leaky_pages: int
    seconds: float


@dataclass(frozen=True, slots=True)
class CleanEvalReport:
    rows: tuple[SystemScore, ...]
    corpus: str

    def row(self, system: str) -> SystemScore:
        for row in self.rows:
            if row.system == system:
                return row
        raise KeyError(system)

    def to_dict(self) -> dict[str, Any]:
        return {"corpus": self.corpus, "systems": [asdict(row) for row in self.rows]}

    def to_table(self) -> Table:
        table = Table(title=f"Body extraction on {self.corpus}")
        for column in ("system", "pages", "precision", "recall", "F1", "leak rate", "seconds"):
            table.add_column(column, justify="left" if column == "system" else "right")
        for row in self.rows:
            table.add_row(
                row.system,
                str(row.pages),
                f"{row.precision:.4f}",
                f"{row.recall:.4f}",
                f"{row.f1:.4f}",
                f"{row.leak_rate:.3f} ({row.leaky_pages})",
                f"{row.seconds:.1f}",
            )
        table.caption = "4-word shingle P/R/F1 as in scrapinghub/article-extraction-benchmark"
        return table


def _detente(html: str) -> str:
    try:
        return clean_markup(html, url=None, where="<zyte page>").text
    except CleanError:
        return ""


def _trafilatura(*, favor_precision: bool) -> Callable[[str], str]:
    def extract(html: str) -> str:
        text = trafilatura.extract(html, include_comments=False, favor_precision=favor_precision)
        return text or ""

    return extract


SYSTEMS: dict[str, Callable[[str], str]] = {
    "detente": _detente,
    "trafilatura (default)": _trafilatura(favor_precision=False),
    "trafilatura (favor_precision)": _trafilatura(favor_precision=True),
}


@dataclass(frozen=True, slots=True)
class ZytePage:
    """One benchmark page; its id is the html file name without .html.gz."""

    page_id: str
    html: str
    truth: str


def load_zyte(zyte_dir: Path) -> list[ZytePage]:
    """The benchmark's pages with their ground-truth bodies, in id order."""
    truth_path = zyte_dir / "ground-truth.json"
    try:
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        detail = "no ground-truth.json; point at the benchmark folder (ground-truth.json + html/)"
        raise EvalError(Errors.E601.format(path=zyte_dir, detail=detail)) from exc
    except (OSError, ValueError) as exc:
        detail = f"unreadable ground truth ({exc}); restore the benchmark's ground-truth.json"
        raise EvalError(Errors.E601.format(path=truth_path, detail=detail)) from exc
    if not isinstance(truth, dict) or not truth:
        detail = "ground truth is not an object of pages; restore the benchmark's file"
        raise EvalError(Errors.E601.format(path=truth_path, detail=detail))
    pages = []
    for page_id in sorted(truth):
        html_path = zyte_dir / "html" / f"{page_id}.html.gz"
        try:
            html = gzip.decompress(html_path.read_bytes()).decode("utf-8")
        except (OSError, EOFError, UnicodeDecodeError) as exc:
            detail = f"cannot read the page of ground-truth entry {page_id} ({exc})"
            raise EvalError(Errors.E601.format(path=html_path, detail=detail)) from exc
        entry = truth[page_id]
        body = entry.get("articleBody") if isinstance(entry, dict) else None
        pages.append(ZytePage(page_id, html, body or ""))
    return pages


def evaluate_zyte(zyte_dir: Path) -> CleanEvalReport:
    """Score every system on every page of the benchmark folder (ground-truth.json + html/)."""
    pages = load_zyte(zyte_dir)
    rows = []
    for system, extract in SYSTEMS.items():
        started = time.perf_counter()
        outputs = [extract(page.html) for page in pages]
        seconds = time.perf_counter() - started
        pairs = list(zip(pages, outputs, strict=True))
        score = benchmark_scores([shingle_counts(page.truth, output) for page, output in pairs])
        leaky = sum(1 for page, output in pairs if find_leaks(output, page.truth))
        rows.append(
            SystemScore(
                system=system,
                pages=len(pages),
                precision=score.precision,
                recall=score.recall,
                f1=score.f1,
                leak_rate=leaky / len(pages),
                leaky_pages=leaky,
                seconds=seconds,
            )
        )
    return CleanEvalReport(tuple(rows), corpus=zyte_dir.name)
