"""``slactl quote``: the Express plan's invoices, estimated or from a time-tracking CSV."""

from __future__ import annotations

import sys
from datetime import tzinfo
from decimal import Decimal
from pathlib import Path

import click

from slactl.businesstime.zones import parse_zone
from slactl.cli.options import complete_provider
from slactl.cli.params import argument, command, json_option
from slactl.cli.state import State
from slactl.errors import InputError
from slactl.policy.pricing import GuaranteeMode



@command()
@argument("provider", required=False, default="express", metavar="[PROVIDER]", shell_complete=complete_provider,
          help="Policy whose pricing: block applies (default: express).")
@click.option("--normalization", metavar="H", help="Estimated hours to restore service, billed at the Express rate: 5, 1.5, 90m, 1h30m.")
@click.option("--mitigation", metavar="H", help="Estimated hours to mitigate the causes, billed at the on-demand rate.")
@click.option("--guarantee", metavar="N", help="Prepaid guarantee hours, a whole number within the policy's range (Express: 1-8, default 1).")
@click.option("--guarantee-mode", "guarantee_mode", type=click.Choice([m.value for m in GuaranteeMode]),
              help="separate (own invoice, default), credited (deducted from the fees) or waived.")
@click.option("--monthly-plan", "monthly_plan", is_flag=True,
              help="The customer has an active monthly plan: no guarantee; the plan's rates via --express-rate/--on-demand-rate.")
@click.option("--express-rate", "express_rate", metavar="R", help="Rate per hour for normalization (default: the policy's, 35.00 for express).")
@click.option("--on-demand-rate", "on_demand_rate", metavar="R", help="Rate per hour for mitigation (default: the policy's pricing.on_demand_rate).")
@click.option("--worklog", metavar="FILE", type=click.Path(exists=True, dir_okay=False, readable=True, allow_dash=True, path_type=Path),
              help="Time-tracking CSV with a header start,end,phase[,note] (- is stdin); invoices come from it, one line per "
                   "day per phase.")
@click.option("--provider", "provider_option", metavar="PROVIDER", shell_complete=complete_provider,
              help="The same as PROVIDER (kept for scripts written before it was an argument).")
@click.option("--tz", metavar="ZONE", help="Zone of worklog times without an offset (default: the policy's); days are always cut at midnight in the policy's zone.")
@json_option
@click.pass_obj
def quote(state: State, provider: str, normalization: str | None, mitigation: str | None, guarantee: str | None,
          guarantee_mode: str | None, monthly_plan: bool, express_rate: str | None, on_demand_rate: str | None,
          worklog: Path | None, provider_option: str | None, tz: str | None, as_json: bool) -> None:
    """Quote an Express emergency: the guarantee, normalization and mitigation invoices, and the estimate sheet.

    Hours: 5, 1.5, 90m, 1h30m. Amounts are exact and rounded half-up to cents on each line.
    With --worklog (CSV start,end,phase[,note]) each day and phase is one line, cut at midnight
    in the policy's zone, the same instant `slactl comms` lists the daily cut at; rows that overlap
    or end before they start are refused.

    \b
    Example: slactl quote express --normalization 5 --mitigation 10 --guarantee 2 --on-demand-rate 25
    """
    from slactl.sla.work_hours import parse_hours, parse_whole_hours
    from slactl.sla.quote import Effort, Phase, Work, quote
    from slactl.render import quote as render

    if provider_option is not None:
        if provider != "express" and provider_option != provider:
            raise InputError(f"PROVIDER {provider} and --provider {provider_option} disagree: give one")
        provider = provider_option
    policy = state.policies().get(provider)
    if policy.pricing is None:
        priced = ", ".join(p.id for p in state.policies() if p.pricing is not None) or "none"
        raise InputError(f"{policy.id} publishes no prices (no pricing: block); policies with prices: {priced}")
    zone = parse_zone(tz, what="--tz") if tz is not None else policy.zone
    zone_name = policy.zone_name  # the daily cut is at midnight in the policy's zone
    if worklog is not None:
        if normalization is not None or mitigation is not None:
            raise InputError("--worklog gives the hours: drop --normalization and --mitigation")
        efforts = _tracked(worklog, zone, policy.zone)
    else:
        efforts = tuple(Effort(phase, _parse(parse_hours, text, option))
                        for phase, text, option in ((Phase.NORMALIZATION, normalization, "--normalization"),
                                                    (Phase.MITIGATION, mitigation, "--mitigation"))
                        if text is not None)
    work = Work(
        efforts=efforts,
        guarantee_hours=None if guarantee is None else _parse(parse_whole_hours, guarantee, "--guarantee"),
        guarantee_mode=GuaranteeMode(guarantee_mode) if guarantee_mode else None, monthly_plan=monthly_plan,
        express_rate=_rate(express_rate, "--express-rate"), on_demand_rate=_rate(on_demand_rate, "--on-demand-rate"),
    )
    result = quote(policy.pricing, work)
    within = _evaluation_within(policy)
    if as_json:
        from slactl.render.output import emit_json

        emit_json(render.quote_json(result, policy.id, zone_name, within))
    else:
        render.print_quote(result, policy.name, zone_name, within)


MAX_WORKLOG_BYTES = 64 * 2**20


def _tracked(path: Path, zone: tzinfo, cut: tzinfo):
    """The worklog's efforts per day and phase: times read in ``zone``, days cut at midnight in ``cut``."""
    from slactl.sla import worklog

    try:
        if str(path) == "-":
            if sys.stdin is None or getattr(sys.stdin, "buffer", None) is None or sys.stdin.closed:
                raise InputError("no worklog on stdin (it is closed); give a file or pipe one in")
            raw = sys.stdin.buffer.read(MAX_WORKLOG_BYTES + 1)
        else:
            with path.open("rb") as stream:
                raw = stream.read(MAX_WORKLOG_BYTES + 1)
        if len(raw) > MAX_WORKLOG_BYTES:
            raise InputError(f"worklog {path} is larger than {MAX_WORKLOG_BYTES // 2**20} MiB: not a time-tracking export")
        text = raw.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read worklog {path}: {error}") from None
    try:
        return worklog.daily(worklog.parse(text, zone, str(path)), cut)
    except worklog.WorklogError as error:
        from slactl.cli import say

        for problem in error.problems:
            say(problem)
        say(f"slactl: error: {len(error.problems)} problem(s) in worklog {path}; nothing was billed")
        raise click.exceptions.Exit(2) from None


def _parse(parser, text: str, option: str):
    try:
        return parser(text)
    except ValueError as error:
        raise InputError(f"{option}: {error}") from None


def _rate(text: str | None, option: str) -> Decimal | None:
    if text is None:
        return None
    from slactl.policy.values import money_of

    rate = money_of(text)
    if rate is None:
        raise InputError(f"{option}: bad rate {text!r}: write an amount per hour such as 35 or 35.00")
    return rate


def _evaluation_within(policy) -> str | None:
    """Seed 004: the evaluation is answered "en un lapso no mayor de 60 minutos"; the policy's target."""
    try:
        targets = policy.targets(policy.severity(policy.default_severity), policy.plan(None))
    except InputError:
        return None
    return next((str(t.latest) for t in targets if t.name == "evaluation" and t.latest), None)
