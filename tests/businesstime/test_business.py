"""Deadlines on business calendars, every expected instant worked out by hand.

Seeds: Mon-Fri 08:00-19:00 America/Mexico_City with Mexican holidays (Revolution Day,
Monday 2026-11-16, is one); Mon-Fri 08:00-20:00 Europe/Madrid; IVCISA Mon-Fri 08:00-17:30
at UTC-05:00.
"""

from datetime import date, datetime, timedelta, timezone

import pytest

from calendar_samples import (
    AROUND_THE_CLOCK_MADRID,
    AROUND_THE_CLOCK_NEW_YORK,
    AROUND_THE_CLOCK_UTC,
    EVENING_INTO_MORNING_UTC,
    IVCISA,
    LATE_NIGHT_MADRID,
    MADRID,
    MADRID_OFFICE,
    MADRID_SPLIT_DAY,
    MEXICO_CITY,
    MONDAY_TO_FRIDAY,
    MX_OFFICE,
    NEW_YORK,
    NIGHT_SHIFT_MADRID,
    NIGHT_SHIFT_NEW_YORK,
    UTC,
    UTC_MINUS_5,
    WITH_SATURDAY_MORNING,
    at,
    every,
    hm,
)
from slactl.businesstime import BusinessCalendar, WeeklyHours
from slactl.businesstime.duration import Duration
from slactl.errors import InputError

MX, MAD, NY = MEXICO_CITY, MADRID, NEW_YORK


def case(name, calendar, zone, start, duration, due, due_fold=0, start_fold=0):
    """Expected instants go to UTC: Python never calls an ambiguous wall time equal across zones."""
    return pytest.param(
        calendar, at(zone, start, start_fold), Duration.parse(duration), at(zone, due, due_fold).astimezone(UTC), id=name
    )


@pytest.mark.parametrize(
    "calendar, start, duration, due",
    [
        case("high opened Friday 18:30 is due Monday 08:30", MX_OFFICE, MX, "2026-11-20 18:30", "1h", "2026-11-23 08:30"),
        case("one day from Friday 18:30 is Monday 18:30", MX_OFFICE, MX, "2026-11-20 18:30", "1d", "2026-11-23 18:30"),
        case("one day from Monday's opening is Monday's closing, the earliest instant at that position", MX_OFFICE, MX, "2026-11-23 08:00", "1d", "2026-11-23 19:00"),
        case("three days from Friday 18:30 is Wednesday 18:30", MX_OFFICE, MX, "2026-11-20 18:30", "3d", "2026-11-25 18:30"),
        case("an hour from Friday 13 18:30 skips holiday Monday and is Tuesday 08:30", MX_OFFICE, MX, "2026-11-13 18:30", "1h", "2026-11-17 08:30"),
        case("one day from Friday 13 18:30 skips holiday Monday and is Tuesday 18:30", MX_OFFICE, MX, "2026-11-13 18:30", "1d", "2026-11-17 18:30"),
        case("an hour from Saturday 10:00 is Monday 09:00", MX_OFFICE, MX, "2026-11-21 10:00", "1h", "2026-11-23 09:00"),
        case("one day from Saturday is Monday's closing", MX_OFFICE, MX, "2026-11-21 10:00", "1d", "2026-11-23 19:00"),
        case("opened before opening counts from 08:00", MX_OFFICE, MX, "2026-11-23 06:00", "2h", "2026-11-23 10:00"),
        case("opened after closing counts from the next morning", MX_OFFICE, MX, "2026-11-24 20:00", "2h", "2026-11-25 10:00"),
        case("opened on a holiday counts from the next business morning", MX_OFFICE, MX, "2026-11-16 10:00", "1h", "2026-11-17 09:00"),
        case("a deadline landing on closing time is that closing time", MX_OFFICE, MX, "2026-11-20 17:00", "2h", "2026-11-20 19:00"),
        case("a full day of hours from Friday's opening ends at Friday's closing", MX_OFFICE, MX, "2026-11-20 08:00", "11h", "2026-11-20 19:00"),
        case("one day and four hours applies the day first, then the hours", MX_OFFICE, MX, "2026-11-20 18:30", "1d4h", "2026-11-24 11:30"),
        case("one day from after closing clamps to the next day's closing", MX_OFFICE, MX, "2026-11-20 20:00", "1d", "2026-11-23 19:00"),
        case("250 business days skip the five weekday holidays on the way", MX_OFFICE, MX, "2026-11-20 18:30", "250d", "2027-11-12 18:30"),
        case("a holiday on Saturday changes nothing", MX_OFFICE, MX, "2027-12-24 18:30", "1h", "2027-12-27 08:30"),
        case("Madrid Friday 19:30 plus four hours is Monday 11:30", MADRID_OFFICE, MAD, "2026-11-20 19:30", "4h", "2026-11-23 11:30"),
        case("an hour from 12:30 crosses lunch and is 15:30", MADRID_SPLIT_DAY, MAD, "2026-11-25 12:30", "1h", "2026-11-25 15:30"),
        case("an hour from inside lunch counts from 15:00", MADRID_SPLIT_DAY, MAD, "2026-11-25 13:30", "1h", "2026-11-25 16:00"),
        case("an hour from 12:00 ends at the lunch closing, not after lunch", MADRID_SPLIT_DAY, MAD, "2026-11-25 12:00", "1h", "2026-11-25 13:00"),
        case("one day from Friday 18:00 clamps to the short Saturday's closing", WITH_SATURDAY_MORNING, MAD, "2026-11-20 18:00", "1d", "2026-11-21 13:00"),
        case("one day from Saturday 12:00 is Monday 12:00", WITH_SATURDAY_MORNING, MAD, "2026-11-21 12:00", "1d", "2026-11-23 12:00"),
        case("IVCISA Friday 17:00 plus an hour is Monday 08:30", IVCISA, UTC_MINUS_5, "2026-11-20 17:00", "1h", "2026-11-23 08:30"),
        case("IVCISA one day from Wednesday 12:00 is Thursday 12:00", IVCISA, UTC_MINUS_5, "2026-11-25 12:00", "1d", "2026-11-26 12:00"),
        case("a 24x7 calendar in UTC runs through midnight", AROUND_THE_CLOCK_UTC, UTC, "2026-11-20 22:00", "5h", "2026-11-21 03:00"),
        case("a day on a 24x7 calendar in UTC is 24 hours", AROUND_THE_CLOCK_UTC, UTC, "2026-11-21 10:00", "1d", "2026-11-22 10:00"),
        case("a day from midnight on a 24x7 calendar in UTC is the next midnight", AROUND_THE_CLOCK_UTC, UTC, "2026-11-21 00:00", "1d", "2026-11-22 00:00"),
        case("hours ending at 24:00 flow into hours starting at 00:00", EVENING_INTO_MORNING_UTC, UTC, "2026-11-23 23:00", "2h", "2026-11-24 01:00"),
        case("hours ending at 24:00 end a deadline at midnight", EVENING_INTO_MORNING_UTC, UTC, "2026-11-23 23:00", "1h", "2026-11-24 00:00"),
    ],
)
def test_add(calendar, start, duration, due):
    result = calendar.add(start, duration)
    assert result == due
    assert result.tzinfo is timezone.utc


@pytest.mark.parametrize(
    "calendar, start, duration, due",
    [
        case("Madrid spring forward: 24x7 keeps 24 real hours", AROUND_THE_CLOCK_MADRID, MAD, "2026-03-28 10:00", "24h", "2026-03-29 11:00"),
        case("Madrid spring forward: a day from Saturday 10:00 is 24 real hours", AROUND_THE_CLOCK_MADRID, MAD, "2026-03-28 10:00", "1d", "2026-03-29 11:00"),
        case("Madrid spring forward: a day's offset beyond the 23-hour Sunday clamps to its end", AROUND_THE_CLOCK_MADRID, MAD, "2026-03-28 23:30", "1d", "2026-03-30 00:00"),
        case("Madrid fall back: a day from Saturday 10:00 is 24 real hours", AROUND_THE_CLOCK_MADRID, MAD, "2026-10-24 10:00", "1d", "2026-10-25 09:00"),
        case("Madrid spring forward: the skipped hour is not open time", NIGHT_SHIFT_MADRID, MAD, "2026-03-29 01:00", "2h", "2026-03-29 04:00"),
        case("Madrid spring forward: 01:30 plus an hour jumps to 03:30", NIGHT_SHIFT_MADRID, MAD, "2026-03-29 01:30", "1h", "2026-03-29 03:30"),
        case("Madrid spring forward: the short night shift leaves an hour for the next night", NIGHT_SHIFT_MADRID, MAD, "2026-03-29 01:00", "3h", "2026-03-30 02:00"),
        case("Madrid spring forward: hours opening inside the gap open at the jump", LATE_NIGHT_MADRID, MAD, "2026-03-28 23:00", "1h", "2026-03-29 04:00"),
        case("Madrid fall back: the repeated hour is open twice", NIGHT_SHIFT_MADRID, MAD, "2026-10-25 01:00", "3h", "2026-10-25 03:00"),
        case("Madrid fall back: the repeated 02:30-03:00 counts twice", LATE_NIGHT_MADRID, MAD, "2026-10-24 23:00", "1h", "2026-10-25 03:00"),
        case("Madrid fall back: 720 hours on 24x7 are 720 real hours", AROUND_THE_CLOCK_MADRID, MAD, "2026-10-20 00:00", "720h", "2026-11-18 23:00"),
        case("Madrid spring forward: 720 hours on 24x7 are 720 real hours", AROUND_THE_CLOCK_MADRID, MAD, "2026-03-20 00:00", "720h", "2026-04-19 01:00"),
        case("New York spring forward: 24x7 keeps 24 real hours", AROUND_THE_CLOCK_NEW_YORK, NY, "2026-03-07 12:00", "1d", "2026-03-08 13:00"),
        case("New York fall back: the night shift has four real hours", NIGHT_SHIFT_NEW_YORK, NY, "2026-11-01 01:00", "3h", "2026-11-01 03:00"),
        case("New York fall back: the night shift's fourth hour ends at 04:00", NIGHT_SHIFT_NEW_YORK, NY, "2026-11-01 01:00", "4h", "2026-11-01 04:00"),
    ],
)
def test_add_across_daylight_saving(calendar, start, duration, due):
    assert calendar.add(start, duration) == due


def test_the_repeated_hour_lands_on_its_second_pass():
    due = NIGHT_SHIFT_MADRID.add(at(MAD, "2026-10-25 01:00"), Duration.parse("2h30m"))
    assert due == at(MAD, "2026-10-25 02:30", fold=1).astimezone(UTC)
    assert due == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    "calendar, start, end, elapsed",
    [
        pytest.param(MX_OFFICE, at(MX, "2026-11-20 18:30"), at(MX, "2026-11-23 08:30"), timedelta(hours=1), id="Friday 18:30 to Monday 08:30 is one business hour"),
        pytest.param(MX_OFFICE, at(MX, "2026-11-13 08:00"), at(MX, "2026-11-18 08:00"), timedelta(hours=22), id="a week with a holiday Monday has two full days to Wednesday"),
        pytest.param(MX_OFFICE, at(MX, "2026-11-23 10:00"), at(MX, "2026-11-23 09:00"), timedelta(0), id="an end before the start gives zero"),
        pytest.param(MX_OFFICE, at(MX, "2026-11-21 00:00"), at(MX, "2026-11-22 23:00"), timedelta(0), id="a weekend has no business time"),
        pytest.param(AROUND_THE_CLOCK_MADRID, at(MAD, "2026-03-29 00:00"), at(MAD, "2026-03-30 00:00"), timedelta(hours=23), id="Madrid's spring-forward Sunday lasts 23 hours"),
        pytest.param(AROUND_THE_CLOCK_MADRID, at(MAD, "2026-10-25 00:00"), at(MAD, "2026-10-26 00:00"), timedelta(hours=25), id="Madrid's fall-back Sunday lasts 25 hours"),
        pytest.param(LATE_NIGHT_MADRID, at(MAD, "2026-10-25 00:00"), at(MAD, "2026-10-26 00:00"), timedelta(hours=2), id="02:30-04:00 on the fall-back night lasts two hours"),
        pytest.param(MADRID_SPLIT_DAY, at(MAD, "2026-11-25 12:00"), at(MAD, "2026-11-25 16:00"), timedelta(hours=2), id="lunch is not business time"),
    ],
)
def test_elapsed(calendar, start, end, elapsed):
    assert calendar.elapsed(start, end) == elapsed


@pytest.mark.parametrize(
    "instant, is_open, next_open",
    [
        pytest.param(at(MX, "2026-11-20 10:00"), True, at(MX, "2026-11-20 10:00"), id="Friday 10:00 is open"),
        pytest.param(at(MX, "2026-11-20 19:00"), False, at(MX, "2026-11-23 08:00"), id="Friday 19:00 is closed and opens Monday 08:00"),
        pytest.param(at(MX, "2026-11-20 07:59"), False, at(MX, "2026-11-20 08:00"), id="Friday 07:59 opens a minute later"),
        pytest.param(at(MX, "2026-11-14 12:00"), False, at(MX, "2026-11-17 08:00"), id="Saturday before the holiday opens Tuesday"),
        pytest.param(at(MX, "2026-11-16 12:00"), False, at(MX, "2026-11-17 08:00"), id="the holiday itself is closed"),
    ],
)
def test_is_open_and_next_open(instant, is_open, next_open):
    assert MX_OFFICE.is_open(instant) is is_open
    assert MX_OFFICE.next_open(instant) == next_open


def test_zero_duration_returns_the_start_even_when_closed():
    saturday = at(MX, "2026-11-21 10:00")
    assert MX_OFFICE.add(saturday, Duration()) == saturday


def test_closed_dates_remove_a_working_day():
    calendar = BusinessCalendar(MX, MX_OFFICE.hours, closed_dates=[date(2026, 11, 23)])
    assert calendar.add(at(MX, "2026-11-20 18:30"), Duration.parse("1h")) == at(MX, "2026-11-24 08:30")


def test_closed_dates_on_a_weekend_change_nothing():
    calendar = BusinessCalendar(MX, MX_OFFICE.hours, closed_dates=[date(2026, 11, 21), date(2026, 11, 22)])
    assert calendar.add(at(MX, "2026-11-20 18:30"), Duration.parse("1d")) == at(MX, "2026-11-23 18:30")


def test_a_week_without_hours_can_never_reach_a_target():
    calendar = BusinessCalendar(MX, WeeklyHours.from_minutes({}))
    with pytest.raises(InputError, match="calendar has no opening hours: the target can never be reached"):
        calendar.add(at(MX, "2026-11-20 18:30"), Duration.parse("15m"))
    with pytest.raises(InputError, match="no opening hours"):
        calendar.next_open(at(MX, "2026-11-20 18:30"))


@pytest.mark.parametrize("duration", ["15m", "3d", "400h"])
def test_a_calendar_closed_every_day_can_never_reach_a_target(duration):
    def every_date(year):
        first = date(year, 1, 1)
        return [first + timedelta(days=n) for n in range(366) if (first + timedelta(days=n)).year == year]

    calendar = BusinessCalendar(MX, MX_OFFICE.hours, every_date)
    with pytest.raises(InputError, match="can never be reached"):
        calendar.add(at(MX, "2026-11-20 18:30"), Duration.parse(duration))


@pytest.mark.parametrize("duration", ["30d", "1000h"])
def test_a_deadline_beyond_year_9999_is_refused(duration):
    with pytest.raises(InputError, match="deadline beyond year 9999"):
        MADRID_OFFICE.add(at(MAD, "9999-12-01 10:00"), Duration.parse(duration))


def test_a_naive_start_is_refused():
    with pytest.raises(ValueError, match="aware"):
        MX_OFFICE.add(datetime(2026, 11, 20, 18, 30), Duration.parse("1h"))


def test_the_zone_must_be_a_tzinfo():
    with pytest.raises(ValueError, match="tzinfo"):
        BusinessCalendar("America/Mexico_City", MX_OFFICE.hours)


def test_calendars_built_alike_are_equal():
    hours = every(MONDAY_TO_FRIDAY, (hm("08:00"), hm("19:00")))
    assert BusinessCalendar(MX, hours, closed_dates=[date(2026, 1, 1)]) == BusinessCalendar(
        MX, hours, closed_dates={date(2026, 1, 1)}
    )
