"""When each target of a severity is due, and whether it is breached at a given instant.

Pure: instants in, instants out. Targets are independent and each counts from its own start
(the opening, or the resolution for follow-ups) on its own calendar.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from slactl.calendars import calendar_for
from slactl.policy import Plan, Policy
from slactl.schedule import Schedule
from slactl.severity import Severity
from slactl.target import Target

Pause = tuple[datetime, datetime]


class Status(str, Enum):
    PENDING = "pending"
    BREACHED = "breached"


@dataclass(frozen=True, slots=True)
class Deadline:
    """One target resolved to instants. ``start`` is None when the clock has not started
    (a follow-up before resolution); ``due`` is None for ``min`` and ``none`` bounds."""

    target: Target
    schedule: Schedule | None
    start: datetime | None
    earliest: datetime | None
    due: datetime | None
    status: Status | None = None
    left: timedelta | None = None
    late: timedelta | None = None
    late_wall: timedelta | None = None


def compute(
    policy: Policy,
    severity: Severity,
    plan: Plan | None,
    opened: datetime,
    *,
    pauses: Sequence[Pause] = (),
    resolved: datetime | None = None,
    now: datetime | None = None,
) -> list[Deadline]:
    """Every target of ``severity`` under ``plan``, in the canonical order."""
    return [
        deadline(target, policy, opened, pauses=pauses, resolved=resolved, now=now)
        for target in policy.targets(severity, plan)
    ]


def deadline(
    target: Target,
    policy: Policy,
    opened: datetime,
    *,
    pauses: Sequence[Pause] = (),
    resolved: datetime | None = None,
    now: datetime | None = None,
) -> Deadline:
    schedule = policy.schedule(target.calendar) if target.calendar else None
    start = opened if target.start == "opened" else resolved
    if schedule is None or start is None:
        return Deadline(target, schedule, start, None, None)
    calendar = calendar_for(schedule)
    earliest = calendar.add(start, target.earliest, pauses) if target.earliest else None
    due = calendar.add(start, target.latest, pauses) if target.latest else None
    if now is None or due is None:
        return Deadline(target, schedule, start, earliest, due)
    if now > due:
        return Deadline(target, schedule, start, earliest, due, Status.BREACHED,
                        late=calendar.elapsed(due, now, pauses), late_wall=now - due)
    return Deadline(target, schedule, start, earliest, due, Status.PENDING,
                    left=calendar.elapsed(now, due, pauses))


def any_breached(deadlines: Sequence[Deadline]) -> bool:
    return any(d.status is Status.BREACHED for d in deadlines)
