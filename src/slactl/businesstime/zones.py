"""Time zones: IANA names and fixed offsets, wall times attached to a zone (refusing DST gaps
and overlaps), and a zone's display name."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from slactl.errors import InputError


def localize(wall: datetime, zone: tzinfo, *, what: str = "time") -> datetime:
    """Attach ``zone`` to a naive wall time, refusing gaps and overlaps."""
    if 1 < wall.year < 9999 and type(zone) in _READ_DIRECTLY:  # fast path: no overflow possible
        if zone.utcoffset(wall) == zone.utcoffset(wall.replace(fold=1 - wall.fold)):
            return wall.replace(tzinfo=zone, fold=0) if wall.fold else wall.replace(tzinfo=zone)
    return _localize_checked(wall, zone, what=what)


_READ_DIRECTLY = (ZoneInfo, timezone)
"""Zones whose ``utcoffset`` reads a naive wall time (and its fold) as the same wall time in them."""


def _localize_checked(wall: datetime, zone: tzinfo, *, what: str = "time") -> datetime:
    """The general path of ``localize``: also names the gap or overlap, and catches the wall
    times at the ends of the calendar whose UTC instant does not exist. Only a wall time that
    exists once (both folds give one offset) is attached; ``localize`` skips the round trip
    for it when no overflow is possible, since that is the common case of a batch (issue 6)."""
    first, second = wall.replace(tzinfo=zone, fold=0), wall.replace(tzinfo=zone, fold=1)
    try:
        offsets = first.utcoffset(), second.utcoffset()
        round_trip = first.astimezone(timezone.utc).astimezone(zone).replace(tzinfo=None)
    except OverflowError:
        raise InputError(f"{what} {wall.isoformat()} is out of range") from None
    if offsets[0] == offsets[1]:
        return first
    name = zone_name(zone)
    earlier = first.astimezone(timezone.utc).astimezone(zone)
    later = second.astimezone(timezone.utc).astimezone(zone)
    if round_trip != wall:
        raise InputError(
            f"{what} {wall.isoformat(timespec='minutes')} does not exist in {name} (clocks spring forward); "
            f"add an offset: {min(earlier, later).isoformat()} or {max(earlier, later).isoformat()}"
        )
    raise InputError(
        f"{what} {wall.isoformat(timespec='minutes')} is ambiguous in {name} (clocks fall back, it happens twice); "
        f"add an offset: {first.isoformat()} or {second.isoformat()}"
    )


def parse_zone(name: str) -> tzinfo:
    """An IANA zone name, ``UTC`` or a fixed offset such as ``-05:00`` or ``UTC-05:00``."""
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
        raise InputError(f"unknown time zone {name!r} (use an IANA name such as Europe/Madrid or an offset such as -05:00)") from None


_OFFSET = re.compile(r"^(?:UTC|GMT)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$")


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
