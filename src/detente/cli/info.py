"""`detente info`: what this installation runs and what the database holds, as `spacy info` does.

Registered on the main app by detente.cli.commands. It reports and exits 0: a database that is
missing or cannot be opened is one of the facts it shows (with its coded message), not a failure;
a bad DETENTE_* setting or --dictionary file is a usage error (102) as everywhere.
"""

from __future__ import annotations

import hashlib
import json
import platform
import sys
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from detente import __version__
from detente.cli import model_package
from detente.cli.options import DbOption, DictionaryOption, JsonOption, check_dictionaries
from detente.errors import StoreError
from detente.settings import Settings

HASH_CHARS = 8  # of a SHA-256 in the table; --json gives it whole
COUNTS = ("documents", "events", "quotes", "actors", "errors")

console = Console()


def info(
    db: DbOption = None, dictionary: DictionaryOption = None, as_json: JsonOption = False
) -> None:
    """Print detente's version, Python, the platform, spaCy and its model, the event coder and
    model, the coder version, the dictionaries in use and what the database holds (give the
    --dictionary files you ingest with)."""
    check_dictionaries(dictionary)
    report = collect_info(Settings.from_env(db=db), dictionary or ())
    if as_json:
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    else:
        console.print(info_table(report))


def collect_info(settings: Settings, dictionaries: Sequence[Path]) -> dict[str, Any]:
    """The report, as plain values (what --json prints)."""
    from detente.recode import coder_version

    coder = coder_version(settings, dictionaries)
    package, version = model_package(settings.spacy_model)
    return {
        "detente": __version__,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "spacy": metadata.version("spacy"),
        "model": {
            "name": settings.spacy_model,
            "package": package,
            "version": version,
            # DETENTE_SPACY_MODEL may name a pipeline folder instead of a package
            "installed": version is not None
            or (Path(settings.spacy_model) / "meta.json").is_file(),
        },
        "event_coder": settings.event_coder,
        "event_model": _event_model() if settings.event_coder == "learned" else None,
        "coder_version": coder,
        "dictionaries": _dictionaries(dictionaries),
        "database": _database(settings.db, coder),
    }


def _event_model() -> dict[str, str]:
    from detente.events.model import MODEL_FILE, MODEL_NAME

    return {"name": MODEL_NAME, "file": MODEL_FILE.name, "sha256": _sha256(MODEL_FILE)}


def _dictionaries(user_files: Sequence[Path]) -> list[dict[str, str]]:
    """The actor dictionaries in load order (bundled, then the user's) and the verb dictionaries."""
    from detente.actors.dictionary import BUNDLED_FILES, DATA_DIR
    from detente.events.coder import BUNDLED_VERB_FILES

    files = [("actors", "bundled", DATA_DIR / name) for name in BUNDLED_FILES]
    files += [("actors", "yours", Path(path)) for path in user_files]
    files += [("verbs", "bundled", path) for path in BUNDLED_VERB_FILES]
    return [
        {
            "kind": kind,
            "origin": origin,
            "file": path.name if origin == "bundled" else str(path),
            "sha256": _sha256(path),
        }
        for kind, origin, path in files
    ]


def _database(db: str, coder: str) -> dict[str, Any]:
    """Where the database is and what it holds; a coded `problem` when it cannot be read."""
    from detente.store import open_store, redact

    where: dict[str, Any] = {"location": redact(db)}
    try:
        with open_store(db, read_only=True) as store:
            totals = store.stats(coder)
    except StoreError as exc:  # missing (E711), locked by a writer (E712), too new (E702) ...
        return {**where, "opened": False, "problem": str(exc)}
    counts = {name: getattr(totals, name) for name in COUNTS}
    return {
        **where,
        "opened": True,
        "schema_version": totals.schema_version,
        **counts,
        "behind_coder": totals.behind,
    }


def _sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def info_table(report: dict[str, Any]) -> Table:
    table = Table(title="detente info", title_justify="left", show_header=False)
    table.add_column(style="bold")
    table.add_column(overflow="fold")
    model = report["model"]
    installed = "installed" if model["installed"] else "not installed"
    version = f" {model['version']}" if model["version"] else ""
    event_model = report["event_model"]
    rows = [
        ("detente", report["detente"]),
        ("Python", report["python"]),
        ("platform", report["platform"]),
        ("spaCy", report["spacy"]),
        ("spaCy model", f"{model['name']} (package {model['package']}{version}, {installed})"),
        ("event coder", report["event_coder"]),
        (
            "event model",
            "none: the rule coder uses no model"
            if event_model is None
            else f"{event_model['name']} ({event_model['file']}, sha256 "
            f"{event_model['sha256'][:HASH_CHARS]})",
        ),
        ("coder version", report["coder_version"]),
    ]
    for kind in ("actors", "verbs"):
        lines = [
            f"{entry['file']} ({entry['origin']}, {entry['sha256'][:HASH_CHARS]})"
            for entry in report["dictionaries"]
            if entry["kind"] == kind
        ]
        rows.append((f"{kind[:-1]} dictionaries", "\n".join(lines)))
    database = report["database"]
    rows.append(("database", database["location"]))
    if database["opened"]:
        rows.append(("  schema version", str(database["schema_version"])))
        rows += [(f"  {name}", f"{database[name]:,}") for name in COUNTS]
        rows.append(("  behind the coder", f"{database['behind_coder']:,}"))
    else:
        rows.append(("  problem", database["problem"]))
    for name, value in rows:
        table.add_row(name, value)
    return table
