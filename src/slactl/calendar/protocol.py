"""What every calendar offers: business-time arithmetic on aware instants, results in UTC."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Protocol, runtime_checkable

from slactl.duration import Duration

Pause = tuple[datetime, datetime]


@runtime_checkable
class Calendar(Protocol):
    def add(self, start: datetime, duration: Duration, pauses: Sequence[Pause] = ()) -> datetime:
        """The earliest instant whose business position is ``start``'s plus ``duration``."""

    def elapsed(self, start: datetime, end: datetime, pauses: Sequence[Pause] = ()) -> timedelta:
        """Business time in ``[start, end)`` outside ``pauses``; zero when ``end <= start``."""

    def is_open(self, instant: datetime) -> bool: ...

    def next_open(self, instant: datetime) -> datetime:
        """``instant`` itself when open, else the next opening."""
