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

from slactl.policy.model import Plan, Policy
from slactl.policy.calendar import Calendar
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
    calendar: Calendar | None
    start: datetime | None
    earliest: datetime | None
    due: datetime | None
    status: Status | None = None
    left: timedelta | None = None
    late: timedelta | None = None
    late_wall: timedelta | None = None
    took: timedelta | None = None


Timed = tuple[Target, "Calendar | None"]
"""A target with the calendar it counts on (None for a target without a time)."""


def timed_targets(policy: Policy, severity: Severity, plan: Plan | None) -> tuple[Timed, ...]:
    """Every target of ``severity`` under ``plan``, in the canonical order, with its calendar."""
    return tuple((target, policy.calendar(target.calendar) if target.calendar else None)
                 for target in policy.targets(severity, plan))


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
        resolve(timed, opened, pauses=pauses, resolved=resolved, now=now,
                done=done.get(timed[0].name) if done else None)
        for timed in timed_targets(policy, severity, plan)
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
    return resolve((target, policy.calendar(target.calendar) if target.calendar else None), opened,
                   pauses=pauses, resolved=resolved, now=now)


def resolve(
    timed: Timed,
    opened: datetime,
    *,
    pauses: Sequence[Pause] = (),
    resolved: datetime | None = None,
    now: datetime | None = None,
    done: datetime | None = None,
    left: bool = True,
) -> Deadline:
    """``left=False`` leaves ``left`` unmeasured (None), for callers that never show it."""
    target, calendar = timed
    start = opened if target.start == "opened" else resolved
    if calendar is None or start is None:
        return Deadline(target, calendar, start, None, None)
    earliest = calendar.add(start, target.earliest, pauses) if target.earliest else None
    due = calendar.add(start, target.latest, pauses) if target.latest else None
    if due is None:
        return Deadline(target, calendar, start, earliest, due)
    if done is not None:
        took = calendar.elapsed(start, done, pauses)
        if done > due:
            return Deadline(target, calendar, start, earliest, due, Status.MISSED,
                            late=calendar.elapsed(due, done, pauses), late_wall=done - due, took=took)
        return Deadline(target, calendar, start, earliest, due, Status.MET, took=took)
    if now is None:
        return Deadline(target, calendar, start, earliest, due)
    if now > due:
        return Deadline(target, calendar, start, earliest, due, Status.BREACHED,
                        late=calendar.elapsed(due, now, pauses), late_wall=now - due)
    return Deadline(target, calendar, start, earliest, due, Status.PENDING,
                    left=calendar.elapsed(now, due, pauses) if left else None)


def any_breached(deadlines: Sequence[Deadline]) -> bool:
    return any(d.status is Status.BREACHED for d in deadlines)
