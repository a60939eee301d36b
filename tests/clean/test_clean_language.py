"""detect_language: ISO 639-1 codes from py3langid, None for too little text."""

from __future__ import annotations

from detente.clean import detect_language


def test_clean_language_english_and_german() -> None:
    assert detect_language("The ministers agreed to resume talks on the border next month.") == "en"
    german = (
        "Die Minister haben sich darauf geeinigt, die Gespräche im nächsten Monat fortzusetzen."
    )
    assert detect_language(german) == "de"


def test_clean_language_too_short_is_none() -> None:
    assert detect_language("OK") is None
    assert detect_language("12 34 56 -- 78") is None
