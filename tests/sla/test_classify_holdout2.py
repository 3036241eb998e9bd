"""The second hold-out set: 80 texts (20 per provider) written from the seeds alone by someone
who never saw the rules, kept unseen while the lexicon was fixed on dev2.yaml and the first
hold-out, and run once, at the end (tests/testdata/classify/holdout2.yaml). That run classified
68 of 80 right (85.0 %), 67 through a real match (83.8 %): athento 13/20, conecta 18/20, ignus
17/20, ivcisa 20/20. Its twelve misses were then examined and listed by kind in
docs/classification.md, so it is a development set now, no longer a measure: the kinds were
fixed (each wording or rule from a seed sentence), 80 of 80 right (100 %), 79 through a real
match (98.8 %). The floors below sit a few points under that.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import yaml

from test_classify_fresh import outcome

HOLDOUT = Path(__file__).resolve().parents[1] / "testdata" / "classify" / "holdout2.yaml"
CASES = yaml.safe_load(HOLDOUT.read_text(encoding="utf-8"))["cases"]
OVERALL, REAL = 0.95, 0.93


def test_the_second_holdout_set_is_what_was_written():
    assert len(CASES) == 80
    assert Counter(c["provider"] for c in CASES) == {"athento": 20, "conecta": 20, "ignus": 20, "ivcisa": 20}


def test_the_second_holdout_set_stays_above_its_floor():
    outcomes = [outcome(case) for case in CASES]
    right = sum(o[0] for o in outcomes) / len(CASES)
    real = sum(o[1] for o in outcomes) / len(CASES)
    print(f"holdout2: {right:.1%} right, {real:.1%} through a real match")
    assert right >= OVERALL and real >= REAL
