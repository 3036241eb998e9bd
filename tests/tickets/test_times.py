"""``localize`` answers like its general path (the round trip through UTC) for every wall time."""

from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from slactl.errors import InputError
from slactl.businesstime.zones import _localize_checked, localize

ZONES = [ZoneInfo("Europe/Madrid"), ZoneInfo("America/New_York"), ZoneInfo("America/Mexico_City"),
         ZoneInfo("Australia/Lord_Howe"), timezone(timedelta(hours=-5)), timezone(timedelta(hours=14)), timezone.utc]
CHANGES = [datetime(2026, 3, 29, 2), datetime(2026, 10, 25, 2), datetime(2026, 3, 8, 2), datetime(2026, 11, 1, 1),
           datetime(2022, 10, 30, 1), datetime(2026, 4, 5, 2), datetime(2026, 10, 4, 2)]
near_changes = st.builds(lambda change, minutes: change + timedelta(minutes=minutes),
                         st.sampled_from(CHANGES), st.integers(-180, 180))
walls = st.one_of(st.datetimes(), near_changes, st.datetimes(datetime(9999, 12, 30), datetime.max),
                  st.datetimes(datetime.min, datetime(1, 1, 2)))


def outcome(function, wall, zone):
    try:
        return function(wall, zone, what="opened")
    except InputError as error:
        return str(error)


@settings(max_examples=500, deadline=None)
@given(walls, st.sampled_from(ZONES), st.integers(0, 1))
def test_localize_agrees_with_its_general_path(wall, zone, fold):
    wall = wall.replace(fold=fold)
    fast, general = outcome(localize, wall, zone), outcome(_localize_checked, wall, zone)
    assert fast == general
    if isinstance(fast, datetime):
        assert (fast.tzinfo, fast.fold) == (general.tzinfo, general.fold)
