"""Deadlines as JSON (the contract scripts rely on) and as a table for people."""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from typing import Any

from collections.abc import Sequence

from slactl.businesstime.zones import zone_name
from slactl.policy.target import Bound
from slactl.render.hours import hours_text
from slactl.render.output import console, iso, local, plain, table
from slactl.render.spans import compact, span
from slactl.sla.due import Deadline, Status
from slactl.tickets.model import Ticket

ZERO = timedelta(0)


def deadline_json(item: Deadline, zone: tzinfo) -> dict[str, Any]:
    """One target: the contract keys (name, due, status, left, late, ...) plus when it was done,
    whether the resolution stood in for that event (``implied``) and the share elapsed."""
    target = item.target
    return {
        "name": target.name,
        "calendar": target.calendar,
        "bound": "exact" if target.bound is Bound.EXACT else target.bound.value,
        "estimate": target.estimate,
        "earliest": iso(item.earliest, zone),
        "due": iso(item.due, zone),
        "status": item.status.value if item.status else None,
        "done": iso(item.done, zone),
        "implied": item.implied,
        "elapsed_pct": item.elapsed_pct,
        "reason": item.reason,
        "warn": str(item.warn) if item.warn else None,
        "text": target.describe(),
        "from": target.start,
        "start": iso(item.start, zone),
        "hours": hours_text(item.calendar) if item.calendar else None,
        "left": compact(item.left) if item.left is not None else None,
        "paused": item.paused,
        "met_under": item.met_under.id if item.met_under is not None else None,
        "left_seconds": int(item.left.total_seconds()) if item.left is not None else None,
        "late": compact(item.late) if item.late is not None else None,
        "late_seconds": int(item.late.total_seconds()) if item.late is not None else None,
        "late_wall": compact(item.late_wall) if item.late_wall is not None else None,
        "took": compact(item.took) if item.took is not None else None,
        "note": target.note,
        "source": target.source,
    }


def due_json(ticket: Ticket, deadlines: Sequence[Deadline], now: datetime | None, zone: tzinfo) -> dict[str, Any]:
    """``slactl due --json``."""
    return {
        "provider": ticket.policy.id,
        "plan": ticket.plan.id if ticket.plan else None,
        "severity": ticket.severity.id,
        "opened": iso(ticket.opened, zone),
        "timezone": zone_name(zone),
        "now": iso(now, zone),
        "pauses": [{"start": iso(s, zone), "end": iso(e, zone)} for s, e in ticket.pauses],
        "responded": iso(ticket.responded, zone),
        "mitigated": iso(ticket.mitigated, zone),
        "resolved": iso(ticket.resolved, zone),
        "reopened": [iso(t, zone) for t in ticket.reopened],
        "followed_up": iso(ticket.followed_up, zone),
        "severity_changes": [{"at": iso(t, zone), "severity": s.id} for t, s in ticket.severity_changes[1:]],
        "statuses": [{"at": iso(t, zone), "status": s} for t, s in ticket.statuses],
        "customer": ticket.customer.id if ticket.customer else None,
        "service": ticket.service,
        "flags": sorted(ticket.flags),
        "reporter": ticket.reporter,
        "authorised": ticket.customer.authorised(ticket.reporter) if ticket.customer else None,
        "breached": any(d.status is Status.BREACHED for d in deadlines),
        "at_risk": any(d.status is Status.AT_RISK for d in deadlines),
        "targets": [deadline_json(d, zone) for d in deadlines],
    }


def print_due(ticket: Ticket, deadlines: Sequence[Deadline], now: datetime | None, zone: tzinfo) -> None:
    """``slactl due``: a title, the ticket's history, one row per target, the calendars' hours."""
    out = console()
    policy, severity, plan = ticket.policy, ticket.severity, ticket.plan
    out.print(f"{policy.name}: {severity.id} ({severity.label})" + (f", plan {plan.id}" if plan else ""))
    out.print(f"opened {local(ticket.opened, zone, offset=True)}" + (f"; now {local(now, zone, offset=True)}" if now else "")
              + f"; times in {zone_name(zone)}")
    if ticket.customer is not None:
        authorised = ticket.customer.authorised(ticket.reporter)
        who = "" if authorised is None else (f"; reporter {ticket.reporter} is " + ("an authorised contact" if authorised
                                                                               else "NOT an authorised contact"))
        out.print(f"customer {ticket.customer.id} ({ticket.customer.name}){who}")
    for when, changed in ticket.severity_changes[1:]:
        out.print(f"severity {changed.id} from {local(when, zone)} (judged as if since the opening)")
    for start, end in ticket.pauses:
        out.print(f"paused {local(start, zone)} -> {local(end, zone)}")
    events = [(name, moment) for name, moment in (("responded", ticket.responded), ("mitigated", ticket.mitigated))
              if moment is not None]
    events += [(label, moment) for resolved, reopened in ticket.resolutions
               for label, moment in (("resolved", resolved), ("reopened", reopened)) if moment is not None]
    if ticket.followed_up is not None:
        events.append(("followed up", ticket.followed_up))
    if events:
        out.print("; ".join(f"{name} {local(moment, zone)}" for name, moment in events))
    if not deadlines:
        out.print("No targets: the policy commits to no response or resolution time here.")
        return
    judged = any(item.status is not None for item in deadlines)
    columns = ["target", "promise", "calendar", "earliest", "due"] + (["status"] if judged else [])
    grid = table(*columns)
    for item in deadlines:
        row = [item.target.name, item.target.promise() + (" (estimate)" if item.target.estimate else ""),
               _calendar(item), local(item.earliest, zone) if item.earliest else "-", _due(item, zone)]
        if judged:
            row.append(_status(item, zone))
        grid.add_row(*row)
    out.print(grid)
    calendars = {d.calendar.name: d.calendar for d in deadlines if d.calendar and not d.calendar.is_always}
    for name, calendar in calendars.items():
        elsewhere = zone_name(calendar.zone) != zone_name(zone)  # --tz: the hours are still the calendar's own
        where = f" ({zone_name(calendar.zone)} time)" if elsewhere else ""
        out.print(f"calendar {name}{where}: {hours_text(calendar)}")


def _calendar(item: Deadline) -> str:
    return item.calendar.name if item.calendar else "-"


def _due(item: Deadline, zone: tzinfo) -> str:
    if item.due is not None:
        return local(item.due, zone)
    if item.target.bound is Bound.NONE:
        return "no estimated time"
    if item.start is None:
        return f"counts from {item.target.start}: pass --{item.target.start}"
    return "no committed deadline (lower bound only)"


def _status(item: Deadline, zone: tzinfo) -> str:
    """The status in words, e.g. ``met: responded Mon 10:20 (implied by the resolution)``."""
    status = item.status
    if status is None:
        return "-"
    business = "" if item.calendar is None or item.calendar.is_always else " of business time"
    if status is Status.EXCLUDED:
        return f"excluded: {item.reason}"
    if status is Status.BREACHED:
        extra = "" if item.late == item.late_wall else f" ({span(item.late or ZERO)}{business})"
        return f"BREACHED {span(item.late_wall or ZERO, days=True)} ago{extra}"
    if status in (Status.MET, Status.WITHIN_ESTIMATE) and item.done is not None:
        word = "met" if status is Status.MET else "within the estimate"
        implied = " (implied by the resolution)" if item.implied else ""
        under = f" under the earlier severity {item.met_under.id}" if item.met_under is not None else ""
        return f"{word}{under}: done {local(item.done, zone)}{implied}"
    if status in (Status.MISSED, Status.OVER_ESTIMATE) and item.done is not None:
        word = "MISSED" if status is Status.MISSED else "over the estimate"
        implied = " (implied by the resolution)" if item.implied else ""
        return f"{word}: done {local(item.done, zone)}{implied}, {_late(item, business)}"
    if status is Status.OVER_ESTIMATE:
        return f"over the estimate by {span(item.late_wall or ZERO, days=True)} (an estimate, not a commitment)"
    if item.left is None:
        left = "not due yet"
    elif item.paused:
        left = f"clock paused, {span(item.left)}{business} left"
    else:
        left = f"due in {span(item.left)}{business}"
    if status is Status.AT_RISK:
        return f"AT RISK: {left} (warning at {item.warn})"
    if status is Status.WITHIN_ESTIMATE:
        return f"within the estimate, {left}"
    return f"pending, {left}"


def _late(item: Deadline, business: str) -> str:
    """How late: never "0 late" for a miss done after closing, before the next opening."""
    if item.late is not None and item.late.total_seconds() < 60 and item.late_wall is not None and item.late_wall > item.late:
        return f"after closing: 0 business minutes, {span(item.late_wall, days=True)} wall"
    return f"{span(item.late or ZERO)} late{business}"


_FORMULA = frozenset("=+-@\t\r")
"""What a spreadsheet evaluates when a cell starts with it (OWASP, CSV injection)."""
def _joinable(line: str) -> bool:
    """True when no cell of the joined row needs anything: no quote, nothing unprintable (the
    control characters, tab, CR and LF among them, and the invisible direction marks, which
    ``str.isprintable`` refuses in C), no cell a spreadsheet evaluates. A row with a comma in a
    cell never gets here: its comma count is off."""
    return (line[:1] not in "=+-@" and '"' not in line and line.isprintable() and ",=" not in line
            and ",+" not in line and ",-" not in line and ",@" not in line)


def _joinable_raw(line: str) -> bool:
    return '"' not in line and "\n" not in line and "\r" not in line


def _cell(value: str | None) -> str | None:
    """One CSV cell as a spreadsheet may open it: control characters escaped, a leading ``'``
    before what would be evaluated as a formula."""
    if not value:
        return value
    value = plain(value)
    return "'" + value if value[0] in _FORMULA else value


def batch_writer(stream, fmt: str, *, raw: bool = False, header: bool = True):
    """A function writing one batch row to ``stream`` as CSV (the header first, unless not
    ``header``) or JSON Lines.

    CSV cells are safe to open in a spreadsheet unless ``raw``: a cell starting with ``=``,
    ``+``, ``-``, ``@``, a tab or a carriage return, which a spreadsheet would evaluate as a
    formula, gets a leading ``'`` (OWASP's advice), and control characters are escaped
    (``render.output.plain``). Only a cell's first character matters: the ``-05:00`` inside an
    instant is left alone, and no computed cell starts with ``-``. JSON Lines are the same
    either way."""
    from slactl.batch.record import COLUMNS  # a batch's only: the single ticket's start-up stays lean
    if fmt == "csv":
        import csv

        import io

        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")  # so that a cell holding a CR is quoted too
        write, commas = stream.write, len(COLUMNS) - 1

        def write_quoted(row) -> None:
            buffer.seek(0)
            buffer.truncate()
            writer.writerow(row)
            write(buffer.getvalue()[:-2] + "\n")

        if header:
            write_quoted(COLUMNS)
        joinable = _joinable_raw if raw else _joinable

        def write_csv(row: list) -> None:
            """``writer.writerow``, joined directly when no value needs quoting or neutralising:
            one comma per separator, no quote or line break, no cell a spreadsheet evaluates, no
            control character (the csv module checks each character of a row with a call per
            character, about a sixth of a batch's time; issue 6). Rows of strings only
            (``batch_rows.Rows(blank="")``) are joined as they are."""
            try:
                line = ",".join(row)
            except TypeError:  # None in empty cells
                line = ",".join([value or "" for value in row])
            if line.count(",") == commas and joinable(line):
                write(line + "\n")
            else:
                write_quoted(row if raw else [_cell(value) for value in row])

        return write_csv
    import json

    dumps, write, columns = json.dumps, stream.write, COLUMNS

    def write_json(row: list) -> None:
        write(dumps(dict(zip(columns, row)), ensure_ascii=False) + "\n")

    return write_json
