"""Telling a database URL from a file path, and showing a URL without its password."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def is_postgres_url(db: str | Path) -> bool:
    return str(db).startswith(POSTGRES_SCHEMES)


def url_scheme(db: str | Path) -> str | None:
    """The scheme of a `scheme://…` database URL; None for a file path."""
    scheme, separator, _ = str(db).partition("://")
    return scheme if separator else None


def redact(url: str) -> str:
    """The URL with its password (in the user part or the query) shown as ***."""
    parts = urlsplit(url)
    netloc = parts.netloc
    userinfo, at, host = netloc.rpartition("@")
    if at and ":" in userinfo:
        netloc = f"{userinfo.partition(':')[0]}:***@{host}"
    query = parts.query
    if "password=" in query:
        pairs = parse_qsl(query, keep_blank_values=True)
        query = urlencode([(k, "***" if k == "password" else v) for k, v in pairs], safe="*")
    if (netloc, query) == (parts.netloc, parts.query):
        return url  # as given: urlunsplit would normalise it (sqlite:///x becomes sqlite:/x)
    return urlunsplit(parts._replace(netloc=netloc, query=query))
