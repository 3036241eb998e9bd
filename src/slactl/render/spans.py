"""Lengths of time in words: ``3 h 10 min``, ``2 d 4 h``."""

from __future__ import annotations

from datetime import timedelta

from slactl.businesstime.duration import compact, compact_seconds  # noqa: F401 - the machine form, for render modules


def span(length: timedelta, *, days: bool = False) -> str:
    """``1 h 30 min``; with ``days`` whole 24-hour days are named too (``2 d 4 h``)."""
    seconds = int(length.total_seconds())
    if seconds <= 0:
        return "0 min"
    parts = []
    if days and seconds >= 86400:
        parts.append(f"{seconds // 86400} d")
        seconds %= 86400
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        parts.append(f"{hours} h")
    if minutes:
        parts.append(f"{minutes} min")
    if secs and not parts:
        parts.append(f"{secs} s")
    return " ".join(parts) or "0 min"
