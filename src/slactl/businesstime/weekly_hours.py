"""Opening hours of one week, as wall-clock minutes after local midnight, Monday first."""

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

    ``end`` may be 1440 (24:00): the day is open until midnight. Intervals of one day are sorted
    and apart; touching ones are merged by :meth:`from_minutes`.
    """

    days: tuple[tuple[Minutes, ...], ...]

    def __post_init__(self) -> None:
        if len(self.days) != 7:
            raise ValueError(f"weekly hours need 7 days, Monday first; got {len(self.days)}")
        for weekday, intervals in zip(WEEKDAYS, self.days):
            _check_day(weekday, intervals, touching_allowed=False)

    @classmethod
    def from_minutes(cls, by_weekday: Mapping[int, Iterable[Minutes]]) -> WeeklyHours:
        """Build from ``{0: [(480, 1140)], ...}``; weekday 0 is Monday, missing days are closed."""
        unknown = sorted(set(by_weekday) - set(WEEKDAYS))
        if unknown:
            raise ValueError(f"weekday must be 0 (Monday) to 6 (Sunday); got {unknown}")
        days = []
        for weekday in WEEKDAYS:
            intervals = tuple((int(start), int(end)) for start, end in by_weekday.get(weekday, ()))
            _check_day(weekday, intervals, touching_allowed=True)
            days.append(_merge_touching(intervals))
        return cls(tuple(days))

    @classmethod
    def around_the_clock(cls) -> WeeklyHours:
        return cls.from_minutes({weekday: [(0, MINUTES_PER_DAY)] for weekday in WEEKDAYS})

    @property
    def is_empty(self) -> bool:
        return not any(self.days)

    def wall_length(self, weekday: int) -> timedelta:
        return timedelta(minutes=sum(end - start for start, end in self.days[weekday]))

    @property
    def open_weekdays(self) -> int:
        return sum(1 for intervals in self.days if intervals)


def _check_day(weekday: int, intervals: tuple[Minutes, ...], *, touching_allowed: bool) -> None:
    for start, end in intervals:
        if not 0 <= start < end <= MINUTES_PER_DAY:
            raise ValueError(
                f"weekday {weekday}: interval {_clock(start)}-{_clock(end)} must satisfy "
                "00:00 <= start < end <= 24:00"
            )
    for (_, end), (start, _) in zip(intervals, intervals[1:]):
        if start < end or (start == end and not touching_allowed):
            raise ValueError(
                f"weekday {weekday}: intervals must be sorted and not overlap "
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
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
