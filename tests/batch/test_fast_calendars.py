"""The batch fast path (``batch.fast.calendars``: integer microseconds over a per-run open table)
answers exactly as the engine calendars, or hands the question to them."""

from datetime import date, datetime, timedelta

from hypothesis import given, settings
from budget import examples
from hypothesis import strategies as st

from calendar_samples import MADRID_SPLIT_DAY, MEXICO_CITY, MX_OFFICE, UTC
from slactl.businesstime import AlwaysOpen, BusinessCalendar
from slactl.batch.fast.calendars import IntegerCalendar
from slactl.batch.fast.micros import US, from_micros, to_micros
from slactl.businesstime.pauses import merge_pauses
from slactl.businesstime.duration import Duration
from calendar_strategies import calendars, closed_dates, durations, instants, pause_lists, weekly_hours

BUDGET = settings(max_examples=examples(300), deadline=None)
anywhere = st.datetimes(datetime(1990, 1, 1), datetime(2060, 12, 31), timezones=st.just(UTC))


def fast_add(fast: IntegerCalendar, start: datetime, duration: Duration, pauses=()) -> datetime:
    stops = tuple((to_micros(a), to_micros(b)) for a, b in merge_pauses(pauses))
    return from_micros(fast.add(to_micros(start), duration.days, duration.time // US, stops))


def fast_elapsed(fast: IntegerCalendar, start: datetime, end: datetime, pauses=()) -> timedelta:
    stops = tuple((to_micros(a), to_micros(b)) for a, b in merge_pauses(pauses))
    return fast.elapsed(to_micros(start), to_micros(end), stops) * US


@BUDGET
@given(calendars(), st.one_of(instants, anywhere), durations)
def test_add_agrees_with_the_general_path(calendar, start, duration):
    assert fast_add(IntegerCalendar(calendar), start, duration) == calendar.add(start, duration)


@BUDGET
@given(calendars(), st.one_of(instants, anywhere), st.timedeltas(timedelta(0), timedelta(days=900)))
def test_elapsed_agrees_with_the_general_path(calendar, start, length):
    end = start + length
    assert fast_elapsed(IntegerCalendar(calendar), start, end) == calendar.elapsed(start, end)


@BUDGET
@given(st.datetimes(datetime(2024, 1, 1), datetime(2031, 12, 31), timezones=st.just(MEXICO_CITY)),
       st.integers(0, 260), st.integers(0, 60 * 11 * 5))
def test_mexican_office_hours_with_holidays_agree_with_the_general_path(start, days, minutes):
    duration = Duration.of(days=days, minutes=minutes)
    assert fast_add(IntegerCalendar(MX_OFFICE), start, duration) == MX_OFFICE.add(start, duration)


@BUDGET
@given(calendars(), instants, durations, st.data())
def test_add_with_pauses_agrees_with_the_general_path(calendar, start, duration, data):
    pauses = data.draw(pause_lists(start))
    assert fast_add(IntegerCalendar(calendar), start, duration, pauses) == calendar.add(start, duration, pauses)


@BUDGET
@given(calendars(), instants, st.timedeltas(timedelta(0), timedelta(days=60)), st.data())
def test_elapsed_with_pauses_agrees_with_the_general_path(calendar, start, length, data):
    pauses, end = data.draw(pause_lists(start)), start + length
    assert fast_elapsed(IntegerCalendar(calendar), start, end, pauses) == calendar.elapsed(start, end, pauses)


@BUDGET
@given(st.lists(st.tuples(anywhere, durations), min_size=1, max_size=20))
def test_one_calendar_asked_about_many_years_agrees_with_the_general_path(calls):
    """One long-lived run (DST, split days): its table grows, or declines far-away years."""
    fast = IntegerCalendar(MADRID_SPLIT_DAY)
    for start, duration in calls:
        assert fast_add(fast, start, duration) == MADRID_SPLIT_DAY.add(start, duration)
        end = start + timedelta(days=duration.days, seconds=duration.time.total_seconds())
        assert fast_elapsed(fast, start, end) == MADRID_SPLIT_DAY.elapsed(start, end)


@BUDGET
@given(calendars(), st.one_of(instants, anywhere), durations, st.timedeltas(timedelta(0), timedelta(days=20)))
def test_lengths_measured_from_remembered_positions_agree_with_the_general_path(calendar, start, duration, extra):
    """``add`` remembers where its start and its answer stand; ``elapsed`` then reads them."""
    fast = IntegerCalendar(calendar)
    due = fast_add(fast, start, duration)
    assert due == calendar.add(start, duration)
    assert fast_elapsed(fast, start, due) == calendar.elapsed(start, due)
    assert fast_elapsed(fast, due, due + extra) == calendar.elapsed(due, due + extra)
    assert fast_elapsed(fast, start, due + extra) == calendar.elapsed(start, due + extra)


def test_friday_1830_plus_one_hour_is_monday_0830_in_mexico_city_office_hours():
    start = datetime(2026, 11, 20, 18, 30, tzinfo=MEXICO_CITY)  # 30 min left on Friday, 30 min on Monday from 08:00
    assert fast_add(IntegerCalendar(MX_OFFICE), start, Duration.parse("1h")) == datetime(2026, 11, 23, 14, 30, tzinfo=UTC)


@BUDGET
@given(instants, durations, st.data())
def test_the_24x7_calendar_agrees_with_the_engine(start, duration, data):
    pauses = data.draw(pause_lists(start))
    fast = IntegerCalendar(AlwaysOpen())
    assert fast_add(fast, start, duration, pauses) == AlwaysOpen().add(start, duration, pauses)
    end = start + timedelta(days=duration.days)
    assert fast_elapsed(fast, start, end, pauses) == AlwaysOpen().elapsed(start, end, pauses)


def test_a_reach_beyond_the_table_falls_back_to_the_engine():
    start = datetime(2026, 1, 5, 9, tzinfo=MEXICO_CITY)
    duration = Duration(4000, timedelta(0))  # about 16 years of business days
    fast = IntegerCalendar(MX_OFFICE)
    assert fast_add(fast, start, duration) == MX_OFFICE.add(start, duration)
    assert fast_add(fast, start, duration).date() > date(2041, 1, 1)


# Zones whose offset changes are unusual: a fall-back from 00:00 to 23:00 of the day before
# (Sao Paulo until 2019), a spring-forward at midnight (Santiago), half-hour DST (Lord Howe),
# +13:45/+12:45 (Chatham), a skipped calendar date (Apia, 2011-12-30), the extreme offsets.
EXOTIC_ZONES = ["America/Sao_Paulo", "America/Santiago", "Australia/Lord_Howe", "Pacific/Chatham",
                "Pacific/Apia", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Europe/Madrid"]


@st.composite
def near_a_change(draw):
    """A calendar in an exotic zone and an instant up to two days from one of its changes."""
    from zoneinfo import ZoneInfo

    from slactl.businesstime.transitions import transitions_around

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
    fast = IntegerCalendar(calendar)
    due = fast_add(fast, start, duration)
    assert due == calendar.add(start, duration)
    end = start + timedelta(days=duration.days % 9, seconds=duration.time.total_seconds() % 400_000)
    assert fast_elapsed(fast, start, end) == calendar.elapsed(start, end)
    assert fast_elapsed(fast, start, due) == calendar.elapsed(start, due)


# -- issue 17: adjusted holidays are answered by the table; exceptions, timed closures and night
# intervals are declined (no table: the engine answers every call) -----------------------------

from slactl.businesstime.holidays import Holidays, PublicHolidays  # noqa: E402
from slactl.businesstime.weekly_hours import WeeklyHours  # noqa: E402
from calendar_samples import MADRID  # noqa: E402

MX_HOURS = MX_OFFICE.hours
adjusted_holidays = st.builds(
    lambda added, removed: Holidays(PublicHolidays("MX"), added=added, removed=removed),
    st.frozensets(st.dates(date(2024, 1, 1), date(2031, 12, 31)), max_size=20),
    st.sampled_from([frozenset(), frozenset({date(2026, 11, 16), date(2027, 11, 15)}), frozenset({date(2026, 12, 25)})]),
)


@BUDGET
@given(adjusted_holidays, st.datetimes(datetime(2024, 1, 1), datetime(2031, 12, 31), timezones=st.just(MEXICO_CITY)),
       durations, st.data())
def test_added_and_removed_holidays_are_answered_by_the_table_and_agree(holidays, start, duration, data):
    calendar = BusinessCalendar(MEXICO_CITY, MX_HOURS, holidays)
    fast = IntegerCalendar(calendar)
    assert fast.table is not None
    pauses = data.draw(pause_lists(start))
    assert fast_add(fast, start, duration) == calendar.add(start, duration)
    assert fast_add(fast, start, duration, pauses) == calendar.add(start, duration, pauses)
    end = start + timedelta(days=duration.days % 40, seconds=duration.time.total_seconds() % 2_000_000)
    assert fast_elapsed(fast, start, end, pauses) == calendar.elapsed(start, end, pauses)


@st.composite
def dated_hours(draw):
    """A day's intervals for an exception: none (closed) or one on quarter hours, within the day."""
    if draw(st.booleans()):
        return []
    start = draw(st.integers(0, 90)) * 15
    return [(start, draw(st.integers(start // 15 + 1, 96)) * 15)]


@st.composite
def calendars_the_table_declines(draw):
    """Calendars with dated exceptions, timed closures or night intervals, near DST changes."""
    zone = draw(st.sampled_from([MADRID, MEXICO_CITY, UTC]))
    kind = draw(st.sampled_from(["exceptions", "closures", "nights"]))
    if kind == "nights":
        start = draw(st.integers(60, 95)) * 15  # 15:00 to 23:45
        end = draw(st.integers(1, start // 15 - 1)) * 15 + 1440
        weekdays = draw(st.frozensets(st.integers(0, 6), min_size=1))
        return BusinessCalendar(zone, WeeklyHours.from_minutes({d: [(start, end)] for d in weekdays}),
                                closed_dates=draw(closed_dates))
    hours = draw(weekly_hours())
    if kind == "exceptions":
        # Exceptions never run into the weekly hours: the sample week ends by 24:00.
        days = draw(st.dictionaries(st.dates(date(2024, 1, 1), date(2030, 12, 31)), dated_hours(), min_size=1, max_size=25))
        return BusinessCalendar(zone, hours, closed_dates=draw(closed_dates), exceptions=days)
    closures = []
    for _ in range(draw(st.integers(1, 8))):
        shut = draw(instants)
        closures.append((shut, shut + timedelta(minutes=draw(st.integers(1, 60 * 24 * 4)))))
    return BusinessCalendar(zone, hours, closed_dates=draw(closed_dates), closures=closures)


@BUDGET
@given(calendars_the_table_declines(), st.one_of(instants, anywhere), durations, st.data())
def test_exceptions_closures_and_nights_are_declined_and_the_engine_answers(calendar, start, duration, data):
    fast = IntegerCalendar(calendar)
    assert fast.table is None
    pauses = data.draw(pause_lists(start))
    assert fast_add(fast, start, duration, pauses) == calendar.add(start, duration, pauses)
    end = start + timedelta(days=duration.days % 40, seconds=duration.time.total_seconds() % 2_000_000)
    assert fast_elapsed(fast, start, end, pauses) == calendar.elapsed(start, end, pauses)


# -- the batch rows over the test policies of issue 17 ---------------------------------------------

from pathlib import Path  # noqa: E402

from slactl.batch.fast.rows import Rows  # noqa: E402
from slactl.policy import load as loader  # noqa: E402
from slactl.tickets.row import Row as Ticket  # noqa: E402

ISSUE_17 = loader.load([Path(__file__).resolve().parents[1] / "testdata" / "calendars"])
CLOCK = datetime(2026, 11, 22, 12, tzinfo=UTC)
NEAR = [datetime(2026, 11, 20, 18), datetime(2026, 12, 23, 12), datetime(2026, 3, 28, 20), datetime(2026, 10, 24, 20)]


@st.composite
def issue_17_tickets(draw):
    provider, severity = draw(st.sampled_from([("acme", "p1"), ("acme", "p2"), ("acme", "p3"), ("nightshift", "n1")]))
    near = draw(st.sampled_from(NEAR))

    def moment() -> str:
        return (near + timedelta(minutes=draw(st.integers(-2 * 24 * 60, 10 * 24 * 60)))).isoformat(timespec="minutes")

    done = lambda: draw(st.one_of(st.none(), st.builds(moment)))  # noqa: E731
    pauses = f"{moment()}/{moment()}" if draw(st.booleans()) else None
    return Ticket(3, provider, severity, moment(), "T-17", None, pauses, done(), None, done())


@settings(max_examples=examples(200), deadline=None)
@given(issue_17_tickets())
def test_batch_rows_of_the_new_calendars_are_the_general_rows(ticket):
    rows = Rows(ISSUE_17, CLOCK, "2026-12-01T00:00")
    fast = rows.fast(ticket)
    if ticket.severity in ("p1", "p3", "n1"):
        assert fast is None  # an end-of-day target: the general path answers
    general = rows.general(ticket)
    assert (fast or general) == general


def test_an_end_of_day_plan_is_declined_by_the_integer_path():
    rows = Rows(ISSUE_17, CLOCK, "2026-12-01T00:00")
    assert rows.fast(Ticket(3, "acme", "p1", "2026-11-23T10:00", "T-1", None, None, None, None, None)) is None
    assert rows.fast(Ticket(3, "acme", "p2", "2026-11-21T05:00", "T-2", None, None, None, None, None)) is not None
