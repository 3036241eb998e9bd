"""Write N reproducible tickets over the bundled policies as CSV (fixed seed).

Run: ``python bench/tickets.py 100000 > tickets.csv``. Every provider, plan and severity of the
bundled set appears; openings spread over 2026 in each provider's local time; about 70 % are
responded, 55 % resolved, 10 % carry a pause; times are written without offset (local time)
except a few in UTC, and wall times inside DST gaps or overlaps are avoided.
"""

from __future__ import annotations

import csv
import random
import sys
from datetime import datetime, timedelta, timezone

from slactl.policy import load as loader

SEED = 20261120
COLUMNS = ("id", "provider", "severity", "plan", "opened", "pauses", "responded", "resolved")


def combinations() -> list[tuple[str, str, str]]:
    """``(provider, severity, plan)`` for every plan (or no plan) and severity of the bundled set."""
    found = []
    for policy in loader.load(loader.bundled_paths()):
        plans = [p.id for p in policy.plans] or [""]
        for plan in plans:
            for severity in policy.severities:
                found.append((policy.id, severity.id, plan, policy.zone))
    return found


def _wall(moment: datetime, zone) -> str:
    """Local wall time when it is unambiguous there, else the instant in UTC."""
    local = moment.astimezone(zone)
    naive = local.replace(tzinfo=None)
    if naive.replace(tzinfo=zone, fold=0).utcoffset() != naive.replace(tzinfo=zone, fold=1).utcoffset():
        return moment.astimezone(timezone.utc).isoformat(timespec="minutes").replace("+00:00", "Z")
    return naive.isoformat(timespec="minutes")


def tickets(count: int, seed: int = SEED):
    rng = random.Random(seed)
    combos = combinations()
    base = datetime(2026, 1, 1, tzinfo=timezone.utc)
    for number in range(count):
        provider, severity, plan, zone = combos[rng.randrange(len(combos))]
        opened = base + timedelta(minutes=rng.randrange(365 * 24 * 60))
        pauses = responded = resolved = ""
        if rng.random() < 0.10:
            start = opened + timedelta(minutes=rng.randrange(30, 600))
            pauses = f"{_wall(start, zone)}/{_wall(start + timedelta(minutes=rng.randrange(30, 2000)), zone)}"
        if rng.random() < 0.70:
            responded = _wall(opened + timedelta(minutes=rng.randrange(1, 3000)), zone)
            if rng.random() < 0.80:
                resolved = _wall(opened + timedelta(minutes=rng.randrange(3000, 20000)), zone)
        yield (f"T{number:07d}", provider, severity, plan, _wall(opened, zone), pauses, responded, resolved)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(tickets(count))


if __name__ == "__main__":
    main()
