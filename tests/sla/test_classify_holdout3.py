"""The third hold-out set: 100 texts (25 per provider) written from the seeds alone by a fourth
person who never saw the rules or the other sets, kept unseen while hold-out 2's kinds were
fixed, and run once (tests/testdata/classify/holdout3.yaml). That run classified 83 of 100 right
(83.0 %), 78 through a real match (78.0 %): athento 19/25, conecta 21/25, ignus 20/25, ivcisa
23/25. Its misses were then examined (listed by kind in docs/classification.md) and their kinds
fixed by general mechanisms, checked on paraphrases of each kind (tests/sla/test_classify_kinds.py):
99 of 100 right, 94 through a real match. It is a development set now, no longer a measure; the
floors sit a few points under that.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import yaml

from test_classify_fresh import outcome

HOLDOUT = Path(__file__).resolve().parents[1] / "testdata" / "classify" / "holdout3.yaml"
CASES = yaml.safe_load(HOLDOUT.read_text(encoding="utf-8"))["cases"]
OVERALL, REAL = 0.95, 0.90


def test_the_third_holdout_set_is_what_was_written():
    assert len(CASES) == 100
    assert Counter(c["provider"] for c in CASES) == {"athento": 25, "conecta": 25, "ignus": 25, "ivcisa": 25}


def test_the_third_holdout_set_stays_above_its_floor():
    outcomes = [outcome(case) for case in CASES]
    right = sum(o[0] for o in outcomes) / len(CASES)
    real = sum(o[1] for o in outcomes) / len(CASES)
    print(f"holdout3: {right:.1%} right, {real:.1%} through a real match")
    assert right >= OVERALL and real >= REAL
