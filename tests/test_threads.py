"""Results never depend on threads: 8 threads over one freshly loaded policy set give exactly
the answers of one thread (shared policies and calendars are immutable; the memos they fill
lazily fill idempotently; the batch fast path's tables belong to one run)."""

from __future__ import annotations

import random
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

import slactl

THREADS = 8


def _cases(count: int) -> list[tuple[str, str, str, str, str | None]]:
    """Athento and Ignus tickets over three years, Madrid's DST days included."""
    chooser = random.Random(20261129)
    cases = []
    for _ in range(count):
        provider, plan = chooser.choice([("athento", "enterprise"), ("athento", "company"), ("athento", "standard"),
                                         ("ignus", None)])
        severity = chooser.choice(["blocker", "critical", "major"] if provider == "athento" else ["urgent", "high", "medium"])
        opened = datetime(2025, 1, 1) + timedelta(minutes=chooser.randrange(3 * 365 * 24 * 60))
        if opened.month in (3, 10) and provider == "athento":
            opened = opened.replace(day=25, hour=chooser.choice([1, 4, 12]))  # next to the change
        cases.append((provider, severity, opened.isoformat(timespec="minutes"), (opened + timedelta(days=9)).isoformat(), plan))
    return cases


def _answers(policies, cases) -> list[tuple]:
    found = []
    for provider, severity, opened, now, plan in cases:
        deadlines = slactl.due(provider, severity, opened, plan=plan, now=now, policies=policies)
        found.append(tuple((d.target.name, d.due, d.status, d.left, d.late) for d in deadlines))
    return found


def test_eight_threads_over_a_freshly_loaded_policy_set_agree_with_one_thread():
    cases = _cases(400)
    expected = _answers(slactl.load_policies(), cases)
    policies = slactl.load_policies()  # fresh: every memo empty, filled by the threads at once
    with ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(lambda _: _answers(policies, cases), range(THREADS)))
    assert all(result == expected for result in results)


def test_eight_threads_running_due_frame_over_partitions_agree_with_one_run():
    import pandas as pd

    from slactl.policy import load as loader

    cases = _cases(800)
    frame = pd.DataFrame([{"id": str(i), "provider": p, "severity": s, "opened": o, "plan": plan}
                          for i, (p, s, o, _, plan) in enumerate(cases)])
    now = datetime(2028, 1, 1).astimezone()
    expected = slactl.due_frame(frame, loader.load(loader.bundled_paths()), now=now)
    policies = loader.load(loader.bundled_paths())
    parts = [frame.iloc[start:start + 100] for start in range(0, len(frame), 100)]
    with ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(lambda part: slactl.due_frame(part, policies, now=now), parts))
    combined = pd.concat(results, ignore_index=True)
    assert combined.equals(expected)
