"""Pauses stop the clock: normalized to sorted, disjoint UTC intervals, then walked through."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime, timedelta
from typing import Any

from slactl.businesstime.instants import as_utc

Pause = tuple[datetime, datetime]
"""A stop of the clock: ``(start, end)``, aware instants."""
Instant = Any
"""An aware datetime, or integer microseconds (the batch fast path): the walk is the same."""
Length = Any
"""A timedelta, or integer microseconds."""
Elapsed = Callable[[Instant, Instant], Length]
Advance = Callable[[Instant, Length], Instant]

ZERO = timedelta(0)


def merge_pauses(pauses: Iterable[Pause]) -> tuple[Pause, ...]:
    """Sorted disjoint UTC pauses; overlapping or touching ones merged, empty ones dropped."""
    ordered = []
    for start, end in pauses:
        start, end = as_utc(start, "pause start"), as_utc(end, "pause end")
        if end < start:
            raise ValueError(f"a pause cannot end before it starts: {start} > {end}")
        if end > start:
            ordered.append((start, end))
    ordered.sort()
    merged: list[Pause] = []
    for start, end in ordered:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)


def add_through_pauses(
    start: Instant, span: Length, pauses: tuple[tuple[Instant, Instant], ...], elapsed: Elapsed, advance: Advance
) -> Instant:
    """The earliest instant after ``span`` (> 0) of calendar time counted outside ``pauses``.

    ``elapsed`` and ``advance`` are the unpaused calendar's measure and its inverse. Instants
    and lengths may also be integer microseconds (``micros``): the steps are the same.
    """
    cursor, remaining = start, span
    for pause_start, pause_end in pauses:
        if pause_end <= cursor:
            continue
        if pause_start > cursor:
            available = elapsed(cursor, pause_start)
            if remaining <= available:
                return advance(cursor, remaining)
            remaining -= available
        cursor = pause_end
    return advance(cursor, remaining)


def elapsed_outside_pauses(
    start: Instant, end: Instant, pauses: tuple[tuple[Instant, Instant], ...], elapsed: Elapsed
) -> Length:
    """``elapsed`` minus its share inside ``pauses``; on integer microseconds too, for
    ``start < end`` (else the zero it returns is a timedelta)."""
    if end <= start:
        return ZERO
    total = elapsed(start, end)
    for pause_start, pause_end in pauses:
        low, high = max(pause_start, start), min(pause_end, end)
        if low < high:
            total -= elapsed(low, high)
    return total
