"""The inputs of `detente watch`: the feed list file and the polling interval."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.errors import IngestError
from detente.watch import parse_interval, read_feed_list


def test_a_feed_list_has_one_url_a_line(tmp_path: Path) -> None:
    path = tmp_path / "feeds.txt"
    path.write_text(
        "\ufeff# world news\nhttps://news.example.org/rss.xml\n\n   \n"
        "  http://b.example.org/atom?lang=en  \n# https://off.example.org/rss\n"
        "https://news.example.org/rss.xml\n",
        encoding="utf-8",
    )
    assert read_feed_list(path) == [
        "https://news.example.org/rss.xml",
        "http://b.example.org/atom?lang=en",
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            "https://a.example.org/rss\nnews.example.org/rss\n",
            ":2: 'news.example.org/rss' is not an http or https URL; write one feed URL per "
            "line, # starts a comment",
        ),
        ("file:///etc/passwd\n", ":1: 'file:///etc/passwd' is not an http or https URL;"),
        ("https:///rss\n", ":1: 'https:///rss' is not an http or https URL;"),
        ("# only comments\n\n", ": no feed URLs in the list; write one feed URL per line"),
    ],
)
def test_bad_feed_lists_are_coded_errors(tmp_path: Path, content: str, expected: str) -> None:
    path = tmp_path / "feeds.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(IngestError) as error:
        read_feed_list(path)
    code = "[E131] " if "no feed URLs" in expected else "[E130] "
    assert str(error.value).startswith(f"{code}{path}{expected}")


def test_an_unreadable_list_is_a_coded_error(tmp_path: Path) -> None:
    missing = tmp_path / "nope.txt"
    with pytest.raises(IngestError, match=r"^\[E101\] .*nope\.txt: no such file or directory$"):
        read_feed_list(missing)
    binary = tmp_path / "feeds.txt"
    binary.write_bytes(b"https://a.example.org/\xff\xfe\n")
    with pytest.raises(IngestError, match=r"^\[E104\] .*feeds\.txt: could not decode"):
        read_feed_list(binary)
    with pytest.raises(IngestError, match=r"^\[E111\] .*: cannot read \(Is a directory\)$"):
        read_feed_list(tmp_path)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("90", 90.0),
        ("30s", 30.0),
        ("15m", 900.0),
        ("1h", 3600.0),
        ("1.5h", 5400.0),
        (" 2M ", 120.0),
        ("0.5", 0.5),
        (".5m", 30.0),
        ("10 s", 10.0),
    ],
)
def test_intervals(text: str, seconds: float) -> None:
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "m", "15x", "-5m", "0", "0s", "1h30m", "fast", "1e3"])
def test_bad_intervals_are_refused_with_the_accepted_forms(text: str) -> None:
    with pytest.raises(ValueError) as error:
        parse_interval(text)
    assert str(error.value) == (
        f"[E132] invalid interval {text!r}; give seconds (90) or a number with s, m or h "
        "(30s, 15m, 1.5h), more than 0"
    )
