"""Business-time arithmetic on integer microseconds (``micros``), for the batch row path.

Each ``IntegerCalendar`` belongs to one run (one ``Rows``): it wraps a shared, immutable engine
calendar and keeps its own ``OpenTable``, which is mutable (it grows, is re-based and remembers
positions) and therefore never shared between runs or threads. Every answer equals the engine's
datetime answer: where the table cannot tell (a date next to an offset change, a far year, a
reach past its span) the engine itself answers. ``tests/batch/test_fast_calendars.py`` checks
both agree.

The table knows weekly hours and whole closed dates (holidays however adjusted: added, removed,
from an iCalendar file), not dates with hours of their own, timed closures or night intervals
(issue 17): a calendar with any of those has no table, and the engine answers every call.
"""

from __future__ import annotations

from datetime import date
from typing import TypeGuard

from slactl.batch.fast.micros import DAY, US, as_pauses, from_micros, to_micros
from slactl.batch.fast.open_table import OpenTable
from slactl.businesstime import AlwaysOpen, BusinessCalendar, Calendar
from slactl.businesstime.always_open import advance, elapsed
from slactl.businesstime.duration import Duration
from slactl.businesstime.pauses import add_through_pauses, elapsed_outside_pauses

Stops = tuple[tuple[int, int], ...]
"""Pauses as sorted, merged ``(start, end)`` microseconds."""
LAST_MICROS = (date(9990, 1, 1).toordinal() - 1) * DAY
"""Adds on the 24x7 calendar past this leave it to the engine, which knows where 9999 overflows."""


class IntegerCalendar:
    """``add`` and ``elapsed`` of ``calendar`` on microseconds, with the same answers and errors.
    Both are chosen once, for the kind of calendar, so that the hot loop calls them directly."""

    __slots__ = ("calendar", "table", "add", "elapsed")

    def __init__(self, calendar: Calendar) -> None:
        self.calendar = calendar
        self.table = None
        if isinstance(calendar, AlwaysOpen):
            self.add, self.elapsed = self._add_always, self._elapsed_always
        else:
            if tabulable(calendar):
                self.table = OpenTable(calendar.ledger)
            self.add, self.elapsed = self._add_business, self._elapsed_business

    def _add_always(self, start: int, days: int, time: int, stops: Stops = ()) -> int:
        """``AlwaysOpen.add`` of ``days`` then ``time`` microseconds from ``start``."""
        length = days * DAY + time
        reached = add_through_pauses(start, length, stops, elapsed, advance) if stops else start + length
        if reached < LAST_MICROS:
            return reached
        return self._engine_add(start, days, time, stops)

    def _elapsed_always(self, start: int, end: int, stops: Stops = ()) -> int:
        if end <= start:
            return 0
        return elapsed_outside_pauses(start, end, stops, elapsed) if stops else end - start

    def _add_business(self, start: int, days: int, time: int, stops: Stops = ()) -> int:
        """``BusinessCalendar.add`` on microseconds: the table answers, else the engine."""
        if not days and not time:
            return start
        table = self.table
        if table is not None:
            if not stops:
                reached = table.add_micros(start, days, time)
                if reached is not None:
                    return reached
            else:
                try:
                    span = time
                    if days:
                        span += self._elapsed(start, self._add(start, days, 0))
                    return add_through_pauses(start, span, stops, self._elapsed, self._advance)
                except _Unsure:
                    pass
        return self._engine_add(start, days, time, stops)

    def _elapsed_business(self, start: int, end: int, stops: Stops = ()) -> int:
        """``BusinessCalendar.elapsed`` in microseconds."""
        if end <= start:
            return 0
        table = self.table
        if table is not None:
            if not stops:
                found = table.elapsed_micros(start, end)
                if found is not None:
                    return found
            else:
                try:
                    return elapsed_outside_pauses(start, end, stops, self._elapsed)
                except _Unsure:
                    pass
        return self.calendar.elapsed(from_micros(start), from_micros(end), as_pauses(stops)) // US

    def _engine_add(self, start: int, days: int, time: int, stops: Stops) -> int:
        return to_micros(self.calendar.add(from_micros(start), Duration(days, time * US), as_pauses(stops)))

    def _add(self, start: int, days: int, time: int) -> int:
        reached = self.table.add_micros(start, days, time)  # type: ignore[union-attr]
        if reached is None:
            raise _Unsure
        return reached

    def _advance(self, start: int, span: int) -> int:
        return self._add(start, 0, span) if span else start

    def _elapsed(self, start: int, end: int) -> int:
        if end <= start:
            return 0
        found = self.table.elapsed_micros(start, end)  # type: ignore[union-attr]
        if found is None:
            raise _Unsure
        return found


def tabulable(calendar: Calendar) -> TypeGuard[BusinessCalendar]:
    """A business calendar whose dates are its weekday's hours or closed: what ``OpenTable`` holds."""
    return (isinstance(calendar, BusinessCalendar) and not calendar.hours.is_empty and not calendar.exceptions
            and not calendar.closures and not calendar.hours.runs_overnight)


class _Unsure(Exception):
    """The table cannot tell (a date near an offset change, or too far away)."""
