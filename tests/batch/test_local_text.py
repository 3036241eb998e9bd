"""``WallClock`` reads and shows times exactly as ``read_time`` and ``isoformat`` do, on integers."""

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from budget import examples
from hypothesis import strategies as st

from slactl.batch.fast.micros import from_micros, to_micros
from slactl.businesstime.transitions import transitions_around
from slactl.errors import InputError
from slactl.tickets.times import read_time
from slactl.batch.fast.local_text import WallClock

BUDGET = settings(max_examples=examples(400), deadline=None)
NOW = datetime(2026, 11, 22, tzinfo=timezone.utc)
ZONES = ["Europe/Madrid", "America/Mexico_City", "America/Bogota", "America/Sao_Paulo", "America/Santiago",
         "Australia/Lord_Howe", "Pacific/Chatham", "Pacific/Apia", "Asia/Kathmandu", "America/St_Johns",
         "America/New_York", "Africa/Casablanca"]
zones = st.one_of(st.sampled_from(ZONES).map(ZoneInfo),
                  st.integers(-12 * 60, 14 * 60).map(lambda minutes: timezone(timedelta(minutes=minutes))))


@st.composite
def zone_and_wall(draw):
    """A zone and a naive wall time, often within two days of one of its offset changes."""
    zone = draw(zones)
    changes = [t.at for year in (1911, 1975, 2011, 2016, 2026, 2040) for t in transitions_around(zone, year)]
    if changes and draw(st.booleans()):
        wall = draw(st.sampled_from(changes)) + timedelta(minutes=draw(st.integers(-3 * 24 * 60, 3 * 24 * 60)))
        wall += timedelta(microseconds=draw(st.sampled_from([0, 0, 1_000_000, 59_999_999])))
    else:
        wall = draw(st.datetimes(datetime(1890, 1, 1), datetime(9999, 12, 31)))
    return zone, wall


def general(text: str, zone) -> int | None:
    try:
        return to_micros(read_time(text, zone, what='time', now=NOW))
    except (InputError, OverflowError):
        return None


@BUDGET
@given(zone_and_wall(), st.sampled_from(["auto", "minutes", "seconds", "microseconds"]))
def test_a_wall_time_reads_as_read_time_reads_it_or_not_at_all(case, timespec):
    zone, wall = case
    text = wall.isoformat(timespec=timespec)
    found = WallClock(zone).read(text)
    if found is not None:
        assert found == general(text, zone)
    elif 1901 <= wall.year < 9990:
        assert general(text, zone) is None  # only a gap, an overlap or a bad text is left to read_time


@BUDGET
@given(zone_and_wall(), st.integers(-14 * 60, 14 * 60))
def test_a_time_with_an_offset_reads_as_that_instant(case, minutes):
    zone, wall = case
    text = wall.replace(tzinfo=timezone(timedelta(minutes=minutes))).isoformat()
    found = WallClock(zone).read(text)
    if 1901 <= wall.year < 9990:
        assert found == general(text, zone)


@BUDGET
@given(zone_and_wall())
def test_an_instant_shows_as_isoformat_shows_it_in_the_zone(case):
    zone, wall = case
    if not 1902 <= wall.year <= 9989:
        return
    micros = to_micros(wall.replace(tzinfo=timezone.utc))
    assert WallClock(zone).show(micros) == from_micros(micros).astimezone(zone).isoformat()


@BUDGET
@given(zones, st.data())
def test_one_clock_shows_a_sequence_of_instants_as_isoformat(zone, data):
    """A clock remembers dates and the last offset it showed; a sequence of instants near and
    far from offset changes, in any order, must not lead it astray."""
    changes = [t.at for year in (2011, 2016, 2026) for t in transitions_around(zone, year)] or [datetime(2026, 3, 29)]
    clock = WallClock(zone)
    for _ in range(data.draw(st.integers(1, 25))):
        at = data.draw(st.sampled_from(changes)) + timedelta(minutes=data.draw(st.integers(-4 * 24 * 60, 4 * 24 * 60)))
        at += timedelta(microseconds=data.draw(st.sampled_from([0, 0, 30_000_000, 1])))
        micros = to_micros(at.replace(tzinfo=timezone.utc))
        assert clock.show(micros) == from_micros(micros).astimezone(zone).isoformat()
        text = at.isoformat()
        found = clock.read(text)
        assert found is None or found == general(text, zone)


MADRID = ZoneInfo("Europe/Madrid")


@pytest.mark.parametrize(("text", "shown"), [
    ("2026-07-15T10:00", "2026-07-15T10:00:00+02:00"),
    ("2026-01-15T10:00:30", "2026-01-15T10:00:30+01:00"),
    ("2026-01-15T10:00:00.250000", "2026-01-15T10:00:00.250000+01:00"),
    ("2026-03-29T03:30", "2026-03-29T03:30:00+02:00"),  # the morning of the spring-forward, after it
    ("2026-11-20T23:30Z", "2026-11-21T00:30:00+01:00"),
], ids=lambda value: value)
def test_madrid_round_trips(text, shown):
    clock = WallClock(MADRID)
    assert clock.show(clock.read(text)) == shown


@pytest.mark.parametrize("text", ["now", "2026-03-29T02:30", "2026-10-25T02:30", "1899-12-31T10:00", "mañana"],
                         ids=["the word now", "in the spring-forward gap", "in the fall-back overlap",
                              "before 1901", "not a time"])
def test_what_only_read_time_can_answer_is_none(text):
    assert WallClock(MADRID).read(text) is None


@pytest.mark.parametrize("zone", ["Europe/Madrid", "America/Santiago", "Pacific/Apia", "Asia/Kathmandu"])
def test_a_minute_on_a_date_already_read_is_two_lookups_with_the_same_answer(zone):
    """``YYYY-MM-DDTHH:MM`` on a plain date read once is answered from the date's first instant
    plus the clock's: every minute of days around DST changes (and Apia's skipped day), read
    twice, gives the general reading or None (left to it), the second read as the first."""
    tz = ZoneInfo(zone)
    clock = WallClock(tz)
    days = [datetime(2026, 3, 27) + timedelta(days=n) for n in range(5)] + \
           [datetime(2026, 10, 23) + timedelta(days=n) for n in range(5)] + [datetime(2011, 12, 29), datetime(2011, 12, 31)]
    for day in days:
        texts = [(day + timedelta(minutes=m)).strftime("%Y-%m-%dT%H:%M") for m in range(0, 1440, 7)]
        first = [clock.read(text) for text in texts]
        again = [clock.read(text) for text in texts]
        assert first == again
        for text, found in zip(texts, first):
            assert found is None or found == general(text, tz), text
    assert clock.read("2026-03-29T24:00") is None  # not a clock of the day: left to read_time
