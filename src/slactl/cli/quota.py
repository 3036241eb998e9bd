"""``slactl quota``: each customer's yearly ticket quota, used and left."""

from __future__ import annotations

import sys
from datetime import datetime, timezone

import click

from slactl.cli.params import argument, command, json_option
from slactl.cli.state import State


@command()
@argument("file", metavar="TICKETS", help="Ticket file with a customer column (see docs/contracts.md); - is stdin.")
@click.option("--year", type=click.IntRange(1900, 9998), metavar="YYYY", help="Only the quota years that start in YYYY.")
@click.option("--check", is_flag=True, help="Exit 1 when any customer is over its quota.")
@json_option
@click.pass_obj
def quota(state: State, file: str, year: int | None, check: bool, as_json: bool) -> None:
    """How many tickets each customer has used of its plan's yearly quota (needs --customers).

    \b
    Example: slactl --customers customers.yaml quota tickets.csv --year 2026
    """
    from slactl.cli.tickets_input import judged_tickets, skipped
    from slactl.render import quota as render
    from slactl.sla.quota import quota as compute

    clock = datetime.now(timezone.utc)
    with judged_tickets(state, file, None, clock) as (results, bad):
        years = compute((result.ticket for result in results), year=year)
    if as_json:
        from slactl.render.output import emit_json

        emit_json(render.quota_json(years))
    else:
        beyond = {p.id: p.beyond_quota for p in state.policies() if p.beyond_quota}
        render.print_quota(years, beyond)
    if bad[0]:
        print(skipped(*bad), file=sys.stderr)
    if bad[0] or (check and any(item.over for item in years)):
        raise click.exceptions.Exit(1)
