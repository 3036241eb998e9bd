"""Which severity an incident is, and why: the policy's rules over its text and facts.

A rule matches when one of its phrases is found in the text (see ``textmatch``) and all of its
facts hold, unless its ``unless`` facts hold. A phrase found inside a longer phrase found in the
same text is ignored: the longer one says more (``caída parcial`` is not a ``caída``). The most
severe matching severity wins and the others are listed; with no match the policy's default
severity applies and the result says so.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from slactl.sla import due as engine
from slactl.tickets.model import Ticket
from slactl.policy.communication import Communication
from slactl.policy.model import Note, Plan, Policy
from slactl.policy.severity import Facts, Match, Severity
from slactl.policy.target import Target
from slactl.sla.textmatch import Hit, Text


@dataclass(frozen=True, slots=True)
class Incident:
    """What the reporter said and the facts they gave; ``opened`` asks for due times."""

    text: str = ""
    facts: Facts = Facts()
    opened: datetime | None = None

    def __post_init__(self) -> None:
        if self.opened is not None and self.opened.utcoffset() is None:
            raise ValueError("opened must be an aware datetime")


@dataclass(frozen=True, slots=True)
class Inference:
    """A fact read from the text: ``applied`` is False when a given fact or a conflicting
    inference overrides it."""

    fact: str
    value: object
    hit: Hit
    applied: bool


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why one rule matched: the phrases found (as written in the text) and the facts that held."""

    severity: str
    rule: Match
    hits: tuple[Hit, ...] = ()
    facts: tuple[tuple[str, object], ...] = ()


@dataclass(frozen=True, slots=True)
class PlanTargets:
    plan: Plan | None
    targets: tuple[Target, ...]
    deadlines: tuple = ()
    """``slactl.sla.due.Deadline`` per target when the incident has an opening time."""


@dataclass(frozen=True, slots=True)
class Classification:
    policy: Policy
    severity: Severity
    matched: tuple[Evidence, ...]
    also: tuple[tuple[Severity, tuple[Evidence, ...]], ...]
    default_used: bool
    facts: Facts
    inferred: tuple[Inference, ...]
    targets: tuple[PlanTargets, ...]
    protocol: tuple[str, ...]
    communications: tuple[Communication, ...]
    notes: tuple[Note, ...]


def classify(policy: Policy, incident: Incident, plan: Plan | None = None) -> Classification:
    """Classify ``incident`` under ``policy``; ``plan`` (or the default plan, or else every
    plan) gives the targets."""
    text = Text.of(incident.text)
    inferred = infer_facts(policy, text, incident.facts)
    facts = _merge(incident.facts, inferred)
    evidence = _evidence(policy, text, facts)
    by_severity = [(s, tuple(e for e in evidence if e.severity == s.id)) for s in policy.severities]
    matched = [(s, e) for s, e in by_severity if e]
    if matched:
        (chosen, why), also = matched[0], tuple(matched[1:])
    else:
        chosen, why, also = policy.severity(policy.default_severity), (), ()
    return Classification(
        policy=policy, severity=chosen, matched=why, also=also, default_used=not matched,
        facts=facts, inferred=inferred, targets=_targets(policy, chosen, plan, incident.opened, facts),
        protocol=policy.protocol_for(chosen), communications=policy.communications_for(chosen),
        notes=applicable_notes(policy, chosen, text, facts),
    )


def infer_facts(policy: Policy, text: Text, given: Facts) -> tuple[Inference, ...]:
    """Facts the policy reads from the text; a fact given explicitly or inferred with two
    different values is not applied."""
    hits = [(rule, hit) for rule in policy.facts_from_text for hit in text.find_any(rule.phrases)]
    found, seen = [], set()
    for rule, hit in hits:
        if rule in seen or any(hit.inside(other) for _, other in hits):
            continue
        seen.add(rule)
        found.extend((key, value, hit) for key, value in rule.facts.items())
    values: dict[str, set] = {}
    for key, value, _ in found:
        values.setdefault(key, set()).add(value)
    return tuple(
        Inference(key, value, hit, getattr(given, key) is None and len(values[key]) == 1)
        for key, value, hit in found
    )


def applicable_notes(policy: Policy, severity: Severity, text: Text, facts: Facts) -> tuple[Note, ...]:
    return tuple(
        note for note in policy.notes
        if (not note.severities or severity.id in note.severities)
        and (not note.when or any(_holds(rule, text, facts) for rule in note.when))
    )


def _merge(given: Facts, inferred: tuple[Inference, ...]) -> Facts:
    applied = {i.fact: i.value for i in inferred if i.applied}
    return replace(given, **applied) if applied else given


def _evidence(policy: Policy, text: Text, facts: Facts) -> list[Evidence]:
    candidates = []
    for severity in policy.severities:
        for rule in severity.rules:
            if not _facts_hold(rule, facts):
                continue
            hits = _distinct(text.find_any(rule.phrases)) if rule.phrases else ()
            if rule.phrases and not hits:
                continue
            candidates.append((severity.id, rule, hits))
    every_hit = [hit for _, _, hits in candidates for hit in hits]
    evidence = []
    for severity_id, rule, hits in candidates:
        kept = tuple(h for h in hits if not any(h.inside(other) for other in every_hit))
        if rule.phrases and not kept:
            continue
        required = rule.facts.items() if rule.facts else []
        evidence.append(Evidence(severity_id, rule, kept, tuple(required)))
    return evidence


def _distinct(hits: list[Hit]) -> tuple[Hit, ...]:
    """One hit per stretch of text (``se cayó`` found by both ``se cayo`` and ``se cayeron``)."""
    first: dict[tuple[int, int], Hit] = {}
    for hit in hits:
        first.setdefault((hit.start, hit.end), hit)
    return tuple(first.values())


def _facts_hold(rule: Match, facts: Facts) -> bool:
    if rule.facts is not None and not rule.facts.satisfied_by(facts):
        return False
    return rule.unless is None or not rule.unless.satisfied_by(facts)


def _holds(rule: Match, text: Text, facts: Facts) -> bool:
    return _facts_hold(rule, facts) and (not rule.phrases or bool(text.find_any(rule.phrases)))


def _targets(policy: Policy, severity: Severity, plan: Plan | None, opened: datetime | None,
             facts: Facts = Facts()) -> tuple[PlanTargets, ...]:
    plans = [plan] if plan is not None else [policy.default_plan] if policy.default_plan else list(policy.plans) or [None]
    result = []
    for each in plans:
        flags = frozenset({"third_party"}) & policy.flags if facts.third_party else frozenset()
        deadlines = engine.due(Ticket(policy, severity, each, opened, flags=flags)) if opened is not None else ()
        result.append(PlanTargets(each, policy.targets(severity, each), deadlines))
    return tuple(result)
