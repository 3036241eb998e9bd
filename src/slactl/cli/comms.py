"""``slactl comms``: every communication the provider owes, when, where and saying what."""

from __future__ import annotations

import os
from datetime import datetime, timezone
from typing import Annotated, Optional

import typer

from slactl.cli import app
from slactl.cli.options import complete_plan, complete_provider, complete_severity
from slactl.errors import InputError


@app.command()
def comms(
    ctx: typer.Context,
    provider: Annotated[str, typer.Argument(help="Provider id, e.g. conecta.", autocompletion=complete_provider)],
    severity: Annotated[str, typer.Option("--severity", "-s", help="Severity id, label or alias, e.g. total-outage, caida total.", autocompletion=complete_severity)],
    opened: Annotated[str, typer.Option("--opened", "-o", metavar="TIME",
                                        help="When the incident was opened: ISO 8601 or now; without an offset it is the provider's local time.")],
    resolved: Annotated[Optional[str], typer.Option("--resolved", metavar="TIME",
                                                    help="When it was resolved: recurring items stop there and resolution items get their time.")] = None,
    until: Annotated[Optional[str], typer.Option("--until", metavar="TIME",
                                                 help="While unresolved, list recurring items up to this time (default: 72 h after --opened).")] = None,
    plan: Annotated[Optional[str], typer.Option("--plan", help="Plan (tier), e.g. enterprise; default: the policy's default plan.", autocompletion=complete_plan)] = None,
    tz: Annotated[Optional[str], typer.Option("--tz", metavar="ZONE", help="Show times in this zone instead of the provider's, e.g. UTC.")] = None,
    json: Annotated[bool, typer.Option("--json", help="Print one JSON document on stdout and nothing else.")] = False,
    ics: Annotated[Optional[str], typer.Option("--ics", metavar="FILE",
                                               help="Also write the timed items as an iCalendar file (one event with a reminder each).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Let --ics replace an existing file.")] = False,
) -> None:
    """Which status-page updates, bulletins, notifications and reports are owed, and when?

    \b
    Example: slactl comms conecta --severity total-outage --opened 2026-11-23T10:00
    """
    from slactl.sla import comms as engine
    from slactl.cli.ticket import ticket

    if json and ics:
        raise InputError("--json and --ics cannot be combined: choose one output")
    clock = datetime.now(timezone.utc)
    asked = ticket(ctx.obj.policies(), provider, severity, plan, opened, resolved, tz, clock)
    until_at = asked.time(until, clock, "--until") if until else None
    if until_at is not None and until_at < asked.opened:
        raise InputError("--until is before --opened")
    if until_at is not None and asked.resolved is not None:
        raise InputError("--until is for an unresolved incident: with --resolved the schedule ends at the resolution")
    shown_zone, shown_name = asked.shown_zone, asked.shown_zone_name
    if ics and os.path.exists(ics) and not force:
        raise InputError(f"{ics} already exists; pass --force to replace it")
    agenda = engine.schedule(asked.policy, asked.severity, asked.plan, asked.opened, resolved=asked.resolved, until=until_at)
    from slactl.render import comms as render

    if json:
        from slactl.render.output import emit_json

        emit_json(render.agenda_json(agenda, shown_zone, shown_name))
        return
    if ics:
        from slactl.render.ics import calendar_bytes
        from slactl.cli.outfile import open_output

        with open_output(ics, force=force, binary=True) as stream:
            stream.write(calendar_bytes(agenda, clock))
    render.print_agenda(agenda, shown_zone, shown_name)
    if ics:
        left_out = len(agenda.untimed)
        note = f"; {left_out} item(s) without a time are not in it" if left_out else ""
        typer.echo(f"wrote {len(agenda.timed)} event(s) to {ics}{note}")
