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
        return dict(self.targets).get(severity_id, ())


@dataclass(frozen=True, slots=True)
class Note:
    text: str
    source: str | None = None
    severities: tuple[str, ...] = ()
    when: tuple[Match, ...] = ()


@dataclass(frozen=True, slots=True)
class Policy:
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
        (case, accents, spaces and dashes ignored). Raises ``InputError`` with the close ones."""
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
        wanted = fold(name)
        for severity in self.severities:
            if wanted in severity.names():
                return severity
        choices = [s.id for s in self.severities]
        raise InputError(f"unknown severity {name!r} for {self.id}{_suggest(name, choices, [a for s in self.severities for a in s.names()])}")

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
            raise InputError(f"{self.id} has no plans; drop {field} {name}")
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
        return severity.communications or self.communications

    def protocol_for(self, severity: Severity) -> tuple[str, ...]:
        return severity.protocol or self.protocol

    def rank(self, severity_id: str) -> int:
        """0 for the most severe."""
        return [s.id for s in self.severities].index(severity_id)


def _suggest(name: str, choices: Iterable[str], also: Iterable[str] = ()) -> str:
    import difflib  # only for a mistyped name

    near = difflib.get_close_matches(fold(name), list(choices) + list(also), n=3, cutoff=0.5)
    near = list(dict.fromkeys(near))
    text = f"; did you mean {' or '.join(repr(n) for n in near)}?" if near else ""
    return text + f" (choose from: {', '.join(choices)})"


@dataclass(frozen=True, slots=True)
class PolicySet:
    policies: tuple[Policy, ...] = field(default_factory=tuple)

    def get(self, provider: str) -> Policy:
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
