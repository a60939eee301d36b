"""Debris of every family, in words other than the example's, is removed with its reason and the
real paragraphs all survive."""

from __future__ import annotations

from detente.clean import clean_text

GENEVA = [
    "Negotiators from both countries met in Geneva on Tuesday and agreed to resume talks on the "
    "disputed border next month, officials said.",
    "The talks, suspended since March, will focus on troop withdrawals and the reopening of two "
    "crossings, according to a joint statement.",
    "“We are cautiously optimistic,” said one diplomat, who asked not to be named because the "
    "talks are confidential.",
]


def test_clean_debris_site_furniture_at_the_end() -> None:
    text = "\n\n".join(
        [
            "Ministers agree to resume border talks",
            GENEVA[0],
            "Photo: AP / Jane Doe",
            GENEVA[1],
            "Read more: Why the border dispute matters",
            GENEVA[2],
            "Sign up for our daily newsletter",
            "Follow us on Twitter and Instagram",
            "© 2023 Example Media Ltd.",
            "We use cookies to improve your experience. By continuing to browse, you agree to our "
            "use of cookies.",
        ]
    )
    article = clean_text(text)
    assert article.title == "Ministers agree to resume border talks"
    assert article.text == "\n\n".join(GENEVA)
    assert [(r.text, r.reason) for r in article.removed] == [
        ("Photo: AP / Jane Doe", "photo-credit"),
        ("Read more: Why the border dispute matters", "read-more"),
        ("Sign up for our daily newsletter", "newsletter"),
        ("Follow us on Twitter and Instagram", "social"),
        ("© 2023 Example Media Ltd.", "copyright"),
        (
            "We use cookies to improve your experience. By continuing to browse, you agree to our "
            "use of cookies.",
            "cookie",
        ),
    ]
    assert article.publisher == "Example Media Ltd."


VIENNA = [
    "The second round of talks in Vienna ended without agreement on Friday, with both "
    "delegations blaming the other for the impasse.",
    "Western officials said any easing of sanctions would depend on verifiable steps, while the "
    "other side demanded guarantees first.",
]


def test_clean_debris_repeated_standfirst_ads_and_related_links() -> None:
    lines = [
        "Talks stall over sanctions relief",
        "Diplomats say the gap between the two sides remains wide",
        "Diplomats say the gap between the two sides remains wide",
        VIENNA[0],
        "ADVERTISEMENT",
        VIENNA[1],
        "Related stories",
        "Sanctions bite as exports fall",
        "What the Vienna talks are about",
        "Share this article",
    ]
    article = clean_text("\r\n".join(lines) + "\r\n")  # one line per paragraph, Windows endings
    assert article.title == "Talks stall over sanctions relief"
    assert article.subtitle == "Diplomats say the gap between the two sides remains wide"
    assert article.text == "\n\n".join(VIENNA)
    assert [(r.text, r.reason) for r in article.removed] == [
        ("Diplomats say the gap between the two sides remains wide", "duplicate"),
        ("ADVERTISEMENT", "advertisement"),
        ("Related stories", "read-more"),
        ("Sanctions bite as exports fall", "read-more"),
        ("What the Vienna talks are about", "read-more"),
        ("Share this article", "social"),
    ]


CITY = [
    "The ceasefire held through the night, residents said, although sporadic gunfire was "
    "reported near the airport.",
    "Residents queue for water in the old town on Monday.",
    "Aid agencies said convoys carrying food and medicine had reached the city for the first "
    "time in a week.",
    "Local officials urged people to stay indoors until the roads had been cleared.",
]


def test_clean_debris_credits_and_consent_prompts() -> None:
    text = "\n\n".join(
        [
            CITY[0],
            CITY[1] + " (Getty Images)",
            CITY[2],
            "Credit: Jane Roe for Example News",
            CITY[3],
            "Get the latest headlines delivered straight to your inbox.",
            "Subscribe now",
            "Accept all cookies",
        ]
    )
    article = clean_text(text)
    assert article.title is None
    assert article.text == "\n\n".join(CITY)
    assert [(r.text, r.reason) for r in article.removed] == [
        ("(Getty Images)", "photo-credit"),
        ("Credit: Jane Roe for Example News", "photo-credit"),
        ("Get the latest headlines delivered straight to your inbox.", "newsletter"),
        ("Subscribe now", "newsletter"),
        ("Accept all cookies", "cookie"),
    ]


def test_clean_debris_byline_gives_authors() -> None:
    article = clean_text("By Jane Doe and John Roe\n\n" + "\n\n".join(GENEVA))
    assert article.authors == ["Jane Doe", "John Roe"]
    assert article.text == "\n\n".join(GENEVA)


def test_clean_debris_keeps_news_about_cookies_and_twitter() -> None:
    """Family words inside real reporting are not debris: the rules want the site's own voice."""
    paragraphs = [
        "Regulators said websites must ask before they use cookies to track visitors, and fined "
        "three publishers for ignoring the rule.",
        "The minister announced the decision on Twitter, where he has more than a million "
        "followers.",
        "Copyright law was not part of the talks, officials said.",
    ]
    article = clean_text("\n\n".join(paragraphs))
    assert article.text == "\n\n".join(paragraphs)
    assert article.removed == []
