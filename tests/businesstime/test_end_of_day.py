"""``end-of-day`` and ``end-of-day+Nd``: the closing of the business day the clock starts on, or
of the N-th business day after it.

Issue 17: "by the end of the business day" or "by the end of the next business day"
(ServiceNow's relative durations, GLPI's end of working day). Every expected instant is worked
out by hand beside it. Mexico City is UTC-06:00; Madrid +01:00/+02:00 with changes on Sunday
2026-03-29 and 2026-10-25; Santiago jumps from 00:00 (-04:00) to 01:00 (-03:00) on 2026-09-06.
"""

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from calendar_samples import AROUND_THE_CLOCK_MADRID, MADRID, MEXICO_CITY, MX_OFFICE, UTC, at
from slactl.businesstime import AlwaysOpen
from slactl.businesstime.duration import Duration

MX = MEXICO_CITY
EOD, EOD_1, EOD_2 = Duration.parse("end-of-day"), Duration.parse("end-of-day+1d"), Duration.parse("end-of-day+2d")
SANTIAGO = ZoneInfo("America/Santiago")


@pytest.mark.parametrize("start, length, due", [
    pytest.param("2026-11-23 10:00", EOD, "2026-11-23 19:00", id="Monday 10:00 is due at Monday's closing"),
    pytest.param("2026-11-23 07:00", EOD, "2026-11-23 19:00",
                 id="before the opening, the clock starts that morning: Monday's closing"),
    pytest.param("2026-11-20 18:30", EOD, "2026-11-20 19:00", id="Friday 18:30 is due half an hour later"),
    pytest.param("2026-11-20 19:00", EOD, "2026-11-23 19:00", id="at Friday's closing the clock starts on Monday"),
    pytest.param("2026-11-21 11:00", EOD, "2026-11-23 19:00", id="on Saturday the clock starts on Monday"),
    pytest.param("2026-11-20 20:00", EOD_1, "2026-11-24 19:00",
                 id="end of the next business day after a Friday evening opening is Tuesday"),
    # Friday 13 is the clock's day; Monday 16 is Revolution Day, so the next business day is Tuesday 17.
    pytest.param("2026-11-13 18:30", EOD_1, "2026-11-17 19:00", id="the next business day skips a holiday"),
    pytest.param("2026-11-23 10:00", EOD_2, "2026-11-25 19:00", id="two business days after Monday is Wednesday"),
    # Year end: Dec 31 is an ordinary Thursday in Mexico; Jan 1 2027 a holiday, then the weekend.
    pytest.param("2026-12-30 10:00", EOD_1, "2026-12-31 19:00", id="the day after Wednesday 30 December is the 31st"),
    pytest.param("2026-12-31 10:00", EOD_1, "2027-01-04 19:00", id="the day after New Year's Eve is Monday 4 January"),
])
def test_end_of_day_on_office_hours(start, length, due):
    assert MX_OFFICE.add(at(MX, start), length) == at(MX, due).astimezone(UTC)


def test_pauses_move_the_end_of_day_by_the_business_time_they_cover():
    # Mon 10:00 to 19:00 is 9 business hours; paused 11:00-13:00: 1 h, then 8 h from 13:00 -> 6 h
    # to 19:00 and 2 h from Tuesday 08:00: Tuesday 10:00.
    pause = (at(MX, "2026-11-23 11:00"), at(MX, "2026-11-23 13:00"))
    assert MX_OFFICE.add(at(MX, "2026-11-23 10:00"), EOD, [pause]) == at(MX, "2026-11-24 10:00")
    # A pause outside hours changes nothing.
    night = (at(MX, "2026-11-23 20:00"), at(MX, "2026-11-24 07:00"))
    assert MX_OFFICE.add(at(MX, "2026-11-23 10:00"), EOD, [night]) == at(MX, "2026-11-23 19:00")


@pytest.mark.parametrize("calendar", [AROUND_THE_CLOCK_MADRID, AlwaysOpen(MADRID)], ids=["00-24 business", "24x7"])
@pytest.mark.parametrize("start, length, due", [
    # Sat 28 March 10:00 (+01:00): the day ends Sunday 00:00 (+01:00) = 23:00 UTC.
    pytest.param("2026-03-28 10:00", EOD, datetime(2026, 3, 28, 23, tzinfo=UTC), id="Saturday before spring forward"),
    # Sunday 29 March is 23 hours long: it ends Monday 00:00 (+02:00) = Sunday 22:00 UTC.
    pytest.param("2026-03-28 10:00", EOD_1, datetime(2026, 3, 29, 22, tzinfo=UTC), id="the spring-forward Sunday ends"),
    pytest.param("2026-03-29 00:00", EOD, datetime(2026, 3, 29, 22, tzinfo=UTC), id="from the spring-forward midnight"),
    # Sunday 25 October is 25 hours long: it ends Monday 00:00 (+01:00) = Sunday 23:00 UTC.
    pytest.param("2026-10-25 00:30", EOD, datetime(2026, 10, 25, 23, tzinfo=UTC), id="the fall-back Sunday ends"),
    # Year end: 31 December 2026 ends at 2027-01-01 00:00 (+01:00) = 2026-12-31 23:00 UTC.
    pytest.param("2026-12-31 18:00", EOD, datetime(2026, 12, 31, 23, tzinfo=UTC), id="New Year's Eve ends at midnight"),
])
def test_end_of_day_around_the_clock_is_the_next_local_midnight(calendar, start, length, due):
    assert calendar.add(at(MADRID, start), length) == due


def test_when_a_gap_swallows_midnight_the_day_ends_at_the_jump():
    # Santiago, 2026-09-06: 00:00 (-04:00) never happens, clocks read 01:00 (-03:00) at 04:00 UTC.
    assert AlwaysOpen(SANTIAGO).add(at(SANTIAGO, "2026-09-05 12:00"), EOD) == datetime(2026, 9, 6, 4, tzinfo=UTC)


def test_end_of_day_on_24x7_with_a_pause():
    # Mon 10:00 UTC: midnight is 14 h away; paused 11:00-13:00: Tuesday 02:00.
    pause = (datetime(2026, 11, 23, 11, tzinfo=UTC), datetime(2026, 11, 23, 13, tzinfo=UTC))
    assert AlwaysOpen(timezone.utc).add(datetime(2026, 11, 23, 10, tzinfo=UTC), EOD, [pause]) == datetime(
        2026, 11, 24, 2, tzinfo=UTC)


def test_24x7_without_a_zone_cannot_tell_where_a_day_ends():
    with pytest.raises(TypeError, match="needs the zone"):
        AlwaysOpen().add(datetime(2026, 11, 23, 10, tzinfo=UTC), EOD)


def test_end_of_day_is_written_as_read():
    assert [str(Duration.parse(text)) for text in ("end-of-day", "end-of-day+1d", "end-of-day+0d")] == [
        "end-of-day", "end-of-day+1d", "end-of-day"]
    assert not EOD.is_zero
    with pytest.raises(TypeError, match="no fixed length"):
        EOD.as_elapsed()
    with pytest.raises(TypeError, match="whole business days"):
        Duration(1, timedelta(hours=4), end_of_day=True)
