"""detente: evidence-linked event data from international-relations news."""

from __future__ import annotations

import logging

from detente.errors import DetenteError
from detente.records import Article, RawDocument, Result, Span
from detente.settings import Settings

__all__ = ["Article", "DetenteError", "RawDocument", "Result", "Settings", "Span", "__version__"]
__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
