"""The CAMEO verb dictionary: PETRARCH-format verb blocks and patterns, matched on lemmas.

Two file formats load into one `VerbDictionary`:

* PETRARCH verb files (`.txt`, e.g. CAMEO.2.0.txt or PETR.Validate.verbs.txt): synsets (`&NAME`
  then `+word` lines), verb blocks (`--- NAME [code] ---`, verb lines, `- pre * post [code]` pattern
  lines). See the header of the bundled `cameo_verbs.tsv` for the notation.
* Our converted table (`.tsv`, written by scripts/convert_cameo.py): one entry a line, each with a
  short id that `Event.rule` names.

Patterns are matched on the verb's dependency subtree: words before `*` must occur, in order, before
the verb; words after it, in order, after the verb (prepositional phrases and `{noun phrases}` are
flattened to their words). A prepositional phrase's preposition must hang from the verb or from
the pattern's own words, not from inside a phrase the pattern left out: "(OF)" of
"LODGE * PROTEST (OF)" is no "of" in "lodged a protest with China over the incursion of its
ships"; and the "to" of an infinitive opens no phrase ("ACCLAIM * (TO)", 043, "welcomed him to
Beijing", is not "applauded India's decision to join"). The longest matching pattern wins; ties
go to the file loaded first (user files, then our additions, then CAMEO).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Token

from detente.errors import DictionaryError, Errors

# "[042:043]" → main code, reverse code; "---" means "no event". A pattern with another code
# ("[+++]", "[abc]": test markers) is skipped: PETRARCH's unit tests expect the verb's other
# patterns to apply.
_NOT_A_CODE = re.compile(r"^[^\d\-]+$")  # no digit, no dash: "+++", "abc"
_CODE = re.compile(r"\[([^\]]*)\]")
_DIGITS = re.compile(r"^\d[0-9A-Z]{1,3}$")  # CAMEO digits; test files also use 174K
_BLOCK_HEADER = re.compile(r"^---\s*(.*?)\s*(\[[^\]]*\])?\s*(\[[^\]]*\])?\s*---")
_COMMENT = re.compile(r"<!--.*?-->|\s#.*$")
_MARKERS = frozenset("$+^%")
_BRACE_OR_CLOSE = re.compile(r"[{})]")
PREPOSITION_DEPS = frozenset({"prep", "agent"})


def infinitive(dep: str, lower: str) -> bool:
    """Whether a word is the "to" of an infinitive ("applauded India's decision to join"), which
    opens no prepositional phrase: a pattern's "(TO)" is "welcomed him to Beijing"."""
    return lower == "to" and dep == "aux"


@dataclass(frozen=True, slots=True)
class Code:
    """A pattern's code: `main` for source→target; `reverse` for target→source (None: none)."""

    main: str | None
    reverse: str | None = None

    @classmethod
    def parse(cls, text: str) -> Code:
        main, _, reverse = text.strip().strip("[]").partition(":")
        return cls(_code_or_none(main), _code_or_none(reverse))

    def __str__(self) -> str:
        main = self.main or "---"
        return f"{main}:{self.reverse}" if self.reverse else main


def _code_or_none(text: str) -> str | None:
    text = text.strip()
    return text if _DIGITS.match(text) else None


# -- entries: what both file formats parse into ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class SynsetEntry:
    name: str  # "&CURRENCY"
    words: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class BlockEntry:
    name: str
    code: Code
    id: str | None = None  # set on an override of another file's block code ("ours.B01")


@dataclass(frozen=True, slots=True)
class VerbEntry:
    id: str
    block: str
    form: str  # lower case, PETRARCH compound notation: "deny", "+rule_out", "wire_+tap"
    code: Code | None  # None: the block's code
    inflections: tuple[str, ...] = ()  # listed irregular forms: "denied", "+cordoned_off"


@dataclass(frozen=True, slots=True)
class PatternEntry:
    id: str
    block: str
    code: Code
    text: str  # lower case: "* (to border)", "&military *"


Entry = SynsetEntry | BlockEntry | VerbEntry | PatternEntry


def read_petrarch(lines: Iterable[str], prefix: str) -> Iterator[Entry]:
    """Entries of a PETRARCH verb file; ids are `prefix:line`. The transformations are skipped."""
    block: str | None = None
    in_synset = False
    in_comment = False
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\n")
        if in_comment:
            if "-->" in line:
                in_comment = False
            continue
        if line.lstrip().startswith("<!--") and "-->" not in line:
            in_comment = True
            continue
        if not line.strip() or line.startswith("#") or line.startswith("~"):
            continue
        if header := _BLOCK_HEADER.match(line):
            block = header.group(1).strip()
            in_synset = False
            yield BlockEntry(block, Code.parse(header.group(2) or "[---]"))
            continue
        line = _COMMENT.sub("", line).strip()
        if not line:
            continue
        if line.startswith("&"):
            in_synset = True
            yield SynsetEntry(line.split()[0].upper(), ())
            continue
        if in_synset and line.startswith("+"):
            yield SynsetEntry("", (line[1:].strip().lower(),))
            continue
        if block is None:
            continue
        in_synset = False
        codes = _CODE.findall(line)
        body = _CODE.sub("", line).strip()
        if line.startswith("-"):
            if codes and _NOT_A_CODE.match(codes[0].split(":")[0].strip()):
                continue  # "[+++]", "[abc]": neither a CAMEO code nor the null code "---"
            code = Code.parse(codes[0]) if codes else Code(None)
            yield PatternEntry(f"{prefix}:{number}", block, code, body[1:].strip().lower())
        else:
            head, _, braces = body.partition("{")
            form = head.split()[0].lower() if head.split() else ""
            if form:
                code_of_verb = Code.parse(codes[0]) if codes else None
                inflections = tuple(w.lower() for w in braces.split("}")[0].split())
                yield VerbEntry(f"{prefix}:{number}", block, form, code_of_verb, inflections)


def _merge_synset_lines(entries: Iterable[Entry]) -> Iterator[Entry]:
    """`read_petrarch` yields a synset's name, then its words one by one; join them."""
    name: str | None = None
    words: list[str] = []
    for entry in entries:
        if isinstance(entry, SynsetEntry) and not entry.name:
            words.extend(entry.words)
            continue
        if name is not None:
            yield SynsetEntry(name, tuple(words))
            name, words = None, []
        if isinstance(entry, SynsetEntry):
            name = entry.name
        else:
            yield entry
    if name is not None:
        yield SynsetEntry(name, tuple(words))


def read_tsv(lines: Iterable[str], path: Path) -> Iterator[Entry]:
    """Entries of our converted table (see the header of data/events/cameo_verbs.tsv)."""
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        kind = cells[0]
        try:
            if kind == "synset":
                yield SynsetEntry(cells[1], tuple(w.strip() for w in cells[2].split("|")))
            elif kind == "block":
                yield BlockEntry(cells[1], Code.parse(cells[2]), (cells[3:] or [""])[0] or None)
            elif kind == "verb":
                code = Code.parse(cells[4]) if len(cells) > 4 and cells[4] else None
                inflections = tuple(cells[5].split()) if len(cells) > 5 else ()
                yield VerbEntry(cells[1], cells[2], cells[3], code, inflections)
            elif kind == "pattern":
                yield PatternEntry(cells[1], cells[2], Code.parse(cells[3]), cells[4])
            else:
                raise IndexError(f"unknown kind {kind!r}")
        except IndexError as exc:
            detail = f"bad verb dictionary line ({exc}); expected synset|block|verb|pattern rows"
            raise DictionaryError(
                Errors.E401.format(path=path, line=number, detail=detail)
            ) from None


def write_tsv(entries: Iterable[Entry]) -> Iterator[str]:
    """Lines of our converted table for `entries` (the inverse of `read_tsv`)."""
    for entry in entries:
        if isinstance(entry, SynsetEntry):
            yield f"synset\t{entry.name}\t{' | '.join(entry.words)}"
        elif isinstance(entry, BlockEntry):
            overrides = "" if entry.id is None else f"\t{entry.id}"
            yield f"block\t{entry.name}\t{entry.code}{overrides}"
        elif isinstance(entry, VerbEntry):
            code = "" if entry.code is None else str(entry.code)
            inflections = " ".join(entry.inflections)
            yield f"verb\t{entry.id}\t{entry.block}\t{entry.form}\t{code}\t{inflections}".rstrip(
                "\t"
            )
        else:
            yield f"pattern\t{entry.id}\t{entry.block}\t{entry.code}\t{entry.text}"


def read_entries(path: Path) -> list[Entry]:
    """Entries of one verb file, `.tsv` (ours) or PETRARCH text (anything else)."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DictionaryError(Errors.E450.format(path=path)) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DictionaryError(Errors.E451.format(path=path, detail=exc)) from None
    lines = text.splitlines()
    if path.suffix == ".tsv":
        entries = list(read_tsv(lines, path))
    else:
        entries = list(_merge_synset_lines(read_petrarch(lines, path.stem)))
    # An empty or unrelated file would load without error and never code a thing.
    if "\0" in text or not any(_codes_verbs(e) for e in entries):
        raise DictionaryError(Errors.E452.format(path=path))
    return entries


def _codes_verbs(entry: Entry) -> bool:
    """A verb, or a block row that overrides another file's block code."""
    return isinstance(entry, VerbEntry) or (isinstance(entry, BlockEntry) and entry.id is not None)


# -- the compiled dictionary -----------------------------------------------------------------------


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ses", "xes", "zes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _plural(word: str) -> str:
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return word + "es"
    return word + "s"


# the dictionary spells American; much English news spells "criticised", "mobilisation"
_AMERICAN_ENDING = re.compile(r"(?<=[a-z]{3})([iy])z(e|es|ed|ing|ation|ations)$")


def british_spelling(word: str) -> str:
    """The British spelling of an American -ize / -yze word ("criticize" → "criticise",
    "demobilization" → "demobilisation", "paralyze" → "paralyse"); other words unchanged."""
    return _AMERICAN_ENDING.sub(r"\1s\2", word)


def word_forms(word: str) -> frozenset[str]:
    """Forms a dictionary word matches: itself, and its singular and plural unless it ends in _,
    each also in British spelling."""
    if word.endswith("_"):
        forms = {word.rstrip("_").replace("_", " ")}
    else:
        forms = {word, _singular(word), _plural(word)}
    return frozenset(forms | {british_spelling(form) for form in forms})


Phrase = tuple[frozenset[str], ...]  # forms of each word of a run of words


def _phrase_forms(phrase: str) -> Phrase:
    """A synset phrase matches as a whole run of words ("golden_goblin_galleons"); only its last
    word, the head, takes a plural."""
    words = [w for w in phrase.replace(" ", "_").split("_") if w]
    if not words:
        return ()
    tail = "_" if phrase.endswith("_") else ""
    return (*(frozenset({w}) for w in words[:-1]), word_forms(words[-1] + tail))


@dataclass(frozen=True, slots=True)
class PatternElement:
    """One word or synset of a pattern: the phrases it matches, whether it must follow the
    previous element directly (joined by "_": "new_&tietypes_relations"), and whether it is the
    preposition that opens a prepositional phrase ("(OF)")."""

    phrases: tuple[Phrase, ...]
    adjacent: bool
    preposition: bool = False
    # derived, for speed: the forms any phrase can start with (a pattern whose element starts
    # with none of the words around the verb cannot match), and, when every phrase is one word,
    # all their forms in one set
    first_forms: frozenset[str] = field(init=False, compare=False, repr=False)
    single_forms: frozenset[str] | None = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        first = frozenset().union(*(phrase[0] for phrase in self.phrases))
        single = first if all(len(phrase) == 1 for phrase in self.phrases) else None
        object.__setattr__(self, "first_forms", first)
        object.__setattr__(self, "single_forms", single)


@dataclass(frozen=True, slots=True)
class VerbForm:
    """One verb of a block: its lemma and the words a multi-word verb needs around it."""

    id: str
    block: str
    lemma: str
    before: tuple[str, ...]  # "wire_+tap": ("wire",)
    after: tuple[str, ...]  # "+rule_out": ("out",)
    code: Code | None
    priority: int
    surface: tuple[str, ...]  # inflected forms of the verb word, for when the lemma is off

    @classmethod
    def of(cls, entry: VerbEntry, priority: int) -> VerbForm:
        before, lemma, after = _split_compound(entry.form)
        if entry.inflections:
            surface = tuple(_split_compound(f)[1] for f in entry.inflections)
        else:
            surface = _regular_forms(lemma)
        return cls(entry.id, entry.block, lemma, before, after, entry.code, priority, surface)


def _split_compound(form: str) -> tuple[tuple[str, ...], str, tuple[str, ...]]:
    """ "wire_+tap" → (("wire",), "tap", ()); "+rule_out" → ((), "rule", ("out",))."""
    form = form.strip("_")
    if "+" in form:
        front, _, rest = form.partition("+")
        words = rest.split("_")
        return tuple(w for w in front.split("_") if w), words[0], tuple(w for w in words[1:] if w)
    words = form.split("_")
    return (), words[0], tuple(w for w in words[1:] if w)


def _regular_forms(verb: str) -> tuple[str, ...]:
    """PETRARCH's regular forms of a verb: -s/-es/-ies, -ed/-d, -ing."""
    third = _plural(verb)
    past = verb + "d" if verb.endswith("e") else verb + "ed"
    ing = verb[:-1] + "ing" if verb.endswith("e") and verb[-2:-1] not in "aeiou" else verb + "ing"
    return (third, past, ing)


@dataclass(frozen=True, slots=True)
class VerbPattern:
    id: str
    block: str
    code: Code
    before: tuple[PatternElement, ...]
    after: tuple[PatternElement, ...]
    text: str
    priority: int
    negated: bool  # our extension: a pattern starting with "!" only codes a negated verb
    # PETRARCH's "+" after the verb: (words of `after` before it, noun phrases "^" skipped)
    target_slot: tuple[int, int] | None = None

    @property
    def size(self) -> int:
        return len(self.before) + len(self.after)


@dataclass(frozen=True, slots=True)
class VerbMatch:
    """What the dictionary says about one verb token: its code, the entry, the words matched."""

    code: Code
    rule: str  # the entry id: a pattern's, else the verb's (or its block code's override)
    block: str
    tokens: tuple[int, ...]  # indices of the pattern's matched words (for the evidence)
    # where the pattern puts the target: after this token, past this many noun phrases
    target_after: int | None = None
    target_skips: int = 0


@dataclass(slots=True)
class VerbDictionary:
    """Verb blocks compiled for lookup by lemma; build with `load_verb_dictionary`."""

    block_codes: dict[str, Code] = field(default_factory=dict)
    block_ids: dict[str, str] = field(default_factory=dict)  # block → the id of its code's row
    verbs: dict[str, list[VerbForm]] = field(default_factory=dict)
    surface: dict[str, list[VerbForm]] = field(default_factory=dict)  # inflected form → verbs
    patterns: dict[str, list[VerbPattern]] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return sum(len(forms) for forms in self.verbs.values())

    @classmethod
    def build(cls, files: Sequence[tuple[str, Sequence[Entry]]]) -> VerbDictionary:
        """Compile entries; `files` come highest priority first. Raises DictionaryError (E454)
        when a block row overrides the code of a block that no file gives a verb."""
        dictionary = cls()
        overrides: list[tuple[str, BlockEntry]] = []
        for priority, (name, entries) in enumerate(files):
            dictionary.sources.append(name)
            # a synset may be defined anywhere in its file
            synsets = {
                entry.name: tuple(p for p in map(_phrase_forms, entry.words) if p)
                for entry in entries
                if isinstance(entry, SynsetEntry)
            }
            for entry in entries:
                if isinstance(entry, SynsetEntry):
                    continue
                if isinstance(entry, BlockEntry):
                    if entry.id is not None:
                        overrides.append((name, entry))
                        if entry.name not in dictionary.block_codes:
                            dictionary.block_ids[entry.name] = entry.id
                    dictionary.block_codes.setdefault(entry.name, entry.code)
                elif isinstance(entry, VerbEntry):
                    form = VerbForm.of(entry, priority)
                    dictionary.verbs.setdefault(form.lemma, []).append(form)
                    for word in form.surface:
                        dictionary.surface.setdefault(word, []).append(form)
                else:
                    pattern = _compile_pattern(entry, synsets, priority)
                    if pattern is not None:
                        dictionary.patterns.setdefault(entry.block, []).append(pattern)
        # a misspelt block name would load and never code a thing
        blocks = {form.block for forms in dictionary.verbs.values() for form in forms}
        for name, entry in overrides:
            if entry.name not in blocks:
                detail = {"path": name, "rule": entry.id, "block": entry.name}
                raise DictionaryError(Errors.E454.format(**detail))
        for forms in (*dictionary.verbs.values(), *dictionary.surface.values()):
            # multi-word verbs first, then by file priority
            forms.sort(key=lambda f: (-(len(f.before) + len(f.after)), f.priority))
        for spellings in (dictionary.verbs, dictionary.surface):
            for word, forms in list(spellings.items()):
                # "criticise" is "criticize", unless the dictionary lists it as a verb of its own
                spellings.setdefault(british_spelling(word), forms)
        return dictionary

    def match(
        self,
        verb: Token,
        before: Sequence[Token] | ClauseWords,
        after: Sequence[Token] | ClauseWords,
        *,
        negated: bool = False,
    ) -> VerbMatch | None:
        """The dictionary's coding of `verb` given the words of its clause around it (tokens, or
        the same words already read into `ClauseWords`).

        Returns None when the verb is not in the dictionary; a match whose code has no `main`
        and no `reverse` means the dictionary says "no event" (code ---).
        """
        forms = [f for f in self._forms(verb) if _multiword_fits(f, verb)]
        if not forms:
            return None
        best: tuple[VerbPattern, tuple[int, ...], list[int]] | None = None
        seen_blocks: set[str] = set()
        words_before = before if isinstance(before, ClauseWords) else ClauseWords.of(before)
        words_after = after if isinstance(after, ClauseWords) else ClauseWords.of(after)
        for form in forms:
            if form.block in seen_blocks:
                continue
            seen_blocks.add(form.block)
            for pattern in self.patterns.get(form.block, ()):
                if pattern.negated and not negated:
                    continue
                if best is not None and (
                    pattern.size < best[0].size
                    or (pattern.size == best[0].size and pattern.priority >= best[0].priority)
                ):
                    continue
                ends: list[int] = []
                matched = _match_pattern(pattern, words_before, words_after, ends)
                if matched is not None:
                    best = (pattern, matched, ends)
        if best is not None:
            pattern, matched, ends = best
            if pattern.target_slot is None:
                return VerbMatch(pattern.code, pattern.id, pattern.block, matched)
            words, skips = pattern.target_slot
            target_after = ends[words - 1] if words else verb.i
            return VerbMatch(pattern.code, pattern.id, pattern.block, matched, target_after, skips)
        for form in forms:
            code = form.code or self.block_codes.get(form.block)
            if code is not None and (code.main or code.reverse):
                # the block's code, where another file's row overrides it, is that row's rule
                rule = form.id if form.code else self.block_ids.get(form.block, form.id)
                return VerbMatch(code, rule, form.block, ())
        return VerbMatch(Code(None), forms[0].id, forms[0].block, ())

    def knows(self, verb: Token) -> bool:
        """True when `match` can code `verb`: the dictionary lists it (by lemma or as written)
        with the words a multi-word verb needs around it. A cheap check before gathering the
        clause's words."""
        return any(_multiword_fits(f, verb) for f in self._forms(verb))

    def _forms(self, verb: Token) -> list[VerbForm]:
        """Verbs by lemma, else by the written form (the lemmatizer misses rare verbs:
        "cordoned" → "cordone"). A verb listed as written ("LEFT", beside "LEAVE") is that entry
        when the lemma's entries do not list the form and come from no file checked before."""
        by_lemma = self.verbs.get(verb.lemma_.lower())
        as_written = self.verbs.get(verb.lower_)
        if (
            by_lemma
            and as_written
            and as_written is not by_lemma
            and not any(verb.lower_ in form.surface for form in by_lemma)
            and min(f.priority for f in as_written) <= min(f.priority for f in by_lemma)
        ):
            return as_written
        return by_lemma or as_written or self.surface.get(verb.lower_) or []


def _multiword_fits(form: VerbForm, verb: Token) -> bool:
    doc = verb.doc
    for offset, word in enumerate(form.after, start=1):
        particle = any(
            c.lower_ == word and c.dep_ in ("prt", "prep", "advmod") for c in verb.children
        )
        nearby = verb.i + offset < len(doc) and doc[verb.i + offset].lower_ == word
        if not (particle or nearby):
            return False
    for offset, word in enumerate(reversed(form.before), start=1):
        if verb.i - offset < 0 or doc[verb.i - offset].lower_ != word:
            return False
    return True


def _compile_pattern(
    entry: PatternEntry, synsets: dict[str, tuple[Phrase, ...]], priority: int
) -> VerbPattern | None:
    negated = entry.text.startswith("!")
    text = _BRACE_OR_CLOSE.sub(" ", entry.text.lstrip("!")).replace("(", " ( ")
    if "*" not in text:
        return None
    pre, _, post = text.partition("*")
    before: list[PatternElement] = []
    after: list[PatternElement] = []
    target_slot: tuple[int, int] | None = None
    for words, into in ((pre, before), (post, after)):
        skips = 0
        opening = False
        for word in words.split():
            if word == "(":
                opening = True
                continue
            if word == "^":
                skips += 1
            elif word == "+" and into is after and target_slot is None:
                target_slot = (len(after), skips)
            if word in _MARKERS:
                continue
            skips = 0
            # "really_pleasant" is two words in a row; a trailing "_" only stops plurals
            tail = "_" if word.endswith("_") else ""
            parts = [p for p in word.rstrip("_").split("_") if p and p not in _MARKERS]
            for number, part in enumerate(parts):
                if part.startswith("&"):
                    name = part.upper()
                    phrases = synsets.get(name, synsets.get(name + "_"))
                    if phrases is None:  # PETRARCH ignores a pattern with an undefined synset
                        return None
                else:
                    phrases = ((word_forms(part + tail),),)
                into.append(
                    PatternElement(
                        phrases, adjacent=number > 0, preposition=opening and number == 0
                    )
                )
            opening = False
    return VerbPattern(
        entry.id,
        entry.block,
        entry.code,
        tuple(before),
        tuple(after),
        entry.text,
        priority,
        negated,
        target_slot,
    )


class ClauseWords:
    """Words before or after a verb as the matcher reads them: per token its index, lower-case
    form and lower-case lemma (read from spaCy once, not once per pattern), and the set of both
    forms (a pattern needing a word not in it cannot match); for the words after the verb, each
    word's head and the prepositions, to tell a phrase's own preposition from one nested
    deeper: read from the document's own arrays (`heads` by token index), not copied per
    clause."""

    __slots__ = (
        *("_inside", "heads", "indices", "infinitive_marks", "lemmas", "lowers"),
        *("prepositions", "present"),
    )

    def __init__(
        self,
        indices: Sequence[int],
        lowers: list[str],
        lemmas: list[str],
        heads: Sequence[int] | Mapping[int, int] = (),
        prepositions: Collection[int] = frozenset(),
        infinitive_marks: Collection[int] = frozenset(),
    ) -> None:
        self.indices = indices
        self.lowers = lowers
        self.lemmas = lemmas
        self.present = frozenset(lowers).union(lemmas)
        self.heads = heads
        self.prepositions = prepositions
        self.infinitive_marks = infinitive_marks
        self._inside: frozenset[int] | None = None  # the indices as a set, once a walk needs it

    @classmethod
    def of(cls, tokens: Sequence[Token]) -> ClauseWords:
        return cls(
            [t.i for t in tokens],
            [t.lower_ for t in tokens],
            [t.lemma_.lower() for t in tokens],
            {t.i: t.head.i for t in tokens},
            frozenset(t.i for t in tokens if t.dep_ in PREPOSITION_DEPS),
            frozenset(t.i for t in tokens if infinitive(t.dep_, t.lower_)),
        )

    def nested(self, index: int, matched: Sequence[int]) -> bool:
        """Whether the preposition at token `index` lies inside a prepositional phrase of these
        words that is none of `matched`, below any word of `matched`: "of" in "a protest with
        China over the incursion of its ships" is inside "over ..."; "between" in "a round of
        talks between the Koreas" hangs from "talks", which `* TALKS (BETWEEN)` matched."""
        if index not in self.prepositions:
            return False
        if self._inside is None:
            self._inside = frozenset(self.indices)
        inside = self._inside
        node = self.heads[index]
        while node != index and node in inside and node not in matched:
            if node in self.prepositions:
                return True
            index, node = node, self.heads[node]
        return False


def _match_pattern(
    pattern: VerbPattern, before: ClauseWords, after: ClauseWords, ends: list[int]
) -> tuple[int, ...] | None:
    """Indices of the words matched, or None; `ends` gets the last token index of each element
    matched after the verb."""
    for elements, words in ((pattern.before, before), (pattern.after, after)):
        present = words.present
        for element in elements:
            if element.first_forms.isdisjoint(present):
                return None  # no word here can start this element
    matched: list[int] = []
    for elements, words in ((pattern.before, before), (pattern.after, after)):
        position = 0
        count = len(words.indices)
        for number, element in enumerate(elements):
            joined = element.adjacent and number > 0
            # a verb phrase's own prepositional phrases: the words after the verb
            own = matched if words is after else None
            length = _phrase_at(element, words, position, own)
            while length == 0 and not joined and position < count:
                position += 1
                length = _phrase_at(element, words, position, own)
            if length == 0:
                return None
            matched.extend(words.indices[position : position + length])
            position += length
            if words is after:
                ends.append(words.indices[position - 1])
    return tuple(matched)


def _phrase_at(
    element: PatternElement, words: ClauseWords, position: int, matched: Sequence[int] | None
) -> int:
    """How many words from `position` one of the element's phrases matches (0: none); after
    the verb (`matched` given), a preposition only where it is not nested in a phrase the
    pattern left out."""
    if (
        element.preposition
        and position < len(words.indices)
        and (
            words.indices[position] in words.infinitive_marks
            or (matched is not None and words.nested(words.indices[position], matched))
        )
    ):
        return 0
    single = element.single_forms
    if single is not None:
        if position < len(words.lowers) and (
            words.lowers[position] in single or words.lemmas[position] in single
        ):
            return 1
        return 0
    lowers, lemmas = words.lowers, words.lemmas
    for phrase in element.phrases:
        end = position + len(phrase)
        if end <= len(lowers) and all(
            lowers[k] in forms or lemmas[k] in forms
            for k, forms in zip(range(position, end), phrase, strict=True)
        ):
            return len(phrase)
    return 0
