"""Instants and lengths as integer microseconds: the form the fast paths compute in.

An instant is the number of microseconds since ``EPOCH`` (0001-01-01 00:00 UTC); a length is
a number of microseconds. Integer arithmetic is exact and needs no objects, which is what the
batch hot loop wants (issue 6); everything else computes on aware datetimes.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

US = timedelta(microseconds=1)
DAY = 86_400_000_000
EPOCH = datetime(1, 1, 1, tzinfo=timezone.utc)


def to_micros(instant: datetime) -> int:
    """An aware instant as microseconds since ``EPOCH``."""
    return (instant - EPOCH) // US


def from_micros(micros: int) -> datetime:
    """Microseconds since ``EPOCH`` as an aware UTC datetime."""
    return EPOCH + micros * US


def as_pauses(stops: tuple[tuple[int, int], ...]) -> list[tuple[datetime, datetime]]:
    """Pauses in microseconds as aware UTC datetime pairs, for the datetime path."""
    return [(from_micros(low), from_micros(high)) for low, high in stops]
