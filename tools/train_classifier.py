"""Learn the weights of ``slactl.sla.cues`` from the labelled sets: ``python tools/train_classifier.py``.

A development script, not part of the package. It reads every labelled set in
``tests/testdata/classify/`` (the examined sets, and the training texts in ``train/``) except
the sets kept unseen (``HELD_OUT``: they measure what the model does on texts it never saw),
computes each text's cues with the decision table's own answer among them
(``slactl.sla.classify.table_cues``), and fits one multinomial logistic regression per
provider (stochastic gradient descent, L2, a fixed seed: the same inputs give the same
weights). It writes ``src/slactl/sla/cues.json`` with a digest of its inputs (the sets, the
lexicon, the bundled policies); ``tests/sla/test_classify_cues.py`` fails when they change
without a new training.

``--check FILE`` trains without the sets whose name starts with FILE's stem and scores that
set (a set of another writer, for measuring).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import random
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SETS = ROOT / "tests" / "testdata" / "classify"
OUTPUT = ROOT / "src" / "slactl" / "sla" / "weights"
HELD_OUT = ("holdout11",)
"""Sets never trained on: the unseen measure of the model (docs/classification.md)."""
SEED = 20261130
EPOCHS, RATE, DECAY, L2 = 30, 0.3, 0.9, 1e-3
KEEP = 0.05
"""Weights whose largest magnitude over the severities is below this are dropped."""


def set_files() -> list[Path]:
    """The labelled sets trained on, in a fixed order."""
    return sorted(path for path in SETS.rglob("*.yaml") if path.stem not in HELD_OUT)


UNIT_TABLES = {"test_classify": ("IGNUS_EXAMPLES", "ATHENTO_DEFINITIONS", "CONECTA_REPORTS", "IVCISA_REPORTS",
                                  "IGNUS_REPORTS", "ATHENTO_REPORTS"),
               "test_classify_kinds": ("KINDS",), "test_classify_issue": ("EXAMPLES",)}
"""The unit tests' tables of short reports with their severity (each row citing its seed
sentence there): short texts, where the sets are mostly e-mails."""
_TABLE_PROVIDER = {"IGNUS_EXAMPLES": "ignus", "ATHENTO_DEFINITIONS": "athento", "CONECTA_REPORTS": "conecta",
                   "IVCISA_REPORTS": "ivcisa", "IGNUS_REPORTS": "ignus", "ATHENTO_REPORTS": "athento"}


def unit_cases() -> list[dict]:
    """The rows of ``UNIT_TABLES`` as cases (``provider``, ``text``, ``expected``)."""
    import importlib

    for folder in (ROOT / "tests", ROOT / "tests" / "sla"):
        if str(folder) not in sys.path:
            sys.path.insert(0, str(folder))
    cases = []
    for module_name, tables in UNIT_TABLES.items():
        module = importlib.import_module(module_name)
        for table in tables:
            for row in getattr(module, table):
                provider, text, expected = ((_TABLE_PROVIDER[table], row[0], row[1]) if table in _TABLE_PROVIDER
                                            else row[:3])
                if isinstance(expected, str) and not expected.startswith("missing"):
                    cases.append({"provider": provider, "text": text, "expected": expected})
    return cases


def digest(files: list[Path]) -> str:
    """SHA-256 of the training inputs: the sets, the unit tests' table rows, the compiled
    lexicon and the bundled policies (an edit elsewhere in a test file does not count)."""
    inputs = [*files, ROOT / "src" / "slactl" / "sla" / "lexicon.json", *sorted((ROOT / "policies").glob("*.yaml"))]
    hashed = hashlib.sha256()
    for path in inputs:
        hashed.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    hashed.update(json.dumps(unit_cases(), ensure_ascii=False, sort_keys=True).encode())
    return hashed.hexdigest()


def examples(files: list[Path], units: bool = True) -> dict[str, list[tuple[dict, str]]]:
    """``(cues, expected severity)`` per provider for every case with a severity the model is asked for."""
    from slactl.policy import load
    from slactl.policy.severity import Facts
    from slactl.sla.classify import Incident, table_cues

    policies = {policy.id: policy for policy in load.load(load.bundled_paths())}
    found: dict[str, list[tuple[dict, str]]] = {}
    every = [case for path in files for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]]
    if units:
        every += unit_cases()
    for case in every:
        expected = case.get("expected") or (f"missing:{case['missing']}" if case.get("missing") else None)
        if expected is None:
            continue
        flags = {k: v for k, v in (case.get("flags") or {}).items() if k in Facts.__slots__}
        seen = table_cues(policies[case["provider"]], Incident(case["text"], Facts(**flags)))
        if seen is not None:
            found.setdefault(case["provider"], []).append(({cue: value for cue, (value, _) in seen.items()}, expected))
    return found


def train(rows: list[tuple[dict, str]], severities: list[str]) -> dict[str, list[float]]:
    """Multinomial logistic regression by stochastic gradient descent: ``{cue: [weight per severity]}``."""
    weights: dict[str, list[float]] = {}
    order = list(range(len(rows)))
    shuffle = random.Random(SEED).shuffle
    rate = RATE
    for _ in range(EPOCHS):
        shuffle(order)
        for index in order:
            found, expected = rows[index]
            scores = [sum(weights.get(cue, _ZERO)[k] * value for cue, value in found.items())
                      for k in range(len(severities))]
            top = max(scores)
            exps = [math.exp(score - top) for score in scores]
            total = sum(exps)
            for k, severity in enumerate(severities):
                gradient = exps[k] / total - (1.0 if severity == expected else 0.0)
                for cue, value in found.items():
                    row = weights.setdefault(cue, [0.0] * len(severities))
                    row[k] -= rate * (gradient * value + L2 * row[k])
        rate *= DECAY
    return {cue: [round(w, 3) for w in row] for cue, row in sorted(weights.items())
            if max(abs(w) for w in row) >= KEEP}


_ZERO = [0.0] * 8


def table_of(provider: str) -> str:
    """The fingerprint of the bundled policy's decision table (``sla.classify.table_fingerprint``)."""
    from slactl.policy import load
    from slactl.sla.classify import table_fingerprint

    return table_fingerprint(next(p for p in load.load(load.bundled_paths()) if p.id == provider))


def severities_of(provider: str) -> list[str]:
    """The policy's severities, most severe first, then ``missing:FACT`` for each fact its table
    requires (the text does not say it: classify asks for it)."""
    from slactl.policy import load

    policy = next(p for p in load.load(load.bundled_paths()) if p.id == provider)
    return [s.id for s in policy.severities] + [f"missing:{fact}" for fact in policy.decisions.requires]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", type=Path, help="score this set with a model trained without it")
    args = parser.parse_args()
    files = set_files()
    if args.check:
        files = [f for f in files if f.stem != args.check.stem]
    data = examples(files)
    models = {provider: {"format": 1, "severities": severities_of(provider), "table": table_of(provider),
                         "texts": len(rows),
                         "weights": train(rows, severities_of(provider))}
              for provider, rows in sorted(data.items())}
    if args.check:
        check(args.check, models)
        return
    OUTPUT.mkdir(exist_ok=True)
    for stale in OUTPUT.glob("*.json"):
        stale.unlink()
    for provider, model in models.items():
        (OUTPUT / f"{provider}.json").write_text(json.dumps({"format": 1, **model}, ensure_ascii=False,
                                                            separators=(",", ":")) + "\n", encoding="utf-8")
    index = {"format": 1, "digest": digest(files), "sets": [str(f.relative_to(SETS)) for f in files],
             "providers": {provider: model["texts"] for provider, model in models.items()}}
    (OUTPUT / "index.json").write_text(json.dumps(index, indent=1) + "\n", encoding="utf-8")
    print(f"{OUTPUT.relative_to(ROOT)}: " + ", ".join(f"{p} {m['texts']} texts, {len(m['weights'])} cues"
                                                      for p, m in models.items()), file=sys.stderr)


def check(path: Path, models: dict) -> None:
    """Score ``path`` with ``models`` instead of the shipped weights."""
    from slactl.policy import load
    from slactl.policy.severity import Facts
    from slactl.sla import cues
    from slactl.sla.classify import Incident, classify

    original = cues._model
    cues._model = models.get  # type: ignore[assignment]  # this script's own model, not the shipped one
    try:
        policies = {policy.id: policy for policy in load.load(load.bundled_paths())}
        right, per = 0, Counter()
        cases = yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]
        for case in cases:
            flags = {k: v for k, v in (case.get("flags") or {}).items() if k in Facts.__slots__}
            result = classify(policies[case["provider"]], Incident(case["text"], Facts(**flags)))
            answer = result.severity.id if result.severity else None
            ok = answer == case.get("expected") and (answer is not None or case.get("missing") in result.missing)
            right += ok
            per[case["provider"]] += ok
        print(f"{path.name}: {right}/{len(cases)} ({right / len(cases):.1%}) " + ", ".join(
            f"{p} {n}" for p, n in sorted(per.items())))
    finally:
        cues._model = original  # type: ignore[assignment]


if __name__ == "__main__":
    main()
