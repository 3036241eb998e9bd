"""The fresh set: 166 incident texts written from the seeds alone by someone who never saw the
rules (tests/testdata/classify/fresh.yaml). Every case is classified; the set as a whole must be
at least 95 % right, and at least 90 % of the cases must be right through a real match (a table
row, a rule, or a required fact reported missing), not because the default happened to be the
answer. Failures are printed, one line each, so a regression says which kind of text it broke.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from slactl.policy import load as loader
from slactl.policy.severity import Facts
from slactl.sla.classify import Incident, classify

FRESH = Path(__file__).resolve().parents[1] / "testdata" / "classify" / "fresh.yaml"
POLICIES = loader.load(loader.active_paths(None))
CASES = yaml.safe_load(FRESH.read_text(encoding="utf-8"))["cases"]
OVERALL, REAL = 0.95, 0.90


def outcome(case: dict) -> tuple[bool, bool, str]:
    """(right, right through a real match, what was answered)."""
    flags = {k: v for k, v in (case.get("flags") or {}).items() if k in Facts.__slots__}
    result = classify(POLICIES.get(case["provider"]), Incident(case["text"], Facts(**flags)))
    if case["expected"] is None:
        right = result.severity is None and case.get("missing") in result.missing
        return right, right, f"missing {', '.join(result.missing) or 'nothing'}"
    answer = result.severity.id if result.severity else f"none (missing {', '.join(result.missing)})"
    right = result.severity is not None and answer == case["expected"]
    return right, right and not result.default_used, answer + (" (default)" if result.default_used else "")


def misses(outcomes: list[tuple[dict, tuple[bool, bool, str]]]) -> list[str]:
    """One line per case answered wrong: its id and kind, what was expected and answered, its text."""
    return [f"{case['id']} ({case['kind']}): expected {case['expected'] or 'missing ' + case['missing']}, "
            f"got {answer}: {' '.join(case['text'].split())[:120]}" for case, (right, _, answer) in outcomes if not right]


@pytest.fixture(scope="module")
def outcomes() -> list[tuple[dict, tuple[bool, bool, str]]]:
    return [(case, outcome(case)) for case in CASES]


def test_the_fresh_set_is_what_was_written():
    assert len(CASES) == 166
    assert Counter(c["provider"] for c in CASES) == {"athento": 42, "conecta": 40, "ignus": 42, "ivcisa": 42}


def test_the_fresh_set_is_classified_right(outcomes):
    wrong = misses(outcomes)
    for line in wrong:
        print(line)
    for provider in sorted({c["provider"] for c in CASES}):
        mine = [o for c, o in outcomes if c["provider"] == provider]
        print(f"{provider}: {sum(o[0] for o in mine)}/{len(mine)} right, {sum(o[1] for o in mine)} through a real match")
    right = sum(o[0] for _, o in outcomes)
    real = sum(o[1] for _, o in outcomes)
    print(f"all: {right}/{len(outcomes)} right ({right / len(outcomes):.1%}), {real} through a real match "
          f"({real / len(outcomes):.1%})")
    assert right / len(outcomes) >= OVERALL, "\n".join(wrong)
    assert real / len(outcomes) >= REAL, "\n".join(wrong)
