"""The engine against a minute-by-minute reference, on calendars with night intervals, dated
exceptions, closed dates and timed closures (issue 17).

The reference reads the definitions literally, one minute at a time, in fixed-offset zones
(DST is pinned by the hand-computed tests): a minute belongs to date D when D's hours (its
exception's, or its weekday's unless D is closed) contain it, counted from D's midnight, so a
night interval of D reaches into D + 1; a timed closure shuts it unless D has an exception.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from hypothesis import given, settings
from budget import examples
from hypothesis import strategies as st

from slactl.businesstime import BusinessCalendar, WeeklyHours
from slactl.businesstime.duration import Duration

MINUTE = timedelta(minutes=1)
ZONES = st.sampled_from([timezone(timedelta(hours=-5)), timezone(timedelta(hours=1)), timezone.utc])
FIRST, LAST = date(2026, 12, 20), date(2027, 1, 10)


@st.composite
def day_hours(draw, *, nights: bool):
    """None, one or two intervals on half hours; with ``nights`` the last may pass midnight."""
    count = draw(st.integers(0, 2))
    edges = sorted(draw(st.lists(st.integers(0, 47), min_size=2 * count, max_size=2 * count, unique=True)))
    intervals = [(edges[i] * 30, edges[i + 1] * 30) for i in range(0, len(edges), 2)]
    if intervals and nights and intervals[-1][0] >= 600 and draw(st.booleans()):
        start, _ = intervals[-1]
        intervals[-1] = (start, 1440 + draw(st.integers(1, 8)) * 30)  # until 00:30 to 04:00 next day
    return intervals


@st.composite
def calendars(draw):
    """A calendar whose nights end by 04:00 and whose days start at 04:00 or later after a night."""
    week = {}
    for weekday in range(7):
        hours = draw(day_hours(nights=True))
        week[weekday] = hours
    for weekday in range(7):  # keep the next day clear of the night: start at 04:00 at the earliest
        following = (weekday + 1) % 7
        if week[weekday] and week[weekday][-1][1] > 1440:
            week[following] = [(max(a, 240), b) for a, b in week[following] if b > 240 and max(a, 240) < b]
    hours = WeeklyHours.from_minutes(week)
    exceptions = {}
    for day in draw(st.lists(st.dates(FIRST, LAST), max_size=5, unique=True)):
        walls = [(a, b) for a, b in draw(day_hours(nights=False)) if a >= 240]
        exceptions[day] = walls
    for day, walls in list(exceptions.items()):  # an exception's neighbours must not overlap it either
        before = exceptions.get(day - timedelta(days=1), hours.days[(day - timedelta(days=1)).weekday()])
        if before and before[-1][1] - 1440 > (walls[0][0] if walls else 1440):
            del exceptions[day]
    zone = draw(ZONES)
    closed = draw(st.frozensets(st.dates(FIRST, LAST), max_size=4))
    closures = []
    for _ in range(draw(st.integers(0, 3))):
        shut = datetime.combine(draw(st.dates(FIRST, LAST)), datetime.min.time(), zone) + draw(st.integers(0, 47)) * 30 * MINUTE
        closures.append((shut, shut + draw(st.integers(1, 96)) * 30 * MINUTE))
    return BusinessCalendar(zone, hours, closed_dates=closed, exceptions=exceptions, closures=closures)


def owner(calendar: BusinessCalendar, minute: datetime) -> date | None:
    """The date whose hours hold ``minute`` (its start), or None when it is closed."""
    zone = calendar.zone
    local = minute.astimezone(zone)
    exceptions = dict(calendar.exceptions)
    for day in (local.date() - timedelta(days=1), local.date()):
        walls = exceptions.get(day)
        if walls is None:
            walls = () if day in calendar.closed_dates else calendar.hours.days[day.weekday()]
        since = (minute - datetime.combine(day, datetime.min.time(), zone)) // MINUTE
        if any(a <= since < b for a, b in walls):
            if day not in exceptions and any(shut <= minute < reopens for shut, reopens in calendar.closures):
                return None
            return day
    return None


def reference_add(calendar, start: datetime, minutes: int) -> datetime:
    cursor = start
    while True:
        if owner(calendar, cursor) is not None:
            minutes -= 1
            if minutes == 0:
                return cursor + MINUTE
        cursor += MINUTE


def reference_end_of_day(calendar, start: datetime) -> datetime:
    cursor = start
    while owner(calendar, cursor) is None:
        cursor += MINUTE
    day, last = owner(calendar, cursor), cursor
    for _ in range(3 * 1440):
        cursor += MINUTE
        if owner(calendar, cursor) == day:
            last = cursor
    return last + MINUTE


starts = st.builds(lambda day, minute: datetime.combine(day, datetime.min.time(), timezone.utc) + minute * MINUTE,
                   st.dates(date(2026, 12, 22), date(2027, 1, 2)), st.integers(0, 1439))
REFERENCE = settings(max_examples=examples(150), deadline=None)


@REFERENCE
@given(calendars(), starts, st.integers(1, 600))
def test_add_and_elapsed_agree_with_the_minute_by_minute_reference(calendar, start, minutes):
    if not any(owner(calendar, start + n * 30 * MINUTE) for n in range(2 * 48 * 7)):
        return  # closed for a week near the start: the reference would walk too far
    due = reference_add(calendar, start, minutes)
    if due.date() > LAST + timedelta(days=1):
        return  # past the dates the strategy shapes
    assert calendar.add(start, Duration(0, minutes * MINUTE)) == due
    assert calendar.elapsed(start, due) == minutes * MINUTE


@REFERENCE
@given(calendars(), starts)
def test_end_of_day_agrees_with_the_minute_by_minute_reference(calendar, start):
    if not any(owner(calendar, start + n * 30 * MINUTE) for n in range(48 * 6)):
        return
    expected = reference_end_of_day(calendar, start)
    assert calendar.add(start, Duration(end_of_day=True)) == expected
    # The last minute before the closing is open; at the closing that day's hours are over.
    assert owner(calendar, expected - MINUTE) is not None
    assert owner(calendar, expected) != owner(calendar, expected - MINUTE)
