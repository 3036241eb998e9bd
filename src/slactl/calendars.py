"""From a policy's declared ``Schedule`` to a business-time ``Calendar`` of the engine.

Holidays come from the ``holidays`` library, imported only when a calendar declares them and
built one year at a time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from functools import lru_cache

from slactl.calendar import AlwaysOpen, BusinessCalendar, Calendar, WeeklyHours
from slactl.schedule import Schedule

_ALWAYS = AlwaysOpen()


def calendar_for(schedule: Schedule) -> Calendar:
    """The engine calendar for ``schedule`` (cached: schedules are frozen and hashable by identity)."""
    if schedule.is_always:
        return _ALWAYS
    return _business(schedule)


@lru_cache(maxsize=64)
def _business(schedule: Schedule) -> BusinessCalendar:
    hours = WeeklyHours.from_minutes({day: intervals for day, intervals in enumerate(schedule.week)})
    closed_for_year = None
    if schedule.holiday_country:
        closed_for_year = public_holidays(schedule.holiday_country, schedule.holiday_subdivision)
    return BusinessCalendar(schedule.zone, hours, closed_for_year, frozenset(schedule.closed))


def public_holidays(country: str, subdivision: str | None) -> Callable[[int], Iterable[date]]:
    """A ``year -> dates`` function over the ``holidays`` library (observed dates included)."""

    @lru_cache(maxsize=None)
    def for_year(year: int) -> tuple[date, ...]:
        import holidays

        return tuple(sorted(holidays.country_holidays(country, subdiv=subdivision, years=year)))

    return for_year
