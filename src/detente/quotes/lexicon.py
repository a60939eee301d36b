"""The cue lexicon of the quotes stage: speech and belief verbs, source frames, speaker words.

Bundled files (src/detente/data/quotes/):
    quote_verb_list.txt  reporting verbs, one form a line (GenderGapTracker, MIT, notice beside)
    cues.toml            our additions: [verbs] speech / object / belief / exclude, [frames] ...
    speakers.toml        [groups] quantities, [documents] words

Role nouns, honorifics and organisation words are no cue words: both the quotes and the actors
stage read them from `detente.mentions`.

A `.txt` file adds speech verbs; a `.toml` file adds to any of the lists above. Lists are unions
over all files, so a user file only needs the entries it adds. A word matches a token when it
equals the token's lemma or its lower-case form.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path

from detente.errors import DictionaryError, Errors

_DATA = files("detente") / "data" / "quotes"
BUNDLED_FILES = ("quote_verb_list.txt", "cues.toml", "speakers.toml")

# TOML table.key -> CueLexicon field
_TOML_KEYS: dict[tuple[str, str], str] = {
    ("verbs", "speech"): "speech_verbs",
    ("verbs", "belief"): "belief_verbs",
    ("verbs", "exclude"): "excluded_verbs",
    ("verbs", "object"): "object_verbs",
    ("frames", "source"): "source_frames",
    ("frames", "opinion_nouns"): "opinion_nouns",
    ("frames", "express_verbs"): "express_verbs",
    ("frames", "stance_nouns"): "stance_nouns",
    ("groups", "quantities"): "quantities",
    ("documents", "words"): "document_words",
}


@dataclass(frozen=True, slots=True)
class CueLexicon:
    """Word sets of the quotes stage, built once. `speech_verbs` already excludes belief verbs."""

    speech_verbs: frozenset[str]
    belief_verbs: frozenset[str]
    object_verbs: frozenset[str]  # speech verbs whose object is what was said
    source_frames: tuple[tuple[str, ...], ...]  # word sequences, longest first
    opinion_nouns: frozenset[str]
    express_verbs: frozenset[str]
    stance_nouns: frozenset[str]
    quantities: frozenset[str]
    document_words: frozenset[str]  # lemmas: "report", "statement" (no actor speaks through them)

    def is_speech(self, lemma: str, lower: str) -> bool:
        if lemma in self.belief_verbs:
            return False  # "thinks" is listed as a form in quote_verb_list.txt; belief wins
        return lemma in self.speech_verbs or lower in self.speech_verbs

    def is_belief(self, lemma: str, lower: str) -> bool:
        return lemma in self.belief_verbs or lower in self.belief_verbs


def _read_txt(path: Path) -> list[str]:
    words = []
    for line in path.read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip().lower()
        if word:
            words.append(word)
    return words


def _read_toml(path: Path, lists: dict[str, set[str]]) -> None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise DictionaryError(Errors.E410.format(path=path, detail=exc)) from exc
    for table, entries in data.items():
        if not isinstance(entries, dict):
            raise DictionaryError(Errors.E411.format(path=path, key=table, known=_known_keys()))
        for key, words in entries.items():
            name = _TOML_KEYS.get((table, key))
            if name is None:
                raise DictionaryError(
                    Errors.E411.format(path=path, key=f"{table}.{key}", known=_known_keys())
                )
            if not isinstance(words, list) or not all(isinstance(w, str) for w in words):
                raise DictionaryError(
                    Errors.E412.format(path=path, key=f"{table}.{key}", found=type(words).__name__)
                )
            lists[name].update(w.strip().lower() for w in words if w.strip())


def _known_keys() -> str:
    return ", ".join(f"{table}.{key}" for table, key in _TOML_KEYS)


def _load(paths: Sequence[Path]) -> CueLexicon:
    lists: dict[str, set[str]] = {name: set() for name in _TOML_KEYS.values()}
    for path in paths:
        if not path.is_file():
            raise DictionaryError(Errors.E413.format(path=path))
        if path.suffix == ".toml":
            _read_toml(path, lists)
        elif path.suffix == ".txt":
            lists["speech_verbs"].update(_read_txt(path))
        else:
            raise DictionaryError(Errors.E414.format(path=path))
    belief = frozenset(lists["belief_verbs"])
    speech = frozenset(lists["speech_verbs"] - lists["excluded_verbs"] - belief)
    frames = sorted((tuple(f.split()) for f in lists["source_frames"]), key=len, reverse=True)
    return CueLexicon(
        speech_verbs=speech,
        belief_verbs=belief,
        object_verbs=frozenset(lists["object_verbs"]),
        source_frames=tuple(frames),
        opinion_nouns=frozenset(lists["opinion_nouns"]),
        express_verbs=frozenset(lists["express_verbs"]),
        stance_nouns=frozenset(lists["stance_nouns"]),
        quantities=frozenset(lists["quantities"]),
        document_words=frozenset(lists["document_words"]),
    )


def bundled_paths() -> list[Path]:
    """Paths of the bundled lexicon files (the package is installed as plain files)."""
    return [Path(str(_DATA / name)) for name in BUNDLED_FILES]


@cache
def _bundled() -> CueLexicon:
    return _load(bundled_paths())


def load_lexicon(paths: Sequence[Path] | None = None) -> CueLexicon:
    """The lexicon from `paths` (`.txt` speech verbs, `.toml` tables), or the bundled files.

    To extend the bundled lexicon, pass `[*bundled_paths(), my_file]`. The bundled lexicon is read
    once per process.
    """
    return _bundled() if paths is None else _load(paths)
