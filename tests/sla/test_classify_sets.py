"""The classification sets written after the fresh one, each from the seeds alone by someone who
never saw the rules (tests/testdata/classify/, docs/classification.md). Each hold-out was kept
unseen while the previous sets' kinds were fixed and run once; its first run is the honest
figure, recorded below. A set that was then examined became a development set, and since the
weighed cues (``slactl.sla.cues``) a training set: ``tools/train_classifier.py`` learns from every
set but the unseen ones (``HELD_OUT``). Every set must stay above its floor, a few points under
its last figure; failures are printed one line each.

| set | first run (unseen) | after its kinds were fixed | with the weighed cues |
|---|---|---|---|
| holdout (60) | 48/60 (80.0 %), 43 real | 58/60, 53 real | 60/60 (trained on) |
| dev2 (120) | 102/120 (85.0 %), 99 real | 120/120, 117 real | 120/120 (trained on) |
| holdout2 (80) | 68/80 (85.0 %), 67 real | 80/80, 79 real | 80/80 (trained on) |
| holdout3 (100) | 83/100 (83.0 %), 78 real | 99/100, 94 real | 100/100 (trained on) |
| holdout4 (100) | 82/100 (82.0 %), 78 real | 94/100, 90 real | 100/100 (trained on; 97/100 trained without it) |
| holdout5 (120) | 99/120 (82.5 %), 94 real | not examined | 119/120 (trained on; 112/120 trained without it) |
| holdout6 (160) | 153/160 (95.6 %), 153 real, first weighed model; table alone 131 | - | 160/160 (trained on) |
| holdout7 (160) | 152/160 (95.0 %), 152 real, second model; table alone 138 | - | 158/160 (trained on; 155/160 trained without it) |
| holdout8 (200) | 176/200 (88.0 %), 176 real, third model; table alone 163 | - | 200/200 (trained on; 189/200 trained without it) |
| holdout9 (200) | 187/200 (93.5 %), 187 real, fourth model; table alone 161 | - | trained on (195/200 trained without it) |
| holdout10 (240) | 227/240 (94.6 %), 227 real, fifth model; table alone 203 | - | trained on (237/240 trained without it) |
| holdout11 (240) | 230/240 (95.8 %), 230 real, sixth model; table alone 195 | not trained on | 229/240 after a second tester's findings were fixed |
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from test_classify_fresh import misses, outcome

SETS = Path(__file__).resolve().parents[1] / "testdata" / "classify"
FLOORS = [
    # (set, cases per provider, floor right, floor through a real match)
    ("holdout", 15, 0.97, 0.97),
    ("dev2", 30, 0.97, 0.97),
    ("holdout2", 20, 0.97, 0.97),
    ("holdout3", 25, 0.97, 0.97),
    ("holdout4", 25, 0.97, 0.97),
    ("holdout5", 30, 0.97, 0.97),
    ("holdout6", 40, 0.97, 0.97),
    ("holdout7", 40, 0.96, 0.96),
    ("holdout8", 50, 0.97, 0.97),
    ("holdout9", 50, 0.97, 0.97),
    ("holdout10", 60, 0.97, 0.97),
    ("holdout11", 60, 0.94, 0.94),
]


def cases(name: str) -> list[dict]:
    return yaml.safe_load((SETS / f"{name}.yaml").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("name, each", [(name, each) for name, each, _, _ in FLOORS], ids=[f[0] for f in FLOORS])
def test_the_set_is_what_was_written(name, each):
    assert Counter(c["provider"] for c in cases(name)) == {"athento": each, "conecta": each, "ignus": each,
                                                           "ivcisa": each}


@pytest.mark.parametrize("name, overall, real", [(name, o, r) for name, _, o, r in FLOORS], ids=[f[0] for f in FLOORS])
def test_the_set_stays_above_its_floor(name, overall, real):
    found = [(case, outcome(case)) for case in cases(name)]
    wrong = misses(found)
    for line in wrong:
        print(line)
    right_share = sum(o[0] for _, o in found) / len(found)
    real_share = sum(o[1] for _, o in found) / len(found)
    print(f"{name}: {right_share:.1%} right, {real_share:.1%} through a real match")
    assert right_share >= overall and real_share >= real, "\n".join(wrong)
