"""Count the sentences each of our own event rules codes in the ../shared corpora (RULES.md).

    .venv/bin/python scripts/rule_matches.py [--shared ../shared] [--polnear-limit N] [--write]
        [--sentences FILE]

Our rules are the block overrides, verb entries and verb patterns of
data/events/verb_additions.tsv (ours.B…, ours.V…, ours.P…), the nominal patterns of
data/events/patterns.toml (N…), its means of violence (M…) and its blows struck in words (W…).
Policy: each must match at least two sentences outside the example article, or be removed.

A rule "matches" a sentence when the rule coder (RuleCoder, the parse of the default model and
the bundled actor dictionary) emits at least one event in it whose `Event.rule` is the rule's id.
A verb entry of ours is only ever named by `Event.rule` when its block has a code and no pattern
matched (coder.py, VerbDictionary.match): in a block coded "---" it exists to reach its block's
patterns, so a verb entry's count also takes the sentences where one of its block's patterns
coded an event on that verb. Sentences are the model's sentences; a document corpus (Zyte,
PolNeAR) is coded document by document, as the pipeline does, without the quotes stage; the
example article with it, as tests/events/test_events_example_article.py does. The means of
violence and the blows struck in words serve the learned coder alone: one matches a sentence when
the learned coder, run as the pipeline runs it (after the quotes stage), codes there an event one
of whose drivers names it.

Prints a markdown table; `--write` puts it into src/detente/data/events/RULES.md.
"""

from __future__ import annotations

import argparse
import datetime
import json
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from detente.actors import ActorDictionary, code_actors, load_actor_dictionary
from detente.errors import DetenteError
from detente.events import READS, LearnedCoder, RuleCoder
from detente.events.coder import _Coder, event_patterns
from detente.events.dictionary import (
    BlockEntry,
    PatternEntry,
    VerbEntry,
    _multiword_fits,
    read_entries,
)
from detente.events.evaluate import read_conflibert, read_petr_records
from detente.events.tables import DATA
from detente.nlp import load_model, required_components
from detente.quotes import attribute_quotes
from detente.records import Event
from detente.settings import DEFAULT_MODEL

REPO = Path(__file__).resolve().parents[1]
VERB_ADDITIONS = DATA / "verb_additions.tsv"
RULES_MD = DATA / "RULES.md"
EXAMPLE_BODY = slice(254, 6075)  # the clean body of the raw example file (as its test uses)
EXAMPLE_PUBLISHED = datetime.date(2014, 12, 3)
MINIMUM = 2  # matches outside the example article a rule needs to stay
EXAMPLE_CHARS = 100
EXAMPLE = "article"  # the corpus name the example article is counted under
_UNITS = {
    "ConfliBERT": "sentences of `cameo_class_train.tsv`",
    "PLOVER dev": "records of `PLOVER_GSR_dev.json`",
    "PETR tests": "records of `PETR.UnitTest.records.xml` (those not expecting an error)",
    "Zyte": "ground-truth article bodies of `zyte-dev/ground-truth.json`",
    "PolNeAR": "train texts of `polnear-train/text/`",
    EXAMPLE: "example article",
}


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    kind: str  # block | verb | pattern | nominal | means | words
    what: str
    block: str | None = None  # verb entries and verb patterns


@dataclass(frozen=True, slots=True)
class Corpus:
    name: str
    texts: list[str]
    unit: str  # "sentence" records or whole "document"s


def _by_corpus() -> defaultdict[str, defaultdict[str, set[str]]]:
    return defaultdict(lambda: defaultdict(set))


@dataclass(slots=True)
class Counts:
    """The distinct sentences (by their text, whitespace collapsed) each rule matched, per
    corpus: `sentences` as the table counts them, `own` by the rule's own id alone."""

    sentences: defaultdict[str, defaultdict[str, set[str]]] = field(default_factory=_by_corpus)
    own: defaultdict[str, defaultdict[str, set[str]]] = field(default_factory=_by_corpus)
    example: dict[str, str] = field(default_factory=dict)  # rule → first sentence outside
    failed: defaultdict[str, int] = field(default_factory=lambda: defaultdict(int))
    seconds: dict[str, float] = field(default_factory=dict)
    sizes: dict[str, tuple[int, int]] = field(default_factory=dict)  # corpus → (texts, sentences)


def our_rules() -> list[Rule]:
    """Every rule id of ours, in file order, read by the production loaders."""
    rules: list[Rule] = []
    entries = read_entries(VERB_ADDITIONS)
    blocks = {e.name: e.code for e in entries if isinstance(e, BlockEntry)}
    for entry in entries:
        if isinstance(entry, BlockEntry) and entry.id is not None:
            rules.append(
                Rule(entry.id, "block", f"CAMEO.2.0's block `{entry.name}` → {entry.code}")
            )
        elif isinstance(entry, VerbEntry):
            code = entry.code or blocks.get(entry.block)
            # a verb of a block coded "---" codes nothing by itself: it reaches the patterns
            what = f"verb `{entry.form}` → {code}" if code and code.main else f"verb `{entry.form}`"
            rules.append(Rule(entry.id, "verb", what, entry.block))
        elif isinstance(entry, PatternEntry):
            what = f"pattern `{entry.text}` → {entry.code}"
            rules.append(Rule(entry.id, "pattern", what, entry.block))
    for nominal in event_patterns().nominal:
        nouns = ", ".join(sorted(nominal.nouns)[:3]) + ("…" if len(nominal.nouns) > 3 else "")
        requires = f" with {'/'.join(sorted(nominal.requires)[:2])}…" if nominal.requires else ""
        what = f"nouns {nouns}{requires} → {nominal.code}"
        rules.append(Rule(nominal.id, "nominal", what))
    patterns = event_patterns()
    words = ", ".join(sorted(patterns.violent_means)[:3])
    what = f"means of violence {words}… → an unidentified doer (learned coder)"
    rules.append(Rule(patterns.means_id, "means", what))
    blows = ", ".join(sorted(patterns.figurative_blows)[:3])
    what = f"blows {blows}… of a named person or party at one or no actor → 111 (learned coder)"
    rules.append(Rule(patterns.in_words_id, "words", what))
    return rules


def corpora(shared: Path, polnear_limit: int | None) -> list[Corpus]:
    data = shared / "data"
    conflibert = read_conflibert(data / "events/conflibert/cameo_class_train.tsv")
    plover = json.loads(
        (data / "events/plover-gsr-dev/PLOVER_GSR_dev.json").read_text(encoding="utf-8")
    )
    petr = read_petr_records(data / "events/petrarch2/PETR.UnitTest.records.xml")
    truth = json.loads((data / "extraction/zyte-dev/ground-truth.json").read_text(encoding="utf-8"))
    zyte = [truth[key]["articleBody"] for key in sorted(truth) if truth[key].get("articleBody")]
    polnear_files = sorted((data / "quotes/polnear-train/text").glob("*.txt"))[:polnear_limit]
    polnear = [path.read_text(encoding="utf-8") for path in polnear_files]
    return [
        Corpus("ConfliBERT", [text for text, _ in conflibert], "sentence"),
        Corpus("PLOVER dev", [record["text"] for record in plover], "sentence"),
        Corpus("PETR tests", [record.text for record in petr], "sentence"),
        Corpus("Zyte", zyte, "document"),
        Corpus("PolNeAR", polnear, "document"),
    ]


def record(
    counts: Counts, corpus: str, run: tuple[_Coder, list[Event]], rules: Sequence[Rule]
) -> None:
    """Add the events of one document of `corpus`, as coded by `run`, to `counts`."""
    coder, events = run
    ours = {r.id for r in rules}
    pattern_block = {r.id: r.block for r in rules if r.kind == "pattern"}
    verbs_of_block: dict[str, set[str]] = defaultdict(set)
    for rule in rules:
        if rule.kind == "verb" and rule.block:
            verbs_of_block[rule.block].add(rule.id)
    for event in events:
        if event.rule not in ours:
            continue
        key = " ".join(coder.sentences[event.sentence].text.split())
        credited = {event.rule}
        counts.own[event.rule][corpus].add(key)
        block = pattern_block.get(event.rule)
        if block is not None:
            # the verb entry of the pattern's block the pattern was reached through: the verb is
            # the anchor of the draft the event was made from (same rule, same evidence)
            evidence = (event.evidence.start, event.evidence.end)
            for draft in coder.drafts:
                if draft.rule == event.rule and draft.evidence == evidence:
                    credited |= {
                        form.id
                        for form in coder.verbs._forms(draft.anchor)
                        if form.id in verbs_of_block[block] and _multiword_fits(form, draft.anchor)
                    }
        for rule_id in credited:
            _credit(counts, corpus, rule_id, key)


def record_learned(
    counts: Counts, corpus: str, coder: _Coder, events: list[Event], rules: Sequence[Rule]
) -> None:
    """Add the learned coder's events of one document of `corpus` (parsed as `coder`'s) to the
    counts of the rules that serve it alone (means of violence, blows struck in words) that one
    of their drivers names."""
    learned = {r.id for r in rules if r.kind in ("means", "words")}
    for event in events:
        named = {driver.feature.split(" ", 1)[0] for driver in event.drivers} & learned
        key = " ".join(coder.sentences[event.sentence].text.split())
        for rule_id in named:
            _credit(counts, corpus, rule_id, key)


def _credit(counts: Counts, corpus: str, rule_id: str, key: str) -> None:
    counts.sentences[rule_id][corpus].add(key)
    if corpus != EXAMPLE and rule_id not in counts.example:
        counts.example[rule_id] = f"{corpus}: {_shorten(key)}"


def _shorten(text: str) -> str:
    if len(text) > EXAMPLE_CHARS:
        text = text[: EXAMPLE_CHARS - 1].rstrip() + "…"
    return text.replace("|", "\\|")


def code_corpus(
    nlp: Language,
    actors: ActorDictionary,
    corpus: Corpus,
    rules: Sequence[Rule],
    counts: Counts,
) -> None:
    coder, learned = RuleCoder(), LearnedCoder()
    started = time.perf_counter()
    sentences = 0
    batch = 64 if corpus.unit == "sentence" else 8
    for doc in nlp.pipe(corpus.texts, batch_size=batch):
        sentences += sum(1 for _ in doc.sents)
        try:
            findings = code_actors(doc, actors)
            run = coder.run(doc, findings, (), None)
        except DetenteError:
            counts.failed[corpus.name] += 1
            continue
        record(counts, corpus.name, run, rules)
        try:
            decided = _learned_events(learned, doc, actors)
        except DetenteError:
            counts.failed[corpus.name] += 1
            continue
        record_learned(counts, corpus.name, run[0], decided, rules)
    counts.seconds[corpus.name] = time.perf_counter() - started
    counts.sizes[corpus.name] = (len(corpus.texts), sentences)
    print(
        f"{corpus.name}: {len(corpus.texts)} texts, {sentences} sentences, "
        f"{counts.seconds[corpus.name]:.0f} s",
        file=sys.stderr,
    )


def _learned_events(learned: LearnedCoder, doc: Doc, actors: ActorDictionary) -> list[Event]:
    """The learned coder's events of `doc` after the quotes and actors stages, as the pipeline
    codes them: whose act a report tells depends on its speaker."""
    quotes = attribute_quotes(doc)
    findings = code_actors(doc, actors, speakers=quotes.speakers)
    return learned.code(doc, findings, quotes=quotes.quotes)


def code_example(
    nlp: Language, actors: ActorDictionary, path: Path, rules: Sequence[Rule], counts: Counts
) -> None:
    started = time.perf_counter()
    doc = nlp(path.read_text(encoding="utf-8")[EXAMPLE_BODY])
    quotes = attribute_quotes(doc)
    findings = code_actors(doc, actors, published=EXAMPLE_PUBLISHED, speakers=quotes.speakers)
    run = RuleCoder().run(doc, findings, quotes.quotes, EXAMPLE_PUBLISHED)
    record(counts, EXAMPLE, run, rules)
    decided = LearnedCoder().code(doc, findings, quotes=quotes.quotes, published=EXAMPLE_PUBLISHED)
    record_learned(counts, EXAMPLE, run[0], decided, rules)
    counts.seconds[EXAMPLE] = time.perf_counter() - started
    counts.sizes[EXAMPLE] = (1, sum(1 for _ in doc.sents))


def _commit() -> str:
    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=True)
        return done.stdout.strip()

    commit = git("rev-parse", "--short", "HEAD")
    changed = [
        line
        for line in git("status", "--porcelain", "--", "src").splitlines()
        if not line.endswith(RULES_MD.name)
    ]
    return f"{commit} (with uncommitted changes under src/)" if changed else commit


def table(rules: Sequence[Rule], names: Sequence[str], counts: Counts) -> tuple[str, list[str]]:
    """The markdown table, and the lines listing rules under the minimum outside the article."""
    header = ["rule", "entry", *names, "outside", "own id outside", "article", "example outside"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    short: list[str] = []
    for rule in rules:
        per = counts.sentences[rule.id]
        outside = len(set().union(*(per.get(name, set()) for name in names)))
        mine = counts.own[rule.id]
        own = len(set().union(*(mine.get(name, set()) for name in names)))
        cells = [
            rule.id,
            rule.what,
            *(str(len(per.get(name, ()))) for name in names),
            str(outside),
            str(own) if rule.kind == "verb" else "",
            str(len(per.get(EXAMPLE, ()))),
            counts.example.get(rule.id, ""),
        ]
        lines.append("| " + " | ".join(cells) + " |")
        if outside < MINIMUM:
            in_article = len(per.get(EXAMPLE, ()))
            short.append(
                f"- {rule.id} ({rule.what}): {outside} outside, {in_article} in the article"
            )
    return "\n".join(lines), short


def document(
    rules: Sequence[Rule], names: Sequence[str], counts: Counts, command: str, limit: int | None
) -> str:
    rows, short = table(rules, names, counts)
    corpus_lines = "\n".join(
        f"- {name}: {counts.sizes[name][0]} {_UNITS[name]}, {counts.sizes[name][1]} sentences"
        + (f" (capped: the first {limit} files by name)" if name == "PolNeAR" and limit else "")
        + (f" ({counts.failed[name]} failed to code)" if counts.failed.get(name) else "")
        for name in [*names, EXAMPLE]
    )
    header = f"""# How often our own event rules match

Our rules: the verb entries and verb patterns of `verb_additions.tsv` (`ours.V…`, `ours.P…`),
the nominal patterns of `patterns.toml` (`N…`), its means of violence (`M…`) and its blows struck
in words (`W…`). Policy: each must match at least {MINIMUM} sentences outside the example article
(`examples/rbth_russia_nato.txt`) in the ../shared corpora, or be removed.

What is counted: distinct sentences (by their text) in which the rule coder emitted at least one
event whose `Event.rule` is the rule's id; a rule that fires but yields no event (no coded
source, a default code without a target, a nominal event already coded) does not count. A verb
entry is named by `Event.rule` only when its block has a code and no pattern of its blocks
matched; a verb of a block coded "---" only leads to its block's patterns. So a verb entry's row
also counts the sentences where a pattern of its block coded an event on that verb; "own id
outside" counts its own id alone. "outside" is the union over the corpora; "example outside" is
the first such sentence in the order below. The means of violence and the blows struck in words
serve the learned coder alone: one matches a sentence when the learned coder, run as the pipeline
runs it (after the quotes stage), codes there an event one of whose drivers names it.

Each text goes through the real stages: the parse of `{DEFAULT_MODEL}`, `code_actors` with the
bundled actor dictionary, `RuleCoder` with the bundled verb dictionary (also on the PETRARCH unit
tests, whose own toy dictionaries are not used). Records are coded one by one, articles whole,
without the quotes stage and without a publication date; the example article (the body,
characters 254:6075 of the file) with its quotes and published 2014-12-03, as its test does.

{corpus_lines}

Measured {datetime.date.today().isoformat()} at commit {_commit()} with:

    {command}

"""
    below = "\n".join(short) if short else "- none"
    return (
        f"{header}{rows}\n\n"
        f"## Rules with fewer than {MINIMUM} matches outside the example article\n\n{below}\n"
    )


def matched_sentences(rules: Sequence[Rule], counts: Counts) -> str:
    """Every sentence each rule matched, by corpus: for judging the matches, not only counting."""
    lines: list[str] = []
    for rule in rules:
        lines.append(f"## {rule.id} {rule.what}")
        for corpus, sentences in counts.sentences[rule.id].items():
            lines.extend(f"{corpus}\t{sentence}" for sentence in sorted(sentences))
        lines.append("")
    return "\n".join(lines)


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--polnear-limit", type=int, default=None, help="PolNeAR files to code")
    parser.add_argument("--write", action="store_true", help=f"write {RULES_MD.name}")
    parser.add_argument(
        "--sentences", type=Path, default=None, help="also write every matched sentence here"
    )
    args = parser.parse_args(list(argv) if argv is not None else None)
    started = time.perf_counter()
    rules = our_rules()
    nlp = load_model(DEFAULT_MODEL, required_components(READS))
    actors = load_actor_dictionary()
    counts = Counts()
    chosen = corpora(args.shared, args.polnear_limit)
    for corpus in chosen:
        code_corpus(nlp, actors, corpus, rules, counts)
    code_example(nlp, actors, args.shared / "examples/rbth_russia_nato.txt", rules, counts)
    for rule in rules:
        per = counts.sentences[rule.id]
        both = per[EXAMPLE] & set().union(*(per[c.name] for c in chosen))
        if both:  # a corpus holding a sentence of the article would not be "outside" it
            print(f"{rule.id}: article sentences also in a corpus: {sorted(both)}", file=sys.stderr)
    command = "scripts/rule_matches.py --write"
    if args.polnear_limit:
        command += f" --polnear-limit {args.polnear_limit}"
    text = document(
        rules, [c.name for c in chosen], counts, f".venv/bin/python {command}", args.polnear_limit
    )
    print(text)
    if args.sentences is not None:
        args.sentences.write_text(matched_sentences(rules, counts), encoding="utf-8")
    if args.write:
        RULES_MD.write_text(text, encoding="utf-8")
    print(f"total {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
