"""Every communication a provider owes for one incident, each at its instant.

Pure: instants in, an agenda out. The rules (docs/comms.md):

- ``when: opened`` is owed at the opening, ``when: resolved`` at the resolution, ``when: <target>``
  at that target's due time (from ``deadlines``); ``after`` adds elapsed time, ``until`` makes
  the item a window of that length.
- ``every: 4h`` is owed at opened + 4h, opened + 8h, ... strictly before the resolution (an
  occurrence due at the resolution instant is replaced by the at-resolution items). Unresolved,
  occurrences are listed up to ``until`` inclusive and the agenda is open-ended. With
  ``calendar: office`` each occurrence is ``every`` of office business time after the one
  before; ``every: end-of-day`` is each closing of a business day, on ``24x7`` (the default)
  each midnight of the policy's zone: Express's daily time-tracking cut (seed 004: "con cortes
  diarios"), the same instant ``worklog.daily`` cuts at.
- Without a resolution, resolution items have no instant yet; neither do items on a target the
  policy gives no due time. Each such item says why.

Arithmetic is on absolute (UTC) instants, so ``24h`` is 24 real hours across a DST change.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone, tzinfo

from slactl.sla import due as deadlines
from slactl.tickets.model import Ticket
from slactl.businesstime.limits import beyond_9999
from slactl.businesstime.duration import Duration
from slactl.policy.calendar import Calendar
from slactl.policy.communication import Communication
from slactl.sla.due import Deadline
from slactl.errors import InputError
from slactl.policy.model import Plan, Policy
from slactl.policy.severity import Severity
from slactl.policy.target import Bound

DEFAULT_HORIZON = timedelta(hours=72)
MAX_OCCURRENCES = 1000


@dataclass(frozen=True, slots=True)
class Owed:
    """One communication owed at ``at`` (None: not yet known, see ``reason``); ``until`` ends a
    window; ``index`` numbers the occurrences of a recurring one from 1; ``order`` is the
    communication's position in the policy. ``period`` is the open period it belongs to: 1 from
    the opening, 2 from the first reopening, ...; an at-resolution item of a resolution that a
    reopening undid has the period that resolution ended and ``undone``."""

    communication: Communication
    order: int
    at: datetime | None
    until: datetime | None = None
    index: int | None = None
    reason: str | None = None
    deadline: Deadline | None = None
    period: int = 1
    undone: bool = False

    def __post_init__(self) -> None:
        if (self.at is None) == (self.reason is None):
            raise ValueError("an owed communication has either an instant or a reason for not having one")
        if self.until is not None and (self.at is None or self.until < self.at):
            raise ValueError("a window ends after it starts")

    @property
    def channel(self) -> str:
        """Where it is owed: status-page, bulletin, notification, ..."""
        return self.communication.channel

    @property
    def what(self) -> str:
        """What is owed, in the policy's words."""
        return self.communication.what

    @property
    def recurring(self) -> bool:
        """True for an ``every`` communication."""
        return self.communication.recurring


@dataclass(frozen=True, slots=True)
class Agenda:
    """The communications of one incident, sorted by instant (untimed last, in policy order).

    ``horizon`` is where recurring items stop being listed while unresolved; ``open_ended``
    says they go on past it."""

    policy: Policy
    severity: Severity
    plan: Plan | None
    opened: datetime
    resolved: datetime | None
    horizon: datetime | None
    items: tuple[Owed, ...]

    def __post_init__(self) -> None:
        if self.resolved is not None and self.resolved < self.opened:
            raise ValueError("the resolution is before the opening")
        if self.horizon is not None and self.horizon < self.opened:
            raise ValueError("the horizon is before the opening")

    @property
    def open_ended(self) -> bool:
        """True while unresolved with recurring items: they go on past the listed horizon."""
        return self.resolved is None and any(c.recurring for c in self.policy.communications_for(self.severity))

    @property
    def timed(self) -> tuple[Owed, ...]:
        """The items with an instant."""
        return tuple(item for item in self.items if item.at is not None)

    @property
    def untimed(self) -> tuple[Owed, ...]:
        """The items whose instant is not known yet (each says why)."""
        return tuple(item for item in self.items if item.at is None)


def comms(ticket: Ticket, *, until: datetime | None = None) -> Agenda:
    """Every communication owed for ``ticket`` (its latest severity, its plan), each at its
    instant. ``until`` bounds the listing of recurring items while unresolved (default: 72 h
    after the opening); once the ticket is resolved the resolution ends them. Raises
    ``InputError`` when a recurring item would be listed more than ``MAX_OCCURRENCES`` times
    or an instant is past the year 9999."""
    try:
        return _comms(ticket, until)
    except OverflowError:
        raise beyond_9999() from None


def _comms(ticket: Ticket, until: datetime | None) -> Agenda:
    policy, severity, plan, opened, resolved = ticket.policy, ticket.severity, ticket.plan, ticket.opened, ticket.resolved
    periods = _open_periods(ticket)
    last_start = periods[-1][0]
    horizon = None if resolved is not None else (until if until is not None else last_start + DEFAULT_HORIZON)
    due = {d.target.name: d for d in deadlines.due(ticket)}
    items: list[Owed] = []
    for order, communication in enumerate(policy.communications_for(severity)):
        if communication.recurring:
            counted = 0
            for number, (start, end) in enumerate(periods, start=1):
                if end is None:  # still open: listed up to the horizon, included
                    assert horizon is not None
                    if horizon <= start:
                        continue
                    found = _occurrences(communication, order, start, horizon, inclusive=True, zone=policy.zone)
                else:
                    found = _occurrences(communication, order, start, end, inclusive=False, zone=policy.zone)
                items += [replace(item, index=counted + (item.index or 0), period=number) for item in found]
                counted += len(found)
        elif communication.when == "resolved":
            for number, (_, end) in enumerate(periods, start=1):
                if end is not None and number < len(periods):  # a resolution a reopening undid
                    undone = _undone(_once(communication, order, opened, end, due, plan), periods[number][0])
                    if undone is not None:
                        items.append(replace(undone, period=number, undone=True))
            items.append(replace(_once(communication, order, opened, resolved, due, plan), period=len(periods)))
        else:
            items.append(_once(communication, order, opened, resolved, due, plan))
    items.sort(key=lambda o: (o.at is None, _utc(o.at) if o.at else opened, o.order, o.index or 0))
    return Agenda(policy, severity, plan, opened, resolved, horizon, tuple(items))


def _undone(item: Owed, reopened: datetime) -> Owed | None:
    """An item of a resolution that the reopening at ``reopened`` undid: owed only if it fell
    before the reopening (a window is cut there); None for one that would have come after."""
    if item.at is None or _utc(item.at) >= _utc(reopened):
        return None
    if item.until is not None and _utc(item.until) > _utc(reopened):
        return replace(item, until=reopened.astimezone(item.at.tzinfo))
    return item


def _open_periods(ticket: Ticket) -> list[tuple[datetime, datetime | None]]:
    """``(start, end)`` of each stretch the incident was open: from the opening, then from each
    reopening, to the resolution that closed it (None: still open). Recurring items are owed
    while open (Conecta: "Reportamos en el estado del servicio cada 4 horas" until "Una vez
    resuelto"), counted afresh from a reopening."""
    periods: list[tuple[datetime, datetime | None]] = []
    start: datetime | None = ticket.opened
    for resolution, reopening in ticket.resolutions:
        assert start is not None
        periods.append((start, resolution))
        start = reopening
    if start is not None:
        periods.append((start, None))
    return periods


def _occurrences(communication: Communication, order: int, opened: datetime, end: datetime, *,
                 inclusive: bool, zone: tzinfo) -> list[Owed]:
    """Each time a recurring ``communication`` is owed after ``opened`` up to ``end`` (included
    when ``inclusive``); ``InputError`` past ``MAX_OCCURRENCES`` (its message in ``zone``)."""
    calendar, cadence = communication.calendar, communication.every
    assert cadence is not None, "only recurring communications have occurrences"
    if calendar is not None and (cadence.end_of_day or not calendar.is_always):
        return _counted(communication, calendar, cadence, order, opened, end, inclusive=inclusive, zone=zone)
    every = cadence.as_elapsed()
    span = _utc(end) - _utc(opened)
    count = span // every if inclusive or span % every else span // every - 1
    if count > MAX_OCCURRENCES:
        raise InputError(
            f"{communication.channel} every {communication.every} would be listed {count} times up to "
            f"{end.astimezone(zone).isoformat()}; choose a nearer --until (at most {MAX_OCCURRENCES} occurrences)"
        )
    return [Owed(communication, order, _later(opened, every * k), index=k) for k in range(1, max(count, 0) + 1)]


def _counted(communication: Communication, calendar: Calendar, every: Duration, order: int, opened: datetime,
             end: datetime, *, inclusive: bool, zone: tzinfo) -> list[Owed]:
    """Occurrences on the cadence's ``calendar``: each ``every`` of its business time (or the
    next closing, for end-of-day) after the one before, up to ``end``."""
    items: list[Owed] = []
    at, end = _utc(opened), _utc(end)
    while True:
        at = calendar.add(at, every)
        if at > end or (at == end and not inclusive):
            return items
        if len(items) == MAX_OCCURRENCES:
            raise InputError(
                f"{communication.channel} every {communication.every} would be listed more than {MAX_OCCURRENCES} "
                f"times up to {end.astimezone(zone).isoformat()}; choose a nearer --until"
            )
        items.append(Owed(communication, order, at.astimezone(opened.tzinfo), index=len(items) + 1))


def _once(communication: Communication, order: int, opened: datetime, resolved: datetime | None,
          due: dict[str, Deadline], plan: Plan | None) -> Owed:
    offset = communication.after.as_elapsed()
    deadline = None
    base: datetime | None
    if communication.when == "opened":
        base, reason = opened, None
    elif communication.when == "resolved":
        base = resolved
        reason = None if resolved is not None else "not resolved yet (pass --resolved)"
    else:
        deadline = due.get(communication.when)
        base, reason = _deadline_base(communication.when, deadline, plan)
    if base is None:
        return Owed(communication, order, None, reason=reason, deadline=deadline)
    at = _later(base, offset)
    until = _later(at, communication.until.as_elapsed()) if communication.until else None
    return Owed(communication, order, at, until=until, deadline=deadline)


def _deadline_base(name: str, deadline: Deadline | None, plan: Plan | None) -> tuple[datetime | None, str | None]:
    if deadline is None:
        where = f" on the {plan.id} plan" if plan else ""
        return None, f"the policy sets no {name} time for this severity{where}"
    if deadline.due is not None:
        return deadline.due, None
    target = deadline.target
    if target.bound is Bound.MIN:
        return None, f"the {name} time is a lower bound only ({target.describe()}): no committed instant"
    if target.bound is Bound.NONE:
        return None, f"the {name} has no committed time ({target.note or 'no estimated time'})"
    return None, f"the {name} time counts from {target.start}: pass --{target.start} to time it"


def _utc(instant: datetime) -> datetime:
    return instant.astimezone(timezone.utc)


def _later(instant: datetime, length: timedelta) -> datetime:
    """``instant + length`` in elapsed time, shown in the instant's own zone."""
    return (_utc(instant) + length).astimezone(instant.tzinfo)
