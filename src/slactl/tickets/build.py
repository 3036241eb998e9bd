"""From a ticket as given (text from a flag, a file column or an API argument, or objects) to a
``Ticket``: the one place where a ticket's values are read and checked.

Every message names the value the way the user gave it (``Naming``): ``--resolved is before
--opened`` on the command line, ``resolved is before opened`` for a file column or an API
argument. Errors are ``InputError``; a file reader turns them into a skipped row.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone, tzinfo
from typing import Union

from slactl.businesstime.pauses import Pause, merge_pauses
from slactl.contracts.model import Customer, CustomerSet
from slactl.errors import InputError
from slactl.policy.model import Plan, Policy, PolicySet
from slactl.policy.severity import Severity
from slactl.tickets.model import Ticket
from slactl.tickets.times import STRICT, TimeReading, read_time

Time = Union[datetime, str]
Event = Union[str, tuple[Time, str]]
"""``"TIME=VALUE"`` text, or a ``(time, value)`` pair."""


@dataclass(frozen=True, slots=True)
class Naming:
    """How messages call a ticket's values: ``flags`` (``--opened``), ``columns`` (``opened``)
    or ``arguments`` (``opened``). ``plan`` is how to say where a plan is given."""

    style: str
    plan: str

    def __call__(self, field: str) -> str:
        return "--" + field.replace("_", "-") if self.style == "flags" else field


FLAGS = Naming("flags", "--plan")
COLUMNS = Naming("columns", "a plan column")
ARGUMENTS = Naming("arguments", "plan=")


@dataclass(frozen=True, slots=True)
class Fields:
    """A ticket as given. Times are text (ISO 8601 or ``now``; without an offset, the
    provider's local time) or aware datetimes (naive ones are local too). ``resolved`` and
    ``reopened`` may repeat, alternating (resolved, reopened, resolved, ...). ``pauses`` are
    ``"START/END"`` or ``(start, end)``; ``statuses`` and ``severity_changes`` are
    ``"TIME=VALUE"`` or ``(time, value)``."""

    provider: Union[str, Policy, None]
    severity: Union[str, Severity]
    opened: Time
    plan: Union[str, Plan, None] = None
    id: str | None = None
    pauses: Sequence[Union[str, tuple[Time, Time]]] = ()
    responded: Time | None = None
    mitigated: Time | None = None
    resolved: Sequence[Time] = ()
    reopened: Sequence[Time] = ()
    followed_up: Time | None = None
    statuses: Sequence[Event] = ()
    severity_changes: Sequence[Event] = ()
    line: int | None = None
    customer: Union[str, Customer, None] = None
    reporter: str | None = None
    service: str | None = None
    flags: Sequence[str] = ()


def build(policies: PolicySet | None, fields: Fields, *, naming: Naming, now: datetime | None = None,
          reading: TimeReading = STRICT, customers: CustomerSet | None = None, extra_levels: bool = False,
          judged_at: datetime | None | bool = True) -> Ticket:
    """The ``Ticket`` of ``fields``. ``now`` is the instant the word ``now`` means (None: the
    word is refused); ``judged_at`` the instant a status still in force lasts until (True, the
    default: ``now``; None: such a status is refused, as when nothing asked for a judging
    instant); ``reading`` says how text times are read; ``extra_levels`` reads a
    priority ``pN`` past the policy's last severity as that severity (``severity_of``). A
    ``customer`` (looked up in ``customers``) gives the provider and the plan. Raises
    ``InputError`` for an unknown customer, provider, severity, plan or flag, a customer whose
    provider differs from the one given, a bad or out-of-order time, a pause that ends before
    it starts or overlaps another, an unknown status, an event before the opening."""
    customer = fields.customer
    if isinstance(customer, str):
        customer = (customers if customers is not None else CustomerSet()).get(customer)
    provider = fields.provider
    if customer is not None:
        check_customer(customer, provider.id if isinstance(provider, Policy) else provider)
        provider = provider if isinstance(provider, Policy) else customer.provider
    if provider is None:
        raise InputError(f"missing {naming('provider')} (or a {naming('customer')} with --customers)")
    policy = provider if isinstance(provider, Policy) else _policies(policies).get(provider)
    zone = policy.zone

    def time(value: Time, field: str) -> datetime:
        return instant(value, zone, naming(field), now, reading)

    opened = time(fields.opened, "opened")
    given_plan = fields.plan if fields.plan is not None else (customer.plan if customer is not None else None)
    plan = given_plan if isinstance(given_plan, Plan) else policy.plan(given_plan, field=naming.plan)
    severity = fields.severity if isinstance(fields.severity, Severity) else severity_of(policy, fields.severity, extra_levels)

    def at_or_after_opening(value: Time, field: str) -> datetime:
        moment = time(value, field)
        if moment < opened:
            raise InputError(f"{naming(field)} is before {naming('opened')}")
        return moment

    def after_opening(value: Time | None, field: str) -> datetime | None:
        return None if value is None else at_or_after_opening(value, field)

    changes = tuple(sorted(((at_or_after_opening(when, "severity_change"), severity_of(policy, value, extra_levels))
                            for when, value in (_event(item, naming("severity_change")) for item in fields.severity_changes)),
                           key=lambda change: change[0]))
    if changes:
        changes = ((opened, severity), *changes)
        severity = changes[-1][1]
    statuses = _statuses(policy, [(at_or_after_opening(when, "status"), value)
                                  for when, value in (_event(item, naming("status")) for item in fields.statuses)], naming)
    status_pauses = _status_pauses(policy, statuses, now if judged_at is True else judged_at or None, naming)
    explicit = [pause(item, zone, naming, now, reading) for item in fields.pauses]
    resolutions = _resolutions([after_opening(t, "resolved") for t in fields.resolved],
                               [after_opening(t, "reopened") for t in fields.reopened], naming, zone)
    followed_up = after_opening(fields.followed_up, "followed_up")
    if followed_up is not None:  # the follow-up runs from the resolution that stands
        if not resolutions or resolutions[-1][1] is not None:
            raise InputError(f"{naming('followed_up')} without {naming('resolved')}: the follow-up starts at the "
                             f"resolution that stands")
        if followed_up < resolutions[-1][0]:
            raise InputError(f"{naming('followed_up')} is before {naming('resolved')}")
    return Ticket(
        policy=policy, severity=severity, plan=plan, opened=opened, id=fields.id,
        # a pausing status over a given pause stops the clock once; given pauses that overlap are refused
        pauses=merge_pauses([*merged_pauses(explicit, naming, zone), *status_pauses]),
        responded=after_opening(fields.responded, "responded"),
        mitigated=after_opening(fields.mitigated, "mitigated"),
        resolutions=resolutions,
        followed_up=followed_up,
        statuses=tuple(statuses), severity_changes=changes, line=fields.line,
        customer=customer, reporter=fields.reporter, service=fields.service, flags=_flags(policy, fields.flags, naming),
    )


_PRIORITY = re.compile(r"^\s*[pP]([0-9]{1,3})\s*$")


def severity_of(policy: Policy, name: str, extra_levels: bool = False) -> Severity:
    """The policy's severity called ``name``. With ``extra_levels``, a priority ``pN`` past the
    last of a policy that names its severities ``p1`` ... ``pK`` in order is its least severe
    one (``pK``): a help desk with five priority levels judged under a contract with four."""
    try:
        return policy.severity(name)
    except InputError:
        rank = _PRIORITY.match(name) if extra_levels else None
        last = len(policy.severities)
        if rank is None or int(rank.group(1)) <= last or not _ranked(policy):
            raise
        return policy.severities[-1]


def _ranked(policy: Policy) -> bool:
    """Whether ``p1`` ... ``pK`` name the policy's severities in order."""
    try:
        return all(policy.severity(f"p{rank}") is severity for rank, severity in enumerate(policy.severities, start=1))
    except InputError:
        return False


def instant(value: Time, zone: tzinfo, what: str, now: datetime | None, reading: TimeReading = STRICT) -> datetime:
    """One instant of a ticket: text read in ``zone`` (``tickets.times.read_time``), a naive
    datetime as local to ``zone``, an aware one as it is."""
    if isinstance(value, datetime):
        if value.utcoffset() is not None:
            return value
        from slactl.businesstime.zones import localize

        return localize(value, reading.zone or zone, what=what, ambiguous=reading.ambiguous,
                        nonexistent=reading.nonexistent)
    if not isinstance(value, str):
        raise InputError(f"{what}: expected a datetime or ISO 8601 text, got {type(value).__name__}")
    return read_time(value, zone, what=what, now=now, reading=reading)


def pause(value: Union[str, tuple[Time, Time]], zone: tzinfo, naming: Naming, now: datetime | None,
          reading: TimeReading = STRICT) -> Pause:
    """``START/END`` (or a pair) as two instants; ``now`` in it is the instant ``now``. A pause
    may be empty (it changes nothing); one that ends before it starts is refused."""
    if isinstance(value, str):
        start_text, slash, end_text = value.partition("/")
        if not slash or not start_text.strip() or not end_text.strip():
            raise InputError(f"bad {naming('pause')} {value!r}: write START/END, e.g. 2026-11-20T10:00/2026-11-20T12:00")
        start = instant(start_text, zone, "pause start", now, reading)
        end = instant(end_text, zone, "pause end", now, reading)
        shown = value
    else:
        start, end = (instant(t, zone, name, now, reading) for t, name in zip(value, ("pause start", "pause end"), strict=True))
        shown = f"{_at(start, zone)}/{_at(end, zone)}"
    if end < start:
        raise InputError(f"{naming('pause')} {shown!r} ends before it starts")
    return start, end


def merged_pauses(pauses: list[Pause], naming: Naming, zone: tzinfo = timezone.utc) -> tuple[Pause, ...]:
    """Sorted pauses, empty ones dropped, touching ones joined; overlapping ones are refused
    (they would stop the clock twice), the message showing them in ``zone``."""
    ordered = sorted(p for p in pauses if p[1] > p[0])
    merged: list[Pause] = []
    for start, end in ordered:
        if merged and start < merged[-1][1]:
            s1, e1 = merged[-1]
            raise InputError(f"pauses overlap: {_at(s1, zone)}/{_at(e1, zone)} and {_at(start, zone)}/{_at(end, zone)}")
        if merged and start == merged[-1][1]:
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return tuple(merged)


def _flags(policy: Policy, given: Sequence[str], naming: Naming) -> frozenset[str]:
    """The exclusion flags that hold, each one the policy names (``applies_unless``)."""
    found = set()
    for name in given:
        flag = name.strip().lower().replace("-", "_")
        if flag and flag not in policy.flags:
            known = ", ".join(sorted(policy.flags)) or "none"
            raise InputError(f"unknown {naming('flag')} {name!r} for {policy.id} (its targets name: {known})")
        if flag:
            found.add(flag)
    return frozenset(found)


def check_customer(customer: Customer, provider: str | None) -> None:
    """``InputError`` when a ticket names a provider (id, any case) its customer is not a
    customer of; nothing when it names none (the customer gives it)."""
    if provider and provider.casefold() != customer.provider:
        raise InputError(f"customer {customer.id!r} is a customer of {customer.provider}, not of {provider}")


def _policies(policies: PolicySet | None) -> PolicySet:
    if policies is None:
        raise InputError("a provider id needs the policy set it belongs to")
    return policies


def _event(item: Event, what: str) -> tuple[Time, str]:
    if isinstance(item, str):
        text, equals, value = item.rpartition("=")
        if not equals or not text.strip() or not value.strip():
            raise InputError(f"bad {what} {item!r}: write TIME=VALUE, e.g. 2026-11-20T10:00=pending")
        return text.strip(), value.strip()
    return item


def _statuses(policy: Policy, found: list[tuple[datetime, str]], naming: Naming) -> list[tuple[datetime, str]]:
    """Status changes in time order, each a status the policy knows; two different statuses at
    one instant are refused."""
    ordered = sorted(((when, policy.status(name)) for when, name in found), key=lambda item: item[0])
    for (t1, s1), (t2, s2) in zip(ordered, ordered[1:]):
        if t1 == t2 and s1 != s2:
            raise InputError(f"{naming('status')} changes to both {s1!r} and {s2!r} at {_at(t1, policy.zone)}")
    return ordered


def check_judged(ticket: Ticket, judged: datetime, naming: Naming, judging: str) -> None:
    """``InputError`` when something happened to ``ticket`` after the judging instant ``judged``
    (``judging`` names it: ``--now``, ``the current time``): a response, mitigation,
    resolution, reopening, follow-up, status or severity change that has not happened yet at
    that instant cannot be judged there (the opening is checked by the caller, in its words).
    Pauses may lie ahead: a planned stop of the clock moves the due times."""
    zone = ticket.policy.zone
    events = [("responded", ticket.responded), ("mitigated", ticket.mitigated),
              *(("resolved", done) for done, _ in ticket.resolutions),
              *(("reopened", again) for _, again in ticket.resolutions), ("followed_up", ticket.followed_up),
              *(("status", when) for when, _ in ticket.statuses),
              *(("severity_change", when) for when, _ in ticket.severity_changes[1:])]
    for field, when in events:
        if when is not None and when > judged:
            raise InputError(f"{naming(field)} {_at(when, zone)} is after {judging} {_at(judged, zone)}: it has not "
                             f"happened yet at the judging instant (give a later {'--now' if judging == 'the current time' else judging})")


def _status_pauses(policy: Policy, statuses: list[tuple[datetime, str]], now: datetime | None,
                   naming: Naming) -> list[Pause]:
    """While the ticket is in a status the policy pauses on (``pause_statuses``), its clocks stop:
    until the next status change, or until ``now`` when it is still in that status."""
    pauses = []
    for (when, status), following in zip(statuses, [*statuses[1:], None]):
        if status not in policy.pause_statuses:
            continue
        if following is None and now is None:
            raise InputError(f"the ticket is in status {status!r} since {_at(when, policy.zone)}, which stops its clocks: "
                             f"give {naming('now')} to judge it")
        end = following[0] if following is not None else now
        assert end is not None  # refused above
        pauses.append((when, max(when, end)))
    return pauses


def _resolutions(resolved: list[datetime | None], reopened: list[datetime | None],
                 naming: Naming, zone: tzinfo) -> tuple[tuple[datetime, datetime | None], ...]:
    """Resolutions and reopenings alternate, in time order: r1 < o1 <= r2 < o2 ..."""
    resolved_at = sorted(t for t in resolved if t is not None)
    reopened_at = sorted(t for t in reopened if t is not None)
    if len(reopened_at) not in (len(resolved_at), len(resolved_at) - 1):
        raise InputError(f"{naming('reopened')} must follow a {naming('resolved')} each time "
                         f"(got {len(resolved_at)} resolution(s) and {len(reopened_at)} reopening(s))")
    pairs: list[tuple[datetime, datetime | None]] = []
    for index, done in enumerate(resolved_at):
        again = reopened_at[index] if index < len(reopened_at) else None
        if again is not None and again < done:
            raise InputError(f"{naming('reopened')} {_at(again, zone)} is before the {naming('resolved')} "
                             f"{_at(done, zone)} it reopens")
        if pairs and pairs[-1][1] is not None and done < pairs[-1][1]:
            raise InputError(f"{naming('resolved')} {_at(done, zone)} is before the {naming('reopened')} "
                             f"{_at(pairs[-1][1], zone)} before it")
        pairs.append((done, again))
    return tuple(pairs)


def _at(instant: datetime, zone: tzinfo) -> str:
    """An instant as a message shows it: ISO 8601 in the provider's zone."""
    return instant.astimezone(zone).isoformat()
