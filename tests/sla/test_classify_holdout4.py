"""The fourth hold-out set: 100 texts (25 per provider) written from the seeds alone by a fifth
person who never saw the rules or the other sets, kept unseen while hold-out 3's kinds were
fixed, and run once (tests/testdata/classify/holdout4.yaml). That run classified 82 of 100
right (82.0 %), 78 through a real match (78.0 %): athento 18/25, conecta 21/25, ignus 22/25,
ivcisa 21/25. Its misses were then examined (listed by kind in docs/classification.md), so it is
a development set now: weighing scope, environment and urgency by the clause that carries the
failure, and a few of its wording kinds, bring it to 94/100 (90 through a real match). The floors
sit a few points under that.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import yaml

from test_classify_fresh import outcome

HOLDOUT = Path(__file__).resolve().parents[1] / "testdata" / "classify" / "holdout4.yaml"
CASES = yaml.safe_load(HOLDOUT.read_text(encoding="utf-8"))["cases"]
OVERALL, REAL = 0.91, 0.87


def test_the_fourth_holdout_set_is_what_was_written():
    assert len(CASES) == 100
    assert Counter(c["provider"] for c in CASES) == {"athento": 25, "conecta": 25, "ignus": 25, "ivcisa": 25}


def test_the_fourth_holdout_set_stays_above_its_floor():
    outcomes = [outcome(case) for case in CASES]
    right = sum(o[0] for o in outcomes) / len(CASES)
    real = sum(o[1] for o in outcomes) / len(CASES)
    print(f"holdout4: {right:.1%} right, {real:.1%} through a real match")
    assert right >= OVERALL and real >= REAL
