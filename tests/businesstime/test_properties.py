"""Invariants of business-time arithmetic over random calendars, zones, instants and durations."""

from datetime import datetime, timedelta

from hypothesis import assume, given, settings
from budget import examples
from hypothesis import strategies as st

from calendar_samples import UTC, UTC_MINUS_5
from calendar_strategies import (BUDGET, ONE_MICROSECOND, ONE_MINUTE, business_days, calendars, clock_times, closed_dates, day_hours, durations, instants, minute_instants, pause_lists, zones)
from slactl.businesstime import AlwaysOpen, BusinessCalendar, WeeklyHours
from slactl.businesstime.duration import Duration


@BUDGET
@given(calendars(), instants, durations)
def test_a_deadline_is_never_before_the_start(calendar, start, duration):
    assert calendar.add(start, duration) >= start


@BUDGET
@given(calendars(), instants, clock_times)
def test_elapsed_undoes_add_for_clock_time(calendar, start, time):
    assert calendar.elapsed(start, calendar.add(start, Duration(0, time))) == time


@BUDGET
@given(calendars(), instants, durations, st.timedeltas(timedelta(0), timedelta(days=20)))
def test_a_later_start_never_gives_an_earlier_deadline(calendar, start, duration, delay):
    assert calendar.add(start, duration) <= calendar.add(start + delay, duration)


@BUDGET
@given(calendars(), instants, clock_times, clock_times, business_days, business_days)
def test_a_longer_duration_never_gives_an_earlier_deadline(calendar, start, time_a, time_b, days_a, days_b):
    (short_time, long_time), (few_days, many_days) = sorted([time_a, time_b]), sorted([days_a, days_b])
    assert calendar.add(start, Duration(0, short_time)) <= calendar.add(start, Duration(0, long_time))
    assert calendar.add(start, Duration(few_days)) <= calendar.add(start, Duration(many_days))


@BUDGET
@given(calendars(), instants, durations)
def test_a_deadline_is_open_time_or_its_closing_edge(calendar, start, duration):
    due = calendar.add(start, duration)
    assert calendar.is_open(due - ONE_MICROSECOND)


@BUDGET
@given(calendars(), instants)
def test_next_open_is_open_and_nothing_opens_before_it(calendar, instant):
    opening = calendar.next_open(instant)
    assert opening >= instant
    assert calendar.is_open(opening)
    assert calendar.elapsed(instant, opening) == timedelta(0)


@BUDGET
@given(calendars(), instants, durations, st.data())
def test_pauses_never_bring_a_deadline_earlier(calendar, start, duration, data):
    pauses = data.draw(pause_lists(start))
    assert calendar.add(start, duration, pauses) >= calendar.add(start, duration)


@BUDGET
@given(calendars(), instants, clock_times, st.data())
def test_elapsed_undoes_add_with_pauses(calendar, start, time, data):
    pauses = data.draw(pause_lists(start))
    due = calendar.add(start, Duration(0, time), pauses)
    assert calendar.elapsed(start, due, pauses) == time


@BUDGET
@given(instants, durations, st.data())
def test_always_open_adds_absolute_time_outside_pauses(start, duration, data):
    always = AlwaysOpen()
    assert always.add(start, duration) == start + duration.as_elapsed()
    pauses = data.draw(pause_lists(start))
    due = always.add(start, duration, pauses)
    assert always.elapsed(start, due, pauses) == duration.as_elapsed()


@BUDGET
@given(instants, durations, st.data())
def test_around_the_clock_in_utc_is_always_open(start, duration, data):
    around_the_clock = BusinessCalendar(UTC, WeeklyHours.around_the_clock())
    pauses = data.draw(pause_lists(start))
    assert around_the_clock.add(start, duration, pauses) == AlwaysOpen().add(start, duration, pauses)


@BUDGET
@given(zones, instants, clock_times)
def test_clock_time_around_the_clock_is_real_time_in_any_zone(zone, start, time):
    around_the_clock = BusinessCalendar(zone, WeeklyHours.around_the_clock())
    assert around_the_clock.add(start, Duration(0, time)) == start + time


@BUDGET
@given(
    st.sampled_from([UTC, UTC_MINUS_5]),
    day_hours(),
    st.sets(st.integers(0, 6), min_size=1),
    closed_dates,
    instants,
    business_days,
)
def test_on_a_uniform_week_n_days_are_n_days_of_business_time(zone, hours, weekdays, closed, start, days):
    assume(hours)
    calendar = BusinessCalendar(zone, WeeklyHours.from_minutes({day: hours for day in weekdays}), closed_dates=closed)
    day_length = sum(closes - opens for opens, closes in hours) * ONE_MINUTE
    assert calendar.elapsed(start, calendar.add(start, Duration(days))) == days * day_length


class MinuteByMinute:
    """The naive reference: look at the wall clock of every minute."""

    def __init__(self, calendar: BusinessCalendar):
        self.calendar = calendar

    def is_open(self, minute: datetime) -> bool:
        local = minute.astimezone(self.calendar.zone)
        if local.date() in self.calendar.closed_dates:
            return False
        wall = local.hour * 60 + local.minute
        return any(start <= wall < end for start, end in self.calendar.hours.days[local.weekday()])

    def add(self, start: datetime, minutes: int) -> datetime | None:
        minute = start
        for _ in range(60 * 24 * 7 * 10):
            if self.is_open(minute):
                minutes -= 1
                if minutes == 0:
                    return minute + ONE_MINUTE
            minute += ONE_MINUTE
        return None

    def elapsed(self, start: datetime, end: datetime) -> timedelta:
        count, minute = 0, start
        while minute < end:
            count += self.is_open(minute)
            minute += ONE_MINUTE
        return count * ONE_MINUTE


@settings(max_examples=examples(200), deadline=None)
@given(calendars(), minute_instants, st.integers(1, 240))
def test_add_agrees_with_a_minute_by_minute_walk(calendar, start, minutes):
    reference = MinuteByMinute(calendar)
    expected = reference.add(start, minutes)
    assume(expected is not None)
    assert calendar.add(start, Duration(0, minutes * ONE_MINUTE)) == expected
    assert calendar.is_open(start) == reference.is_open(start)


@settings(max_examples=examples(200), deadline=None)
@given(calendars(), minute_instants, st.integers(0, 60 * 24 * 9))
def test_elapsed_agrees_with_a_minute_by_minute_count(calendar, start, minutes):
    end = start + minutes * ONE_MINUTE
    assert calendar.elapsed(start, end) == MinuteByMinute(calendar).elapsed(start, end)
