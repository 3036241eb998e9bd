"""The fast path (``open_table``) answers exactly as the general engine, or not at all."""

from datetime import date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from calendar_samples import MADRID_SPLIT_DAY, MEXICO_CITY, MX_OFFICE, UTC
from slactl.calendar import BusinessCalendar
from slactl.calendar.pauses import elapsed_outside_pauses, merge_pauses
from slactl.duration import Duration
from test_properties import calendars, closed_dates, durations, instants, pause_lists, weekly_hours

BUDGET = settings(max_examples=300, deadline=None)
anywhere = st.datetimes(datetime(1990, 1, 1), datetime(2060, 12, 31), timezones=st.just(UTC))


def general_add(calendar: BusinessCalendar, start: datetime, duration: Duration) -> datetime:
    return calendar._add_general(start.astimezone(UTC), duration, ())


def general_elapsed(calendar: BusinessCalendar, start: datetime, end: datetime) -> timedelta:
    return elapsed_outside_pauses(start.astimezone(UTC), end.astimezone(UTC), (), calendar._elapsed)


@BUDGET
@given(calendars(), st.one_of(instants, anywhere), durations)
def test_add_agrees_with_the_general_path(calendar, start, duration):
    assert calendar.add(start, duration) == general_add(calendar, start, duration)


@BUDGET
@given(calendars(), st.one_of(instants, anywhere), st.timedeltas(timedelta(0), timedelta(days=900)))
def test_elapsed_agrees_with_the_general_path(calendar, start, length):
    end = start + length
    assert calendar.elapsed(start, end) == general_elapsed(calendar, start, end)


@BUDGET
@given(st.datetimes(datetime(2024, 1, 1), datetime(2031, 12, 31), timezones=st.just(MEXICO_CITY)),
       st.integers(0, 260), st.integers(0, 60 * 11 * 5))
def test_mexican_office_hours_with_holidays_agree_with_the_general_path(start, days, minutes):
    duration = Duration.of(days=days, minutes=minutes)
    assert MX_OFFICE.add(start, duration) == general_add(MX_OFFICE, start, duration)


@BUDGET
@given(calendars(), instants, durations, st.data())
def test_add_with_pauses_agrees_with_the_general_path(calendar, start, duration, data):
    pauses = data.draw(pause_lists(start))
    general = calendar._add_general(start.astimezone(UTC), duration, merge_pauses(pauses))
    assert calendar.add(start, duration, pauses) == general


@BUDGET
@given(calendars(), instants, st.timedeltas(timedelta(0), timedelta(days=60)), st.data())
def test_elapsed_with_pauses_agrees_with_the_general_path(calendar, start, length, data):
    pauses, end = data.draw(pause_lists(start)), start + length
    general = elapsed_outside_pauses(start.astimezone(UTC), end.astimezone(UTC), merge_pauses(pauses), calendar._elapsed)
    assert calendar.elapsed(start, end, pauses) == general


@BUDGET
@given(st.lists(st.tuples(anywhere, durations), min_size=1, max_size=20))
def test_one_calendar_asked_about_many_years_agrees_with_the_general_path(calls):
    """One long-lived calendar (DST, split days): its table grows, or declines far-away years."""
    for start, duration in calls:
        assert MADRID_SPLIT_DAY.add(start, duration) == general_add(MADRID_SPLIT_DAY, start, duration)
        end = start + timedelta(days=duration.days, seconds=duration.time.total_seconds())
        assert MADRID_SPLIT_DAY.elapsed(start, end) == general_elapsed(MADRID_SPLIT_DAY, start, end)


@BUDGET
@given(calendars(), st.one_of(instants, anywhere), durations, st.timedeltas(timedelta(0), timedelta(days=20)))
def test_lengths_measured_from_remembered_positions_agree_with_the_general_path(calendar, start, duration, extra):
    """``add`` remembers where its start and its answer stand; ``elapsed`` then reads them."""
    due = calendar.add(start, duration)
    assert calendar.elapsed(start, due) == general_elapsed(calendar, start, due)
    assert calendar.elapsed(due, due + extra) == general_elapsed(calendar, due, due + extra)
    assert calendar.elapsed(start, due + extra) == general_elapsed(calendar, start, due + extra)


def test_results_are_in_utc_like_the_general_path():
    start = datetime(2026, 11, 20, 18, 30, tzinfo=MEXICO_CITY)
    assert MX_OFFICE.add(start, Duration.parse("1h")).tzinfo is UTC
    assert MX_OFFICE.add(start, Duration.parse("1h")) == datetime(2026, 11, 23, 14, 30, tzinfo=UTC)


def test_a_reach_beyond_the_table_falls_back_to_the_general_path():
    start = datetime(2026, 1, 5, 9, tzinfo=MEXICO_CITY)
    duration = Duration(4000, timedelta(0))  # about 16 years of business days
    assert MX_OFFICE.add(start, duration) == general_add(MX_OFFICE, start, duration)
    assert MX_OFFICE.add(start, duration).date() > date(2041, 1, 1)


# Zones whose offset changes are unusual: a fall-back from 00:00 to 23:00 of the day before
# (Sao Paulo until 2019), a spring-forward at midnight (Santiago), half-hour DST (Lord Howe),
# +13:45/+12:45 (Chatham), a skipped calendar date (Apia, 2011-12-30), the extreme offsets.
EXOTIC_ZONES = ["America/Sao_Paulo", "America/Santiago", "Australia/Lord_Howe", "Pacific/Chatham",
                "Pacific/Apia", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Europe/Madrid"]


@st.composite
def near_a_change(draw):
    """A calendar in an exotic zone and an instant up to two days from one of its changes."""
    from zoneinfo import ZoneInfo

    from slactl.calendar.transitions import transitions_around

    zone = ZoneInfo(draw(st.sampled_from(EXOTIC_ZONES)))
    changes = [t.at for year in (2011, 2012, 2017, 2026) for t in transitions_around(zone, year)]
    hours = draw(weekly_hours())
    calendar = BusinessCalendar(zone, hours, closed_dates=draw(closed_dates))
    if not changes:
        return calendar, draw(anywhere)
    at = draw(st.sampled_from(changes)).replace(tzinfo=UTC)
    return calendar, at + timedelta(minutes=draw(st.integers(-60 * 24 * 2, 60 * 24 * 2)))


@BUDGET
@given(near_a_change(), durations)
def test_next_to_unusual_offset_changes_the_table_agrees_with_the_general_path(case, duration):
    calendar, start = case
    due = calendar.add(start, duration)
    assert due == general_add(calendar, start, duration)
    end = start + timedelta(days=duration.days % 9, seconds=duration.time.total_seconds() % 400_000)
    assert calendar.elapsed(start, end) == general_elapsed(calendar, start, end)
    assert calendar.elapsed(start, due) == general_elapsed(calendar, start, due)
