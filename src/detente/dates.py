"""Publication dates: normalising what sources give, finding them in a text's dateline or a file
name, and validating what users type."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime

from detente.errors import DetenteError, Errors


def parse_date(value: str | None) -> str | None:
    """YYYY-MM-DD from an ISO date or datetime string; None when it is not one."""
    if not value:
        return None
    text = value.strip()
    for candidate in (text, text[:10]):
        try:
            parsed = datetime.fromisoformat(candidate.replace("Z", "+00:00"))
        except ValueError:
            continue
        return parsed.date().isoformat()
    return None


def check_published(value: str | None) -> str | None:
    """Validate a user-given --published date; raises DetenteError E204."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise DetenteError(Errors.E204.format(value=value)) from None


# month names and abbreviations, lower case → number; MONTH_PATTERN matches any, longest first
MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): n for n, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9
MONTH_PATTERN = "|".join(sorted(MONTHS, key=len, reverse=True))
# A dateline that opens a paragraph: a place in capitals (three words at most), then a state, a
# date, an agency, then a dash: "MOSCOW, Dec. 3, 2014 (Reuters) -", "TRENTON, N.J. (AP) —",
# "BEIJING, Sept 4, 2019 /Xinhua/ -", "WASHINGTON —"
DATELINE = re.compile(
    r"(?P<place>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2})"
    r"(?P<state>,\s+[A-Z][A-Za-z.]{1,12}(?=[,\s]))?"
    rf"(?P<date>,?\s+(?P<month>(?i:{MONTH_PATTERN}))\.?\s+(?P<day>\d{{1,2}})"
    r"(?:,?\s+(?P<year>(?:19|20)\d\d)\b)?)?"
    r"(?(year)[^\n]{0,40}?)"  # after a full date, anything short: "(AP) (UPI)", ". /ITAR-TASS/."
    r"(?P<agency>\s*(?:\([^()\n]{1,30}\)|/[^/\n]{1,30}/))?\s*(?P<dash>[—–]|-{1,2})\s"
)
# 2016-01-20, 2016_01_20 or 20160120 in a file name, between non-digits
_NAME_DATE = re.compile(
    r"(?<!\d)((?:19|20)\d\d)[-_]?(0[1-9]|1[0-2])[-_]?(0[1-9]|[12]\d|3[01])(?!\d)"
)


def dateline_date(text: str) -> str | None:
    """The date of a dateline that opens `text` ("MOSCOW, Dec. 3, 2014 (Reuters) -"), as
    YYYY-MM-DD; None without one, or when it gives no year ("Nov. 19 (UPI)")."""
    found = DATELINE.match(text.lstrip()[:120])
    if found is None or found["year"] is None:
        return None
    return _valid(int(found["year"]), MONTHS[found["month"].lower()], int(found["day"]))


def name_date(name: str) -> str | None:
    """The first date written in a file name ("wash-post_2016-01-20_fiorina.txt"), as
    YYYY-MM-DD; None when there is none."""
    for found in _NAME_DATE.finditer(name):
        valid = _valid(int(found[1]), int(found[2]), int(found[3]))
        if valid is not None:
            return valid
    return None


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None
