"""The compliance report as JSON, and as rich tables with a bar chart for people."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from slactl.render.output import console, iso, local, table
from slactl.render.spans import compact, span
from slactl.sla.report import Group, Miss, Report, quantile

BAR_WIDTH = 30


def _times(group: Group) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for name in ("response", "resolution"):
        values = getattr(group, name)
        for label, q in (("median", 0.5), ("p90", 0.9)):
            value = quantile(values, q)
            found[f"{name}_{label}"] = compact(value) if value is not None else None
            found[f"{name}_{label}_seconds"] = int(value.total_seconds()) if value is not None else None
    return found


def _group_json(group: Group) -> dict[str, Any]:
    compliance = group.compliance
    return {
        "provider": group.provider, "plan": group.plan, "severity": group.severity, "tickets": group.tickets,
        **group.counts, "compliance": round(compliance, 2) if compliance is not None else None, **_times(group),
    }


def _miss_json(miss: Miss) -> dict[str, Any]:
    return {
        "id": miss.ticket, "line": miss.line, "provider": miss.provider, "plan": miss.plan,
        "severity": miss.severity, "target": miss.target, "status": "missed" if miss.done else "breached",
        "due": iso(miss.due, miss.zone), "done": iso(miss.done, miss.zone),
        "late": compact(miss.late), "late_seconds": int(miss.late.total_seconds()),
        "late_wall": compact(miss.late_wall),
    }


def report_json(report: Report, now: datetime | str, since: str | None, until: str | None, *, rows: int = 0,
                skipped: int = 0) -> dict[str, Any]:
    """``slactl report --json``; ``since`` and ``until`` as given (read in each ticket's zone),
    ``now`` an instant, or a wall time without offset (read in each ticket's zone); ``rows``
    read from the file and ``skipped`` as bad input."""
    return {
        "now": now if isinstance(now, str) else iso(now), "since": since, "until": until,
        "rows": rows, "skipped": skipped,
        "total": _group_json(report.total()),
        "groups": [_group_json(g) for g in report.groups.values()],
        "misses": [_miss_json(m) for m in report.misses],
        "misses_total": report.missed_targets,
    }


def print_report(report: Report, misses_shown: int | None) -> None:
    """``slactl report``: the compliance table, a bar per group, the first misses."""
    out = console()
    if not report.groups:
        out.print("No tickets in the period.")
        return
    grid = table("provider", "plan", "severity", "tickets", "met", "missed", "breached", "pending", "untimed",
                 "compliance", "response p50/p90", "resolution p50/p90",
                 title="SLA compliance (business time)")
    groups = sorted(report.groups.values(), key=lambda g: (g.provider, g.plan or "", g.severity))
    for group in groups + [report.total()]:
        times = _times(group)
        grid.add_row(group.provider, group.plan or "-", group.severity, str(group.tickets), str(group.counts["met"]),
                     str(group.counts["missed"]), str(group.counts["breached"]), str(group.counts["pending"]),
                     str(group.counts["untimed"]),
                     _percent(group.compliance),
                     f"{times['response_median'] or '-'}/{times['response_p90'] or '-'}",
                     f"{times['resolution_median'] or '-'}/{times['resolution_p90'] or '-'}")
    out.print(grid)
    out.print("breached: open past a due time; pending: open, nothing late; untimed: no due time. "
              "Compliance: met / (met + missed + breached).")
    out.print("Compliance")
    for group in groups:
        name = f"{group.provider} {group.plan or ''} {group.severity}".replace("  ", " ")
        out.print(f"{name:<40} {_bar(group.compliance)} {_percent(group.compliance)}")
    if report.misses:
        shown = report.misses if misses_shown is None else report.misses[:misses_shown]
        misses = table("ticket", "provider", "severity", "target", "due", "status", "late (business)", "late (wall)",
                       title=f"Misses ({report.missed_targets})")
        for miss in shown:
            misses.add_row(miss.ticket, miss.provider, miss.severity, miss.target, local(miss.due, miss.zone, offset=True),
                           "missed" if miss.done else "open, breached", span(miss.late), span(miss.late_wall, days=True))
        out.print(misses)
        if len(shown) < report.missed_targets:
            out.print(f"... {report.missed_targets - len(shown)} more (--misses 0 shows all; slactl due --input lists every ticket)")


def _bar(percent: float | None) -> str:
    if percent is None:
        return " " * BAR_WIDTH
    filled = round(percent / 100 * BAR_WIDTH)
    return "█" * filled + "░" * (BAR_WIDTH - filled)


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f}%"
