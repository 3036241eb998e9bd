"""What every calendar offers: business-time arithmetic on aware instants, results in UTC."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Protocol, runtime_checkable

from slactl.businesstime.duration import Duration
from slactl.businesstime.pauses import Pause



@runtime_checkable
class Calendar(Protocol):
    """Business time of one calendar. Instants are aware datetimes; returned instants are UTC;
    lengths are business time. Implementations are immutable and safe to share between threads."""

    def add(self, start: datetime, duration: Duration, pauses: Sequence[Pause] = ()) -> datetime:
        """The earliest instant whose business position is ``start``'s plus ``duration``."""
        ...

    def elapsed(self, start: datetime, end: datetime, pauses: Sequence[Pause] = ()) -> timedelta:
        """Business time in ``[start, end)`` outside ``pauses``; zero when ``end <= start``."""
        ...

    def is_open(self, instant: datetime) -> bool:
        """Whether the calendar is open at ``instant``."""
        ...

    def next_open(self, instant: datetime) -> datetime:
        """``instant`` itself when open, else the next opening."""
        ...
