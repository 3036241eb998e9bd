"""An agenda as an RFC 5545 calendar: one VEVENT with a reminder per timed communication.

Pure: agenda in, bytes out (writing the file is the CLI's job). Times are written in UTC.
UIDs depend only on the incident (provider, plan, severity, opening) and the item's place in
the policy, so importing a refreshed schedule updates the events instead of duplicating them.
Items without an instant (owed at a resolution not yet known) are left out.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from icalendar import Alarm, Calendar, Event

from slactl.sla.comms import Agenda, Owed
from slactl.render.comms import rule

POINT_LENGTH = timedelta(minutes=15)
REMINDER = timedelta(minutes=-15)


def calendar_bytes(agenda: Agenda, stamp: datetime) -> bytes:
    """The iCalendar file; ``stamp`` (aware) is the DTSTAMP of every event."""
    calendar = Calendar()
    calendar.add("prodid", "-//slactl//comms//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"{agenda.policy.name} {agenda.severity.id}: communications")
    for item in agenda.timed:
        calendar.add_component(_event(agenda, item, stamp))
    return calendar.to_ical()


def _event(agenda: Agenda, item: Owed, stamp: datetime) -> Event:
    assert item.at is not None  # only timed items become events
    summary = f"[{item.channel}] {agenda.policy.name} {agenda.severity.id}: {item.what}"
    event = Event()
    event.add("uid", _uid(agenda, item))
    event.add("dtstamp", stamp.astimezone(timezone.utc))
    event.add("dtstart", item.at.astimezone(timezone.utc))
    if item.until is not None:
        event.add("dtend", item.until.astimezone(timezone.utc))
    else:
        event.add("duration", POINT_LENGTH)
    event.add("summary", summary)
    event.add("description", _description(item, rule(item.communication, item)))
    event.add("categories", [item.channel])
    event.add("transp", "TRANSPARENT")
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", REMINDER)
    alarm.add("description", summary)
    event.add_component(alarm)
    return event


def _description(item: Owed, why: str) -> str:
    lines = [item.what, f"Owed {why}."]
    if item.communication.source:
        lines.append(f"Source: “{item.communication.source}”")
    if item.communication.assumption:
        lines.append(f"Assumption: {item.communication.assumption}")
    return "\n".join(lines)


def _uid(agenda: Agenda, item: Owed) -> str:
    opened = agenda.opened.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    plan = f"{agenda.plan.id}." if agenda.plan else ""
    again = f".r{item.period}" if not item.recurring and item.period > 1 else ""  # a resolution after a reopening
    return f"{agenda.policy.id}.{plan}{agenda.severity.id}.{opened}.{item.order}.{item.index or 0}{again}@slactl"
