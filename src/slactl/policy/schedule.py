"""A named calendar as a policy declares it: weekly hours, holidays and closed dates in a zone."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, tzinfo

ALWAYS = "24x7"
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
Interval = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Schedule:
    """``week[d]`` holds the opening intervals of weekday ``d`` (0 = Monday) in minutes after
    local midnight; an end of 1440 means the day runs until 24:00."""

    name: str
    zone: tzinfo
    week: tuple[tuple[Interval, ...], ...]
    label: str | None = None
    holiday_country: str | None = None
    holiday_subdivision: str | None = None
    closed: tuple[date, ...] = ()
    source: str | None = None
    assumption: str | None = None

    def __post_init__(self) -> None:
        if len(self.week) != 7:
            raise ValueError("a week has seven days")
        for intervals in self.week:
            previous_end = -1
            for start, end in intervals:
                if not 0 <= start < end <= 1440 or start < previous_end:
                    raise ValueError("opening intervals must be sorted, non-overlapping, within 00:00-24:00")
                previous_end = end

    @classmethod
    def always(cls, zone: tzinfo) -> Schedule:
        return cls(ALWAYS, zone, tuple(((0, 1440),) for _ in range(7)), label="24 hours, 7 days a week")

    @property
    def is_always(self) -> bool:
        return self.name == ALWAYS

    @property
    def is_empty(self) -> bool:
        return not any(self.week)

    def describe_hours(self) -> str:
        """``Mon-Fri 08:00-19:00`` style summary."""
        if self.is_always:
            return "24x7"
        groups: list[tuple[int, int, tuple[Interval, ...]]] = []
        for day, intervals in enumerate(self.week):
            if groups and groups[-1][2] == intervals and groups[-1][1] == day - 1:
                groups[-1] = (groups[-1][0], day, intervals)
            else:
                groups.append((day, day, intervals))
        parts = []
        for first, last, intervals in groups:
            if not intervals:
                continue
            days = DAY_NAMES[first] if first == last else f"{DAY_NAMES[first]}-{DAY_NAMES[last]}"
            parts.append(f"{days} " + ", ".join(f"{hhmm(s)}-{hhmm(e)}" for s, e in intervals))
        text = "; ".join(parts) or "never open"
        if self.holiday_country:
            region = self.holiday_country + (f"-{self.holiday_subdivision}" if self.holiday_subdivision else "")
            text += f"; closed on {region} public holidays"
        if self.closed:
            text += f"; closed {len(self.closed)} extra date(s)"
        return text


def hhmm(minutes: int) -> str:
    """``510`` → ``08:30``."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
