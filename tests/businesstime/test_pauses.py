"""Pauses stop the clock. Seed: Mon-Fri 08:00-19:00 America/Mexico_City with Mexican holidays."""

from datetime import datetime, timedelta

import pytest

from calendar_samples import MEXICO_CITY, MX_OFFICE, UTC, at
from slactl.businesstime import merge_pauses
from slactl.businesstime.duration import Duration

MX = MEXICO_CITY


def mx(text):
    return at(MX, text)


def pause(start, end):
    return (mx(start), mx(end))


@pytest.mark.parametrize(
    "pauses, merged",
    [
        pytest.param([pause("2026-11-20 10:00", "2026-11-20 12:00"), pause("2026-11-20 11:00", "2026-11-20 13:00")], [pause("2026-11-20 10:00", "2026-11-20 13:00")], id="overlapping pauses become one"),
        pytest.param([pause("2026-11-20 10:00", "2026-11-20 11:00"), pause("2026-11-20 11:00", "2026-11-20 12:00")], [pause("2026-11-20 10:00", "2026-11-20 12:00")], id="touching pauses become one"),
        pytest.param([pause("2026-11-20 12:00", "2026-11-20 13:00"), pause("2026-11-20 10:00", "2026-11-20 11:00")], [pause("2026-11-20 10:00", "2026-11-20 11:00"), pause("2026-11-20 12:00", "2026-11-20 13:00")], id="pauses come out sorted"),
        pytest.param([pause("2026-11-20 10:00", "2026-11-20 10:00")], [], id="an empty pause is dropped"),
        pytest.param([pause("2026-11-20 10:00", "2026-11-20 16:00"), pause("2026-11-20 11:00", "2026-11-20 12:00")], [pause("2026-11-20 10:00", "2026-11-20 16:00")], id="a pause inside another disappears"),
    ],
)
def test_merge_pauses(pauses, merged):
    result = merge_pauses(pauses)
    assert result == tuple(merged)
    assert all(start.tzinfo is UTC and end.tzinfo is UTC for start, end in result)


def test_a_pause_ending_before_it_starts_is_refused():
    with pytest.raises(ValueError, match="cannot end before it starts"):
        merge_pauses([pause("2026-11-20 12:00", "2026-11-20 11:00")])


def test_a_naive_pause_is_refused():
    with pytest.raises(ValueError, match="aware"):
        merge_pauses([(datetime(2026, 11, 20, 10), mx("2026-11-20 11:00"))])


@pytest.mark.parametrize(
    "start, duration, pauses, due",
    [
        pytest.param("2026-11-20 17:00", "4h", [], "2026-11-23 10:00", id="without pauses four hours from Friday 17:00 are due Monday 10:00"),
        pytest.param("2026-11-20 17:00", "4h", [pause("2026-11-20 18:00", "2026-11-23 09:00")], "2026-11-23 12:00", id="a pause across the weekend costs only the two business hours it covered"),
        pytest.param("2026-11-20 17:00", "4h", [pause("2026-11-20 18:30", "2026-11-21 12:00")], "2026-11-23 10:30", id="a pause partly outside hours costs only its half hour inside them"),
        pytest.param("2026-11-20 17:00", "4h", [pause("2026-11-21 09:00", "2026-11-22 18:00")], "2026-11-23 10:00", id="a pause entirely on the weekend changes nothing"),
        pytest.param("2026-11-20 17:00", "4h", [pause("2026-11-20 16:00", "2026-11-20 18:00")], "2026-11-23 11:00", id="a start inside a pause counts from the pause's end"),
        pytest.param("2026-11-20 17:00", "4h", [pause("2026-11-20 17:30", "2026-11-20 18:00"), pause("2026-11-20 17:45", "2026-11-20 18:15")], "2026-11-23 10:45", id="overlapping pauses count once"),
        pytest.param("2026-11-20 17:00", "1h", [pause("2026-11-20 18:00", "2026-11-20 18:30")], "2026-11-20 18:00", id="a deadline reached just as a pause starts is not pushed past it"),
        pytest.param("2026-11-20 17:00", "1h", [pause("2026-11-19 10:00", "2026-11-20 12:00")], "2026-11-20 18:00", id="a pause over before the start changes nothing"),
        pytest.param("2026-11-20 18:30", "1d", [pause("2026-11-23 09:00", "2026-11-23 10:00")], "2026-11-24 08:30", id="one day with an hour's pause on Monday is the day's 11 business hours plus that hour"),
        pytest.param("2026-11-20 18:30", "1d", [pause("2026-11-21 09:00", "2026-11-21 10:00")], "2026-11-23 18:30", id="one day with a pause on Saturday is still Monday 18:30"),
    ],
)
def test_add_with_pauses(start, duration, pauses, due):
    assert MX_OFFICE.add(mx(start), Duration.parse(duration), pauses) == mx(due)


@pytest.mark.parametrize(
    "start, end, pauses, elapsed",
    [
        pytest.param("2026-11-20 17:00", "2026-11-23 12:00", [pause("2026-11-20 18:00", "2026-11-23 09:00")], timedelta(hours=4), id="a paused weekend leaves four business hours"),
        pytest.param("2026-11-20 17:00", "2026-11-20 18:00", [pause("2026-11-20 16:00", "2026-11-20 20:00")], timedelta(0), id="time inside a pause is not counted"),
        pytest.param("2026-11-20 17:00", "2026-11-20 19:00", [pause("2026-11-20 18:30", "2026-11-23 20:00")], timedelta(hours=1, minutes=30), id="a pause running past the end is cut at the end"),
    ],
)
def test_elapsed_with_pauses(start, end, pauses, elapsed):
    assert MX_OFFICE.elapsed(mx(start), mx(end), pauses) == elapsed
