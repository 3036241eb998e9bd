"""From a policy's declared ``Schedule`` to a business-time ``Calendar`` of the engine.

Holidays come from the ``holidays`` library, imported only when a calendar that declares them
computes something, and built one year at a time (or read from a ``HolidayStore`` such as the
on-disk cache, so that a warm start does not import the library at all).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from functools import lru_cache
from typing import Protocol

from slactl.businesstime import AlwaysOpen, BusinessCalendar, Calendar, WeeklyHours
from slactl.policy.schedule import Schedule

_ALWAYS = AlwaysOpen()


class HolidayStore(Protocol):
    def dates(self, country: str, subdivision: str | None, year: int) -> tuple[date, ...]: ...


_store: HolidayStore | None = None


def use_holiday_store(store: HolidayStore | None) -> None:
    """Answer holiday dates from ``store`` (None: straight from the library)."""
    global _store
    _store = store


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
        if _store is not None:
            return _store.dates(country, subdivision, year)
        return holiday_dates(country, subdivision, year)

    return for_year


def holiday_dates(country: str, subdivision: str | None, year: int) -> tuple[date, ...]:
    import holidays

    return tuple(sorted(holidays.country_holidays(country, subdiv=subdivision, years=year)))


def holiday_subdivisions(country: str) -> tuple[str, ...] | None:
    """The subdivisions ``holidays`` knows for ``country``, or None for an unknown country.

    Looks the code up in the library's registry and imports only that country's module, not
    all of them (``list_supported_countries`` imports every country: ~0.3 s)."""
    import importlib

    from holidays.registry import COUNTRIES

    for module, (class_name, *codes) in COUNTRIES.items():
        if country in codes and len(country) <= 3:
            found = getattr(importlib.import_module(f"holidays.countries.{module}"), class_name)
            return tuple(found.subdivisions)
    return None
