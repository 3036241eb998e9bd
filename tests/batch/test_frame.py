"""The per-partition function of docs/scale.md on a pandas frame (skipped without pandas)."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from slactl.policy import load as loader
from slactl.batch.frame import due_frame

pd = pytest.importorskip("pandas")


def test_a_partition_of_tickets_becomes_a_partition_of_deadlines_in_order():
    frame = pd.DataFrame({
        "id": ["A", "B", "C"],
        "provider": ["ignus", "nope", "ignus"],
        "severity": ["high", "high", "alta"],
        "opened": ["2026-11-20T18:30", "2026-11-20T18:30", "2026-11-13T18:30"],
        "responded": ["2026-11-23T08:20", None, None],
    })
    out = due_frame(frame, loader.load(loader.bundled_paths()), now=datetime(2026, 11, 24, 6, tzinfo=timezone.utc))
    def column(name):
        return [None if pd.isna(value) else value for value in out[name]]

    assert column("id") == ["A", "B", "C"]
    # ignus seed "Alta | 1 hora": Fri 18:30 is due Mon 08:30; Mon 16 Nov 2026 is a holiday, so Tue 17 08:30.
    assert column("response_due") == ["2026-11-23T08:30:00-06:00", None, "2026-11-17T08:30:00-06:00"]
    assert column("response_status") == ["met", None, "breached"]
    assert column("error")[1].startswith("unknown provider 'nope'") and column("error")[0] is None
