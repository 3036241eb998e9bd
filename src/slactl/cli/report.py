"""``slactl report``: SLA compliance over a ticket export."""

from __future__ import annotations

import sys
from datetime import datetime, timedelta, timezone
from typing import Any

import click

from slactl.cli.params import argument, command, json_option
from slactl.cli.exports import export_options, read_options
from slactl.cli.state import State


def _a_number(ctx: click.Context, param: click.Parameter, value: str | None) -> float | None:
    """A percentage from 0 to 100, ``95`` or ``95%`` (as ``--warn 75%`` is written); ``nan``
    is refused: it passes a range check (nan compares false) and would never fail."""
    if value is None:
        return None
    text = value.strip().removesuffix("%").strip()
    try:
        number = float(text) if text.isascii() else float("nan")
    except ValueError:
        number = float("nan")
    if number != number or not 0 <= number <= 100:
        raise click.BadParameter(f"{value!r} is not a percentage from 0 to 100 (e.g. 95 or 95%)", ctx, param)
    return number


@command()
@argument("file", metavar="FILE", help="Ticket export: CSV with a header, JSON Lines or a JSON array (docs/batch.md; a "
                                       "help desk's export with --preset: docs/exports.md); - is stdin.")
@click.option("--since", metavar="TIME", help="Only tickets opened at or after this instant (without an offset: in each ticket's provider zone).")
@click.option("--until", metavar="TIME", help="Only tickets opened before this instant (the same rule).")
@click.option("--now", metavar="TIME", help="Judge open tickets at this instant (default: the current time; the same rule).")
@click.option("--misses", metavar="N", type=click.IntRange(min=0), default=20, show_default=True,
              help="Show at most N misses in the table (0: all).")
@click.option("--fail-under", "fail_under", metavar="PCT", callback=_a_number,
              help="Exit 1 when the overall compliance is below PCT percent (for CI).")
@json_option
@export_options(plan=True)
@click.pass_obj
def report(state: State, file: str, since: str | None, until: str | None, now: str | None, misses: int,
           fail_under: float | None, as_json: bool, **export: Any) -> None:
    """Who met the contract: per provider, plan and severity, met, missed, open and breached, compliance, times.

    \b
    Example: slactl report incident_event_log.csv --preset servicenow --provider ignus --now 2016-07-01
    """
    from slactl.cli.tickets_input import judged_tickets, skipped
    from slactl.errors import InputError
    from slactl.render import report as render
    from slactl.sla import report as compliance
    from slactl.tickets.times import read_time

    clock = datetime.now(timezone.utc)
    for name, text in (("--since", since), ("--until", until), ("--now", now)):
        if text:
            read_time(text, timezone.utc, what=name, now=clock)  # a bad value is refused before reading the file
    if since and until and read_time(since, timezone.utc, what="--since", now=clock) > read_time(until, timezone.utc, what="--until", now=clock):
        raise InputError("--since is after --until")
    with judged_tickets(state, file, now, clock, read_options(**export)) as (results, bad_rows):
        built = compliance.build(results, since=since, until=until, clock=clock, keep_misses=misses or None)
    bad, rows = bad_rows
    instant = read_time(now, timezone.utc, what="--now", now=clock) if now else clock
    judged: datetime | str = instant
    if now and instant != read_time(now, timezone(timedelta(hours=1)), what="--now", now=clock):
        judged = instant.replace(tzinfo=None).isoformat()  # a wall time, read in each ticket's zone as since/until
    if as_json:
        from slactl.render.output import emit_json

        emit_json(render.report_json(built, judged, since, until, rows=rows, skipped=bad))
    else:
        render.print_report(built, misses or None)
    compliance_pct = built.total().compliance
    if bad:
        print(skipped(bad, rows), file=sys.stderr)
    if fail_under is not None and compliance_pct is not None and compliance_pct < fail_under:
        print(f"slactl: error: compliance {compliance_pct:.1f}% is below --fail-under {fail_under:g}%", file=sys.stderr)
    if bad or (fail_under is not None and compliance_pct is not None and compliance_pct < fail_under):
        raise click.exceptions.Exit(1)
