"""Quote search on five known quotes (explore_util.quote_corpus), on DuckDB and PostgreSQL.

q1 (2014-12-03): Q1 Grushko (RUSGOV, envoy to NATO) "NATO expansion … NATO must stop it."
                 Q2 Stoltenberg (IGOWSTNAT, NATO) a long quote naming NATO once, Moscow twice
q2 (2015-01-10): Q1 Lukyanov (RUSNGO, Council on Foreign and Defense Policy), Q2 Grushko,
                 Q3 "Russian diplomats" (no actor)
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import date

import pytest
from explore_util import filled, quote_corpus

from detente.errors import ExploreError
from detente.explore import search_quotes
from detente.records import Result
from detente.store import Store
from detente.store.terms import index_terms, query_terms

CORPUS = quote_corpus()


@pytest.fixture(scope="module")
def store(explore_db: str) -> Iterator[Store]:
    with filled(explore_db, CORPUS) as opened:
        yield opened


def bm25(corpus: list[Result], text: str) -> dict[tuple[str, str], float]:
    """The BM25 score (k1 1.2, b 0.75, Lucene's idf) of every quote holding a term of `text`."""
    indexed = {
        (str(result.id), quote.id): index_terms(quote.content.text)
        for result in corpus
        for quote in result.quotes
    }
    count = len(indexed)
    mean_length = sum(sum(terms.values()) for terms in indexed.values()) / count
    scores: dict[tuple[str, str], float] = {}
    for term in query_terms(text):
        holding = [key for key, terms in indexed.items() if term in terms]
        idf = math.log(1 + (count - len(holding) + 0.5) / (len(holding) + 0.5))
        for key in holding:
            frequency, length = indexed[key][term], sum(indexed[key].values())
            damping = frequency + 1.2 * (1 - 0.75 + 0.75 * length / mean_length)
            scores[key] = scores.get(key, 0.0) + idf * frequency * 2.2 / damping
    return scores


def keys(page: object) -> list[tuple[str, str]]:
    return [(hit.document_id, hit.quote_id) for hit in page.items]  # type: ignore[attr-defined]


def test_without_text_quotes_come_newest_first_in_id_order(store: Store) -> None:
    page = search_quotes(store)
    assert keys(page) == [("q2", "Q1"), ("q2", "Q2"), ("q2", "Q3"), ("q1", "Q1"), ("q1", "Q2")]
    assert (page.total, page.limit, page.offset) == (5, 20, 0)
    assert all(hit.score is None for hit in page.items)


def test_a_short_quote_naming_nato_twice_ranks_above_a_long_one_naming_it_once(
    store: Store,
) -> None:
    page = search_quotes(store, text="NATO")
    assert keys(page) == [("q1", "Q1"), ("q1", "Q2")]
    expected = bm25(CORPUS, "NATO")
    assert [hit.score for hit in page.items] == [
        pytest.approx(expected[("q1", "Q1")]),
        pytest.approx(expected[("q1", "Q2")]),
    ]
    assert page.items[0].score > page.items[1].score  # type: ignore[operator]


def test_scores_sum_over_terms_weighted_by_idf(store: Store) -> None:
    expected = bm25(CORPUS, "NATO Moscow frozen")
    page = search_quotes(store, text="NATO Moscow frozen")
    ranked = sorted(expected, key=lambda key: -expected[key])
    assert keys(page) == ranked
    assert [hit.score for hit in page.items] == [pytest.approx(expected[key]) for key in ranked]
    # a word no quote has adds nothing
    unknown = search_quotes(store, text="NATO zebra")
    assert [hit.score for hit in unknown.items] == [
        hit.score for hit in search_quotes(store, text="NATO").items
    ]


def test_filters_do_not_change_the_collection_statistics(store: Store) -> None:
    page = search_quotes(store, text="nato", speaker="STOLTENBERG")
    assert keys(page) == [("q1", "Q2")]
    assert page.items[0].score == pytest.approx(bm25(CORPUS, "NATO")[("q1", "Q2")])


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"speaker": "grushko"}, [("q2", "Q2"), ("q1", "Q1")]),
        ({"speaker": "  Lukyanov "}, [("q2", "Q1")]),
        # Grushko's role is "envoy to NATO"; Stoltenberg's organisation is NATO
        ({"organization": "nato"}, [("q2", "Q2"), ("q1", "Q1"), ("q1", "Q2")]),
        ({"organization": "COUNCIL"}, [("q2", "Q1")]),
        ({"actor": "RUS"}, [("q2", "Q1"), ("q2", "Q2"), ("q1", "Q1")]),
        ({"actor": "IGOWSTNAT"}, [("q1", "Q2")]),
        ({"since": date(2015, 1, 1)}, [("q2", "Q1"), ("q2", "Q2"), ("q2", "Q3")]),
        ({"until": date(2014, 12, 31), "speaker": "grushko"}, [("q1", "Q1")]),
        ({"speaker": "100%"}, []),  # no wildcard: % is a character to find
        ({"text": " ", "speaker": "diplomats"}, [("q2", "Q3")]),  # blank text: not ranked
    ],
)
def test_filters(store: Store, filters: dict[str, object], expected: list[tuple[str, str]]) -> None:
    page = search_quotes(store, **filters)  # type: ignore[arg-type]
    assert keys(page) == expected
    assert page.total == len(expected)


def test_pages_carry_the_total_of_all_matches(store: Store) -> None:
    assert keys(search_quotes(store, limit=2, offset=2)) == [("q2", "Q3"), ("q1", "Q1")]
    last = search_quotes(store, limit=2, offset=4)
    assert (keys(last), last.total) == ([("q1", "Q2")], 5)
    beyond = search_quotes(store, limit=2, offset=9)
    assert (beyond.items, beyond.total, beyond.offset) == ([], 5, 9)
    ranked = search_quotes(store, text="NATO", limit=1, offset=1)
    assert (keys(ranked), ranked.total) == ([("q1", "Q2")], 2)
    assert search_quotes(store, text="NATO", offset=5).total == 2


def test_a_hit_has_the_quote_its_spans_and_its_speaker(store: Store) -> None:
    (hit,) = search_quotes(store, text="expansion").items
    document = CORPUS[0].to_dict()
    quote = document["quotes"][0]
    assert hit.to_dict() == {
        "document_id": "q1",
        "quote_id": "Q1",
        "title": "Barely on speaking terms",
        "day": "2014-12-03",
        "type": "direct",
        "content": quote["content"],
        "cue": quote["cue"],
        "speaker_name": "Alexander Grushko",
        "speaker_code": "RUSGOV",
        "speaker_role": "envoy to NATO",
        "speaker_organization": "Russia",
        "speaker_mention": quote["speaker"]["mention"],
        "resolution": "explicit",
        "confidence": 0.9,
        "rule": "direct-quote",
        "score": pytest.approx(bm25(CORPUS, "expansion")[("q1", "Q1")]),
    }
    assert hit.content.text == document["text"][hit.content.start : hit.content.end]


def test_a_search_of_stop_words_only_is_an_error(store: Store) -> None:
    with pytest.raises(ExploreError) as error:
        search_quotes(store, text="the and of")
    assert error.value.code == "E907"


@pytest.mark.parametrize(
    ("filters", "code"),
    [
        ({"actor": "rus%"}, "E900"),
        ({"limit": 0}, "E902"),
        ({"limit": 100_000}, "E902"),
        ({"offset": -1}, "E902"),
        ({"since": date(2015, 1, 2), "until": date(2015, 1, 1)}, "E903"),
    ],
)
def test_bad_arguments_raise_coded_explore_errors(
    store: Store, filters: dict[str, object], code: str
) -> None:
    with pytest.raises(ExploreError) as error:
        search_quotes(store, **filters)  # type: ignore[arg-type]
    assert error.value.code == code
