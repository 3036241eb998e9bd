"""A calendar's hours in words: ``Mon-Fri 08:00-19:00; closed on MX public holidays``, then its
holiday overrides and dated exceptions (``open on 2026-11-16 despite the list``,
``2026-12-24 09:00-13:00``)."""

from __future__ import annotations

from datetime import date

from slactl.policy.calendar import Calendar

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def hours_text(calendar: Calendar) -> str:
    """Weekdays with the same hours grouped (``Mon-Fri``), then holidays, closed dates and
    exceptions. A night interval reads as written, its end before its start (``22:00-06:00``)."""
    if calendar.is_always:
        return "24x7"
    groups: list[tuple[int, int, tuple]] = []
    for day, intervals in enumerate(calendar.hours.days):
        if groups and groups[-1][2] == intervals and groups[-1][1] == day - 1:
            groups[-1] = (groups[-1][0], day, intervals)
        else:
            groups.append((day, day, intervals))
    parts = []
    for first, last, intervals in groups:
        if not intervals:
            continue
        days = DAY_NAMES[first] if first == last else f"{DAY_NAMES[first]}-{DAY_NAMES[last]}"
        parts.append(f"{days} {intervals_text(intervals)}")
    text = "; ".join(parts) or "never open"
    if calendar.holidays is not None:
        text += f"; closed on {calendar.holidays.region} public holidays"
    if calendar.ics is not None:
        text += f"; closed on the holidays of {calendar.ics}"
        if calendar.ics_holidays is not None:
            text += f" ({_count(len(calendar.ics_holidays.dates), 'date')}, "
            text += f"{_count(len(calendar.ics_holidays.spans), 'timed closure')})"
    if calendar.holidays_removed:
        text += f"; open on {_dates(calendar.holidays_removed)} despite the holiday list"
    if calendar.holidays_added:
        text += f"; closed on added holiday(s) {_dates(calendar.holidays_added)}"
    if calendar.closed:
        text += f"; closed {len(calendar.closed)} extra date(s)"
    if calendar.exceptions:
        text += "; exceptions: " + ", ".join(f"{day.isoformat()} {intervals_text(walls)}" for day, walls in calendar.exceptions)
    return text


def intervals_text(intervals: tuple[tuple[int, int], ...]) -> str:
    """``08:00-12:00, 22:00-06:00``, or ``closed`` for none."""
    return ", ".join(f"{hhmm(s)}-{hhmm(e)}" for s, e in intervals) or "closed"


def hhmm(minutes: int) -> str:
    """``510`` → ``08:30``; an end past midnight reads as the next day's clock (``1800`` → ``06:00``)."""
    if minutes > 1440:
        minutes -= 1440
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _dates(days: tuple[date, ...]) -> str:
    return ", ".join(day.isoformat() for day in days)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
