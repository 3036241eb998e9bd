"""The 24x7 calendar: absolute time, where a day is 24 real hours even across DST.

Its business days are the local dates of its ``zone`` (the policy's): ``end-of-day`` is the
next local midnight (``local_day.end_of_date``), where Express's daily time tracking is cut
(seed 004: "un sistema de Time Tracking, con cortes diarios").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from slactl.businesstime.duration import Duration
from slactl.businesstime.instants import as_utc
from slactl.businesstime.limits import beyond_9999
from slactl.businesstime.local_day import end_of_date
from slactl.businesstime.pauses import Pause, add_through_pauses, elapsed_outside_pauses, merge_pauses

ZERO = timedelta(0)


@dataclass(frozen=True, slots=True)
class AlwaysOpen:
    """Open every instant: business time is elapsed (UTC) time, minus pauses. ``zone`` says
    where its days end, for ``end-of-day`` (without it, ``end-of-day`` is refused)."""

    zone: tzinfo | None = None

    def add(self, start: datetime, duration: Duration, pauses: Sequence[Pause] = ()) -> datetime:
        """``start`` plus ``duration`` (a day is 24 hours) with the clock stopped during ``pauses``;
        ``end-of-day+Nd`` is the midnight that ends the N-th local date after ``start``'s."""
        start, stops = as_utc(start, "start"), merge_pauses(pauses) if pauses else ()
        if duration.is_zero:
            return start
        try:
            if duration.end_of_day:
                if self.zone is None:
                    raise TypeError("end-of-day on 24x7 needs the zone whose midnight ends a day")
                closing = end_of_date(start.astimezone(self.zone).date() + timedelta(days=duration.days), self.zone)
                return add_through_pauses(start, closing - start, stops, elapsed, advance) if stops else closing
            if not stops:
                return start + duration.as_elapsed()
            return add_through_pauses(start, duration.as_elapsed(), stops, elapsed, advance)
        except OverflowError:
            raise beyond_9999() from None

    def elapsed(self, start: datetime, end: datetime, pauses: Sequence[Pause] = ()) -> timedelta:
        """Elapsed time in ``[start, end)`` outside ``pauses``; zero when ``end <= start``."""
        start, end = as_utc(start, "start"), as_utc(end, "end")
        if not pauses:
            return end - start if end > start else ZERO
        return elapsed_outside_pauses(start, end, merge_pauses(pauses), elapsed)

    def is_open(self, instant: datetime) -> bool:
        """Always True (``ValueError`` for a naive instant)."""
        as_utc(instant, "instant")
        return True

    def next_open(self, instant: datetime) -> datetime:
        """``instant`` itself, in UTC."""
        return as_utc(instant, "instant")


def elapsed(start, end):
    """Plain elapsed time (datetimes) or microseconds (integers) between two instants."""
    return end - start


def advance(start, span):
    """``start`` moved on by ``span``, on datetimes or integer microseconds."""
    return start + span
