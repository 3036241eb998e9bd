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

    def add_micros(self, start: int, days: int, time: int, stops: tuple[tuple[int, int], ...] = ()) -> int:
        """``add`` on integer microseconds (``calendar.micros``; ``days`` business days then
        ``time``; ``stops``: sorted, merged pauses), with the same answers and errors as ``add``:
        the batch's fast path, which creates no datetime when it can help it."""

    def elapsed_micros(self, start: int, end: int, stops: tuple[tuple[int, int], ...] = ()) -> int:
        """``elapsed`` on integer microseconds, with the same answers as ``elapsed``."""

    def is_open(self, instant: datetime) -> bool: ...

    def next_open(self, instant: datetime) -> datetime:
        """``instant`` itself when open, else the next opening."""
