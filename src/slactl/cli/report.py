"""``slactl report``: SLA compliance over a ticket export."""

from __future__ import annotations

import sys
from datetime import datetime, timezone

import click

from slactl.cli.params import argument, command, json_option
from slactl.cli.state import State


@command()
@argument("file", metavar="FILE", help="Ticket export: CSV with a header or JSON Lines (see docs/batch.md); - is stdin.")
@click.option("--since", metavar="TIME", help="Only tickets opened at or after this instant (without an offset: in each ticket's provider zone).")
@click.option("--until", metavar="TIME", help="Only tickets opened before this instant (the same rule).")
@click.option("--now", metavar="TIME", help="Judge open tickets at this instant (default: the current time; the same rule).")
@click.option("--misses", metavar="N", type=click.IntRange(min=0), default=20, show_default=True,
              help="Show at most N misses in the table (0: all).")
@click.option("--fail-under", "fail_under", metavar="PCT", type=click.FloatRange(0, 100),
              help="Exit 1 when the overall compliance is below PCT percent (for CI).")
@json_option
@click.pass_obj
def report(state: State, file: str, since: str | None, until: str | None, now: str | None, misses: int,
           fail_under: float | None, as_json: bool) -> None:
    """Who met the contract: per provider, plan and severity, met, missed, open and breached, compliance, times.

    \b
    Example: slactl report tickets.csv --since 2026-11-01 --until 2026-12-01 --now 2026-12-01
    """
    from slactl.batch.runner import Batch
    from slactl.cli import say, ticket_input
    from slactl.errors import InputError
    from slactl.render import report as render
    from slactl.sla import report as compliance
    from slactl.tickets import read
    from slactl.tickets.times import read_time

    clock = datetime.now(timezone.utc)
    for name, text in (("--since", since), ("--until", until), ("--now", now)):
        if text:
            read_time(text, timezone.utc, what=name, now=clock)  # a bad value is refused before reading the file
    if since and until and read_time(since, timezone.utc, what="--since", now=clock) > read_time(until, timezone.utc, what="--until", now=clock):
        raise InputError("--since is after --until")
    policies = state.policies()
    name = "<stdin>" if file == "-" else file
    bad = 0
    with ticket_input(file) as (lines, _, fmt):
        def good():
            nonlocal bad
            for item in Batch(policies, clock, now).run(read.read(lines, fmt)):
                if isinstance(item, read.BadRow):
                    bad += 1
                    say(f"{name}:{item.line}: {item.message}")
                else:
                    yield item

        built = compliance.build(good(), since=since, until=until, clock=clock, keep_misses=misses or None)
    judged = read_time(now, timezone.utc, what="--now", now=clock) if now else clock
    if as_json:
        from slactl.render.output import emit_json

        emit_json(render.report_json(built, judged, since, until))
    else:
        render.print_report(built, misses or None)
    compliance_pct = built.total().compliance
    if bad:
        print(f"slactl: error: {bad} rows skipped (bad input)", file=sys.stderr)
    if fail_under is not None and compliance_pct is not None and compliance_pct < fail_under:
        print(f"slactl: error: compliance {compliance_pct:.1f}% is below --fail-under {fail_under:g}%", file=sys.stderr)
    if bad or (fail_under is not None and compliance_pct is not None and compliance_pct < fail_under):
        raise click.exceptions.Exit(1)
