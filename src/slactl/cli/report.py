"""``slactl report``: SLA compliance over a ticket export."""

from __future__ import annotations

import sys
from datetime import datetime, timezone
from typing import Annotated, Optional

import typer

from slactl.cli import app


@app.command()
def report(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(metavar="FILE", help="Ticket export: CSV with a header or JSON Lines (see docs/batch.md); - is stdin.")],
    since: Annotated[Optional[str], typer.Option("--since", metavar="TIME", help="Only tickets opened at or after this instant (ISO 8601; UTC without an offset).")] = None,
    until: Annotated[Optional[str], typer.Option("--until", metavar="TIME", help="Only tickets opened before this instant.")] = None,
    now: Annotated[Optional[str], typer.Option("--now", metavar="TIME", help="Judge open tickets at this instant (default: the current time).")] = None,
    misses: Annotated[int, typer.Option("--misses", metavar="N", help="Show at most N misses in the table (0: all).")] = 20,
    json: Annotated[bool, typer.Option("--json", help="Print one JSON document on stdout and nothing else.")] = False,
) -> None:
    """Who met the contract: per provider, plan and severity, met, missed, open and breached, compliance, times.

    \b
    Example: slactl report tickets.csv --since 2026-11-01 --until 2026-12-01 --now 2026-12-01
    """
    from slactl.sla import report as compliance
    from slactl.tickets import read as tickets
    from slactl.batch.runner import Batch
    from slactl.tickets.times import parse_time

    clock = datetime.now(timezone.utc)
    start = parse_time(since, timezone.utc, clock, what="--since") if since else None
    end = parse_time(until, timezone.utc, clock, what="--until") if until else None
    judged_at = parse_time(now, timezone.utc, clock, what="--now") if now else clock
    policies = ctx.obj.policies()
    name = "<stdin>" if file == "-" else file
    bad = 0
    with tickets.open_input(file) as (lines, _, fmt):
        def good():
            nonlocal bad
            for item in Batch(policies, clock, judged_at.isoformat()).run(tickets.read(lines, fmt)):
                if isinstance(item, tickets.BadRow):
                    bad += 1
                    print(f"{name}:{item.line}: {item.message}", file=sys.stderr)
                else:
                    yield item

        built = compliance.build(good(), since=start, until=end)
    from slactl.render import report as render

    if json:
        from slactl.render.output import emit_json

        emit_json(render.report_json(built, judged_at, start, end))
    else:
        render.print_report(built, misses or None)
    if bad:
        print(f"slactl: error: {bad} rows skipped (bad input)", file=sys.stderr)
        raise typer.Exit(code=1)
