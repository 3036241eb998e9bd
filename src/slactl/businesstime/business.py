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
local date; one on a day without hours changes nothing. A date of ``exceptions`` has the hours
given there instead of its weekday's (none: closed), whatever the holidays say; ``closures``
(timed holidays, e.g. an afternoon) close absolute spans on every other date. A target that
needs more than two years without any open day, or a week without hours, raises ``InputError``;
so does a deadline past 9999-12-30 local time.

A *business day* is a date with open time, and an interval belongs to the date it starts on:
a night shift ``22:00-06:00`` opened on Friday is Friday's, also at Saturday 03:00. So an
instant's date is the previous local date while that date's night is still running.

``end-of-day`` (a ``Duration`` with ``end_of_day``) is the closing of the business day on which
the clock starts, i.e. of ``next_open(start)``'s date (after closing, or on a closed date, the
next business day's); ``end-of-day+Nd`` the closing of the N-th business day after it. With
pauses it becomes the business time it covers from ``start``, counted with the clock stopped,
as ``Nd`` does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo

from slactl.businesstime.duration import Duration
from slactl.businesstime.instants import as_utc
from slactl.businesstime.intervals import Span, advance_within, contains, open_between, point_at
from slactl.businesstime.ledger import Ledger
from slactl.businesstime.limits import beyond_9999, never_reached
from slactl.businesstime.pauses import Pause, add_through_pauses, elapsed_outside_pauses, merge_pauses
from slactl.businesstime.weekly_hours import Minutes, WeeklyHours, check_night, day_intervals

ZERO = timedelta(0)
ONE_MICROSECOND = timedelta(microseconds=1)


@dataclass(frozen=True, slots=True)
class BusinessCalendar:
    """Weekly ``hours`` in ``zone``, closed on ``closed_for_year(year)`` and ``closed_dates``;
    ``exceptions`` gives dates hours of their own (``{date(2026, 12, 24): [(540, 780)]}``, an
    empty list closes the date) and ``closures`` closes spans of aware instants.

    Immutable and safe to share between threads: its only state is the ``ledger``, a memo of
    per-date open time that fills itself idempotently (two threads filling the same entry store
    equal values)."""

    zone: tzinfo
    hours: WeeklyHours
    closed_for_year: Callable[[int], Iterable[date]] | None = None
    closed_dates: Iterable[date] = frozenset()
    exceptions: Mapping[date, Iterable[Minutes]] | tuple[tuple[date, tuple[Minutes, ...]], ...] = ()
    closures: Iterable[Span] = ()
    ledger: Ledger = field(init=False, repr=False, compare=False)
    _nights: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.zone, tzinfo):
            raise ValueError(f"zone must be a tzinfo, got {type(self.zone).__name__}")
        if not isinstance(self.hours, WeeklyHours):
            raise ValueError(f"hours must be WeeklyHours, got {type(self.hours).__name__}")
        closed, closures = frozenset(self.closed_dates), _closures(self.closures)
        given = self.exceptions.items() if isinstance(self.exceptions, Mapping) else self.exceptions
        exceptions = tuple(sorted((day, day_intervals(walls, day.isoformat())) for day, walls in given))
        _check_nights(self.hours, dict(exceptions))
        object.__setattr__(self, "closed_dates", closed)
        object.__setattr__(self, "exceptions", exceptions)
        object.__setattr__(self, "closures", closures)
        object.__setattr__(self, "ledger", Ledger(
            self.zone, self.hours, self.closed_for_year, closed, {day.toordinal(): walls for day, walls in exceptions},
            closures))
        object.__setattr__(self, "_nights", self.ledger._nights)

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
            if duration.end_of_day:
                closing = self._end_of_day(start, duration.days)
                if not stops:
                    return closing
                return add_through_pauses(start, self._elapsed(start, closing), stops, self._elapsed, self._advance)
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
        """Whether ``instant`` (aware) falls in an open span of its local date."""
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
        """The business date ``instant`` belongs to: its local date, or the day before while
        that day's night interval still runs."""
        ordinal = instant.astimezone(self.zone).toordinal()
        if self._nights and ordinal > 1:
            night = self.ledger.spans(ordinal - 1)
            if night and night[-1][1] > instant:
                return ordinal - 1
        return ordinal

    def _end_of_day(self, start: datetime, days: int) -> datetime:
        ordinal = self._date_of(self.next_open(start))
        if days:
            ordinal = self.ledger.reach_days(ordinal + 1, days)
        return self.ledger.spans(ordinal)[-1][1]

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


def _check_nights(hours: WeeklyHours, exceptions: dict[date, tuple[Minutes, ...]]) -> None:
    """Refuse a date's night interval that runs into the next date's hours (weekly or its own)."""
    one_day = timedelta(days=1)

    def walls(day: date) -> tuple[Minutes, ...]:
        """The wall intervals of the local date ``ordinal``: its exception's, or its weekday's."""
        found = exceptions.get(day)
        return hours.days[day.weekday()] if found is None else found

    for day in exceptions:
        if date.min < day < date.max:
            for before, after in ((day - one_day, day), (day, day + one_day)):
                check_night(before.isoformat(), walls(before), after.isoformat(), walls(after))


def _closures(spans: Iterable[Span]) -> tuple[Span, ...]:
    """Sorted, merged UTC closures; an empty one is dropped."""
    merged: list[Span] = []
    for shut, reopens in sorted((as_utc(a, "closure start"), as_utc(b, "closure end")) for a, b in spans):
        if reopens < shut:
            raise ValueError(f"a closure cannot end before it starts: {shut} > {reopens}")
        if merged and shut <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], reopens))
        elif shut < reopens:
            merged.append((shut, reopens))
    return tuple(merged)
