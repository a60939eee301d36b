"""Lookup tables keyed by CAMEO code: PLOVER type/mode/context, Goldstein score, PLOVER intensity.

The bundled files are read once per process (data/events/, see NOTICE.md for their sources).
A code missing from a table falls back to its parent (0312 → 031 → 03).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from detente.errors import DictionaryError, Errors
from detente.records import Event, Plover

DATA = Path(str(files("detente") / "data" / "events"))
# CAMEO roots the stages decide by, named once
STATEMENT_ROOT = "01"  # make public statement
APPEAL_ROOT = "02"
CONSULT_ROOT = "04"
DEMAND_ROOT = "10"  # PLOVER REQUEST
DISAPPROVE_ROOT = "11"  # PLOVER ACCUSE
CRITICIZE = "111"  # criticize or denounce
CONSIDER = "014"  # consider policy option
INTENT_ROOT = "03"  # express intent to cooperate, PLOVER AGREE
YIELD_ROOT = "08"  # PLOVER CONCEDE and RETREAT
THREATEN_ROOT = "13"
SHOW_OF_FORCE_ROOT = "15"  # exhibit force posture, PLOVER MOBILIZE
FIGHT_ROOT = "19"  # use conventional military force
MASS_VIOLENCE_ROOT = "20"  # use unconventional mass violence
VIOLENCE_ROOTS = frozenset({"18", FIGHT_ROOT, MASS_VIOLENCE_ROOT})  # assault, fight, mass violence
# "0311: AGREE,  ,   economic # Express intent to cooperate economically"
_PLOVER_ROW = re.compile(r"^(\d{3,4}):\s*([A-Z]+)\s*,([^,#]*),?([^#]*)")


def is_statement(code: str) -> bool:
    """A public statement (CAMEO 01x), which PLOVER leaves out."""
    return code.startswith(STATEMENT_ROOT)


def main_event(events: Sequence[Event]) -> Event | None:
    """A sentence's main event: the first non-statement, else the first statement."""
    if not events:
        return None
    return next((e for e in events if not is_statement(e.cameo)), events[0])


def quad_class(code: str) -> int:
    """CAMEO QuadClass from the root: 01–05 verbal coop 1, 06–08 material coop 2, 09–13 verbal
    conflict 3, 14–20 material conflict 4; 0 for a code outside CAMEO (e.g. WEIS test codes)."""
    root = int(code[:2]) if code[:2].isdigit() else 0
    if 1 <= root <= 5:
        return 1
    if 6 <= root <= 8:
        return 2
    if 9 <= root <= 13:
        return 3
    if 14 <= root <= 20:
        return 4
    return 0


def pentaclass(code: str) -> int:
    """ConfliBERT's five classes of a CAMEO code (0 statement, 1 verbal cooperation, 2 material
    cooperation, 3 verbal conflict, 4 material conflict): QuadClass with statements apart, except
    where its annotators grouped roots otherwise. In its train file, of the sentences whose main
    rule event is an appeal (02) 26 of 38 are statements, and of those that reduce relations (16,
    PLOVER SANCTION) 40 of 44 are verbal conflict (scripts/train_events.py trains on these)."""
    root = code[:2]
    if root in ("01", "02"):
        return 0
    return 3 if root == "16" else quad_class(code)


def _parents(code: str) -> list[str]:
    return [code[:n] for n in (4, 3, 2) if len(code) >= n]


# What announcing an act is, by the act's code: CAMEO's intent to cooperate or to yield (03) for
# material cooperation ("Finland will give Tanzania a grant": 033, PLOVER AGREE) and for meeting
# and diplomatic cooperation ("will visit Mauritania and Senegal": 036, "will support a UN
# resolution": 032; PLOVER's manual, AGREE: cooperation "reported in future tense" implies
# intent), and its threat (13) for material conflict ("will extend the curfew": 137, THREATEN), as
# CAMEO2PLOVER and the PLOVER gold standard code them
_ANNOUNCED = {
    **{"04": "036", "045": "039", "05": "032", "057": "030"},
    **{"06": "031", "061": "0311", "062": "0312", "063": "0313", "064": "0314"},
    **{"07": "033", "071": "0331", "072": "0332", "073": "0333", "074": "0334"},
    # a yield (08) announced is the intent to yield (035; 034 for reform acceded to): "will
    # release the hostages", "would pull its troops back if ..."
    **{"08": "035", "081": "0351", "082": "0352", "083": "034", "0831": "0341", "0832": "0342"},
    **{"0833": "0343", "0834": "0344", "084": "0353", "085": "0354", "086": "0355"},
    **{"087": "0356"},
    **{"16": "131", "161": "1313", "162": "1311", "163": "1312", "164": "134", "165": "135"},
    **{"166": "136", "17": "137", "18": "138", "19": "138", "20": "1383"},
}


def announced(code: str) -> str | None:
    """The CAMEO code of announcing the act `code`, cooperation or material conflict (None
    for any other act)."""
    return next((_ANNOUNCED[c] for c in _parents(code) if c in _ANNOUNCED), None)


# What refusing an act is, by the act's code: cooperation or a yield announced with a negation
# ("will not give up uranium enrichment", "will not release the prisoners", "will not lift the
# ban") is CAMEO's rejection of it (12: 125 a meeting, 121 material cooperation, 124 a yield),
# PLOVER REJECT, no act of cooperation negated; so is an intent to do it (03, which mirrors
# 04–08 code by code: 0353 "intent to release persons" refused is 1243)
_REFUSED = {
    **{"03": "120", "031": "121", "0311": "1211", "0312": "1212", "032": "120", "033": "122"},
    **{"0331": "1221", "0332": "1222", "0333": "1223", "0334": "1224", "034": "123"},
    **{"0341": "1231", "0342": "1232", "0343": "1233", "0344": "1234", "035": "124"},
    **{"0351": "1241", "0352": "1242", "0353": "1243", "0354": "1244", "0355": "1245"},
    **{"0356": "1246", "036": "125", "037": "127", "038": "126", "039": "120"},
    **{"04": "125", "045": "126", "05": "120", "057": "127"},
    **{"06": "121", "061": "1211", "062": "1212"},
    **{"07": "122", "071": "1221", "072": "1222", "073": "1223", "074": "1224"},
    **{"08": "124", "081": "1241", "082": "1242", "083": "123", "0831": "1231", "0832": "1232"},
    **{"0833": "1233", "0834": "1234", "084": "1243", "085": "1244", "086": "1245", "087": "1246"},
}


def refused(code: str) -> str | None:
    """The CAMEO code of refusing the act `code`, cooperation or a yield (None for any other
    act)."""
    return next((_REFUSED[c] for c in _parents(code) if c in _REFUSED), None)


@dataclass(frozen=True, slots=True)
class EventTables:
    plover: dict[str, Plover]
    goldstein: dict[str, float]
    intensity: dict[tuple[str, str], float]

    def plover_of(self, code: str) -> Plover | None:
        """PLOVER type for a CAMEO code; None for 01 statements (dropped in PLOVER) and for codes
        outside the table. An appeal (02) is a REQUEST: CAMEO2PLOVER drops the root, but PLOVER
        defines REQUEST as "all requests, demands, and orders" (its manual, section REQUEST); 021
        to 024 take the mode of the demand they mirror (101 to 104: assist, change)."""
        if is_statement(code):
            return None
        if code.startswith(APPEAL_ROOT):
            code = DEMAND_ROOT + (code[2:] if code[2:3] in ("1", "2", "3", "4") else "0")
        return next((self.plover[c] for c in _parents(code) if c in self.plover), None)

    def goldstein_of(self, code: str) -> float:
        return next((self.goldstein[c] for c in _parents(code) if c in self.goldstein), 0.0)

    def typed(self, code: str) -> dict[str, Any]:
        """An event's fields that follow from its CAMEO code, as Event takes them."""
        plover = self.plover_of(code)
        return {
            "cameo": code,
            "plover": plover,
            "goldstein": self.goldstein_of(code),
            "intensity": self.intensity_of(plover),
            "quad_class": quad_class(code),
        }

    def intensity_of(self, plover: Plover | None) -> float | None:
        if plover is None:
            return None
        mode = (plover.mode or "").lower()
        return self.intensity.get((plover.type, mode), self.intensity.get((plover.type, "")))


@lru_cache(maxsize=1)
def event_tables() -> EventTables:
    return EventTables(
        plover=_read_plover(DATA / "CAMEO2PLOVER-2021.txt"),
        goldstein=_read_goldstein(DATA / "CAMEO.goldsteinscale.txt"),
        intensity=_read_intensity(DATA / "plover_intensity.tsv"),
    )


def _read_plover(path: Path) -> dict[str, Plover]:
    table: dict[str, Plover] = {}
    for line in _lines(path):
        row = _PLOVER_ROW.match(line.strip())
        if row is None:
            continue
        code, type_, mode, context = row.groups()
        contexts = tuple(c.strip() for c in context.split(";") if c.strip())
        # the first row of a code wins (the table lists 175 twice)
        table.setdefault(code, Plover(type_, mode.strip() or None, contexts))
    if not table:
        raise DictionaryError(Errors.E453.format(path=path, detail="no CAMEO→PLOVER rows"))
    return table


def _read_goldstein(path: Path) -> dict[str, float]:
    table: dict[str, float] = {}
    for line in _lines(path)[1:]:
        code, _, score = line.partition("\t")
        if code.strip() and score.strip():
            table[code.strip()] = float(score)
    return table


def _read_intensity(path: Path) -> dict[tuple[str, str], float]:
    table: dict[tuple[str, str], float] = {}
    for line in _lines(path):
        if line.startswith("#") or line.startswith("type\t") or not line.strip():
            continue
        type_, mode, score = line.split("\t")
        table[(type_, mode)] = float(score)
    return table


def _lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DictionaryError(Errors.E453.format(path=path, detail=f"unreadable ({exc})")) from None
