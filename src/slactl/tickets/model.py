"""The one ticket model: what happened to a ticket, every instant aware, checked on construction.

Every way a ticket reaches slactl (the command line, the Python API, a row of a CSV or JSON
Lines file, a data-frame row, the events of an event log) becomes a ``Ticket`` through
``tickets.build``, so each rule about a ticket and its message exist once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from slactl.businesstime.pauses import Pause
from slactl.contracts.model import Customer
from slactl.policy.model import Plan, Policy
from slactl.policy.severity import Severity

DONE_EVENTS = ("responded", "mitigated", "resolved", "followed_up")
"""The events that finish a target: responded the evaluation and the response, mitigated the
mitigation, resolved the resolution, followed_up the follow-up."""


@dataclass(frozen=True, slots=True)
class Ticket:
    """One ticket of ``policy``, judged under ``severity`` (its latest) and ``plan``.

    Instants are aware datetimes. ``resolutions`` lists each resolution with the reopening that
    undid it (None for the last one when the ticket stays resolved): ``resolved`` is the last
    resolution that stands, None while the ticket is open. ``pauses`` are the explicit stops of
    the clock and those of statuses the policy pauses on, sorted and disjoint.
    ``severity_changes`` is empty when the severity never changed, else every severity the
    ticket had with the instant it took it, in order, the first at the opening and the last
    ``severity``; ``statuses`` lists ``(instant, status)``. ``line`` is the file line the ticket starts on, if any.
    ``customer`` is the contract it comes under (its provider and plan are the ticket's),
    ``reporter`` who reported it, ``service`` the service it concerns (e.g. shared-hosting) and
    ``flags`` the exclusions that hold for it (e.g. third_party, misreported).
    """

    policy: Policy
    severity: Severity
    plan: Plan | None
    opened: datetime
    id: str | None = None
    pauses: tuple[Pause, ...] = ()
    responded: datetime | None = None
    mitigated: datetime | None = None
    resolutions: tuple[tuple[datetime, datetime | None], ...] = ()
    followed_up: datetime | None = None
    statuses: tuple[tuple[datetime, str], ...] = ()
    severity_changes: tuple[tuple[datetime, Severity], ...] = ()
    line: int | None = None
    customer: Customer | None = None
    reporter: str | None = None
    service: str | None = None
    flags: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        instants = [self.opened, self.responded, self.mitigated, self.followed_up,
                    *(moment for pair in self.resolutions for moment in pair)]
        if any(moment is not None and moment.utcoffset() is None for moment in instants):
            raise ValueError("a ticket's instants must be aware datetimes")
        if any(moment is not None and moment < self.opened for moment in instants):
            raise ValueError("a ticket's events cannot precede its opening")
        if any(reopened is None for _, reopened in self.resolutions[:-1]):
            raise ValueError("only the last resolution can stand")

    @property
    def resolved(self) -> datetime | None:
        """The resolution that stands (the last, not reopened), or None while open."""
        if self.resolutions and self.resolutions[-1][1] is None:
            return self.resolutions[-1][0]
        return None

    @property
    def reopened(self) -> tuple[datetime, ...]:
        return tuple(reopened for _, reopened in self.resolutions if reopened is not None)
