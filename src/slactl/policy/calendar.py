"""A policy's named calendar (YAML ``calendars:``): weekly hours in a zone, minus public holidays
(adjusted by ``add``/``remove`` and an iCalendar file) and closed dates, with dated exceptions.
It is a ``businesstime.Calendar``: ``add`` and ``elapsed`` count its business time (the engine
built from it does the arithmetic)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo

from slactl.businesstime import AlwaysOpen, BusinessCalendar, Calendar as Engine, WeeklyHours
from slactl.businesstime.duration import Duration
from slactl.businesstime.holidays import Holidays, PublicHolidays
from slactl.businesstime.ics_holidays import IcsHolidays
from slactl.businesstime.pauses import Pause
from slactl.businesstime.weekly_hours import Minutes

ALWAYS = "24x7"
"""The built-in calendar: every instant is business time."""


@dataclass(frozen=True, slots=True)
class Calendar:
    """``name`` (``24x7`` or a YAML key), weekly ``hours`` in ``zone``, closed on ``holidays``
    (a region's public holidays) but the ``holidays_removed`` dates, on ``holidays_added`` and
    ``closed`` dates, and on what the iCalendar file ``ics`` (as written in the policy) holds
    (``ics_holidays``: whole dates, and timed closures whose floating times are wall times of
    ``zone``). ``exceptions`` gives dates hours of their own, ``()`` for closed, whatever the
    rest says. Immutable; safe to share between threads."""

    name: str
    zone: tzinfo
    hours: WeeklyHours
    label: str | None = None
    holidays: PublicHolidays | None = None
    closed: tuple[date, ...] = ()
    source: str | None = None
    assumption: str | None = None
    exceptions: tuple[tuple[date, tuple[Minutes, ...]], ...] = ()
    holidays_added: tuple[date, ...] = ()
    holidays_removed: tuple[date, ...] = ()
    ics: str | None = None
    ics_holidays: IcsHolidays | None = None
    engine: Engine = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "engine", AlwaysOpen(self.zone) if self.is_always else self._business())

    def _business(self) -> BusinessCalendar:
        listed = self.ics_holidays.dates if self.ics_holidays else ()
        plain = not listed and not self.holidays_added and not self.holidays_removed
        closed_for_year = self.holidays if plain else Holidays(
            self.holidays, frozenset(listed), frozenset(self.holidays_added), frozenset(self.holidays_removed))
        closures = [(self._instant(a), self._instant(b)) for a, b in self.ics_holidays.spans] if self.ics_holidays else []
        return BusinessCalendar(self.zone, self.hours, closed_for_year, frozenset(self.closed),
                                dict(self.exceptions), closures)

    def _instant(self, moment: datetime) -> datetime:
        """A floating time of the iCalendar file is a wall time of this calendar's zone (its
        first reading when the clocks fall back, the old offset inside a gap)."""
        return moment if moment.tzinfo is not None else moment.replace(tzinfo=self.zone)

    @classmethod
    def always(cls, zone: tzinfo) -> Calendar:
        """The ``24x7`` calendar, shown in ``zone``."""
        return cls(ALWAYS, zone, WeeklyHours.around_the_clock(), label="24 hours, 7 days a week")

    @property
    def is_always(self) -> bool:
        """True for the built-in ``24x7`` calendar."""
        return self.name == ALWAYS

    @property
    def is_empty(self) -> bool:
        """True when the calendar has no weekly hours."""
        return self.hours.is_empty

    def add(self, start: datetime, duration: Duration, pauses: Sequence[Pause] = ()) -> datetime:
        """The due instant (UTC) ``duration`` of business time after ``start``; see ``businesstime``."""
        return self.engine.add(start, duration, pauses)

    def elapsed(self, start: datetime, end: datetime, pauses: Sequence[Pause] = ()) -> timedelta:
        """Business time in ``[start, end)`` outside ``pauses``."""
        return self.engine.elapsed(start, end, pauses)

    def is_open(self, instant: datetime) -> bool:
        """Whether the calendar is open at ``instant`` (aware)."""
        return self.engine.is_open(instant)

    def next_open(self, instant: datetime) -> datetime:
        """``instant`` itself when open, else the next opening (UTC)."""
        return self.engine.next_open(instant)
