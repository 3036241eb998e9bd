"""A classification as JSON and as text that explains itself: the concepts read, the facts
weighed, the rows and rules that matched, or why there is no severity."""

from __future__ import annotations

from typing import Any

from slactl.policy.severity import Decision
from slactl.policy.target import Bound
from slactl.render.output import console, local, table
from slactl.render.policy import communication_json, target_json
from slactl.sla.classify import FACT_NAMES, READ_LIMIT, Classification, Evidence, PlanTargets
from slactl.sla.cues import MISSING, of_the_text
from slactl.sla.lexicon import lexicon
from slactl.sla.reading import UNKNOWN, FactRead

_FACT_FLAGS = {"env": "--env production or --env non-production"}


def evidence_json(item: Evidence) -> list[dict[str, Any]]:
    """One entry per word found (a table row: per concept word), or one for facts alone."""
    row = item.rule if isinstance(item.rule, Decision) else None
    base = {"severity": item.severity, "rule": item.rule.label, "facts": dict(item.facts) or None,
            "source": row.source if row else None}
    if not item.hits:
        return [{**base, "concept": None, "phrase": None, "quote": None}]
    concepts = item.concepts if row else (None,) * len(item.hits)
    return [{**base, "concept": concept, "phrase": hit.phrase, "quote": hit.quote}
            for concept, hit in zip(concepts, item.hits)]


def classification_json(result: Classification) -> dict[str, Any]:
    """``classify --json``: provider, severity and label (None when a required fact is
    ``missing``, then ``candidates`` says what each value would give), confidence, the concepts
    and facts read, the evidence ``matched`` (one entry per word) and ``also_matched``, whether
    the default severity was used, the facts given and inferred, targets per plan (with ``due``
    when the incident has an opening time), protocol, communications owed and notes."""
    policy, severity = result.policy, result.severity
    labels = {entry.id: entry.label for entry in lexicon().concepts}
    return {
        "provider": policy.id,
        "severity": severity.id if severity else None,
        "label": severity.label if severity else None,
        "confidence": result.confidence,
        "concepts": [{"concept": found.concept, "label": labels[found.concept], "words": [h.quote for h in found.hits]}
                     for found in result.reading.concepts],
        "read": {fact.fact: _fact_json(fact) for fact in result.reading.facts},
        "matched": [entry for item in result.matched for entry in evidence_json(item)],
        "default_used": result.default_used,
        "default_severity": policy.default_severity,
        "table_severity": result.table,
        "weighed": _weighed_json(result),
        "missing": list(result.missing),
        "truncated": result.truncated,
        "candidates": [{"facts": dict(values), "severity": s.id, "label": s.label} for values, s in result.candidates],
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


def _weighed_json(result: Classification) -> dict[str, Any] | None:
    """The weighed cues' answer (``sla.cues``) and whether it ``decided``; None when they were
    not asked (a fact given as a flag, a policy without a model, a text that says too little)."""
    weighed = result.weighed
    if weighed is None:
        return None
    return {"severity": weighed.severity, "probability": round(weighed.probability, 3), "decided": result.weighed_decides,
            "shares": {severity: round(share, 3) for severity, share in weighed.shares},
            "cues": [{"cue": cue, "words": words or None, "weight": weight} for cue, words, weight in weighed.cues]}


def _fact_json(fact: FactRead) -> dict[str, Any]:
    return {"value": fact.value, "words": [h.quote for h in fact.hits], "given": fact.given, "note": fact.note or None}


def _plan_json(result: Classification, item: PlanTargets) -> dict[str, Any]:
    data: dict[str, Any] = {"plan": item.plan.id if item.plan else None,
                            "targets": [target_json(t) for t in item.targets]}
    if item.deadlines:
        data["due"] = [deadline_json(d, result.policy.zone) for d in item.deadlines]
    return data


def deadline_json(deadline, zone) -> dict[str, Any]:
    """One target's due time as ``due --json`` writes it (``render.due.deadline_json``),
    instants in ``zone``; that module is imported only when due times are asked for."""
    from slactl.render.due import deadline_json as due_json  # only with --opened

    return due_json(deadline, zone)


def print_classification(result: Classification) -> None:
    """Print ``result`` as text on stdout: severity and confidence, what was read, why it
    matched (and what else did, less severe), targets (due times when opened), protocol,
    communications owed and notes; without a severity, the missing fact, the flag that gives
    it (``--env``) and what each value would give."""
    out = console()
    policy, severity = result.policy, result.severity
    if severity is None:
        _print_undecided(out, result)
        return
    out.print(f"{policy.name}: {severity.id} ({severity.label})", markup=False)
    out.print(f"  confidence: {result.confidence}", markup=False)
    _print_reading(out, result)
    if result.weighed is not None:
        _print_weighed(out, result)
    if result.default_used:
        default = policy.severity(policy.default_severity)
        out.print(f"  no rule matched and no concept gave a severity: falling back to the policy's default "
                  f"severity {default.id!r} ({default.label})", markup=False)
    for line in _why(result.matched):
        out.print(f"  matched: {line}", markup=False)
    rank = {s.id: index for index, s in enumerate(policy.severities)}
    for other, why in result.also:
        side = "less" if rank[other.id] > rank[severity.id] else "more"
        out.print(f"  also matched {other.id} ({other.label}): " + "; ".join(_why(why)) + f" - {side} severe, not chosen",
                  markup=False)
    _print_targets(out, result)
    if result.protocol:
        out.print("Protocol")
        for number, step in enumerate(result.protocol, 1):
            out.print(f"  {number}. {step}", markup=False)
    if result.communications:
        grid = table("channel", "when", "what", title="Communications owed")
        for item in result.communications:
            grid.add_row(item.channel, _when(item), item.what)
        out.print(grid)
    _print_notes(out, result)


def _print_weighed(out, result: Classification) -> None:
    """The weighed cues' line: their answer and probability, the cues that pulled most towards
    it, and what the table alone answered when that differs (or that its answer stood)."""
    weighed = result.weighed
    assert weighed is not None
    shown = [f"{_cue(cue)} {words!r}" if words else _cue(cue) for cue, words, _ in weighed.cues
             if _readable_cue(cue)]
    missing = weighed.severity.startswith(MISSING)
    fact = weighed.severity[len(MISSING):]
    said = f"the text does not say the {FACT_NAMES.get(fact, fact)}" if missing else weighed.severity
    out.print(f"  weighed cues: {said} with probability {weighed.probability:.2f}"
              + (f"; strongest: {', '.join(shown)}" if shown else ""), markup=False)
    if not result.weighed_decides and result.severity is None:
        if not missing:
            out.print("  not sure enough to name a severity the text does not decide", markup=False)
    elif not result.weighed_decides:
        out.print("  the table's answer stands: the weighed cues are not sure enough to overrule it", markup=False)
    elif result.table is None:
        names = " and the ".join(FACT_NAMES[fact] for fact in result.missing)
        out.print(f"  the decision table alone: no severity without the {names}", markup=False)
        for values, severity in result.candidates:
            assumed = ", ".join(f"{fact} {value}" for fact, value in values)
            out.print(f"  with {assumed}: {severity.id} ({severity.label})", markup=False)
    elif result.table != weighed.severity:
        default = " (its default: no row or rule matched)" if not result.matched and not result.also else ""
        out.print(f"  the decision table alone: {result.table}{default} - overruled by the weighed cues", markup=False)


def _readable_cue(cue: str) -> bool:
    """A cue a reader can check against the text or the table: a word, words, a concept, a fact
    the text states, the table's answer; not the model's bookkeeping (the table's confidence,
    its default, the less severe rows it also matched, a fact not stated)."""
    return of_the_text(cue) or cue.startswith("table:")


def _cue(cue: str) -> str:
    """A cue as a reader says it: ``word``, ``words``, ``concept mail-failure``, ``scope part``, ``table major``."""
    kind, _, name = cue.partition(":")
    if kind == "f":
        fact, _, value = name.partition("=")
        return f"{fact} {value}"
    said = {"w": "word", "b": "words", "c": "concept", "table": "table", "also": "also matched",
            "confidence": "table confidence", "default": "the table's default"}.get(kind, kind)
    return f"{said} {name}" if name and kind not in ("w", "b") else said


def _print_undecided(out, result: Classification) -> None:
    missing = " and the ".join(FACT_NAMES[fact] for fact in result.missing)
    out.print(f"{result.policy.name}: no severity: the policy needs the {missing}, and neither the text nor a flag "
              f"gives it", markup=False)
    out.print("  confidence: none", markup=False)
    _print_reading(out, result)
    if result.weighed is not None:
        _print_weighed(out, result)
    for fact in result.missing:
        if fact in _FACT_FLAGS:
            out.print(f"  give it with {_FACT_FLAGS[fact]}", markup=False)
    for values, severity in result.candidates:
        assumed = ", ".join(f"{fact} {value}" for fact, value in values)
        out.print(f"  with {assumed}: {severity.id} ({severity.label})", markup=False)
    _print_notes(out, result)


def _print_reading(out, result: Classification) -> None:
    reading = result.reading
    if result.truncated:
        out.print(f"  read: the first {READ_LIMIT:,} characters of the text only", markup=False)
    if reading.concepts:
        out.print("  concepts: " + "; ".join(f"{found.concept} " + _quotes(found.hits)
                                             for found in reading.concepts), markup=False)
    else:
        out.print("  concepts: none read in the text", markup=False)
    read = [_fact_line(fact) for fact in reading.facts if fact.value != UNKNOWN]
    if read:
        out.print("  facts read: " + "; ".join(read), markup=False)
    shown = {(fact.fact, fact.value) for fact in reading.facts if fact.value != UNKNOWN}
    for fact in result.inferred:
        if fact.value == UNKNOWN or (fact.applied and (fact.fact, fact.value) in shown):
            continue  # said once, under facts read
        given = fact.fact in FACT_NAMES and reading.fact(fact.fact).given  # a fact read from the text itself
        state = "" if fact.applied else (" (not applied: given on the command line)" if given
                                         else " (not applied: the text also says otherwise, or a flag gave it)")
        out.print(f"  fact {fact.fact}={_value(fact.value)} inferred from {fact.hit.quote!r}{state}", markup=False)
    extra = [(k, v) for k, v in result.facts.items() if (k, v) not in shown]
    if extra:
        out.print("  facts: " + ", ".join(f"{k}={_value(v)}" for k, v in result.facts.items()), markup=False)


SHOWN_QUOTES = 5


def _quotes(hits) -> str:
    """The words of ``hits`` as quoted, each once, the first ``SHOWN_QUOTES`` of them: a long
    text that says 'caído' four hundred times shows it once (``--json`` lists every hit)."""
    distinct = list(dict.fromkeys(hit.quote for hit in hits))
    shown = ", ".join(repr(quote) for quote in distinct[:SHOWN_QUOTES])
    return shown + (f" (and {len(distinct) - SHOWN_QUOTES} more)" if len(distinct) > SHOWN_QUOTES else "")


def _fact_line(fact: FactRead) -> str:
    words = _quotes(fact.hits)
    how = "given" if fact.given else words
    note = f" - {fact.note}" if fact.note else ""
    return f"{fact.fact} {fact.value}" + (f" ({how})" if how else "") + note


def _print_notes(out, result: Classification) -> None:
    for note in result.notes:
        out.print(f"note: {note.text}", markup=False)


def _why(evidence: tuple[Evidence, ...]) -> list[str]:
    lines = []
    for item in evidence:
        quotes = _quotes(item.hits)
        facts = ", ".join(f"{k}={_value(v)}" for k, v in item.facts)
        if isinstance(item.rule, Decision):
            said = f"{', '.join(dict.fromkeys(item.concepts))}" if item.concepts else "facts"
            detail = f" with {facts}" if facts else ""
            lines.append(" ".join(p for p in (quotes, f'({said}{detail}; row: "{item.rule.source}")') if p))
            continue
        rule = f" (rule: {item.rule.label})" if item.rule.label else ""
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
    only = result.targets[0].plan
    grid = table(*(["plan"] if show_plan else []), "target", "promise", "calendar", *(["due"] if opened else []),
                 title="Targets" + (f" (plan {only.id})" if not show_plan and only else ""))
    for plan, target, deadline in rows:
        row = [*([plan.id if plan else "-"] if show_plan else []), target.name, target.promise(), target.calendar or "-"]
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
