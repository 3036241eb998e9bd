"""Opening hours of one week, as wall-clock minutes after local midnight, Monday first.

An interval belongs to the day it starts on. Its end may pass midnight: ``(1320, 1800)`` is
22:00 to 06:00 of the next day (``fri: "22:00-06:00"`` opens Friday night into Saturday
morning), so an end runs up to, but not including, 24 hours after the start. Only a day's last
interval can pass midnight, and it must end before the next day's first interval starts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import timedelta

MINUTES_PER_DAY = 1440
WEEKDAYS = range(7)

Minutes = tuple[int, int]


@dataclass(frozen=True, slots=True)
class WeeklyHours:
    """``days[weekday]`` holds that weekday's open intervals ``(start, end)`` in minutes.

    ``end`` may be 1440 (24:00): the day is open until midnight; past 1440 it runs into the
    next day. Intervals of one day are sorted and apart; touching ones are merged by
    :meth:`from_minutes`.
    """

    days: tuple[tuple[Minutes, ...], ...]

    def __post_init__(self) -> None:
        if len(self.days) != 7:
            raise ValueError(f"weekly hours need 7 days, Monday first; got {len(self.days)}")
        for weekday, intervals in zip(WEEKDAYS, self.days):
            _check_day(f"weekday {weekday}", intervals, touching_allowed=False)
        for weekday in WEEKDAYS:
            following = (weekday + 1) % 7
            check_night(f"weekday {weekday}", self.days[weekday], f"weekday {following}", self.days[following])

    @classmethod
    def from_minutes(cls, by_weekday: Mapping[int, Iterable[Minutes]]) -> WeeklyHours:
        """Build from ``{0: [(480, 1140)], ...}``; weekday 0 is Monday, missing days are closed."""
        unknown = sorted(set(by_weekday) - set(WEEKDAYS))
        if unknown:
            raise ValueError(f"weekday must be 0 (Monday) to 6 (Sunday); got {unknown}")
        return cls(tuple(day_intervals(by_weekday.get(weekday, ()), f"weekday {weekday}") for weekday in WEEKDAYS))

    @classmethod
    def around_the_clock(cls) -> WeeklyHours:
        """00:00-24:00 every day."""
        return cls.from_minutes({weekday: [(0, MINUTES_PER_DAY)] for weekday in WEEKDAYS})

    @property
    def is_empty(self) -> bool:
        """True when no weekday has opening hours."""
        return not any(self.days)

    @property
    def runs_overnight(self) -> bool:
        """Whether some day's hours run past midnight into the next day."""
        return any(intervals and intervals[-1][1] > MINUTES_PER_DAY for intervals in self.days)

    def wall_length(self, weekday: int) -> timedelta:
        """Open wall time of ``weekday`` (0 is Monday)."""
        return timedelta(minutes=sum(end - start for start, end in self.days[weekday]))

    @property
    def open_weekdays(self) -> int:
        """How many weekdays have opening hours."""
        return sum(1 for intervals in self.days if intervals)


def day_intervals(intervals: Iterable[Minutes], day: str) -> tuple[Minutes, ...]:
    """One day's intervals checked (``day`` names it in errors) and touching ones merged."""
    checked = tuple((int(start), int(end)) for start, end in intervals)
    _check_day(day, checked, touching_allowed=True)
    return _merge_touching(checked)


def check_night(day: str, intervals: tuple[Minutes, ...], following: str, next_intervals: tuple[Minutes, ...]) -> None:
    """Refuse a night interval of ``day`` that runs into the hours of the ``following`` day."""
    if intervals and next_intervals and intervals[-1][1] - MINUTES_PER_DAY > next_intervals[0][0]:
        start, end = intervals[-1]
        raise ValueError(
            f"{day}: interval {_clock(start)}-{_clock(end)} runs into {following}'s "
            f"{_clock(next_intervals[0][0])}-{_clock(next_intervals[0][1])}"
        )


def _check_day(day: str, intervals: tuple[Minutes, ...], *, touching_allowed: bool) -> None:
    for start, end in intervals:
        if not 0 <= start < MINUTES_PER_DAY or not start < end or not (end <= MINUTES_PER_DAY or end < start + MINUTES_PER_DAY):
            raise ValueError(
                f"{day}: interval {_clock(start)}-{_clock(end)} must satisfy 00:00 <= start < 24:00 and "
                "start < end <= 24:00, or an end past midnight less than 24 h after the start"
            )
    for (_, end), (start, _) in zip(intervals, intervals[1:]):
        if start < end or (start == end and not touching_allowed):
            raise ValueError(
                f"{day}: intervals must be sorted and not overlap "
                f"({_clock(start)} comes before {_clock(end)})"
            )


def _merge_touching(intervals: tuple[Minutes, ...]) -> tuple[Minutes, ...]:
    merged: list[Minutes] = []
    for start, end in intervals:
        if merged and merged[-1][1] == start:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return tuple(merged)


def _clock(minutes: int) -> str:
    """``510`` is ``08:30``; an end in the next day reads as its clock time there (``1800``: ``06:00``)."""
    if minutes > MINUTES_PER_DAY:
        minutes -= MINUTES_PER_DAY
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
