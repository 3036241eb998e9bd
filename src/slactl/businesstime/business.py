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

from slactl.businesstime.duration import Duration
from slactl.businesstime.instants import as_utc
from slactl.businesstime.intervals import advance_within, contains, open_between, point_at
from slactl.businesstime.ledger import Ledger
from slactl.businesstime.limits import beyond_9999, never_reached
from slactl.businesstime.pauses import Pause, add_through_pauses, elapsed_outside_pauses, merge_pauses
from slactl.businesstime.weekly_hours import WeeklyHours

ZERO = timedelta(0)
ONE_MICROSECOND = timedelta(microseconds=1)


@dataclass(frozen=True, slots=True)
class BusinessCalendar:
    """Weekly ``hours`` in ``zone``, closed on ``closed_for_year(year)`` and ``closed_dates``.

    Immutable and safe to share between threads: its only state is the ``ledger``, a memo of
    per-date open time that fills itself idempotently (two threads filling the same entry store
    equal values)."""

    zone: tzinfo
    hours: WeeklyHours
    closed_for_year: Callable[[int], Iterable[date]] | None = None
    closed_dates: Iterable[date] = frozenset()
    ledger: Ledger = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.zone, tzinfo):
            raise ValueError(f"zone must be a tzinfo, got {type(self.zone).__name__}")
        if not isinstance(self.hours, WeeklyHours):
            raise ValueError(f"hours must be WeeklyHours, got {type(self.hours).__name__}")
        object.__setattr__(self, "closed_dates", frozenset(self.closed_dates))
        object.__setattr__(self, "ledger", Ledger(self.zone, self.hours, self.closed_for_year, self.closed_dates))

    def add(self, start: datetime, duration: Duration, pauses: Sequence[Pause] = ()) -> datetime:
        """The earliest instant (UTC) at ``start``'s business position plus ``duration``: business
        days first, then clock time; the clock stops during ``pauses``. Raises ``InputError``
        when the calendar is never open or the deadline is past the year 9999."""
        start, stops = as_utc(start, "start"), merge_pauses(pauses) if pauses else ()
        if duration.is_zero:
            return start
        if self.hours.is_empty:
            raise never_reached()
        try:
            if not stops:
                return self._advance(self._add_days(start, duration.days), duration.time)
            span = duration.time
            if duration.days:
                span += self._elapsed(start, self._add_days(start, duration.days))
            return add_through_pauses(start, span, stops, self._elapsed, self._advance)
        except OverflowError:
            raise beyond_9999() from None

    def elapsed(self, start: datetime, end: datetime, pauses: Sequence[Pause] = ()) -> timedelta:
        """Business time in ``[start, end)`` outside ``pauses``; zero when ``end <= start``."""
        start, end = as_utc(start, "start"), as_utc(end, "end")
        if not pauses:
            return self._elapsed(start, end)
        return elapsed_outside_pauses(start, end, merge_pauses(pauses), self._elapsed)

    def is_open(self, instant: datetime) -> bool:
        instant = as_utc(instant, "instant")
        return contains(self.ledger.spans(self._date_of(instant)), instant)

    def next_open(self, instant: datetime) -> datetime:
        """``instant`` itself when open, else the next opening (UTC)."""
        instant = as_utc(instant, "instant")
        if self.hours.is_empty:
            raise never_reached()
        ordinal = self._date_of(instant)
        for opens, closes in self.ledger.spans(ordinal):
            if instant < closes:
                return max(opens, instant)
        following, _ = self.ledger.reach_time(ordinal + 1, ONE_MICROSECOND)
        return self.ledger.spans(following)[0][0]

    def _date_of(self, instant: datetime) -> int:
        return instant.astimezone(self.zone).toordinal()

    def _add_days(self, start: datetime, days: int) -> datetime:
        if not days:
            return start
        ledger = self.ledger
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
        reached, span = advance_within(self.ledger.spans(ordinal), start, span)
        if reached is not None:
            return reached
        ordinal, span = self.ledger.reach_time(ordinal + 1, span)
        return point_at(self.ledger.spans(ordinal), span)

    def _elapsed(self, start: datetime, end: datetime) -> timedelta:
        if end <= start:
            return ZERO
        first, last = self._date_of(start), self._date_of(end)
        if first == last:
            return open_between(self.ledger.spans(first), start, end)
        return (
            open_between(self.ledger.spans(first), start, None)
            + self.ledger.open_time(first + 1, last)
            + open_between(self.ledger.spans(last), None, end)
        )
