"""Actor dictionaries: our table format, loading (bundled + user files) and the phrase index.

Our format (`*.tsv`, UTF-8, see data/actors/README.md): `#` lines are comments; each row has five
tab-separated columns

    type    name    kind    codes    phrases

e.g. `actor	RUSSIAN_FEDERATION	state	RUS	Russian Federation | Russia | Russian`. Codes are
space-separated `CODE` or `CODE@FROM..TO` (ISO dates, either may be empty); agents have `~GOV`
(sector after the country) or `NGO~` (before it). Phrases are separated by ` | `.

Files load in order (bundled Phoenix files, our additions, then user files); a phrase defined
again later replaces the earlier meaning, and a person defined again under the same name in our
additions or a user file replaces the earlier entries with all their phrases; so user files
override the bundled data.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from detente.actors.entries import ENTRY_TYPES, KINDS, Entry, EntryType, normalize_phrase
from detente.actors.tabari import looks_like_agents, read_actors, read_agents
from detente.codes import DatedCode
from detente.errors import DictionaryError, Errors

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "actors"
# Bundled files in load order: Phoenix conversions first, our own additions last.
BUNDLED_FILES = (
    "Phoenix.Countries.tsv",
    "Phoenix.International.tsv",
    "Phoenix.MilNonState.tsv",
    "Phoenix.agents.tsv",
    "detente.additions.tsv",
)
COUNTRIES_FILE = "Phoenix.Countries.tsv"
PHOENIX_PREFIX = "Phoenix."  # the source label of the converted Phoenix files
# the source label of the plurals derived from its adjectives (`people_entries`)
PLURALS_SOURCE = "detente.plurals"
# the name ending of an entry for a country's people ("Liberians", "Britons"): `is_people`
PEOPLE_SUFFIX = "_PEOPLE"
PHRASE_SEPARATOR = " | "
_DATED = re.compile(r"^([A-Z0-9\-]+)@(\d{4}-\d{2}-\d{2})?\.\.(\d{4}-\d{2}-\d{2})?$")
_PLAIN = re.compile(r"^[A-Z0-9\-]+$")
_AGENT = re.compile(r"^(~[A-Z0-9]*|[A-Z0-9]+~)$")
# American and British spellings of words in organisations' names
_SPELLING_PAIRS = (("organization", "organisation"), ("defense", "defence"))


@dataclass(slots=True)
class ActorDictionary:
    """Every entry, and the phrase index the coder matches with (built once per dictionary)."""

    entries: list[Entry] = field(default_factory=list)
    index: dict[str, Entry] = field(default_factory=dict)  # normalized phrase → entry
    max_chars: int = 1  # the longest phrase key, in characters: bounds the matcher's window
    # first word of a phrase of several words → the longest such phrase: a tighter window for
    # the matcher (a one-word phrase never runs past the word it starts in)
    longest_after: dict[str, int] = field(default_factory=dict)
    persons_by_name: dict[str, list[Entry]] = field(default_factory=dict)
    # keys read from a name's bracketed initials ("ltte" of "Liberation Tigers of Tamil Eelam
    # (LTTE)"): they name it only when written in capitals ("Ira Magaziner" is no IRA)
    initialisms: set[str] = field(default_factory=set)

    def add(self, entries: Iterable[Entry]) -> None:
        for entry in entries:
            self.entries.append(entry)
            if entry.type == "actor" and entry.kind == "person":
                self._replace_person(entry)
            for phrase in entry.phrases:
                key = normalize_phrase(phrase)
                if not key:
                    continue
                self.index[key] = entry
                self.initialisms.discard(key)
                # other ways to write it, unless a phrase of their own names something else
                for variant in _variants(key, entry):
                    self.index.setdefault(variant, entry)
                if "(" in key and (split := _bracketed_initials(key)) is not None:
                    name, initials = split
                    self.index.setdefault(name, entry)
                    if self.index.setdefault(initials, entry) is entry:
                        self.initialisms.add(initials)
                self.max_chars = max(self.max_chars, len(key))
                first, space, _ = key.partition(" ")
                if space:
                    self.longest_after[first] = max(self.longest_after.get(first, 0), len(key))

    def _replace_person(self, entry: Entry) -> None:
        """A person defined again under the same name in our additions or a user file replaces
        the earlier entries with all their phrases ("US President Barack Obama" too, not only
        the ones written again); the Phoenix files, which repeat some names, keep theirs."""
        earlier = self.persons_by_name.setdefault(entry.name, [])
        if not entry.source.startswith(PHOENIX_PREFIX):
            for old in earlier:
                if old.source == entry.source:
                    continue
                for phrase in old.phrases:
                    key = normalize_phrase(phrase)
                    if self.index.get(key) is old:
                        self.index[key] = entry
        earlier.append(entry)

    def lookup(self, phrase: str) -> Entry | None:
        """The entry a phrase names, e.g. lookup("the Kremlin")."""
        return self.index.get(normalize_phrase(phrase))

    def of_type(self, *types: EntryType) -> list[Entry]:
        return [e for e in self.entries if e.type in types]


def _variants(key: str, entry: Entry) -> list[str]:
    """`key` in the other English spellings of its words ("North Atlantic Treaty Organisation",
    "Ministry of Defense") and, for a state, hyphenated ("Guinea-Bissau", "Timor-Leste": the
    matcher compares words as written), for a person of three words, with the given name
    hyphened ("Kim Dae-jung"). Each is as long as `key`, so the matcher's window holds."""
    found = [
        key.replace(written, other)
        for pair in _SPELLING_PAIRS
        for written, other in (pair, pair[::-1])
        if written in key
    ]
    if entry.type == "actor" and entry.kind == "state" and " " in key:
        found.append(key.replace(" ", "-"))
    elif entry.type == "actor" and entry.kind == "person" and key.count(" ") == 2:
        found.append(_hyphened_given_name(key))
    return found


def _hyphened_given_name(key: str) -> str:
    """A three-word person's name with the given name hyphened, as news writes Korean names
    ("kim dae-jung" of Phoenix's KIM_DAE_JUNG, "ban ki-moon")."""
    family, given = key.split(" ", 1)
    return f"{family} {given.replace(' ', '-')}"


_BRACKETED = re.compile(r"(.+) \(([a-z][a-z-]+[a-z])\)")
# words an organisation's initials skip: "Liberation Tigers of Tamil Eelam" is LTTE
_UNINITIALLED = frozenset({"of", "the", "and", "for", "in", "a", "an", "de", "del", "di", "la"})
_MIN_INITIALS = 3  # "AN" (Aryan Nations), "LT", "HM": two capitals name too many other things


def _bracketed_initials(key: str) -> tuple[str, str] | None:
    """(name, initials) of a phrase that writes a name with its initials in brackets, as the
    Phoenix files do ("liberation tigers of tamil eelam (ltte)", "mujahedin-e-khalq (mek)"):
    news writes the name or the initials alone, and either names the entry. None for another
    bracket: a place that tells namesakes apart ("national front (greece)", "congo (kinshasa)"),
    a translation or initials the name's words do not give ("basque fatherland and freedom
    (eta)", from the Basque name)."""
    found = _BRACKETED.fullmatch(key)
    if found is None:
        return None
    name, initials = found.groups()
    letters = initials.replace("-", "")
    if len(letters) < _MIN_INITIALS:
        return None
    words = [w for w in re.split(r"[\s-]+", name) if w]
    return (name, initials) if initials_fit(letters, words) else None


def initials_fit(letters: str, words: list[str]) -> bool:
    """Whether `letters` are the first letters of `words` in order, some of the small words
    (`_UNINITIALLED`) skipped."""
    if not words:
        return not letters
    first, rest = words[0], words[1:]
    if letters and first[0] == letters[0] and initials_fit(letters[1:], rest):
        return True
    return first in _UNINITIALLED and initials_fit(letters, rest)


def parse_codes(text: str, *, entry_type: str, path: str, line: int) -> tuple[DatedCode, ...]:
    codes: list[DatedCode] = []
    for item in text.split():
        if entry_type in ("agent", "role"):
            if not _AGENT.match(item) and item != "-":
                raise DictionaryError(Errors.E441.format(path=path, line=line, value=item))
            codes.append(DatedCode(item if item != "-" else "~"))
        elif dated := _DATED.match(item):
            code, start, end = dated.groups()
            try:
                codes.append(
                    DatedCode(
                        code,
                        datetime.date.fromisoformat(start) if start else None,
                        datetime.date.fromisoformat(end) if end else None,
                    )
                )
            except ValueError:
                raise DictionaryError(
                    Errors.E441.format(path=path, line=line, value=item)
                ) from None
        elif _PLAIN.match(item) or item == "-":
            if item != "-":
                codes.append(DatedCode(item))
        else:
            raise DictionaryError(Errors.E441.format(path=path, line=line, value=item))
    return tuple(codes)


def read_table(text: str, *, path: str, source: str) -> list[Entry]:
    """Entries of a file in our format; the first problem raises DictionaryError (E438–E442)."""
    entries: list[Entry] = []
    parsed_codes: dict[tuple[str, str], tuple[DatedCode, ...]] = {}  # most codes repeat
    for number, raw in enumerate(text.split("\n"), start=1):
        if not raw or raw[0] == "#" or not raw.strip() or raw.lstrip().startswith("#"):
            continue
        columns = raw.rstrip("\r").split("\t")
        if len(columns) != 5:
            raise DictionaryError(Errors.E438.format(path=path, line=number, found=len(columns)))
        entry_type, name, kind, codes, phrases = columns
        if entry_type not in ENTRY_TYPES:
            known = ", ".join(ENTRY_TYPES)
            raise DictionaryError(
                Errors.E439.format(path=path, line=number, value=entry_type, known=known)
            )
        if kind not in KINDS:
            known = ", ".join(KINDS)
            raise DictionaryError(
                Errors.E440.format(path=path, line=number, value=kind, known=known)
            )
        names = tuple([p.strip() for p in phrases.split("|")])
        if "" in names:
            names = tuple(p for p in names if p)
        if not names:
            raise DictionaryError(Errors.E442.format(path=path, line=number, name=name))
        code_key = (entry_type, codes)
        if code_key not in parsed_codes:
            parsed_codes[code_key] = parse_codes(
                codes, entry_type=entry_type, path=path, line=number
            )
        entries.append(
            Entry(
                type=entry_type,  # checked against ENTRY_TYPES above
                name=name.strip(),
                kind=kind,  # checked against KINDS above
                codes=parsed_codes[code_key],
                phrases=names,
                source=source,
                line=number,
            )
        )
    return entries


def format_row(entry: Entry) -> str:
    """One row of our format: the inverse of `read_table` for that entry."""
    codes = " ".join(c.to_text() for c in entry.codes) or "-"
    phrases = PHRASE_SEPARATOR.join(entry.phrases)
    return "\t".join((entry.type, entry.name, entry.kind, codes, phrases))


def read_dictionary_file(path: Path) -> list[Entry]:
    """A user or bundled file in our format (.tsv) or PETRARCH format (auto-detected)."""
    return _entries(_read_text(path), path)


def read_user_dictionary(path: Path) -> list[Entry]:
    """A file given with --dictionary. Beyond what `read_dictionary_file` checks, it must code
    something: an empty file, or any text read as PETRARCH blocks (each line a name, most with no
    [CODE]), would load without error and never code a thing (E444–E446)."""
    text = _read_text(path)
    if "\0" in text:
        raise DictionaryError(Errors.E444.format(path=path))
    entries = _entries(text, path)
    if not entries:
        raise DictionaryError(Errors.E445.format(path=path))
    # A table row may leave its codes out on purpose ("-"), and the Phoenix files have a few
    # blocks without a code; a file that is no dictionary at all has mostly such blocks.
    uncoded = [e for e in entries if e.type == "actor" and not e.codes]
    if not _is_table(path, text) and len(uncoded) * 2 > len(entries):
        first = uncoded[0]
        raise DictionaryError(
            Errors.E446.format(
                path=path,
                uncoded=len(uncoded),
                entries=len(entries),
                line=first.line,
                text=_shortened(first.phrases[0] if first.phrases else first.name),
            )
        )
    return entries


def _read_text(path: Path) -> str:
    if not path.is_file():
        raise DictionaryError(Errors.E430.format(path=path))
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DictionaryError(Errors.E431.format(path=path, detail=exc)) from None


def _entries(text: str, path: Path) -> list[Entry]:
    source = path.name.removesuffix(".tsv").removesuffix(".txt")
    if _is_table(path, text):
        return read_table(text, path=str(path), source=source)
    if looks_like_agents(text):
        return read_agents(text, path=str(path), source=source)
    return read_actors(text, path=str(path), source=source)


def _is_table(path: Path, text: str) -> bool:
    return path.suffix == ".tsv" or _looks_like_table(text)


def _shortened(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _looks_like_table(text: str) -> bool:
    for line in text.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            return line.split("\t", 1)[0] in ENTRY_TYPES and line.count("\t") == 4
    return False


@lru_cache(maxsize=1)
def _bundled_entries() -> tuple[Entry, ...]:
    entries: list[Entry] = []
    for name in BUNDLED_FILES:
        read = read_dictionary_file(DATA_DIR / name)
        entries.extend(read)
        if name == COUNTRIES_FILE:
            entries.extend(people_entries(read))
    return tuple(entries)


def people_entries(states: Iterable[Entry]) -> list[Entry]:
    """A country's people in the plural, from its adjective ("Liberian" → "Liberians"), which
    Phoenix lists while it has no plurals. A phrase is an adjective here when it extends a
    shorter phrase of the same entry as `_adjective_of` reads it (Liberia → Liberian, Iraq →
    Iraqi, Morocco → Moroccan, Sri Lanka → Sri Lankan); the name itself ("Sudan", "Pakistan")
    and most cities ("Tehran") extend none, and the few that do make plurals no text uses
    ("Bucharestis"). Irregular plurals (Britons, Danes) are in detente.additions.tsv."""
    found: list[Entry] = []
    for entry in states:
        if entry.type != "actor" or entry.kind != "state":
            continue
        words = [p.upper() for p in entry.phrases if p.replace(" ", "").isalpha()]
        plurals = [
            f"{adjective}S"
            for adjective in words
            if any(_adjective_of(adjective, name) for name in words)
        ]
        if plurals:
            found.append(
                entry._replace(
                    name=f"{entry.name}{PEOPLE_SUFFIX}",
                    kind="group",
                    codes=_with_default(entry.codes),
                    phrases=tuple(plurals),
                    source=PLURALS_SOURCE,
                )
            )
    return found


def _with_default(codes: tuple[DatedCode, ...]) -> tuple[DatedCode, ...]:
    """`codes` with the most recent one also as the undated default when none is: a people
    outlives a gap in its state's codes (Phoenix has no Iraq from 2003-03-20 to 2006-05-20)."""
    if not codes or any(not c.dated for c in codes):
        return codes
    latest = max(codes, key=lambda c: c.end or datetime.date.max)
    return (*codes, DatedCode(latest.code))


def is_people(entry: Entry) -> bool:
    """Whether `entry` names a country's people ("Liberians"), derived or in our additions."""
    return entry.type == "actor" and entry.kind == "group" and entry.name.endswith(PEOPLE_SUFFIX)


def _adjective_of(word: str, name: str) -> bool:
    """Whether `word` reads as the adjective of the country `name`: IRAQ → IRAQI, LIBERIA →
    LIBERIAN, MOROCCO → MOROCCAN, PERU → PERUVIAN; not PAKISTAN of PAKI…, nor -MAN words."""
    if word.endswith("I"):
        return word == f"{name}I"
    return (
        word.endswith("AN")
        and not word.endswith(("STAN", "MAN"))
        and len(name) < len(word) <= len(name) + 4
        and word.startswith(name[: max(len(name) - 1, 3)])
    )


def load_actor_dictionary(paths: Sequence[Path] = (), *, bundled: bool = True) -> ActorDictionary:
    """The bundled dictionaries (unless `bundled=False`) followed by the user files `paths`."""
    dictionary = ActorDictionary()
    if bundled:
        dictionary.add(_bundled_entries())
    for path in paths:
        dictionary.add(read_user_dictionary(Path(path)))
    return dictionary
