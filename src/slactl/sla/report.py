"""SLA compliance over a ticket export: per provider, plan and severity, who met the contract.

Pure aggregation over ``batch`` results. A ticket's verdict looks at the targets a done column
can finish (evaluation, response, mitigation, resolution) that have a due time:

- ``missed`` if any was done after its due time;
- else ``breached`` (open and breached) if any is not done and ``now`` is past its due time;
- else ``met`` if every one was done in time;
- else ``pending`` (still open, nothing late yet). Tickets without such targets are ``untimed``.

Compliance is met / (met + missed + breached); pending and untimed tickets are left out.
Times to response and resolution are business time on the target's calendar (pauses
excluded); the median and p90 are nearest-rank (the value at rank ceil(q * n)).
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from slactl.batch.runner import Result
from slactl.sla.due import Status

JUDGED = ("evaluation", "response", "mitigation", "resolution")
VERDICTS = ("met", "missed", "breached", "pending", "untimed")


@dataclass(frozen=True, slots=True)
class Miss:
    ticket: str
    line: int
    provider: str
    plan: str | None
    severity: str
    target: str
    due: datetime
    done: datetime | None
    late: timedelta
    zone: object


@dataclass(slots=True)
class Group:
    provider: str
    plan: str | None
    severity: str
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(VERDICTS, 0))
    response: array = field(default_factory=lambda: array("q"))
    resolution: array = field(default_factory=lambda: array("q"))

    @property
    def tickets(self) -> int:
        return sum(self.counts.values())

    @property
    def compliance(self) -> float | None:
        judged = self.counts["met"] + self.counts["missed"] + self.counts["breached"]
        return 100.0 * self.counts["met"] / judged if judged else None


@dataclass(slots=True)
class Report:
    groups: dict[tuple, Group] = field(default_factory=dict)
    misses: list[Miss] = field(default_factory=list)

    def total(self) -> Group:
        whole = Group("all", None, "all")
        for group in self.groups.values():
            for verdict, count in group.counts.items():
                whole.counts[verdict] += count
            whole.response.extend(group.response)
            whole.resolution.extend(group.resolution)
        return whole


def verdict(result: Result) -> str:
    statuses = [d.status for d in result.deadlines if d.target.name in JUDGED and d.due is not None]
    if not statuses:
        return "untimed"
    if Status.MISSED in statuses:
        return "missed"
    if Status.BREACHED in statuses:
        return "breached"
    if all(s is Status.MET for s in statuses):
        return "met"
    return "pending"


def build(results: Iterable[Result], *, since: datetime | None = None, until: datetime | None = None) -> Report:
    """Aggregate ``results`` opened in ``[since, until)`` (either side open when None)."""
    report = Report()
    for result in results:
        if (since is not None and result.opened < since) or (until is not None and result.opened >= until):
            continue
        setup = result.setup
        key = (setup.policy.id, setup.plan.id if setup.plan else None, setup.severity.id)
        group = report.groups.get(key)
        if group is None:
            group = report.groups[key] = Group(*key)
        group.counts[verdict(result)] += 1
        for item in result.deadlines:
            name = item.target.name
            if item.took is not None and name in ("response", "resolution"):
                getattr(group, name).append(int(item.took.total_seconds()))
            if item.status in (Status.MISSED, Status.BREACHED) and name in JUDGED:
                done = item.due + item.late_wall if item.status is Status.MISSED else None
                report.misses.append(Miss(result.ticket.id or f"line {result.ticket.line}", result.ticket.line,
                                          *key, name, item.due, done, item.late, setup.zone))
    return report


def quantile(values: array, q: float) -> timedelta | None:
    """Nearest-rank quantile of seconds, as a timedelta; None when there are none."""
    if not values:
        return None
    ordered = sorted(values)
    return timedelta(seconds=ordered[max(0, math.ceil(q * len(ordered)) - 1)])
