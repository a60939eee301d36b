"""The example article (examples/rbth_russia_nato.txt) comes out exactly as annotated."""

from __future__ import annotations

from typing import Any

import pytest

from detente.clean import clean_text
from detente.records import Article

BODY_START, BODY_END = 254, 6075


@pytest.fixture(scope="module")
def article(example_text: str) -> Article:
    return clean_text(example_text)


def test_clean_example_title_and_subtitle(article: Article) -> None:
    assert article.title == "Barely on speaking terms: A rough road ahead for Russia and NATO"
    assert article.subtitle == (
        "Moscow and the alliance will have to learn to live in a state of antagonism."
    )


def test_clean_example_body_is_the_annotated_slice(article: Article, example_text: str) -> None:
    assert article.text == example_text[BODY_START:BODY_END]
    assert article.text.startswith("The recent meeting of NATO foreign ministers")
    assert article.text.endswith("some rules of coexistence.”")
    assert "\n\n\n" not in article.text


def test_clean_example_heading_is_its_own_paragraph(article: Article) -> None:
    assert [h.text for h in article.headings] == ["Far from normal relations"]
    heading = article.headings[0]
    assert article.text[heading.start : heading.end] == heading.text
    around = article.text[heading.start - 2 : heading.end + 2]
    assert around == "\n\nFar from normal relations\n\n"


def test_clean_example_metadata(article: Article) -> None:
    assert article.publisher == "Rossiyskaya Gazeta"
    assert article.language == "en"


def test_clean_example_removes_every_boilerplate_span(
    article: Article, gold: dict[str, Any], example_text: str
) -> None:
    expected_reasons = {
        "Moscow and the alliance will have to learn to live in a state of antagonism. "
        "Source: Reuters": "duplicate",
        "Source: Reuters": "photo-credit",
        "All rights reserved by Rossiyskaya Gazeta.": "copyright",
        "We've got more than 1,6 million followers on Facebook. Join them!": "social",
        "This website uses cookies. Click here to find out more.": "cookie",
        "Accept cookies": "cookie",
    }
    removed = {(r.text, r.reason) for r in article.removed}
    assert len(gold["boilerplate"]) == 6
    for span in gold["boilerplate"]:
        assert example_text[span["start"] : span["end"]] == span["text"]
        assert (span["text"], expected_reasons[span["text"]]) in removed
    assert gold["section_headings"][0]["text"] == article.headings[0].text


def test_clean_example_removed_is_exactly_the_boilerplate(article: Article) -> None:
    reasons = [r.reason for r in article.removed]
    assert sorted(reasons) == sorted(
        ["photo-credit", "duplicate", "copyright", "social", "cookie", "cookie"]
    )
