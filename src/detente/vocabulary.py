"""The parameters of the explore queries, declared once: each name is the REST API's query
parameter and, dashed, the option of `detente query` (quad_class is `?quad_class=` and
`--quad-class`), with the one help text both show.

Names are those of the record fields they filter (an event's `quad_class`, `plover_type`,
`document_id`), so a filter reads like the column it selects on. A name the API or the CLI once
took is kept in `formerly` only to point at its successor: the API answers such a name with a
422 naming the new one (E949). The table is light to import: the CLI reads it at start-up.
"""

from __future__ import annotations

from dataclasses import dataclass

CODE = "actor code or its start (RUS matches RUS, RUSGOV, RUSMIL)"


@dataclass(frozen=True, slots=True)
class Parameter:
    name: str  # the API's query parameter, the CLI's option dashed
    help: str
    formerly: tuple[str, ...] = ()  # old names, answered with a pointer to this one

    @property
    def option(self) -> str:
        return "--" + self.name.replace("_", "-")


PARAMETERS: dict[str, Parameter] = {
    parameter.name: parameter
    for parameter in (
        Parameter("source", f"source {CODE}"),
        Parameter("target", f"target {CODE}"),
        Parameter("actor", f"{CODE}: either side of an event, or a quote's speaker"),
        Parameter("code", f"{CODE}: the actor whose events, partners and quotes to show"),
        Parameter("plover_type", "PLOVER event type, any case (REJECT)", formerly=("type",)),
        Parameter("cameo", "CAMEO code or its start (12 matches 120-129 and 1211)"),
        Parameter(
            "quad_class",
            "QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, "
            "4 material conflict",
            formerly=("quad",),
        ),
        Parameter("negated", "negated events only; false: the others only"),
        Parameter("hypothetical", "hypothetical events only; false: the others only"),
        Parameter("future", "future events only; false: the others only"),
        Parameter("historical", "historical events only; false: the others only"),
        Parameter("document_id", "only the records of this document", formerly=("document",)),
        Parameter("since", "first day included (YYYY-MM-DD)"),
        Parameter("until", "last day included (YYYY-MM-DD)"),
        Parameter("text", "words of the quote, best matches first (BM25)"),
        Parameter("speaker", "part of the speaker's name, any case"),
        Parameter("organization", "part of the speaker's organisation or role, any case"),
        Parameter(
            "q",
            "part of an actor's name, code or mention, any case: the exact code first, then "
            "codes and names starting with it, then the rest, each by events",
        ),
        Parameter("level", "group codes by their first N characters (3: countries)"),
        Parameter("limit", "rows of the page"),
        Parameter("offset", "matches to skip"),
        Parameter(
            "after",
            "the `next` of the previous page: the page right after it, as fast at any depth",
        ),
        Parameter(
            "group",
            "place: a row per place (name, country, coordinates); country: a row per country",
        ),
        Parameter("limit_edges", "edges, heaviest first"),
        Parameter("min_events", "the fewest events an edge has"),
        Parameter("by", "period of each point: week, month or year"),
        Parameter("both", "also the other direction, target to source ('backward')"),
        Parameter("window", "periods the thermometer averages over"),
        Parameter(
            "count",
            "events: the reports of one story (near-duplicate documents) that agree on source, "
            "target, CAMEO code and day count once, each report of an event in one document "
            "too; reports: every event read in every document",
        ),
        Parameter(
            "include_undated",
            "also plot events without a date, on the day their document was stored",
        ),
    )
}


def help_of(name: str) -> str:
    return PARAMETERS[name].help


def successor(name: str) -> str | None:
    """The parameter that took over the old name `name` (quad → quad_class), if any."""
    lowered = name.lower()
    for parameter in PARAMETERS.values():
        if lowered in parameter.formerly:
            return parameter.name
    return None
