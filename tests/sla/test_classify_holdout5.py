"""The fifth hold-out set: 120 texts (30 per provider) written from the seeds alone by a sixth
person who never saw the rules or the other sets, kept unseen while facts were weighed by
clause, and run once (tests/testdata/classify/holdout5.yaml). That run classified 99 of 120
right (82.5 %), 94 through a real match (78.3 %): athento 19/30, conecta 26/30, ignus 26/30,
ivcisa 28/30. Its misses are described in docs/classification.md and were not fixed: this set
is the honest figure today. The floors sit a few points under that run.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import yaml

from test_classify_fresh import outcome

HOLDOUT = Path(__file__).resolve().parents[1] / "testdata" / "classify" / "holdout5.yaml"
CASES = yaml.safe_load(HOLDOUT.read_text(encoding="utf-8"))["cases"]
OVERALL, REAL = 0.78, 0.74


def test_the_fifth_holdout_set_is_what_was_written():
    assert len(CASES) == 120
    assert Counter(c["provider"] for c in CASES) == {"athento": 30, "conecta": 30, "ignus": 30, "ivcisa": 30}


def test_the_fifth_holdout_set_stays_above_its_floor():
    outcomes = [outcome(case) for case in CASES]
    right = sum(o[0] for o in outcomes) / len(CASES)
    real = sum(o[1] for o in outcomes) / len(CASES)
    print(f"holdout5: {right:.1%} right, {real:.1%} through a real match")
    assert right >= OVERALL and real >= REAL
