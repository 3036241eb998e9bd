"""The 24x7 calendar: absolute time, where a day is 24 real hours even across DST."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from slactl.calendar.instants import as_utc
from slactl.calendar.limits import beyond_9999
from slactl.calendar.pauses import Pause, add_through_pauses, elapsed_outside_pauses, merge_pauses
from slactl.duration import Duration

ZERO = timedelta(0)


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

    def is_open(self, instant: datetime) -> bool:
        as_utc(instant, "instant")
        return True

    def next_open(self, instant: datetime) -> datetime:
        return as_utc(instant, "instant")


def _elapsed(start: datetime, end: datetime) -> timedelta:
    return end - start


def _advance(start: datetime, span: timedelta) -> datetime:
    return start + span
