"""The evaluation's leak detector: family keywords, line by line, minus lines of the truth."""

from __future__ import annotations

from detente.clean.evaluate import Leak, find_leaks, leak_family

TRUTH = "Ministers met in Geneva.\n\n© Reuters"


def test_clean_eval_leak_families() -> None:
    assert leak_family("We use COOKIES on this site") == "cookie"
    assert leak_family("Copyright 2020 Example Media") == "copyright"
    assert leak_family("Follow us on Instagram") == "follow-share"
    assert leak_family("Sign up for our newsletter") == "newsletter"
    assert leak_family("READ MORE: Talks resume") == "read-more"
    assert leak_family("Ministers met in Geneva.") is None


def test_clean_eval_leak_keywords_match_whole_words() -> None:
    assert leak_family("The cookiejar library was updated.") is None
    assert leak_family("The channel has two million subscribers.") is None
    assert leak_family("The unrelated matter was dropped.") is None


def test_clean_eval_leaks_are_lines_missing_from_the_truth() -> None:
    extracted = "\n".join(
        [
            "Ministers met in Geneva.",
            "© Reuters",  # debris, but the ground truth has it too
            "Sign up for our newsletter",
            "Follow us on Twitter",
            "A caption about Geneva",  # extra, but no debris keyword: not a leak
        ]
    )
    assert find_leaks(extracted, TRUTH) == [
        Leak("newsletter", "Sign up for our newsletter"),
        Leak("follow-share", "Follow us on Twitter"),
    ]


def test_clean_eval_no_leaks_in_a_clean_body() -> None:
    assert find_leaks("Ministers met in Geneva.", TRUTH) == []
