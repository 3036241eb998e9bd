"""Zones, calendars and instant builders shared by the calendar tests."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import holidays

from slactl.businesstime import BusinessCalendar, WeeklyHours

MEXICO_CITY = ZoneInfo("America/Mexico_City")
MADRID = ZoneInfo("Europe/Madrid")
NEW_YORK = ZoneInfo("America/New_York")
UTC = timezone.utc
UTC_MINUS_5 = timezone(timedelta(hours=-5))

MONDAY_TO_FRIDAY = range(5)


def every(weekdays, *intervals: tuple[int, int]) -> WeeklyHours:
    return WeeklyHours.from_minutes({weekday: list(intervals) for weekday in weekdays})


def hm(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def at(zone, text: str, fold: int = 0) -> datetime:
    """``at(MADRID, "2026-11-20 19:30")``: a wall time in ``zone``."""
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=zone, fold=fold)


def mexican_holidays(year: int):
    return holidays.country_holidays("MX", years=year).keys()


MX_OFFICE = BusinessCalendar(
    MEXICO_CITY, every(MONDAY_TO_FRIDAY, (hm("08:00"), hm("19:00"))), mexican_holidays
)
MADRID_OFFICE = BusinessCalendar(MADRID, every(MONDAY_TO_FRIDAY, (hm("08:00"), hm("20:00"))))
MADRID_SPLIT_DAY = BusinessCalendar(
    MADRID, every(MONDAY_TO_FRIDAY, (hm("09:00"), hm("13:00")), (hm("15:00"), hm("19:00")))
)
IVCISA = BusinessCalendar(UTC_MINUS_5, every(MONDAY_TO_FRIDAY, (hm("08:00"), hm("17:30"))))
WITH_SATURDAY_MORNING = BusinessCalendar(
    MADRID,
    WeeklyHours.from_minutes(
        {**{day: [(hm("09:00"), hm("19:00"))] for day in MONDAY_TO_FRIDAY}, 5: [(hm("09:00"), hm("13:00"))]}
    ),
)
AROUND_THE_CLOCK_UTC = BusinessCalendar(UTC, WeeklyHours.around_the_clock())
AROUND_THE_CLOCK_MADRID = BusinessCalendar(MADRID, WeeklyHours.around_the_clock())
AROUND_THE_CLOCK_NEW_YORK = BusinessCalendar(NEW_YORK, WeeklyHours.around_the_clock())
NIGHT_SHIFT_MADRID = BusinessCalendar(MADRID, every(range(7), (hm("01:00"), hm("04:00"))))
NIGHT_SHIFT_NEW_YORK = BusinessCalendar(NEW_YORK, every(range(7), (hm("01:00"), hm("04:00"))))
LATE_NIGHT_MADRID = BusinessCalendar(MADRID, every(range(7), (hm("02:30"), hm("04:00"))))
EVENING_INTO_MORNING_UTC = BusinessCalendar(
    UTC, WeeklyHours.from_minutes({0: [(hm("18:00"), 1440)], 1: [(0, hm("06:00"))]})
)
