"""The public Python API: the computations behind the CLI as plain functions.

    from slactl import load_policies, ticket, due, classify, comms, quote, due_frame

Each function takes a provider id or a loaded ``Policy``, names as typed on the command line
(ids, labels, Spanish aliases) or domain objects, and times as aware datetimes or ISO 8601
text (without an offset: the provider's local time). A ticket's values go through the same
builder as the command line and the file readers (``tickets.build``), so they are checked and
worded the same way. Results are the frozen domain values (``Deadline``, ``Classification``,
``Agenda``, ``Quote``); errors are ``InputError`` or ``PolicyError`` with the CLI's one-line
messages. Every argument is checked, and a bad one (a wrong type, None where a value is
needed, a value outside its range or its choices) is an ``InputError`` of one line that names
the parameter; the rules are the ones the CLI applies (the ticket builder, ``read_time``'s
years, ``parse_hours``, the money rule, ``policy.spec``'s choices), not copies. Nothing here
reads the clock: pass ``now`` when you want a target judged.

For many tickets (a pandas or Spark job), load once and pass the ``Policy`` or the set:
``policies = load_policies()``, ``due(policies.get("ignus"), ...)``, or ``due_frame``.
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Sequence
from datetime import datetime, timezone
from decimal import Decimal
from fractions import Fraction
from typing import Any, Union

from slactl.errors import InputError
from slactl.policy import load as loader
from slactl.policy.model import Plan, Policy, PolicySet
from slactl.policy.pricing import GuaranteeMode, read_rate
from slactl.policy.severity import Facts, Severity
from slactl.policy.spec import ENVS, IMPACTS, PRIVACY
from slactl.policy.target import Warn
from slactl.sla import classify as _classify
from slactl.sla import comms as _comms
from slactl.sla import due as _due
from slactl.sla import quote as _quote
from slactl.tickets.build import ARGUMENTS, Fields, build, check_judged, instant
from slactl.tickets.model import Ticket
from slactl.tickets.times import FIRST_YEAR, read_time

__all__ = ["load_policies", "ticket", "due", "classify", "comms", "quote", "due_frame"]

Time = Union[datetime, str]
Hours = Union[str, int, float, Decimal, Fraction]
Money = Union[Decimal, str, int]
PolicyLike = Union[Policy, str]
Times = Union[Time, Sequence[Time], None]
Pauses = Union[str, Iterable[Union[str, tuple[Time, Time]]], None]
Events = Union[str, Iterable[Union[str, tuple[Time, str]]], None]


def load_policies(paths: Union[str, os.PathLike, Iterable[Union[str, os.PathLike]], None] = None) -> PolicySet:
    """The policies in ``paths`` (files or directories); by default ``$SLACTL_POLICIES`` or the
    bundled five, like the CLI. Raises ``PolicyError`` listing every problem of every file."""
    if paths is None:
        return loader.load(loader.active_paths(None))
    given = [paths] if isinstance(paths, (str, os.PathLike)) else _listed(paths, "paths", "a path or a list of paths")
    for path in given:
        if not isinstance(path, (str, os.PathLike)):
            raise InputError(f"paths: expected a file or directory path (str or pathlib.Path), got {_kind(path)}")
    return loader.load(loader.active_paths([os.fspath(p) for p in given]))


def ticket(
    policy: PolicyLike,
    severity: Union[Severity, str],
    opened: Time,
    *,
    plan: Union[Plan, str, None] = None,
    id: str | None = None,
    pauses: Pauses = (),
    responded: Time | None = None,
    mitigated: Time | None = None,
    resolved: Times = None,
    reopened: Times = None,
    followed_up: Time | None = None,
    statuses: Events = (),
    severity_changes: Events = (),
    now: Time | None = None,
    policies: PolicySet | None = None,
) -> Ticket:
    """A ``Ticket``: what happened to one incident. ``resolved`` and ``reopened`` may be lists
    (alternating); pauses are ``(start, end)`` or ``"START/END"``; ``statuses`` and
    ``severity_changes`` are ``(time, value)`` or ``"TIME=VALUE"``; one text where a list is
    expected is one item. ``now`` (an aware datetime, or text) is what the word ``now`` means in
    any of them. Raises ``InputError``."""
    chosen = _policy(policy, policies)
    judged = _now(now, chosen)
    if id is not None and not isinstance(id, str):
        raise InputError(f"id: expected text or None, got {_kind(id)}; pass str(id)")
    fields = Fields(provider=chosen, severity=_severity(severity), opened=_in_range(opened, "opened"), plan=_plan(plan),
                    id=id, pauses=_pauses(pauses), responded=_in_range(responded, "responded"),
                    mitigated=_in_range(mitigated, "mitigated"), resolved=_times(resolved, "resolved"),
                    reopened=_times(reopened, "reopened"), followed_up=_in_range(followed_up, "followed_up"),
                    statuses=_events(statuses, "statuses", "status"),
                    severity_changes=_events(severity_changes, "severity_changes", "severity change"))
    return build(policies, fields, naming=ARGUMENTS, now=judged)


def due(
    policy: PolicyLike,
    severity: Union[Severity, str],
    opened: Time,
    *,
    now: Time | None = None,
    warn: Union[str, Warn, None] = None,
    policies: PolicySet | None = None,
    **events: Any,
) -> tuple[_due.Deadline, ...]:
    """Every target of a ticket with its due time (``slactl due``), judged at ``now`` when
    given: ``met``/``missed`` when finished, else ``pending``/``at-risk``/``breached``. The
    ticket's other values are ``ticket``'s keyword arguments (``plan``, ``pauses``,
    ``responded``, ``resolved``, ...). ``warn`` (``75%`` or ``1h``) overrides every target's
    warning point. Raises ``InputError``; ``now`` before ``opened`` is refused, and so is an
    event after ``now`` (it has not happened yet at the judging instant)."""
    _ticket_values("due", events)
    chosen = _policy(policy, policies)
    judged = _now(now, chosen)
    chosen_warn = _warn(warn)
    made = ticket(chosen, severity, opened, now=judged, policies=policies, **events)
    if judged is not None and judged < made.opened:
        raise InputError("now is before opened")
    if judged is not None:
        check_judged(made, judged, ARGUMENTS, "now")
    return _due.due(made, judged, warn=chosen_warn)


def classify(
    policy: PolicyLike,
    text: str | None = "",
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
    """The severity of an incident and why (``slactl classify``); ``opened`` adds due times.
    ``text`` may be None (facts only); ``env``, ``impact`` and ``privacy`` take the CLI's
    choices; ``dos`` and ``third_party`` are True, False or None (unknown)."""
    chosen = _policy(policy, policies)
    if text is None:
        text = ""
    if not isinstance(text, str):
        decode = " (decode it first)" if isinstance(text, (bytes, bytearray)) else ""
        raise InputError(f"text: expected the incident as str, got {_kind(text)}{decode}")
    facts = Facts(env=_choice(env, "env", ENVS), impact=_choice(impact, "impact", IMPACTS),
                  privacy=_choice(privacy, "privacy", PRIVACY), dos=_yes_no(dos, "dos"),
                  third_party=_yes_no(third_party, "third_party"))
    if not text.strip() and not facts.items():
        raise InputError("nothing to classify: give the incident text or facts such as impact='total'")
    opened_at = instant(_in_range(opened, "opened"), chosen.zone, "opened", None) if opened is not None else None
    given_plan = _plan(plan)
    chosen_plan = given_plan if isinstance(given_plan, Plan) else \
        chosen.plan(given_plan, field=ARGUMENTS.plan) if given_plan is not None else None
    return _classify.classify(chosen, _classify.Incident(text, facts, opened_at), chosen_plan)


def comms(
    policy: PolicyLike,
    severity: Union[Severity, str],
    opened: Time,
    *,
    until: Time | None = None,
    policies: PolicySet | None = None,
    **events: Any,
) -> _comms.Agenda:
    """Every communication owed, each at its instant (``slactl comms``); the ticket's other
    values are ``ticket``'s keyword arguments. ``until`` bounds recurring items while the
    ticket is unresolved."""
    _ticket_values("comms", events)
    chosen = _policy(policy, policies)
    made = ticket(chosen, severity, opened, policies=policies, **events)
    until_at = instant(_in_range(until, "until"), chosen.zone, "until", None) if until is not None else None
    if until_at is not None and until_at < made.opened:
        raise InputError("until is before opened")
    return _comms.comms(made, until=until_at)


def quote(
    policy: PolicyLike = "express",
    *,
    normalization: Hours | None = None,
    mitigation: Hours | None = None,
    guarantee: Union[int, str, None] = None,
    guarantee_mode: Union[GuaranteeMode, str, None] = None,
    monthly_plan: bool = False,
    express_rate: Money | None = None,
    on_demand_rate: Money | None = None,
    policies: PolicySet | None = None,
) -> _quote.Quote:
    """The Express invoices for estimated hours (``slactl quote``). Hours are text (5, "1.5",
    "1h30m") or a finite number from 0; ``guarantee`` a whole number of hours (2 or "2");
    rates a ``Decimal``, an int or text such as "35.00": whole cents, never negative."""
    chosen = _policy(policy, policies)
    if chosen.pricing is None:
        raise InputError(f"{chosen.id} publishes no prices (no pricing: block)")
    efforts = tuple(_quote.Effort(phase, _hours(value, name))
                    for phase, value, name in ((_quote.Phase.NORMALIZATION, normalization, "normalization"),
                                               (_quote.Phase.MITIGATION, mitigation, "mitigation"))
                    if value is not None)
    if not isinstance(monthly_plan, bool):
        raise InputError(f"monthly_plan: expected True or False, got {monthly_plan!r}")
    mode = _choice(guarantee_mode, "guarantee_mode", tuple(m.value for m in GuaranteeMode))
    work = _quote.Work(
        efforts=efforts, guarantee_hours=_whole_hours(guarantee, "guarantee"),
        guarantee_mode=GuaranteeMode(mode) if mode is not None else None, monthly_plan=monthly_plan,
        express_rate=None if express_rate is None else read_rate(express_rate, "express_rate"),
        on_demand_rate=None if on_demand_rate is None else read_rate(on_demand_rate, "on_demand_rate"),
    )
    return _quote.quote(chosen.pricing, work, naming=ARGUMENTS)


def due_frame(frame: Any, policies: PolicySet, *, now: datetime, judge_at: str | None = None) -> Any:
    """``slactl.batch.frame.due_frame``: the deadlines of a pandas frame of tickets. A bad row
    keeps its place with its message in ``error``; bad arguments raise ``InputError``."""
    from slactl.batch.frame import due_frame as compute

    if not (hasattr(frame, "columns") and hasattr(frame, "itertuples")):
        raise InputError(f"frame: expected a pandas DataFrame, got {_kind(frame)}")
    if not isinstance(policies, PolicySet):
        raise InputError(f"policies: expected a PolicySet from load_policies(), got {_kind(policies)}")
    if not isinstance(now, datetime) or now.utcoffset() is None:
        shown = "a naive datetime" if isinstance(now, datetime) else _kind(now)
        raise InputError(f"now: expected an aware datetime such as datetime.now(timezone.utc), got {shown}")
    _in_range(now, "now")
    if judge_at is not None:
        if not isinstance(judge_at, str):
            raise InputError(f"judge_at: expected ISO 8601 text, got {_kind(judge_at)}")
        read_time(judge_at, timezone.utc, what="judge_at", now=now)  # its form and year, once; each row's zone reads it
    return compute(frame, policies, now=now, judge_at=judge_at)


def _policy(policy: PolicyLike, policies: PolicySet | None) -> Policy:
    if policies is not None and not isinstance(policies, PolicySet):
        raise InputError(f"policies: expected a PolicySet from load_policies(), got {_kind(policies)}")
    if isinstance(policy, Policy):
        return policy
    if not isinstance(policy, str):
        raise InputError(f"policy: expected a Policy or a provider id such as 'ignus', got {_kind(policy)}")
    return (policies if policies is not None else load_policies()).get(policy)


def _severity(value: Union[Severity, str]) -> Union[Severity, str]:
    if not isinstance(value, (Severity, str)):
        raise InputError(f"severity: expected a severity name such as 'high' or a Severity, got {_kind(value)}")
    return value


def _plan(value: Union[Plan, str, None]) -> Union[Plan, str, None]:
    if value is not None and not isinstance(value, (Plan, str)):
        raise InputError(f"plan: expected a plan id such as 'enterprise', a Plan or None, got {_kind(value)}")
    return value


def _now(now: Time | None, policy: Policy) -> datetime | None:
    if now is None:
        return None
    return instant(_in_range(now, "now"), policy.zone, "now", None)


def _in_range(value: Any, what: str) -> Any:
    """``value``, when it is no datetime from before the year 1900. Text gets that rule from
    ``read_time``; a datetime is read back as text so that it gets the same rule and message."""
    if isinstance(value, datetime) and value.year < FIRST_YEAR:
        read_time(datetime.isoformat(value), timezone.utc, what=what)  # raises: the year is out of range
    return value


def _listed(value: Any, name: str, expected: str) -> tuple:
    """The items of a list argument; text, bytes and non-iterables are refused."""
    if isinstance(value, (str, bytes, bytearray)) or not isinstance(value, Iterable):
        raise InputError(f"{name}: expected {expected}, got {_kind(value)}")
    return tuple(value)


def _times(value: Times, name: str) -> tuple[Time, ...]:
    """One time or a list of them (``resolved``, ``reopened``)."""
    if value is None:
        return ()
    if isinstance(value, (str, datetime)):
        return (_in_range(value, name),)
    return tuple(_in_range(item, name) for item in _listed(value, name, "a time or a list of times"))


def _pauses(value: Pauses) -> tuple[Union[str, tuple[Time, Time]], ...]:
    """``"START/END"``, one pause, or a list of them, each text or a ``(start, end)`` pair."""
    if value is None:
        return ()
    items = (value,) if isinstance(value, str) else _listed(value, "pauses", "'START/END' text or a list of pauses")
    for item in items:
        if _pair(item):
            _in_range(item[0], "pause start")
            _in_range(item[1], "pause end")
        elif not isinstance(item, str):
            raise InputError(f"pauses: each pause is 'START/END' text or a (start, end) pair, got {_kind(item)}"
                             + ("; for one pair write pauses=[(start, end)]" if isinstance(item, datetime) else ""))
    return tuple(item if isinstance(item, str) else (item[0], item[1]) for item in items)


def _events(value: Events, name: str, what: str) -> tuple[Union[str, tuple[Time, str]], ...]:
    """``"TIME=VALUE"``, one event, or a list of them, each text or a ``(time, value)`` pair."""
    if value is None:
        return ()
    items = (value,) if isinstance(value, str) else _listed(value, name, "'TIME=VALUE' text or a list of them")
    for item in items:
        if _pair(item) and isinstance(item[1], str):
            _in_range(item[0], name)
        elif not isinstance(item, str):
            raise InputError(f"{name}: each {what} is 'TIME=VALUE' text or a (time, text) pair, got {_kind(item)}")
    return tuple(item if isinstance(item, str) else (item[0], item[1]) for item in items)


def _pair(item: Any) -> bool:
    return isinstance(item, (tuple, list)) and len(item) == 2


def _ticket_values(function: str, given: dict[str, Any]) -> None:
    """A keyword ``ticket`` does not take is a TypeError, as for any Python function, worded
    for the function called."""
    known = sorted(set(ticket.__kwdefaults__ or {}) - {"now", "policies"})
    for name in given:
        if name not in known:
            raise TypeError(f"{function}() got an unexpected keyword argument {name!r}; "
                            f"a ticket's values are {', '.join(known)}")


def _warn(value: Union[str, Warn, None]) -> Warn | None:
    if value is None or isinstance(value, Warn):
        return value
    if not isinstance(value, str):
        raise InputError(f"warn: expected text such as '75%' or '1h', or a Warn, got {_kind(value)}")
    try:
        return Warn.parse(value)
    except ValueError as error:
        raise InputError(f"warn: {error}") from None


def _choice(value: Any, name: str, choices: Sequence[str]) -> str | None:
    """None, or one of ``choices`` (the CLI's; a ``str`` Enum member counts as its value)."""
    if value is None:
        return None
    if isinstance(value, str) and str(getattr(value, "value", value)) in choices:
        return str(getattr(value, "value", value))
    raise InputError(f"{name}: expected one of {', '.join(choices)} or None, got {value!r}")


def _yes_no(value: Any, name: str) -> bool | None:
    if value is not None and not isinstance(value, bool):
        raise InputError(f"{name}: expected True, False or None (unknown), got {value!r}")
    return value


def _hours(value: Hours, name: str) -> Fraction:
    """Hours as text (``parse_hours``, the CLI's reading) or as a finite number from 0 up to
    ``MAX_HOURS``, kept exact (a float as the decimal it prints as)."""
    from slactl.sla.work_hours import MAX_HOURS, parse_hours

    if isinstance(value, str):
        try:
            return parse_hours(value)
        except ValueError as error:
            raise InputError(f"{name}: {error}") from None
    number = _exact(value)
    if number is None:
        raise InputError(f"{name}: bad hours {value!r}: write hours as a number such as 1.5 or text such as '1h30m'")
    if number < 0:
        raise InputError(f"{name}: bad hours {value!r}: hours cannot be negative")
    if number > MAX_HOURS:
        raise InputError(f"{name}: bad hours {value!r}: more than {MAX_HOURS} hours")
    return number


def _whole_hours(value: Union[int, str, None], name: str) -> int | None:
    """A whole number of hours: an int, a number without a fraction, or text (``parse_whole_hours``)."""
    from slactl.sla.work_hours import parse_whole_hours

    if value is None:
        return None
    if isinstance(value, str):
        try:
            return parse_whole_hours(value)
        except ValueError as error:
            raise InputError(f"{name}: {error}") from None
    number = _exact(value)
    if number is None or number.denominator != 1:
        raise InputError(f"{name}: bad guarantee hours {value!r}: write a whole number of hours such as 2")
    return int(number)


def _exact(value: Any) -> Fraction | None:
    """A finite number as an exact Fraction (a float as the decimal it prints as); None for
    anything else, bools included."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, Fraction)):
        return Fraction(value)
    if isinstance(value, Decimal):
        return Fraction(value) if value.is_finite() else None
    if isinstance(value, float):
        return Fraction(repr(value)) if math.isfinite(value) else None
    return None


def _kind(value: Any) -> str:
    """How a message names what was given instead: its type, or the types in a pair."""
    if isinstance(value, tuple) and len(value) <= 3:
        return f"({', '.join(type(item).__name__ for item in value)})"
    return type(value).__name__
