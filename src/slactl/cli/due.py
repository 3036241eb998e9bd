"""``slactl due``: every deadline of a severity, in business time, with breach checks; with
``--input``, the same for every ticket of a CSV or JSON Lines file, streamed."""

from __future__ import annotations

import sys
from datetime import datetime, timezone
from typing import Annotated, Optional

import typer

from slactl.cli import app
from slactl.cli.options import complete_plan, complete_provider, complete_severity


@app.command()
def due(
    ctx: typer.Context,
    provider: Annotated[Optional[str], typer.Argument(help="Provider id, e.g. ignus (not with --input).", autocompletion=complete_provider)] = None,
    severity: Annotated[Optional[str], typer.Option("--severity", "-s", help="Severity id, label or alias, e.g. high, alta, urgente.", autocompletion=complete_severity)] = None,
    opened: Annotated[Optional[str], typer.Option("--opened", "-o", metavar="TIME",
                                                  help="When the ticket was opened: ISO 8601 or now; without an offset it is the provider's local time.")] = None,
    plan: Annotated[Optional[str], typer.Option("--plan", help="Plan (tier), e.g. enterprise; default: the policy's default plan.", autocompletion=complete_plan)] = None,
    pause: Annotated[Optional[list[str]], typer.Option("--pause", metavar="START/END",
                                                       help="Clock stopped in this interval (repeatable), e.g. waiting on the customer.")] = None,
    resolved: Annotated[Optional[str], typer.Option("--resolved", metavar="TIME", help="When it was resolved: starts follow-up clocks.")] = None,
    now: Annotated[Optional[str], typer.Option("--now", metavar="TIME", help="Judge each target at this instant: pending or breached.")] = None,
    check: Annotated[bool, typer.Option("--check", help="Exit 1 when any target is breached at --now (default: the current time).")] = False,
    tz: Annotated[Optional[str], typer.Option("--tz", metavar="ZONE", help="Show times in this zone instead of the provider's, e.g. UTC.")] = None,
    json: Annotated[bool, typer.Option("--json", help="Print one JSON document on stdout and nothing else.")] = False,
    input: Annotated[Optional[str], typer.Option("--input", "-i", metavar="FILE|-",
                                                 help="Batch: one ticket a row, CSV with a header or JSON Lines (see docs/batch.md); - is stdin.")] = None,
    output: Annotated[Optional[str], typer.Option("--output", metavar="FILE", help="Batch: write rows here instead of stdout.")] = None,
    format: Annotated[Optional[str], typer.Option("--format", metavar="csv|jsonl", help="Batch: output format; default that of the input.")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Batch: stop at the first bad row instead of skipping it.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Batch: let --output replace an existing file.")] = False,
) -> None:
    """When is each response, mitigation and resolution due, and is anything breached?

    \b
    Example: slactl due ignus --severity high --opened 2026-11-20T18:30 --now 2026-11-23T09:00
    """
    from slactl.errors import InputError

    clock = datetime.now(timezone.utc)
    if input is not None:
        single = {"PROVIDER": provider, "--severity": severity, "--opened": opened, "--plan": plan, "--pause": pause,
                  "--resolved": resolved, "--check": check, "--tz": tz, "--json": json}
        given = [name for name, value in single.items() if value]
        if given:
            raise InputError(f"--input reads every ticket from the file; drop {', '.join(given)}")
        if format not in (None, "csv", "jsonl"):
            raise InputError(f"unknown --format {format!r} (choose csv or jsonl)")
        bad = _batch(ctx, input, output, format, strict, now, clock, force)
        if bad:
            raise typer.Exit(code=1)
        return
    batch_only = [name for name, value in (("--output", output), ("--format", format), ("--strict", strict), ("--force", force)) if value]
    if batch_only:
        raise InputError(f"{', '.join(batch_only)} only go with --input")
    for name, value in (("PROVIDER", provider), ("--severity", severity), ("--opened", opened)):
        if not value:
            raise InputError(f"missing {name} (or give --input FILE for a batch of tickets)")
    _single(ctx, provider, severity, opened, plan, pause, resolved, now, check, tz, json, clock)


def _single(ctx, provider, severity, opened, plan, pause, resolved, now, check, tz, json, clock) -> None:
    from slactl.sla import due as engine
    from slactl.cli.ticket import ticket
    from slactl.render import due as render
    from slactl.tickets.times import check_pauses, parse_pause

    asked = ticket(ctx.obj.policies(), provider, severity, plan, opened, resolved, tz, clock)
    policy, chosen_severity, chosen_plan = asked.policy, asked.severity, asked.plan
    pauses = check_pauses([parse_pause(p, policy.zone, clock) for p in pause or []])
    judged_at = asked.time(now, clock, "--now") if now else (clock if check else None)
    results = engine.compute(policy, chosen_severity, chosen_plan, asked.opened, pauses=pauses,
                             resolved=asked.resolved, now=judged_at)
    if json:
        from slactl.render.output import emit_json

        emit_json(render.due_json(policy.id, chosen_plan.id if chosen_plan else None, chosen_severity.id,
                                  asked.opened, asked.shown_zone, asked.shown_zone_name, results, judged_at, pauses))
    else:
        plan_text = f", plan {chosen_plan.id}" if chosen_plan else ""
        title = f"{policy.name}: {chosen_severity.id} ({chosen_severity.label}){plan_text}"
        render.print_due(title, asked.opened, asked.shown_zone, asked.shown_zone_name, results, judged_at, pauses)
    if check and engine.any_breached(results):
        raise typer.Exit(code=1)


def _batch(ctx, path: str, output: str | None, fmt: str | None, strict: bool, now: str | None,
           clock: datetime, force: bool = False) -> int:
    """Stream every row; bad rows go to stderr as ``FILE:LINE: message``. Returns how many were bad."""
    from slactl.tickets import read as tickets
    from slactl.cli.outfile import open_output
    from slactl.batch.fast.rows import Rows
    from slactl.render.due import batch_writer
    from slactl.render.progress import file_progress
    from slactl.tickets.times import parse_time

    if now:
        parse_time(now, timezone.utc, clock, what="--now")
    policies = ctx.obj.policies()
    with tickets.open_input(path) as (lines, fd, in_fmt), open_output(output, force=force, source=path) as out:
        name = "<stdin>" if path == "-" else path
        out_fmt = fmt or (tickets.guess_format(output, "").value if output else in_fmt.value)
        write = batch_writer(out, out_fmt)
        engine = Rows(policies, clock, now, blank="" if out_fmt == "csv" else None)
        bad = rows = 0
        show = path != "-" and sys.stderr.isatty()
        with file_progress(name, fd, enabled=show) as tick:
            for item in engine.run(tickets.read(lines, in_fmt)):
                rows += 1
                if rows & 4095 == 0:
                    tick()
                if isinstance(item, tickets.BadRow):
                    bad += 1
                    if strict:
                        print(f"slactl: error: {name}:{item.line}: {item.message} (--strict stops here)", file=sys.stderr)
                        raise typer.Exit(code=1)  # no partial --output file
                    print(f"{name}:{item.line}: {item.message}", file=sys.stderr)
                    continue
                write(item)
    if bad:
        print(f"slactl: error: {bad} of {rows} rows skipped (bad input)", file=sys.stderr)
    return bad
