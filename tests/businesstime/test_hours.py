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
        pytest.param({0: [(540, 1441)]}, "<= 24:00", id="an end after 24:00 is refused"),
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
