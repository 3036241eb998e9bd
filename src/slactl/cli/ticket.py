"""What ``due`` and ``comms`` are asked about: one ticket of one provider, with its instants
read in the provider's zone and checked against each other."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from slactl.errors import InputError

if TYPE_CHECKING:
    from slactl.policy.model import Plan, Policy, PolicySet
    from slactl.policy.severity import Severity


@dataclass(frozen=True, slots=True)
class Ticket:
    policy: Policy
    severity: Severity
    plan: Plan | None
    opened: datetime
    resolved: datetime | None
    shown_zone: tzinfo

    @property
    def shown_zone_name(self) -> str:
        from slactl.businesstime.zones import zone_name

        return zone_name(self.shown_zone)

    def time(self, text: str, clock: datetime, what: str) -> datetime:
        """Another instant of this ticket (``--now``, ``--until``), local to the provider."""
        from slactl.tickets.times import parse_time

        return parse_time(text, self.policy.zone, clock, what=what)


def ticket(policies: PolicySet, provider: str, severity: str, plan: str | None, opened: str,
           resolved: str | None, tz: str | None, clock: datetime) -> Ticket:
    """Resolve the ids and read the instants; ``--resolved`` may not precede ``--opened``."""
    from slactl.tickets.times import parse_time
    from slactl.businesstime.zones import parse_zone

    policy = policies.get(provider)
    chosen_severity = policy.severity(severity)
    chosen_plan = policy.plan(plan)
    opened_at = parse_time(opened, policy.zone, clock, what="--opened")
    resolved_at = parse_time(resolved, policy.zone, clock, what="--resolved") if resolved else None
    if resolved_at is not None and resolved_at < opened_at:
        raise InputError("--resolved is before --opened")
    shown_zone = parse_zone(tz) if tz else policy.zone
    return Ticket(policy, chosen_severity, chosen_plan, opened_at, resolved_at, shown_zone)
