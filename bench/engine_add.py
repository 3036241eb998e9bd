"""Microseconds per ``BusinessCalendar.add`` on Mon-Fri 08-19 America/Mexico_City with MX holidays.

Run: ``PYTHONPATH=src python bench/engine_add.py``. Starts are spread over a year so that most
calls meet a date the calendar has not built yet on the first pass; the best of several rounds
is printed.
"""

from __future__ import annotations

import timeit
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import holidays

from slactl.businesstime import BusinessCalendar, WeeklyHours
from slactl.businesstime.duration import Duration

ZONE = ZoneInfo("America/Mexico_City")
TARGETS = ("15m", "4h", "3d", "30d", "250d", "2000h")
STARTS = [datetime(2026, 1, 1, 7, 13, tzinfo=ZONE) + timedelta(hours=7 * i) for i in range(1000)]


def _mexican_holidays(year: int):
    return holidays.country_holidays("MX", years=year).keys()


def main() -> None:
    calendar = BusinessCalendar(
        ZONE, WeeklyHours.from_minutes({day: [(480, 1140)] for day in range(5)}), _mexican_holidays
    )
    for text in TARGETS:
        duration = Duration.parse(text)
        rounds = timeit.repeat(
            lambda: [calendar.add(start, duration) for start in STARTS], number=1, repeat=5
        )
        print(f"{text:>6}: {min(rounds) / len(STARTS) * 1e6:6.1f} µs per add")


if __name__ == "__main__":
    main()
