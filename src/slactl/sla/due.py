"""When each target of a severity is due, and how it stands at a given instant.

Pure: instants in, instants out. Targets are independent and each counts from its own start
(the opening, or the resolution for follow-ups) on its own calendar.

A target is judged against the instant it was *done* (responded, resolved) when that is
known: ``met`` at or before the due time, ``missed`` after it. Without a done instant it is
judged against ``now``: ``pending`` up to the due time, ``breached`` after it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from slactl.businesstime import Calendar
from slactl.businesstime.holidays import calendar_for
from slactl.policy.model import Plan, Policy
from slactl.policy.schedule import Schedule
from slactl.policy.severity import Severity
from slactl.policy.target import Target

Pause = tuple[datetime, datetime]


class Status(str, Enum):
    PENDING = "pending"
    BREACHED = "breached"
    MET = "met"
    MISSED = "missed"


@dataclass(frozen=True, slots=True)
class Deadline:
    """One target resolved to instants. ``start`` is None when the clock has not started
    (a follow-up before resolution); ``due`` is None for ``min`` and ``none`` bounds.

    ``late`` is business time past the due time (breached or missed), ``left`` business time
    until it (pending), ``took`` business time from the start to the done instant."""

    target: Target
    schedule: Schedule | None
    start: datetime | None
    earliest: datetime | None
    due: datetime | None
    status: Status | None = None
    left: timedelta | None = None
    late: timedelta | None = None
    late_wall: timedelta | None = None
    took: timedelta | None = None


@dataclass(frozen=True, slots=True)
class Clock:
    """A target with its schedule and engine calendar resolved once, for reuse across tickets."""

    target: Target
    schedule: Schedule | None
    calendar: Calendar | None

    @classmethod
    def of(cls, target: Target, policy: Policy) -> Clock:
        schedule = policy.schedule(target.calendar) if target.calendar else None
        return cls(target, schedule, calendar_for(schedule) if schedule else None)


def clocks(policy: Policy, severity: Severity, plan: Plan | None) -> tuple[Clock, ...]:
    """Every target of ``severity`` under ``plan``, in the canonical order, ready to count."""
    return tuple(Clock.of(target, policy) for target in policy.targets(severity, plan))


def compute(
    policy: Policy,
    severity: Severity,
    plan: Plan | None,
    opened: datetime,
    *,
    pauses: Sequence[Pause] = (),
    resolved: datetime | None = None,
    now: datetime | None = None,
    done: Mapping[str, datetime] | None = None,
) -> list[Deadline]:
    """Every target of ``severity`` under ``plan``, in the canonical order.

    ``done`` maps a target name to the instant it was done (e.g. ``{"response": ...}``)."""
    return [
        resolve(clock, opened, pauses=pauses, resolved=resolved, now=now,
                done=done.get(clock.target.name) if done else None)
        for clock in clocks(policy, severity, plan)
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
    return resolve(Clock.of(target, policy), opened, pauses=pauses, resolved=resolved, now=now)


def resolve(
    clock: Clock,
    opened: datetime,
    *,
    pauses: Sequence[Pause] = (),
    resolved: datetime | None = None,
    now: datetime | None = None,
    done: datetime | None = None,
    left: bool = True,
) -> Deadline:
    """``left=False`` leaves ``left`` unmeasured (None), for callers that never show it."""
    target, schedule, calendar = clock.target, clock.schedule, clock.calendar
    start = opened if target.start == "opened" else resolved
    if calendar is None or start is None:
        return Deadline(target, schedule, start, None, None)
    earliest = calendar.add(start, target.earliest, pauses) if target.earliest else None
    due = calendar.add(start, target.latest, pauses) if target.latest else None
    if due is None:
        return Deadline(target, schedule, start, earliest, due)
    if done is not None:
        took = calendar.elapsed(start, done, pauses)
        if done > due:
            return Deadline(target, schedule, start, earliest, due, Status.MISSED,
                            late=calendar.elapsed(due, done, pauses), late_wall=done - due, took=took)
        return Deadline(target, schedule, start, earliest, due, Status.MET, took=took)
    if now is None:
        return Deadline(target, schedule, start, earliest, due)
    if now > due:
        return Deadline(target, schedule, start, earliest, due, Status.BREACHED,
                        late=calendar.elapsed(due, now, pauses), late_wall=now - due)
    return Deadline(target, schedule, start, earliest, due, Status.PENDING,
                    left=calendar.elapsed(now, due, pauses) if left else None)


def any_breached(deadlines: Sequence[Deadline]) -> bool:
    return any(d.status is Status.BREACHED for d in deadlines)
