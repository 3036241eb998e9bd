"""Dates with hours of their own (``exceptions``), timed closures and adjusted holiday lists.

Issue 17: "a half day (24 December closing at 13:00) or any date with hours of its own"; "a
public holiday the provider works although the holidays library lists it, or one the library
lacks". Calendar: Mon-Fri 08:00-19:00 in America/Mexico_City (UTC-06:00 all year since 2022),
Mexican holidays from the library (2026-11-16 Revolution Day, 2026-12-25, 2027-01-01 are
among them; 2026-12-24 and 2026-12-31 are not).
"""

from datetime import date, datetime, timedelta

import pytest

from calendar_samples import MEXICO_CITY, MX_OFFICE, UTC, at, hm, mexican_holidays
from slactl.businesstime import BusinessCalendar, WeeklyHours
from slactl.businesstime.duration import Duration
from slactl.businesstime.holidays import Holidays, PublicHolidays

MX = MEXICO_CITY
WITH_EXCEPTIONS = BusinessCalendar(MX, MX_OFFICE.hours, mexican_holidays, exceptions={
    date(2026, 12, 24): [(hm("09:00"), hm("13:00"))],   # Christmas Eve, a half day
    date(2026, 12, 31): [],                              # New Year's Eve, closed
    date(2026, 11, 16): [(hm("08:00"), hm("19:00"))],   # Revolution Day, worked anyway
    date(2026, 11, 21): [(hm("10:00"), hm("14:00"))],   # a Saturday morning opened
})


def case(name, calendar, start, duration, due):
    return pytest.param(calendar, at(MX, start), Duration.parse(duration), at(MX, due).astimezone(UTC), id=name)


@pytest.mark.parametrize("calendar, start, duration, due", [
    # Dec 24 closes at 13:00 (1 h left from 12:00); Dec 25 is a holiday, then the weekend: Mon 28 08:00 + 1 h.
    case("two hours from Christmas Eve noon end Monday 09:00", WITH_EXCEPTIONS, "2026-12-24 12:00", "2h",
         "2026-12-28 09:00"),
    # Wed 23 18:00 is 10 h into its day; Dec 24 is 4 h long, so the offset clamps to its 13:00 closing.
    case("a day from Wednesday 18:00 clamps to the half day's 13:00", WITH_EXCEPTIONS, "2026-12-23 18:00", "1d",
         "2026-12-24 13:00"),
    # Year end: 1 h to Dec 30 19:00; Dec 31 closed by exception; Jan 1 a holiday; weekend; Mon Jan 4 08:00 + 1 h.
    case("New Year's Eve closed and New Year's Day skip to Monday 4 January", WITH_EXCEPTIONS, "2026-12-30 18:00",
         "2h", "2027-01-04 09:00"),
    # Fri 13 18:30: 30 min left; Revolution Day is worked (exception), so Mon 16 08:30.
    case("an exception opens a public holiday", WITH_EXCEPTIONS, "2026-11-13 18:30", "1h", "2026-11-16 08:30"),
    # Without the exception the same hour is Tuesday 08:30 (the holiday is closed).
    case("without it the holiday stays closed", MX_OFFICE, "2026-11-13 18:30", "1h", "2026-11-17 08:30"),
    # Fri 20 18:30: 30 min left; Saturday 21 opens 10:00: 10:30.
    case("an exception opens a Saturday", WITH_EXCEPTIONS, "2026-11-20 18:30", "1h", "2026-11-21 10:30"),
    # Fri 20 18:30 is 10 h 30 into its day; the next business day is the 4-hour Saturday: its closing.
    case("a day from Friday evening clamps to the opened Saturday's closing", WITH_EXCEPTIONS, "2026-11-20 18:30",
         "1d", "2026-11-21 14:00"),
    # Fri 20 10:00 is 2 h into its day; business days after it: Sat 21 (1), Mon 23 (2): Mon 10:00.
    case("two days count the opened Saturday", WITH_EXCEPTIONS, "2026-11-20 10:00", "2d", "2026-11-23 10:00"),
])
def test_add_with_exceptions(calendar, start, duration, due):
    assert calendar.add(start, duration) == due


def test_elapsed_counts_the_half_day():
    # Dec 24 09-13 (4 h) + Mon Dec 28 08-19 (11 h); Dec 25 is a holiday, 26-27 the weekend.
    assert WITH_EXCEPTIONS.elapsed(at(MX, "2026-12-24 00:00"), at(MX, "2026-12-29 00:00")) == timedelta(hours=15)


def test_an_exception_night_running_into_the_next_days_hours_cannot_exist():
    # A Friday exception 22:00-09:00 runs into Saturday? Saturday has no hours: fine. Into Monday's 08:00: refused.
    BusinessCalendar(MX, MX_OFFICE.hours, exceptions={date(2026, 11, 20): [(hm("22:00"), hm("09:00") + 1440)]})
    with pytest.raises(ValueError, match="2026-11-22: interval 22:00-09:00 runs into 2026-11-23's 08:00-19:00"):
        BusinessCalendar(MX, MX_OFFICE.hours, exceptions={date(2026, 11, 22): [(hm("22:00"), hm("09:00") + 1440)]})


# -- timed closures (an iCalendar file's timed events) ---------------------------------------

HALF_DAY_CLOSURE = BusinessCalendar(MX, MX_OFFICE.hours, mexican_holidays, closures=[
    (datetime(2026, 12, 31, 14, tzinfo=MX), datetime(2026, 12, 31, 19, tzinfo=MX))])


def test_a_timed_closure_shortens_its_day():
    # Dec 31 12:00: 2 h to the closure at 14:00; Jan 1 holiday; weekend; Mon Jan 4 08:00 + 1 h.
    assert HALF_DAY_CLOSURE.add(at(MX, "2026-12-31 12:00"), Duration.parse("3h")) == at(MX, "2027-01-04 09:00")
    # A day from Wed 30 18:00 (10 h in) clamps to Dec 31's closing, now 14:00.
    assert HALF_DAY_CLOSURE.add(at(MX, "2026-12-30 18:00"), Duration.parse("1d")) == at(MX, "2026-12-31 14:00")
    assert HALF_DAY_CLOSURE.elapsed(at(MX, "2026-12-31 00:00"), at(MX, "2027-01-01 00:00")) == timedelta(hours=6)


def test_a_closure_covering_a_whole_day_removes_a_business_day():
    # Closed Mon Nov 23 00:00 to Tue Nov 24 00:00: a day from Fri 20 10:00 is Tue 24 10:00.
    calendar = BusinessCalendar(MX, MX_OFFICE.hours, closures=[
        (datetime(2026, 11, 23, tzinfo=MX), datetime(2026, 11, 24, tzinfo=MX))])
    assert calendar.add(at(MX, "2026-11-20 10:00"), Duration.parse("1d")) == at(MX, "2026-11-24 10:00")


def test_a_closure_cuts_a_night_past_midnight():
    # Friday's night 22:00-06:00; closed Sat 00:00-02:00 (+01:00 Madrid): 2 h before midnight, 4 h after 02:00.
    from calendar_samples import MADRID

    nights = BusinessCalendar(MADRID, WeeklyHours.from_minutes({4: [(hm("22:00"), hm("06:00") + 1440)]}),
                              closures=[(datetime(2026, 11, 21, tzinfo=MADRID), datetime(2026, 11, 21, 2, tzinfo=MADRID))])
    assert nights.add(at(MADRID, "2026-11-20 22:00"), Duration.parse("3h")) == at(MADRID, "2026-11-21 03:00")
    assert nights.elapsed(at(MADRID, "2026-11-20 12:00"), at(MADRID, "2026-11-21 12:00")) == timedelta(hours=6)


# -- adjusted holiday lists --------------------------------------------------------------------


def test_removed_and_added_holidays():
    # Revolution Day 2026-11-16 removed (worked), Friday 2026-11-20 added (closed).
    adjusted = Holidays(PublicHolidays("MX"), added={date(2026, 11, 20)}, removed={date(2026, 11, 16)})
    assert date(2026, 11, 16) not in adjusted(2026) and date(2026, 11, 20) in adjusted(2026)
    assert date(2026, 12, 25) in adjusted(2026)
    calendar = BusinessCalendar(MX, MX_OFFICE.hours, adjusted)
    # Thu 19 18:30: 30 min left; Fri 20 closed; Mon 16 is behind; so Mon 23 08:30.
    assert calendar.add(at(MX, "2026-11-19 18:30"), Duration.parse("1h")) == at(MX, "2026-11-23 08:30")
    # Fri 13 18:30: 30 min left; Mon 16 worked: 08:30.
    assert calendar.add(at(MX, "2026-11-13 18:30"), Duration.parse("1h")) == at(MX, "2026-11-16 08:30")


def test_listed_dates_without_a_region_and_removed_listed_dates():
    adjusted = Holidays(listed={date(2026, 12, 24), date(2026, 12, 31), date(2027, 1, 1)}, removed={date(2026, 12, 31)})
    assert adjusted(2026) == (date(2026, 12, 24),) and adjusted(2027) == (date(2027, 1, 1),)


def test_an_exception_beats_an_added_holiday():
    calendar = BusinessCalendar(MX, MX_OFFICE.hours, Holidays(added={date(2026, 12, 24)}),
                                exceptions={date(2026, 12, 24): [(hm("09:00"), hm("13:00"))]})
    assert calendar.add(at(MX, "2026-12-24 08:00"), Duration.parse("1h")) == at(MX, "2026-12-24 10:00")


def test_exceptions_on_a_week_of_one_day_add_business_days():
    # Only Mondays open 09-10; exceptions open Tue 24 and Wed 25 Nov 09-10.
    hours = WeeklyHours.from_minutes({0: [(hm("09:00"), hm("10:00"))]})
    calendar = BusinessCalendar(MX, hours, exceptions={date(2026, 11, 24): [(hm("09:00"), hm("10:00"))],
                                                       date(2026, 11, 25): [(hm("09:00"), hm("10:00"))]})
    # From Mon 23 09:30 (30 min in): business days Tue 24 (1), Wed 25 (2), Mon 30 (3).
    assert calendar.add(at(MX, "2026-11-23 09:30"), Duration.parse("1d")) == at(MX, "2026-11-24 09:30")
    assert calendar.add(at(MX, "2026-11-23 09:30"), Duration.parse("2d")) == at(MX, "2026-11-25 09:30")
    assert calendar.add(at(MX, "2026-11-23 09:30"), Duration.parse("3d")) == at(MX, "2026-11-30 09:30")
