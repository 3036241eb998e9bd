"""The second development set: 120 incident texts written from the seeds alone by someone who
never saw the rules (tests/testdata/classify/dev2.yaml, 30 per provider). Before the lexicon
was worked on it, 102 of 120 were right (85.0 %): athento 20/30, conecta 28/30, ignus 25/30,
ivcisa 29/30. Its misses were fixed by kind, each wording or rule justified by a seed sentence
(docs/classification.md); now 120/120 (100 %), 117 through a real match (97.5 %). The floors sit a
few points under that; failures are printed one line each.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import yaml

from test_classify_fresh import outcome

DEV2 = Path(__file__).resolve().parents[1] / "testdata" / "classify" / "dev2.yaml"
CASES = yaml.safe_load(DEV2.read_text(encoding="utf-8"))["cases"]
OVERALL, REAL = 0.95, 0.92


def test_the_second_development_set_is_what_was_written():
    assert len(CASES) == 120
    assert Counter(c["provider"] for c in CASES) == {"athento": 30, "conecta": 30, "ignus": 30, "ivcisa": 30}


def test_the_second_development_set_is_classified_right():
    outcomes = [(case, outcome(case)) for case in CASES]
    wrong = [f"{case['id']} ({case['kind']}): expected {case['expected'] or 'missing ' + case['missing']}, "
             f"got {answer}: {' '.join(case['text'].split())[:120]}" for case, (right, _, answer) in outcomes
             if not right]
    for line in wrong:
        print(line)
    right = sum(o[0] for _, o in outcomes) / len(CASES)
    real = sum(o[1] for _, o in outcomes) / len(CASES)
    print(f"dev2: {right:.1%} right, {real:.1%} through a real match")
    assert right >= OVERALL, "\n".join(wrong)
    assert real >= REAL, "\n".join(wrong)
