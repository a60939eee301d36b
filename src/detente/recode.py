"""Re-coding stored documents with today's dictionaries, rules and models.

    coder_version(settings, dictionaries)   what codes a document, as one string
    recode_stored(store, pipeline)          re-codes the documents another coder made, a batch
                                            (one transaction) at a time

Every stored document records the coder version that made its sentences, entities, quotes,
actors and events (`documents.coder`, migrations/0004_coder.sql). `detente recode` runs the
model and the stages after it again on the stored clean text of each document whose version
differs from the current one (no re-fetch, no re-clean), so a rerun after success has nothing
to do and an interrupted run goes on where it stopped.

The version is read from the files themselves, not from the stage modules' lists of them:
`detente stats` and the API report how many documents are behind, and importing the stages
would load spaCy for that. Any data file of a stage counts (documentation does not), so a file
a stage starts reading later counts without a change here.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from detente import __version__
from detente.settings import Settings

if TYPE_CHECKING:
    from detente.pipeline import Pipeline
    from detente.store import Store
    from detente.store.base import CodingSummary

# What in the stages' data folders (src/detente/data/actors, quotes, events: the last one holds
# the learned model too) is documentation, which codes nothing: notices, licences, READMEs.
DOCUMENTATION_SUFFIXES = frozenset({".md"})
DOCUMENTATION_PREFIXES = ("LICENSE", "NOTICE")
HASH_CHARS = 8


@dataclass(frozen=True, slots=True)
class RecodeBatch:
    """What one batch (one transaction) of `recode_stored` did."""

    summary: CodingSummary
    failures: tuple[str, ...]  # the coded message of each document that failed


def coder_version(settings: Settings, dictionaries: Sequence[str | Path] = ()) -> str:
    """What codes a document: detente's version, the spaCy model, the event coder and content
    hashes of the stages' data (the actor dictionaries with the user's `dictionaries`, in the
    order given, the quote lexicon, the verb dictionary, patterns, tables and event model, the
    role and organisation words of mentions.py).

    e.g. "detente 0.1.0; en_core_web_sm 3.8.0; events learned 3fa2c1d0; actors 9b1e44a2;
    quotes 0c4d7e11; mentions 5d0e2a9c". Raises OSError when a user dictionary cannot be read.
    """
    actors = hashlib.sha256(_data_hash("actors").encode())
    for path in dictionaries:
        actors.update(hashlib.sha256(Path(path).read_bytes()).digest())
    return "; ".join(
        (
            f"detente {__version__}",
            _model_version(settings.spacy_model),
            f"events {settings.event_coder} {_data_hash('events')}",
            f"actors {actors.hexdigest()[:HASH_CHARS]}",
            f"quotes {_data_hash('quotes')}",
            f"mentions {_data_hash('mentions')}",  # roles and organisations both stages read
        )
    )


def recode_stored(
    store: Store, pipeline: Pipeline, *, stop: threading.Event | None = None
) -> Iterator[RecodeBatch]:
    """Re-code, batch by batch (each one transaction), every stored document `pipeline`'s coder
    did not make; a document that fails keeps what it had and is tried again by the next run.
    Stops before the next batch once `stop` is set."""
    coder = pipeline.coder_version
    after = ""  # documents are read by id: one that fails is not read again in this run
    while stop is None or not stop.is_set():
        page = store.documents_behind(coder, after=after, limit=pipeline.settings.batch_size)
        if not page:
            return
        after = page[-1].id
        results = pipeline.recode([stored.result() for stored in page])
        summary = store.write_coding(list(zip(page, results, strict=True)))
        failures = tuple(error.message for result in results for error in result.errors)
        yield RecodeBatch(summary, failures)


@lru_cache(maxsize=8)
def _data_hash(folder: str) -> str:
    """A content hash of a stage's data files (relative names and bytes), read once a process."""
    root = Path(str(files("detente") / "data" / folder))
    digest = hashlib.sha256()
    for path in _data_files(root):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:HASH_CHARS]


def _data_files(root: Path) -> Iterable[Path]:
    return sorted(
        path
        for path in root.rglob("*")
        if path.is_file()
        and path.suffix not in DOCUMENTATION_SUFFIXES
        and not path.name.startswith(DOCUMENTATION_PREFIXES)
    )


@lru_cache(maxsize=8)
def _model_version(name: str) -> str:
    """The spaCy pipeline's name and version from its meta.json (a package name or a folder),
    found without importing the package, which would import spaCy."""
    folder = Path(name)
    if not (folder / "meta.json").is_file():
        spec = importlib.util.find_spec(name) if name.isidentifier() else None
        locations = list(spec.submodule_search_locations or ()) if spec else []
        if not locations:
            return f"{name} (not installed)"
        folder = Path(locations[0])
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        return f"{meta['lang']}_{meta['name']} {meta['version']}"
    except (OSError, ValueError, KeyError):
        return f"{name} (no meta.json)"
