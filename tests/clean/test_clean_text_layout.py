"""Paragraphs, headings, hard wraps, line endings and titles in the plain-text cleaner."""

from __future__ import annotations

import pytest

from detente.clean import clean_text
from detente.errors import CleanError

PARAGRAPHS = [
    "The summit opened in Brussels on Thursday with a call for unity from the host.",
    "Leaders then turned to the budget, which has divided the bloc for months.",
    "A final statement is expected on Friday afternoon, diplomats said.",
]


def test_clean_text_without_debris_is_unchanged() -> None:
    text = "\n\n".join(PARAGRAPHS)
    article = clean_text(text)
    assert article.text == text
    assert article.removed == []
    assert article.headings == []


def test_clean_text_normalises_blank_lines_and_spaces() -> None:
    messy = "\n\n  " + "  \n\n\n\n".join(PARAGRAPHS) + "\n \n"
    assert clean_text(messy).text == "\n\n".join(PARAGRAPHS)


def test_clean_text_windows_line_endings() -> None:
    article = clean_text("\r\n\r\n".join(PARAGRAPHS) + "\r\n")
    assert article.text == "\n\n".join(PARAGRAPHS)
    assert "\r" not in article.text


def test_clean_text_keeps_non_breaking_spaces() -> None:
    paragraph = "The ceasefire began at 6\u00a0a.m. and held for 48\u00a0hours, officials said."
    article = clean_text(paragraph)
    assert article.text == paragraph


def test_clean_text_one_paragraph_per_line_without_blank_lines() -> None:
    assert clean_text("\n".join(PARAGRAPHS)).text == "\n\n".join(PARAGRAPHS)


def test_clean_text_joins_hard_wrapped_paragraphs() -> None:
    wrapped = (
        "The summit opened in Brussels on Thursday with a call for\n"
        "unity from the host, who warned that the bloc could not\n"
        "afford another year of quarrels over money."
    )
    article = clean_text(wrapped + "\n\n" + PARAGRAPHS[1])
    assert article.text == (
        "The summit opened in Brussels on Thursday with a call for unity from the host, who "
        "warned that the bloc could not afford another year of quarrels over money.\n\n"
        + PARAGRAPHS[1]
    )


def test_clean_text_keeps_line_breaks_of_a_short_block() -> None:
    address = "Press office\nRue de la Loi 175\n1048 Brussels"
    article = clean_text(PARAGRAPHS[0] + "\n\n" + address)
    assert article.text == PARAGRAPHS[0] + "\n\n" + address


def test_clean_text_headings_are_spans_of_the_body() -> None:
    text = "\n\n".join(
        [PARAGRAPHS[0], "Budget fight", PARAGRAPHS[1], "What comes next", *PARAGRAPHS[2:]]
    )
    article = clean_text(text)
    assert [h.text for h in article.headings] == ["Budget fight", "What comes next"]
    for heading in article.headings:
        assert article.text[heading.start : heading.end] == heading.text
    assert article.text == text


def test_clean_text_given_title_line_is_removed() -> None:
    article = clean_text("EU summit opens\n\n" + "\n\n".join(PARAGRAPHS), title="EU Summit Opens")
    assert article.title == "EU Summit Opens"
    assert article.text == "\n\n".join(PARAGRAPHS)
    assert article.removed == []  # the title line left the body for `title`, not as boilerplate


def test_clean_text_given_title_not_in_text_keeps_first_line() -> None:
    article = clean_text("\n\n".join(PARAGRAPHS), title="Another headline")
    assert article.title == "Another headline"
    assert article.text == "\n\n".join(PARAGRAPHS)


def test_clean_text_all_boilerplate_is_an_error() -> None:
    with pytest.raises(CleanError, match=r"^\[E202\] <text>: .*all 3 lines"):
        clean_text("Accept cookies\n\nFollow us on Twitter\n\n© 2024 Example Media")


def test_clean_text_blank_input_is_an_error() -> None:
    with pytest.raises(CleanError) as caught:
        clean_text(" \n\n \n")
    assert caught.value.code == "E202"


@pytest.mark.parametrize(
    ("first", "title"),
    [
        # dumps close headlines with a full stop or a semicolon (PolNeAR's texts do)
        (
            "Clinton wins Democratic presidential primary in New York.",
            "Clinton wins Democratic presidential primary in New York",
        ),
        ("Independents alone won't decide N.H.", "Independents alone won't decide N.H."),
        (
            "Polls suggest possibility of deal on court; Common Sense.",
            "Polls suggest possibility of deal on court; Common Sense",
        ),
        (
            "Pence Calls for Special Prosecutor after Report Reveals Clinton's Meetings.",
            "Pence Calls for Special Prosecutor after Report Reveals Clinton's Meetings",
        ),
    ],
)
def test_clean_text_a_first_line_that_reads_like_a_headline_is_the_title(
    first: str, title: str
) -> None:
    article = clean_text(first + "\n\n" + "\n\n".join(PARAGRAPHS))
    assert article.title == title
    assert article.text == "\n\n".join(PARAGRAPHS)


def test_clean_text_a_semicolon_ends_the_headline_above_its_deck() -> None:
    text = "Paris attacks test Clinton's strategy;\nNew focus on terrorism lays bare division\n\n"
    article = clean_text(text + "\n\n".join(PARAGRAPHS))
    assert article.title == "Paris attacks test Clinton's strategy"
    assert article.subtitle == "New focus on terrorism lays bare division"


@pytest.mark.parametrize(
    "first",
    [
        "BYLINE: Amber Phillips.",  # a label
        "IN BRIEF.",  # shouted
        # a lede: a sentence-case line longer than a headline
        "The ceasefire held through the night, residents said, although sporadic gunfire was "
        "reported near the airport.",
        "Talks resumed. Both sides met in Geneva.",  # two sentences
    ],
)
def test_clean_text_a_first_sentence_is_no_headline(first: str) -> None:
    assert clean_text(first + "\n\n" + "\n\n".join(PARAGRAPHS)).title is None
