"""Hypothesis strategies for business-time tests: zones, weekly hours, calendars, instants near DST
changes, durations and pauses."""

from datetime import date, datetime, timedelta

from hypothesis import assume, settings
from budget import examples
from hypothesis import strategies as st

from calendar_samples import MADRID, MEXICO_CITY, NEW_YORK, UTC, UTC_MINUS_5
from slactl.businesstime import BusinessCalendar, WeeklyHours
from slactl.businesstime.duration import Duration

BUDGET = settings(max_examples=examples(200), deadline=None)
ONE_MINUTE = timedelta(minutes=1)
ONE_MICROSECOND = timedelta(microseconds=1)

zones = st.sampled_from([MADRID, NEW_YORK, MEXICO_CITY, UTC_MINUS_5, UTC])


@st.composite
def day_hours(draw):
    """Zero to three intervals on quarter hours, often reaching 24:00."""
    count = draw(st.integers(0, 3))
    edges = sorted(draw(st.lists(st.integers(0, 96), min_size=2 * count, max_size=2 * count, unique=True)))
    if edges and draw(st.booleans()):
        edges[-1] = 96
        assume(len(set(edges)) == len(edges))
    return [(edges[i] * 15, edges[i + 1] * 15) for i in range(0, len(edges), 2)]


@st.composite
def weekly_hours(draw):
    hours = WeeklyHours.from_minutes({weekday: draw(day_hours()) for weekday in range(7)})
    assume(not hours.is_empty)
    return hours


closed_dates = st.frozensets(st.dates(date(2020, 1, 1), date(2031, 12, 31)), max_size=30)


@st.composite
def calendars(draw):
    return BusinessCalendar(draw(zones), draw(weekly_hours()), closed_dates=draw(closed_dates))


DST_CHANGES = [
    datetime(2026, 3, 29, 1, tzinfo=UTC),
    datetime(2026, 10, 25, 1, tzinfo=UTC),
    datetime(2026, 3, 8, 7, tzinfo=UTC),
    datetime(2026, 11, 1, 6, tzinfo=UTC),
    datetime(2022, 10, 30, 7, tzinfo=UTC),
]
near_dst_changes = st.builds(
    lambda change, minutes: change + timedelta(minutes=minutes),
    st.sampled_from(DST_CHANGES),
    st.integers(-60 * 24 * 3, 60 * 24),
)
instants = st.one_of(
    st.datetimes(datetime(2020, 1, 1), datetime(2030, 12, 31), timezones=st.just(UTC)), near_dst_changes
)
minute_instants = instants.map(lambda instant: instant.replace(second=0, microsecond=0))
clock_times = st.integers(1, 60 * 24 * 40).map(lambda minutes: timedelta(minutes=minutes))
business_days = st.integers(1, 300)
durations = st.one_of(
    clock_times.map(lambda time: Duration(0, time)),
    st.builds(Duration, business_days, st.sampled_from([timedelta(0), timedelta(hours=1), timedelta(minutes=90)])),
)


@st.composite
def pause_lists(draw, around):
    pauses = []
    for _ in range(draw(st.integers(0, 4))):
        start = around + timedelta(minutes=draw(st.integers(-3000, 60 * 24 * 30)))
        pauses.append((start, start + timedelta(minutes=draw(st.integers(0, 60 * 24 * 5)))))
    return pauses


