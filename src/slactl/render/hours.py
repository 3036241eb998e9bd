"""A calendar's hours in words: ``Mon-Fri 08:00-19:00; closed on MX public holidays``."""

from __future__ import annotations

from slactl.policy.calendar import Calendar

DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def hours_text(calendar: Calendar) -> str:
    """Weekdays with the same hours grouped (``Mon-Fri``), then holidays and closed dates."""
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
        parts.append(f"{days} " + ", ".join(f"{hhmm(s)}-{hhmm(e)}" for s, e in intervals))
    text = "; ".join(parts) or "never open"
    if calendar.holidays is not None:
        text += f"; closed on {calendar.holidays.region} public holidays"
    if calendar.closed:
        text += f"; closed {len(calendar.closed)} extra date(s)"
    return text


def hhmm(minutes: int) -> str:
    """``510`` → ``08:30``."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
