"""``slactl credits``: the service credits a month's SLA compliance earns each customer."""

from __future__ import annotations

import re
import sys
from datetime import date, datetime, timezone

import click

from slactl.cli.params import argument, command, json_option
from slactl.cli.state import State


@command()
@argument("file", metavar="TICKETS", help="Ticket file with a customer column (see docs/contracts.md); - is stdin.")
@click.option("--month", metavar="YYYY-MM", required=True, help="The month: tickets opened in it (each provider's local dates).")
@click.option("--now", metavar="TIME", help="Judge open tickets at this instant (default: the current time; "
                                            "without an offset, in each ticket's provider zone).")
@json_option
@click.pass_obj
def credits(state: State, file: str, month: str, now: str | None, as_json: bool) -> None:
    """Service credits per customer for a month: compliance, breaches, the tier, the credit (needs --customers).

    \b
    Example: slactl --customers customers.yaml credits tickets.csv --month 2026-11 --now 2026-12-01
    """
    from slactl.cli.tickets_input import judged_tickets, skipped
    from slactl.errors import InputError
    from slactl.render import credits as render
    from slactl.sla.credits import credits as compute
    from slactl.tickets.times import read_time

    found = re.fullmatch(r"([0-9]{4})-([0-9]{2})", month.strip())
    if not found or not 1 <= int(found.group(2)) <= 12 or not 1900 <= int(found.group(1)) <= 9999:
        raise InputError(f"bad --month {month!r}: write YYYY-MM from 1900-01, e.g. 2026-11")
    first = date(int(found.group(1)), int(found.group(2)), 1)
    clock = datetime.now(timezone.utc)
    if now:
        read_time(now, timezone.utc, what="--now", now=clock)
    with judged_tickets(state, file, now, clock) as (results, bad):
        months = compute(((result.ticket, result.deadlines) for result in results), first)
    if as_json:
        from slactl.render.output import emit_json

        emit_json(render.credits_json(months))
    else:
        render.print_credits(months)
    if bad[0]:
        print(skipped(*bad), file=sys.stderr)
        raise click.exceptions.Exit(1)
