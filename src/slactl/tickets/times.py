"""Reading the instants people type: ISO 8601, ``T24:00``, or the word ``now``; in ticket
files also epoch seconds, the dates help desks write (``29/2/2016 01:16``, ``15/Jan/24 9:05 AM``,
RFC 2822) and a format of the caller's choosing.

One rule everywhere (flags, file columns, API arguments): a time without an offset is the
provider's local time, unless the caller names the zone the times were written in; ``now`` is
the instant the caller says it is (the CLI's ``--now``, or its clock), never read here. A wall
time that a DST change skips or repeats is refused with both readings unless the caller chose
(``businesstime.zones.Choice``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone, tzinfo
from functools import lru_cache

from slactl.businesstime.zones import Choice, localize
from slactl.errors import InputError

FIRST_YEAR = 1900
"""Earlier instants are typing mistakes, and their conversions to UTC can leave Python's range."""
_MIDNIGHT_END = re.compile(r"^([0-9]{4}-[0-9]{2}-[0-9]{2})[T ]24:00(?::00(?:\.0+)?)?(Z|[+-][0-9]{2}:?[0-9]{2})?$")
"""``2026-11-23T24:00``: the end of that day, as policies write opening hours."""
_EPOCH = re.compile(r"^[0-9]{9,11}(?:\.[0-9]{1,6})?$")
"""Seconds since 1970-01-01T00:00Z, from 1973 on (fewer digits are more likely another number)."""
PLUS_MINUTES = re.compile(r"^(.*\S)\s*\+\s*([0-9]{1,7})\s*min$")
"""``TIME + N min``: N minutes of real time after TIME (an export that gives a duration)."""
_NUMERIC_DATE = re.compile(r"^([0-9]{1,2})[/.-]([0-9]{1,2})[/.-][0-9]{2,4}\b")
_EXAMPLE = datetime(2026, 11, 20, 18, 30)
_FLEXIBLE_HINT = "write ISO 8601 such as 2026-11-20T18:30, or give --time-format"


@dataclass(frozen=True, slots=True)
class TimeReading:
    """How times are read.

    ``format`` (``strptime``, e.g. ``%d/%m/%Y %H:%M``) reads every time with that format.
    Without it, ISO 8601; when ``flexible`` (the default for ticket files), also epoch seconds
    and what python-dateutil reads, numeric dates month first unless ``dayfirst`` (a date
    that only reads the other way round is refused, never silently swapped), and ``TIME + N
    min``. ``zone`` is the zone of times written without an offset (None: the provider's).
    ``ambiguous`` (error, earlier or later) and ``nonexistent`` (error or forward) choose for
    the wall times a DST change repeats or skips."""

    ambiguous: Choice = Choice.ERROR
    nonexistent: Choice = Choice.ERROR
    format: str | None = None
    dayfirst: bool = False
    zone: tzinfo | None = None
    flexible: bool = False

    def __post_init__(self) -> None:
        if self.ambiguous not in (Choice.ERROR, Choice.EARLIER, Choice.LATER):
            raise ValueError(f"ambiguous must be error, earlier or later, not {self.ambiguous.value}")
        if self.nonexistent not in (Choice.ERROR, Choice.FORWARD):
            raise ValueError(f"nonexistent must be error or forward, not {self.nonexistent.value}")


STRICT = TimeReading()
"""Flags and API arguments: ISO 8601 only."""
FILES = TimeReading(flexible=True)
"""Ticket files without a preset or options: ISO 8601 first, then the other forms."""


def read_time(text: str, zone: tzinfo, *, what: str, now: datetime | None = None,
              reading: TimeReading = STRICT) -> datetime:
    """An aware instant in UTC from ``text``: ISO 8601 with or without an offset (without: local
    to ``reading.zone`` or ``zone``), ``T24:00`` (the next day's 00:00), ``now`` (the instant
    ``now``), or what ``reading`` also reads. Raises ``InputError`` naming ``what``
    (``--opened``, ``opened``) for anything else, for ``now`` when no current time was given,
    and for years before 1900.

    In UTC because two datetimes sharing one ``ZoneInfo`` subtract and compare as wall clocks
    in Python: across a DST change 01:30 to 03:30 would be two hours, not one."""
    moment = _read_time(text, zone, what=what, now=now, reading=reading)
    try:
        moment.astimezone(zone)  # its local time exists too (9999-12-31T23:30Z is 10000 in Madrid)
        return moment.astimezone(timezone.utc)
    except (OverflowError, ValueError):
        raise InputError(f"{what} {text.strip()} is out of range: slactl reads times up to the end of 9999") from None


def _read_time(text: str, zone: tzinfo, *, what: str, now: datetime | None, reading: TimeReading) -> datetime:
    raw = text.strip()
    if raw.lower() == "now":
        if now is None:
            raise InputError(f"{what}: 'now' needs the current time; pass an aware datetime such as "
                             f"datetime.now(timezone.utc) instead (the library never reads the clock)")
        return now
    if reading.flexible or reading.format or reading.dayfirst:
        plus = PLUS_MINUTES.match(raw)
        if plus:
            start = _read_time(plus.group(1), zone, what=what, now=now, reading=reading)
            try:
                return start.astimezone(timezone.utc) + timedelta(minutes=int(plus.group(2)))  # real time, not wall time
            except OverflowError:
                raise InputError(f"{what} {raw} is out of range") from None
    if reading.format:
        moment = formatted(raw, reading.format)
        if moment is None:
            raise InputError(f"bad {what} {text!r}: expected the time format {reading.format!r} "
                             f"(e.g. {_EXAMPLE.strftime(reading.format)})")
        return _placed(moment, zone, what, reading, raw)
    end_of_day = _MIDNIGHT_END.match(raw)
    if end_of_day:
        day, offset = end_of_day.groups()
        raw = f"{day}T00:00{offset or ''}"
    try:
        moment = datetime.fromisoformat(raw)
    except ValueError:
        found = _flexible(raw, text, what, reading.dayfirst) if reading.flexible or reading.dayfirst else None
        if found is None:
            also = ", 2026-11-20T23:30Z, or now" if now is not None else " or 2026-11-20T23:30Z"
            raise InputError(
                f"bad {what} {text!r}: write ISO 8601 such as 2026-11-20T18:30, 2026-11-20T18:30:00-06:00{also}"
            ) from None
        moment = found
    if end_of_day:
        try:
            moment += timedelta(days=1)
        except OverflowError:
            raise InputError(f"{what} {text.strip()} is out of range") from None
    return _placed(moment, zone, what, reading, raw)


def _placed(moment: datetime, zone: tzinfo, what: str, reading: TimeReading, raw: str) -> datetime:
    """``moment`` checked for its year and, when naive, placed in the reading's zone."""
    if moment.year < FIRST_YEAR:
        raise InputError(f"{what} {raw} is out of range: slactl reads times from the year {FIRST_YEAR} on")
    if moment.tzinfo is not None:
        return moment
    return localize(moment, reading.zone or zone, what=what, ambiguous=reading.ambiguous,
                    nonexistent=reading.nonexistent)


@lru_cache(maxsize=4096)
def formatted(text: str, format: str) -> datetime | None:
    """``text`` read with ``format``, None when it does not match. Remembered: exports repeat
    their instants (every row of an incident in an event log carries its opening)."""
    try:
        return datetime.strptime(text, format)
    except ValueError:
        return None


def format_works(format: str) -> bool:
    """Whether ``format`` is a ``strptime`` format that reads back what it writes."""
    if "%" not in format:
        return False
    try:
        datetime.strptime(datetime(2026, 11, 20, 18, 30, 45).strftime(format), format)
    except (ValueError, TypeError):
        return False
    return True


def _flexible(raw: str, text: str, what: str, dayfirst: bool) -> datetime | None:
    """Epoch seconds, or what python-dateutil reads with a full date (year, month and day);
    None for text that is no time at all."""
    if _EPOCH.match(raw):
        try:
            return datetime.fromtimestamp(float(raw), timezone.utc)
        except (OverflowError, OSError, ValueError):
            raise InputError(f"{what} {raw} is out of range") from None
    if not raw.isascii() and any(char.isdigit() for char in raw if not char.isascii()):
        return None  # digits of other scripts: dateutil would read them, nothing else in slactl does
    try:
        return _dated(raw, text, what, dayfirst)
    except _UnknownZone as name:  # from any of the readings: the month-first check's too
        raise InputError(f"bad {what} {text!r}: the zone {str(name)!r} is ambiguous; write an offset such as -05:00") from None


def _dated(raw: str, text: str, what: str, dayfirst: bool) -> datetime | None:
    """``_flexible`` past epoch seconds; raises ``_UnknownZone`` for a zone abbreviation."""
    numeric = _NUMERIC_DATE.match(raw)
    if numeric:
        first, second = int(numeric.group(1)), int(numeric.group(2))
        other_way = (_dateutil(raw, not dayfirst, _DEFAULTS[0]) is not None) if max(first, second) > 12 else False
        if dayfirst and second > 12:
            raise InputError(f"bad {what} {text!r}: read day first (--dayfirst), {second} is not a month; "
                             + ("drop --dayfirst or give --time-format" if other_way else "not a date either way"))
        if not dayfirst and first > 12:
            raise InputError(f"bad {what} {text!r}: read month first, {first} is not a month; "
                             + ("give --dayfirst (day/month/year) or --time-format" if other_way
                                else "not a date either way"))
    first_reading = _dateutil(raw, dayfirst, _DEFAULTS[0])
    if first_reading is None:
        return None
    if first_reading.year == 1 or first_reading.month == 1 or first_reading.day == 1:
        second_reading = _dateutil(raw, dayfirst, _DEFAULTS[1])
        if second_reading is None or second_reading.date() != first_reading.date():
            raise InputError(f"bad {what} {text!r}: not a full date with year, month and day ({_FLEXIBLE_HINT})")
    return first_reading


_DEFAULTS = (datetime(1, 1, 1), datetime(4, 3, 3))
"""Two fillings for the parts a text leaves out: where the readings differ, the text lacks them."""


class _UnknownZone(ValueError):
    pass


def _zone_of(name: str | None, offset: int | None) -> tzinfo | None:
    """The zone dateutil found in a text: an offset, or None (a naive time). A zone name
    without an offset (``EST``) is refused: abbreviations are ambiguous and dateutil would
    otherwise read them in the machine's zone."""
    if offset is not None:
        return timezone(timedelta(seconds=offset))
    if name:
        raise _UnknownZone(name)
    return None


def _dateutil(raw: str, dayfirst: bool, default: datetime) -> datetime | None:
    from dateutil import parser

    try:
        return parser.parse(raw, dayfirst=dayfirst, default=default, tzinfos=_zone_of)
    except _UnknownZone:
        raise
    except (ValueError, OverflowError, TypeError):
        return None
