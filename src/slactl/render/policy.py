"""A policy as JSON and as rich tables (``providers``, ``show``)."""

from __future__ import annotations

from typing import Any

from slactl.policy.calendar import Calendar
from slactl.policy.communication import Communication
from slactl.policy.model import Plan, Policy
from slactl.render.output import console, table
from slactl.render.hours import hours_text, intervals_text
from slactl.policy.target import Target


def target_json(target: Target) -> dict[str, Any]:
    """One target as JSON: name, bound, calendar name, ``min``/``max`` as written (``4h``,
    ``3d``: lengths on that calendar), where its clock starts (``from``), the bound in words,
    note, seed ``source`` and ``assumption``."""
    return {
        "name": target.name, "bound": target.bound.value, "calendar": target.calendar,
        "min": str(target.earliest) if target.earliest else None,
        "max": str(target.latest) if target.latest else None,
        "from": target.start, "text": target.describe(), "note": target.note,
        "source": target.source, "assumption": target.assumption,
    }


def communication_json(item: Communication) -> dict[str, Any]:
    """One communication owed as JSON: channel, what, ``recurring``; ``when`` and ``after``
    (None at the moment itself) for a one-off, ``every`` and its calendar for a recurring one;
    ``until``, seed ``source`` and ``assumption``."""
    return {
        "channel": item.channel, "what": item.what, "recurring": item.recurring,
        "when": None if item.recurring else item.when, "after": str(item.after) if not item.after.is_zero else None,
        "every": str(item.every) if item.every else None, "until": str(item.until) if item.until else None,
        "calendar": item.calendar.name if item.calendar else None,
        "source": item.source, "assumption": item.assumption,
    }


def calendar_json(calendar: Calendar) -> dict[str, Any]:
    """A calendar with its holiday list (region, iCalendar file, adjustments) and exceptions."""
    ics = calendar.ics_holidays
    return {
        "name": calendar.name, "label": calendar.label, "hours": hours_text(calendar),
        "holidays": None if calendar.is_always else {
            "region": calendar.holidays.region if calendar.holidays else None,
            "ics": calendar.ics,
            "ics_dates": [day.isoformat() for day in ics.dates] if ics else [],
            "ics_closures": [[start.isoformat(), end.isoformat()] for start, end in ics.spans] if ics else [],
            "added": [day.isoformat() for day in calendar.holidays_added],
            "removed": [day.isoformat() for day in calendar.holidays_removed],
        },
        "closed": [day.isoformat() for day in calendar.closed],
        "exceptions": {day.isoformat(): intervals_text(walls) for day, walls in calendar.exceptions},
        "source": calendar.source, "assumption": calendar.assumption,
    }


def summary_json(policy: Policy) -> dict[str, Any]:
    """One provider for ``providers --json``: id, name, time zone, plan ids and the default
    plan, severity ids (most severe first), the default severity and the policy file."""
    return {
        "id": policy.id, "name": policy.name, "timezone": policy.zone_name,
        "plans": [p.id for p in policy.plans],
        "default_plan": policy.default_plan.id if policy.default_plan else None,
        "severities": [s.id for s in policy.severities],
        "default_severity": policy.default_severity,
        "file": policy.file,
    }


def policy_json(policy: Policy, plan: Plan | None) -> dict[str, Any]:
    """``show --json``: the summary plus source, assumptions, pause statuses, credits
    (percentages as strings), calendars, plans, each severity's targets keyed by plan id (``*``
    without plans), protocol and communications, the decision table, notes and pricing (money
    as ``"35.00"`` strings). With ``plan``, only that plan's rows and targets."""
    plans: list[Plan | None] = [plan] if plan else [*policy.plans] or [None]
    return {
        **summary_json(policy),
        "source": policy.source,
        "assumptions": list(policy.assumptions),
        "pause_statuses": list(policy.pause_statuses),
        "credits": None if policy.credits is None else {
            "tiers": [{"below": f"{tier.below.normalize():f}%", "credit": f"{tier.credit.normalize():f}%"} for tier in policy.credits.tiers],
            "per_breach": None if policy.credits.per_breach is None else f"{policy.credits.per_breach.normalize():f}%",
            "cap": None if policy.credits.cap is None else f"{policy.credits.cap.normalize():f}%",
            "source": policy.credits.source, "assumption": policy.credits.assumption},
        "beyond_quota": policy.beyond_quota,
        "calendars": [calendar_json(c) for c in policy.calendars],
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
            "evaluation_cost": None if policy.pricing.evaluation_cost is None else f"{policy.pricing.evaluation_cost:.2f}",
            "invoices": [{"id": invoice_id, "label": label} for invoice_id, label in policy.pricing.invoices],
            "source": policy.pricing.source,
        },
    }


def classification_json(policy: Policy) -> dict[str, Any]:
    """The decision table: which concepts and read facts give which severity, and why; and the
    weighed cues' model (``weighed``: the texts it was learned from and its cues, or None)."""
    from slactl.sla.classify import table_fingerprint
    from slactl.sla.cues import learned

    model = learned(policy.id, tuple(s.id for s in policy.severities), table_fingerprint(policy))
    return {
        "requires": list(policy.decisions.requires),
        "weighed": {"texts": model[0], "cues": model[1]} if model else None,
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
    from slactl.sla.classify import table_fingerprint
    from slactl.sla.cues import learned

    model = learned(policy.id, tuple(s.id for s in policy.severities), table_fingerprint(policy))
    if model is not None:
        out.print(f"weighed cues: a model learned from {model[0]:,} labelled reports ({model[1]:,} cues) weighs the "
                  f"text with the table's answer, and decides when it agrees or gives another severity with "
                  f"probability 0.5 or more" + (", and names the severity a missing environment would give at "
                                                 "probability 0.8 or more" if policy.decisions.requires else "")
                  + " (docs/classification.md)", markup=False)


def _targets(policy: Policy, severity, plan: Plan | None) -> tuple[Target, ...]:
    from slactl.errors import InputError

    try:
        return policy.targets(severity, plan)
    except InputError:
        return severity.targets


def print_providers(policies) -> None:
    """Print ``providers``: one row per policy of ``policies`` (any iterable of ``Policy``):
    id, name, time zone, plans (the default starred), severities most severe first."""
    policies = list(policies)
    out = console()
    grid = table("id", "name", "time zone", "plans", "severities (most severe first)")
    for p in policies:
        plans = ", ".join(f"{x.id}*" if x.default else x.id for x in p.plans) or "-"
        grid.add_row(p.id, p.name, p.zone_name, plans, ", ".join(s.id for s in p.severities))
    out.print(grid)
    if any(x.default for p in policies for x in p.plans):
        out.print("* default plan")


def print_policy(policy: Policy, plan: Plan | None) -> None:
    """Print ``show``: source and assumptions, calendars with their dated exceptions and
    holiday overrides, plans, targets per plan and severity, the decision table, communications
    and protocol, notes, pause statuses, what lies beyond the ticket quota, and service
    credits. With ``plan``, only that plan's rows and targets."""
    out = console()
    out.print(f"{policy.name} ({policy.id}) - time zone {policy.zone_name} - source {policy.source}")
    for assumption in policy.assumptions:
        out.print(f"  assumption: {assumption}")
    calendars = table("calendar", "hours", title="Calendars")
    for calendar in policy.calendars:
        calendars.add_row(calendar.name, hours_text(calendar) + (f"\n(assumption: {calendar.assumption})" if calendar.assumption else ""))
    out.print(calendars)
    dated = _dated_rows(policy)
    if dated:
        grid = table("calendar", "date", "hours", "why", title="Exceptions and holiday overrides")
        for row in dated:
            grid.add_row(*row)
        out.print(grid)
    if policy.plans:
        plans = table("plan", "label", "calendar", "contacts", "tickets/year", "channels", title="Plans")
        for p in policy.plans:
            if plan is None or p is plan:
                plans.add_row(p.id + (" (default)" if p.default else ""), p.label, p.calendar or "-",
                              _dash(p.contacts), _dash(p.tickets_per_year), ", ".join(p.channels) or "-")
        out.print(plans)
    shown: list[Plan | None] = [plan] if plan else [*policy.plans] or [None]
    targets = table(*(["plan"] if policy.plans else []), "severity", "label", "target", "bound", "calendar",
                    title="Targets (severities most severe first)")
    for shown_plan in shown:
        for s in policy.severities:
            rows = _targets(policy, s, shown_plan) or ()
            if not rows:
                targets.add_row(*([shown_plan.id] if shown_plan else []), s.id, s.label, "-", "no targets", "-")
            for t in rows:
                targets.add_row(*([shown_plan.id] if shown_plan else []), s.id, s.label, t.name, t.promise(), t.calendar or "-")
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
    if policy.pause_statuses:
        out.print(f"clocks stop while a ticket is {' or '.join(policy.pause_statuses)}")
    if policy.beyond_quota:
        out.print(f"beyond the yearly ticket quota: {policy.beyond_quota}")
    if policy.credits is None:
        out.print("service credits: none published (a customers file may define them; see docs/contracts.md)")
    else:
        tiers = ", ".join(f"below {t.below.normalize():f}%: {t.credit.normalize():f}%" for t in policy.credits.tiers)
        out.print(f"service credits: {tiers or 'no tiers'}"
                  + (f"; {policy.credits.per_breach.normalize():f}% per breach" if policy.credits.per_breach is not None else "")
                  + (f"; at most {policy.credits.cap.normalize():f}%" if policy.credits.cap is not None else ""))


def _dated_rows(policy: Policy) -> list[tuple[str, str, str, str]]:
    """One row per date a calendar treats specially: exceptions, added and removed holidays,
    and what its iCalendar file closes (timed closures shown in the policy's zone)."""
    rows = []
    for calendar in policy.calendars:
        dated = [(day.isoformat(), intervals_text(walls), "exception: hours of its own" if walls else "exception: closed")
                 for day, walls in calendar.exceptions]
        dated += [(day.isoformat(), "closed", "holiday added") for day in calendar.holidays_added]
        dated += [(day.isoformat(), "weekly hours", "holiday removed: worked") for day in calendar.holidays_removed]
        if calendar.ics_holidays is not None:
            source = f"holiday in {calendar.ics}"
            dated += [(day.isoformat(), "closed", source) for day in calendar.ics_holidays.dates]
            dated += [(*_closure(calendar, start, end), f"timed {source}") for start, end in calendar.ics_holidays.spans]
        rows += [(calendar.name, day, hours, why) for day, hours, why in sorted(dated)]
    return rows


def _closure(calendar: Calendar, start, end) -> tuple[str, str]:
    """``("2026-11-27", "closed 14:00-19:00")`` in the calendar's zone (floating times are its own)."""
    start, end = (t.astimezone(calendar.zone) if t.tzinfo else t for t in (start, end))
    until = end.strftime("%H:%M") if end.date() == start.date() else end.strftime("%Y-%m-%d %H:%M")
    return start.date().isoformat(), f"closed {start.strftime('%H:%M')}-{until}"


def _when(item: Communication) -> str:
    if item.recurring:
        counted = f" of {item.calendar.name} time" if item.calendar and not item.calendar.is_always else ""
        return f"every {item.every}{counted} while unresolved"
    text = f"at {item.when}" if item.after.is_zero else f"{item.after} after {item.when}"
    return text + (f", for {item.until}" if item.until else "")


def _dash(value) -> str:
    return "-" if value is None else str(value)
