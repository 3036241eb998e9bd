"""A policy as JSON and as rich tables (``providers``, ``show``)."""

from __future__ import annotations

from typing import Any

from slactl.policy.communication import Communication
from slactl.policy.model import Plan, Policy
from slactl.render.output import console, table
from slactl.render.hours import hours_text
from slactl.policy.target import Target


def target_json(target: Target) -> dict[str, Any]:
    return {
        "name": target.name, "bound": target.bound.value, "calendar": target.calendar,
        "min": str(target.earliest) if target.earliest else None,
        "max": str(target.latest) if target.latest else None,
        "from": target.start, "text": target.describe(), "note": target.note,
        "source": target.source, "assumption": target.assumption,
    }


def communication_json(item: Communication) -> dict[str, Any]:
    return {
        "channel": item.channel, "what": item.what, "recurring": item.recurring,
        "when": None if item.recurring else item.when, "after": str(item.after) if not item.after.is_zero else None,
        "every": str(item.every) if item.every else None, "until": str(item.until) if item.until else None,
        "source": item.source, "assumption": item.assumption,
    }


def summary_json(policy: Policy) -> dict[str, Any]:
    return {
        "id": policy.id, "name": policy.name, "timezone": policy.zone_name,
        "plans": [p.id for p in policy.plans],
        "default_plan": policy.default_plan.id if policy.default_plan else None,
        "severities": [s.id for s in policy.severities],
        "default_severity": policy.default_severity,
        "file": policy.file,
    }


def policy_json(policy: Policy, plan: Plan | None) -> dict[str, Any]:
    plans = [plan] if plan else list(policy.plans) or [None]
    return {
        **summary_json(policy),
        "source": policy.source,
        "assumptions": list(policy.assumptions),
        "calendars": [
            {"name": c.name, "label": c.label, "hours": hours_text(c), "source": c.source, "assumption": c.assumption}
            for c in policy.calendars
        ],
        "plans": [
            {"id": p.id, "label": p.label, "default": p.default, "calendar": p.calendar, "contacts": p.contacts,
             "tickets_per_year": p.tickets_per_year, "channels": list(p.channels), "source": p.source,
             "assumption": p.assumption}
            for p in policy.plans if plan is None or p is plan
        ],
        "severities": [
            {
                "id": s.id, "label": s.label, "aliases": list(s.aliases), "description": s.description,
                "source": s.source,
                "targets": {
                    (p.id if p else "*"): [target_json(t) for t in _targets(policy, s, p)] for p in plans
                },
                "protocol": list(policy.protocol_for(s)),
                "communications": [communication_json(c) for c in policy.communications_for(s)],
            }
            for s in policy.severities
        ],
        "classification": classification_json(policy),
        "notes": [{"text": n.text, "source": n.source, "severities": list(n.severities) or None} for n in policy.notes],
        "pricing": None if policy.pricing is None else {
            "currency": policy.pricing.currency, "express_rate": f"{policy.pricing.express_rate:.2f}",
            "on_demand_rate": None if policy.pricing.on_demand_rate is None else f"{policy.pricing.on_demand_rate:.2f}",
            "guarantee_hours": {"min": policy.pricing.guarantee.min, "default": policy.pricing.guarantee.default,
                                "max": policy.pricing.guarantee.max},
        },
    }


def classification_json(policy: Policy) -> dict[str, Any]:
    """The decision table: which concepts and read facts give which severity, and why."""
    return {
        "requires": list(policy.decisions.requires),
        "table": [{"severity": row.severity, "concepts": list(row.concepts) or None,
                   "when": {fact: list(values) for fact, values in row.when}, "label": row.label,
                   "source": row.source, "assumption": row.assumption} for row in policy.decisions.rows],
    }


def print_classification_table(out, policy: Policy) -> None:
    """The decision table, most severe severity first, each row with its seed sentence."""
    if not policy.decisions.rows:
        return
    title = "Classification (shared lexicon -> severity; the most severe row that holds wins)"
    grid = table("severity", "concepts", "facts", "seed sentence", title=title)
    order = [s.id for s in policy.severities]
    for row in sorted(policy.decisions.rows, key=lambda r: order.index(r.severity) if r.severity in order else len(order)):
        facts = "; ".join(f"{fact}: {', '.join(values)}" for fact, values in row.when) or "-"
        seed = row.source or "-"
        if row.assumption:
            seed += f"\n(assumption: {row.assumption})"
        grid.add_row(row.severity, ", ".join(row.concepts) or "any", facts, seed)
    out.print(grid)
    for fact in policy.decisions.requires:
        out.print(f"requires {fact}: without it, classify names no severity but what each value would give")


def _targets(policy: Policy, severity, plan: Plan | None) -> tuple[Target, ...]:
    from slactl.errors import InputError

    try:
        return policy.targets(severity, plan)
    except InputError:
        return severity.targets


def print_providers(policies) -> None:
    out = console()
    grid = table("id", "name", "time zone", "plans", "severities (most severe first)")
    for p in policies:
        plans = ", ".join(f"{x.id}*" if x.default else x.id for x in p.plans) or "-"
        grid.add_row(p.id, p.name, p.zone_name, plans, ", ".join(s.id for s in p.severities))
    out.print(grid)
    if any(x.default for p in policies for x in p.plans):
        out.print("* default plan")


def print_policy(policy: Policy, plan: Plan | None) -> None:
    out = console()
    out.print(f"{policy.name} ({policy.id}) - time zone {policy.zone_name} - source {policy.source}")
    for assumption in policy.assumptions:
        out.print(f"  assumption: {assumption}")
    calendars = table("calendar", "hours", title="Calendars")
    for calendar in policy.calendars:
        calendars.add_row(calendar.name, hours_text(calendar) + (f"\n(assumption: {calendar.assumption})" if calendar.assumption else ""))
    out.print(calendars)
    if policy.plans:
        plans = table("plan", "label", "calendar", "contacts", "tickets/year", "channels", title="Plans")
        for p in policy.plans:
            if plan is None or p is plan:
                plans.add_row(p.id + (" (default)" if p.default else ""), p.label, p.calendar or "-",
                              _dash(p.contacts), _dash(p.tickets_per_year), ", ".join(p.channels) or "-")
        out.print(plans)
    shown = [plan] if plan else list(policy.plans) or [None]
    targets = table(*(["plan"] if policy.plans else []), "severity", "label", "target", "bound", "calendar",
                    title="Targets (severities most severe first)")
    for p in shown:
        for s in policy.severities:
            rows = _targets(policy, s, p) or ()
            if not rows:
                targets.add_row(*([p.id] if p else []), s.id, s.label, "-", "no targets", "-")
            for t in rows:
                targets.add_row(*([p.id] if p else []), s.id, s.label, t.name, t.promise(), t.calendar or "-")
    out.print(targets)
    print_classification_table(out, policy)
    for s in policy.severities:
        comms = policy.communications_for(s)
        if comms:
            grid = table("channel", "when", "what", title=f"Communications: {s.id}")
            for c in comms:
                grid.add_row(c.channel, _when(c), c.what)
            out.print(grid)
    for s in policy.severities:
        steps = policy.protocol_for(s)
        if steps and (s.protocol or s is policy.severities[0]):
            title = f"Protocol: {s.id}" if s.protocol else "Protocol (every severity)"
            out.print(title)
            for number, step in enumerate(steps, 1):
                out.print(f"  {number}. {step}")
    for note in policy.notes:
        out.print(f"note: {note.text}")


def _when(item: Communication) -> str:
    if item.recurring:
        return f"every {item.every} while unresolved"
    text = f"at {item.when}" if item.after.is_zero else f"{item.after} after {item.when}"
    return text + (f", for {item.until}" if item.until else "")


def _dash(value) -> str:
    return "-" if value is None else str(value)
