"""clean(raw): dispatch on kind, source metadata first, --raw keeps the input byte-for-byte."""

from __future__ import annotations

from typing import Any

import pytest

from detente.clean import clean
from detente.errors import CleanError
from detente.records import ContentKind, RawDocument, Source

STORY = (
    "The foreign ministers met in Geneva on Tuesday and agreed to resume talks on the disputed "
    "border next month, officials said after the meeting."
)


def _raw(content: str, kind: ContentKind = "text", **metadata: Any) -> RawDocument:
    source = Source(path="inbox/story.txt", format="jsonl", locator="line 3")
    return RawDocument(source=source, content=content, kind=kind, **metadata)


def test_clean_dispatch_text_uses_source_metadata() -> None:
    raw = _raw(
        "Border talks resume\n\n" + STORY + "\n\nFollow us on Twitter",
        title="Border talks resume",
        published="2023-05-04",
        authors=["Jane Doe"],
    )
    article = clean(raw)
    assert article.text == STORY
    assert article.title == "Border talks resume"
    assert article.published == "2023-05-04"
    assert article.authors == ["Jane Doe"]
    assert article.language == "en"
    assert [r.reason for r in article.removed] == ["social"]  # the title has its own field


def test_clean_dispatch_source_authors_win_over_byline() -> None:
    article = clean(_raw("By John Roe\n\n" + STORY, authors=["Jane Doe"]))
    assert article.authors == ["Jane Doe"]


def test_clean_dispatch_keep_raw_is_byte_for_byte() -> None:
    content = "  Border talks resume\r\n\r\n" + STORY + "\r\n\r\nAccept cookies\r\n"
    raw = _raw(content, title="Border talks resume", published="2023-05-04", authors=["Jane Doe"])
    article = clean(raw, keep_raw=True)
    assert article.text == content
    assert (article.title, article.published, article.authors) == (
        "Border talks resume",
        "2023-05-04",
        ["Jane Doe"],
    )
    assert article.headings == [] and article.removed == []
    assert article.subtitle is None and article.publisher is None
    assert article.language == "en"


def test_clean_dispatch_keep_raw_blank_input_is_an_error() -> None:
    with pytest.raises(CleanError, match=r"^\[E205\] inbox/story.txt#line 3: the input is blank"):
        clean(_raw(" \n\t\n"), keep_raw=True)


def test_clean_dispatch_html_without_article_is_an_error() -> None:
    with pytest.raises(CleanError) as caught:
        clean(_raw("<html><body><nav>Home</nav></body></html>", kind="html"))
    assert caught.value.code == "E201"
    assert "inbox/story.txt#line 3" in str(caught.value)


def test_clean_dispatch_text_error_names_the_source() -> None:
    with pytest.raises(CleanError, match=r"^\[E202\] inbox/story.txt#line 3: "):
        clean(_raw("Accept cookies\n\nSubscribe now"))


def test_clean_dispatch_html_title_from_source_wins() -> None:
    html = f"<html><head><title>Page title</title></head><body><article><p>{STORY} {STORY}</p>"
    html += "</article></body></html>"
    article = clean(_raw(html, kind="html", title="Given title"))
    assert article.title == "Given title"
    assert article.text == f"{STORY} {STORY}"
