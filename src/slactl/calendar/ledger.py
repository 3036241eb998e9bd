"""Open time and business days per local date, counted by whole weeks and a few exceptions.

A date's open time is its weekday's wall length, except on the few *exceptional* dates of a
year: closed dates on open weekdays, and DST dates whose real length differs. Sums over a range
of dates are weeks times the weekly total plus the exceptions inside the range (found with
bisect over prefix sums), so their cost does not grow with the range.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta, tzinfo
from itertools import accumulate

from slactl.calendar.hours import WeeklyHours
from slactl.calendar.intervals import Span, open_between
from slactl.calendar.limits import IDLE_DAYS, LAST_ORDINAL, beyond_9999, never_reached
from slactl.calendar.local_day import open_spans
from slactl.calendar.transitions import Transition, transitions_around

ZERO = timedelta(0)
CACHED_DATES = 8192

ClosedForYear = Callable[[int], Iterable[date]]


@dataclass(frozen=True, slots=True)
class YearBook:
    """One year's exceptional dates, with running totals of how far each departs from nominal."""

    closed: frozenset[int]
    transitions: tuple[Transition, ...]
    ordinals: tuple[int, ...]
    time_before: tuple[timedelta, ...]
    days_before: tuple[int, ...]
    departures: dict[int, tuple[timedelta, int]]


class Ledger:
    """The memo of one business calendar: year books and the open spans of recent dates."""

    __slots__ = ("zone", "hours", "closed_for_year", "closed_dates", "week_time", "week_days",
                 "_wall", "_time_through", "_days_through", "_books", "_spans")

    def __init__(self, zone: tzinfo, hours: WeeklyHours, closed_for_year: ClosedForYear | None,
                 closed_dates: frozenset[date]):
        self.zone, self.hours = zone, hours
        self.closed_for_year, self.closed_dates = closed_for_year, closed_dates
        self._wall = tuple(hours.wall_length(weekday) for weekday in range(7))
        self.week_time = sum(self._wall, ZERO)
        self.week_days = hours.open_weekdays
        fortnight = self._wall * 2
        self._time_through = tuple(accumulate(fortnight, initial=ZERO))
        self._days_through = tuple(accumulate((1 if t else 0 for t in fortnight), initial=0))
        self._books: dict[int, YearBook] = {}
        self._spans: dict[int, tuple[Span, ...]] = {}

    def spans(self, ordinal: int) -> tuple[Span, ...]:
        """The open spans of the local date ``ordinal`` (none if it is closed)."""
        cached = self._spans.get(ordinal)
        if cached is None:
            if ordinal > LAST_ORDINAL:
                raise beyond_9999()
            day = date.fromordinal(ordinal)
            book = self.book(day.year)
            wall = () if ordinal in book.closed else self.hours.days[day.weekday()]
            cached = open_spans(day, wall, self.zone, book.transitions) if wall else ()
            if len(self._spans) >= CACHED_DATES:
                self._spans.clear()
            self._spans[ordinal] = cached
        return cached

    def length(self, ordinal: int) -> timedelta:
        if ordinal > LAST_ORDINAL:
            raise beyond_9999()
        departure = self.book(date.fromordinal(ordinal).year).departures.get(ordinal)
        nominal = self._wall[(ordinal + 6) % 7]
        return nominal + departure[0] if departure else nominal

    def is_business_day(self, ordinal: int) -> bool:
        return self.length(ordinal) > ZERO

    def open_time(self, first: int, stop: int) -> timedelta:
        """Open time of the dates ``first <= ordinal < stop``."""
        if stop <= first:
            return ZERO
        weeks, rest = divmod(stop - first, 7)
        weekday = (first + 6) % 7
        nominal = weeks * self.week_time + self._time_through[weekday + rest] - self._time_through[weekday]
        return nominal + self._departures(first, stop)[0]

    def business_days(self, first: int, stop: int) -> int:
        """Business days among the dates ``first <= ordinal < stop``."""
        if stop <= first:
            return 0
        weeks, rest = divmod(stop - first, 7)
        weekday = (first + 6) % 7
        nominal = weeks * self.week_days + self._days_through[weekday + rest] - self._days_through[weekday]
        return nominal + self._departures(first, stop)[1]

    def reach_time(self, ordinal: int, remaining: timedelta) -> tuple[int, timedelta]:
        """The first date from ``ordinal`` on which ``remaining`` (> 0) of open time runs out,
        and how much of it is left to count inside that date."""
        idle = 0
        while (weeks := min(remaining // self.week_time - 1, (LAST_ORDINAL - ordinal) // 7)) > 0:
            gained = self.open_time(ordinal, ordinal + 7 * weeks)
            if gained >= remaining:
                break
            idle = idle + 7 * weeks if not gained else 0
            _check_idle(idle)
            ordinal, remaining = ordinal + 7 * weeks, remaining - gained
        while remaining > (length := self.length(ordinal)):
            remaining -= length
            idle = idle + 1 if not length else 0
            _check_idle(idle)
            ordinal += 1
        return ordinal, remaining

    def reach_days(self, ordinal: int, count: int) -> int:
        """The ``count``-th (>= 1) business day counting from ``ordinal`` itself."""
        idle = 0
        while (weeks := min(count // self.week_days - 1, (LAST_ORDINAL - ordinal) // 7)) > 0:
            gained = self.business_days(ordinal, ordinal + 7 * weeks)
            idle = idle + 7 * weeks if not gained else 0
            _check_idle(idle)
            ordinal, count = ordinal + 7 * weeks, count - gained
        while True:
            if self.is_business_day(ordinal):
                count -= 1
                if count == 0:
                    return ordinal
                idle = 0
            else:
                idle += 1
                _check_idle(idle)
            ordinal += 1

    def book(self, year: int) -> YearBook:
        book = self._books.get(year)
        if book is None:
            book = self._books[year] = self._write_book(year)
        return book

    def _departures(self, first: int, stop: int) -> tuple[timedelta, int]:
        time, days = ZERO, 0
        for year in range(date.fromordinal(first).year, date.fromordinal(stop - 1).year + 1):
            book = self.book(year)
            low, high = bisect_left(book.ordinals, first), bisect_left(book.ordinals, stop)
            time += book.time_before[high] - book.time_before[low]
            days += book.days_before[high] - book.days_before[low]
        return time, days

    def _write_book(self, year: int) -> YearBook:
        closed = {day for day in self.closed_dates if day.year == year}
        if self.closed_for_year is not None:
            closed.update(day for day in self.closed_for_year(year) if day.year == year)
        closed_ordinals = frozenset(d.toordinal() for d in closed if self.hours.days[d.weekday()])
        transitions = transitions_around(self.zone, year)
        departures = {ordinal: (-self._wall[(ordinal + 6) % 7], -1) for ordinal in closed_ordinals}
        for ordinal in _dates_near(transitions, year):
            wall = self.hours.days[(ordinal + 6) % 7]
            if not wall or ordinal in closed_ordinals:
                continue
            real = open_between(open_spans(date.fromordinal(ordinal), wall, self.zone, transitions), None, None)
            if real != self._wall[(ordinal + 6) % 7]:
                departures[ordinal] = (real - self._wall[(ordinal + 6) % 7], 0 if real else -1)
        ordinals = tuple(sorted(departures))
        return YearBook(
            closed=closed_ordinals,
            transitions=transitions,
            ordinals=ordinals,
            time_before=tuple(accumulate((departures[o][0] for o in ordinals), initial=ZERO)),
            days_before=tuple(accumulate((departures[o][1] for o in ordinals), initial=0)),
            departures=departures,
        )


def _dates_near(transitions: tuple[Transition, ...], year: int) -> set[int]:
    """Local dates of ``year`` that a transition may touch: a generous two days either side."""
    near = set()
    for transition in transitions:
        middle = transition.at.toordinal()
        near.update(range(middle - 2, middle + 3))
    first, last = date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
    return {ordinal for ordinal in near if first <= ordinal <= min(last, LAST_ORDINAL)}


def _check_idle(idle_days: int) -> None:
    if idle_days > IDLE_DAYS:
        raise never_reached()
