"""Near-duplicate stories: signatures, band keys, matching and the eval command, on real text."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cli_util import run_cli
from detente.stories import (
    BANDS,
    NUM_PERM,
    ROWS,
    SIMILAR,
    Match,
    Signature,
    band_keys,
    best_match,
    candidate_probability,
    decode,
    encode,
    shingles,
    signature,
    similarity,
)
from detente.stories.evaluate import (
    Article,
    build_set,
    candidate_lists,
    cluster,
    make_variant,
    pairwise,
    read_articles,
)
from shared_data import ARTICLE, shared_path

SENTENCE = "The Russian foreign ministry said on Monday that NATO expansion threatens its security."
ARTICLE_TEXT = ARTICLE.read_text(encoding="utf-8")


def _polnear(name: str) -> str:
    path = shared_path("data", "quotes", "polnear-train", "text", name)
    return path.read_text(encoding="utf-8")


def _candidates(text: str, *others: tuple[str, str, str]) -> Match | None:
    """best_match of `text` against the stored documents that share a band key with it."""
    sig = signature(text)
    keys = set(band_keys(sig))
    stored = [(doc_id, story, signature(other)) for doc_id, story, other in others]
    return best_match(sig, [c for c in stored if keys & set(band_keys(c[2]))])


def test_stories_parameters_are_consistent() -> None:
    assert BANDS * ROWS == NUM_PERM
    assert candidate_probability(SIMILAR) >= 0.99


def test_stories_identical_texts() -> None:
    a, b = signature(ARTICLE_TEXT), signature(str(ARTICLE_TEXT))
    assert similarity(a, b) == 1.0
    assert band_keys(a) == band_keys(b)
    assert len(band_keys(a)) == BANDS
    assert a == b and hash(a) == hash(b)


def test_stories_normalisation() -> None:
    assert shingles("NATO, said: Russia  2014!") == ["nato said russia", "said russia 2014"]
    assert shingles("Two words") == ["two words"]
    assert signature("RUSSIA said, NATO") == signature("russia said nato")


def test_stories_band_keys_are_stable() -> None:
    sig = signature(SENTENCE)
    keys = band_keys(sig)
    assert keys[:3] == [116341591448119133, 486257042358302762, 763013436964815107]
    assert keys[-1] == -281652344406007394
    # the band index in the top 6 bits of the signed 64-bit key: keys of two bands never meet
    assert [(key >> 58) & 63 for key in keys] == list(range(BANDS))
    assert all(-(2**63) <= key < 2**63 for key in keys)
    assert encode(sig).startswith("bOL/DsXLZRKFm4UQ+vKwE0asdwAyIhAJip3iBOcp")


def test_stories_empty_text_matches_nothing() -> None:
    empty = signature(" ... \n — ")
    assert empty.empty and band_keys(empty) == []
    assert similarity(empty, signature("")) == 0.0
    assert best_match(empty, [("a", "s", signature(""))]) is None
    assert best_match(signature(SENTENCE), [("a", "s", empty)]) is None


def test_stories_boilerplate_and_headline_match() -> None:
    variant = make_variant("boilerplate", ARTICLE_TEXT, random.Random(1), ["word"])
    assert variant != ARTICLE_TEXT
    match = _candidates(variant, ("doc-1", "story-1", ARTICLE_TEXT))
    assert match is not None and match.story == "story-1" and match.document_id == "doc-1"


def test_stories_ten_percent_edited_matches() -> None:
    vocabulary = sorted(set(ARTICLE_TEXT.split()))
    variant = make_variant("edited", ARTICLE_TEXT, random.Random(2), vocabulary)
    match = _candidates(variant, ("doc-1", "story-1", ARTICLE_TEXT))
    assert match is not None and match.story == "story-1"
    assert 0.4 < match.similarity < 0.8


def test_stories_unrelated_same_topic_does_not_match() -> None:
    # two Washington Post articles of one week of the 2016 campaign
    a = _polnear("wash-post_2016-08-01_byline-amber-phillips.txt")
    b = _polnear("wash-post_2016-08-06_clinton-acknowledges-that-she-mi.txt")
    assert similarity(signature(a), signature(b)) < 0.1
    assert best_match(signature(a), [("doc-1", "story-1", signature(b))]) is None


def test_stories_best_match_ties_and_threshold() -> None:
    sig = signature(SENTENCE)
    same = signature(SENTENCE)
    match = best_match(sig, [("doc-b", "story-b", same), ("doc-a", "story-a", same)])
    assert match == Match(story="story-a", document_id="doc-a", similarity=1.0)
    assert best_match(sig, []) is None
    assert best_match(sig, [("doc-c", "story-c", signature(ARTICLE_TEXT))]) is None


@given(
    st.lists(st.integers(min_value=0, max_value=2**32 - 1), min_size=NUM_PERM, max_size=NUM_PERM)
)
def test_stories_encode_decode_round_trip(values: list[int]) -> None:
    sig = Signature(np.array(values, dtype=np.uint32))
    text = encode(sig)
    assert text.isascii() and decode(text) == sig


@given(st.text(max_size=300))
def test_stories_signature_of_any_text_round_trips(text: str) -> None:
    sig = signature(text)
    assert decode(encode(sig)) == sig
    assert (band_keys(sig) == []) == (shingles(text) == [])


@pytest.mark.parametrize("garbage", ["", "not base64!", "AAAA", encode(signature("x"))[:-4], "é"])
def test_stories_decode_rejects_garbage(garbage: str) -> None:
    with pytest.raises(ValueError):
        decode(garbage)


def test_stories_signature_shape_is_checked() -> None:
    with pytest.raises(ValueError):
        Signature(np.zeros(3, dtype=np.uint32))


def test_stories_pairwise_scores() -> None:
    score = pairwise(["a", "a", "a", "b"], ["x", "x", "y", "y"])
    assert (score.true_pairs, score.predicted_pairs, score.gold_pairs) == (1, 2, 3)
    assert score.precision == 0.5 and score.recall == pytest.approx(1 / 3)


def test_stories_incremental_clustering() -> None:
    articles = [Article("a.txt", ARTICLE_TEXT), Article("b.txt", _polnear_or_skip())]
    documents = build_set(articles, split="all", seed=3)
    signatures = [signature(d.text) for d in documents]
    stories = cluster(documents, signatures, candidate_lists(signatures))
    by_story: dict[str, set[str]] = {}
    for document, story in zip(documents, stories, strict=True):
        by_story.setdefault(story, set()).add(document.gold)
    assert all(len(golds) == 1 for golds in by_story.values())


def _polnear_or_skip() -> str:
    return _polnear("politico_2016-04-20_dnc-chair-dismisses-sanders-accu.txt")


def test_stories_eval_cli(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = shared_path("data", "quotes", "polnear-train", "text")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for file in sorted(source.glob("nyt_2016-0[45]*.txt"))[:24]:
        shutil.copy(file, corpus / file.name)
    run = run_cli(capsys, "eval", "stories", "--corpus", str(corpus), "--split", "all", "--json")
    assert run.code == 0, run.err
    report = json.loads(run.out)
    assert report["bases"] >= 8 and report["unrelated"] >= 8
    assert report["precision"] == 1.0 and report["f1"] >= 0.95
    assert set(report["variant_recall"]) == {"boilerplate", "moved", "edited", "half", "heldout"}
    assert report["curve"]["0.30"]["f1"] == report["f1"]

    table = run_cli(capsys, "eval", "stories", "--corpus", str(corpus), "--split", "all")
    assert table.code == 0 and "pairwise F1" in table.out and "recall: heldout" in table.out

    bad = run_cli(capsys, "eval", "stories", "--corpus", str(tmp_path), "--split", "sideways")
    assert bad.code != 0


def test_stories_read_articles_needs_text(tmp_path: Path) -> None:
    from detente.errors import EvalError

    with pytest.raises(EvalError):
        read_articles(tmp_path)
