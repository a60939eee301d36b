"""Evaluate the quotes stage on PolNeAR-format data (brat standoff: Source, Cue, Content spans and
`Attribution` relations; research and evaluation only, nothing of it ships).

What is compared
    Each article's raw `text/<name>.txt` is parsed as it is (no cleaning) and `attribute_quotes`
    runs on it. Only *speech* attributions are scored, on both sides: a gold attribution is speech
    when a token of its cue has a lemma or form in the lexicon's speech verbs (quote_verb_list.txt
    plus cues.toml [verbs] speech, minus belief and excluded verbs) or its cue is a source frame
    ("according to"). A predicted quote is speech when its cue is one of those too; a quote with
    no cue (split quote, carry-over paragraph) is folded into the nearest earlier direct or mixed
    quote with the same speaker, as PolNeAR joins such pieces into one discontinuous content.
    A prediction whose content overlaps a gold attribution that is *not* speech (an attitude
    like "backs", or a cue outside the lexicon) is set aside, neither right nor wrong; the number
    is reported.

Alignment
    Texts are split into word tokens (`\\w+`). Predictions and gold attributions are paired one to
    one, greedily by the number of content tokens they share (at least one). Unpaired predictions
    count against precision of every figure, unpaired gold attributions against recall.

Figures (precision, recall, F1 over the speech attributions)
    source   a pair whose predicted speaker mention (the words in the sentence: "he", "Grushko",
             not the resolved name) lies inside the gold Source span (its word tokens are a
             non-empty subset: PolNeAR sources keep appositives and relative clauses, "Frank
             Luntz, a Republican expert on political messaging,", our mention is the name), or
             has word-token Dice >= 0.5 with it, or the noun phrase around the mention has
             (its head's subtree without appositives and clauses: "Russia's envoy to NATO
             Alexander Grushko" around "Alexander Grushko")
    source strict    the same pairs, Dice >= 0.5 only
    cue      a pair whose predicted cue and gold Cue spans share a character
    content exact    a pair whose contents are equal once quote marks, punctuation and spaces
             at the edges are stripped
    content overlap  token level: shared content tokens of the pairs, over all predicted content
             tokens (precision) and over all gold content tokens (recall)

Error classes
    missed cue       gold attribution unpaired, and no predicted quote's cue touches its cue
    missed content   gold attribution unpaired although a predicted cue touches its cue
    wrong source     paired, source does not match (unresolved or other phrase)
    content boundary paired, content token precision or recall below 0.9
    wrong cue        paired, cues do not touch
    spurious         prediction unpaired
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.table import Table
from spacy.tokens import Doc

from detente.errors import Errors, EvalError
from detente.nlp import load_model, required_components
from detente.quotes import READS, attribute_quotes
from detente.quotes.lexicon import CueLexicon, load_lexicon
from detente.records import Quote
from detente.settings import DEFAULT_MODEL

Ranges = tuple[tuple[int, int], ...]
_WORD = re.compile(r"\w+")
_ANN_ID = re.compile(r"[A-Z#]\d*\t")
_EDGE = " \t\n\"'“”‘’„«».,;:!?—–-()[]"
_SOURCE_DICE = 0.5
_PHRASE_SKIP = frozenset({"appos", "relcl", "acl", "punct", "cc", "conj"})
_BOUNDARY = 0.9


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attribution as char ranges of the article text; `source` may be empty. A prediction's
    `source_phrase` is the phrase around its mention, as PolNeAR marks sources."""

    source: Ranges
    cue: Ranges
    content: Ranges
    source_phrase: Ranges = ()


@dataclass(slots=True)
class _Score:
    true: float = 0.0
    predicted: float = 0.0
    gold: float = 0.0

    @property
    def precision(self) -> float:
        return self.true / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.true / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(slots=True)
class QuoteEvalReport:
    """Figures of one evaluation run; `to_table()` for the terminal, `to_dict()` for JSON."""

    articles: int = 0
    gold: int = 0
    predicted: int = 0
    set_aside: int = 0
    source: _Score = field(default_factory=_Score)
    source_strict: _Score = field(default_factory=_Score)
    cue: _Score = field(default_factory=_Score)
    content_exact: _Score = field(default_factory=_Score)
    content_overlap: _Score = field(default_factory=_Score)
    errors: dict[str, int] = field(
        default_factory=lambda: dict.fromkeys(
            (
                "missed cue",
                "missed content",
                "wrong source",
                "content boundary",
                "wrong cue",
                "spurious",
            ),
            0,
        )
    )
    nlp_seconds: float = 0.0
    stage_seconds: float = 0.0

    def figures(self) -> dict[str, _Score]:
        return {
            "source": self.source,
            "source strict": self.source_strict,
            "cue": self.cue,
            "content exact": self.content_exact,
            "content overlap": self.content_overlap,
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "gold_speech_attributions": self.gold,
            "predicted_speech_quotes": self.predicted,
            "set_aside_non_speech_gold": self.set_aside,
            **{name.replace(" ", "_"): score.to_dict() for name, score in self.figures().items()},
            "errors": dict(self.errors),
            "nlp_seconds": round(self.nlp_seconds, 3),
            "stage_seconds": round(self.stage_seconds, 3),
        }

    def to_table(self) -> Table:
        table = Table(
            title=(
                f"Quotes on PolNeAR: {self.articles} articles, {self.gold} gold speech "
                f"attributions, {self.predicted} predicted ({self.set_aside} set aside)"
            )
        )
        table.add_column("figure")
        for column in ("precision", "recall", "F1"):
            table.add_column(column, justify="right")
        for name, score in self.figures().items():
            table.add_row(name, f"{score.precision:.3f}", f"{score.recall:.3f}", f"{score.f1:.3f}")
        table.add_section()
        for name, count in self.errors.items():
            table.add_row(f"error: {name}", "", "", str(count))
        share = self.stage_seconds / self.nlp_seconds if self.nlp_seconds else 0.0
        table.add_row(
            "time: nlp / quotes (s)",
            f"{self.nlp_seconds:.1f}",
            f"{self.stage_seconds:.1f}",
            f"{share:.1%}",
        )
        return table


# ------------------------------------------------------------------ reading


def _ranges(field_text: str, path: Path, line: int) -> Ranges:
    try:
        pieces = []
        for piece in field_text.split(";"):
            start, end = piece.split()
            pieces.append((int(start), int(end)))
        return tuple(pieces)
    except ValueError as exc:
        raise EvalError(Errors.E603.format(path=path, line=line, detail=field_text)) from exc


def read_ann(path: Path) -> list[Attribution]:
    """The attributions of a brat .ann file (relations without a content are skipped)."""
    spans: dict[str, tuple[str, Ranges]] = {}
    relations: list[tuple[int, list[str]]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        if not _ANN_ID.match(line):
            continue  # the rest of a span text that holds a line break
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            kind, _, ranges = parts[1].partition(" ")
            spans[parts[0]] = (kind, _ranges(ranges, path, number))
        elif line.startswith("E") and len(parts) >= 2:
            relations.append((number, parts[1].split()))
        elif not line.startswith(("#", "A", "R", "N")):
            raise EvalError(Errors.E603.format(path=path, line=number, detail=line[:60]))
    found = []
    for number, args in relations:
        roles: dict[str, list[tuple[int, int]]] = {"Source": [], "Cue": [], "Content": []}
        for arg in args:
            role, _, ref = arg.partition(":")
            role = role.rstrip("0123456789")
            if ref not in spans:
                raise EvalError(Errors.E603.format(path=path, line=number, detail=f"no span {ref}"))
            if role in roles:
                roles[role].extend(spans[ref][1])
        if roles["Content"] and roles["Cue"]:
            found.append(
                Attribution(
                    tuple(sorted(roles["Source"])),
                    tuple(sorted(roles["Cue"])),
                    tuple(sorted(roles["Content"])),
                )
            )
    return found


def polnear_articles(folder: Path, limit: int | None = None) -> Iterator[tuple[Path, Path]]:
    """(text, annotation) path pairs of a PolNeAR folder, in name order (first annotator's file
    when several annotated an article)."""
    texts = folder / "text"
    notes = folder / "attributions"
    pairs = []
    if texts.is_dir() and notes.is_dir():
        for text in sorted(texts.glob("*.txt")):
            # PolNeAR names annotations <article>_<annotator>.ann; plain brat uses <article>.ann.
            found = sorted(notes.glob(f"{text.stem}_*.ann")) or sorted(
                notes.glob(f"{text.stem}.ann")
            )
            if found:
                pairs.append((text, found[0]))
    if not pairs:
        raise EvalError(Errors.E602.format(path=folder))
    yield from pairs[:limit] if limit is not None else pairs


# ------------------------------------------------------------------ scoring


def _words(text: str, ranges: Ranges) -> set[int]:
    """Start offsets of the word tokens inside `ranges`."""
    return {m.start() for s, e in ranges for m in _WORD.finditer(text, s, e)}


def _dice(a: set[int], b: set[int]) -> float:
    return 2 * len(a & b) / (len(a) + len(b) or 1)


def _touch(a: Ranges, b: Ranges) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


def _normal(text: str, ranges: Ranges) -> str:
    return " ".join(" ".join(text[s:e].strip(_EDGE) for s, e in ranges).split())


def _is_speech_cue(doc: Doc, text: str, ranges: Ranges, lexicon: CueLexicon) -> bool:
    words = " ".join(text[s:e] for s, e in ranges).lower().split()
    for frame in lexicon.source_frames:
        n = len(frame)
        if any(tuple(words[i : i + n]) == frame for i in range(len(words) - n + 1)):
            return True
    for s, e in ranges:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None and any(lexicon.is_speech(t.lemma_.lower(), t.lower_) for t in span):
            return True
    return False


def _predicted(doc: Doc, text: str, quotes: list[Quote], lexicon: CueLexicon) -> list[Attribution]:
    """Speech quotes as attributions; cue-less pieces join the previous direct or mixed quote of
    their speaker (the one they continue)."""
    out: list[list[Any]] = []  # [source, cue, content ranges, actor, quote type]
    for quote in quotes:
        content = ((quote.content.start, quote.content.end),)
        if quote.cue is None:
            owner = next(
                (o for o in reversed(out) if o[3] == quote.speaker.actor and o[4] != "indirect"),
                None,
            )
            if owner is not None and quote.speaker.actor is not None:
                owner[2] = owner[2] + content
            continue
        cue = ((quote.cue.start, quote.cue.end),)
        if not _is_speech_cue(doc, text, cue, lexicon):
            continue
        mention = quote.speaker.mention
        source = ((mention.start, mention.end),) if mention is not None else ()
        out.append([source, cue, content, quote.speaker.actor, quote.type])
    return [Attribution(o[0], o[1], tuple(sorted(o[2])), _source_phrase(doc, o[0])) for o in out]


def _source_phrase(doc: Doc, source: Ranges) -> Ranges:
    """The noun phrase around a speaker mention: the subtree of its head word without clauses,
    appositives and coordination ("Russia's envoy to NATO Alexander Grushko" around "Alexander
    Grushko"). The mention itself is the name only, as it is the actor's evidence."""
    if not source:
        return ()
    span = doc.char_span(source[0][0], source[0][1], alignment_mode="expand")
    if span is None:
        return source
    head = span.root
    tokens = {t.i for t in span}
    stack = [c for c in head.children if c.dep_ not in _PHRASE_SKIP]
    while stack:
        token = stack.pop()
        tokens.add(token.i)
        stack.extend(token.children)
    first, last = doc[min(tokens)], doc[max(tokens)]
    return ((first.idx, last.idx + len(last.text)),)


def _score_article(
    report: QuoteEvalReport,
    text: str,
    gold: list[Attribution],
    other_gold: list[Attribution],
    predicted: list[Attribution],
) -> None:
    gold_words = [_words(text, g.content) for g in gold]
    other_words = [_words(text, g.content) for g in other_gold]
    kept: list[tuple[Attribution, set[int]]] = []
    for p in predicted:
        words = _words(text, p.content)
        overlap_gold = max((len(words & g) for g in gold_words), default=0)
        overlap_other = max((len(words & g) for g in other_words), default=0)
        if overlap_other > overlap_gold:
            report.set_aside += 1
            continue
        kept.append((p, words))
    pairs = sorted(
        (
            (len(words & gold_words[j]), i, j)
            for i, (_, words) in enumerate(kept)
            for j in range(len(gold))
            if words & gold_words[j]
        ),
        reverse=True,
    )
    paired_pred: dict[int, int] = {}
    paired_gold: set[int] = set()
    for _, i, j in pairs:
        if i not in paired_pred and j not in paired_gold:
            paired_pred[i] = j
            paired_gold.add(j)
    report.gold += len(gold)
    report.predicted += len(kept)
    for score in (report.source, report.source_strict, report.cue, report.content_exact):
        score.gold += len(gold)
        score.predicted += len(kept)
    # The overlap figure counts tokens, not attributions.
    report.content_overlap.predicted += sum(len(w) for _, w in kept)
    report.content_overlap.gold += sum(len(w) for w in gold_words)
    for i, (p, words) in enumerate(kept):
        paired = paired_pred.get(i)
        if paired is None:
            report.errors["spurious"] += 1
            continue
        g, g_words = gold[paired], gold_words[paired]
        shared = len(words & g_words)
        report.content_overlap.true += shared
        p_source, g_source = _words(text, p.source), _words(text, g.source)
        p_phrase = _words(text, p.source_phrase)
        dice = max(_dice(p_source, g_source), _dice(p_phrase, g_source))
        if dice >= _SOURCE_DICE:
            report.source_strict.true += 1
        if dice >= _SOURCE_DICE or (p_source and p_source <= g_source):
            report.source.true += 1
        else:
            report.errors["wrong source"] += 1
        if _touch(p.cue, g.cue):
            report.cue.true += 1
        else:
            report.errors["wrong cue"] += 1
        if _normal(text, p.content) == _normal(text, g.content):
            report.content_exact.true += 1
        elif shared < _BOUNDARY * len(words) or shared < _BOUNDARY * len(g_words):
            report.errors["content boundary"] += 1
    for j, g in enumerate(gold):
        if j in paired_gold:
            continue
        cue_found = any(_touch(p.cue, g.cue) for p, _ in kept)
        report.errors["missed content" if cue_found else "missed cue"] += 1


def evaluate_polnear(
    dir: Path,
    *,
    limit: int | None = None,
    model: str = DEFAULT_MODEL,
    lexicon: CueLexicon | None = None,
) -> QuoteEvalReport:
    """Score `attribute_quotes` on the PolNeAR folder `dir` (text/, attributions/): see the module
    docstring for what is matched and how."""
    lexicon = lexicon if lexicon is not None else load_lexicon()
    nlp = load_model(model, required_components(READS))
    report = QuoteEvalReport()
    for text_path, ann_path in polnear_articles(dir, limit):
        text = text_path.read_text(encoding="utf-8")
        attributions = read_ann(ann_path)
        started = time.perf_counter()
        doc = nlp(text)
        parsed = time.perf_counter()
        findings = attribute_quotes(doc, lexicon=lexicon)
        report.stage_seconds += time.perf_counter() - parsed
        report.nlp_seconds += parsed - started
        gold: list[Attribution] = []
        other: list[Attribution] = []
        for attribution in attributions:
            speech = _is_speech_cue(doc, text, attribution.cue, lexicon)
            (gold if speech else other).append(attribution)
        predicted = _predicted(doc, text, findings.quotes, lexicon)
        _score_article(report, text, gold, other, predicted)
        report.articles += 1
    return report
