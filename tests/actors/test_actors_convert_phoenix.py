"""scripts/convert_phoenix.py reproduces the bundled Phoenix files from the shared originals."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from detente.actors.dictionary import DATA_DIR
from shared_data import REPO, shared_path


def _converter() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "convert_phoenix", REPO / "scripts" / "convert_phoenix.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_conversion_matches_the_bundled_files(tmp_path: Path) -> None:
    source = shared_path("data", "events", "petrarch2")
    counts = _converter().convert(source, tmp_path)
    assert counts["Phoenix.Countries"] > 18_000
    assert counts["Phoenix.agents"] > 2_000
    for name in counts:
        produced = (tmp_path / f"{name}.tsv").read_text(encoding="utf-8")
        assert produced == (DATA_DIR / f"{name}.tsv").read_text(encoding="utf-8"), name
