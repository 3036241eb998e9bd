"""A policy's named calendar (YAML ``calendars:``): weekly hours in a zone, minus public holidays
and closed dates. It is a ``businesstime.Calendar``: ``add`` and ``elapsed`` count its business
time (the engine built from it does the arithmetic)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo

from slactl.businesstime import AlwaysOpen, BusinessCalendar, Calendar as Engine, WeeklyHours
from slactl.businesstime.duration import Duration
from slactl.businesstime.holidays import PublicHolidays
from slactl.businesstime.pauses import Pause

ALWAYS = "24x7"
"""The built-in calendar: every instant is business time."""


@dataclass(frozen=True, slots=True)
class Calendar:
    """``name`` (``24x7`` or a YAML key), weekly ``hours`` in ``zone``, closed on ``holidays`` and
    ``closed`` dates. Immutable; safe to share between threads."""

    name: str
    zone: tzinfo
    hours: WeeklyHours
    label: str | None = None
    holidays: PublicHolidays | None = None
    closed: tuple[date, ...] = ()
    source: str | None = None
    assumption: str | None = None
    engine: Engine = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        engine: Engine = AlwaysOpen() if self.is_always else BusinessCalendar(
            self.zone, self.hours, self.holidays, frozenset(self.closed))
        object.__setattr__(self, "engine", engine)

    @classmethod
    def always(cls, zone: tzinfo) -> Calendar:
        """The ``24x7`` calendar, shown in ``zone``."""
        return cls(ALWAYS, zone, WeeklyHours.around_the_clock(), label="24 hours, 7 days a week")

    @property
    def is_always(self) -> bool:
        return self.name == ALWAYS

    @property
    def is_empty(self) -> bool:
        return self.hours.is_empty

    def add(self, start: datetime, duration: Duration, pauses: Sequence[Pause] = ()) -> datetime:
        """The due instant (UTC) ``duration`` of business time after ``start``; see ``businesstime``."""
        return self.engine.add(start, duration, pauses)

    def elapsed(self, start: datetime, end: datetime, pauses: Sequence[Pause] = ()) -> timedelta:
        """Business time in ``[start, end)`` outside ``pauses``."""
        return self.engine.elapsed(start, end, pauses)

    def is_open(self, instant: datetime) -> bool:
        return self.engine.is_open(instant)

    def next_open(self, instant: datetime) -> datetime:
        return self.engine.next_open(instant)
