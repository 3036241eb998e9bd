from datetime import timedelta

import pytest

from slactl.businesstime import WeeklyHours


def test_touching_intervals_of_one_day_are_merged():
    hours = WeeklyHours.from_minutes({0: [(540, 780), (780, 1140)]})
    assert hours.days[0] == ((540, 1140),)


def test_a_day_may_end_at_midnight():
    hours = WeeklyHours.from_minutes({6: [(1080, 1440)]})
    assert hours.days[6] == ((1080, 1440),)
    assert hours.wall_length(6) == timedelta(hours=6)


def test_weekdays_left_out_are_closed():
    hours = WeeklyHours.from_minutes({0: [(480, 1140)], 2: [(540, 780), (900, 1140)]})
    assert [bool(day) for day in hours.days] == [True, False, True, False, False, False, False]
    assert hours.open_weekdays == 2
    assert hours.wall_length(2) == timedelta(hours=8)


def test_a_week_without_hours_is_empty():
    assert WeeklyHours.from_minutes({}).is_empty
    assert not WeeklyHours.around_the_clock().is_empty


@pytest.mark.parametrize(
    "by_weekday, message",
    [
        pytest.param({0: [(600, 540)]}, "start < end", id="an interval that ends before it starts is refused"),
        pytest.param({0: [(540, 540)]}, "start < end", id="an empty interval is refused"),
        pytest.param({0: [(-1, 540)]}, "00:00 <= start", id="a start before midnight is refused"),
        pytest.param({0: [(540, 1980)]}, "less than 24 h after the start", id="an interval of 24 hours is refused"),
        pytest.param({0: [(1440, 1800)]}, "start < 24:00", id="a start at 24:00 is refused"),
        pytest.param({0: [(1320, 1800)], 1: [(0, 480)]}, "runs into weekday 1's 00:00-08:00",
                     id="a night running into the next day's hours is refused"),
        pytest.param({6: [(1320, 1800)], 0: [(300, 480)]}, "weekday 6: interval 22:00-06:00 runs into weekday 0's 05:00-08:00",
                     id="Sunday's night runs into Monday's hours, across the week's end"),
        pytest.param({0: [(1320, 1800), (1380, 1400)]}, "not overlap", id="a night interval must be the day's last"),
        pytest.param({0: [(540, 780), (720, 1140)]}, "not overlap", id="overlapping intervals are refused"),
        pytest.param({0: [(900, 1140), (540, 780)]}, "sorted", id="unsorted intervals are refused"),
        pytest.param({7: [(540, 780)]}, "weekday must be 0", id="a weekday beyond Sunday is refused"),
    ],
)
def test_invalid_hours_cannot_exist(by_weekday, message):
    with pytest.raises(ValueError, match=message):
        WeeklyHours.from_minutes(by_weekday)


def test_a_week_has_seven_days():
    with pytest.raises(ValueError, match="7 days"):
        WeeklyHours(((),) * 6)


def test_direct_construction_requires_merged_intervals():
    with pytest.raises(ValueError, match="not overlap"):
        WeeklyHours((((540, 780), (780, 1140)),) + ((),) * 6)


def test_a_night_interval_belongs_to_the_day_it_starts_on():
    # fri: "22:00-06:00" opens Friday night into Saturday morning: 8 hours of Friday's.
    hours = WeeklyHours.from_minutes({4: [(1320, 1800)]})
    assert hours.days[4] == ((1320, 1800),) and hours.days[5] == ()
    assert hours.wall_length(4) == timedelta(hours=8)
    assert hours.open_weekdays == 1 and hours.runs_overnight


def test_a_night_may_end_where_the_next_day_opens():
    hours = WeeklyHours.from_minutes({0: [(1320, 1800)], 1: [(360, 840)]})
    assert hours.days[0] == ((1320, 1800),) and hours.days[1] == ((360, 840),)


def test_hours_ending_at_midnight_do_not_run_overnight():
    assert not WeeklyHours.around_the_clock().runs_overnight
