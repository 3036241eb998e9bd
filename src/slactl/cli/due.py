"""``slactl due``: every deadline of a severity, in business time, with breach checks."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Annotated, Optional

import typer

from slactl.cli import app


@app.command()
def due(
    ctx: typer.Context,
    provider: Annotated[str, typer.Argument(help="Provider id, e.g. ignus.")],
    severity: Annotated[str, typer.Option("--severity", "-s", help="Severity id, label or alias, e.g. high, alta, urgente.")],
    opened: Annotated[str, typer.Option("--opened", "-o", metavar="TIME",
                                        help="When the ticket was opened: ISO 8601 or now; without an offset it is the provider's local time.")],
    plan: Annotated[Optional[str], typer.Option("--plan", help="Plan (tier), e.g. enterprise; default: the policy's default plan.")] = None,
    pause: Annotated[Optional[list[str]], typer.Option("--pause", metavar="START/END",
                                                       help="Clock stopped in this interval (repeatable), e.g. waiting on the customer.")] = None,
    resolved: Annotated[Optional[str], typer.Option("--resolved", metavar="TIME", help="When it was resolved: starts follow-up clocks.")] = None,
    now: Annotated[Optional[str], typer.Option("--now", metavar="TIME", help="Judge each target at this instant: pending or breached.")] = None,
    check: Annotated[bool, typer.Option("--check", help="Exit 1 when any target is breached at --now (default: the current time).")] = False,
    tz: Annotated[Optional[str], typer.Option("--tz", metavar="ZONE", help="Show times in this zone instead of the provider's, e.g. UTC.")] = None,
    json: Annotated[bool, typer.Option("--json", help="Print one JSON document on stdout and nothing else.")] = False,
) -> None:
    """When is each response, mitigation and resolution due, and is anything breached?

    Example: slactl due ignus --severity high --opened 2026-11-20T18:30 --now 2026-11-23T09:00
    """
    from slactl import deadlines as engine
    from slactl.timeparse import check_pauses, parse_pause, parse_time, parse_zone, zone_name

    clock = datetime.now(timezone.utc)
    policy = ctx.obj.policies().get(provider)
    chosen_severity = policy.severity(severity)
    chosen_plan = policy.plan(plan)
    zone = policy.zone
    opened_at = parse_time(opened, zone, clock, what="--opened")
    resolved_at = parse_time(resolved, zone, clock, what="--resolved") if resolved else None
    if resolved_at is not None and resolved_at < opened_at:
        from slactl.errors import InputError

        raise InputError("--resolved is before --opened")
    pauses = check_pauses([parse_pause(p, zone, clock) for p in pause or []])
    judged_at = parse_time(now, zone, clock, what="--now") if now else (clock if check else None)
    shown_zone = parse_zone(tz) if tz else zone
    results = engine.compute(policy, chosen_severity, chosen_plan, opened_at, pauses=pauses,
                             resolved=resolved_at, now=judged_at)
    from slactl.render import due as render

    if json:
        from slactl.render.output import emit_json

        emit_json(render.due_json(policy.id, chosen_plan.id if chosen_plan else None, chosen_severity.id,
                                  opened_at, shown_zone, zone_name(shown_zone), results, judged_at, pauses))
    else:
        plan_text = f", plan {chosen_plan.id}" if chosen_plan else ""
        title = f"{policy.name}: {chosen_severity.id} ({chosen_severity.label}){plan_text}"
        render.print_due(title, opened_at, shown_zone, zone_name(shown_zone), results, judged_at, pauses)
    if check and engine.any_breached(results):
        raise typer.Exit(code=1)
