"""``slactl due``: every deadline of a ticket, in business time, judged at an instant; with
``--input``, the same for every ticket of a CSV or JSON Lines file, streamed."""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import datetime, timezone
from functools import partial
from typing import Any

import click

from slactl.cli.options import complete_plan, complete_provider, complete_severity
from slactl.cli.params import argument, command, json_option
from slactl.cli.exports import export_options, given_export_options, read_options
from slactl.cli.state import State

TIME = "TIME"


@command()
@argument("provider", required=False, metavar="PROVIDER", help="Provider id, e.g. ignus (not with --input).",
          shell_complete=complete_provider)
@click.option("--severity", "-s", metavar="SEVERITY", shell_complete=complete_severity,
              help="Severity id, label or alias, e.g. high, alta, urgente (required without --input).")
@click.option("--opened", "-o", metavar=TIME, help="When the ticket was opened: ISO 8601 or now; without an offset it "
                                                   "is the provider's local time (required without --input).")
@click.option("--plan", metavar="PLAN", shell_complete=complete_plan,
              help="Plan (tier), e.g. enterprise; default: the policy's default plan. With --input: the plan of rows "
                   "that name none.")
@click.option("--pause", metavar="START/END", multiple=True,
              help="The clock stops in this interval (repeatable), e.g. waiting on the customer; END may be now.")
@click.option("--status", metavar="TIME=STATUS", multiple=True,
              help="A status change (repeatable), e.g. 2026-11-20T12:00=pending; the policy's pause statuses stop the clocks.")
@click.option("--responded", metavar=TIME, help="When the first response was given: finishes the evaluation and response targets.")
@click.option("--mitigated", metavar=TIME, help="When the incident was mitigated: finishes the mitigation target.")
@click.option("--resolved", metavar=TIME, multiple=True,
              help="When it was resolved (repeatable, alternating with --reopened): finishes the resolution target "
                   "and starts follow-up clocks.")
@click.option("--reopened", metavar=TIME, multiple=True, help="When a resolved ticket was reopened (repeatable).")
@click.option("--followed-up", "followed_up", metavar=TIME, help="When the follow-up was done: finishes the follow-up target.")
@click.option("--severity-change", "severity_change", metavar="TIME=SEVERITY", multiple=True,
              help="The severity changed then (repeatable); the ticket is judged by its latest severity since the opening.")
@click.option("--customer", metavar="ID", help="The customer (from --customers) the ticket comes under: gives PROVIDER and its plan.")
@click.option("--service", metavar="NAME", help="The service the ticket concerns, e.g. shared-hosting (targets may apply to some services only).")
@click.option("--flag", "flag", metavar="NAME", multiple=True,
              help="An exclusion that holds for the ticket (repeatable), e.g. third_party: targets that apply unless it are excluded.")
@click.option("--reporter", metavar="WHO", help="Who reported it: checked against the customer's authorised contacts.")
@click.option("--now", metavar=TIME, help="Judge each open target at this instant (default: the current time).")
@click.option("--warn", metavar="PCT|LENGTH", help="At risk once this share of a target has elapsed (75%) or this long "
                                                   "before it is due (1h); overrides the policy's warnings.")
@click.option("--check", is_flag=True, help="Exit 1 when any target is breached or missed (with --input: in any ticket).")
@click.option("--fail-on", "fail_on", type=click.Choice(["breached", "at-risk"]), default="breached", show_default=True,
              help="With --check: also exit 1 when a target is at risk.")
@click.option("--tz", metavar="ZONE", help="Show times in this zone instead of the provider's, e.g. UTC.")
@json_option
@click.option("--input", "-i", "source", metavar="FILE|-",
              help="Batch: one ticket a row, CSV with a header, JSON Lines or a JSON array (docs/batch.md; a help "
                   "desk's export with --preset: docs/exports.md); - is stdin.")
@click.option("--output", metavar="FILE", help="Batch: write rows here instead of stdout.")
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl"]), help="Batch: output format; default that of the input.")
@click.option("--strict", is_flag=True, help="Batch: stop at the first bad row instead of skipping it.")
@click.option("--force", is_flag=True, help="Batch: let --output replace an existing file.")
@click.option("--jobs", "-j", type=click.IntRange(min=1), metavar="N",
              help="Batch: compute in N worker processes (Linux; at most 2 per CPU). Default: one per CPU for a "
                   "file of 1 MiB or more, else 1. The output is the same either way.")
@export_options(plan=False)
@click.option("--csv-raw", "csv_raw", is_flag=True,
              help="Batch: write CSV cells as they are, for programs; by default a cell a spreadsheet would evaluate "
                   "(starting with =, +, -, @, tab or CR) gets a leading ' and control characters are escaped.")
@click.pass_obj
def due(state: State, provider: str | None, severity: str | None, opened: str | None, plan: str | None,
        pause: tuple[str, ...], status: tuple[str, ...], responded: str | None, mitigated: str | None,
        resolved: tuple[str, ...], reopened: tuple[str, ...], followed_up: str | None, severity_change: tuple[str, ...],
        customer: str | None, service: str | None, flag: tuple[str, ...], reporter: str | None, now: str | None,
        warn: str | None, check: bool, fail_on: str, tz: str | None, as_json: bool, source: str | None,
        output: str | None, fmt: str | None, strict: bool, force: bool, jobs: int | None, csv_raw: bool,
        **export: Any) -> None:
    """When is each response, mitigation and resolution due, and is anything at risk or breached?

    \b
    Example: slactl due ignus --severity high --opened 2026-11-20T18:30 --now 2026-11-23T09:00
    """
    from slactl.errors import InputError

    clock = datetime.now(timezone.utc)
    ticket_options = {"PROVIDER": provider, "--severity": severity, "--opened": opened, "--pause": pause,
                      "--status": status, "--responded": responded, "--mitigated": mitigated, "--resolved": resolved,
                      "--reopened": reopened, "--followed-up": followed_up, "--severity-change": severity_change,
                      "--tz": tz, "--warn": warn, "--customer": customer, "--service": service, "--flag": flag,
                      "--reporter": reporter}
    if source is not None:
        if as_json:
            raise InputError("--input writes one record per ticket: use --format jsonl for JSON Lines, not --json")
        given = [name for name, value in ticket_options.items() if value]
        if given:
            raise InputError(f"--input reads every ticket from the file; drop {', '.join(given)}")
        options = read_options(default_plan=plan, **export)
        bad, failed = _batch(state, source, output, fmt, strict, now, clock, force, options, count_failed=check,
                             csv_raw=csv_raw, jobs=jobs)
        if bad or (check and failed):
            raise click.exceptions.Exit(1)
        return
    batch_only = [name for name, value in (("--output", output), ("--format", fmt), ("--strict", strict), ("--force", force),
                                           ("--jobs", jobs), ("--csv-raw", csv_raw)) if value]
    batch_only += given_export_options(export)
    if batch_only:
        verb = "goes" if len(batch_only) == 1 else "go"
        raise InputError(f"{', '.join(batch_only)} only {verb} with --input (a file of tickets)")
    for name, value in (("PROVIDER", provider or customer), ("--severity", severity), ("--opened", opened)):
        if not value:
            raise InputError(f"missing {name} (or give --input FILE for a batch of tickets)")
    _single(state, provider, severity, opened, plan, pause, status, responded, mitigated, resolved, reopened,
            followed_up, severity_change, now, warn, check, fail_on, tz, as_json, clock,
            dict(customer=customer, service=service, flags=flag, reporter=reporter))


def _single(state: State, provider, severity, opened, plan, pause, status, responded, mitigated, resolved, reopened,
            followed_up, severity_change, now, warn, check, fail_on, tz, as_json, clock, contract: dict) -> None:
    from slactl.businesstime.zones import parse_zone
    from slactl.errors import InputError
    from slactl.policy.target import Warn
    from slactl.render import due as render
    from slactl.sla.due import any_failed, due as compute
    from slactl.tickets.build import FLAGS, Fields, build, check_judged, instant

    customers = state.customers()
    customer = customers.get(contract["customer"]) if contract["customer"] else None
    policy = state.policies().get(provider or customer.provider)  # type: ignore[union-attr]
    judged = instant(now, policy.zone, "--now", clock) if now else (clock if check else None)
    ticket = build(state.policies(), Fields(
        provider=policy if provider else None, severity=severity, opened=opened, plan=plan, pauses=pause,
        responded=responded, mitigated=mitigated, resolved=resolved, reopened=reopened, followed_up=followed_up,
        statuses=status, severity_changes=severity_change, customer=customer, service=contract["service"],
        flags=contract["flags"], reporter=contract["reporter"]), naming=FLAGS, now=judged or clock, customers=customers,
        judged_at=judged)
    if judged is not None and judged < ticket.opened:
        zone = ticket.policy.zone
        raise InputError(f"--now is before --opened ({judged.astimezone(zone).isoformat()} < "
                         f"{ticket.opened.astimezone(zone).isoformat()})")
    if judged is not None:
        check_judged(ticket, judged, FLAGS, "--now")
    try:
        override = Warn.parse(warn) if warn else None
    except ValueError as error:
        raise InputError(f"--warn: {error}") from None
    deadlines = compute(ticket, judged, warn=override)
    shown = parse_zone(tz, what="--tz") if tz is not None else policy.zone
    if as_json:
        from slactl.render.output import emit_json

        emit_json(render.due_json(ticket, deadlines, judged, shown))
    else:
        render.print_due(ticket, deadlines, judged, shown)
    if check and any_failed(deadlines, at_risk=fail_on == "at-risk"):
        raise click.exceptions.Exit(1)


def _batch(state: State, path: str, output: str | None, fmt: str | None, strict: bool, now: str | None,
           clock: datetime, force: bool, options, count_failed: bool = False, csv_raw: bool = False,
           jobs: int | None = None) -> tuple[int, int]:
    """Stream every row; bad rows go to stderr as ``FILE:LINE: message``. Returns how many rows
    were bad and (with ``count_failed``) how many tickets have a breached or missed target.
    ``jobs``: ``--jobs`` (None: ``batch.fast.processes.jobs_for`` chooses)."""
    import os
    import stat
    from itertools import chain

    from slactl.batch.fast import processes
    from slactl.cli import say, silence_stdout, ticket_input
    from slactl.cli.outfile import open_output
    from slactl.errors import InputError
    from slactl.render.progress import file_progress
    from slactl.tickets import read
    from slactl.tickets.times import read_time

    if now:
        read_time(now, timezone.utc, what="--now", now=clock)
    policies = state.policies()
    with ticket_input(path) as (lines, fd, in_fmt):
        name = "<stdin>" if path == "-" else path
        out_fmt = fmt or (read.guess_format(output, "").value if output else in_fmt.value)
        out_fmt = "jsonl" if out_fmt == "json" else out_fmt
        if csv_raw and out_fmt != "csv":
            raise InputError("--csv-raw is for CSV output; JSON Lines are always written as they are")
        export = read.open_export(lines, in_fmt, replace(options, flags=state.flags()))  # the header is checked first
        tickets = export.rows
        first = next(tickets, None)
        info = os.fstat(fd)
        workers = processes.jobs_for(jobs, info.st_size if stat.S_ISREG(info.st_mode) else None)
        make = partial(_batch_work, policies, clock, now, out_fmt, csv_raw, state.customers(), export.reading,
                       export.extra_levels, count_failed)
        with open_output(output, force=force, source=path, protected=state.policy_files()) as out:
            from slactl.render.due import batch_writer

            def pass_on() -> None:
                """stdout's rows are held in blocks (cli.outfile): pass them on. When the reader
                went away (| head), stop quietly (exit 0), or with --check read on: its verdict
                needs every ticket, written or not."""
                try:
                    out.flush()
                except BrokenPipeError:
                    if not count_failed:
                        raise  # cli.main: a clean, quiet exit 0
                    silence_stdout()

            batch_writer(out, out_fmt, raw=csv_raw)  # the header
            pass_on()  # before any worker is forked with a copy of the buffer
            bad = rows = failed = 0
            show = path != "-" and sys.stderr.isatty()
            bad_row = read.BadRow
            given = chain((first,), tickets) if first is not None else iter(())
            with processes.run(given, make, workers) as done_chunks, file_progress(name, fd, enabled=show) as tick:
                for done in done_chunks:
                    rows += done.rows
                    failed += done.failed
                    for part in done.parts:
                        if type(part) is not bad_row:
                            out.write(part)
                            continue
                        rows += 1
                        bad += 1
                        if strict:
                            say(f"slactl: error: {name}:{part.line}: {part.message} (--strict stops here)")
                            raise click.exceptions.Exit(1)  # no partial --output file
                        say(f"{name}:{part.line}: {part.message}")
                    tick()
                    pass_on()
    if bad:
        from slactl.cli.tickets_input import skipped

        print(skipped(bad, rows), file=sys.stderr)
    return bad, failed


def _batch_work(policies, clock: datetime, now: str | None, out_fmt: str, csv_raw: bool, customers, reading,
                extra_levels: bool, count_failed: bool):
    """The ``batch.fast.processes.Work`` of one process: its own ``Rows`` and writer, made
    where it runs. A chunk's rows are written to text, cut at each bad row."""
    import io

    from slactl.batch.fast.processes import Done
    from slactl.batch.fast.rows import Rows
    from slactl.render.due import batch_writer
    from slactl.tickets.row import BadRow

    engine = Rows(policies, clock, now, blank="" if out_fmt == "csv" else None, customers=customers,
                  reading=reading, extra_levels=extra_levels)
    buffer = io.StringIO()
    write = batch_writer(buffer, out_fmt, raw=csv_raw, header=False)
    statuses = _status_columns() if count_failed else ()

    def written(parts: list) -> None:
        """What was written since the last cut, as one part."""
        if buffer.tell():
            parts.append(buffer.getvalue())
            buffer.seek(0)
            buffer.truncate()

    def work(chunk: list) -> Done:
        parts: list = []
        rows = failed = 0
        for item in engine.run(chunk):
            if isinstance(item, BadRow):
                written(parts)
                parts.append(item)
                continue
            rows += 1
            if statuses and any(item[at] in ("breached", "missed") for at in statuses):
                failed += 1
            write(item)
        written(parts)
        return Done(parts, rows, failed)

    return work


def _status_columns() -> tuple[int, ...]:
    from slactl.batch.record import COLUMNS

    return tuple(index for index, column in enumerate(COLUMNS) if column.endswith("_status"))
