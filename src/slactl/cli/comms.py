"""``slactl comms``: every communication the provider owes, when, where and saying what."""

from __future__ import annotations

from datetime import datetime, timezone

import click

from slactl.cli.options import complete_plan, complete_provider, complete_severity
from slactl.cli.params import argument, command, json_option
from slactl.cli.state import State

TIME = "TIME"


@command()
@argument("provider", metavar="PROVIDER", help="Provider id, e.g. conecta.", shell_complete=complete_provider)
@click.option("--severity", "-s", metavar="SEVERITY", required=True, shell_complete=complete_severity,
              help="Severity id, label or alias, e.g. total-outage, caida total.")
@click.option("--opened", "-o", metavar=TIME, required=True,
              help="When the incident was opened: ISO 8601 or now; without an offset it is the provider's local time.")
@click.option("--responded", metavar=TIME, help="When the first response was given (items owed at the response).")
@click.option("--mitigated", metavar=TIME, help="When the incident was mitigated.")
@click.option("--resolved", metavar=TIME, multiple=True,
              help="When it was resolved: recurring items stop there and resolution items get their time "
                   "(repeatable, alternating with --reopened).")
@click.option("--reopened", metavar=TIME, multiple=True, help="When a resolved incident was reopened (repeatable).")
@click.option("--followed-up", "followed_up", metavar=TIME, help="When the follow-up was done.")
@click.option("--until", metavar=TIME, help="While unresolved, list recurring items up to this time (default: 72 h after --opened).")
@click.option("--plan", metavar="PLAN", shell_complete=complete_plan,
              help="Plan (tier), e.g. enterprise; default: the policy's default plan.")
@click.option("--tz", metavar="ZONE", help="Show times in this zone instead of the provider's, e.g. UTC.")
@json_option
@click.option("--ics", metavar="FILE", help="Also write the timed items as an iCalendar file (one event with a reminder each); - writes "
                   "only the calendar, to stdout.")
@click.option("--force", is_flag=True, help="Let --ics replace an existing file.")
@click.pass_obj
def comms(state: State, provider: str, severity: str, opened: str, responded: str | None, mitigated: str | None,
          resolved: tuple[str, ...], reopened: tuple[str, ...], followed_up: str | None, until: str | None,
          plan: str | None, tz: str | None, as_json: bool, ics: str | None, force: bool) -> None:
    """Which status-page updates, bulletins, notifications and reports are owed, and when?

    \b
    Example: slactl comms conecta --severity total-outage --opened 2026-11-23T10:00
    """
    from slactl.businesstime.zones import parse_zone
    from slactl.errors import InputError
    from slactl.render import comms as render
    from slactl.sla.comms import comms as compute
    from slactl.tickets.build import FLAGS, Fields, build, instant

    if as_json and ics:
        raise InputError("--json and --ics cannot be combined: choose one output")
    clock = datetime.now(timezone.utc)
    policy = state.policies().get(provider)
    ticket = build(state.policies(), Fields(provider=policy, severity=severity, opened=opened, plan=plan,
                                            responded=responded, mitigated=mitigated, resolved=resolved,
                                            reopened=reopened, followed_up=followed_up), naming=FLAGS, now=clock)
    until_at = instant(until, policy.zone, "--until", clock) if until else None
    if until_at is not None and until_at < ticket.opened:
        raise InputError("--until is before --opened")
    if until_at is not None and ticket.resolved is not None:
        raise InputError("--until is for an unresolved incident: with --resolved the schedule ends at the resolution")
    shown = parse_zone(tz) if tz is not None else policy.zone
    if ics:
        from slactl.cli.outfile import check_output

        check_output(ics, option="--ics", force=force, protected=state.policy_files())
    agenda = compute(ticket, until=until_at)
    if as_json:
        from slactl.render.output import emit_json

        emit_json(render.agenda_json(agenda, shown))
        return
    if ics:
        from slactl.cli.outfile import open_output
        from slactl.render.ics import calendar_bytes

        with open_output(ics, option="--ics", force=force, protected=state.policy_files(), binary=True) as stream:
            stream.write(calendar_bytes(agenda, clock))
        if ics == "-":  # stdout is the calendar, and only the calendar
            return
    render.print_agenda(agenda, shown)
    if ics:
        left_out = len(agenda.untimed)
        note = f"; {left_out} item(s) without a time are not in it" if left_out else ""
        from slactl.render.output import one_line

        click.echo(f"wrote {len(agenda.timed)} event(s) to {one_line(ics)}{note}")
