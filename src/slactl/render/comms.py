"""The communications agenda as JSON (the contract scripts rely on) and as a table for people."""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from slactl.policy.communication import Communication
from slactl.sla.comms import Agenda, Owed
from slactl.businesstime.zones import zone_name
from slactl.render.output import console, iso, local, table


def rule(communication: Communication, owed: Owed | None = None, *, reopened: bool = False) -> str:
    """Why it is owed then, in words: ``every 4h from the opening (#3)``, ``at resolution``;
    a recurring item counts from the reopening when ``owed`` is in a later open period (or,
    without ``owed``, when ``reopened``)."""
    if communication.every is not None:
        calendar = communication.calendar
        if communication.every.end_of_day:
            zone = zone_name(calendar.zone) if calendar is not None else "the policy's zone"
            text = f"at each midnight ({zone}) while unresolved"
        elif calendar is not None and not calendar.is_always:
            text = f"every {communication.every} of {calendar.name} time after the previous one"
        else:
            text = f"every {communication.every} from the {'reopening' if (owed.period > 1 if owed else reopened) else 'opening'}"
        return text + (f" (#{owed.index})" if owed and owed.index else "")
    moment = {"opened": "the opening", "resolved": "resolution"}.get(communication.when)
    if moment is None:
        moment = f"the {communication.when} deadline"
        deadline = owed.deadline if owed else None
        if deadline is not None:
            where = f", {deadline.target.calendar} calendar" if deadline.target.calendar else ""
            moment += f" ({deadline.target.describe()}{where})"
        if communication.after.is_zero and communication.until is None:
            return f"by {moment}"
    if not communication.after.is_zero:
        start = f"{communication.after} after {moment}"
    else:
        start = f"at {moment}"
    undone = " (undone by a reopening)" if owed is not None and owed.undone else ""
    if communication.until is not None:
        if communication.after.is_zero:
            return f"during the {communication.until} after {moment}{undone}"
        return f"during {communication.until} from {start}{undone}"
    return start + undone


def owed_json(item: Owed, zone: tzinfo) -> dict[str, Any]:
    """One owed communication as JSON (the contract scripts rely on), times in ``zone``."""
    communication = item.communication
    return {
        "at": iso(item.at, zone),
        "channel": item.channel,
        "what": item.what,
        "recurring": item.recurring,
        "until": iso(item.until, zone),
        "index": item.index,
        "period": item.period,
        "undone": item.undone,
        "when": None if communication.recurring else communication.when,
        "after": None if communication.after.is_zero else str(communication.after),
        "every": str(communication.every) if communication.every else None,
        "rule": rule(communication, item),
        "reason": item.reason,
        "source": communication.source,
        "assumption": communication.assumption,
    }


def agenda_json(agenda: Agenda, zone: tzinfo) -> dict[str, Any]:
    """``slactl comms --json``."""
    return {
        "provider": agenda.policy.id,
        "plan": agenda.plan.id if agenda.plan else None,
        "severity": agenda.severity.id,
        "label": agenda.severity.label,
        "opened": iso(agenda.opened, zone),
        "resolved": iso(agenda.resolved, zone),
        "until": iso(agenda.horizon, zone),
        "open_ended": agenda.open_ended,
        "timezone": zone_name(zone),
        "communications": [owed_json(item, zone) for item in agenda.items],
    }


def print_agenda(agenda: Agenda, zone: tzinfo) -> None:
    """``slactl comms``: the title, one row per item with why it is owed then, and the sources."""
    out = console()
    policy, severity = agenda.policy, agenda.severity
    plan = f", plan {agenda.plan.id}" if agenda.plan else ""
    out.print(f"{policy.name}: communications for {severity.id} ({severity.label}){plan}")
    state = (f"resolved {local(agenda.resolved, zone, offset=True)}" if agenda.resolved
             else "unresolved")
    out.print(f"opened {local(agenda.opened, zone, offset=True)}; {state}; times in {zone_name(zone)}")
    if not agenda.items:
        out.print("The policy lists no communications for this severity.")
        return
    grid = table("when", "channel", "what", "why then")
    for item in agenda.items:
        grid.add_row(_when(item, zone), item.channel, item.what, rule(item.communication, item))
    out.print(grid)
    if agenda.open_ended:
        recurring = [c for c in policy.communications_for(severity) if c.recurring]
        reopened = any(item.period > 1 for item in agenda.items)
        names = "; ".join(f"{c.channel} {rule(c, reopened=reopened)}" for c in recurring)
        out.print(f"Open-ended: the incident is unresolved, so the recurring items go on until it is resolved "
                  f"({names}); listed up to {local(agenda.horizon, zone) if agenda.horizon else '-'} (change with --until).")
    if agenda.untimed:
        out.print(f"{len(agenda.untimed)} item(s) have no time yet: the 'when' column says why.")
    out.print("Sources:")
    for communication in policy.communications_for(severity):
        text = f"  {communication.channel}, {rule(communication)}: {_quoted(communication.source)}"
        if communication.assumption:
            text += f" (assumption: {communication.assumption})"
        out.print(text)


def _when(item: Owed, zone: tzinfo) -> str:
    if item.at is None:
        return item.reason or "-"
    text = local(item.at, zone)
    if item.until is not None:
        text += f" -> {local(item.until, zone)}"
    return text


def _quoted(source: str | None) -> str:
    return f"“{source}”" if source else "no source quoted"
