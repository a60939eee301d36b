"""Read PETRARCH/TABARI actor and agent dictionaries (the Phoenix files, PETR.Validate).

Actors: a block is a primary phrase, optional `+synonym` lines and code lines `[CODE]`,
`[CODE YYMMDD-YYMMDD]`, `[CODE <YYMMDD]`, `[CODE >YYMMDD]` (tab-indented or on the primary
line). Consecutive primary lines with no code between them and no blank line share the codes
that follow (as in `LEONID_BREZHNEV_` / `SECRETARY_BREZHNEV` / `[RUSGOV ...]`).
Agents: `PHRASE {PLURAL} [~SECTOR]` with `!MARKER! = A, B` substitutions; a regular plural is
made unless `{}` gives another (or none).
Comments: `#` and `;` to the end of the line, `<!-- ... -->` (also over several lines), and any
line starting with `<!`. Phrases match as whole words; TABARI's stem matching is not used.

`strict=True` (user files) raises DictionaryError on the first problem; `strict=False` (the
one-off Phoenix conversion) records the problem, skips that item and goes on.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from detente.actors.entries import Entry
from detente.codes import UNKNOWN_COUNTRY, DatedCode, code_at
from detente.countries import country
from detente.errors import DictionaryError, Errors
from detente.records import ActorKind

_BRACKETS = re.compile(r"\[([^\]]*)\]")
_MARKER_DEFINITION = re.compile(r"^\s*!(\w+)!\s*=(.*)$")
_MARKER_USE = re.compile(r"!(\w+)!")
_PLURAL_BRACES = re.compile(r"\{([^}]*)\}")
_DATE = re.compile(r"^\d{6}$|^\d{8}$")
_CODE_CHARS = re.compile(r"^[A-Z0-9~/+\-]+$")
_VOWELS = frozenset("AEIOU")
# Sectors people hold for a time: a dated code with one of these marks a person's entry.
PERSON_SECTORS = frozenset(
    {"GOV", "ELI", "MIL", "CIV", "REB", "OPP", "LEG", "JUD", "COP", "PTY", "SPY", "MED", "EDU"}
)


@dataclass(slots=True)
class ReadReport:
    """What a lenient read skipped, as coded one-line messages."""

    problems: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Block:
    phrases: list[tuple[str, int]] = field(default_factory=list)
    codes: list[DatedCode] = field(default_factory=list)
    comment: str = ""


class _Reader:
    def __init__(self, path: str, strict: bool, report: ReadReport) -> None:
        self.path = path
        self.strict = strict
        self.report = report

    def problem(self, message: str) -> None:
        if self.strict:
            raise DictionaryError(message)
        self.report.problems.append(message)

    def lines(self, text: str) -> list[tuple[int, str, str]]:
        """(line number, content, comment) of each line that is blank or has content; lines
        that only hold a comment are left out, so they do not end a block as a blank line does."""
        out: list[tuple[int, str, str]] = []
        in_comment_since = 0
        for number, raw in enumerate(text.splitlines(), start=1):
            line = raw
            if in_comment_since:
                if "-->" not in line:
                    continue
                line = line[line.index("-->") + 3 :]
                in_comment_since = 0
            while "<!--" in line:
                before, _, after = line.partition("<!--")
                if "-->" in after:
                    line = before + after[after.index("-->") + 3 :]
                else:
                    line, in_comment_since = before, number
            if line.lstrip().startswith("<!"):
                line = ""
            comment = ""
            for mark in ("#", ";"):
                if mark in line:
                    line, _, rest = line.partition(mark)
                    comment = comment or rest.strip()
            if line.strip() or not raw.strip():
                out.append((number, line.rstrip(), comment))
        if in_comment_since:
            self.problem(Errors.E443.format(path=self.path, line=in_comment_since))
        return out

    def parse_date(self, value: str, line: int, text: str) -> datetime.date | None:
        if _DATE.match(value):
            if len(value) == 6:
                year = int(value[:2])
                year += 2000 if year <= 30 else 1900  # the TABARI rule for two-digit years
                month, day = int(value[2:4]), int(value[4:6])
            else:
                year, month, day = int(value[:4]), int(value[4:6]), int(value[6:8])
            try:
                return datetime.date(year, month, day)
            except ValueError:
                pass
        self.problem(Errors.E432.format(path=self.path, line=line, value=value, text=text))
        return None

    def parse_code(self, inside: str, line: int) -> DatedCode | None:
        """One `[...]` restriction: CODE, CODE FROM-TO, CODE <DATE, CODE >DATE."""
        text = f"[{inside}]"
        parts = inside.split()
        if not parts or not _CODE_CHARS.match(parts[0].upper()) or parts[0][0].isdigit():
            self.problem(Errors.E433.format(path=self.path, line=line, text=text))
            return None
        code, restriction = parts[0].upper(), "".join(parts[1:])
        if code in PERSON_SECTORS and country(code) is None:
            # [ELI]: a sector of no country (a former official); [CIV] is Côte d'Ivoire, as in
            # PETRARCH, not civilians of no country
            code = UNKNOWN_COUNTRY + code
        if not restriction:
            return DatedCode(code)
        if restriction[0] in "<>":
            day = self.parse_date(restriction[1:], line, text)
            if day is None:
                return None
            before = restriction[0] == "<"
            return DatedCode(code, None if before else day, day if before else None)
        start_text, dash, end_text = restriction.partition("-")
        if not dash:
            self.problem(
                Errors.E432.format(path=self.path, line=line, value=restriction, text=text)
            )
            return None
        start = self.parse_date(start_text, line, text)
        end = self.parse_date(end_text, line, text)
        if start is None or end is None:
            return None
        return DatedCode(code, start, end)

    def codes_in(self, text: str, line: int) -> tuple[str, list[DatedCode]]:
        """Split `PHRASE [CODE ...][CODE ...]` into the phrase and its codes."""
        if text.count("[") != text.count("]"):
            self.problem(Errors.E435.format(path=self.path, line=line, text=text.strip()))
            return text.split("[", 1)[0], []
        codes = [self.parse_code(m.group(1), line) for m in _BRACKETS.finditer(text)]
        return text.split("[", 1)[0], [c for c in codes if c is not None]


def _kind_of(block: _Block) -> ActorKind:
    """People hold offices for a time ([RUSGOV 000507-080507]) or come from the ruler lists;
    states have a bare country code, even when it changed ([USRUKR <910824] [UKR])."""
    if "CountryInfo" in block.comment or any(
        c.dated and (c.code[3:6] in PERSON_SECTORS or c.code.startswith("IGO")) for c in block.codes
    ):
        return "person"
    current = code_at(block.codes, None)
    if current is not None and len(current) == 3 and current.isalpha():
        return "state"
    return "person" if any(c.dated for c in block.codes) else "organization"


def read_actors(text: str, *, path: str, source: str, strict: bool = True) -> list[Entry]:
    """Entries of a PETRARCH .actors file; `source` labels them in rules."""
    report = ReadReport()
    return read_actors_with_report(text, path=path, source=source, strict=strict, report=report)


def read_actors_with_report(
    text: str, *, path: str, source: str, strict: bool, report: ReadReport
) -> list[Entry]:
    reader = _Reader(path, strict, report)
    entries: list[Entry] = []
    block: _Block | None = None
    blank_since_block = False

    def flush() -> None:
        if block is None or not block.phrases:
            return
        name = "_".join(block.phrases[0][0].replace("_", " ").split())
        phrases = tuple(
            dict.fromkeys(" ".join(p.replace("_", " ").split()) for p, _ in block.phrases)
        )
        entries.append(
            Entry(
                type="actor",
                name=name,
                kind=_kind_of(block),
                codes=tuple(block.codes),
                phrases=tuple(p for p in phrases if p),
                source=source,
                line=block.phrases[0][1],
            )
        )

    for number, line, comment in reader.lines(text):
        stripped = line.strip()
        if not stripped:
            blank_since_block = True
            continue
        if stripped.startswith("["):
            if block is None:
                reader.problem(Errors.E434.format(path=path, line=number, text=stripped))
                continue
            block.codes.extend(reader.codes_in(stripped, number)[1])
            continue
        if stripped.startswith("+"):
            if block is None:
                reader.problem(Errors.E434.format(path=path, line=number, text=stripped))
                continue
            phrase, codes = reader.codes_in(stripped[1:], number)
            block.phrases.append((phrase, number))
            block.codes.extend(codes)
            continue
        phrase, codes = reader.codes_in(stripped, number)
        if block is None or block.codes or blank_since_block:
            flush()
            block = _Block(comment=comment)
        block.phrases.append((phrase, number))
        block.codes.extend(codes)
        blank_since_block = False
    flush()
    return entries


def regular_plural(phrase: str) -> str:
    """English regular plural of the last word: TROOP → TROOPS, AUTHORITY → AUTHORITIES."""
    upper = phrase.upper()
    if upper.endswith("Y") and len(upper) > 1 and upper[-2] not in _VOWELS:
        return phrase[:-1] + ("IES" if phrase[-1].isupper() else "ies")
    if upper.endswith(("S", "X", "Z", "CH", "SH")):
        return phrase + ("ES" if phrase[-1].isupper() else "es")
    return phrase + ("S" if phrase[-1].isupper() else "s")


def read_agents(text: str, *, path: str, source: str, strict: bool = True) -> list[Entry]:
    report = ReadReport()
    return read_agents_with_report(text, path=path, source=source, strict=strict, report=report)


def read_agents_with_report(
    text: str, *, path: str, source: str, strict: bool, report: ReadReport
) -> list[Entry]:
    """Entries of a PETRARCH .agents file, one per line, with its plural forms as phrases."""
    reader = _Reader(path, strict, report)
    markers: dict[str, list[str]] = {}
    entries: list[Entry] = []
    for number, line, _comment in reader.lines(text):
        stripped = line.strip()
        if not stripped:
            continue
        if definition := _MARKER_DEFINITION.match(stripped):
            markers[definition.group(1)] = [
                w.strip() for w in definition.group(2).split(",") if w.strip()
            ]
            continue
        if "[" not in stripped:
            reader.problem(Errors.E436.format(path=path, line=number, text=stripped))
            continue
        head, _, rest = stripped.partition("[")
        if "]" not in rest:
            reader.problem(Errors.E435.format(path=path, line=number, text=stripped))
            continue
        code = rest.partition("]")[0].replace(" ", "").upper()
        if not code or not _CODE_CHARS.match(code):
            reader.problem(Errors.E441.format(path=path, line=number, value=code))
            continue
        plural_match = _PLURAL_BRACES.search(head)
        phrase = _PLURAL_BRACES.sub("", head).strip()
        if marker := _MARKER_USE.search(phrase):
            if marker.group(1) not in markers:
                reader.problem(Errors.E437.format(path=path, line=number, marker=marker.group(1)))
                continue
            forms = [_MARKER_USE.sub(word, phrase, count=1) for word in markers[marker.group(1)]]
        elif plural_match is not None:
            forms = [phrase, *plural_match.group(1).split()]
        else:
            forms = [phrase, regular_plural(phrase)]
        phrases = tuple(dict.fromkeys(" ".join(f.replace("_", " ").split()) for f in forms))
        entries.append(
            Entry(
                type="agent",
                name="_".join(phrase.replace("_", " ").split()),
                kind="group",
                codes=(DatedCode(code),),
                phrases=phrases,
                source=source,
                line=number,
            )
        )
    return entries


def looks_like_agents(text: str) -> bool:
    """An agents file codes with ~ (`[~GOV]`, `[NGO~]`); an actors file does not."""
    codes = _BRACKETS.findall(text)
    return bool(codes) and sum("~" in c for c in codes) * 2 > len(codes)
