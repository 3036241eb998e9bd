"""Deadlines for a pandas frame of tickets: the per-partition function for Spark or Dask.

slactl does not distribute work itself. To run hundreds of millions of tickets, map this over
the partitions of an existing engine (``docs/scale.md``): Spark's ``mapInPandas``, Dask's
``map_partitions``. It takes and returns ``pandas.DataFrame`` objects but never imports pandas:
the frame's own class builds the result, so pandas stays an optional dependency.
"""

from __future__ import annotations

from datetime import datetime, timezone

from slactl.batch.runner import Batch
from slactl.policy.model import PolicySet
from slactl.render.due import BATCH_COLUMNS, batch_row
from slactl.tickets.read import OPTIONAL, REQUIRED, BadRow, _ticket


def due_frame(frame, policies: PolicySet, *, now: str | None = None, clock: datetime | None = None):
    """One output row per input row (``BATCH_COLUMNS`` plus ``error``), in order.

    ``frame`` has the columns of a ticket file (``docs/batch.md``); ``line`` is the row's
    position in the frame, counted from 1. A bad row keeps its place with only ``id`` and
    ``error`` set. ``clock`` (default: the current time) answers ``now`` in time columns and
    judges open targets when ``now`` is not given; pass it explicitly so every partition
    judges at the same instant.
    """
    batch = Batch(policies, clock or datetime.now(timezone.utc), now)
    present = [name for name in REQUIRED + OPTIONAL if name in frame.columns]
    rows = []
    for line, values in enumerate(frame[present].itertuples(index=False, name=None), start=1):
        fields = {name: None if value is None or value != value else str(value) for name, value in zip(present, values)}
        ticket = _ticket(line, fields)
        item = batch.run([ticket]).__next__()
        if isinstance(item, BadRow):
            rows.append([fields.get("id")] + [None] * (len(BATCH_COLUMNS) - 1) + [item.message])
        else:
            rows.append(batch_row(item) + [None])
    return type(frame)(rows, columns=[*BATCH_COLUMNS, "error"])
