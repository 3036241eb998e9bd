"""A target length as the policies write it: ``15m``, ``4h``, ``3d``, ``1h30m``, ``1d4h``.

Days are kept apart from clock time because a day means something different per calendar:
on ``24x7`` it is 24 elapsed hours, on a business calendar it is one business day.

``end-of-day`` and ``end-of-day+Nd`` are lengths to a closing, not an amount of time: the
closing of the business day on which the clock starts, or of the N-th business day after it
("by the end of the business day", ServiceNow's relative durations, GLPI's end of working day).
On ``24x7`` a business day is a local date of the policy's zone, closing at midnight.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta

_PART = re.compile(r"([0-9]+)\s*(d|h|m|s)")
_WHOLE = re.compile(r"^\s*(?:[0-9]+\s*[dhms]\s*)+$")
_END_OF_DAY = re.compile(r"^\s*end-of-day(?:\+([0-9]+)d)?\s*$")
_UNIT = {"h": timedelta(hours=1), "m": timedelta(minutes=1), "s": timedelta(seconds=1)}
_MAX_DAYS = 100_000


@dataclass(frozen=True, slots=True, order=True)
class Duration:
    """``days`` whole days plus ``time`` of clock time; both non-negative. With ``end_of_day``
    it is the closing of the ``days``-th business day after the one the clock starts on (no
    ``time``)."""

    days: int = 0
    time: timedelta = timedelta(0)
    end_of_day: bool = False

    def __post_init__(self) -> None:
        if self.days < 0 or self.time < timedelta(0):
            raise ValueError("a duration cannot be negative")
        if self.days > _MAX_DAYS or self.time > timedelta(days=_MAX_DAYS):
            raise ValueError(f"a duration cannot exceed {_MAX_DAYS} days")
        if self.end_of_day and self.time:  # no policy text reads this way: a caller's mistake
            raise TypeError("end-of-day counts whole business days only, without clock time")

    @classmethod
    def parse(cls, text: str) -> Duration:
        """Parse ``15m``, ``4h``, ``3d``, ``1h30m``, ``1d4h``, ``end-of-day``, ``end-of-day+2d``;
        raise ValueError otherwise."""
        closing = _END_OF_DAY.match(text) if isinstance(text, str) else None
        if closing:
            return cls(int(closing.group(1) or 0), end_of_day=True)
        if not isinstance(text, str) or not _WHOLE.match(text):
            raise ValueError(
                f"bad duration {text!r}: write a number and a unit, e.g. 15m, 4h, 3d, 1h30m"
            )
        days, time, seen = 0, timedelta(0), set()
        for number, unit in _PART.findall(text):
            if unit in seen:
                raise ValueError(f"bad duration {text!r}: unit {unit!r} appears twice")
            seen.add(unit)
            if unit == "d":
                days = int(number)
            elif int(number) > _MAX_DAYS * 86400:  # beyond what a timedelta holds: no OverflowError
                raise ValueError(f"a duration cannot exceed {_MAX_DAYS} days")
            else:
                time += int(number) * _UNIT[unit]
        return cls(days, time)

    @classmethod
    def of(cls, *, days: int = 0, hours: int = 0, minutes: int = 0) -> Duration:
        """A duration from whole days, hours and minutes."""
        return cls(days, timedelta(hours=hours, minutes=minutes))

    @property
    def is_zero(self) -> bool:
        """True for ``0m`` (and no end-of-day)."""
        return self.days == 0 and not self.time and not self.end_of_day

    def as_elapsed(self) -> timedelta:
        """The length on an always-open calendar: a day is 24 hours. ``end-of-day`` has no
        fixed length (TypeError, a caller's mistake): only a calendar knows where it lands."""
        if self.end_of_day:
            raise TypeError("end-of-day has no fixed length: ask a calendar where it lands")
        return timedelta(days=self.days) + self.time

    def __str__(self) -> str:
        if self.end_of_day:
            return "end-of-day" + (f"+{self.days}d" if self.days else "")
        parts = [f"{self.days}d"] if self.days else []
        seconds = int(self.time.total_seconds())
        hours, rest = divmod(seconds, 3600)
        minutes, secs = divmod(rest, 60)
        parts += [f"{v}{u}" for v, u in ((hours, "h"), (minutes, "m"), (secs, "s")) if v]
        return "".join(parts) or "0m"


def compact(length: timedelta) -> str:
    """``3h10m`` for JSON and CSV: hours and minutes (and seconds when present), truncated to
    whole seconds toward zero."""
    return compact_seconds(int(length.total_seconds()))


def compact_seconds(seconds: int) -> str:
    """``compact`` of a whole number of seconds."""
    hours, rest = divmod(abs(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    text = (f"{hours}h" if hours else "") + (f"{minutes}m" if minutes else "") + (f"{secs}s" if secs else "")
    return ("-" if seconds < 0 else "") + (text or "0m")
