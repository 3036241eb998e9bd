"""Measures over one local date's open intervals: sorted, disjoint, aware UTC pairs."""

from __future__ import annotations

from datetime import datetime, timedelta

Span = tuple[datetime, datetime]

ZERO = timedelta(0)


def open_between(spans: tuple[Span, ...], low: datetime | None, high: datetime | None) -> timedelta:
    """Open time of ``spans`` inside ``[low, high)``; ``None`` leaves that side unbounded."""
    total = ZERO
    for opens, closes in spans:
        if low is not None and low > opens:
            opens = low
        if high is not None and high < closes:
            closes = high
        if opens < closes:
            total += closes - opens
    return total


def point_at(spans: tuple[Span, ...], offset: timedelta) -> datetime:
    """The earliest instant with ``offset`` of open time before it; the last closing if short."""
    for opens, closes in spans:
        length = closes - opens
        if offset <= length:
            return opens + offset
        offset -= length
    return spans[-1][1]


def advance_within(spans: tuple[Span, ...], start: datetime, span: timedelta) -> tuple[datetime | None, timedelta]:
    """Count ``span`` of open time from ``start``: the instant reached, or ``None`` and what is left."""
    for opens, closes in spans:
        if closes <= start:
            continue
        begin = start if start > opens else opens
        length = closes - begin
        if span <= length:
            return begin + span, ZERO
        span -= length
    return None, span


def contains(spans: tuple[Span, ...], instant: datetime) -> bool:
    """Whether ``instant`` is inside one of ``spans`` (closing instants excluded)."""
    return any(opens <= instant < closes for opens, closes in spans)


def without(spans: tuple[Span, ...], closures: tuple[Span, ...]) -> tuple[Span, ...]:
    """``spans`` minus ``closures``; both sorted and disjoint, closures possibly far longer."""
    kept: list[Span] = []
    for opens, closes in spans:
        for shut, reopens in closures:
            if reopens <= opens or shut >= closes:
                continue
            if shut > opens:
                kept.append((opens, shut))
            opens = max(opens, reopens)
            if opens >= closes:
                break
        if opens < closes:
            kept.append((opens, closes))
    return tuple(kept)


def not_before(spans: tuple[Span, ...], instant: datetime) -> tuple[Span, ...]:
    """``spans`` cut to start at ``instant`` or later."""
    return tuple((max(opens, instant), closes) for opens, closes in spans if closes > instant)
