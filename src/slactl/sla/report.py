"""SLA compliance over a ticket export: per provider, plan and severity, who met the contract.

Pure aggregation over ``batch`` results, so a ticket's targets are judged exactly as ``slactl
due --input`` judges them. A ticket's verdict looks at its targets that have a due time and
are not estimates:

- ``missed`` if any was done after its due time;
- else ``breached`` (open and breached) if any is not done and ``now`` is past its due time;
- else ``met`` if every one was done in time;
- else ``pending`` (still open, nothing late yet; at risk counts here).
Tickets without such targets are ``untimed``.

Compliance is met / (met + missed + breached); pending and untimed tickets are left out.
Times to response and resolution are business time on the target's calendar (pauses
excluded); the median and p90 are nearest-rank (the value at rank ceil(q * n)). Memory: a
count per distinct response or resolution time (whole seconds), and at most ``keep_misses``
misses; nothing per ticket.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone, tzinfo

from slactl.batch.runner import Result
from slactl.sla.due import Status
from slactl.tickets.times import read_time

VERDICTS = ("met", "missed", "breached", "pending", "untimed")


@dataclass(frozen=True, slots=True)
class Miss:
    """One target missed or breached: which ticket, when it was due and how late (business time)."""

    ticket: str
    line: int | None
    provider: str
    plan: str | None
    severity: str
    target: str
    due: datetime
    done: datetime | None
    late: timedelta
    late_wall: timedelta
    zone: tzinfo


@dataclass(slots=True)
class Group:
    """The tickets of one provider, plan and severity: verdict counts and response and
    resolution times (whole seconds of business time)."""

    provider: str
    plan: str | None
    severity: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(VERDICTS, 0))
    response: Counter = field(default_factory=Counter)
    resolution: Counter = field(default_factory=Counter)
    """Whole seconds of business time to each response and resolution, counted by value: the
    exact medians and p90s without a value kept per ticket."""

    @property
    def tickets(self) -> int:
        """How many tickets the group holds."""
        return sum(self.counts.values())

    @property
    def compliance(self) -> float | None:
        """Percent of judged tickets (met, missed, breached) that met every target."""
        judged = self.counts["met"] + self.counts["missed"] + self.counts["breached"]
        return 100.0 * self.counts["met"] / judged if judged else None


@dataclass(slots=True)
class Report:
    """Groups by ``(provider, plan, severity)``, the first misses, and how many there were."""

    groups: dict[tuple, Group] = field(default_factory=dict)
    misses: list[Miss] = field(default_factory=list)
    missed_targets: int = 0

    def total(self) -> Group:
        """All groups together, as one group."""
        whole = Group("all", None, "all")
        for group in self.groups.values():
            for verdict, count in group.counts.items():
                whole.counts[verdict] += count
            whole.response.update(group.response)
            whole.resolution.update(group.resolution)
        return whole


def verdict(result: Result) -> str:
    """``met``, ``missed``, ``breached``, ``pending`` or ``untimed`` (see the module)."""
    statuses = [d.status for d in result.deadlines if d.due is not None and not d.target.estimate]
    if not statuses:
        return "untimed"
    if Status.MISSED in statuses:
        return "missed"
    if Status.BREACHED in statuses:
        return "breached"
    if all(s is Status.MET for s in statuses):
        return "met"
    return "pending"


def build(results: Iterable[Result], *, since: str | None = None, until: str | None = None,
          clock: datetime | None = None, keep_misses: int | None = None) -> Report:
    """Aggregate ``results`` opened in ``[since, until)`` (either side open when None). The
    bounds are text read in each ticket's provider zone when they have no offset (one rule for
    times everywhere); ``clock`` answers ``now``. At most ``keep_misses`` misses are kept
    (None: all of them)."""
    report = Report()
    bounds: dict[tzinfo, tuple[datetime | None, datetime | None]] = {}
    for result in results:
        ticket = result.ticket
        zone = ticket.policy.zone
        low, high = bounds.get(zone) or bounds.setdefault(zone, _bounds(since, until, zone, clock))
        if (low is not None and ticket.opened < low) or (high is not None and ticket.opened >= high):
            continue
        key = (ticket.policy.id, ticket.plan.id if ticket.plan else None, ticket.severity.id)
        group = report.groups.get(key)
        if group is None:
            group = report.groups[key] = Group(*key)
        group.counts[verdict(result)] += 1
        for item in result.deadlines:
            name = item.target.name
            if item.took is not None and name in ("response", "resolution") and not item.target.estimate:
                getattr(group, name)[int(item.took.total_seconds())] += 1
            if item.failed and item.due is not None and item.late is not None and item.late_wall is not None:
                report.missed_targets += 1
                if keep_misses is None or len(report.misses) < keep_misses:
                    report.misses.append(Miss(ticket.id or f"line {ticket.line}", ticket.line, *key, name, item.due,
                                              item.done if item.status is Status.MISSED else None, item.late,
                                              item.late_wall, zone))
    return report


def _bounds(since: str | None, until: str | None, zone: tzinfo,
            clock: datetime | None) -> tuple[datetime | None, datetime | None]:
    def read(text: str | None, what: str) -> datetime | None:
        """``text`` as an instant in ``zone`` (UTC), or None."""
        return None if text is None else read_time(text, zone, what=what, now=clock).astimezone(timezone.utc)

    return read(since, "--since"), read(until, "--until")


def quantile(values: Counter, q: float) -> timedelta | None:
    """Nearest-rank quantile (the value at rank ceil(q * n)) of seconds counted by value, as a
    timedelta; None when there are none."""
    total = sum(values.values())
    if not total:
        return None
    rank, seen = max(1, math.ceil(q * total)), 0
    for seconds in sorted(values):
        seen += values[seconds]
        if seen >= rank:
            return timedelta(seconds=seconds)
    raise AssertionError("unreachable: the ranks add up to the total")
