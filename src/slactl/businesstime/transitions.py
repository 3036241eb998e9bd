"""When a time zone's UTC offset changes, found by sampling once a day and bisecting.

Offsets are sampled at noon UTC each day, so two changes less than a day apart that cancel out
would go unseen; no time zone in the tz database does that.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo
from functools import lru_cache

ONE_DAY = timedelta(days=1)
ONE_MICROSECOND = timedelta(microseconds=1)
EARLIEST = datetime(1, 1, 2, 12)
LATEST = datetime(9999, 12, 30, 12)


@dataclass(frozen=True, slots=True)
class Transition:
    """From ``at`` (naive UTC, the first instant of the new offset) the offset is ``after``."""

    at: datetime
    before: timedelta
    after: timedelta


def offset_at(zone: tzinfo, utc: datetime) -> timedelta:
    """The UTC offset of ``zone`` at the naive UTC instant ``utc``."""
    return _offset(zone, utc.replace(tzinfo=timezone.utc))


def _offset(zone: tzinfo, instant: datetime) -> timedelta:
    """The UTC offset of ``zone`` at the aware ``instant``."""
    return instant.astimezone(zone).utcoffset() or timedelta(0)


@lru_cache(maxsize=512)
def transitions_around(zone: tzinfo, year: int) -> tuple[Transition, ...]:
    """Offset changes from a few days before ``year`` until a few days after it.

    Remembered per ``(zone, year)``: the answer is an immutable tuple of frozen values, the same
    for every caller and thread (a batch asks for each year once per calendar and per clock)."""
    if isinstance(zone, timezone):
        return ()
    first, final = datetime(year, 1, 1, 12), datetime(year, 12, 31, 12)
    sample = first - 5 * ONE_DAY if first - EARLIEST > 5 * ONE_DAY else EARLIEST  # no overflow in year 1 or 9999
    last = final + 5 * ONE_DAY if LATEST - final > 5 * ONE_DAY else LATEST
    found = []
    moment, end = sample.replace(tzinfo=timezone.utc), last.replace(tzinfo=timezone.utc)  # aware: no replace() a day
    offset = _offset(zone, moment)
    while moment < end:
        following = moment + ONE_DAY
        next_offset = _offset(zone, following)
        if next_offset != offset:
            found.append(Transition(_first_instant_with(zone, moment.replace(tzinfo=None), following.replace(tzinfo=None)),
                                    offset, next_offset))
        moment, offset = following, next_offset
    return tuple(found)


def _first_instant_with(zone: tzinfo, before: datetime, after: datetime) -> datetime:
    """Bisect to the microsecond: ``before`` has the old offset, ``after`` the new one."""
    old = offset_at(zone, before)
    while after - before > ONE_MICROSECOND:
        middle = before + (after - before) // 2
        if offset_at(zone, middle) == old:
            before = middle
        else:
            after = middle
    return after
