"""The 24x7 calendar counts absolute time, even across DST changes."""

from datetime import datetime, timedelta

import pytest

from calendar_samples import MADRID, UTC, UTC_MINUS_5, at
from slactl.businesstime import AlwaysOpen
from slactl.businesstime.duration import Duration
from slactl.errors import InputError

ALWAYS = AlwaysOpen()


@pytest.mark.parametrize(
    "start, duration, pauses, due",
    [
        pytest.param(at(UTC_MINUS_5, "2026-11-21 03:00"), "2h", [], at(UTC_MINUS_5, "2026-11-21 05:00"), id="Saturday 03:00 at UTC-05:00 plus two hours is 05:00 the same day"),
        pytest.param(at(MADRID, "2026-03-28 12:00"), "24h", [], at(MADRID, "2026-03-29 13:00"), id="24 hours across Madrid's spring forward are 24 real hours"),
        pytest.param(at(MADRID, "2026-03-28 12:00"), "1d", [], at(MADRID, "2026-03-29 13:00"), id="a day across Madrid's spring forward is 24 real hours"),
        pytest.param(at(MADRID, "2026-10-24 12:00"), "1d", [], at(MADRID, "2026-10-25 11:00"), id="a day across Madrid's fall back is 24 real hours"),
        pytest.param(at(UTC, "2026-11-20 10:00"), "2h", [(at(UTC, "2026-11-20 11:00"), at(UTC, "2026-11-20 11:30"))], at(UTC, "2026-11-20 12:30"), id="the clock stops during a pause"),
        pytest.param(at(UTC, "2026-11-20 10:00"), "1d", [(at(UTC, "2026-11-20 09:00"), at(UTC, "2026-11-20 12:00"))], at(UTC, "2026-11-21 12:00"), id="a start inside a pause counts from its end"),
        pytest.param(at(UTC, "2026-11-20 10:00"), "0m", [], at(UTC, "2026-11-20 10:00"), id="zero duration is the start"),
    ],
)
def test_add(start, duration, pauses, due):
    result = ALWAYS.add(start, Duration.parse(duration), pauses)
    assert result == due
    assert result.tzinfo is UTC


def test_elapsed_is_real_time_minus_pauses():
    start, end = at(MADRID, "2026-10-25 00:00"), at(MADRID, "2026-10-26 00:00")
    assert ALWAYS.elapsed(start, end) == timedelta(hours=25)
    pause = (at(MADRID, "2026-10-25 10:00"), at(MADRID, "2026-10-25 12:00"))
    assert ALWAYS.elapsed(start, end, [pause]) == timedelta(hours=23)
    assert ALWAYS.elapsed(end, start) == timedelta(0)


def test_always_open():
    instant = at(UTC_MINUS_5, "2026-11-21 03:00")
    assert ALWAYS.is_open(instant)
    assert ALWAYS.next_open(instant) == instant
    assert ALWAYS.next_open(instant).tzinfo is UTC


def test_a_deadline_beyond_year_9999_is_refused():
    with pytest.raises(InputError, match="deadline beyond year 9999"):
        ALWAYS.add(at(UTC, "9999-12-31 10:00"), Duration.parse("1d"))


def test_a_naive_start_is_refused():
    with pytest.raises(ValueError, match="aware"):
        ALWAYS.add(datetime(2026, 11, 21, 3), Duration.parse("2h"))
