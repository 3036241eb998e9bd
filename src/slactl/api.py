"""The public Python API: the computations behind the CLI as plain functions.

    from slactl import load_policies, due, classify, comms, quote

Each function takes a provider id or a loaded ``Policy``, names as typed on the command line
(ids, labels, Spanish aliases) or domain objects, and times as aware datetimes or ISO 8601
text (without an offset: the provider's local time). They return the frozen domain results
(``Deadline``, ``Classification``, ``Agenda``, ``Quote``) and raise ``InputError`` or
``PolicyError`` with the same one-line messages as the CLI. Nothing here reads the clock: pass
``now`` when you want a breach judged.

For many tickets (a pandas or Spark job), load once and pass the ``Policy``:
``policy = load_policies().get("ignus")``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from datetime import datetime, tzinfo
from decimal import Decimal
from fractions import Fraction
from typing import Union

from slactl.sla import comms as _agenda
from slactl.sla import classify as _classification
from slactl.sla import due as _deadlines
from slactl.sla import quote as _invoicing
from slactl.policy import load as loader
from slactl.tickets import times as timeparse
from slactl.errors import InputError
from slactl.policy.model import Plan, Policy, PolicySet
from slactl.policy.severity import Facts, Severity

__all__ = ["load_policies", "due", "classify", "comms", "quote"]

Time = Union[datetime, str]
Hours = Union[str, int, float, Decimal, Fraction]
PolicyLike = Union[Policy, str]


def load_policies(paths: Union[str, os.PathLike, Iterable[Union[str, os.PathLike]], None] = None) -> PolicySet:
    """The policies in ``paths`` (files or directories); by default ``$SLACTL_POLICIES`` or the
    bundled five, like the CLI. Raises ``PolicyError`` listing every problem of every file."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    given = [os.fspath(p) for p in paths] if paths is not None else None
    return loader.load(loader.active_paths(given))


def due(
    policy: PolicyLike,
    severity: Union[Severity, str],
    opened: Time,
    *,
    plan: Union[Plan, str, None] = None,
    pauses: Iterable[Union[str, tuple[Time, Time]]] = (),
    resolved: Time | None = None,
    now: Time | None = None,
    policies: PolicySet | None = None,
) -> list[_deadlines.Deadline]:
    """Every target of ``severity`` with its due time; judged ``pending``/``breached`` at ``now``
    when given (``slactl due``). Pauses are ``(start, end)`` pairs or ``"START/END"`` text."""
    chosen = _policy(policy, policies)
    zone = chosen.zone
    opened_at = _instant(opened, zone, "opened")
    resolved_at = _instant(resolved, zone, "resolved") if resolved is not None else None
    if resolved_at is not None and resolved_at < opened_at:
        raise InputError("resolved is before opened")
    stops = timeparse.check_pauses([_pause(p, zone) for p in pauses])
    return _deadlines.compute(chosen, _severity(chosen, severity), _plan(chosen, plan), opened_at, pauses=stops,
                              resolved=resolved_at, now=_instant(now, zone, "now") if now is not None else None)


def classify(
    policy: PolicyLike,
    text: str = "",
    *,
    env: str | None = None,
    impact: str | None = None,
    privacy: str | None = None,
    dos: bool | None = None,
    third_party: bool | None = None,
    plan: Union[Plan, str, None] = None,
    opened: Time | None = None,
    policies: PolicySet | None = None,
) -> _classification.Classification:
    """The severity of an incident and why (``slactl classify``); ``opened`` adds due times."""
    chosen = _policy(policy, policies)
    facts = Facts(env=env, impact=impact, privacy=privacy, dos=dos, third_party=third_party)
    if not text.strip() and not facts.items():
        raise InputError("nothing to classify: give the incident text or facts such as impact='total'")
    opened_at = _instant(opened, chosen.zone, "opened") if opened is not None else None
    chosen_plan = _plan(chosen, plan) if plan is not None else None
    return _classification.classify(chosen, _classification.Incident(text, facts, opened_at), chosen_plan)


def comms(
    policy: PolicyLike,
    severity: Union[Severity, str],
    opened: Time,
    *,
    plan: Union[Plan, str, None] = None,
    resolved: Time | None = None,
    until: Time | None = None,
    policies: PolicySet | None = None,
) -> _agenda.Agenda:
    """Every communication owed, each at its instant (``slactl comms``)."""
    chosen = _policy(policy, policies)
    zone = chosen.zone
    opened_at = _instant(opened, zone, "opened")
    resolved_at = _instant(resolved, zone, "resolved") if resolved is not None else None
    until_at = _instant(until, zone, "until") if until is not None else None
    for name, instant in (("resolved", resolved_at), ("until", until_at)):
        if instant is not None and instant < opened_at:
            raise InputError(f"{name} is before opened")
    return _agenda.schedule(chosen, _severity(chosen, severity), _plan(chosen, plan), opened_at,
                           resolved=resolved_at, until=until_at)


def quote(
    policy: PolicyLike = "express",
    *,
    normalization: Hours | None = None,
    mitigation: Hours | None = None,
    guarantee: int | None = None,
    guarantee_mode: Union[_invoicing.GuaranteeMode, str, None] = None,
    monthly_plan: bool = False,
    express_rate: Union[Decimal, str, int, None] = None,
    on_demand_rate: Union[Decimal, str, int, None] = None,
    policies: PolicySet | None = None,
) -> _invoicing.Quote:
    """The Express invoices for estimated hours (``slactl quote``); hours as 5, "1.5", "1h30m"."""
    chosen = _policy(policy, policies)
    if chosen.pricing is None:
        raise InputError(f"{chosen.id} publishes no prices (no pricing: block)")
    efforts = tuple(_invoicing.Effort(phase, _hours(value, name))
                    for phase, value, name in ((_invoicing.Phase.NORMALIZATION, normalization, "normalization"),
                                               (_invoicing.Phase.MITIGATION, mitigation, "mitigation"))
                    if value is not None)
    try:
        work = _invoicing.Work(
            efforts=efforts, guarantee_hours=guarantee,
            guarantee_mode=_invoicing.GuaranteeMode(guarantee_mode) if guarantee_mode is not None else None,
            monthly_plan=monthly_plan, express_rate=_money(express_rate), on_demand_rate=_money(on_demand_rate),
        )
    except ValueError as error:
        raise InputError(str(error)) from None
    return _invoicing.quote(chosen.pricing, work)


def _policy(policy: PolicyLike, policies: PolicySet | None) -> Policy:
    if isinstance(policy, Policy):
        return policy
    return (policies if policies is not None else load_policies()).get(policy)


def _severity(policy: Policy, severity: Union[Severity, str]) -> Severity:
    return severity if isinstance(severity, Severity) else policy.severity(severity)


def _plan(policy: Policy, plan: Union[Plan, str, None]) -> Plan | None:
    return plan if isinstance(plan, Plan) else policy.plan(plan)


def _instant(value: Time, zone: tzinfo, what: str) -> datetime:
    """An aware instant; naive datetimes and text without an offset are the provider's local time."""
    if isinstance(value, datetime):
        return value if value.utcoffset() is not None else timeparse.localize(value, zone, what=what)
    if isinstance(value, str) and value.strip().lower() == "now":
        raise InputError(f"{what}: the API never reads the clock; pass a datetime such as datetime.now(timezone.utc)")
    if not isinstance(value, str):
        raise InputError(f"{what}: expected a datetime or ISO 8601 text, got {type(value).__name__}")
    return timeparse.parse_time(value, zone, datetime.min, what=what)


def _pause(pause: Union[str, Sequence[Time]], zone: tzinfo) -> tuple[datetime, datetime]:
    if isinstance(pause, str):
        start_text, _, end_text = pause.partition("/")
        start, end = _instant(start_text, zone, "pause start"), _instant(end_text, zone, "pause end")
    else:
        start, end = (_instant(t, zone, name) for t, name in zip(pause, ("pause start", "pause end"), strict=True))
    if end <= start:
        raise InputError(f"pause {start.isoformat()}/{end.isoformat()} ends before it starts")
    return start, end


def _hours(value: Hours, name: str) -> Fraction:
    from slactl.sla.work_hours import parse_hours

    try:
        return parse_hours(value if isinstance(value, str) else str(value))
    except ValueError as error:
        raise InputError(f"{name}: {error}") from None


def _money(value: Union[Decimal, str, int, None]) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value).strip())
    except ArithmeticError:
        raise InputError(f"bad rate {value!r}: write an amount per hour such as 35 or 35.00") from None
