"""Dictionary entries, shared by our table format and the PETRARCH/TABARI reader."""

from __future__ import annotations

import re
import unicodedata
from typing import Literal, NamedTuple

from detente.codes import DatedCode
from detente.records import ActorKind

EntryType = Literal[
    "actor", "agent", "role", "metonym", "ambiguous", "homonym", "description", "orgword"
]
ENTRY_TYPES: tuple[EntryType, ...] = (
    "actor",  # a named actor: country, organisation, person; codes may be date-ranged
    "agent",  # a sector noun: "diplomats" ~GOV, "troops" ~MIL; "NGO~" puts the code first
    "role",  # a person's role without a sector of its own: "director", "chairman"
    "metonym",  # a capital or seat of power that stands for a government when it acts
    "ambiguous",  # a place that may stand for several actors: coded only when context says
    "homonym",  # a name of places in several countries: the one its document names most
    "description",  # a definite description resolved to the salient candidate: "the alliance"
    "orgword",  # a word in an organisation's name that gives its sector: "studies" → EDU
)
KINDS: tuple[ActorKind, ...] = ("person", "group", "state", "organization")

_SPACES = re.compile(r"[\s_]+")
_QUOTES = str.maketrans({"’": "'", "‘": "'", "`": "'", "–": "-", "—": "-"})


def normalize_phrase(text: str) -> str:
    """The matching key of a phrase: lower case, straight quotes, no accents, one space between
    words.

    Underscores join words in PETRARCH files and are read as spaces; the coder builds the same
    key from the document's tokens, so "St. Petersburg", "Ban Ki-moon" and "NATO's" compare
    by their written form whatever the tokenizer did to them.
    """
    if text.isascii() and not any(c in text for c in ("_", "  ", "\t", "`")):
        return text.strip().lower()  # the common case, kept fast for the bundled files
    # the Phoenix files write names without accents: "Nicolás Maduro" is NICOLAS_MADURO
    folded = "".join(
        c
        for c in unicodedata.normalize("NFKD", text.translate(_QUOTES))
        if not unicodedata.combining(c)
    )
    return _SPACES.sub(" ", folded).strip().lower()


class Entry(NamedTuple):
    """One dictionary record: every phrase in `phrases` names the same thing.

    A NamedTuple, not a dataclass: the bundled files hold some 30,000 entries and creating them
    must stay well under the one-second load budget."""

    type: EntryType
    name: str  # the label shown in rules: dict:<source>:<name>
    kind: ActorKind
    codes: tuple[DatedCode, ...]
    phrases: tuple[str, ...]  # as written; `normalize_phrase` gives the matching key
    source: str  # file label, e.g. Phoenix.Countries
    line: int = 0

    @property
    def rule(self) -> str:
        return f"dict:{self.source}:{self.name}"

    @property
    def agent_code(self) -> tuple[str, bool]:
        """(sector, goes_first) of an agent: "~GOV" → (GOV, False); "NGO~" → (NGO, True)."""
        raw = self.codes[0].code if self.codes else "~"
        return raw.strip("~"), raw.endswith("~") and not raw.startswith("~")
