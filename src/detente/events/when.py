"""When: date expressions resolved against the publication date.

`resolve_date` returns an ISO date at the precision the words give: "2014-04-01" for a day,
"2014-04" for a month, "2011" for a year; None when the words name no resolvable date ("the
coming years", "at the moment").

`EventDates` dates the events of one document: a date expression in the anchor's own clause,
resolved against the publication date; "on that date" takes the previous sentence's. Else the
publication date, with date_text None. Historical: stated date more than 30 days before
publication.
"""

from __future__ import annotations

import calendar
import datetime
import re

from spacy.tokens import Token

from detente.dates import MONTH_PATTERN, MONTHS
from detente.events.parse import ParsedDoc

_WEEKDAYS = {name.lower(): n for n, name in enumerate(calendar.day_name)}
_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}  # fmt: skip
_WEEKDAY = "|".join(_WEEKDAYS)
_NUMBER = r"\d+|" + "|".join(_NUMBERS)

_DAY_MONTH_YEAR = re.compile(
    rf"\b(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>{MONTH_PATTERN})\.?"
    rf"|(?P<m2>{MONTH_PATTERN})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)\b"
    r"(?:,?\s+(?P<year>\d{4})|\s+(?:of\s+)?(?P<rel>this|last|next)\s+year)?",
    re.IGNORECASE,
)
_MONTH_YEAR = re.compile(
    rf"\b(?:in\s+)?(?P<month>{MONTH_PATTERN})\.?(?:\s+(?:of\s+)?(?P<year>\d{{4}})"
    r"|\s+(?:of\s+)?(?P<rel>this|last|next)\s+year)?\b",
    re.IGNORECASE,
)
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_WEEKDAY_RE = re.compile(rf"\b(?P<rel>last\s+|this\s+|next\s+)?(?P<day>{_WEEKDAY})\b", re.I)
_AGO = re.compile(rf"\b(?P<n>{_NUMBER})\s+(?P<unit>day|week|month|year)s?\s+ago\b", re.I)
_RELATIVE = re.compile(
    r"\b(?P<rel>last|this|next|past)\s+(?P<unit>week|month|year)\b|\b(?P<word>yesterday|today)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\b(?:in\s+)?(?P<year>1[89]\d\d|20\d\d)\b")
_BACK_REFERENCES = ("on that date", "on that day", "at that time", "that day", "on the same day")
_HISTORICAL_DAYS = 30  # an event dated this far before publication is historical


def resolve_date(text: str, published: datetime.date | None) -> str | None:
    """The date `text` names, resolved against `published` ("April 1 of this year" → 2014-04-01
    when published 2014-12-03; "on Tuesday" → the Tuesday on or before publication)."""
    if match := _ISO.search(text):
        return _safe_date(int(match[1]), int(match[2]), int(match[3]))
    if match := _DAY_MONTH_YEAR.search(text):
        month = MONTHS[(match["m1"] or match["m2"]).lower()]
        day = int(match["d1"] or match["d2"])
        year = _year(match["year"], match["rel"], month, published)
        if year is None:
            return None
        if (
            not (match["year"] or match["rel"])
            and published
            and (month, day)
            > (
                published.month,
                published.day,
            )
        ):
            year -= 1  # "December 24" in a paper of December 3 is last year's
        return _safe_date(year, month, day)
    if match := _AGO.search(text):
        return _ago(match, published)
    if match := _RELATIVE.search(text):
        return _relative(match, published)
    if match := _WEEKDAY_RE.search(text):
        return _weekday(match, published)
    if match := _MONTH_YEAR.search(text):
        month = MONTHS[match["month"].lower()]
        # a bare month name must be capitalised: "may" and "march" are also words
        if match["year"] is None and match["rel"] is None and not match["month"][0].isupper():
            return None
        year = _year(match["year"], match["rel"], month, published)
        return f"{year:04d}-{month:02d}" if year is not None else None
    if match := _YEAR.search(text):
        return match["year"]
    return None


def _year(
    given: str | None, relative: str | None, month: int, published: datetime.date | None
) -> int | None:
    if given:
        return int(given)
    if published is None:
        return None
    if relative:
        return published.year + {"this": 0, "last": -1, "next": 1}[relative.lower()]
    # a month without a year is the latest one not after publication
    return published.year if month <= published.month else published.year - 1


def _safe_date(year: int, month: int, day: int) -> str | None:
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def _ago(match: re.Match[str], published: datetime.date | None) -> str | None:
    if published is None:
        return None
    raw = match["n"].lower()
    n = int(raw) if raw.isdigit() else _NUMBERS[raw]
    unit = match["unit"].lower()
    if unit == "year":
        return f"{published.year - n:04d}"
    if unit == "month":
        year, month = divmod(published.year * 12 + published.month - 1 - n, 12)
        return f"{year:04d}-{month + 1:02d}"
    days = n * (7 if unit == "week" else 1)
    return (published - datetime.timedelta(days=days)).isoformat()


def _relative(match: re.Match[str], published: datetime.date | None) -> str | None:
    if published is None:
        return None
    word = (match["word"] or "").lower()
    if word == "today":
        return published.isoformat()
    if word == "yesterday":
        return (published - datetime.timedelta(days=1)).isoformat()
    shift = {"last": -1, "past": -1, "this": 0, "next": 1}[match["rel"].lower()]
    unit = match["unit"].lower()
    if unit == "year":
        return f"{published.year + shift:04d}"
    if unit == "month":
        year, month = divmod(published.year * 12 + published.month - 1 + shift, 12)
        return f"{year:04d}-{month + 1:02d}"
    # a week is dated by its Monday
    monday = published - datetime.timedelta(days=published.weekday())
    return (monday + datetime.timedelta(weeks=shift)).isoformat()


def _weekday(match: re.Match[str], published: datetime.date | None) -> str | None:
    if published is None:
        return None
    target = _WEEKDAYS[match["day"].lower()]
    back = (published.weekday() - target) % 7
    relative = (match["rel"] or "").strip().lower()
    if relative == "next":
        return (
            published + datetime.timedelta(days=(target - published.weekday()) % 7 or 7)
        ).isoformat()
    if relative == "last" and back == 0:
        back = 7
    return (published - datetime.timedelta(days=back)).isoformat()


class EventDates:
    """The dates stated for one document's events, each sentence's read once, in text order."""

    def __init__(self, parsed: ParsedDoc, published: datetime.date | None) -> None:
        self.parsed = parsed
        self.published = published
        self.stated: list[tuple[str | None, str | None]] = []  # per sentence, read so far

    def date(self, anchor: Token) -> tuple[str | None, str | None]:
        """The date stated in the anchor's own clause, else none (the caller defaults to the
        publication date). "On that date" takes the latest date stated in the previous sentence."""
        parsed = self.parsed
        index = parsed.sentence_at[anchor.i]
        while len(self.stated) <= index:
            sentence = parsed.sentences[len(self.stated)]
            self.stated.append(
                self._stated_date(len(self.stated), set(range(sentence.start, sentence.end)))
            )
        words = {t.i for t in (anchor.subtree if anchor.pos_ == "NOUN" else parsed.clause(anchor))}
        return self._stated_date(index, words, self.stated[index - 1] if index else None)

    def historical(self, date: str | None, date_text: str | None) -> bool:
        if date is None or date_text is None or self.published is None:
            return False
        earliest = (self.published - datetime.timedelta(days=_HISTORICAL_DAYS)).isoformat()
        return date < earliest[: len(date)]

    def _stated_date(
        self,
        index: int,
        words: set[int],
        previous: tuple[str | None, str | None] | None = None,
    ) -> tuple[str | None, str | None]:
        if previous is not None and previous[0] is not None:
            lowered = " ".join(self.parsed.doc[i].lower_ for i in sorted(words))
            if any(phrase in lowered for phrase in _BACK_REFERENCES):
                return previous
        for entity in self.parsed.entities[index]:
            if entity.label_ == "DATE" and entity.start in words:
                resolved = resolve_date(entity.text, self.published)
                if resolved is not None:
                    return resolved, entity.text
        return None, None
