"""The public Python API: the computations behind the CLI as plain functions.

    from slactl import load_policies, ticket, due, classify, comms, quote, due_frame

Each function takes a provider id or a loaded ``Policy``, names as typed on the command line
(ids, labels, Spanish aliases) or domain objects, and times as aware datetimes or ISO 8601
text (without an offset: the provider's local time). A ticket's values go through the same
builder as the command line and the file readers (``tickets.build``), so they are checked and
worded the same way. Results are the frozen domain values (``Deadline``, ``Classification``,
``Agenda``, ``Quote``); errors are ``InputError`` or ``PolicyError`` with the CLI's one-line
messages. Nothing here reads the clock: pass ``now`` when you want a target judged.

For many tickets (a pandas or Spark job), load once and pass the ``Policy`` or the set:
``policies = load_policies()``, ``due(policies.get("ignus"), ...)``, or ``due_frame``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from datetime import datetime
from decimal import Decimal
from fractions import Fraction
from typing import Union

from slactl.errors import InputError
from slactl.policy import load as loader
from slactl.policy.model import Plan, Policy, PolicySet
from slactl.policy.severity import Facts, Severity
from slactl.policy.target import Warn
from slactl.sla import classify as _classify
from slactl.sla import comms as _comms
from slactl.sla import due as _due
from slactl.sla import quote as _quote
from slactl.tickets.build import ARGUMENTS, Fields, build, instant
from slactl.tickets.model import Ticket

__all__ = ["load_policies", "ticket", "due", "classify", "comms", "quote", "due_frame"]

Time = Union[datetime, str]
Hours = Union[str, int, float, Decimal, Fraction]
PolicyLike = Union[Policy, str]
Times = Union[Time, Sequence[Time], None]


def load_policies(paths: Union[str, os.PathLike, Iterable[Union[str, os.PathLike]], None] = None) -> PolicySet:
    """The policies in ``paths`` (files or directories); by default ``$SLACTL_POLICIES`` or the
    bundled five, like the CLI. Raises ``PolicyError`` listing every problem of every file."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    given = [os.fspath(p) for p in paths] if paths is not None else None
    return loader.load(loader.active_paths(given))


def ticket(
    policy: PolicyLike,
    severity: Union[Severity, str],
    opened: Time,
    *,
    plan: Union[Plan, str, None] = None,
    id: str | None = None,
    pauses: Iterable[Union[str, tuple[Time, Time]]] = (),
    responded: Time | None = None,
    mitigated: Time | None = None,
    resolved: Times = None,
    reopened: Times = None,
    followed_up: Time | None = None,
    statuses: Iterable[Union[str, tuple[Time, str]]] = (),
    severity_changes: Iterable[Union[str, tuple[Time, str]]] = (),
    now: Time | None = None,
    policies: PolicySet | None = None,
) -> Ticket:
    """A ``Ticket``: what happened to one incident. ``resolved`` and ``reopened`` may be lists
    (alternating); pauses are ``(start, end)`` or ``"START/END"``; ``statuses`` and
    ``severity_changes`` are ``(time, value)`` or ``"TIME=VALUE"``. ``now`` (an aware datetime,
    or text) is what the word ``now`` means in any of them. Raises ``InputError``."""
    chosen = _policy(policy, policies)
    judged = _now(now, chosen)
    fields = Fields(provider=chosen, severity=severity, opened=opened, plan=plan, id=id, pauses=tuple(pauses),
                    responded=responded, mitigated=mitigated, resolved=_times(resolved), reopened=_times(reopened),
                    followed_up=followed_up, statuses=tuple(statuses), severity_changes=tuple(severity_changes))
    return build(policies, fields, naming=ARGUMENTS, now=judged)


def due(
    policy: PolicyLike,
    severity: Union[Severity, str],
    opened: Time,
    *,
    now: Time | None = None,
    warn: Union[str, Warn, None] = None,
    policies: PolicySet | None = None,
    **events,
) -> tuple[_due.Deadline, ...]:
    """Every target of a ticket with its due time (``slactl due``), judged at ``now`` when
    given: ``met``/``missed`` when finished, else ``pending``/``at-risk``/``breached``. The
    ticket's other values are ``ticket``'s keyword arguments (``plan``, ``pauses``,
    ``responded``, ``resolved``, ...). ``warn`` (``75%`` or ``1h``) overrides every target's
    warning point. Raises ``InputError``; ``now`` before ``opened`` is refused."""
    chosen = _policy(policy, policies)
    judged = _now(now, chosen)
    made = ticket(chosen, severity, opened, now=judged, policies=policies, **events)
    if judged is not None and judged < made.opened:
        raise InputError("now is before opened")
    return _due.due(made, judged, warn=_warn(warn))


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
) -> _classify.Classification:
    """The severity of an incident and why (``slactl classify``); ``opened`` adds due times."""
    chosen = _policy(policy, policies)
    facts = Facts(env=env, impact=impact, privacy=privacy, dos=dos, third_party=third_party)
    if not text.strip() and not facts.items():
        raise InputError("nothing to classify: give the incident text or facts such as impact='total'")
    opened_at = instant(opened, chosen.zone, "opened", None) if opened is not None else None
    chosen_plan = plan if isinstance(plan, Plan) else chosen.plan(plan, field=ARGUMENTS.plan) if plan is not None else None
    return _classify.classify(chosen, _classify.Incident(text, facts, opened_at), chosen_plan)


def comms(
    policy: PolicyLike,
    severity: Union[Severity, str],
    opened: Time,
    *,
    until: Time | None = None,
    policies: PolicySet | None = None,
    **events,
) -> _comms.Agenda:
    """Every communication owed, each at its instant (``slactl comms``); the ticket's other
    values are ``ticket``'s keyword arguments. ``until`` bounds recurring items while the
    ticket is unresolved."""
    chosen = _policy(policy, policies)
    made = ticket(chosen, severity, opened, policies=policies, **events)
    until_at = instant(until, chosen.zone, "until", None) if until is not None else None
    if until_at is not None and until_at < made.opened:
        raise InputError("until is before opened")
    return _comms.comms(made, until=until_at)


def quote(
    policy: PolicyLike = "express",
    *,
    normalization: Hours | None = None,
    mitigation: Hours | None = None,
    guarantee: int | None = None,
    guarantee_mode: Union[_quote.GuaranteeMode, str, None] = None,
    monthly_plan: bool = False,
    express_rate: Union[Decimal, str, int, None] = None,
    on_demand_rate: Union[Decimal, str, int, None] = None,
    policies: PolicySet | None = None,
) -> _quote.Quote:
    """The Express invoices for estimated hours (``slactl quote``); hours as 5, "1.5", "1h30m"."""
    chosen = _policy(policy, policies)
    if chosen.pricing is None:
        raise InputError(f"{chosen.id} publishes no prices (no pricing: block)")
    efforts = tuple(_quote.Effort(phase, _hours(value, name))
                    for phase, value, name in ((_quote.Phase.NORMALIZATION, normalization, "normalization"),
                                               (_quote.Phase.MITIGATION, mitigation, "mitigation"))
                    if value is not None)
    try:
        work = _quote.Work(
            efforts=efforts, guarantee_hours=guarantee,
            guarantee_mode=_quote.GuaranteeMode(guarantee_mode) if guarantee_mode is not None else None,
            monthly_plan=monthly_plan, express_rate=_money(express_rate), on_demand_rate=_money(on_demand_rate),
        )
    except ValueError as error:
        raise InputError(str(error)) from None
    return _quote.quote(chosen.pricing, work)


def due_frame(frame, policies: PolicySet, *, now: datetime, judge_at: str | None = None):
    """``slactl.batch.frame.due_frame``: the deadlines of a pandas frame of tickets."""
    from slactl.batch.frame import due_frame as compute

    return compute(frame, policies, now=now, judge_at=judge_at)


def _policy(policy: PolicyLike, policies: PolicySet | None) -> Policy:
    if isinstance(policy, Policy):
        return policy
    return (policies if policies is not None else load_policies()).get(policy)


def _now(now: Time | None, policy: Policy) -> datetime | None:
    if now is None:
        return None
    return instant(now, policy.zone, "now", None)


def _times(value: Times) -> tuple[Time, ...]:
    if value is None:
        return ()
    if isinstance(value, (str, datetime)):
        return (value,)
    return tuple(value)


def _warn(value: Union[str, Warn, None]) -> Warn | None:
    if value is None or isinstance(value, Warn):
        return value
    try:
        return Warn.parse(value)
    except ValueError as error:
        raise InputError(f"warn: {error}") from None


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
