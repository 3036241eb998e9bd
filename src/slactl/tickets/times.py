"""Reading the instants people type: ISO 8601, ``T24:00``, or the word ``now``.

One rule everywhere (flags, file columns, API arguments): a time without an offset is the
provider's local time; ``now`` is the instant the caller says it is (the CLI's ``--now``, or
its clock), never read here. A wall time that a DST change skips or repeats is refused with
both readings unless the caller chose (``businesstime.zones.Choice``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from slactl.businesstime.zones import Choice, localize
from slactl.errors import InputError

FIRST_YEAR = 1900
"""Earlier instants are typing mistakes, and their conversions to UTC can leave Python's range."""
_MIDNIGHT_END = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]24:00(?::00(?:\.0+)?)?(Z|[+-]\d{2}:?\d{2})?$")
"""``2026-11-23T24:00``: the end of that day, as policies write opening hours."""


@dataclass(frozen=True, slots=True)
class TimeReading:
    """How wall times are read: what to do with the ones a DST change skips (``nonexistent``:
    error or forward) or repeats (``ambiguous``: error, earlier or later)."""

    ambiguous: Choice = Choice.ERROR
    nonexistent: Choice = Choice.ERROR


STRICT = TimeReading()


def read_time(text: str, zone: tzinfo, *, what: str, now: datetime | None = None,
              reading: TimeReading = STRICT) -> datetime:
    """An aware instant from ``text``: ISO 8601 with or without an offset (without: local to
    ``zone``), ``T24:00`` (the next day's 00:00) or ``now`` (the instant ``now``). Raises
    ``InputError`` naming ``what`` (``--opened``, ``opened``) for anything else, for ``now``
    when no current time was given, and for years before 1900."""
    raw = text.strip()
    if raw.lower() == "now":
        if now is None:
            raise InputError(f"{what}: 'now' needs the current time; pass an aware datetime such as "
                             f"datetime.now(timezone.utc) instead (the library never reads the clock)")
        return now
    end_of_day = _MIDNIGHT_END.match(raw)
    if end_of_day:
        day, offset = end_of_day.groups()
        raw = f"{day}T00:00{offset or ''}"
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        also = ", 2026-11-20T23:30Z, or now" if now is not None else " or 2026-11-20T23:30Z"
        raise InputError(
            f"bad {what} {text!r}: write ISO 8601 such as 2026-11-20T18:30, 2026-11-20T18:30:00-06:00{also}"
        ) from None
    if moment.year < FIRST_YEAR:
        raise InputError(f"{what} {raw} is out of range: slactl reads times from the year {FIRST_YEAR} on")
    if end_of_day:
        try:
            moment += timedelta(days=1)
        except OverflowError:
            raise InputError(f"{what} {text.strip()} is out of range") from None
    if moment.tzinfo is not None:
        return moment
    return localize(moment, zone, what=what, ambiguous=reading.ambiguous, nonexistent=reading.nonexistent)
