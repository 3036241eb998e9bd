"""Which severity an incident is, and why: the shared lexicon read in the text, the provider's
decision table, and the provider's own rules.

The text is read once (``reading``): the concepts it reports (service down, mail failure,
question...) with the words that said them, and four facts (environment, scope, cause,
exposure), flags winning over the text. Each row of the policy's decision table that holds gives
its severity; so does each of the policy's own rules (its phrases, or the facts given as flags).
The most severe wins and the others are listed. When the table ``requires`` a fact nobody gave
(IVCISA's environment) and its values would give different severities, no severity is named: the
result lists what each value would give. With
nothing matched, the policy's default severity applies and the result says so. Then the
weighed cues (``sla.cues``, a model learned for the bundled policy's exact table) may have the
last word: see ``classify``.

``confidence`` is ``high`` when a table row decided with every fact it tests known, or a rule on
a fact given as a flag; ``low`` when the winner rests on a fact nothing stated (``unknown``), only
on a phrase, or when a required fact is missing but each of its values gives the same severity;
``none`` when nothing matched, or the values of a missing fact give different severities. A
text that is mostly not words (fewer than half of its letters in words of Spanish or English:
random bytes, a dump, base64) gives no ``high`` answer from what was read in it, and a note
says so: what was found there may be chance. Facts given as flags still decide with ``high``.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, replace
from datetime import datetime
from itertools import product
from typing import Any

from slactl.policy.communication import Communication
from slactl.policy.model import Note, Plan, Policy
from slactl.policy.severity import Decision, Facts, Match, Severity
from slactl.policy.target import Target
from slactl.sla.cues import Answer, Weighed, cues, weigh
from slactl.sla.lexicon import lexicon
from slactl.sla.reading import UNKNOWN, Reading, read
from slactl.sla.textmatch import Hit, Text

HIGH, LOW, NONE = "high", "low", "none"
FACT_NAMES = {"env": "environment", "scope": "scope", "cause": "cause", "exposure": "exposure"}
READ_LIMIT = 50_000
"""Characters of an incident text that are read: a report, however long its signature or the
thread quoted below it, says what happened well before this (and a text a thousand times
longer would take seconds to read)."""
MOSTLY_WORDS = 0.5
"""The share of a text's letters in words of the languages below which it is mostly not words."""
SURE = 0.8
"""The weighed cues' probability from which their answer has ``high`` confidence."""
DECIDES = 0.5
"""The weighed cues' probability from which they overrule the table (chosen on hold-outs 4
and 5 and the unit tests' short reports, before hold-out 7 was run: docs/classification.md)."""
_GIVEN = {"impact": {"total": "everything", "partial": "part", "minor": "function"},
          "privacy": {"materialized": "materialized", "vulnerability": "potential"}}


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
    """Why one severity matched: a table row (``rule`` is a ``Decision``, ``facts`` the facts it
    tested, ``concepts`` the concept of each of ``hits``) or one of the policy's rules (a
    ``Match``); ``hits`` are the words as written."""

    severity: str
    rule: Match | Decision
    hits: tuple[Hit, ...] = ()
    facts: tuple[tuple[str, object], ...] = ()
    concepts: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class PlanTargets:
    """The chosen severity's targets under one ``plan`` (None: the policy has no plans), merged
    and ordered by ``Policy.targets``; one per plan shown (the plan given, else the default,
    else every plan)."""

    plan: Plan | None
    targets: tuple[Target, ...]
    deadlines: tuple = ()
    """``slactl.sla.due.Deadline`` per target when the incident has an opening time."""


@dataclass(frozen=True, slots=True)
class Classification:
    """``severity`` is None when a fact the table requires is ``missing``; ``candidates`` then
    pairs each assumed value (``(("env", "production"),)``) with the severity it would give."""

    policy: Policy
    severity: Severity | None
    matched: tuple[Evidence, ...]
    also: tuple[tuple[Severity, tuple[Evidence, ...]], ...]
    default_used: bool
    facts: Facts
    inferred: tuple[Inference, ...]
    targets: tuple[PlanTargets, ...]
    protocol: tuple[str, ...]
    communications: tuple[Communication, ...]
    notes: tuple[Note, ...]
    reading: Reading
    confidence: str
    missing: tuple[str, ...] = ()
    candidates: tuple[tuple[tuple[tuple[str, str], ...], Severity], ...] = ()
    truncated: bool = False
    """True when only the first ``READ_LIMIT`` characters of the text were read."""
    weighed: Weighed | None = None
    """The weighed cues' answer (``sla.cues``) when a model was learned for the policy and
    weighed this incident; it decides ``severity`` when ``weighed_decides``."""
    weighed_decides: bool = False
    """True when the weighed cues' answer is ``severity``; False when they were asked and the
    table's answer stood (they were less sure than ``DECIDES`` against it, or than ``SURE``
    about a missing fact)."""
    table: str | None = None
    """What the decision table and the policy's rules alone answered (their most severe
    match, else the default); None when a required fact is missing."""


def classify(policy: Policy, incident: Incident, plan: Plan | None = None, *, weighed: bool = True) -> Classification:
    """Classify ``incident`` under ``policy``; ``plan`` (or the default plan, or else every
    plan) gives the targets.

    The decision table and the policy's rules answer first (``table``). Then, with ``weighed``,
    when a model was learned for the policy's exact table (``sla.cues``), no fact was given as a
    flag, the text is mostly words and says enough to weigh, the weighed cues are asked: they
    decide (``weighed_decides``) when they agree with the table or give another severity a
    probability of at least ``DECIDES``; confidence is ``high`` at ``SURE`` or more unless they
    overrule what the table matched (``_weighed_confidence``). When a required fact is missing
    (IVCISA's environment), they may name the severity the text implies at ``SURE`` or more
    (``_implied``: low confidence, the fact still ``missing``), else the question stands.
    Facts given as flags are the reporter's own statements: the table decides on them.
    Raises ``InputError`` only through the targets (an ``opened`` out of range)."""
    text = Text.of(readable(incident.text[:READ_LIMIT]), lexicon().vocabulary)
    reading = read(text, lexicon(), _given(incident.facts))
    inferred = _env_inferred(reading, incident.facts) + infer_facts(policy, text, incident.facts)
    facts = _merge(incident.facts, inferred)
    missing = tuple(fact for fact in policy.decisions.requires if reading.value(fact) == UNKNOWN)
    candidates = _candidates(policy, text, reading, facts, missing) if missing else ()
    truncated = len(incident.text) > READ_LIMIT
    asked = weighed and not incident.facts.items() and reading.words >= MOSTLY_WORDS
    severity_ids = tuple(s.id for s in policy.severities)
    if candidates and len({severity.id for _, severity in candidates}) > 1:
        weighing = (weigh(policy.id, severity_ids, cues(text, reading, Answer(None, (), NONE, False)),
                          table_fingerprint(policy)) if asked else None)
        if weighing is None or weighing.severity not in severity_ids or weighing.probability < SURE:
            return Classification(
                policy=policy, severity=None, matched=(), also=(), default_used=False, facts=facts, inferred=inferred,
                targets=(), protocol=(), communications=(),
                notes=applicable_notes(policy, None, text, facts) + _noise(reading),
                reading=reading, confidence=NONE, missing=missing, candidates=candidates, truncated=truncated,
                weighed=weighing,
            )
        return _implied(policy, incident, plan, text, reading, facts, inferred, missing, candidates, weighing,
                        truncated)
    matched = _by_severity(policy, _evidence(policy, text, reading, facts))
    if matched:
        (chosen, why), also = matched[0], tuple(matched[1:])
    else:
        chosen, why, also = policy.severity(policy.default_severity), (), ()
    confidence = (_confidence(why, reading, incident.facts) if matched and not missing
                  else NONE if not matched else LOW)
    table = chosen.id
    weighing = None
    if asked and not missing:
        answer = Answer(chosen.id, tuple(s.id for s, _ in also), confidence, not matched)
        weighing = weigh(policy.id, severity_ids, cues(text, reading, answer), table_fingerprint(policy))
    decides = weighing is not None and weighing.severity in severity_ids and _overrides(weighing, table)
    if weighing is not None and not decides and weighing.severity != table and confidence == HIGH:
        confidence = LOW  # the table stands, but the weighed cues read it otherwise: no certainty
    if weighing is not None and decides:
        chosen = policy.severity(weighing.severity)
        why, also = _for(chosen, matched)
        confidence = _weighed_confidence(weighing, table, confidence)
    return Classification(
        policy=policy, severity=chosen, matched=why, also=also, default_used=not matched and not decides,
        facts=facts, inferred=inferred, targets=_targets(policy, chosen, plan, incident.opened, facts),
        protocol=policy.protocol_for(chosen), communications=policy.communications_for(chosen),
        notes=applicable_notes(policy, chosen, text, facts) + _noise(reading), reading=reading,
        confidence=confidence, truncated=truncated, weighed=weighing, weighed_decides=decides, table=table,
    )


_FOOTER = re.compile(r"^[ \t>]*(enviado desde (mi|el) [^\n]{1,40}|sent from my [^\n]{1,40}|get outlook for [^\n]{1,20}|"
                     r"obtener outlook para [^\n]{1,20}|enviado desde outlook para [^\n]{1,20})[ \t]*$",
                     re.IGNORECASE | re.MULTILINE)
"""A mail client's footer line ("Enviado desde mi iPhone", "Get Outlook for Android"): the
device it names is no report of a mail setup."""
_TERMINAL = re.compile(r"\x1b(\[[0-9;?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)?|[@-Z\\-_])|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def readable(text: str) -> str:
    """``text`` without terminal escape sequences (colours, titles) and control characters,
    which a report pasted from a terminal carries (``no \\x1b[31mcarga`` is ``no carga``, not
    ``no 31m carga``), and without a mail client's footer lines (``Enviado desde mi iPhone``).
    Line breaks and tabs stay."""
    return _FOOTER.sub("", _TERMINAL.sub("", text))


def table_fingerprint(policy: Policy) -> str:
    """A 64-bit fingerprint (two CRC-32s, hex) of what the decision table answers from: the
    severities and their rules, the table, the facts read from text and the default severity. A
    model learned for one table is used only for a policy with exactly that table
    (``sla.cues.weigh``). Not a cryptographic hash (``hashlib`` alone costs 7 ms of start-up):
    it tells an edited table from the bundled one, it does not resist a forger, who could only
    make their own policy use the bundled model."""
    data = repr((policy.default_severity, policy.decisions, tuple((s.id, s.rules) for s in policy.severities),
                 policy.facts_from_text)).encode()
    return f"{zlib.crc32(data):08x}{zlib.crc32(data[::-1]):08x}"


def _weighed_confidence(weighing: Weighed, table: str, table_confidence: str) -> str:
    """``high`` when the weighed cues are sure (``SURE``) and the table agrees, or matched
    nothing at all; ``low`` when they are less sure, or overrule what the table matched (two
    readings that disagree are no certainty)."""
    if weighing.probability < SURE:
        return LOW
    if weighing.severity != table and table_confidence != NONE:
        return LOW
    return HIGH


def _overrides(weighing: Weighed, table: str) -> bool:
    """True when the weighed cues decide: they agree with the table, or they give another
    severity with a probability of at least ``DECIDES`` (below it, the table's answer stands)."""
    return weighing.severity == table or weighing.probability >= DECIDES


def _implied(policy: Policy, incident: Incident, plan: Plan | None, text: Text, reading: Reading, facts: Facts,
             inferred: tuple[Inference, ...], missing: tuple[str, ...],
             candidates: tuple[tuple[tuple[tuple[str, str], ...], Severity], ...], weighing: Weighed,
             truncated: bool) -> Classification:
    """A required fact is not stated, but the weighed cues give one severity a probability of at
    least ``SURE`` (IVCISA: "la tienda en línea no carga para nadie" says production without the
    word): that severity, with ``low`` confidence and a note naming the fact nobody stated;
    ``candidates`` still say what each value would give."""
    chosen = policy.severity(weighing.severity)
    why, also = _for(chosen, _by_severity(policy, _evidence(policy, text, reading, facts)))
    names = " and the ".join(FACT_NAMES.get(fact, fact) for fact in missing)
    implied = Note(f"the {names} is not stated: the weighed cues give {chosen.id} with probability "
                   f"{weighing.probability:.2f} from the text as a whole; state it (--env) to be sure")
    return Classification(
        policy=policy, severity=chosen, matched=why, also=also, default_used=False, facts=facts, inferred=inferred,
        targets=_targets(policy, chosen, plan, incident.opened, facts), protocol=policy.protocol_for(chosen),
        communications=policy.communications_for(chosen),
        notes=(implied,) + applicable_notes(policy, chosen, text, facts) + _noise(reading), reading=reading,
        confidence=LOW, missing=missing, candidates=candidates, truncated=truncated,
        weighed=weighing, weighed_decides=True, table=None,
    )


def _for(chosen: Severity, matched: list[tuple[Severity, tuple[Evidence, ...]]]
         ) -> tuple[tuple[Evidence, ...], tuple[tuple[Severity, tuple[Evidence, ...]], ...]]:
    """The evidence of ``chosen`` among ``matched`` (none when the table did not match it) and
    the other severities matched, when the weighed cues chose ``chosen``."""
    why = next((evidence for severity, evidence in matched if severity.id == chosen.id), ())
    return why, tuple((severity, evidence) for severity, evidence in matched if severity.id != chosen.id)


def table_cues(policy: Policy, incident: Incident) -> dict[str, tuple[float, str]] | None:
    """The cues a model weighs for ``incident`` (``sla.cues.cues``), the table's own answer
    among them (``table:missing`` when a required fact is missing); None when the model would
    not be asked (a fact given as a flag, a text mostly not words). For
    ``tools/train_classifier.py``."""
    found = classify(policy, incident, weighed=False)
    if incident.facts.items() or found.reading.words < MOSTLY_WORDS:
        return None
    text = Text.of(readable(incident.text[:READ_LIMIT]), lexicon().vocabulary)
    answer = Answer(found.table, tuple(s.id for s, _ in found.also), found.confidence, found.default_used)
    return cues(text, found.reading, answer)


def decide(policy: Policy, reading: Reading) -> list[Evidence]:
    """The rows of the policy's decision table that hold for ``reading``."""
    found = reading.concept_ids()
    evidence = []
    for row in policy.decisions.rows:
        concepts = tuple(c for c in row.concepts if c in found)
        if row.concepts and not concepts:
            continue
        if not all(reading.value(fact) in allowed for fact, allowed in row.when):
            continue
        said = [(each.concept, hit) for each in reading.concepts if each.concept in concepts for hit in each.hits]
        evidence.append(Evidence(row.severity, row, tuple(hit for _, hit in said),
                                 tuple((f, reading.value(f)) for f, _ in row.when), tuple(c for c, _ in said)))
    return evidence


def infer_facts(policy: Policy, text: Text, given: Facts) -> tuple[Inference, ...]:
    """Facts the policy's own ``facts_from_text`` read from the text; a fact given explicitly
    or inferred with two different values is not applied."""
    hits = [(rule, hit) for rule in policy.facts_from_text for hit in text.find_any(rule.phrases)]
    found: list[tuple[str, object, Hit]] = []
    seen: set[Match] = set()
    for rule, hit in hits:
        if rule in seen or rule.facts is None or any(hit.inside(other) for _, other in hits):
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


def applicable_notes(policy: Policy, severity: Severity | None, text: Text, facts: Facts) -> tuple[Note, ...]:
    """The policy's notes that apply: one limited to ``severities`` only for one of them (never
    without a ``severity``), one with ``when`` rules only when a rule holds on ``facts`` and
    ``text`` (Athento's "La resolución de la incidencia no depende de Athento": a third-party
    cause, or words such as ``azure``)."""
    return tuple(
        note for note in policy.notes
        if (not note.severities or (severity is not None and severity.id in note.severities))
        and (not note.when or any(_holds(rule, text, facts) for rule in note.when))
    )


def _given(facts: Facts) -> dict[str, str]:
    """The flags that speak to a fact the text is read for."""
    given = {}
    if facts.env is not None:
        given["env"] = facts.env
    if facts.impact in _GIVEN["impact"]:
        given["scope"] = _GIVEN["impact"][facts.impact]
    if facts.privacy is not None:
        given["exposure"] = _GIVEN["privacy"][facts.privacy]
    if facts.third_party:
        given["cause"] = "third-party"
    return given


def _env_inferred(reading: Reading, given: Facts) -> tuple[Inference, ...]:
    """Each environment the text names, as an inference for the policy's rules: applied when it
    is the environment read and none was given."""
    env = reading.fact("env")
    return tuple(Inference("env", value, hit, given.env is None and not env.given and env.value == value)
                 for value, hit in reading.environments)


def _merge(given: Facts, inferred: tuple[Inference, ...]) -> Facts:
    applied: dict[str, Any] = {i.fact: i.value for i in inferred if i.applied and i.value != UNKNOWN}
    return replace(given, **applied) if applied else given


def _evidence(policy: Policy, text: Text, reading: Reading, facts: Facts) -> list[Evidence]:
    return decide(policy, reading) + _rules(policy, text, facts)


def _by_severity(policy: Policy, evidence: list[Evidence]) -> list[tuple[Severity, tuple[Evidence, ...]]]:
    """Matched severities, most severe first, each with its evidence."""
    grouped = [(s, tuple(e for e in evidence if e.severity == s.id)) for s in policy.severities]
    return [(s, e) for s, e in grouped if e]


def _candidates(policy: Policy, text: Text, reading: Reading, facts: Facts,
                missing: tuple[str, ...]) -> tuple[tuple[tuple[tuple[str, str], ...], Severity], ...]:
    """What each value of the missing facts would give."""
    from slactl.policy.spec import READ_FACTS  # only when a fact is missing

    found = []
    for values in product(*(READ_FACTS[fact] for fact in missing)):
        assumed, supposed = reading, facts
        for fact, value in zip(missing, values):
            assumed = assumed.assuming(fact, value)
            if fact == "env":
                supposed = replace(supposed, env=value)
        matched = _by_severity(policy, _evidence(policy, text, assumed, supposed))
        found.append((tuple(zip(missing, values)), matched[0][0] if matched else policy.severity(policy.default_severity)))
    return tuple(found)


def _confidence(why: tuple[Evidence, ...], reading: Reading, given: Facts) -> str:
    """``high`` for a row that decided with every fact it tests known, or a rule on facts alone,
    in a text that is mostly words; in one that is not, only on facts ``given`` as flags."""
    noise = reading.words < MOSTLY_WORDS
    for item in why:
        if isinstance(item.rule, Decision) and all(value != UNKNOWN for _, value in item.facts):
            if not noise or (not item.hits and all(reading.fact(fact).given for fact, _ in item.facts)):
                return HIGH
        if isinstance(item.rule, Match) and item.rule.facts is not None and not item.rule.phrases:
            if not noise or all(getattr(given, fact) is not None for fact, _ in item.facts):
                return HIGH
    return LOW


def _noise(reading: Reading) -> tuple[Note, ...]:
    """A note when the text is mostly not words (``MOSTLY_WORDS``)."""
    if reading.words >= MOSTLY_WORDS:
        return ()
    share = f"{reading.words:.0%}" if reading.words >= 0.01 else "under 1%"
    return (Note(f"the text is mostly not words ({share} of its letters are in Spanish or English words): what "
                 "was read in it may be chance, so the confidence is at most low"),)


def _rules(policy: Policy, text: Text, facts: Facts) -> list[Evidence]:
    """The policy's own rules that hold: a phrase found inside a longer phrase found by another
    rule is ignored (``caída parcial`` is not a ``caída``)."""
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
    plans: list[Plan | None] = ([plan] if plan is not None else [policy.default_plan] if policy.default_plan
                                else list(policy.plans) or [None])
    result = []
    for each in plans:
        deadlines: tuple = ()
        if opened is not None:
            from slactl.sla import due as engine  # only when due times are asked for
            from slactl.tickets.model import Ticket

            flags = frozenset({"third_party"}) & policy.flags if facts.third_party else frozenset()
            deadlines = engine.due(Ticket(policy, severity, each, opened, flags=flags))
        result.append(PlanTargets(each, policy.targets(severity, each), deadlines))
    return tuple(result)
