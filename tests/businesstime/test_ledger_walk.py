"""The ledger's jumps (whole weeks, then bisection over a span when dates with hours of their own
or DST add time) against a walk one date at a time over the same ledger's date lengths.

Dates with hours of their own (issue 17: "a half day (24 December closing at 13:00) or any date
with hours of its own") can give a span more open time or more business days than its weekdays
promise; the ledger then bisects the span. These examples put such dates next to the start, in
zones with and without DST.
"""

from datetime import date, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from budget import examples
from calendar_strategies import day_hours, weekly_hours, zones
from slactl.businesstime.ledger import Ledger
from slactl.businesstime.weekly_hours import WeeklyHours

START = date(2026, 3, 1).toordinal()  # March and October hold the DST changes of the sample zones
WALK = settings(max_examples=examples(300), deadline=None)


@st.composite
def ledgers(draw):
    """A ledger whose first 60 dates from ``START`` may have hours of their own or be closed."""
    offsets = draw(st.dictionaries(st.integers(0, 60), day_hours(), max_size=12))
    exceptions = {START + offset: tuple(hours) for offset, hours in offsets.items()}
    closed = draw(st.frozensets(st.integers(0, 60).map(lambda offset: date.fromordinal(START + offset)), max_size=5))
    return Ledger(draw(zones), draw(weekly_hours()), None, closed, exceptions)


def _walk_time(ledger: Ledger, ordinal: int, remaining: timedelta) -> tuple[int, timedelta]:
    while ledger.length(ordinal) < remaining:
        remaining -= ledger.length(ordinal)
        ordinal += 1
    return ordinal, remaining


def _walk_days(ledger: Ledger, ordinal: int, count: int) -> int:
    while True:
        count -= ledger.business_days(ordinal, ordinal + 1)
        if count == 0:
            return ordinal
        ordinal += 1


@WALK
@given(ledgers(), st.integers(0, 30), st.integers(1, 60 * 24 * 30))
def test_reach_time_is_the_walk(ledger, offset, minutes):
    remaining = timedelta(minutes=minutes)
    assert ledger.reach_time(START + offset, remaining) == _walk_time(ledger, START + offset, remaining)


@WALK
@given(ledgers(), st.integers(0, 30), st.integers(1, 40))
def test_reach_days_is_the_walk(ledger, offset, count):
    assert ledger.reach_days(START + offset, count) == _walk_days(ledger, START + offset, count)


def test_an_opened_weekend_makes_the_span_bisect():
    # Mon-Fri 08:00-16:00 (8 h); Saturday 7 and Sunday 8 March 2026 opened 08:00-16:00 as well.
    # 16 h from Saturday: Saturday 8 h, Sunday 8 h: the Sunday, with all of its 8 h to count.
    weekdays = WeeklyHours.from_minutes({day: [(480, 960)] if day < 5 else [] for day in range(7)})
    saturday = date(2026, 3, 7).toordinal()
    ledger = Ledger(ZoneInfo("UTC"), weekdays, None, frozenset(), {saturday: ((480, 960),), saturday + 1: ((480, 960),)})
    assert ledger.reach_time(saturday, timedelta(hours=16)) == (saturday + 1, timedelta(hours=8))
    # The second business day from Saturday is the Sunday, not Monday 9 March.
    assert ledger.reach_days(saturday, 2) == saturday + 1
