"""Publication dates: normalising what sources give and validating what users type."""

from __future__ import annotations

from datetime import date, datetime

from detente.errors import DetenteError, Errors


def parse_date(value: str | None) -> str | None:
    """YYYY-MM-DD from an ISO date or datetime string; None when it is not one."""
    if not value:
        return None
    text = value.strip()
    for candidate in (text, text[:10]):
        try:
            parsed = datetime.fromisoformat(candidate.replace("Z", "+00:00"))
        except ValueError:
            continue
        return parsed.date().isoformat()
    return None


def check_published(value: str | None) -> str | None:
    """Validate a user-given --published date; raises DetenteError E204."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise DetenteError(Errors.E204.format(value=value)) from None
