"""Deadlines as JSON (the contract scripts rely on) and as a table for people."""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import Any

from slactl.sla.due import Deadline
from slactl.render.hours import hours_text
from slactl.render.output import console, iso, local, table
from slactl.render.spans import compact, span
from slactl.policy.target import Bound


def deadline_json(item: Deadline, zone: tzinfo) -> dict[str, Any]:
    target = item.target
    return {
        "name": target.name,
        "calendar": target.calendar,
        "bound": "exact" if target.bound is Bound.EXACT else target.bound.value,
        "earliest": iso(item.earliest, zone),
        "due": iso(item.due, zone),
        "status": item.status.value if item.status else None,
        "text": target.describe(),
        "from": target.start,
        "start": iso(item.start, zone),
        "hours": hours_text(item.calendar) if item.calendar else None,
        "left": compact(item.left) if item.left is not None else None,
        "left_seconds": int(item.left.total_seconds()) if item.left is not None else None,
        "late": compact(item.late) if item.late is not None else None,
        "late_seconds": int(item.late.total_seconds()) if item.late is not None else None,
        "late_wall": compact(item.late_wall) if item.late_wall is not None else None,
        "note": target.note,
        "source": target.source,
    }


def due_json(provider: str, plan: str | None, severity: str, opened: datetime, zone: tzinfo, zone_name: str,
             deadlines: list[Deadline], now: datetime | None, pauses) -> dict[str, Any]:
    return {
        "provider": provider,
        "plan": plan,
        "severity": severity,
        "opened": iso(opened, zone),
        "timezone": zone_name,
        "now": iso(now, zone),
        "pauses": [{"start": iso(s, zone), "end": iso(e, zone)} for s, e in pauses],
        "breached": any(d.status is not None and d.status.value == "breached" for d in deadlines),
        "targets": [deadline_json(d, zone) for d in deadlines],
    }


def print_due(title: str, opened: datetime, zone: tzinfo, zone_name: str, deadlines: list[Deadline],
              now: datetime | None, pauses) -> None:
    out = console()
    out.print(title)
    out.print(f"opened {local(opened, zone, offset=True)}" + (f"; now {local(now, zone, offset=True)}" if now else "")
              + f"; times in {zone_name}")
    for start, end in pauses:
        out.print(f"paused {local(start, zone)} -> {local(end, zone)}")
    if not deadlines:
        out.print("No targets: the policy commits to no response or resolution time here.")
        return
    columns = ["target", "promise", "calendar", "earliest", "due"] + (["status"] if now else [])
    grid = table(*columns)
    for item in deadlines:
        row = [item.target.name, item.target.promise(), _calendar(item),
               local(item.earliest, zone) if item.earliest else "-", _due(item, zone)]
        if now:
            row.append(_status(item))
        grid.add_row(*row)
    out.print(grid)
    calendars = {d.calendar.name: d.calendar for d in deadlines if d.calendar and not d.calendar.is_always}
    for name, calendar in calendars.items():
        out.print(f"calendar {name}: {hours_text(calendar)}")


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


def _status(item: Deadline) -> str:
    if item.status is None:
        return "-"
    if item.status.value == "breached":
        business = "" if item.late == item.late_wall else f" ({span(item.late)} of business time)"
        return f"BREACHED {span(item.late_wall, days=True)} ago{business}"
    if item.calendar.is_always:
        return f"pending, due in {span(item.left)}"
    return f"pending, due in {span(item.left)} of business time"


BATCH_TARGETS = ("evaluation", "response", "mitigation", "resolution", "follow-up")
BATCH_FIELDS = ("due", "status", "late", "took")
BATCH_COLUMNS = ("id", "provider", "severity", "plan", "opened") + tuple(
    f"{name.replace('-', '_')}_{field}" for name in BATCH_TARGETS for field in BATCH_FIELDS
)


def batch_row(result) -> list[str | None]:
    """One ``slactl due --input`` output row (a ``batch.Result``), in ``BATCH_COLUMNS`` order.
    A target named twice is shown as its last occurrence."""
    setup, zone = result.setup, result.setup.zone
    row: list[str | None] = [result.ticket.id, setup.policy.id, setup.severity.id,
                             setup.plan.id if setup.plan else None, result.opened.astimezone(zone).isoformat()]
    row += _EMPTY_TARGETS
    for item in result.deadlines:
        at = TARGET_AT.get(item.target.name)
        if at is None:
            continue
        if item.due is None:
            row[at:at + 4] = _EMPTY_TARGET
            continue
        late, took = item.late, item.took
        row[at:at + 4] = (item.due.astimezone(zone).isoformat(), item.status.value if item.status else None,
                          compact(late) if late is not None else None, compact(took) if took is not None else None)
    return row


TARGET_AT = {name: 5 + 4 * place for place, name in enumerate(BATCH_TARGETS)}
"""The row index of each target's first column (``due``) in ``BATCH_COLUMNS``."""
_EMPTY_TARGET = (None,) * len(BATCH_FIELDS)
_EMPTY_TARGETS = [None] * (len(BATCH_FIELDS) * len(BATCH_TARGETS))


def batch_writer(stream, fmt: str):
    """A function writing one batch row to ``stream`` as CSV (header first) or JSON Lines."""
    if fmt == "csv":
        import csv

        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(BATCH_COLUMNS)
        write, commas = stream.write, len(BATCH_COLUMNS) - 1

        def write_csv(row: list) -> None:
            """``writer.writerow``, joined directly when no value needs quoting: one comma per
            separator and no quote or line break (the csv module checks each character of a
            row with a call per character, about a sixth of a batch's time; issue 6). Rows of
            strings only (``batch_rows.Rows(blank="")``) are joined as they are."""
            try:
                line = ",".join(row)
            except TypeError:  # None in empty cells
                line = ",".join([value or "" for value in row])
            if line.count(",") == commas and '"' not in line and "\n" not in line and "\r" not in line:
                write(line + "\n")
            else:
                writer.writerow(row)

        return write_csv
    import json

    dumps, write, columns = json.dumps, stream.write, BATCH_COLUMNS

    def write_json(row: list) -> None:
        write(dumps(dict(zip(columns, row)), ensure_ascii=False) + "\n")

    return write_json
