"""Time zones: IANA names and fixed offsets, wall times attached to a zone (refusing DST gaps
and overlaps), and a zone's display name."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone, tzinfo
from enum import Enum
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dateutil import tz

from slactl.errors import InputError


class Choice(str, Enum):
    """What to do with a wall time that a DST change makes ambiguous or skips (pandas'
    ``tz_localize`` offers the same): refuse it, or take the earlier or later reading."""

    ERROR = "error"
    EARLIER = "earlier"
    LATER = "later"
    FORWARD = "forward"


def localize(wall: datetime, zone: tzinfo, *, what: str = "time", ambiguous: Choice = Choice.ERROR,
             nonexistent: Choice = Choice.ERROR) -> datetime:
    """``wall`` (naive) as an aware instant in ``zone``. A wall time in a DST gap (clocks spring
    forward) or overlap (they fall back) raises ``InputError`` naming both candidates, unless
    ``nonexistent=FORWARD`` (the first instant after the gap, as pandas' ``shift_forward``) or
    ``ambiguous=EARLIER``/``LATER`` choose. Also ``InputError`` for a wall time whose instant
    is outside datetime's range."""
    if 1 < wall.year < 9999 and type(zone) in _READ_DIRECTLY:  # no overflow possible, one offset: the common case
        if zone.utcoffset(wall) == zone.utcoffset(wall.replace(fold=1 - wall.fold)):
            return wall.replace(tzinfo=zone, fold=0)
    first, second = wall.replace(tzinfo=zone, fold=0), wall.replace(tzinfo=zone, fold=1)
    try:
        exists, ambiguous_here = tz.datetime_exists(first), tz.datetime_ambiguous(first)
        earlier, later = sorted((first.astimezone(timezone.utc), second.astimezone(timezone.utc)))
    except OverflowError:
        raise InputError(f"{what} {wall.isoformat()} is out of range") from None
    name = zone_name(zone)
    if not exists:
        if nonexistent is Choice.FORWARD:
            return _after_gap(zone, earlier, later)
        raise InputError(
            f"{what} {wall.isoformat(timespec='minutes')} does not exist in {name} (clocks spring forward); "
            f"add an offset: {earlier.astimezone(zone).isoformat()} or {later.astimezone(zone).isoformat()}"
        )
    if ambiguous_here:
        if ambiguous in (Choice.EARLIER, Choice.LATER):
            return first if ambiguous is Choice.EARLIER else second
        raise InputError(
            f"{what} {wall.isoformat(timespec='minutes')} is ambiguous in {name} (clocks fall back, it happens twice); "
            f"add an offset: {first.isoformat()} or {second.isoformat()}"
        )
    return first


def _after_gap(zone: tzinfo, earlier: datetime, later: datetime) -> datetime:
    """The first instant after the gap between the two readings of a skipped wall time."""
    from slactl.businesstime.transitions import transitions_around

    for change in transitions_around(zone, earlier.year):
        at = change.at.replace(tzinfo=timezone.utc)
        if earlier < at <= later:
            return at.astimezone(zone)
    return later.astimezone(zone)


_READ_DIRECTLY = (ZoneInfo, timezone)
"""Zones whose ``utcoffset`` reads a naive wall time (and its fold) as the same wall time in them."""


def parse_zone(name: str, *, what: str = "--tz") -> tzinfo:
    """An IANA zone name, ``UTC`` or a fixed offset such as ``-05:00`` or ``UTC-05:00``;
    ``InputError`` naming ``what`` otherwise."""
    text = name.strip()
    try:
        fixed = fixed_offset(text)
    except ValueError:
        fixed = None
    if fixed is not None:
        return fixed
    try:
        return ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        raise InputError(f"{what}: unknown time zone {name!r} (use an IANA name such as Europe/Madrid or an offset such as -05:00)") from None


_OFFSET = re.compile(r"^(?:UTC|GMT)?\s*([+-])([0-9]{1,2})(?::?([0-9]{2}))?$")


def fixed_offset(text: str) -> timezone | None:
    """``UTC``/``GMT``/``Z`` or an offset (``-05:00``, ``-0500``, ``GMT-5``, ``UTC+01:00``) as a
    fixed zone; None when ``text`` is neither; ValueError past 14:00 or with bad minutes."""
    text = text.strip()
    if text.upper() in ("UTC", "Z", "GMT"):
        return timezone.utc
    match = _OFFSET.match(text)
    if not match:
        return None
    sign, hours, minutes = match.groups()
    offset = timedelta(hours=int(hours), minutes=int(minutes or 0))
    if offset > timedelta(hours=14) or int(minutes or 0) > 59:
        raise ValueError(f"offset {text!r} is out of range")
    return timezone(-offset if sign == "-" else offset)


def zone_name(zone: tzinfo) -> str:
    """How a zone is shown: its IANA key, ``UTC`` or a fixed offset such as ``-05:00``."""
    key = getattr(zone, "key", None)
    if key:
        return key
    if zone is timezone.utc:
        return "UTC"
    offset = zone.utcoffset(None)
    if offset is None:
        return str(zone)
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"{sign}{minutes // 60:02d}:{minutes % 60:02d}"
