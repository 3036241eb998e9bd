"""Deadlines for a stream of tickets: rows in, one result per row out, in input order.

Pure and streaming: nothing is kept per ticket, only the resolved targets per
``(provider, severity, plan)`` as typed, so memory does not grow with the number of tickets.
Each row becomes a ``Ticket`` through ``tickets.build`` (the same code as the command line and
the API, with messages naming columns); a row that cannot be read or computed becomes a
``BadRow`` with its line and one-line reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone, tzinfo

from slactl.contracts.model import CustomerSet
from slactl.errors import InputError
from slactl.policy.model import Plan, Policy, PolicySet
from slactl.policy.severity import Severity
from slactl.sla.due import Deadline, Timed, due, timed_targets
from slactl.tickets.build import COLUMNS, build, check_customer, severity_of
from slactl.tickets.model import Ticket
from slactl.tickets.row import BadRow, Row
from slactl.tickets.times import STRICT, TimeReading, read_time

CACHED_KEYS = 4096


@dataclass(frozen=True, slots=True)
class Setup:
    """What every ticket of one ``(provider, severity, plan)`` shares."""

    policy: Policy
    severity: Severity
    plan: Plan | None
    targets: tuple[Timed, ...]

    @property
    def zone(self) -> tzinfo:
        """The provider's zone: naive times of these tickets are read in it."""
        return self.policy.zone


@dataclass(frozen=True, slots=True)
class Result:
    """One row's ticket and its deadlines."""

    row: Row
    ticket: Ticket
    deadlines: tuple[Deadline, ...]


class Batch:
    """Computes rows against one policy set. ``clock`` is the current time (it answers the word
    ``now`` in a time column); ``now`` (text, read in each provider's zone; default ``clock``)
    is the instant open targets are judged at. ``reading`` says how the rows' times are read,
    ``extra_levels`` whether a priority ``pN`` past a policy's last severity is that severity
    (``tickets.build.severity_of``). Business time ``left`` is not measured: no batch output
    shows it. Owned by one run: its memo of setups is not shared."""

    def __init__(self, policies: PolicySet, clock: datetime, now: str | None = None, *, reading: TimeReading = STRICT,
                 customers: CustomerSet | None = None, extra_levels: bool = False):
        self.policies, self.clock, self.now_text, self.reading = policies, clock, now, reading
        self.customers = customers if customers is not None else CustomerSet()
        self.extra_levels = extra_levels
        self._setups: dict[tuple, Setup | str] = {}
        self._now: dict[tzinfo, datetime] = {}

    def run(self, rows: Iterable[Row | BadRow]) -> Iterator[Result | BadRow]:
        """One ``Result`` (or ``BadRow``) per row, in order; a row that cannot be read becomes a ``BadRow``."""
        for row in rows:
            if isinstance(row, BadRow):
                yield row
                continue
            try:
                yield self.one(row)
            except InputError as error:
                yield BadRow(row.line, str(error))

    def one(self, row: Row) -> Result:
        """The deadlines of one row; ``InputError`` for a row that cannot be read."""
        provider, plan = row.provider, row.plan
        if row.customer:
            customer = self.customers.get(row.customer)
            check_customer(customer, provider)
            provider, plan = provider or customer.provider, plan or customer.plan
        setup = self.setup(provider, row.severity, plan)
        now = self.judged_at(setup.zone)
        ticket = build(None, row.fields(setup.policy, setup.severity, setup.plan), naming=COLUMNS, now=now,
                       reading=self.reading, customers=self.customers, extra_levels=self.extra_levels)
        if ticket.opened > now:  # as slactl due refuses --now before --opened
            zone = setup.zone
            raise InputError(f"{COLUMNS('opened')} {ticket.opened.astimezone(zone).isoformat()} is after "
                             f"{'--now' if self.now_text is not None else 'the current time'} "
                             f"{now.astimezone(zone).isoformat()}: nothing about it can be judged yet")
        targets = setup.targets if ticket.severity is setup.severity else None
        return Result(row, ticket, due(ticket, now, targets=targets, measure_left=False))

    def setup(self, provider: str, severity: str, plan: str | None) -> Setup:
        """What tickets of ``(provider, severity, plan)`` as typed share, remembered (errors too); ``InputError`` for an unknown one."""
        key = (provider, severity, plan)
        found = self._setups.get(key)
        if found is None:
            try:
                policy = self.policies.get(provider)
                chosen_severity = severity_of(policy, severity, self.extra_levels)
                chosen_plan = policy.plan(plan, field=COLUMNS.plan)
                found = Setup(policy, chosen_severity, chosen_plan,
                              timed_targets(policy, chosen_severity, chosen_plan, field=COLUMNS.plan))
            except InputError as error:
                found = str(error)
            if len(self._setups) >= CACHED_KEYS:
                self._setups.clear()
            self._setups[key] = found
        if isinstance(found, str):
            raise InputError(found)
        return found

    def judged_at(self, zone: tzinfo) -> datetime:
        """The instant open targets of a provider in ``zone`` are judged at (UTC)."""
        if self.now_text is None:
            return self.clock
        found = self._now.get(zone)
        if found is None:
            found = self._now[zone] = read_time(self.now_text, zone, what="--now", now=self.clock).astimezone(timezone.utc)
        return found
