"""Reading the instants people type: ISO 8601 or ``now``; local times in the provider's zone.

A wall time without an offset that does not exist (spring forward) or exists twice (fall back)
is refused with both candidates, never guessed.
"""

from __future__ import annotations

from datetime import datetime, tzinfo

from slactl.businesstime.zones import localize
from slactl.errors import InputError


def parse_time(text: str, zone: tzinfo, now: datetime, *, what: str = "time") -> datetime:
    """An aware datetime from ``text``; ``now`` (aware) answers the word ``now``."""
    if text.strip().lower() == "now":
        return now
    return read_time(text, zone, what=what, also=", or now")


def read_time(text: str, zone: tzinfo, *, what: str = "time", also: str = "") -> datetime:
    """An aware datetime from ISO 8601 ``text``; a wall time is local to ``zone``."""
    raw = text.strip()
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        raise InputError(
            f"bad {what} {text!r}: write ISO 8601 such as 2026-11-20T18:30, 2026-11-20T18:30:00-06:00"
            f"{' or' if not also else ','} 2026-11-20T23:30Z{also}"
        ) from None
    if moment.year < FIRST_YEAR:
        raise InputError(f"{what} {raw} is out of range: slactl reads times from the year {FIRST_YEAR} on")
    if moment.tzinfo is not None:
        return moment
    return localize(moment, zone, what=what)


FIRST_YEAR = 1900
"""Earlier instants are typing mistakes, and their conversions to UTC can leave Python's range."""


def parse_pause(text: str, zone: tzinfo, now: datetime) -> tuple[datetime, datetime]:
    """``START/END`` as two instants, END after START."""
    start_text, slash, end_text = text.partition("/")
    if not slash or not start_text.strip() or not end_text.strip():
        raise InputError(f"bad pause {text!r}: write START/END, e.g. 2026-11-20T10:00/2026-11-20T12:00")
    start = parse_time(start_text, zone, now, what="pause start")
    end = parse_time(end_text, zone, now, what="pause end")
    if end <= start:
        raise InputError(f"pause {text!r} ends before it starts")
    return start, end


def check_pauses(pauses: list[tuple[datetime, datetime]]) -> list[tuple[datetime, datetime]]:
    """Sorted pauses; overlapping ones are refused (they would count a stop twice)."""
    ordered = sorted(pauses)
    for (s1, e1), (s2, e2) in zip(ordered, ordered[1:]):
        if s2 < e1:
            raise InputError(f"pauses overlap: {s1.isoformat()}/{e1.isoformat()} and {s2.isoformat()}/{e2.isoformat()}")
    return ordered


