"""Quote search: by words of the quote (ranked), speaker, organisation, actor code and date.

Ranking is BM25 (k1 = 1.2, b = 0.75) over the inverted index `quote_terms`, computed in SQL:
idf(t) = ln(1 + (N − df + 0.5) / (df + 0.5)) with N the stored quotes and df those holding t,
and each term's frequency damped by the quote's length (`quotes.term_count`) against the mean.
A quote matches when it holds any of the searched terms; more of them, rarer ones and shorter
quotes rank higher. Terms are what `detente.store.terms.query_terms` makes of the text, the
same tokenizer that filled the index: lowercased words, no stop words, no stemming.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from detente.errors import Errors, ExploreError
from detente.explore import filters
from detente.explore.filters import Conditions
from detente.explore.paging import Cursor, Listing, fetch_page, list_page
from detente.explore.results import Page, QuoteHit
from detente.records import Span
from detente.store import Store
from detente.store.terms import query_terms

K1 = 1.2
B = 0.75
QUOTE_COLUMNS = (
    "q.document_id, q.quote_id, d.title, q.day, q.type, "
    "q.content_start, q.content_end, q.content_text, q.cue_start, q.cue_end, q.cue_text, "
    "q.speaker_name, q.speaker_code, q.speaker_role, q.speaker_organization, "
    "q.speaker_start, q.speaker_end, q.speaker_text, q.resolution, q.confidence, q.rule"
)
# Newest first; within a document in the order of the ids (Q2 before Q10).
QUOTES = Listing("quotes", "q", "quote_id")
QUOTE_ORDER = QUOTES.order


def search_quotes(
    store: Store,
    *,
    text: str | None = None,
    speaker: str | None = None,
    organization: str | None = None,
    actor: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int = 20,
    offset: int = 0,
    after: str | None = None,
) -> Page[QuoteHit]:
    """Quotes matching every filter given, best first when searched by `text` (BM25 score,
    then newest), else newest first.

    `speaker` is a case-insensitive part of the speaker's name; `organization` a part of the
    speaker's organisation or role; `actor` a code pattern on the speaker's code (RUS matches
    RUSGOV). Blank strings count as not given. `after` is the `next` of a page: the page
    starting right after it; a ranked search pages by offset only (scores are not keys).
    """
    limit, offset = filters.page_window(limit, offset)
    filters.date_range(since, until)
    conditions = Conditions()
    terms: list[str] = []
    if text is not None and text.strip():
        terms = query_terms(text)
        if not terms:
            raise ExploreError(Errors.E907.format(text=text))
        conditions.parameter(terms)  # $1, read by the ranking CTE
    _add_filters(conditions, speaker, organization, actor, since, until)
    if terms:
        if after is not None:
            raise ExploreError(Errors.E910)
        return _ranked_page(store, conditions, limit, offset)
    return list_page(
        store,
        QUOTES,
        conditions,
        limit=limit,
        offset=offset,
        after=after,
        columns=f"{QUOTE_COLUMNS}, CAST(NULL AS DOUBLE PRECISION) AS score",
        joins="LEFT JOIN documents d ON d.id = q.document_id",  # see list_events
        convert=_hit,
        cursor_of=lambda hit: Cursor(hit.day, hit.document_id, hit.quote_id),
    )


def _add_filters(
    conditions: Conditions,
    speaker: str | None,
    organization: str | None,
    actor: str | None,
    since: date | None,
    until: date | None,
) -> None:
    # strpos, not LIKE: a % or _ the user types is a character to find, not a wildcard.
    if speaker is not None and speaker.strip():
        conditions.add("strpos(lower(q.speaker_name), {}) > 0", speaker.strip().lower())
    if organization is not None and organization.strip():
        part = organization.strip().lower()
        conditions.add(
            "(strpos(lower(q.speaker_organization), {}) > 0 "
            "OR strpos(lower(q.speaker_role), {}) > 0)",
            part,
            part,
        )
    if actor is not None and actor.strip():
        conditions.prefix("q.speaker_code", filters.code_pattern(actor.strip(), "speaker actor"))
    conditions.days("q.day", since, until)


def _ranked_page(store: Store, conditions: Conditions, limit: int, offset: int) -> Page[QuoteHit]:
    """The quotes holding any term of $1 that pass `conditions`, best BM25 score first.

    The index rows of the searched terms are read once (MATERIALIZED) for both the document
    frequencies and the scores; without it DuckDB scans `quote_terms` twice.
    """
    matching = conditions.where() or "WHERE TRUE"
    scores = f"""
        WITH searched AS (SELECT DISTINCT unnest($1::VARCHAR[]) AS term),
        matched AS MATERIALIZED (
            SELECT t.term, t.document_id, t.quote_id, t.frequency
            FROM quote_terms t WHERE t.term IN (SELECT term FROM searched)
        ),
        collection AS (
            SELECT CAST(count(*) AS DOUBLE PRECISION) AS quotes,
                   CAST(avg(term_count) AS DOUBLE PRECISION) AS mean_length
            FROM quotes
        ),
        weights AS (
            SELECT m.term, ln(1 + (c.quotes - count(*) + 0.5) / (count(*) + 0.5)) AS idf
            FROM matched m CROSS JOIN collection c
            GROUP BY m.term, c.quotes
        ),
        scores AS (
            SELECT q.document_id, q.quote_id, q.day,
                   sum(w.idf * m.frequency * {K1 + 1}
                       / (m.frequency + {K1} * (1 - {B} + {B} * q.term_count
                                                 / nullif(c.mean_length, 0)))) AS score
            FROM matched m
            JOIN weights w ON w.term = m.term
            JOIN quotes q ON q.document_id = m.document_id AND q.quote_id = m.quote_id
            CROSS JOIN collection c
            {matching}
            GROUP BY q.document_id, q.quote_id, q.day
        )
    """
    ranking = f"s.score DESC, {QUOTE_ORDER.replace('q.', 's.')}"

    def page(window: str) -> str:
        return f"""
            {scores}
            SELECT {QUOTE_COLUMNS}, s.score, s.total
            FROM (
                SELECT *, count(*) OVER () AS total FROM scores s ORDER BY {ranking} {window}
            ) AS s
            JOIN quotes q ON q.document_id = s.document_id AND q.quote_id = s.quote_id
            LEFT JOIN documents d ON d.id = q.document_id
            ORDER BY {ranking}
        """

    count = f"{scores} SELECT count(*) FROM scores"
    return fetch_page(
        store,
        conditions,
        limit,
        offset,
        page=page,
        count=count,
        convert=_hit,
    )


def _span(start: int | None, end: int | None, text: str | None) -> Span | None:
    if start is None or end is None or text is None:
        return None
    return Span(start, end, text)


def _hit(row: tuple[Any, ...]) -> QuoteHit:
    (
        document_id,
        quote_id,
        title,
        day,
        quote_type,
        content_start,
        content_end,
        content_text,
        cue_start,
        cue_end,
        cue_text,
        speaker_name,
        speaker_code,
        speaker_role,
        speaker_organization,
        speaker_start,
        speaker_end,
        speaker_text,
        resolution,
        confidence,
        rule,
        score,
    ) = row
    return QuoteHit(
        document_id=document_id,
        quote_id=quote_id,
        title=title,
        day=day,
        type=quote_type,
        content=Span(content_start, content_end, content_text),
        cue=_span(cue_start, cue_end, cue_text),
        speaker_name=speaker_name,
        speaker_code=speaker_code,
        speaker_role=speaker_role,
        speaker_organization=speaker_organization,
        speaker_mention=_span(speaker_start, speaker_end, speaker_text),
        resolution=resolution,
        confidence=confidence,
        rule=rule,
        score=None if score is None else float(score),
    )
