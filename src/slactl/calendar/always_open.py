"""The 24x7 calendar: absolute time, where a day is 24 real hours even across DST."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from slactl.calendar.instants import as_utc
from slactl.calendar.limits import beyond_9999
from slactl.calendar.micros import DAY, US, as_pauses, from_micros, to_micros
from slactl.calendar.pauses import Pause, add_through_pauses, elapsed_outside_pauses, merge_pauses
from slactl.duration import Duration

ZERO = timedelta(0)
LAST_MICROS = (date(9990, 1, 1).toordinal() - 1) * DAY
"""Integer adds past this leave it to ``add``, which knows where the year 9999 overflows."""


@dataclass(frozen=True, slots=True)
class AlwaysOpen:
    def add(self, start: datetime, duration: Duration, pauses: Sequence[Pause] = ()) -> datetime:
        start, stops = as_utc(start, "start"), merge_pauses(pauses) if pauses else ()
        if duration.is_zero:
            return start
        try:
            if not stops:
                return start + duration.as_elapsed()
            return add_through_pauses(start, duration.as_elapsed(), stops, _elapsed, _advance)
        except OverflowError:
            raise beyond_9999() from None

    def elapsed(self, start: datetime, end: datetime, pauses: Sequence[Pause] = ()) -> timedelta:
        start, end = as_utc(start, "start"), as_utc(end, "end")
        if not pauses:
            return end - start if end > start else ZERO
        return elapsed_outside_pauses(start, end, merge_pauses(pauses), _elapsed)

    def add_micros(self, start: int, days: int, time: int, stops: tuple[tuple[int, int], ...] = ()) -> int:
        """``add`` on integer microseconds, with the same answers and errors (near the year
        9999, ``add`` itself says what overflows)."""
        length = days * DAY + time
        if not length:
            return start
        reached = add_through_pauses(start, length, stops, _elapsed, _advance) if stops else start + length
        if reached < LAST_MICROS:
            return reached
        return to_micros(self.add(from_micros(start), Duration(days, time * US), as_pauses(stops)))

    def elapsed_micros(self, start: int, end: int, stops: tuple[tuple[int, int], ...] = ()) -> int:
        if end <= start:
            return 0
        return elapsed_outside_pauses(start, end, stops, _elapsed) if stops else end - start

    def is_open(self, instant: datetime) -> bool:
        as_utc(instant, "instant")
        return True

    def next_open(self, instant: datetime) -> datetime:
        return as_utc(instant, "instant")


def _elapsed(start: datetime, end: datetime) -> timedelta:
    return end - start


def _advance(start: datetime, span: timedelta) -> datetime:
    return start + span
