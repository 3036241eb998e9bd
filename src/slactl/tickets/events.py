"""The event form of a ticket file: one row per thing that happened, folded into tickets.

A file whose header has ``time`` and ``event`` columns (a JSON Lines file whose objects have
those keys) lists events: ``id`` says which ticket, ``value`` carries what the event needs,
``provider``, ``plan``, ``customer``, ``reporter`` and ``service`` may be on any row of the
ticket. Events:

==============  ==========================================================================
``opened``      the ticket is opened; value: its severity (exactly once per ticket)
``responded``   the first response (the first one counts)
``mitigated``   the mitigation (the first one counts)
``resolved``    a resolution; ``reopened`` a reopening (they alternate)
``followed_up`` the follow-up (the first one counts)
``status``      a status change; value: the status (the policy's pause statuses stop the clocks)
``severity``    a severity change; value: the new severity
``pause``       the clocks stop; ``resume`` they run again (a pause without its resume lasts
                until the judging instant)
==============  ==========================================================================

An event log that records, on each row, a ticket's state after an update (a help desk's audit
log: ServiceNow's incident event log) folds the same way through ``fold_states``.

A ticket's rows may be anywhere in the file; each ticket comes out (as a ``Row`` of the ticket
form, so it is judged exactly as a ticket row) at the end of the file, in the order of its
first row, with the line of its first row. Its state is kept compactly until then: memory
grows with the number of tickets in the file, not of events. A problem (an unknown event, a
ticket without ``opened``) skips that ticket with its line.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Iterator

from slactl.tickets.row import BadRow, Row, row_of

COLUMNS = ("time", "event", "id", "value", "provider", "plan", "customer", "reporter", "service")
_ONCE = ("provider", "plan", "customer", "reporter", "service")
"""Values a ticket has once, given on any of its rows."""
EVENTS = ("opened", "responded", "mitigated", "resolved", "reopened", "followed_up", "status", "severity",
          "pause", "resume")
_FIRST_ONLY = ("responded", "mitigated", "followed_up")
_ALIASES = {"followed-up": "followed_up", "follow-up": "followed_up", "followup": "followed_up",
            "severity_change": "severity", "severity-change": "severity"}


class _Ticket:
    """What is known of one ticket so far: text values, as a ticket row holds them."""

    __slots__ = ("line", "provider", "plan", "customer", "reporter", "service", "opened", "severity", "responded",
                 "mitigated", "followed_up", "resolved", "reopened", "statuses", "changes", "pauses", "paused", "problem",
                 "state", "since", "current")

    def __init__(self, line: int) -> None:
        self.line = line
        self.provider: str | None = None
        self.plan: str | None = None
        self.customer: str | None = None
        self.reporter: str | None = None
        self.service: str | None = None
        self.opened: str | None = None
        self.severity: str | None = None
        self.responded: str | None = None
        self.mitigated: str | None = None
        self.followed_up: str | None = None
        self.paused: str | None = None
        self.problem: BadRow | None = None
        self.state: str | None = None
        self.since: str | None = None
        self.current: str | None = None
        self.resolved: list[str] = []
        self.reopened: list[str] = []
        self.statuses: list[str] = []
        self.changes: list[str] = []
        self.pauses: list[str] = []


def fold(records: Iterable[tuple[int, dict[str, str | None]] | BadRow]) -> Iterator[Row | BadRow]:
    """The tickets of event records ``(line, {column: value})``; bad records pass through."""
    return _folded(records, _apply, "an event row needs an id (which ticket it belongs to)")


def fold_states(records: Iterable[tuple[int, dict[str, str | None]] | BadRow]) -> Iterator[Row | BadRow]:
    """The tickets of a log of states: records ``(line, {column: value})`` with ``id``, ``time``
    (when the update happened), the ticket's ``status`` and ``severity`` after it, and
    optionally ``opened`` (else the first row's time), ``provider`` and ``plan``. A ticket is:

    - opened at ``opened`` with the severity of its first row; a later row with another
      severity is a severity change at its time;
    - in each status from the row that first shows it (rows at one instant: the last one
      counts), so a pause status stops the clocks until the next status;
    - responded at its first row in a status other than ``new`` (the first move out of New);
    - resolved each time it enters a done status (``resolved``, ``solved``, ``closed``) from
      another, and reopened each time it leaves one.

    Statuses are the canonical ones (``tickets.mapping`` translates a help desk's). Bad
    records pass through."""
    from slactl.tickets.mapping import DONE_STATUSES, NEW_STATUS

    return _folded(records, lambda ticket, line, values: _apply_state(ticket, line, values, DONE_STATUSES, NEW_STATUS),
                   "a row of the event log needs an id (which ticket it belongs to)")


def _folded(records: Iterable[tuple[int, dict[str, str | None]] | BadRow],
            apply: Callable[[_Ticket, int, dict[str, str | None]], BadRow | None], no_id: str) -> Iterator[Row | BadRow]:
    """Each record ``apply``-ed to the ticket of its id (until one is a problem: the ticket's
    first problem is its bad row); the tickets at the end, in the order of their first record.
    Bad records, and records without an id (``no_id``), pass through as bad rows."""
    tickets: dict[str, _Ticket] = {}
    for record in records:
        if isinstance(record, BadRow):
            yield record
            continue
        line, values = record
        ticket_id = (values.get("id") or "").strip()
        if not ticket_id:
            yield BadRow(line, no_id)
            continue
        ticket = tickets.get(ticket_id)
        if ticket is None:
            ticket = tickets[ticket_id] = _Ticket(line)
        if ticket.problem is None:
            ticket.problem = apply(ticket, line, values)
    for ticket_id, ticket in sorted(tickets.items(), key=lambda item: item[1].line):
        yield _row(ticket_id, ticket)


def _apply_state(ticket: _Ticket, line: int, values: dict[str, str | None], done: frozenset[str],
                 new: str) -> BadRow | None:
    """Record one row of a log of states; the reason the ticket cannot be used, else None."""
    time = values.get("time")
    if not time:
        return BadRow(line, "a row of the event log needs a time (when the update happened)")
    for field in ("provider", "plan"):
        given = values.get(field)
        if given:
            known = getattr(ticket, field)
            if known is not None and known != given:
                return BadRow(line, f"{field} {given!r} differs from {known!r} given earlier for this ticket")
            setattr(ticket, field, given)
    severity = values.get("severity")
    if ticket.opened is None:
        if not severity:
            return BadRow(line, "the first row of a ticket needs its severity")
        ticket.opened, ticket.severity, ticket.current = values.get("opened") or time, severity, severity
    elif severity and severity != ticket.current:
        ticket.changes.append(f"{time}={severity}")
        ticket.current = severity
    status = values.get("status")
    if status and status != ticket.state:
        entry = f"{time}={status}"
        if ticket.since == time and ticket.statuses:
            ticket.statuses[-1] = entry  # the last row at one instant counts
        else:
            ticket.statuses.append(entry)
        folded = status.lower()
        if ticket.responded is None and folded != new:
            ticket.responded = time
        was_done = ticket.state is not None and ticket.state.lower() in done
        if folded in done and not was_done:
            ticket.resolved.append(time)
        elif was_done and folded not in done:
            ticket.reopened.append(time)
        ticket.state, ticket.since = status, time
    return None


def _apply(ticket: _Ticket, line: int, values: dict[str, str | None]) -> BadRow | None:
    """Record one event; the reason the ticket cannot be used, else None."""
    name = (values.get("event") or "").strip().lower().replace(" ", "_")
    name = _ALIASES.get(name, name)
    time = (values.get("time") or "").strip()
    value = (values.get("value") or "").strip()
    for field in _ONCE:
        given = (values.get(field) or "").strip()
        if given:
            known = getattr(ticket, field)
            if known is not None and known != given:
                return BadRow(line, f"{field} {given!r} differs from {known!r} given earlier for this ticket")
            setattr(ticket, field, given)
    if name not in EVENTS:
        near = difflib.get_close_matches(name, EVENTS, n=2, cutoff=0.6)
        hint = f"; did you mean {' or '.join(repr(n) for n in near)}?" if near else ""
        return BadRow(line, f"unknown event {values.get('event')!r}{hint} (choose from: {', '.join(EVENTS)})")
    if not time:
        return BadRow(line, f"event {name!r} has no time")
    if name in ("status", "severity", "opened") and not value:
        return BadRow(line, f"event {name!r} needs a value ({'the severity' if name != 'status' else 'the status'})")
    if name == "opened":
        if ticket.opened is not None:
            return BadRow(line, f"the ticket is opened twice (first at line {ticket.line})")
        ticket.opened, ticket.severity, ticket.line = time, value, min(ticket.line, line)
    elif name in _FIRST_ONLY:
        if getattr(ticket, name) is None:
            setattr(ticket, name, time)
    elif name == "resolved":
        ticket.resolved.append(time)
    elif name == "reopened":
        ticket.reopened.append(time)
    elif name == "status":
        ticket.statuses.append(f"{time}={value}")
    elif name == "severity":
        ticket.changes.append(f"{time}={value}")
    elif name == "pause":
        if ticket.paused is None:
            ticket.paused = time
    elif name == "resume":
        if ticket.paused is None:
            return BadRow(line, "resume without a pause before it")
        ticket.pauses.append(f"{ticket.paused}/{time}")
        ticket.paused = None
    return None


def _row(ticket_id: str, ticket: _Ticket) -> Row | BadRow:
    if ticket.problem is not None:
        return ticket.problem
    if ticket.opened is None:
        return BadRow(ticket.line, f"ticket {ticket_id} has no opened event")
    pauses = ticket.pauses + ([f"{ticket.paused}/now"] if ticket.paused is not None else [])
    return row_of(ticket.line, {
        "provider": ticket.provider, "severity": ticket.severity, "opened": ticket.opened, "id": ticket_id,
        "plan": ticket.plan, "pauses": ";".join(pauses), "responded": ticket.responded, "mitigated": ticket.mitigated,
        "resolved": ";".join(ticket.resolved), "reopened": ";".join(ticket.reopened), "followed_up": ticket.followed_up,
        "statuses": ";".join(ticket.statuses), "severity_changes": ";".join(ticket.changes),
        "customer": ticket.customer, "reporter": ticket.reporter, "service": ticket.service,
    })
