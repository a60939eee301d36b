"""clean_html: trafilatura's body and metadata, our debris filter, <h2> headings as spans."""

from __future__ import annotations

from detente.clean import clean_html

PARAGRAPHS = [
    "The foreign ministers of both countries met in Geneva on Tuesday and agreed to resume talks "
    "on the disputed border next month, officials from both delegations said after the meeting.",
    "The talks, suspended since March after a clash between patrols, will focus on troop "
    "withdrawals and on reopening two crossings that traders have relied on for decades.",
    "Diplomats cautioned that earlier rounds had collapsed at the last minute, and that neither "
    "government had yet named its negotiators for the next session in the Swiss city.",
]
PAGE = f"""<html><head><title>Ministers agree to resume border talks | Example News</title>
<meta name="author" content="Jane Doe"><meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2023-05-04T10:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Ministers agree to resume border talks</h1>
<p>{PARAGRAPHS[0]}</p>
<h2>What happens next</h2>
<p>{PARAGRAPHS[1]}</p>
<p>Sign up for our daily newsletter to get the latest headlines.</p>
<p>{PARAGRAPHS[2]}</p>
<p>Follow us on Twitter and Instagram</p>
<p>© 2023 Example Media Ltd. All rights reserved.</p></article>
<footer>We use cookies to improve your experience.</footer></body></html>"""


def test_clean_html_body_and_headings() -> None:
    article = clean_html(PAGE, url="https://example.com/world/border-talks")
    assert article.text == "\n\n".join(
        [PARAGRAPHS[0], "What happens next", PARAGRAPHS[1], PARAGRAPHS[2]]
    )
    assert [h.text for h in article.headings] == ["What happens next"]
    heading = article.headings[0]
    assert article.text[heading.start : heading.end] == "What happens next"


def test_clean_html_removes_leaked_debris_with_reasons() -> None:
    article = clean_html(PAGE)
    assert [(r.reason, r.text) for r in article.removed] == [
        ("newsletter", "Sign up for our daily newsletter to get the latest headlines."),
        ("social", "Follow us on Twitter and Instagram"),
        ("copyright", "© 2023 Example Media Ltd. All rights reserved."),
    ]


def test_clean_html_metadata() -> None:
    article = clean_html(PAGE)
    assert article.title == "Ministers agree to resume border talks"
    assert article.authors == ["Jane Doe"]
    assert article.publisher == "Example News"
    assert article.published == "2023-05-04"
    assert article.language == "en"


def test_clean_html_falls_back_when_the_fast_pass_under_delivers() -> None:
    # trafilatura's own extractor keeps the lone <p> and drops the bare <div>; its jusText
    # fallback, which runs only when that pass is short, finds both
    page = f"<html><body><div><p>{PARAGRAPHS[0]}</p></div><div>{PARAGRAPHS[1]}</div></body></html>"
    article = clean_html(page, url=None)
    assert PARAGRAPHS[0] in article.text
    assert PARAGRAPHS[1] in article.text
