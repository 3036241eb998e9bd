"""A classification as JSON and as text that explains itself."""

from __future__ import annotations

from typing import Any

from slactl.sla.classify import Classification, Evidence, PlanTargets
from slactl.render.due import deadline_json
from slactl.render.output import console, local, table
from slactl.render.policy import communication_json, target_json
from slactl.policy.target import Bound


def evidence_json(item: Evidence) -> list[dict[str, Any]]:
    """One entry per phrase found, or one for a rule of facts alone."""
    base = {"severity": item.severity, "rule": item.rule.label, "facts": dict(item.facts) or None}
    if not item.hits:
        return [{**base, "phrase": None, "quote": None}]
    return [{**base, "phrase": hit.phrase, "quote": hit.quote} for hit in item.hits]


def classification_json(result: Classification) -> dict[str, Any]:
    policy, severity = result.policy, result.severity
    return {
        "provider": policy.id,
        "severity": severity.id,
        "label": severity.label,
        "matched": [entry for item in result.matched for entry in evidence_json(item)],
        "default_used": result.default_used,
        "also_matched": [
            {"severity": s.id, "label": s.label, "matched": [e for item in why for e in evidence_json(item)]}
            for s, why in result.also
        ],
        "facts": dict(result.facts.items()),
        "inferred": [
            {"fact": i.fact, "value": i.value, "phrase": i.hit.phrase, "quote": i.hit.quote, "applied": i.applied}
            for i in result.inferred
        ],
        "targets": [_plan_json(result, item) for item in result.targets],
        "protocol": list(result.protocol),
        "communications": [communication_json(c) for c in result.communications],
        "notes": [{"text": n.text, "source": n.source} for n in result.notes],
    }


def _plan_json(result: Classification, item: PlanTargets) -> dict[str, Any]:
    data: dict[str, Any] = {"plan": item.plan.id if item.plan else None,
                            "targets": [target_json(t) for t in item.targets]}
    if item.deadlines:
        data["due"] = [deadline_json(d, result.policy.zone) for d in item.deadlines]
    return data


def print_classification(result: Classification) -> None:
    out = console()
    policy, severity = result.policy, result.severity
    out.print(f"{policy.name}: {severity.id} ({severity.label})")
    if result.default_used:
        out.print(f"no rule matched: using the policy's default severity {severity.id!r}")
    for line in _why(result.matched):
        out.print(f"  matched: {line}")
    for fact in result.inferred:
        state = "" if fact.applied else " (not applied: given on the command line or contradicted)"
        out.print(f"  fact {fact.fact}={_value(fact.value)} inferred from {fact.hit.quote!r}{state}")
    if result.facts.items():
        out.print("  facts: " + ", ".join(f"{k}={_value(v)}" for k, v in result.facts.items()))
    for other, why in result.also:
        out.print(f"  also matched {other.id} ({other.label}): " + "; ".join(_why(why)) + " - less severe, not chosen")
    _print_targets(out, result)
    if result.protocol:
        out.print("Protocol")
        for number, step in enumerate(result.protocol, 1):
            out.print(f"  {number}. {step}")
    if result.communications:
        grid = table("channel", "when", "what", title="Communications owed")
        for item in result.communications:
            grid.add_row(item.channel, _when(item), item.what)
        out.print(grid)
    for note in result.notes:
        out.print(f"note: {note.text}")


def _why(evidence: tuple[Evidence, ...]) -> list[str]:
    lines = []
    for item in evidence:
        rule = f" (rule: {item.rule.label})" if item.rule.label else ""
        facts = ", ".join(f"{k}={_value(v)}" for k, v in item.facts)
        quotes = ", ".join(repr(h.quote) for h in item.hits)
        parts = [p for p in (quotes, f"facts {facts}" if facts else "") if p]
        lines.append(" with ".join(parts) + rule)
    return lines


def _print_targets(out, result: Classification) -> None:
    rows = [(item.plan, t, d) for item in result.targets
            for t, d in zip(item.targets, item.deadlines or [None] * len(item.targets))]
    if not rows:
        out.print("Targets: none for this severity" + (" on this plan" if result.targets[0].plan else ""))
        return
    show_plan = len(result.targets) > 1
    opened = any(item.deadlines for item in result.targets)
    grid = table(*(["plan"] if show_plan else []), "target", "promise", "calendar", *(["due"] if opened else []),
                 title="Targets" + (f" (plan {result.targets[0].plan.id})" if not show_plan and result.targets[0].plan else ""))
    for plan, target, deadline in rows:
        row = [*([plan.id] if show_plan else []), target.name, target.promise(), target.calendar or "-"]
        if opened:
            row.append(_due(deadline, result.policy.zone))
        grid.add_row(*row)
    out.print(grid)
    if show_plan:
        out.print("(no plan chosen: targets for every plan; pick one with --plan)")


def _due(deadline, zone) -> str:
    if deadline.due is not None:
        excluded = f" (excluded: {deadline.reason})" if deadline.reason else ""
        return local(deadline.due, zone) + excluded
    if deadline.target.bound is Bound.NONE:
        return "-"
    if deadline.start is None:
        return f"counts from {deadline.target.start}"
    return f"not before {local(deadline.earliest, zone)}" if deadline.earliest else "-"


def _when(item) -> str:
    if item.recurring:
        return f"every {item.every} while unresolved"
    text = f"at {item.when}" if item.after.is_zero else f"{item.after} after {item.when}"
    return text + (f", for {item.until}" if item.until else "")


def _value(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)
