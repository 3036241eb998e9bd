"""Weighing many weak cues of an incident text: a severity model learned from labelled texts.

The decision table and the provider's rules read a few strong cues (a concept, a fact, a
phrase) and say which severity each gives. Reports written by people who never saw those rules
also say things by the way: "400 personas" says the whole company, "lo dejamos para vuestra
revisión" says nothing urgent, "borramos los MX" says the client caused it. ``weigh`` adds up
all of them: every word stem and pair of stems of the text, every concept and fact read, and
what the table and rules answered, each with one learned weight per severity; the severity
with the highest sum wins, and its share of the softmax is the ``probability``.

Shapes: ``cues(text, reading, answer)`` → ``{cue: (value, words as written)}`` where a cue is
``w:STEM`` (a word), ``b:STEM_STEM`` (two neighbouring words), ``c:CONCEPT``, ``f:FACT=VALUE``,
``table:SEVERITY`` (the table's or rules' answer), ``also:SEVERITY`` (matched but less severe),
``confidence:LEVEL`` or ``default``. ``weigh(policy_id, severity_ids, found, table)`` →
``Weighed``, or None when no model was learned for that policy and table (a policy of the
user's: the table decides) or the text says too little.

The weights (``weights/POLICY.json`` beside this module, one file per policy so that a run
reads only its own) are made by ``tools/train_classifier.py`` from the labelled sets in
``tests/testdata/classify/`` (multinomial logistic regression, fixed seed); ``weights/index.json``
records a digest of those sets and a test keeps the two in step. Nothing here learns at run time.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from slactl.sla.reading import Reading
from slactl.sla.textmatch import Text
from slactl.sla.words import stem

WEIGHTS = Path(__file__).with_name("weights")
FORMAT = 1
SHORT = 3
"""Words this short are their own stem (``no``, ``mx``, ``ftp``)."""
NEGATION, QUANTITY = "¬", "¬¬"
FUNCTION_WORDS = frozenset(
    "a al algo alguien ante aqui asi aun cada como con contra cual cuando de del desde donde durante e el ella ellos "
    "en entre era eres es esa ese eso esta estas este esto estos estoy fue ha han hasta hay he hemos la las le les lo "
    "los me mi mis muy nos nuestra nuestras nuestro nuestros o os otra otro para pero por porque que quien se segun "
    "ser si sin sobre solo su sus tambien te tiene tienen todo tu tus un una uno unos unas usted ustedes y ya yo "
    "hola buenas buenos buen buena dias tardes saludos saludo gracias favor atentamente cordial cordialmente equipo "
    "estimados estimado ayer hoy anoche manana mediodia madrugada noche lunes martes miercoles jueves viernes sabado "
    "domingo the an and are as at be been but by can could do does for from had has have hello hi i if in into is it "
    "its me my of on or our so than that the their them then there these they this to us was we were what when which "
    "who will with would you your thanks thank regards dear team please good morning afternoon evening yesterday "
    "today tonight monday tuesday wednesday thursday friday saturday sunday am pm".split())
"""Words that say nothing of an incident (articles, pronouns, prepositions, greetings, days and
times of day): no cue of their own, and no pair with them, so a writer's habits are not learned
as severity."""
NUMBER = re.compile(r"\d+([:.,h]\d*)*(am|pm|h|hs|hrs|min|mins|s)?")
"""A number, a time or a date (``10``, ``10:30``, ``9am``, ``12.03``): no cue, whatever it is
(an HTTP status is read as a concept; ``ec2``, ``s3``, ``php8`` are words)."""
WORDS_ENOUGH = 3
"""Without a concept or a fact read, this many different words of the text are needed before
the weighed cues may answer: ``URGENTE``, ``12`` or ``hello good morning`` say nothing to weigh."""
MISSING = "missing:"
"""The outcome of a text that does not say a fact the policy requires (``missing:env``)."""
SHOWN = 6
"""The cues shown with an answer: those that pulled most towards it."""


@dataclass(frozen=True, slots=True)
class Weighed:
    """The severity the weighed cues give (``severity``, one of the policy's ids, or
    ``missing:FACT`` when they read the text as not saying a fact the policy requires), its
    ``probability`` (0 to 1, the softmax share of its score), every severity's probability
    (``shares``, most likely first), and the cues that pulled most towards it
    (``cues``: ``(cue, words as written, weight)``, strongest first)."""

    severity: str
    probability: float
    shares: tuple[tuple[str, float], ...]
    cues: tuple[tuple[str, str, float], ...]


@dataclass(frozen=True, slots=True)
class Answer:
    """What the decision table and rules answered, as cues: the severity they chose (None when
    a required fact is missing), the other severities matched, the confidence, and whether the
    default was used."""

    severity: str | None
    also: tuple[str, ...]
    confidence: str
    default_used: bool


def cues(text: Text, reading: Reading, answer: Answer) -> dict[str, tuple[float, str]]:
    """The cues of one text (see the module docstring), each with value 1.0 and the words of
    the text it came from (empty for the table's answer)."""
    found: dict[str, tuple[float, str]] = {}
    stems: list[tuple[str, str]] = []
    for token in text.tokens:
        if token.negation:
            key = NEGATION if token.negation == 1 else QUANTITY
        elif token.word in FUNCTION_WORDS or NUMBER.fullmatch(token.word):
            key = ""
        else:
            key = token.word if len(token.word) <= SHORT else stem(token.word)
        stems.append((key, token.surface))
    for key, surface in stems:
        if key:
            found.setdefault("w:" + key, (1.0, surface))
    for (first, said), (second, then) in zip(stems, stems[1:]):
        if first and second:
            found.setdefault(f"b:{first}_{second}", (1.0, f"{said} {then}"))
    for concept in reading.concepts:
        found.setdefault("c:" + concept.concept, (1.0, _said(concept.hits)))
    for fact in reading.facts:
        found.setdefault(f"f:{fact.fact}={fact.value}", (1.0, _said(fact.hits)))
    found["table:" + (answer.severity or "missing")] = (1.0, "")
    for severity in answer.also:
        found.setdefault("also:" + severity, (1.0, ""))
    found["confidence:" + answer.confidence] = (1.0, "")
    if answer.default_used:
        found["default"] = (1.0, "")
    found["bias"] = (1.0, "")
    return found


def _said(hits) -> str:
    """The words of ``hits``, each once, at most five: what a cue came from."""
    return ", ".join(list(dict.fromkeys(hit.quote for hit in hits))[:5])


def weigh(policy_id: str, severity_ids: tuple[str, ...], found: dict[str, tuple[float, str]],
          table: str = "") -> Weighed | None:
    """The weighed answer for ``found`` (``cues``) under the model learned for ``policy_id``;
    None when there is none, when it was learned for other severities than ``severity_ids``
    (a policy that reuses a bundled id with its own severities), or for another decision table
    than ``table`` (``sla.classify.table_fingerprint``: a policy of the user's with a bundled
    id and severities but its own table or rules, whose answers the model never learned), or
    when the text says too little (``enough``: ``hola, buenos días`` or ``URGENTE``, where only
    the model's priors would speak and the table's default says that more honestly)."""
    model = _model(policy_id)
    if model is None or not _fits(model, severity_ids) or model.get("table") != table:
        return None
    if not enough(found):
        return None
    outcomes: tuple[str, ...] = tuple(model["severities"])
    weights: dict[str, list[float]] = model["weights"]
    scores = [0.0] * len(outcomes)
    used = []
    for cue, (value, _) in found.items():
        row = weights.get(cue)
        if row is not None:
            used.append((cue, row))
            for index, weight in enumerate(row):
                scores[index] += weight * value
    if not any(of_the_text(cue) for cue, _ in used):
        return None
    top = max(scores)
    exps = [math.exp(score - top) for score in scores]
    total = sum(exps)
    shares = sorted(((severity, share / total) for severity, share in zip(outcomes, exps)),
                    key=lambda pair: -pair[1])
    best = outcomes.index(shares[0][0])
    pulls = []
    for cue, row in used:
        others = [weight for index, weight in enumerate(row) if index != best]
        pull = row[best] - (max(others) if others else 0.0)
        if pull > 0 and cue != "bias":
            pulls.append((cue, found[cue][1], round(pull, 3)))
    pulls.sort(key=lambda item: (-item[2], item[0]))
    return Weighed(shares[0][0], shares[0][1], tuple(shares), tuple(pulls[:SHOWN]))


def enough(found: dict[str, tuple[float, str]]) -> bool:
    """True when the text says enough to weigh: a concept or a fact read, or ``WORDS_ENOUGH``
    different words."""
    words = sum(1 for cue in found if cue.startswith("w:") and cue not in ("w:" + NEGATION, "w:" + QUANTITY))
    return words >= WORDS_ENOUGH or any(cue.startswith(("c:", "f:")) and of_the_text(cue) for cue in found)


def learned(policy_id: str, severity_ids: tuple[str, ...], table: str = "") -> tuple[int, int] | None:
    """``(labelled texts it was learned from, cues with a weight)`` of the model ``weigh`` uses
    for this policy, None when there is none (for ``slactl show``)."""
    model = _model(policy_id)
    if model is None or not _fits(model, severity_ids) or model.get("table") != table:
        return None
    return model["texts"], len(model["weights"])


def _fits(model: dict, severity_ids: tuple[str, ...]) -> bool:
    """The model was learned for exactly these severities (plus, for a policy that requires a
    fact, the outcome ``missing:FACT``: the text does not say it)."""
    outcomes = tuple(model["severities"])
    return (outcomes[:len(severity_ids)] == severity_ids
            and all(extra.startswith(MISSING) for extra in outcomes[len(severity_ids):]))


def of_the_text(cue: str) -> bool:
    """A cue read in the text: a word, a pair, a concept or a fact with a value."""
    return cue.startswith(("w:", "b:", "c:")) or (cue.startswith("f:") and not cue.endswith("=unknown"))


@cache
def _model(policy_id: str) -> dict | None:
    """The learned weights of one policy (read once), None when none were learned for it. Only
    a plain policy id names a file: anything else (a path, ``..``) has no model."""
    if not policy_id.replace("-", "").replace("_", "").isalnum():
        return None
    try:
        document = json.loads((WEIGHTS / f"{policy_id}.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    if document.get("format") != FORMAT or not isinstance(document.get("severities"), list):
        return None  # another format, or the index of the weights (a policy may be called "index")
    return document
