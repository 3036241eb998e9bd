"""A provider's policy and the set of active policies, with id lookup and suggestions."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import tzinfo

from slactl.contracts.model import Credits
from slactl.policy.communication import Communication
from slactl.errors import InputError
from slactl.policy.pricing import Pricing
from slactl.policy.calendar import Calendar
from slactl.policy.severity import DecisionTable, Match, Severity
from slactl.policy.names import fold
from slactl.policy.target import TARGET_ORDER, Target


STATUSES = ("new", "open", "in-progress", "pending", "on-hold", "waiting-on-customer", "waiting-on-third-party",
            "solved", "resolved", "closed")
"""Ticket statuses slactl knows for every policy (the help desks' common ones); a policy's
``pause_statuses`` are known too, and only those stop the clocks."""


@dataclass(frozen=True, slots=True)
class Plan:
    """One support plan of a provider (Athento's Starter to Enterprise): ``calendar`` names the
    attention hours its targets count on ("Atención 10-17 LV"), ``contacts`` and
    ``tickets_per_year`` its limits (None: none stated; "Hasta 50 tickets incluidos al año"),
    ``targets`` per severity id override the severity's; ``default`` is the plan used when none
    is chosen."""

    id: str
    label: str
    calendar: str | None = None
    default: bool = False
    contacts: int | None = None
    tickets_per_year: int | None = None
    channels: tuple[str, ...] = ()
    targets: tuple[tuple[str, tuple[Target, ...]], ...] = ()
    source: str | None = None
    assumption: str | None = None

    def targets_for(self, severity_id: str) -> tuple[Target, ...]:
        """The plan's own targets for the severity ``severity_id`` (as written, before
        ``Policy.targets`` merges and orders them); ``()`` when the plan sets none."""
        return dict(self.targets).get(severity_id, ())


@dataclass(frozen=True, slots=True)
class Note:
    """A caveat of the policy (``show`` lists it; ``classify`` when it applies): ``text``, the
    seed sentence in ``source``, for the ``severities`` named (empty: every one) and only when
    one of the ``when`` rules holds (empty: always). Athento: "Este tiempo sólo aplicará en el caso de que la solución dependa al 100% de
    Athento"."""

    text: str
    source: str | None = None
    severities: tuple[str, ...] = ()
    when: tuple[Match, ...] = ()


@dataclass(frozen=True, slots=True)
class Policy:
    """One provider's policy, as ``build.policy`` makes it from a checked file: its ``zone`` (an
    IANA zone or a fixed offset, IVCISA's "GMT-5") and that zone's name, ``severities`` most
    severe first, ``calendars`` (``24x7`` first), ``plans``, the protocol, communications and
    notes owed, what classify reads (``facts_from_text``, ``decisions``), Express ``pricing``,
    the statuses that pause the clocks, ``on_reopen`` (``resume`` or ``restart``), service
    ``credits``, ``beyond_quota``, and the ``file`` and ``line`` it was read from."""

    id: str
    name: str
    zone: tzinfo
    zone_name: str
    severities: tuple[Severity, ...]
    default_severity: str
    calendars: tuple[Calendar, ...] = ()
    plans: tuple[Plan, ...] = ()
    protocol: tuple[str, ...] = ()
    communications: tuple[Communication, ...] = ()
    notes: tuple[Note, ...] = ()
    facts_from_text: tuple[Match, ...] = ()
    decisions: DecisionTable = DecisionTable()
    pricing: Pricing | None = None
    pause_statuses: tuple[str, ...] = ()
    on_reopen: str = "resume"
    credits: Credits | None = None
    beyond_quota: str | None = None
    assumptions: tuple[str, ...] = ()
    source: str | None = None
    file: str = ""
    line: int = 1

    @property
    def default_plan(self) -> Plan | None:
        """The first plan marked ``default``, or None (no plans, or none marked)."""
        return next((p for p in self.plans if p.default), None)

    def calendar(self, name: str) -> Calendar:
        """The calendar called ``name``: ``24x7`` (built in, always first in ``calendars``) or one
        the policy declares. Raises ``InputError`` for another name."""
        for calendar in self.calendars:
            if calendar.name == name:
                return calendar
        raise InputError(f"{self.id}: unknown calendar {name!r}")

    def status(self, name: str) -> str:
        """A ticket status as the policy knows it: one of ``STATUSES`` or of ``pause_statuses``
        (case and accents ignored; dashes, underscores and runs of spaces read as one space:
        "In_Progress" is "in progress", "inprogress" is not). Raises ``InputError`` with the
        close ones."""
        wanted = fold(name)
        known = list(dict.fromkeys((*STATUSES, *self.pause_statuses)))
        for status in known:
            if fold(status) == wanted:
                return status
        raise InputError(f"unknown status {name!r} for {self.id}{_suggest(name, known)}")

    @property
    def flags(self) -> frozenset[str]:
        """Every exclusion flag a target of the policy names (``applies_unless``)."""
        targets = [t for s in self.severities for t in s.targets] + [t for p in self.plans for _, ts in p.targets for t in ts]
        return frozenset(flag for target in targets for flag in target.applies_unless)

    def severity(self, name: str) -> Severity:
        """The severity called ``name``: its id, label or an alias (case and accents ignored,
        ``-`` and ``_`` read as spaces). Raises ``InputError`` (``unknown severity``) with the
        close ones."""
        wanted = fold(name)
        for severity in self.severities:
            if wanted in severity.names():
                return severity
        choices = [s.id for s in self.severities]
        raise InputError(f"unknown severity {name!r} for {self.id}"
                         f"{_suggest(name, choices, {a: s.id for s in self.severities for a in s.names()})}")

    def plan(self, name: str | None, *, field: str = "--plan") -> Plan | None:
        """The named plan (by id or label, case and accents ignored), the default plan, or None
        when the policy has no plans. Raises ``InputError`` when a policy with plans and no
        default gets none, or a policy without plans gets one; ``field`` says where the plan
        is given (``--plan``, ``the plan column``, ``plan=``)."""
        if name is None:
            if self.plans and self.default_plan is None:
                raise InputError(f"{self.id} has plans and no default: choose one with {field} ({', '.join(p.id for p in self.plans)})")
            return self.default_plan
        if not self.plans:
            raise InputError(f"{self.id} has no plans; drop {field} {name!r}")
        wanted = fold(name)
        for plan in self.plans:
            if wanted in (fold(plan.id), fold(plan.label)):
                return plan
        raise InputError(f"unknown plan {name!r} for {self.id}{_suggest(name, [p.id for p in self.plans])}")

    def targets(self, severity: Severity, plan: Plan | None, *, field: str = "--plan") -> tuple[Target, ...]:
        """The severity's targets, overridden by the plan's, in the canonical order, with
        ``plan`` calendars resolved to the plan's calendar (``InputError`` without a plan)."""
        merged = {t.name: t for t in severity.targets}
        if plan is not None:
            merged.update({t.name: t for t in plan.targets_for(severity.id)})
        resolved = []
        for target in merged.values():
            if target.calendar == "plan":
                calendar = plan.calendar if plan else None
                if calendar is None:
                    raise InputError(f"{self.id}: the {target.name} target of {severity.id} counts on the plan's calendar; choose a plan with {field}")
                target = replace(target, calendar=calendar)
            resolved.append(target)
        return tuple(sorted(resolved, key=lambda t: TARGET_ORDER.index(t.name)))

    def communications_for(self, severity: Severity) -> tuple[Communication, ...]:
        """The communications owed for ``severity``: its own when it lists any (Conecta's
        "Reportamos en el estado del servicio cada 4 horas"), else the policy's (not merged)."""
        return severity.communications or self.communications

    def protocol_for(self, severity: Severity) -> tuple[str, ...]:
        """The protocol steps for ``severity``, in order: its own when it lists any, else the
        policy's (not merged)."""
        return severity.protocol or self.protocol

    def rank(self, severity_id: str) -> int:
        """0 for the most severe."""
        return [s.id for s in self.severities].index(severity_id)


def _suggest(name: str, choices: Iterable[str], also: dict[str, str] | None = None) -> str:
    """``; did you mean 'x'? (choose from: ...)``. ``also`` maps other names (aliases) to the
    choice each one means: a close alias suggests that choice, so a suggestion never names an
    alias that means something else than it seems ('production' is IVCISA's production-active)."""
    import difflib  # only for a mistyped name

    choices = list(choices)
    names = {**(also or {}), **{choice: choice for choice in choices}}
    closest: dict[str, str] = {}  # the choice -> the closest name of it
    for found in difflib.get_close_matches(fold(name), list(names), n=3, cutoff=0.5):
        closest.setdefault(names[found], found)
    shown = [repr(found) if found == choice else f"{found!r} ({choice})" for choice, found in closest.items()]
    text = f"; did you mean {' or '.join(shown)}?" if shown else ""
    return text + f" (choose from: {', '.join(choices)})"


@dataclass(frozen=True, slots=True)
class PolicySet:
    """The policies in use (the bundled ones, or the files given), in the order their files
    were read; iterable, with ``len``."""

    policies: tuple[Policy, ...] = field(default_factory=tuple)

    def get(self, provider: str) -> Policy:
        """The policy whose id is ``provider`` (case and accents ignored, ``-`` and ``_`` read as
        spaces). Raises ``InputError`` (``unknown provider``) with the close ids and every id."""
        wanted = fold(provider)
        for policy in self.policies:
            if fold(policy.id) == wanted:
                return policy
        ids = [p.id for p in self.policies]
        raise InputError(f"unknown provider {provider!r}{_suggest(provider, ids)}")

    def __iter__(self):
        return iter(self.policies)

    def __len__(self) -> int:
        return len(self.policies)
