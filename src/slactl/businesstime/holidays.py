"""Public holidays from the ``holidays`` library: the dates a calendar closes on, one year at a time.

The library is imported only when a calendar that declares holidays computes something (or a
policy naming a country is validated), and each year's dates are asked for once per
``PublicHolidays`` (a store such as the on-disk cache can answer instead of the library).
``Holidays`` adjusts such a list: dates of an iCalendar file, dates the provider adds, dates it
works although a list names them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Protocol

HolidayDates = Callable[[str, "str | None", int], tuple[date, ...]]
"""``(country, subdivision, year) -> dates``: the library itself (``holiday_dates``) or a store."""


class HolidayStore(Protocol):
    """Where holiday dates come from when not from the library directly (a cache)."""

    def dates(self, country: str, subdivision: str | None, year: int) -> tuple[date, ...]:
        """The public holidays of ``country`` (ISO 3166) and ``subdivision`` (or None) in
        ``year``, as ``holiday_dates`` gives them (sorted)."""
        ...


@dataclass(frozen=True, slots=True)
class PublicHolidays:
    """The public holidays of ``country`` (ISO 3166, e.g. ``MX``) and optional ``subdivision``;
    calling it with a year gives that year's dates (observed dates included), remembered."""

    country: str
    subdivision: str | None = None
    store: HolidayStore | None = field(default=None, compare=False, repr=False)
    _by_year: Callable[[int], tuple[date, ...]] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        source = self.store.dates if self.store is not None else holiday_dates
        country, subdivision = self.country, self.subdivision
        object.__setattr__(self, "_by_year", lru_cache(maxsize=None)(lambda year: source(country, subdivision, year)))

    def __call__(self, year: int) -> tuple[date, ...]:
        return self._by_year(year)

    @property
    def region(self) -> str:
        """``CO`` or ``ES-MD``."""
        return self.country + (f"-{self.subdivision}" if self.subdivision else "")


@dataclass(frozen=True, slots=True)
class Holidays:
    """The whole dates a calendar closes on: ``public`` holidays (or none) and ``listed`` dates
    (an iCalendar file's all-day events), minus ``removed``, plus ``added``. Calling it with a
    year gives that year's dates, sorted."""

    public: PublicHolidays | None = None
    listed: frozenset[date] = frozenset()
    added: frozenset[date] = frozenset()
    removed: frozenset[date] = frozenset()

    def __post_init__(self) -> None:
        for name in ("listed", "added", "removed"):
            object.__setattr__(self, name, frozenset(getattr(self, name)))

    def __call__(self, year: int) -> tuple[date, ...]:
        found = set(self.public(year)) if self.public is not None else set()
        found.update(day for day in self.listed | self.added if day.year == year)
        return tuple(sorted(found - self.removed))


def holiday_dates(country: str, subdivision: str | None, year: int) -> tuple[date, ...]:
    """The library's dates of ``year``, sorted."""
    import holidays

    return tuple(sorted(holidays.country_holidays(country, subdiv=subdivision, years=year)))


def holiday_subdivisions(country: str) -> tuple[str, ...] | None:
    """The subdivisions ``holidays`` knows for ``country``, or None for an unknown country.

    Uses the library's public ``list_supported_countries``, which imports every country module
    (~0.3 s): only validation calls it, and a loaded policy set is cached."""
    import holidays

    found = holidays.list_supported_countries().get(country)
    return None if found is None else tuple(found)
