"""The Zyte benchmark's shingle metric, on tiny texts with values worked out by hand."""

from __future__ import annotations

import pytest

from detente.clean.evaluate import (
    ShingleCounts,
    benchmark_scores,
    page_precision,
    page_recall,
    shingle_counts,
    shingles,
    tokenize,
)


def test_clean_eval_tokens_are_word_runs() -> None:
    assert tokenize("Don't stop-me now!") == ["Don", "t", "stop", "me", "now"]


def test_clean_eval_shingles_of_four_and_short_texts() -> None:
    assert shingles("a b c d e") == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}
    assert shingles("hello world") == {("hello", "world"): 1}
    assert shingles("") == {}
    assert shingles("x x x x x") == {("x", "x", "x", "x"): 2}


def test_clean_eval_one_wrong_word_at_the_end() -> None:
    # true: (a b c d) (b c d e); pred: (a b c d) (b c d x) → tp 1, fp 1, fn 1, normalised to 1/3.
    counts = shingle_counts("a b c d e", "a b c d x")
    assert (counts.tp, counts.fp, counts.fn) == pytest.approx((1 / 3, 1 / 3, 1 / 3))
    assert page_precision(counts) == pytest.approx(0.5)
    assert page_recall(counts) == pytest.approx(0.5)


def test_clean_eval_repeated_shingles_count_as_a_multiset() -> None:
    counts = shingle_counts("x x x x x", "x x x x")  # tp 1, fp 0, fn 1
    assert page_precision(counts) == 1.0
    assert page_recall(counts) == pytest.approx(0.5)


def test_clean_eval_exact_and_empty_pages() -> None:
    assert page_precision(shingle_counts("hello world", "Hello world")) == 0.0  # case counts
    exact = shingle_counts("hello world", "hello world")
    assert (page_precision(exact), page_recall(exact)) == (1.0, 1.0)
    missed = shingle_counts("a b c d", "")
    assert missed == ShingleCounts(0.0, 0.0, 1.0)
    assert page_recall(missed) == 0.0


def test_clean_eval_averages_then_harmonic_mean() -> None:
    pages = [
        shingle_counts("a b c d e", "a b c d x"),  # P 0.5, R 0.5
        shingle_counts("hello world", "hello world"),  # P 1, R 1
        shingle_counts("a b c d", ""),  # no prediction: left out of precision, R 0
    ]
    score = benchmark_scores(pages)
    assert score.precision == pytest.approx(0.75)  # (0.5 + 1) / 2
    assert score.recall == pytest.approx(0.5)  # (0.5 + 1 + 0) / 3
    assert score.f1 == pytest.approx(0.6)  # 2 * 0.75 * 0.5 / 1.25
