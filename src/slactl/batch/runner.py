"""Deadlines for a stream of tickets: rows in, one result per row out, in input order.

Pure and streaming: nothing is kept per ticket, only the resolved targets and calendars per
``(provider, severity, plan)`` as typed, so memory does not grow with the number of tickets.
A row that cannot be computed becomes a ``BadRow`` with its line and one-line reason.

Which instant finishes which target: ``responded`` the evaluation and the response,
``mitigated`` the mitigation (``resolved`` when no ``mitigated`` is given: resolving a ticket
mitigates it), ``resolved`` the resolution. Follow-ups have no done column and are judged
against ``now``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone, tzinfo

from slactl.sla.due import Deadline, Timed, resolve, timed_targets
from slactl.errors import InputError
from slactl.policy.model import Plan, Policy, PolicySet
from slactl.policy.severity import Severity
from slactl.tickets.read import BadRow, Ticket, split_pauses
from slactl.tickets.times import check_pauses, parse_pause, parse_time

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
        return self.policy.zone


@dataclass(frozen=True, slots=True)
class Result:
    ticket: Ticket
    setup: Setup
    opened: datetime
    deadlines: tuple[Deadline, ...]


class Batch:
    """Computes tickets against one policy set. ``clock`` answers the word ``now`` in any time
    column; ``now`` (text, read in each provider's zone) judges open targets, default ``clock``.
    The business time ``left`` of a pending target is not measured: no batch output shows it."""

    def __init__(self, policies: PolicySet, clock: datetime, now: str | None = None):
        self.policies, self.clock, self.now_text = policies, clock, now
        self._setups: dict[tuple, Setup | str] = {}
        self._now: dict[tzinfo, datetime] = {}

    def run(self, rows: Iterable[Ticket | BadRow]) -> Iterator[Result | BadRow]:
        for row in rows:
            if isinstance(row, BadRow):
                yield row
                continue
            try:
                yield self.one(row)
            except InputError as error:
                yield BadRow(row.line, str(error))

    def one(self, ticket: Ticket) -> Result:
        setup = self.setup(ticket.provider, ticket.severity, ticket.plan)
        zone, clock = setup.zone, self.clock
        opened = parse_time(ticket.opened, zone, clock, what="opened")
        pauses = check_pauses([parse_pause(p, zone, clock) for p in split_pauses(ticket.pauses)]) if ticket.pauses else ()
        responded = self._after(ticket.responded, "responded", opened, zone)
        resolved = self._after(ticket.resolved, "resolved", opened, zone)
        mitigated = self._after(ticket.mitigated, "mitigated", opened, zone) or resolved
        responded, resolved, mitigated = _utc(responded), _utc(resolved), _utc(mitigated)
        done = {"evaluation": responded, "response": responded, "mitigation": mitigated, "resolution": resolved}
        now, start = self.judged_at(zone), _utc(opened)
        deadlines = tuple([
            resolve(timed, start, pauses=pauses, resolved=resolved, now=now, done=done.get(timed[0].name), left=False)
            for timed in setup.targets
        ])
        return Result(ticket, setup, opened, deadlines)

    def setup(self, provider: str, severity: str, plan: str | None) -> Setup:
        key = (provider, severity, plan)
        found = self._setups.get(key)
        if found is None:
            try:
                policy = self.policies.get(provider)
                chosen_severity, chosen_plan = policy.severity(severity), policy.plan(plan)
                found = Setup(policy, chosen_severity, chosen_plan, timed_targets(policy, chosen_severity, chosen_plan))
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
            found = self._now[zone] = _utc(parse_time(self.now_text, zone, self.clock, what="--now"))
        return found

    def _after(self, text: str | None, what: str, opened: datetime, zone: tzinfo) -> datetime | None:
        if not text:
            return None
        moment = parse_time(text, zone, self.clock, what=what)
        if moment < opened:
            raise InputError(f"{what} is before opened")
        return moment


def _utc(moment: datetime | None) -> datetime | None:
    """The same instant in UTC: the calendars count in UTC, and converting it once here spares
    a conversion per target (a UTC instant converts to itself). An instant at the very ends of
    the calendar, which has no UTC form, stays as it is for the calendars to refuse."""
    if moment is None:
        return None
    try:
        return moment.astimezone(timezone.utc)
    except OverflowError:
        return moment
