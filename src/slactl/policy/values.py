"""Reading the values of a policy document: opening hours, weekday ranges, durations, amounts.

Shared by the rules (``rules``), which say what is wrong with a value, and ``build``, which reads
values the rules accepted.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from slactl.businesstime.duration import Duration
from slactl.policy.spec import AMOUNT, WEEKDAYS

_AMOUNT = re.compile(AMOUNT)
RANGE = re.compile(r"^([0-9]{1,2}):([0-9]{2})\s*-\s*([0-9]{1,2}):([0-9]{2})$")


CLOSED = "closed"
"""An exception's value for a date that does not open at all."""


def parse_interval(text: str) -> tuple[int, int] | None:
    """``"08:00-19:00"`` as minutes after midnight ``(480, 1140)``; an end before the start runs
    past midnight, ``"22:00-06:00"`` is ``(1320, 1800)``; None when it is not one."""
    match = RANGE.match(text.strip())
    if not match:
        return None
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    start, end = h1 * 60 + m1, h2 * 60 + m2
    if m1 > 59 or m2 > 59 or start >= 1440 or end > 1440 or end == start:
        return None
    return (start, end) if end > start else (start, end + 1440)


def is_closed(ranges: str | list[str]) -> bool:
    """An exception written ``closed`` (or ``[closed]``)."""
    items = [ranges] if isinstance(ranges, str) else ranges
    return len(items) == 1 and isinstance(items[0], str) and items[0].strip() == CLOSED


def day_intervals(ranges: str | list[str], *, merge: bool = True) -> list[tuple[int, int]]:
    """The readable intervals of one entry (weekday or exception), sorted and (unless told not
    to) merged; none for ``closed``."""
    if is_closed(ranges):
        return []
    readable = sorted(i for i in map(parse_interval, interval_texts(ranges)) if i is not None)
    if not merge:
        return readable
    merged: list[tuple[int, int]] = []
    for start, end in readable:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def interval_texts(ranges: str | list[str]) -> list[str]:
    """The intervals of one weekday entry: ``"09:00-13:00, 15:00-19:00"`` or a list."""
    return [text.strip() for text in (ranges if isinstance(ranges, list) else ranges.split(","))]


def day_range(key: str) -> list[int] | None:
    """``mon-fri`` as weekday numbers (Monday 0); None when the range runs backwards."""
    first, _, last = key.partition("-")
    a, b = WEEKDAYS.index(first), WEEKDAYS.index(last or first)
    return list(range(a, b + 1)) if a <= b else None


def duration_of(text: Any) -> Duration | None:
    """``Duration.parse(text)``, or None when it is not one."""
    try:
        return Duration.parse(text)
    except ValueError:
        return None


def money_of(value: Any) -> Decimal | None:
    """An amount (text or a number) as an exact Decimal, or None when it is not one: ASCII
    digits with at most two decimals, below a trillion (``spec.AMOUNT``); a float is read as
    it is written (``35.5`` → ``Decimal("35.5")``)."""
    if isinstance(value, bool) or not isinstance(value, (str, int, float, Decimal)):
        return None
    text = str(value).strip()
    if not _AMOUNT.match(text):
        return None
    return Decimal(text)


def hhmm(minutes: int) -> str:
    """``510`` → ``08:30``; an end past midnight reads as its clock time (``1800`` → ``06:00``)."""
    if minutes > 1440:
        minutes -= 1440
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
