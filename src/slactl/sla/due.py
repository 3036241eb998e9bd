"""When each target of a ticket is due, and how it stands: ``due(ticket, now)``.

Pure: a ``Ticket`` and an instant in, ``Deadline`` values out. Each target counts on its own
calendar from its own start (the opening; the resolution for follow-ups), with the clock
stopped during the ticket's pauses. The rules, with worked examples in docs/deadlines.md:

- A target is finished by its event: ``responded`` the evaluation and the response,
  ``mitigated`` the mitigation, ``resolved`` the resolution, ``followed_up`` the follow-up.
  A resolution with no recorded response (or mitigation) counts as that event at the first
  resolution instant: such a target is ``implied``.
- Finished: ``met`` at or before the due time, ``missed`` after it. Open, judged at ``now``:
  ``breached`` past the due time, ``at-risk`` past its warning point, else ``pending``.
- A target the provider publishes as an estimate (``estimate: true``) is ``within-estimate``
  or ``over-estimate``, never met, missed, breached or pending.
- A target is ``excluded`` for a ticket with one of its ``applies_unless`` flags (Athento:
  "sólo aplicará en el caso de que la solución dependa al 100% de Athento y el ticket se haya
  reportado originalmente de manera correcta"), or whose service is not one of its
  ``services`` (Conecta: "para servicios de hosting compartido"): left out of compliance,
  credits and ``--check``.
- Reopened: the resolution clock resumes where it stopped (the time between a resolution and
  its reopening does not count), or restarts at the reopening when the policy says
  ``on_reopen: restart``; the ticket is judged at its last resolution.
- A severity change judges the ticket by its latest severity as if it had had it since the
  opening (business time already elapsed counts; the target's length changes), except that a
  target finished while an earlier severity was in force and met under it stays met.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import Enum

from slactl.businesstime.pauses import Pause, merge_pauses
from slactl.policy.calendar import Calendar
from slactl.policy.model import Plan, Policy
from slactl.policy.severity import Severity
from slactl.policy.target import Target, Warn
from slactl.tickets.model import Ticket

ZERO = timedelta(0)


class Status(str, Enum):
    """How a target stands."""

    PENDING = "pending"
    AT_RISK = "at-risk"
    BREACHED = "breached"
    MET = "met"
    MISSED = "missed"
    WITHIN_ESTIMATE = "within-estimate"
    OVER_ESTIMATE = "over-estimate"
    EXCLUDED = "excluded"


FAILED = frozenset({Status.BREACHED, Status.MISSED})
"""Statuses that break the contract (an estimate never does)."""

DONE_BY = {"evaluation": "responded", "response": "responded", "mitigation": "mitigated",
           "resolution": "resolved", "follow-up": "followed_up"}
"""The event that finishes each target."""


@dataclass(frozen=True, slots=True)
class Deadline:
    """One target resolved to instants (UTC). ``start`` is None while the clock has not started
    (a follow-up before the resolution); ``due`` is None for ``min`` and ``none`` targets.

    ``done`` is the instant the target was finished (``implied`` when it is the resolution
    standing in for an unrecorded event). Lengths are business time on the target's calendar:
    ``left`` until the due time (open targets), ``late`` past it (breached, missed,
    over-estimate; ``late_wall`` is the same in wall time), ``took`` from the start to ``done``.
    ``elapsed_pct`` is the share of the target's length elapsed at ``done`` (else at the
    judging instant), in percent, from 0 to over 100."""

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
    done: datetime | None = None
    implied: bool = False
    elapsed_pct: float | None = None
    warn: Warn | None = None
    reason: str | None = None
    """Why the target is excluded, for an ``excluded`` one."""
    paused: bool = False
    """The target is open and its clock stands still at the judging instant (a pause or a
    pausing status holds then): ``left`` will not shrink until the clock restarts."""
    met_under: Severity | None = None
    """The earlier severity under which a target finished after ``due`` was met (it was in
    force when the target was finished, and its own due time was kept)."""

    @property
    def failed(self) -> bool:
        """Breached or missed (an estimate never fails)."""
        return self.status in FAILED


Timed = tuple[Target, "Calendar | None"]
"""A target with the calendar it counts on (None for a target without a time)."""


def timed_targets(policy: Policy, severity: Severity, plan: Plan | None, *, field: str = "--plan") -> tuple[Timed, ...]:
    """Every target of ``severity`` under ``plan``, in the canonical order, with its calendar."""
    return tuple((target, policy.calendar(target.calendar) if target.calendar else None)
                 for target in policy.targets(severity, plan, field=field))


def due(ticket: Ticket, now: datetime | None = None, *, warn: Warn | None = None,
        targets: Sequence[Timed] | None = None, measure_left: bool = True) -> tuple[Deadline, ...]:
    """Every target of ``ticket`` (under its latest severity and its plan) with its due time,
    judged at ``now`` when the target is not finished. ``warn`` overrides every target's own
    warning point (``--warn``). ``targets`` may be given when already resolved (a batch reuses
    them for tickets of one provider, severity and plan); ``measure_left=False`` leaves
    ``left`` unmeasured. Raises ``InputError`` when a deadline is past the year 9999 or a
    calendar never opens."""
    timed = targets if targets is not None else timed_targets(ticket.policy, ticket.severity, ticket.plan)
    earlier = _earlier_severities(ticket)
    return tuple(_judge(ticket, target, calendar, now, warn or target.warn, earlier, measure_left)
                 for target, calendar in timed)


def any_failed(deadlines: Sequence[Deadline], *, at_risk: bool = False) -> bool:
    """True when any target is breached or missed (or at risk, with ``at_risk``): ``--check``."""
    return any(d.failed or (at_risk and d.status is Status.AT_RISK) for d in deadlines)


def _judge(ticket: Ticket, target: Target, calendar: Calendar | None, now: datetime | None, warn: Warn | None,
           earlier: Sequence[tuple[datetime, Severity]], measure_left: bool) -> Deadline:
    start, pauses = _clock(ticket, target)
    if calendar is None or start is None:
        return Deadline(target, calendar, start, None, None)
    done, implied = _done(ticket, target)
    if done is not None:
        pauses = before(pauses, done)
    earliest = calendar.add(start, target.earliest, pauses) if target.earliest else None
    due_at = calendar.add(start, target.latest, pauses) if target.latest else None
    if due_at is None:
        return Deadline(target, calendar, start, earliest, None)
    judged = done if done is not None else now
    length = calendar.elapsed(start, due_at, pauses)
    pct = None if judged is None else _percent(calendar.elapsed(start, judged, pauses), length)
    base = Deadline(target, calendar, start, earliest, due_at, done=done, implied=implied, elapsed_pct=pct, warn=warn)
    excluded = exclusion(ticket, target)
    if excluded is not None:
        return replace(base, status=Status.EXCLUDED, reason=excluded, elapsed_pct=None)
    if done is not None:
        took = calendar.elapsed(start, done, pauses)
        kept = None if done <= due_at else _met_earlier(ticket, target, done, earlier)
        if done <= due_at or kept is not None:
            return replace(base, status=Status.WITHIN_ESTIMATE if target.estimate else Status.MET, took=took,
                           met_under=kept)
        late = calendar.elapsed(due_at, done, pauses)
        return replace(base, status=Status.OVER_ESTIMATE if target.estimate else Status.MISSED,
                        late=late, late_wall=done - due_at, took=took)
    if now is None:
        return base
    if now > due_at:
        return replace(base, status=Status.OVER_ESTIMATE if target.estimate else Status.BREACHED,
                        late=calendar.elapsed(due_at, now, pauses), late_wall=now - due_at)
    left = calendar.elapsed(now, due_at, pauses) if measure_left or warn is not None else None
    paused = _stopped_at(ticket, now, pauses)
    if target.estimate:
        return replace(base, status=Status.WITHIN_ESTIMATE, left=left, paused=paused)
    risky = warn is not None and _at_risk(warn, calendar, now, due_at, pauses, left, length)
    return replace(base, status=Status.AT_RISK if risky else Status.PENDING, left=left, paused=paused)


def before(pauses: tuple[Pause, ...], done: datetime) -> tuple[Pause, ...]:
    """The pauses as they stood when a target was finished at ``done``: those after it dropped,
    one still running cut there. A pause that begins after the response cannot move the
    response's due time (what it was when the response was given)."""
    if not pauses or pauses[-1][1] <= done:
        return pauses
    return tuple((begin, min(end, done)) for begin, end in pauses if begin < done)


def _stopped_at(ticket: Ticket, now: datetime, pauses: tuple[Pause, ...]) -> bool:
    """The clock stands still at ``now``: inside a pause ``[start, end)`` (a pause that ends at
    ``now`` has ended), or the status in force at ``now`` (its last change at or before it) is
    one the policy pauses on (it stops the clock from that instant until the next change)."""
    if any(begin <= now < end for begin, end in pauses):
        return True
    in_force = [status for when, status in ticket.statuses if when <= now]
    return bool(in_force) and in_force[-1] in ticket.policy.pause_statuses


def exclusion(ticket: Ticket, target: Target) -> str | None:
    """Why ``target`` does not apply to ``ticket`` (a flag it is excluded by, another service), or None."""
    flags = sorted(ticket.flags.intersection(target.applies_unless))
    if flags:
        return f"{', '.join(flags)}: the target applies unless {', '.join(target.applies_unless)}"
    if target.services and ticket.service is not None and ticket.service not in target.services:
        return f"applies to {', '.join(target.services)} only, not {ticket.service}"
    return None


def _clock(ticket: Ticket, target: Target) -> tuple[datetime | None, tuple[Pause, ...]]:
    """Where the target's clock starts and when it stands still."""
    if target.start == "resolved":
        return ticket.resolved, ticket.pauses
    if target.name != "resolution" or len(ticket.resolutions) < 1:
        return ticket.opened, ticket.pauses
    undone = [(resolved, reopened) for resolved, reopened in ticket.resolutions if reopened is not None]
    if not undone:
        return ticket.opened, ticket.pauses
    if ticket.policy.on_reopen == "restart":
        return undone[-1][1], ticket.pauses
    return ticket.opened, merge_pauses([*ticket.pauses, *undone])  # a resolved ticket may also sit in a pausing status


def _done(ticket: Ticket, target: Target) -> tuple[datetime | None, bool]:
    """The instant that finished ``target``, and whether the resolution stood in for it."""
    event = DONE_BY.get(target.name)
    if event == "resolved":
        return ticket.resolved, False
    if event == "followed_up":
        return ticket.followed_up, False
    recorded = getattr(ticket, event) if event else None
    if recorded is not None:
        return recorded, False
    first = ticket.resolutions[0][0] if ticket.resolutions else None
    return (first, True) if first is not None and event in ("responded", "mitigated") else (None, False)


def _earlier_severities(ticket: Ticket) -> list[tuple[datetime, Severity]]:
    """The severities in force before the latest one, each with the instant it ended."""
    changes = ticket.severity_changes
    return [(changes[index + 1][0], severity) for index, (_, severity) in enumerate(changes[:-1])]


def _met_earlier(ticket: Ticket, target: Target, done: datetime,
                 earlier: Sequence[tuple[datetime, Severity]]) -> Severity | None:
    """The earlier severity in force when the target was finished, if it was met under it (it
    stays met); else None."""
    for ended, severity in earlier:
        if done < ended:  # a change takes effect at its instant: done then is under the new severity
            for other, calendar in timed_targets(ticket.policy, severity, ticket.plan):
                if other.name == target.name and calendar is not None and other.latest is not None:
                    start, pauses = _clock(ticket, other)
                    if start is not None and done <= calendar.add(start, other.latest, before(pauses, done)):
                        return severity
                    return None
            return None
    return None


def _at_risk(warn: Warn, calendar: Calendar, now: datetime, due_at: datetime, pauses: tuple[Pause, ...],
             left: timedelta | None, length: timedelta) -> bool:
    if warn.share is not None:
        return length > ZERO and (length - (left or ZERO)) >= length * float(warn.share)
    return calendar.add(now, warn.before, pauses) >= due_at  # type: ignore[arg-type]


def _percent(elapsed: timedelta, length: timedelta) -> float:
    if length <= ZERO:
        return 100.0
    return round(100 * elapsed / length, 1)
