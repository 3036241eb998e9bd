"""Open time and business days per local date, counted by whole weeks and a few exceptions.

A date's open time is its weekday's wall length, except on the few *exceptional* dates of a
year: closed dates on open weekdays, dates with hours of their own (``exceptions``), dates a
timed closure cuts into, and DST dates whose real length differs. Sums over a range of dates are
weeks times the weekly total plus the exceptions inside the range (found with bisect over prefix
sums), so their cost does not grow with the range.

A date's spans are its own hours, night intervals included (they belong to the date they start
on), so consecutive dates' spans follow each other: the rules of the format refuse a night
interval running into the next date's hours. Next to an offset change, wall readings can repeat
(a night ending at 01:30 on a fall-back night reads 01:00-01:30 twice); there a date's spans are
cut to start after the previous date's last closing, so the order still holds.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta, tzinfo
from itertools import accumulate

from slactl.businesstime.weekly_hours import MINUTES_PER_DAY, Minutes, WeeklyHours
from slactl.businesstime.intervals import Span, not_before, open_between, without
from slactl.businesstime.limits import IDLE_DAYS, LAST_ORDINAL, beyond_9999, never_reached
from slactl.businesstime.local_day import open_spans
from slactl.businesstime.transitions import Transition, transitions_around

ZERO = timedelta(0)
ONE_MICROSECOND = timedelta(microseconds=1)
CACHED_DATES = 8192

ClosedForYear = Callable[[int], Iterable[date]]


@dataclass(frozen=True, slots=True)
class YearBook:
    """One year's exceptional dates, with running totals of how far each departs from nominal.

    ``walls`` holds the hours of dates that do not follow their weekday (``()`` when closed),
    ``cut`` the dates a timed closure may shorten, ``near`` the dates next to an offset change."""

    walls: dict[int, tuple[Minutes, ...]]
    cut: frozenset[int]
    near: frozenset[int]
    transitions: tuple[Transition, ...]
    ordinals: tuple[int, ...] = ()
    time_before: tuple[timedelta, ...] = (ZERO,)
    days_before: tuple[int, ...] = (0,)
    departures: dict[int, tuple[timedelta, int]] = field(default_factory=dict)


class Ledger:
    """The memo of one business calendar: year books and the open spans of recent dates."""

    __slots__ = ("zone", "hours", "closed_for_year", "closed_dates", "exceptions", "closures", "week_time",
                 "week_days", "_wall", "_time_through", "_days_through", "_books", "_spans", "_nights")

    def __init__(self, zone: tzinfo, hours: WeeklyHours, closed_for_year: ClosedForYear | None,
                 closed_dates: frozenset[date], exceptions: Mapping[int, tuple[Minutes, ...]] | None = None,
                 closures: tuple[Span, ...] = ()):
        """``exceptions`` maps a date's ordinal to its own hours; ``closures`` are sorted,
        disjoint UTC spans closed on every date but those."""
        self.zone, self.hours = zone, hours
        self.closed_for_year, self.closed_dates = closed_for_year, closed_dates
        self.exceptions, self.closures = dict(exceptions or {}), closures
        self._nights = hours.runs_overnight or any(w and w[-1][1] > MINUTES_PER_DAY for w in self.exceptions.values())
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
            cached = self._day_spans(ordinal, self.book(date.fromordinal(ordinal).year))
            if len(self._spans) >= CACHED_DATES:
                self._spans.clear()
            self._spans[ordinal] = cached
        return cached

    def _walls(self, ordinal: int, book: YearBook) -> tuple[Minutes, ...]:
        walls = book.walls.get(ordinal)
        return self.hours.days[(ordinal + 6) % 7] if walls is None else walls

    def _day_spans(self, ordinal: int, book: YearBook, *, after_night: bool = True) -> tuple[Span, ...]:
        walls = self._walls(ordinal, book)
        if not walls:
            return ()
        spans = open_spans(date.fromordinal(ordinal), walls, self.zone, book.transitions)
        if ordinal in book.cut:
            spans = without(spans, self.closures)
        if spans and after_night and self._nights and ordinal in book.near:
            before = ordinal - 1
            before_book = book if date.fromordinal(before).year == date.fromordinal(ordinal).year else self.book(
                date.fromordinal(before).year)
            night = self._day_spans(before, before_book, after_night=False)
            if night:
                spans = not_before(spans, night[-1][1])
        return spans

    def length(self, ordinal: int) -> timedelta:
        """Open time of the local date ``ordinal`` (real time: DST dates differ from their weekday)."""
        if ordinal > LAST_ORDINAL:
            raise beyond_9999()
        departure = self.book(date.fromordinal(ordinal).year).departures.get(ordinal)
        nominal = self._wall[(ordinal + 6) % 7]
        return nominal + departure[0] if departure else nominal

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
        while True:
            span = self._span(ordinal, self._nominal_days_for_time(ordinal, remaining))
            gained = self.open_time(ordinal, ordinal + span)
            if gained < remaining:
                idle = _idle(idle, span, gained)
                ordinal, remaining = self._past(ordinal + span), remaining - gained
                continue
            before_last = gained - self.length(ordinal + span - 1)
            if before_last < remaining:
                return ordinal + span - 1, remaining - before_last
            return self._bisect_time(ordinal, span, remaining)

    def reach_days(self, ordinal: int, count: int) -> int:
        """The ``count``-th (>= 1) business day counting from ``ordinal`` itself.

        A span holding exactly ``count`` business days and ending on one ends on the one sought;
        dates with hours of their own may add days, and then the span is bisected."""
        idle = 0
        while True:
            span = self._span(ordinal, self._nominal_days_for_days(ordinal, count))
            gained = self.business_days(ordinal, ordinal + span)
            if gained == count and self.length(ordinal + span - 1):
                return ordinal + span - 1
            if gained >= count:
                return self._bisect_days(ordinal, span, count)
            idle = _idle(idle, span, gained)
            ordinal, count = self._past(ordinal + span), count - gained

    def _nominal_days_for_time(self, ordinal: int, remaining: timedelta) -> int:
        """How many dates from ``ordinal`` a week without exceptions needs to hold ``remaining``."""
        weeks = (remaining - ONE_MICROSECOND) // self.week_time
        rest = remaining - weeks * self.week_time
        weekday = (ordinal + 6) % 7
        through = self._time_through
        return 7 * weeks + bisect_left(through, through[weekday] + rest, lo=weekday) - weekday

    def _nominal_days_for_days(self, ordinal: int, count: int) -> int:
        weeks, rest = divmod(count - 1, self.week_days)
        weekday = (ordinal + 6) % 7
        through = self._days_through
        return 7 * weeks + bisect_left(through, through[weekday] + rest + 1, lo=weekday) - weekday

    def _bisect_time(self, ordinal: int, span: int, remaining: timedelta) -> tuple[int, timedelta]:
        """DST added time inside the span: find the date by bisection over the span."""
        days = _fewest_days(span, lambda days: self.open_time(ordinal, ordinal + days) >= remaining)
        return ordinal + days - 1, remaining - self.open_time(ordinal, ordinal + days - 1)

    def _bisect_days(self, ordinal: int, span: int, count: int) -> int:
        """The date on which the ``count``-th business day from ``ordinal`` falls, within the span."""
        return ordinal + _fewest_days(span, lambda days: self.business_days(ordinal, ordinal + days) >= count) - 1

    @staticmethod
    def _span(ordinal: int, days: int) -> int:
        if ordinal > LAST_ORDINAL:
            raise beyond_9999()
        return min(days, LAST_ORDINAL + 1 - ordinal)

    @staticmethod
    def _past(ordinal: int) -> int:
        if ordinal > LAST_ORDINAL:
            raise beyond_9999()
        return ordinal

    def book(self, year: int) -> YearBook:
        """The year book of ``year``, written on first use and kept."""
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
        first, last = date(year, 1, 1).toordinal(), min(date(year, 12, 31).toordinal(), LAST_ORDINAL)
        closed = {day for day in self.closed_dates if day.year == year}
        if self.closed_for_year is not None:
            closed.update(day for day in self.closed_for_year(year) if day.year == year)
        walls: dict[int, tuple[Minutes, ...]] = {d.toordinal(): () for d in closed if self.hours.days[d.weekday()]}
        walls.update((o, w) for o, w in self.exceptions.items() if first <= o <= last)
        transitions = transitions_around(self.zone, year)
        cut = frozenset(self._cut_dates(first, last)) - set(self.exceptions)
        book = YearBook(walls, cut, frozenset(_dates_near(transitions, year)), transitions)
        departures = {}
        for ordinal in sorted(set(walls) | cut | book.near):
            nominal = self._wall[(ordinal + 6) % 7]
            real = open_between(self._day_spans(ordinal, book), None, None)
            change = (real - nominal, (1 if real else 0) - (1 if nominal else 0))
            if change != (ZERO, 0):
                departures[ordinal] = change
        ordinals = tuple(sorted(departures))
        return YearBook(
            walls=walls, cut=cut, near=book.near, transitions=transitions, ordinals=ordinals,
            time_before=tuple(accumulate((departures[o][0] for o in ordinals), initial=ZERO)),
            days_before=tuple(accumulate((departures[o][1] for o in ordinals), initial=0)),
            departures=departures,
        )

    def _cut_dates(self, first: int, last: int) -> Iterable[int]:
        """Dates of ``[first, last]`` whose spans a closure may meet: the local dates it touches
        and, for a night that runs past midnight, the date before."""
        for shut, reopens in self.closures:
            low = shut.astimezone(self.zone).toordinal() - 1
            high = (reopens - ONE_MICROSECOND).astimezone(self.zone).toordinal()
            yield from range(max(low, first), min(high, last) + 1)


def _dates_near(transitions: tuple[Transition, ...], year: int) -> set[int]:
    """Local dates of ``year`` that a transition may touch: a generous two days either side."""
    near: set[int] = set()
    for transition in transitions:
        middle = transition.at.toordinal()
        near.update(range(middle - 2, middle + 3))
    first, last = date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
    return {ordinal for ordinal in near if first <= ordinal <= min(last, LAST_ORDINAL)}


def _idle(idle: int, span: int, gained: object) -> int:
    """Days in a row without open time so far; too many means the target is never reached."""
    if gained:
        return 0
    if idle + span > IDLE_DAYS:
        raise never_reached()
    return idle + span


def _fewest_days(span: int, enough: Callable[[int], bool]) -> int:
    """The fewest days in ``1..span`` for which ``enough(days)`` holds (it holds at ``span`` and,
    once it holds, for every longer stretch), by bisection."""
    low, high = 0, span
    while high - low > 1:
        middle = (low + high) // 2
        if enough(middle):
            high = middle
        else:
            low = middle
    return high
