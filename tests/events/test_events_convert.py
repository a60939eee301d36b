"""The bundled CAMEO table is what scripts/convert_cameo.py makes of CAMEO.2.0.txt."""

from __future__ import annotations

import runpy
from pathlib import Path

from detente.events.tables import DATA
from shared_data import REPO, shared_path


def test_bundled_table_is_up_to_date(tmp_path: Path) -> None:
    source = shared_path("data", "events", "petrarch2", "CAMEO.2.0.txt")
    converter = runpy.run_path(str(REPO / "scripts" / "convert_cameo.py"))
    target = tmp_path / "cameo_verbs.tsv"
    assert converter["main"](["convert_cameo.py", str(source), str(target)]) == 0
    assert target.read_text(encoding="utf-8") == (DATA / "cameo_verbs.tsv").read_text(
        encoding="utf-8"
    )


def test_converter_usage() -> None:
    converter = runpy.run_path(str(REPO / "scripts" / "convert_cameo.py"))
    assert converter["main"](["convert_cameo.py"]) == 2
