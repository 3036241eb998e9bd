"""Hours of work as people type them: ``5``, ``1.5``, ``90m``, ``1h30m``, ``2h``.

Hours are a ``Fraction``, not a Decimal: twenty minutes is a third of an hour, and a Decimal
would round it before the money is computed. Amounts are rounded once, at the invoice line.
"""

from __future__ import annotations

import re
from fractions import Fraction

MAX_HOURS = 100_000
_NUMBER = r"[0-9]+(?:\.[0-9]+)?"
_PLAIN = re.compile(rf"^({_NUMBER})$")
_UNITS = re.compile(rf"^(?:({_NUMBER})\s*h)?\s*(?:({_NUMBER})\s*m(?:in)?)?$")
_HINT = "write hours as 5, 1.5, 90m or 1h30m"


def parse_hours(text: str) -> Fraction:
    """Non-negative hours from ``5``, ``1.5``, ``2h``, ``90m``, ``1h30m``; ValueError otherwise."""
    cleaned = text.strip().lower() if isinstance(text, str) else ""
    plain, units = _PLAIN.match(cleaned), _UNITS.match(cleaned)
    if plain:
        hours = Fraction(plain.group(1))
    elif cleaned and units:
        whole, minutes = units.groups()
        hours = Fraction(whole or 0) + Fraction(minutes or 0) / 60
    else:
        hint = "; use a dot for decimals" if re.fullmatch(r"[0-9]+,[0-9]+", cleaned) else ""
        raise ValueError(f"bad hours {text!r}: {_HINT}{hint}")
    if hours > MAX_HOURS:
        raise ValueError(f"bad hours {text!r}: more than {MAX_HOURS} hours")
    return hours


def parse_whole_hours(text: str) -> int:
    """A whole number of hours (``2``, ``2h``); ValueError for ``1.5``, ``90m``, ``-1``."""
    cleaned = text.strip().lower() if isinstance(text, str) else ""
    found = re.fullmatch(r"([0-9]+)\s*h?", cleaned)
    if not found:
        raise ValueError(f"bad guarantee hours {text!r}: write a whole number of hours such as 2")
    return int(found.group(1))


def hours_text(hours: Fraction) -> str:
    """``2``, ``1.5``, ``0.25``; a non-terminating fraction to 4 decimals (``0.3333``)."""
    scaled = hours * 10_000
    if scaled.denominator != 1:
        scaled = Fraction(int(scaled + Fraction(1, 2)))
    whole, rest = divmod(int(scaled), 10_000)
    return f"{whole}.{rest:04d}".rstrip("0").rstrip(".") if rest else str(whole)


def clock_text(hours: Fraction) -> str:
    """``1h30m``, ``20m``, ``45s``, ``0m``: the same length on a clock, to the second."""
    seconds = int(hours * 3600 + Fraction(1, 2))
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return "".join(f"{v}{u}" for v, u in ((h, "h"), (m, "m"), (s, "s")) if v) or "0m"
