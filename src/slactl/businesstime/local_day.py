"""One local date's opening hours as absolute instants.

Rule: a wall interval ``[a, b)`` on date D covers exactly the real instants whose wall clock in
the zone reads a time in ``[a, b)`` of D. So business time inside open hours is real elapsed
time: wall times skipped by a spring-forward gap cover no instant (01:00-04:00 across a
02:00->03:00 jump lasts 2 real hours; 02:30-04:00 opens at the jump), and the hour repeated by a
fall-back overlap is counted twice, because it happened twice (01:00-04:00 lasts 4 real hours). In UTC this is, for each stretch of constant
offset ``o``, the interval ``[D+a-o, D+b-o)`` cut to that stretch. An interval whose end is
past 24:00 (a night shift) is read the same way: its end is a wall time of the next date.

``end_of_date`` is where a local date ends: the first instant the next date shows. On a
00:00-24:00 day it is the closing of ``open_spans``, and it is where a day's time tracking is cut.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone, tzinfo

from slactl.businesstime.weekly_hours import Minutes
from slactl.businesstime.intervals import Span
from slactl.businesstime.transitions import Transition, offset_at

NEARBY_BEFORE = timedelta(days=2)
NEARBY_AFTER = timedelta(days=3)


def open_spans(
    day: date, wall: tuple[Minutes, ...], zone: tzinfo, transitions: tuple[Transition, ...]
) -> tuple[Span, ...]:
    """Sorted, disjoint UTC spans of ``wall`` on ``day``; ``transitions`` must cover the day."""
    midnight = datetime(day.year, day.month, day.day)
    nearby = [t for t in transitions if midnight - NEARBY_BEFORE <= t.at <= midnight + NEARBY_AFTER]
    if not nearby:
        offset = offset_at(zone, midnight)
        return tuple(
            (_utc(midnight + timedelta(minutes=a) - offset), _utc(midnight + timedelta(minutes=b) - offset))
            for a, b in wall
        )
    pieces = []
    for a, b in wall:
        opens, closes = midnight + timedelta(minutes=a), midnight + timedelta(minutes=b)
        for since, until, offset in _stretches(nearby):
            low, high = opens - offset, closes - offset
            if since is not None and since > low:
                low = since
            if until is not None and until < high:
                high = until
            if low < high:
                pieces.append((low, high))
    return tuple((_utc(low), _utc(high)) for low, high in _merged(sorted(pieces)))


def end_of_date(day: date, zone: tzinfo) -> datetime:
    """The end (UTC) of local ``day`` in ``zone``: the first instant whose wall date is the next
    day. Midnight, or where a gap swallows it (clocks jumping from 00:00 to 01:00), the jump.
    Raises OverflowError after 9999-12-30."""
    following = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
    return following.astimezone(timezone.utc)


def _stretches(nearby: list[Transition]):
    """``(since, until, offset)`` runs of constant offset; ``None`` is unbounded."""
    since = None
    for transition in nearby:
        yield since, transition.at, transition.before
        since = transition.at
    yield since, None, nearby[-1].after


def _merged(pieces: list[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    merged: list[tuple[datetime, datetime]] = []
    for low, high in pieces:
        if merged and low <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], high))
        else:
            merged.append((low, high))
    return merged


def _utc(naive: datetime) -> datetime:
    return naive.replace(tzinfo=timezone.utc)
