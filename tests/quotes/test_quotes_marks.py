from __future__ import annotations

from detente.quotes.marks import paragraphs, quoted_stretches


def contents(text: str) -> list[str]:
    return [text[s.start : s.end] for s in quoted_stretches(text)]


def test_straight_curly_guillemets_and_german_marks_pair() -> None:
    text = 'A "one two" b “three four” c «five six» d „seven eight“ e.'
    assert contents(text) == ["one two", "three four", "five six", "seven eight"]


def test_multi_paragraph_quote_runs_to_the_final_closing_mark() -> None:
    text = "He said: “First part.\n\n“Second part.\n\n“Third part.”\n\nAfter."
    assert contents(text) == ["First part.\n\n“Second part.\n\n“Third part."]


def test_unclosed_mark_is_dropped_at_the_paragraph_end() -> None:
    text = 'A stray “mark here.\n\nThen “a real quote,” she said.\n\nAnd "another one" too.'
    assert contents(text) == ["a real quote,", "another one"]


def test_stray_closing_mark_and_second_opener_do_not_shift_pairs() -> None:
    text = "Odd” start, “broken “fine words” end."
    assert contents(text) == ["fine words"]


def test_paragraphs_are_cut_at_blank_lines() -> None:
    text = "One.\n\nTwo.\n \nThree."
    assert [text[s:e] for s, e in paragraphs(text)] == ["One.", "Two.", "Three."]


def test_doubled_apostrophes_pair_as_quote_marks() -> None:
    text = "''We won,'' she said, and Smith's ''reply'' came later."
    assert contents(text) == ["We won,", "reply"]
