"""Evaluating the events stage on public test data (read from where it lies, never shipped).

* `evaluate_petr`: PETRARCH-2's unit-test records (PETR.UnitTest.records.xml), coded with the
  PETR.Validate toy dictionaries loaded as user dictionaries (actors, agents through the actors
  stage's loader; verbs through `load_verb_dictionary(..., bundled=False)`). An expected coding
  (source code, target code, event code) is reproduced when an event of that sentence has exactly
  those three codes ("---" for no actor, as PETRARCH writes it). Records that expect no event
  count as reproduced when nothing is coded.
* `evaluate_conflibert`: ConfliBERT's CAMEO class data (sentence TAB class, five classes: 0
  statement, 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material
  conflict). A sentence's main event is its first coded event whose evidence is not a statement
  (CAMEO 01), else its first statement; its class is ConfliBERT's grouping of its CAMEO root
  (`tables.pentaclass`: QuadClass with statements and appeals apart, 16 verbal conflict). A
  sentence without events counts as wrong.
* `evaluate_plover`: the PLOVER gold-standard sentences (JSON list of records with `text` and
  `event`, its PLOVER type; four older names are mapped to today's, see RENAMED). Recall: the gold
  type is among a sentence's coded types; precision: the share of typed events whose type is the
  gold one. Triples, as PETRARCH's validation counts them: (type, source country, target country)
  of each typed event against the gold record's, a country being the first three letters of a
  code ("---" for no target; a compound source without a target acts mutually).
* `evaluate_relevance`: sentences of real news labelled by hand "event" (a political,
  governmental, military or international interaction) or "none" (eval/relevance/README.md): the
  relevance gate's precision and recall, a sentence counting as "event" when anything is coded.
* `evaluate_news`: whole news articles coded as the pipeline codes them, scored on sentences of
  them labelled by hand with the PLOVER types they report (eval/events/README.md): typed
  precision (events of a labelled type), recall and the confusions, per type.

* `evaluate_roles`: ConfliBERT's source / target spans (`cameo_ner_train.txt`: a word and its
  tag per line, B-S / I-S the source, B-T / I-T the target, a blank line between sentences): the
  share of sentences with a source span whose main event (as for `evaluate_conflibert`) names
  its source with words inside that span, and the same for targets. The spans are words, not
  codes, so this measures who the roles pick, not how they are coded.
Each report also gives per-type figures (`TypeTally`: gold and predicted counts, precision,
recall, F1) and the most frequent (gold, predicted) confusions, "none" standing for no event:
PETR by the CAMEO root of the expected and coded codings, ConfliBERT by class, PLOVER by type.

The ConfliBERT, PLOVER, relevance and news figures are of the coder DETENTE_EVENT_CODER selects
(rule or learned); the PETR figures are the rule coder's: its toy verb dictionary replaces the
bundled one whose events the learned model reads as votes.
All run the model once per text (a sentence; a whole article for the news) and time it apart
from the events stage.
"""

from __future__ import annotations

import datetime
import json
import re
import time
import xml.etree.ElementTree as ET
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from rich.table import Table

from detente.actors import ActorDictionary, code_actors, load_actor_dictionary
from detente.errors import DetenteError, Errors, EvalError
from detente.events import load_verb_dictionary
from detente.events.coders import EventCoder, RuleCoder, selected_coder
from detente.events.dictionary import VerbDictionary
from detente.events.model import NONE, STATEMENT
from detente.events.tables import event_tables, main_event, pentaclass
from detente.nlp import load_model, required_components
from detente.quotes import QuoteFindings, attribute_quotes
from detente.records import Event, EventActor
from detente.settings import DEFAULT_MODEL

READS = ("sentences", "entities", "parse", "lemmas")
NO_ACTOR = "---"
CLASSES = ("statement", "verbal coop", "material coop", "verbal conflict", "material conflict")
# PLOVER type names older than today's (plover-gsr-dev/README.md)
RENAMED = {"FIGHT": "ASSAULT", "DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE"}
UNTYPED = "none"


@dataclass(frozen=True, slots=True)
class TypeScore:
    """One type's row: gold items (support), predicted items, precision, recall and F1."""

    type: str
    gold: int
    predicted: int
    precision: float
    recall: float
    f1: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": self.type,
            "gold": self.gold,
            "predicted": self.predicted,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


def f1_score(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass(slots=True)
class TypeTally:
    """Per-type counts of an evaluation and its (gold, predicted) confusions; UNTYPED ("none")
    is a type on either side: an item that expects no event, an item nothing is predicted for.

    Precision of a type is `right / predicted`, recall `found / gold`; a report whose hits are
    the same on both sides (one label per item) counts each hit in both."""

    gold: Counter[str] = field(default_factory=Counter)  # type → gold items
    predicted: Counter[str] = field(default_factory=Counter)  # type → predicted items
    found: Counter[str] = field(default_factory=Counter)  # type → gold items found (recall)
    right: Counter[str] = field(default_factory=Counter)  # type → right predictions (precision)
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)  # (gold, predicted)

    def add(self, gold: str, predicted: Sequence[str]) -> None:
        """One item of type `gold` and each type predicted for it (none: UNTYPED predicted);
        a prediction of another type is a confusion, and so is an item with nothing predicted."""
        self.add_labels([gold], predicted)

    def add_labels(self, gold: Sequence[str], predicted: Sequence[str]) -> None:
        """One item of the types `gold`, the first its main one, and each type predicted for it:
        a prediction of none of them is a confusion of the main one."""
        predicted = list(predicted) or [UNTYPED]
        for label in gold:
            self.gold[label] += 1
            self.found[label] += label in predicted
        for label in predicted:
            self.predicted[label] += 1
            self.right[label] += label in gold
            if label not in gold:
                self.confusion[(gold[0], label)] += 1

    @classmethod
    def of_pairs(cls, pairs: Mapping[tuple[str, str], int]) -> TypeTally:
        """The tally of single-label items given as {(gold, predicted): count}."""
        tally = cls()
        for (gold, predicted), count in pairs.items():
            for _ in range(count):
                tally.add(gold, [predicted])
        return tally

    def scores(self) -> list[TypeScore]:
        """One row per type seen on either side, by name, UNTYPED last."""
        types = sorted(set(self.gold) | set(self.predicted), key=lambda t: (t == UNTYPED, t))
        rows = []
        for name in types:
            gold, predicted = self.gold[name], self.predicted[name]
            precision = self.right[name] / predicted if predicted else 0.0
            recall = self.found[name] / gold if gold else 0.0
            rows.append(
                TypeScore(name, gold, predicted, precision, recall, f1_score(precision, recall))
            )
        return rows

    def confusions(self, top: int = 10) -> list[tuple[str, str, int]]:
        """The `top` most frequent (gold, predicted, count), by count, then gold and predicted."""
        ranked = sorted(self.confusion.items(), key=lambda item: (-item[1], item[0]))
        return [(gold, predicted, count) for (gold, predicted), count in ranked[:top]]

    def to_dict(self, top: int = 10) -> dict[str, list[dict[str, Any]]]:
        return {
            "per_type": [row.to_dict() for row in self.scores()],
            "confusions": [
                {"gold": gold, "predicted": predicted, "count": count}
                for gold, predicted, count in self.confusions(top)
            ],
        }

    def to_table(self, title: str, label: str = "type", top: int = 10) -> Table:
        """A row per type, then the `top` confusions (their count in the predicted column)."""
        table = Table(title=title)
        for column in (label, "gold", "predicted", "precision", "recall", "F1"):
            table.add_column(column, justify="left" if column == label else "right")
        for row in self.scores():
            table.add_row(
                row.type, str(row.gold), str(row.predicted),
                f"{row.precision:.3f}", f"{row.recall:.3f}", f"{row.f1:.3f}",
            )  # fmt: skip
        confusions = self.confusions(top)
        if confusions:
            table.add_section()
            table.add_row("[i]confused: gold → predicted[/i]", "", "", "", "", "")
            for gold, predicted, count in confusions:
                table.add_row(f"{gold} → {predicted}", "", str(count), "", "", "")
        return table


@dataclass(slots=True)
class PetrReport:
    """Expected PETR codings reproduced, overall and per record category, and the triples
    (CAMEO root, source and target country) as a validation set of real news counts them."""

    coder: str = "rule"
    records: int = 0
    expected: int = 0
    reproduced: int = 0
    extra: int = 0  # coded events that no record expects
    triples_expected: int = 0
    triples_coded: int = 0
    triples_right: int = 0
    by_category: dict[str, list[int]] = field(
        default_factory=dict
    )  # category → [reproduced, expected]
    misses: list[dict[str, str]] = field(default_factory=list)
    tally: TypeTally = field(default_factory=TypeTally)  # by CAMEO root
    nlp_seconds: float = 0.0
    stage_seconds: float = 0.0

    @property
    def share(self) -> float:
        return self.reproduced / self.expected if self.expected else 0.0

    @property
    def triple_precision(self) -> float:
        return self.triples_right / self.triples_coded if self.triples_coded else 0.0

    @property
    def triple_recall(self) -> float:
        return self.triples_right / self.triples_expected if self.triples_expected else 0.0

    @property
    def triple_f1(self) -> float:
        return f1_score(self.triple_precision, self.triple_recall)

    def to_dict(self) -> dict[str, Any]:
        return {
            "coder": self.coder,
            "records": self.records,
            "expected": self.expected,
            "reproduced": self.reproduced,
            "share": round(self.share, 4),
            "extra": self.extra,
            "triple_precision": round(self.triple_precision, 4),
            "triple_recall": round(self.triple_recall, 4),
            "triple_f1": round(self.triple_f1, 4),
            "by_category": {
                k: {"reproduced": v[0], "expected": v[1]} for k, v in self.by_category.items()
            },
            **self.tally.to_dict(),
            "nlp_seconds": round(self.nlp_seconds, 3),
            "stage_seconds": round(self.stage_seconds, 3),
        }

    def to_table(self) -> Table:
        table = Table(
            title=(
                f"Events ({self.coder} coder) on PETRARCH records: {self.reproduced}/"
                f"{self.expected} expected codings reproduced ({self.share:.1%}) in "
                f"{self.records} records, {self.extra} extra; triples F1 {self.triple_f1:.3f} "
                f"(P {self.triple_precision:.3f}, R {self.triple_recall:.3f}; CAMEO root, "
                "source and target country)"
            )
        )
        for column in ("category", "reproduced", "expected", "share"):
            table.add_column(column, justify="left" if column == "category" else "right")
        for category, (hit, total) in sorted(self.by_category.items()):
            table.add_row(category, str(hit), str(total), f"{hit / total:.1%}" if total else "-")
        table.add_section()
        table.add_row(
            "time: nlp / events (s)", f"{self.nlp_seconds:.1f}", f"{self.stage_seconds:.1f}", ""
        )
        return table

    def type_table(self) -> Table:
        title = "Events on PETRARCH records by CAMEO root (a coding counts when reproduced)"
        return self.tally.to_table(title, label="CAMEO root")


@dataclass(slots=True)
class ConflibertReport:
    """Five-class accuracy of each sentence's main event, with per-class precision and recall."""

    sentences: int = 0
    correct: int = 0
    uncoded: int = 0  # sentences with no event at all
    coder: str = "rule"
    confusion: Counter[tuple[int, int]] = field(default_factory=Counter)  # (gold, predicted)
    nlp_seconds: float = 0.0
    stage_seconds: float = 0.0

    @property
    def accuracy(self) -> float:
        return self.correct / self.sentences if self.sentences else 0.0

    @property
    def tally(self) -> TypeTally:
        """The confusion by class label ("0 statement" … "4 material conflict", "none")."""
        return TypeTally.of_pairs(
            {(_class_label(g), _class_label(p)): n for (g, p), n in self.confusion.items()}
        )

    def per_class(self) -> dict[str, dict[str, float]]:
        """The tally's rows by class name (the JSON shape reports had before per_type)."""
        rows = {row.type: row for row in self.tally.scores()}
        empty = TypeScore("", 0, 0, 0.0, 0.0, 0.0)
        return {
            name: {
                "precision": round(row.precision, 4),
                "recall": round(row.recall, 4),
                "gold": row.gold,
                "predicted": row.predicted,
            }
            for index, name in enumerate(CLASSES)
            for row in [rows.get(_class_label(index), empty)]
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "coder": self.coder,
            "sentences": self.sentences,
            "accuracy": round(self.accuracy, 4),
            "uncoded": self.uncoded,
            "per_class": self.per_class(),
            **self.tally.to_dict(),
            "nlp_seconds": round(self.nlp_seconds, 3),
            "stage_seconds": round(self.stage_seconds, 3),
        }

    def to_table(self) -> Table:
        title = (
            f"Events ({self.coder} coder) on ConfliBERT CAMEO classes: accuracy "
            f"{self.accuracy:.1%} over {self.sentences} sentences ({self.uncoded} without an event)"
        )
        table = self.tally.to_table(title, label="class")
        return _with_timing(table, self.nlp_seconds, self.stage_seconds)


def _with_timing(table: Table, nlp_seconds: float, stage_seconds: float) -> Table:
    """A report's table with its last row: the model's and the events stage's time."""
    table.add_section()
    blanks = [""] * (len(table.columns) - 3)
    table.add_row("time: nlp / events (s)", f"{nlp_seconds:.1f}", f"{stage_seconds:.1f}", *blanks)
    return table


def _class_label(index: int) -> str:
    return f"{index} {CLASSES[index]}" if 0 <= index < len(CLASSES) else UNTYPED


@dataclass(frozen=True, slots=True)
class PetrRecord:
    id: str
    category: str
    date: datetime.date | None
    text: str
    expected: tuple[tuple[str, str, str], ...]  # (source, target, event code)


def read_petr_records(path: Path) -> list[PetrRecord]:
    """The records of a PETRARCH validation file; records that expect an error are skipped."""
    try:
        root = ET.parse(path).getroot()
    except FileNotFoundError:
        raise EvalError(Errors.E601.format(path=path, detail="no such file")) from None
    except ET.ParseError as exc:
        raise EvalError(Errors.E601.format(path=path, detail=f"not valid XML ({exc})")) from None
    records: list[PetrRecord] = []
    for sentence in root.iter("Sentence"):
        codings = sentence.findall("EventCoding")
        if any("error" in c.attrib for c in codings):
            continue
        text_node = sentence.find("Text")
        text = " ".join((text_node.text or "").split()) if text_node is not None else ""
        expected = tuple(
            (c.attrib["sourcecode"], c.attrib["targetcode"], c.attrib["eventcode"])
            for c in codings
            if "eventcode" in c.attrib
        )
        raw_date = sentence.attrib.get("date", "").strip()
        try:
            date = datetime.datetime.strptime(raw_date, "%Y%m%d").date()
        except ValueError:
            date = None
        records.append(
            PetrRecord(
                sentence.attrib.get("id", ""),
                sentence.attrib.get("category", ""),
                date,
                text,
                expected,
            )
        )
    return records


def evaluate_petr(
    records_xml: Path,
    dictionaries: Sequence[Path],
    *,
    limit: int | None = None,
    model: str = DEFAULT_MODEL,
) -> PetrReport:
    """Score a coder on PETRARCH validation records (the first `limit` of them). With a verb
    file among `dictionaries` (its name holds "verbs"), PETRARCH's unit tests: the rule coder
    codes with those toy dictionaries alone. Without one, news coded as the pipeline codes it:
    the selected coder (the learned one by default) with the bundled dictionaries, the actor
    files among `dictionaries` checked first."""
    verb_files = [p for p in dictionaries if "verbs" in p.name.lower()]
    actor_files = [
        p for p in dictionaries if p not in verb_files and "discards" not in p.name.lower()
    ]
    coder: EventCoder
    if verb_files:
        coder = RuleCoder(load_verb_dictionary(verb_files, bundled=False))
        actors = load_actor_dictionary(actor_files, bundled=False)
    else:
        coder = selected_coder()
        actors = load_actor_dictionary(actor_files)
    records = read_petr_records(records_xml)
    records = records[:limit] if limit else records
    report = PetrReport(coder=coder.name)
    rows = [(record.text, record) for record in records]
    dates = [record.date for record in records]
    # PETRARCH reads no quotes: its unit tests expect none of their statements
    coded = _coded_sentences(
        rows, coder, model, report, actors=actors, published=dates, read_quotes=not verb_files
    )
    for record, events in coded:
        _score_petr(report, record, events)
    return report


def _score_petr(report: PetrReport, record: PetrRecord, events: list[Event]) -> None:
    coded = {(_code(e.source), _code(e.target), e.cameo) for e in events}
    category = report.by_category.setdefault(record.category or "-", [0, 0])
    report.records += 1
    expected = set(record.expected)
    expected_triples, coded_triples = _country_triples(expected), _country_triples(coded)
    report.triples_expected += len(expected_triples)
    report.triples_coded += len(coded_triples)
    report.triples_right += len(expected_triples & coded_triples)
    _tally_roots(report.tally, expected, coded)
    if not expected:
        # a record that expects no event: right when nothing is coded
        report.expected += 1
        category[1] += 1
        if not coded:
            report.reproduced += 1
            category[0] += 1
        report.extra += len(coded)
        return
    report.expected += len(expected)
    category[1] += len(expected)
    hits = expected & coded
    report.reproduced += len(hits)
    category[0] += len(hits)
    report.extra += len(coded - expected)
    for source, target, code in sorted(expected - coded):
        report.misses.append(
            {
                "id": record.id,
                "expected": f"{source} {target} {code}",
                "coded": "; ".join(" ".join(c) for c in sorted(coded)),
            }
        )


def _country_triples(codings: set[tuple[str, str, str]]) -> set[tuple[str, str, str]]:
    """(CAMEO root, source country, target country) of (source, target, CAMEO code) codings:
    "ISRMIL ISR 190" is (19, ISR, ISR), the agents after a country code dropped."""
    return {(code[:2], source[:3], target[:3]) for source, target, code in codings}


def _tally_roots(
    tally: TypeTally, expected: set[tuple[str, str, str]], coded: set[tuple[str, str, str]]
) -> None:
    """One record by CAMEO root: an expected coding is found, and a coded one right, when it is
    reproduced exactly; a record expecting no event is an UNTYPED gold item, one with nothing
    coded an UNTYPED prediction. Its confusions pair each expected root that no coding has with
    each coded root that no coding expects (UNTYPED when there is none, on either side)."""
    for side, counts, hits, other in (
        (expected, tally.gold, tally.found, coded),
        (coded, tally.predicted, tally.right, expected),
    ):
        if not side:
            counts[UNTYPED] += 1
            hits[UNTYPED] += not other
        for coding in side:
            counts[coding[2][:2]] += 1
            hits[coding[2][:2]] += coding in other
    gold_roots = {code[:2] for _, _, code in expected} or {UNTYPED}
    coded_roots = {code[:2] for _, _, code in coded} or {UNTYPED}
    missed, added = gold_roots - coded_roots, coded_roots - gold_roots
    for gold in sorted(missed) or [UNTYPED]:
        for predicted in sorted(added) or [UNTYPED]:
            if gold != predicted:
                tally.confusion[(gold, predicted)] += 1


def _code(side: EventActor | None) -> str:
    """PETRARCH writes a missing actor as "---"."""
    return (side.code or NO_ACTOR) if side is not None else NO_ACTOR


def read_conflibert(path: Path) -> list[tuple[str, int]]:
    """(sentence, class) rows of a ConfliBERT class file: sentence TAB class digit 0–4."""
    rows: list[tuple[str, int]] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EvalError(Errors.E601.format(path=path, detail=f"cannot read ({exc})")) from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        text, _, label = line.rpartition("\t")
        if not text or label.strip() not in ("0", "1", "2", "3", "4"):
            detail = f"line {number} is not 'sentence<TAB>class 0-4'"
            raise EvalError(Errors.E601.format(path=path, detail=detail))
        rows.append((text, int(label)))
    return rows


def main_event_class(events: Sequence[Event]) -> int | None:
    """The class of a sentence's main event (`main_event`)."""
    main = main_event(events)
    return pentaclass(main.cameo) if main is not None else None


def evaluate_conflibert(
    tsv: Path,
    *,
    limit: int | None = None,
    model: str = DEFAULT_MODEL,
    verbs: VerbDictionary | None = None,
) -> ConflibertReport:
    """Five-class accuracy of the events stage (with the bundled actor and verb dictionaries)."""

    rows = read_conflibert(tsv)[:limit] if limit else read_conflibert(tsv)
    coder = selected_coder(verbs)
    report = ConflibertReport(coder=coder.name)
    for gold, events in _coded_sentences(rows, coder, model, report):
        predicted = main_event_class(events)
        report.sentences += 1
        if predicted is None:
            report.uncoded += 1
            report.confusion[(gold, -1)] += 1
            continue
        report.confusion[(gold, predicted)] += 1
        report.correct += predicted == gold
    return report


@dataclass(slots=True)
class TypedReport(ABC):
    """Typed events against labelled sentences: the per-type tally, its overall figures
    (`overall`, which each report defines) and the time spent."""

    coder: str = "rule"
    sentences: int = 0
    tally: TypeTally = field(default_factory=TypeTally)  # a sentence's gold types, its coded types
    nlp_seconds: float = 0.0
    stage_seconds: float = 0.0

    @abstractmethod
    def overall(self) -> dict[str, float]:
        """The report's overall figures (`typed_figures` and its own)."""

    @abstractmethod
    def title(self) -> str:
        """The table's title: what was measured and the overall figures."""

    def typed_figures(self, gold: int) -> dict[str, float]:
        """Precision over the typed events coded, recall of `gold` items, F1 and the counts."""

        def typed(counts: Counter[str]) -> int:
            return sum(n for label, n in counts.items() if label != UNTYPED)

        coded = typed(self.tally.predicted)
        precision = typed(self.tally.right) / coded if coded else 0.0
        recall = typed(self.tally.found) / gold if gold else 0.0
        return {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1_score(precision, recall), 4),
            "gold": gold,
            "coded": coded,
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "coder": self.coder,
            "sentences": self.sentences,
            **self.overall(),
            **self.tally.to_dict(),
            "nlp_seconds": round(self.nlp_seconds, 3),
            "stage_seconds": round(self.stage_seconds, 3),
        }

    def to_table(self) -> Table:
        table = self.tally.to_table(self.title())
        return _with_timing(table, self.nlp_seconds, self.stage_seconds)


@dataclass(slots=True)
class PloverReport(TypedReport):
    """PLOVER type recall, precision and F1 over gold sentences, per type, with confusions."""

    # coded triples, those right; gold sources, those found
    triples: Counter[str] = field(default_factory=Counter)

    def add(self, gold: PloverGold, events: Sequence[Event]) -> None:
        """One sentence: its gold record and the events coded in it."""
        typed = [e for e in events if e.plover is not None]
        self.sentences += 1
        self.tally.add(gold.type, [e.plover.type for e in typed if e.plover is not None])
        expected, coded = gold.triples(), {_triple(e) for e in typed}
        self.triples.update(
            right=len(coded & set().union(*expected.values())),
            coded=len(coded),
            found=sum(bool(coded & triples) for triples in expected.values()),
            gold=len(expected),
        )

    def overall(self) -> dict[str, float]:
        """Over the typed events and the sentences (a sentence with nothing typed codes none)."""
        triples = self.triples
        triple_p = triples["right"] / triples["coded"] if triples["coded"] else 0.0
        triple_r = triples["found"] / triples["gold"] if triples["gold"] else 0.0
        return {
            **self.typed_figures(self.sentences),
            "triple_precision": round(triple_p, 4),
            "triple_recall": round(triple_r, 4),
            "triple_f1": round(f1_score(triple_p, triple_r), 4),
        }

    def title(self) -> str:
        figures = self.overall()
        return (
            f"Events ({self.coder} coder) on PLOVER gold sentences: type F1 "
            f"{figures['f1']:.3f} (P {figures['precision']:.3f}, R {figures['recall']:.3f}), "
            f"triples F1 {figures['triple_f1']:.3f} (type, source and target country) "
            f"over {self.sentences} sentences"
        )


@dataclass(frozen=True, slots=True)
class PloverGold:
    """A PLOVER gold record's type and the countries (three letters) of its sources and targets."""

    type: str
    sources: frozenset[str] = frozenset()
    targets: frozenset[str] = frozenset()

    def triples(self) -> dict[str, set[tuple[str, str, str]]]:
        """For each source country, the (type, source, target) triples that code it."""
        found = {s: {(self.type, s, t) for t in self.targets or {NO_ACTOR}} for s in self.sources}
        if not self.targets:  # "(SRC/TAR: Hungarian) and (SRC/TAR: Romanian) officials agreed"
            for s in self.sources:
                found[s] |= {(self.type, s, t) for t in self.sources if t != s}
        return found


def _countries(actors: object) -> frozenset[str]:
    """The country codes of a record's "source" or "target": a list of {code}, or "" for none."""
    if not isinstance(actors, list):
        return frozenset()
    codes = (a.get("code") for a in actors if isinstance(a, dict))
    return frozenset(code[:3] for code in codes if isinstance(code, str) and code[:3].isalpha())


def _triple(event: Event) -> tuple[str, str, str]:
    plover = event.plover.type if event.plover is not None else ""
    return plover, _code(event.source)[:3], _code(event.target)[:3]


def read_plover(path: Path) -> list[tuple[str, PloverGold]]:
    """(sentence, gold) of a PLOVER gold-standard JSON file, older type names renamed."""
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
        return [
            (
                r["text"],
                PloverGold(
                    RENAMED.get(r["event"], r["event"]),
                    _countries(r.get("source")),
                    _countries(r.get("target")),
                ),
            )
            for r in records
        ]
    except (OSError, ValueError) as exc:
        raise EvalError(Errors.E601.format(path=path, detail=f"cannot read ({exc})")) from None
    except (KeyError, TypeError):
        detail = "not a list of records with 'text' and 'event'"
        raise EvalError(Errors.E601.format(path=path, detail=detail)) from None


def evaluate_plover(
    path: Path, *, limit: int | None = None, model: str = DEFAULT_MODEL
) -> PloverReport:
    """PLOVER type figures of the selected coder (bundled actor and verb dictionaries)."""
    rows = read_plover(path)[:limit] if limit else read_plover(path)
    return plover_report(rows, selected_coder(), model)


def plover_report(
    rows: Sequence[tuple[str, PloverGold]],
    coder: EventCoder,
    model: str = DEFAULT_MODEL,
    report: PloverReport | None = None,
) -> PloverReport:
    """PLOVER type figures of `coder` on (sentence, gold) rows, added to `report` if given."""
    report = report if report is not None else PloverReport(coder=coder.name)
    for gold, events in _coded_sentences(rows, coder, model, report):
        report.add(gold, events)
    return report


EVENT = "event"


@dataclass(slots=True)
class RelevanceReport:
    """How well the coder tells sentences that report an event from those that do not."""

    coder: str = "rule"
    tally: TypeTally = field(default_factory=TypeTally)  # EVENT or UNTYPED, gold and coded
    nlp_seconds: float = 0.0
    stage_seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "coder": self.coder,
            "sentences": self.tally.gold.total(),
            **self.tally.to_dict(),
            "nlp_seconds": round(self.nlp_seconds, 3),
            "stage_seconds": round(self.stage_seconds, 3),
        }

    def to_table(self) -> Table:
        rows = {row.type: row for row in self.tally.scores()}
        gate = rows.get(UNTYPED, TypeScore(UNTYPED, 0, 0, 0.0, 0.0, 0.0))
        title = (
            f"Relevance ({self.coder} coder) over {self.tally.gold.total()} sentences: "
            f"no-event precision {gate.precision:.3f}, recall {gate.recall:.3f}"
        )
        table = self.tally.to_table(title, label="sentence")
        return _with_timing(table, self.nlp_seconds, self.stage_seconds)


def read_relevance(path: Path) -> list[tuple[str, str]]:
    """(sentence, "event" or "none") rows of a relevance file: label TAB page TAB sentence, after
    a header line."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()[1:]
    except OSError as exc:
        raise EvalError(Errors.E601.format(path=path, detail=f"cannot read ({exc})")) from None
    rows: list[tuple[str, str]] = []
    for number, line in enumerate(lines, start=2):
        label, _, rest = line.partition("\t")
        sentence = rest.partition("\t")[2]
        if label not in (EVENT, UNTYPED) or not sentence.strip():
            detail = f"line {number} is not 'event|none<TAB>page<TAB>sentence'"
            raise EvalError(Errors.E601.format(path=path, detail=detail))
        rows.append((sentence, label))
    return rows


def evaluate_relevance(
    path: Path, *, limit: int | None = None, model: str = DEFAULT_MODEL
) -> RelevanceReport:
    """Event / no-event figures of the selected coder (bundled actor and verb dictionaries)."""
    rows = read_relevance(path)[:limit] if limit else read_relevance(path)
    coder = selected_coder()
    report = RelevanceReport(coder=coder.name)
    for gold, events in _coded_sentences(rows, coder, model, report):
        report.tally.add(gold, [EVENT] if events else [])
    return report


@dataclass(frozen=True, slots=True)
class NewsSentence:
    """A hand-labelled sentence of a news article: where it lies in the article and the PLOVER
    types of the interactions it reports (statements and "none" give no type)."""

    start: int
    end: int
    types: tuple[str, ...]  # the main interaction's first

    def holds(self, event: Event) -> bool:
        return self.start <= event.evidence.start < self.end


@dataclass(slots=True)
class NewsReport(TypedReport):
    """Typed events of whole articles against hand-labelled sentences of them: precision is the
    share of typed events in a labelled sentence whose type it reports, recall the share of the
    labelled types coded there."""

    def add(self, gold: NewsSentence, events: Sequence[Event]) -> None:
        """One labelled sentence and the events coded in its article."""
        self.sentences += 1
        coded = [e.plover.type for e in events if e.plover is not None and gold.holds(e)]
        self.tally.add_labels(gold.types or (UNTYPED,), coded)

    def overall(self) -> dict[str, float]:
        """Over the typed events coded in the labelled sentences and the types labelled."""
        return self.typed_figures(sum(n for t, n in self.tally.gold.items() if t != UNTYPED))

    def title(self) -> str:
        figures = self.overall()
        return (
            f"Events ({self.coder} coder) in labelled news sentences: typed precision "
            f"{figures['precision']:.3f} ({figures['coded']} coded), recall "
            f"{figures['recall']:.3f} ({figures['gold']} labelled) over {self.sentences} sentences"
        )


# labels a news sentence may have besides the PLOVER types: no type
UNTYPED_NEWS = (STATEMENT, NONE)


def read_news(path: Path, texts: Path) -> list[tuple[str, list[NewsSentence]]]:
    """(article text, its labelled sentences) of a labels file: file TAB start TAB end TAB label
    TAB note after a header line, the label NONE or types joined by "|", the article `file` in
    the folder `texts` (the labels ship, the articles need not); blank lines are skipped."""
    try:
        lines = path.read_text(encoding="utf-8").split("\n")[1:]
    except OSError as exc:
        raise EvalError(Errors.E601.format(path=path, detail=f"cannot read ({exc})")) from None
    known = {plover.type for plover in event_tables().plover.values()} | set(UNTYPED_NEWS)
    labelled: dict[str, list[tuple[int, NewsSentence]]] = {}
    for number, line in enumerate(lines, start=2):
        if not line.strip():
            continue
        fields = line.rstrip("\r").split("\t")
        labels = fields[3].split("|") if len(fields) >= 4 else []
        offsets = [f for f in fields[1:3] if f.isascii() and f.isdecimal()]
        if (
            len(offsets) != 2
            or not labels
            or not set(labels) <= known
            or len(set(labels)) != len(labels)
            or (NONE in labels and len(labels) > 1)
        ):
            detail = f"line {number} is not 'file<TAB>start<TAB>end<TAB>TYPE[|TYPE...]<TAB>note'"
            raise EvalError(Errors.E601.format(path=path, detail=detail))
        types = tuple(label for label in labels if label not in UNTYPED_NEWS)
        sentence = NewsSentence(int(offsets[0]), int(offsets[1]), types)
        labelled.setdefault(fields[0], []).append((number, sentence))
    articles = []
    for name, sentences in labelled.items():
        try:
            text = (texts / name).read_text(encoding="utf-8")
        except OSError as exc:
            detail = f"cannot read the article {name} ({exc})"
            raise EvalError(Errors.E601.format(path=path, detail=detail)) from None
        for number, sentence in sentences:
            if not 0 <= sentence.start < sentence.end <= len(text):
                detail = (
                    f"line {number}: characters {sentence.start}–{sentence.end} are not in {name}"
                )
                raise EvalError(Errors.E601.format(path=path, detail=detail))
        articles.append((text, [sentence for _, sentence in sentences]))
    return articles


def evaluate_news(
    path: Path, texts: Path, *, limit: int | None = None, model: str = DEFAULT_MODEL
) -> NewsReport:
    """Typed-event figures of the selected coder on whole articles, scored on their labelled
    sentences (bundled actor and verb dictionaries)."""
    articles = read_news(path, texts)[:limit] if limit else read_news(path, texts)
    coder = selected_coder()
    report = NewsReport(coder=coder.name)
    for sentences, events in _coded_sentences(articles, coder, model, report):
        for sentence in sentences:
            report.add(sentence, events)
    return report


@dataclass(frozen=True, slots=True)
class RoleSpans:
    """Character spans of a sentence's annotated source and target."""

    sources: tuple[tuple[int, int], ...]
    targets: tuple[tuple[int, int], ...]


# no space before these words, none after "(" and "$", as the file's tokens were written
_ATTACHED = re.compile(r"^(?:[.,;:!?)%\]}]|'s|'|n't|’s)$")


def read_role_spans(path: Path) -> list[tuple[str, RoleSpans]]:
    """(sentence, spans) of a ConfliBERT NER file: each line a word, a space and its tag (O, or
    B-/I- and a role letter), sentences apart by a blank line. The sentence is its words joined
    by spaces, but none before closing punctuation; the spans are of the S and T roles (R, the
    event words, is left out). An I- tag continues the span of the word before when that word
    had the role, else it starts one."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EvalError(Errors.E601.format(path=path, detail=f"cannot read ({exc})")) from None
    rows: list[tuple[str, RoleSpans]] = []
    words: list[tuple[str, str]] = []
    for number, line in enumerate([*lines, ""], start=1):
        if line.strip():
            word, _, tag = line.rstrip().rpartition(" ")
            if not word.strip() or not (tag == "O" or re.fullmatch(r"[BI]-[A-Z]", tag)):
                detail = f"line {number} is not 'word<SPACE>tag' (O, B-X or I-X)"
                raise EvalError(Errors.E601.format(path=path, detail=detail))
            words.append((word.strip(), tag))
        elif words:
            rows.append(_role_sentence(words))
            words = []
    return rows


def _role_sentence(words: Sequence[tuple[str, str]]) -> tuple[str, RoleSpans]:
    text = ""
    spans: dict[str, list[tuple[int, int]]] = {"S": [], "T": []}
    previous = "O"
    for word, tag in words:
        if text and not _ATTACHED.match(word) and not text.endswith(("(", "$")):
            text += " "
        start = len(text)
        text += word
        role = tag[2:]
        if role in spans:
            if tag.startswith("I-") and previous[2:] == role:
                spans[role][-1] = (spans[role][-1][0], len(text))
            else:
                spans[role].append((start, len(text)))
        previous = tag
    return text, RoleSpans(tuple(spans["S"]), tuple(spans["T"]))


ROLES = ("source", "target")


@dataclass(slots=True)
class RolesReport:
    """How often the main event's source and target are the annotated ones."""

    coder: str = "rule"
    sentences: int = 0
    uncoded: int = 0  # sentences with no event
    gold: Counter[str] = field(default_factory=Counter)  # "source", "target": sentences with one
    found: Counter[str] = field(default_factory=Counter)  # ... whose main event names it there
    nlp_seconds: float = 0.0
    stage_seconds: float = 0.0

    def share(self, role: str) -> float:
        return self.found[role] / self.gold[role] if self.gold[role] else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "coder": self.coder,
            "sentences": self.sentences,
            "uncoded": self.uncoded,
            **{
                role: {
                    "annotated": self.gold[role],
                    "found": self.found[role],
                    "share": round(self.share(role), 4),
                }
                for role in ROLES
            },
            "nlp_seconds": round(self.nlp_seconds, 3),
            "stage_seconds": round(self.stage_seconds, 3),
        }

    def to_table(self) -> Table:
        title = (
            f"Roles ({self.coder} coder) over {self.sentences} sentences: the main event's "
            f"source in the annotated span {self.share('source'):.3f}, target "
            f"{self.share('target'):.3f}; {self.uncoded} sentences without an event"
        )
        table = Table(title=title)
        for column in ("role", "annotated", "found", "share"):
            table.add_column(column, justify="left" if column == "role" else "right")
        for role in ROLES:
            table.add_row(
                role, str(self.gold[role]), str(self.found[role]), f"{self.share(role):.3f}"
            )
        return _with_timing(table, self.nlp_seconds, self.stage_seconds)


def _names_within(text: str, side: EventActor | None, spans: Sequence[tuple[int, int]]) -> bool:
    """True when the words that name `side` occur in `text` overlapping one of `spans`."""
    if side is None or not side.text:
        return False
    starts = [m.start() for m in re.finditer(re.escape(side.text), text)]
    end = len(side.text)
    return any(a < s + end and s < b for s in starts for a, b in spans)


def evaluate_roles(
    path: Path, *, limit: int | None = None, model: str = DEFAULT_MODEL
) -> RolesReport:
    """Source / target figures of the selected coder's main event on ConfliBERT's spans
    (bundled actor and verb dictionaries)."""
    rows = read_role_spans(path)[:limit] if limit else read_role_spans(path)
    coder = selected_coder()
    report = RolesReport(coder=coder.name)
    for (text, spans), (_, events) in zip(
        rows, _coded_sentences(rows, coder, model, report), strict=True
    ):
        report.sentences += 1
        main = main_event(events)
        report.uncoded += main is None
        for role, gold, side in (
            ("source", spans.sources, main.source if main else None),
            ("target", spans.targets, main.target if main else None),
        ):
            if gold:
                report.gold[role] += 1
                report.found[role] += _names_within(text, side, gold)
    return report


Gold = TypeVar("Gold")


def _coded_sentences(
    rows: Sequence[tuple[str, Gold]],
    coder: EventCoder,
    model: str,
    timing: ConflibertReport | TypedReport | RelevanceReport | RolesReport | PetrReport,
    *,
    actors: ActorDictionary | None = None,
    published: Sequence[datetime.date | None] = (),
    read_quotes: bool = True,
) -> Iterator[tuple[Gold, list[Event]]]:
    """Each text's gold labels and the events `coder` codes in it after the quotes (unless
    `read_quotes` is false) and actors stages, as the pipeline runs them (`actors`, else the
    bundled dictionaries; each text's `published` date when given; no events when a stage
    fails), the model's and the stages' time added to `timing`."""
    dictionary = actors if actors is not None else load_actor_dictionary()
    dates = list(published) or [None] * len(rows)
    nlp = load_model(model, required_components(READS))
    for (text, gold), date in zip(rows, dates, strict=True):
        started = time.perf_counter()
        doc = nlp(text)
        parsed = time.perf_counter()
        try:
            found = attribute_quotes(doc) if read_quotes else QuoteFindings([], [])
            findings = code_actors(doc, dictionary, published=date, speakers=found.speakers)
            events = coder.code(doc, findings, quotes=found.quotes, published=date)
        except DetenteError:
            events = []
        timing.stage_seconds += time.perf_counter() - parsed
        timing.nlp_seconds += parsed - started
        yield gold, events
