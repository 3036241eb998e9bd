"""Night intervals: ``22:00-06:00`` runs past midnight and belongs to the day it starts on.

Issue 17: "fri: "22:00-06:00" opens Friday night into Saturday morning". Every expected instant
is worked out by hand in the comment beside it; Madrid is +01:00 in winter, +02:00 in summer,
and changes on Sunday 2026-03-29 (02:00 -> 03:00) and Sunday 2026-10-25 (03:00 -> 02:00).
"""

from datetime import datetime, timedelta

import pytest

from calendar_samples import MADRID, UTC, at, hm
from slactl.businesstime import BusinessCalendar, WeeklyHours
from slactl.businesstime.duration import Duration

NIGHTS = BusinessCalendar(MADRID, WeeklyHours.from_minutes({day: [(hm("22:00"), hm("06:00") + 1440)] for day in range(7)}))
FRIDAY_NIGHT = BusinessCalendar(MADRID, WeeklyHours.from_minutes({4: [(hm("22:00"), hm("06:00") + 1440)]}))
DAY_AND_NIGHT = BusinessCalendar(MADRID, WeeklyHours.from_minutes(
    {day: [(hm("08:00"), hm("14:00")), (hm("22:00"), hm("06:00") + 1440)] for day in range(5)}))


def case(name, calendar, start, duration, due, due_fold=0):
    return pytest.param(calendar, at(MADRID, start), Duration.parse(duration), at(MADRID, due, due_fold).astimezone(UTC),
                        id=name)


@pytest.mark.parametrize("calendar, start, duration, due", [
    # Tue 23:00 + 2 h of Tuesday's night: Wed 01:00.
    case("two hours from Tuesday 23:00 run past midnight to Wednesday 01:00", NIGHTS,
         "2026-11-24 23:00", "2h", "2026-11-25 01:00"),
    # Wed 03:00 is Tuesday's night: 3 h left to 06:00, then 1 h of Wednesday's night from 22:00.
    case("four hours from Wednesday 03:00 finish Tuesday's night, then Wednesday's", NIGHTS,
         "2026-11-25 03:00", "4h", "2026-11-25 23:00"),
    # Wed 12:00 is closed: the next opening is Wednesday 22:00.
    case("an hour from Wednesday noon is Wednesday 23:00", NIGHTS, "2026-11-25 12:00", "1h", "2026-11-25 23:00"),
    # Wed 03:00 is 5 h into Tuesday's night; one business day later is 5 h into Wednesday's: Thu 03:00.
    case("a day from 03:00 is 03:00 of the next night", NIGHTS, "2026-11-25 03:00", "1d", "2026-11-26 03:00"),
    # Saturday 02:00 belongs to Friday's night (4 h left); one hour later is 03:00.
    case("Saturday 02:00 counts on Friday's night", FRIDAY_NIGHT, "2026-11-21 02:00", "1h", "2026-11-21 03:00"),
    # 4 h to Saturday 06:00, the fifth hour from the next Friday 22:00.
    case("Saturday morning's leftover runs on into the next Friday night", FRIDAY_NIGHT,
         "2026-11-21 02:00", "5h", "2026-11-27 23:00"),
    # Saturday 06:00 is the night's closing: the next opening is Friday 27 22:00.
    case("Saturday 06:00 waits for the next Friday night", FRIDAY_NIGHT, "2026-11-21 06:00", "30m", "2026-11-27 22:30"),
    # Fri 13:00: 1 h left to 14:00, then 2 h of the night from 22:00: Saturday 00:00.
    case("the day shift's leftover hour runs into the same day's night", DAY_AND_NIGHT,
         "2026-11-20 13:00", "3h", "2026-11-21 00:00"),
    # Saturday 05:00 is Friday's night; Friday is the last weekday, so the next opening is Monday 08:00.
    case("Friday's night ends Saturday 06:00 and Monday opens at 08:00", DAY_AND_NIGHT,
         "2026-11-21 05:00", "2h", "2026-11-23 09:00"),
    # Spring forward, Sunday 2026-03-29: Saturday's night 22:00 (+01:00, 21:00 UTC) to Sunday 06:00
    # (+02:00, 04:00 UTC) lasts 7 real hours, the skipped 02:00-03:00 included in none.
    case("spring forward: Saturday's night lasts seven real hours", NIGHTS,
         "2026-03-28 22:00", "7h", "2026-03-29 06:00"),
    # The eighth hour is the first of Sunday's night: 22:00 -> 23:00 (+02:00).
    case("spring forward: the eighth hour spills into Sunday night", NIGHTS,
         "2026-03-28 22:00", "8h", "2026-03-29 23:00"),
    # Fall back, Sunday 2026-10-25: 22:00 (+02:00, 20:00 UTC) to 06:00 (+01:00, 05:00 UTC) is 9 hours.
    case("fall back: Saturday's night lasts nine real hours", NIGHTS,
         "2026-10-24 22:00", "9h", "2026-10-25 06:00"),
    # 4 h from 22:00 (+02:00) is 02:00 (+02:00), the first reading of 02:00.
    case("fall back: four hours land on the first 02:00", NIGHTS, "2026-10-24 22:00", "4h", "2026-10-25 02:00"),
    # 5 h is the second reading of 02:00 (+01:00), 01:00 UTC.
    case("fall back: five hours land on the second 02:00", NIGHTS, "2026-10-24 22:00", "5h", "2026-10-25 02:00", 1),
    # Year end: Thursday 2026-12-31 22:00 + 4 h is Friday 2027-01-01 02:00 (no holidays here).
    case("a night runs across the new year", NIGHTS, "2026-12-31 22:00", "4h", "2027-01-01 02:00"),
])
def test_add_on_night_hours(calendar, start, duration, due):
    assert calendar.add(start, duration) == due


@pytest.mark.parametrize("calendar, start, end, elapsed", [
    # Tuesday's night 22:00-06:00 whole, measured from Tuesday noon to Wednesday noon.
    pytest.param(NIGHTS, "2026-11-24 12:00", "2026-11-25 12:00", timedelta(hours=8), id="noon to noon holds one night"),
    # 02:00-06:00 of Friday's night.
    pytest.param(FRIDAY_NIGHT, "2026-11-21 02:00", "2026-11-28 02:00", timedelta(hours=8),
                 id="Saturday 02:00 to the next Saturday 02:00 holds a whole Friday night"),
    # The spring-forward night lasts 7 real hours, the fall-back night 9.
    pytest.param(NIGHTS, "2026-03-28 12:00", "2026-03-29 12:00", timedelta(hours=7), id="the spring-forward night"),
    pytest.param(NIGHTS, "2026-10-24 12:00", "2026-10-25 12:00", timedelta(hours=9), id="the fall-back night"),
])
def test_elapsed_on_night_hours(calendar, start, end, elapsed):
    assert calendar.elapsed(at(MADRID, start), at(MADRID, end)) == elapsed


def test_a_night_is_open_until_its_closing_and_the_next_opening_follows():
    assert FRIDAY_NIGHT.is_open(at(MADRID, "2026-11-21 05:59"))
    assert not FRIDAY_NIGHT.is_open(at(MADRID, "2026-11-21 06:00"))
    assert FRIDAY_NIGHT.next_open(at(MADRID, "2026-11-21 06:00")) == at(MADRID, "2026-11-27 22:00")
    assert FRIDAY_NIGHT.next_open(at(MADRID, "2026-11-21 03:00")) == at(MADRID, "2026-11-21 03:00")


def test_a_night_running_into_the_next_days_hours_cannot_exist():
    with pytest.raises(ValueError, match="runs into weekday 5's 00:00-08:00"):
        WeeklyHours.from_minutes({4: [(hm("22:00"), hm("06:00") + 1440)], 5: [(0, hm("08:00"))]})


def test_a_night_ending_inside_the_repeated_hour_hands_over_to_the_next_day_in_order():
    # Saturday 2026-10-24 22:00-02:30 and Sunday 02:30-08:00, Madrid; clocks fall back at 03:00
    # (+02:00) to 02:00 (+01:00). Saturday's night covers 22:00-02:30 of the first pass (20:00-00:30
    # UTC) and 02:00-02:30 of the second (01:00-01:30 UTC): 5 h. Sunday starts once the night is
    # over for good, at 01:30 UTC; the first pass's 02:30-03:00 (00:30-01:00 UTC) is nobody's.
    calendar = BusinessCalendar(MADRID, WeeklyHours.from_minutes(
        {5: [(hm("22:00"), hm("02:30") + 1440)], 6: [(hm("02:30"), hm("08:00"))]}))
    saturday = at(MADRID, "2026-10-24 22:00")
    assert calendar.add(saturday, Duration.parse("5h")) == datetime(2026, 10, 25, 1, 30, tzinfo=UTC)
    assert calendar.add(saturday, Duration.parse("5h30m")) == datetime(2026, 10, 25, 2, tzinfo=UTC)
    # Sunday's 02:30 (+01:00, 01:30 UTC) to 08:00 (+01:00, 07:00 UTC) is 5 h 30.
    assert calendar.elapsed(saturday, at(MADRID, "2026-10-25 12:00")) == timedelta(hours=10, minutes=30)
    assert not calendar.is_open(datetime(2026, 10, 25, 0, 45, tzinfo=UTC))
