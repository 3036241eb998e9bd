"""Aware instants in, aware UTC instants out."""

from __future__ import annotations

from datetime import datetime, timezone


def as_utc(instant: datetime, what: str) -> datetime:
    """``instant`` in UTC; a naive datetime has no place on the time line, so it is refused."""
    if not isinstance(instant, datetime):
        raise ValueError(f"{what} must be a datetime, got {type(instant).__name__}")
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError(f"{what} must be an aware datetime (with a time zone): {instant}")
    return instant.astimezone(timezone.utc)
