"""Business time: weekly wall-clock hours in a zone, minus closed dates, minus pauses.

Picture a *position* that advances only while the calendar is open. ``add`` returns the
earliest instant at the target position, so a deadline that lands on a closing time is that
closing time, and a start outside hours counts from the next opening. ``add(start, 0)`` is
``start`` itself, open or not.

``Nd`` means N business days (local dates with open time): the same offset into the N-th
following business day, where the offset is the business time since that day's first opening,
clamped to the target day's length. A start on a closed date counts as offset 0 of the next
business day. Offset 0 lands on the previous business day's closing (its earliest instant).
Days are applied first, then clock time. With pauses, the days are first turned into the
business time they cover from ``start`` on the unpaused calendar, then that time is added with
the clock stopped during pauses; pauses therefore only ever move a deadline later.

On DST dates the offset is business (real) time, so on a 00:00-24:00 week a day follows real
24 hours except when the target date is 23 hours long and the offset does not fit: it clamps
to that date's end. See ``local_day`` for how wall intervals meet gaps and overlaps.

A closed date (``closed_for_year(year)`` plus ``closed_dates``) removes every interval of that
local date; one on a day without hours changes nothing. A target that needs more than two years
without any open day, or a week without hours, raises ``InputError``; so does a deadline past
9999-12-30 local time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo

from slactl.calendar.hours import WeeklyHours
from slactl.calendar.instants import as_utc
from slactl.calendar.intervals import advance_within, contains, open_between, point_at
from slactl.calendar.ledger import Ledger
from slactl.calendar.limits import beyond_9999, never_reached
from slactl.calendar.micros import US, as_pauses, from_micros, to_micros
from slactl.calendar.open_table import OpenTable
from slactl.calendar.pauses import Advance, Elapsed, Pause, add_through_pauses, elapsed_outside_pauses, merge_pauses
from slactl.duration import Duration

ZERO = timedelta(0)
ONE_MICROSECOND = timedelta(microseconds=1)


@dataclass(frozen=True, slots=True)
class BusinessCalendar:
    zone: tzinfo
    hours: WeeklyHours
    closed_for_year: Callable[[int], Iterable[date]] | None = None
    closed_dates: Iterable[date] = frozenset()
    _ledger: Ledger = field(init=False, repr=False, compare=False)
    _table: OpenTable | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.zone, tzinfo):
            raise ValueError(f"zone must be a tzinfo, got {type(self.zone).__name__}")
        if not isinstance(self.hours, WeeklyHours):
            raise ValueError(f"hours must be WeeklyHours, got {type(self.hours).__name__}")
        object.__setattr__(self, "closed_dates", frozenset(self.closed_dates))
        ledger = Ledger(self.zone, self.hours, self.closed_for_year, self.closed_dates)
        object.__setattr__(self, "_ledger", ledger)
        object.__setattr__(self, "_table", None if self.hours.is_empty else OpenTable(ledger))

    def add(self, start: datetime, duration: Duration, pauses: Sequence[Pause] = ()) -> datetime:
        start = as_utc(start, "start")
        if not pauses and self._table is not None and (duration.days or duration.time):
            reached = self._table.add(start, duration.days, duration.time)
            if reached is not None:
                return reached
        return self._add_with(start, duration, merge_pauses(pauses), self._quick_days, self._quick_advance,
                              self._quick_elapsed)

    def _add_general(self, start: datetime, duration: Duration, stops: tuple[Pause, ...]) -> datetime:
        """``add`` on the ledger alone, never the table: the reference the fast path is tested against."""
        return self._add_with(start, duration, stops, self._add_days, self._advance, self._elapsed)

    def _add_with(self, start: datetime, duration: Duration, stops: tuple[Pause, ...],
                  add_days: Callable[[datetime, int], datetime], advance: Advance, elapsed: Elapsed) -> datetime:
        if duration.is_zero:
            return start
        if self.hours.is_empty:
            raise never_reached()
        try:
            if not stops:
                return advance(add_days(start, duration.days), duration.time)
            span = duration.time
            if duration.days:
                span += elapsed(start, add_days(start, duration.days))
            return add_through_pauses(start, span, stops, elapsed, advance)
        except OverflowError:
            raise beyond_9999() from None

    def elapsed(self, start: datetime, end: datetime, pauses: Sequence[Pause] = ()) -> timedelta:
        start, end = as_utc(start, "start"), as_utc(end, "end")
        if not pauses:
            return self._quick_elapsed(start, end)
        return elapsed_outside_pauses(start, end, merge_pauses(pauses), self._quick_elapsed)

    def add_micros(self, start: int, days: int, time: int, stops: tuple[tuple[int, int], ...] = ()) -> int:
        """``add`` on integer microseconds (``stops``: merged pauses), with the same answers and
        errors: the table answers (the steps of ``add`` with ``_quick_*``), else ``add`` itself."""
        if not days and not time:
            return start
        table = self._table
        if table is not None:
            if not stops:
                reached = table.add_micros(start, days, time)
                if reached is not None:
                    return reached
            else:
                try:
                    span = time
                    if days:
                        span += self._table_elapsed(start, self._table_add(start, days, 0))
                    return add_through_pauses(start, span, stops, self._table_elapsed, self._table_advance)
                except _Unsure:
                    pass
        return to_micros(self.add(from_micros(start), Duration(days, time * US), as_pauses(stops)))

    def elapsed_micros(self, start: int, end: int, stops: tuple[tuple[int, int], ...] = ()) -> int:
        """``elapsed`` on integer microseconds, with the same answers (see ``add_micros``)."""
        if end <= start:
            return 0
        table = self._table
        if table is not None:
            if not stops:
                found = table.elapsed_micros(start, end)
                if found is not None:
                    return found
            else:
                try:
                    return elapsed_outside_pauses(start, end, stops, self._table_elapsed)
                except _Unsure:
                    pass
        return self.elapsed(from_micros(start), from_micros(end), as_pauses(stops)) // US

    def _table_add(self, start: int, days: int, time: int) -> int:
        reached = self._table.add_micros(start, days, time)
        if reached is None:
            raise _Unsure
        return reached

    def _table_advance(self, start: int, span: int) -> int:
        return self._table_add(start, 0, span) if span else start

    def _table_elapsed(self, start: int, end: int) -> int:
        if end <= start:
            return 0
        found = self._table.elapsed_micros(start, end)
        if found is None:
            raise _Unsure
        return found

    def is_open(self, instant: datetime) -> bool:
        instant = as_utc(instant, "instant")
        return contains(self._ledger.spans(self._date_of(instant)), instant)

    def next_open(self, instant: datetime) -> datetime:
        instant = as_utc(instant, "instant")
        if self.hours.is_empty:
            raise never_reached()
        ordinal = self._date_of(instant)
        for opens, closes in self._ledger.spans(ordinal):
            if instant < closes:
                return max(opens, instant)
        following, _ = self._ledger.reach_time(ordinal + 1, ONE_MICROSECOND)
        return self._ledger.spans(following)[0][0]

    # The table (``open_table``) answers first; the ledger when it cannot tell.

    def _quick_days(self, start: datetime, days: int) -> datetime:
        if days and self._table is not None:
            reached = self._table.add(start, days, ZERO)
            if reached is not None:
                return reached
        return self._add_days(start, days)

    def _quick_advance(self, start: datetime, span: timedelta) -> datetime:
        if span and self._table is not None:
            reached = self._table.add(start, 0, span)
            if reached is not None:
                return reached
        return self._advance(start, span)

    def _quick_elapsed(self, start: datetime, end: datetime) -> timedelta:
        if start < end and self._table is not None:
            found = self._table.elapsed(start, end)
            if found is not None:
                return found
        return self._elapsed(start, end)

    # The ledger.

    def _date_of(self, instant: datetime) -> int:
        return instant.astimezone(self.zone).toordinal()

    def _add_days(self, start: datetime, days: int) -> datetime:
        if not days:
            return start
        ledger = self._ledger
        ordinal = self._date_of(start)
        spans = ledger.spans(ordinal)
        offset = open_between(spans, None, start)
        if offset:
            return point_at(ledger.spans(ledger.reach_days(ordinal + 1, days)), offset)
        first = ordinal if spans else ordinal + 1
        return ledger.spans(ledger.reach_days(first, days))[-1][1]

    def _advance(self, start: datetime, span: timedelta) -> datetime:
        if not span:
            return start
        ordinal = self._date_of(start)
        reached, span = advance_within(self._ledger.spans(ordinal), start, span)
        if reached is not None:
            return reached
        ordinal, span = self._ledger.reach_time(ordinal + 1, span)
        return point_at(self._ledger.spans(ordinal), span)

    def _elapsed(self, start: datetime, end: datetime) -> timedelta:
        if end <= start:
            return ZERO
        first, last = self._date_of(start), self._date_of(end)
        if first == last:
            return open_between(self._ledger.spans(first), start, end)
        return (
            open_between(self._ledger.spans(first), start, None)
            + self._ledger.open_time(first + 1, last)
            + open_between(self._ledger.spans(last), None, end)
        )


class _Unsure(Exception):
    """The table cannot tell (a date near an offset change, or too far away)."""
