"""A promised time: exact, at most (max), at least (min), a range, or explicitly none."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from fractions import Fraction

from slactl.businesstime.duration import Duration

TARGET_ORDER = ("evaluation", "response", "mitigation", "resolution", "follow-up")


class Bound(str, Enum):
    """What a target commits to: an exact time, at most (max), a range, at least (min, no deadline) or none."""
    EXACT = "exact"
    MAX = "max"
    RANGE = "range"
    MIN = "min"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class Warn:
    """When a target is at risk: once ``share`` of its length has elapsed (0 < share <= 1), or
    ``before`` (business time) before it is due."""

    share: Fraction | None = None
    before: Duration | None = None

    def __post_init__(self) -> None:
        if (self.share is None) == (self.before is None):
            raise ValueError("a warning is a share of the target or a time before it is due")
        if self.share is not None and not 0 < self.share <= 1:
            raise ValueError("a warning share is above 0% and at most 100%")
        if self.before is not None and self.before.is_zero:
            raise ValueError("a warning 0 before the due time is the breach itself: give a length above zero")

    @classmethod
    def parse(cls, text: str) -> Warn:
        """``75%`` or ``1h`` (``Duration``); ValueError otherwise."""
        cleaned = text.strip()
        if cleaned.endswith("%"):
            try:
                share = Fraction(int(cleaned[:-1].strip()), 100)
            except ValueError:
                raise ValueError(f"bad warning {text!r}: write 75% or 1h") from None
            return cls(share=share)
        return cls(before=Duration.parse(cleaned))

    def __str__(self) -> str:
        return f"{float(self.share * 100):g}%" if self.share is not None else str(self.before)


@dataclass(frozen=True, slots=True)
class Target:
    """``name`` counted on ``calendar`` from ``start`` ("opened" or "resolved")."""

    name: str
    bound: Bound
    calendar: str | None
    earliest: Duration | None = None
    latest: Duration | None = None
    start: str = "opened"
    note: str | None = None
    source: str | None = None
    assumption: str | None = None
    estimate: bool = False
    warn: Warn | None = None
    applies_unless: tuple[str, ...] = ()
    services: tuple[str, ...] = ()
    """The target is excluded for a ticket with one of ``applies_unless`` (flags such as
    third_party), or whose service is known and not one of ``services``."""

    def __post_init__(self) -> None:
        if self.name not in TARGET_ORDER:
            raise ValueError(f"unknown target {self.name!r}")
        wants = {
            Bound.EXACT: (True, True), Bound.MAX: (False, True), Bound.RANGE: (True, True),
            Bound.MIN: (True, False), Bound.NONE: (False, False),
        }[self.bound]
        if (self.earliest is not None, self.latest is not None) != wants:
            raise ValueError(f"a {self.bound.value} target has the wrong limits")
        if self.bound is not Bound.NONE and self.calendar is None:
            raise ValueError("a timed target needs a calendar")

    @property
    def committed(self) -> bool:
        """True when the provider commits to a deadline (max, exact, range)."""
        return self.latest is not None

    def describe(self) -> str:
        """The bound in words: ``< 4h``, ``1d - 3d``, ``> 5d``, the note of a ``none`` target."""
        if self.bound is Bound.NONE:
            return self.note or "no estimated time"
        if self.bound is Bound.EXACT:
            return f"{self.latest}"
        if self.bound is Bound.MAX:
            return f"by {self.latest}" if self.latest and self.latest.end_of_day else f"< {self.latest}"
        if self.bound is Bound.MIN:
            return f"> {self.earliest}"
        return f"{self.earliest} - {self.latest}"

    def promise(self) -> str:
        """``describe()`` plus where the clock starts when it is not the opening (``< 48h after resolved``)."""
        return self.describe() + ("" if self.start == "opened" else f" after {self.start}")
