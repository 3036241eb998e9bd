"""``localize``: a wall time in a zone, exactly once, or refused with both readings; the DST
choices (``earlier``, ``later``, ``forward``) as pandas' ``tz_localize`` offers them."""

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from budget import examples
from hypothesis import strategies as st

from slactl.businesstime.zones import Choice, localize
from slactl.errors import InputError

MADRID = ZoneInfo("Europe/Madrid")
ZONES = [MADRID, ZoneInfo("America/New_York"), ZoneInfo("America/Mexico_City"),
         ZoneInfo("Australia/Lord_Howe"), timezone(timedelta(hours=-5)), timezone(timedelta(hours=14)), timezone.utc]
CHANGES = [datetime(2026, 3, 29, 2), datetime(2026, 10, 25, 2), datetime(2026, 3, 8, 2), datetime(2026, 11, 1, 1),
           datetime(2022, 10, 30, 1), datetime(2026, 4, 5, 2), datetime(2026, 10, 4, 2)]
near_changes = st.builds(lambda change, minutes: change + timedelta(minutes=minutes),
                         st.sampled_from(CHANGES), st.integers(-180, 180))
walls = st.one_of(st.datetimes(datetime(1900, 1, 1), datetime(9990, 1, 1)), near_changes)


def outcome(function, wall, zone):
    try:
        return function(wall, zone, what="opened")
    except InputError as error:
        return str(error)


@settings(max_examples=examples(500), deadline=None)
@given(walls, st.sampled_from(ZONES), st.integers(0, 1))
def test_a_wall_time_is_read_as_the_one_instant_showing_it_or_refused(wall, zone, fold):
    found = outcome(localize, wall.replace(fold=fold), zone)
    if isinstance(found, datetime):
        assert found.astimezone(timezone.utc).astimezone(zone).replace(tzinfo=None) == wall
        assert found.fold == 0
    else:
        assert "clocks spring forward" in found or "clocks fall back" in found


@settings(max_examples=examples(300), deadline=None)
@given(near_changes, st.sampled_from(ZONES[:4]))
def test_every_choice_gives_an_instant_near_the_wall_time(wall, zone):
    for choice in (dict(ambiguous=Choice.EARLIER, nonexistent=Choice.FORWARD),
                   dict(ambiguous=Choice.LATER, nonexistent=Choice.FORWARD)):
        found = localize(wall, zone, **choice)
        assert abs(found.replace(tzinfo=None) - wall) <= timedelta(hours=1)


CASES = [
    pytest.param(datetime(2026, 3, 29, 2, 30), {}, "--opened 2026-03-29T02:30 does not exist in Europe/Madrid (clocks "
                 "spring forward); add an offset: 2026-03-29T01:30:00+01:00 or 2026-03-29T03:30:00+02:00",
                 id="Madrid 02:30 on 29 March 2026 does not exist and both readings are named"),
    pytest.param(datetime(2026, 3, 29, 2, 30), {"nonexistent": Choice.FORWARD}, "2026-03-29T03:00:00+02:00",
                 id="forward takes the first instant after the gap, 03:00 CEST"),
    pytest.param(datetime(2026, 10, 25, 2, 30), {}, "--opened 2026-10-25T02:30 is ambiguous in Europe/Madrid (clocks "
                 "fall back, it happens twice); add an offset: 2026-10-25T02:30:00+02:00 or 2026-10-25T02:30:00+01:00",
                 id="Madrid 02:30 on 25 October 2026 happens twice and both readings are named"),
    pytest.param(datetime(2026, 10, 25, 2, 30), {"ambiguous": Choice.EARLIER}, "2026-10-25T02:30:00+02:00",
                 id="earlier takes the first 02:30 (summer time)"),
    pytest.param(datetime(2026, 10, 25, 2, 30), {"ambiguous": Choice.LATER}, "2026-10-25T02:30:00+01:00",
                 id="later takes the second 02:30 (winter time)"),
]


@pytest.mark.parametrize("wall, choices, expected", CASES)
def test_dst_days_in_madrid(wall, choices, expected):
    try:
        found = localize(wall, MADRID, what="--opened", **choices).isoformat()
    except InputError as error:
        found = str(error)
    assert found == expected
