"""Threads, the rest of the kind (tests/test_threads.py has ``slactl.due`` and ``due_frame``): the
batch engine that ``due --input`` runs, and the on-disk holiday store that every thread of a
process shares, give the answers of one thread when 8 threads start at once on fresh objects."""

from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timezone
from pathlib import Path

from slactl.batch.fast.rows import Rows
from slactl.policy import cache
from slactl.policy import load as loader
from slactl.tickets import read

THREADS = 8
CLOCK = datetime(2026, 12, 1, tzinfo=timezone.utc)
# Madrid's and Mexico City's tickets next to the 2026 offset changes, and a few Bogotá ones.
LINES = ["id,provider,severity,plan,opened,responded"] + [
    f"T{month}-{day}-{hour}-{provider},{provider},{severity},{plan},2026-{month:02d}-{day:02d}T{hour:02d}:30,"
    for month in (3, 10) for day in range(24, 31) for hour in (0, 1, 3, 12, 23)
    for provider, severity, plan in (("athento", "critical", "enterprise"), ("ignus", "high", ""),
                                     ("conecta", "total-outage", ""))
]


def _rows(policies) -> list:
    return list(Rows(policies, CLOCK, "2027-01-01T00:00").run(read.read(iter(line + "\n" for line in LINES),
                                                                         read.Format.CSV)))


def test_eight_threads_running_the_batch_engine_over_fresh_policies_agree_with_one():
    expected = _rows(loader.load(loader.bundled_paths()))
    assert not any(isinstance(row, read.BadRow) for row in expected)
    fresh = loader.load(loader.bundled_paths())
    start = threading.Barrier(THREADS)

    def one(_: int) -> list:
        start.wait()
        return _rows(fresh)

    with ThreadPoolExecutor(THREADS) as pool:
        assert all(result == expected for result in pool.map(one, range(THREADS)))


def test_eight_threads_filling_one_holiday_store_agree_and_leave_a_valid_file(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv(cache.DISABLE, raising=False)
    store = cache.HolidayDates(lambda country, subdivision, year: (date(year, 1, 1), date(year, 5, 1)), "r1")
    start = threading.Barrier(THREADS)

    def one(offset: int) -> list:
        start.wait()
        return [store.dates("ES", None, 2000 + (offset + index) % 40) for index in range(40)]

    with ThreadPoolExecutor(THREADS) as pool:
        results = list(pool.map(one, range(THREADS)))
    for offset, result in enumerate(results):
        assert result == [(date(2000 + (offset + i) % 40, 1, 1), date(2000 + (offset + i) % 40, 5, 1)) for i in range(40)]
    stored = json.loads(Path(cache.directory() / cache.HOLIDAYS).read_text())
    assert stored["release"] == [cache.FORMAT, "r1"] and len(stored["dates"]) <= cache.MAX_HOLIDAY_YEARS
