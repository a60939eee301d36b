"""The inputs of `detente watch`: the feed list file and the polling interval."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from detente.errors import Errors, IngestError
from detente.ingest.feeds import WEB_SCHEMES
from detente.ingest.files import open_regular

_INTERVAL = re.compile(r"\A\s*(\d+(?:\.\d*)?|\.\d+)\s*([smh]?)\s*\Z", re.I)
SECONDS_PER_UNIT = {"": 1.0, "s": 1.0, "m": 60.0, "h": 3600.0}


def read_feed_list(path: Path) -> list[str]:
    """The feed URLs of a list file: one per line, blank lines and lines starting with # skipped,
    each URL once. Raises IngestError (E101, E104, E111, E113, E130, E131)."""
    where = str(path)
    try:
        with open_regular(where) as handle:  # a FIFO or /dev/zero would block or never end
            text = handle.read().decode("utf-8-sig")
    except FileNotFoundError:
        raise IngestError(Errors.E101.format(path=where)) from None
    except UnicodeDecodeError:
        raise IngestError(Errors.E104.format(path=where)) from None
    except OSError as exc:
        raise IngestError(Errors.E111.format(path=where, detail=exc.strerror or exc)) from None
    feeds: dict[str, None] = {}
    for number, line in enumerate(text.splitlines(), 1):
        url = line.strip()
        if not url or url.startswith("#"):
            continue
        if not _is_web_url(url):
            raise IngestError(Errors.E130.format(path=where, line=number, text=url))
        feeds[url] = None
    if not feeds:
        raise IngestError(Errors.E131.format(path=where))
    return list(feeds)


def _is_web_url(text: str) -> bool:
    try:
        parts = urlsplit(text)
    except ValueError:  # "http://[oops/" is no URL at all
        return False
    return parts.scheme.lower() in WEB_SCHEMES and bool(parts.netloc)


def parse_interval(text: str) -> float:
    """Seconds in "90", "30s", "15m", "1.5h"; raises ValueError (E132) for anything else."""
    match = _INTERVAL.match(text)
    seconds = float(match[1]) * SECONDS_PER_UNIT[match[2].lower()] if match else 0.0
    if seconds <= 0:
        raise ValueError(Errors.E132.format(text=text))
    return seconds
