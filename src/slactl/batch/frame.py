"""Deadlines for a pandas frame of tickets: the per-partition function for Spark or Dask.

slactl does not distribute work itself. To run hundreds of millions of tickets, map this over
the partitions of an existing engine (``docs/scale.md``): Spark's ``mapInPandas``, Dask's
``map_partitions``. It takes and returns ``pandas.DataFrame`` objects but never imports pandas:
the frame's own class builds the result, so pandas stays an optional dependency. It holds no
state between calls, so partitions may run in threads or processes.
"""

from __future__ import annotations

from datetime import datetime

from slactl.batch.record import COLUMNS
from slactl.batch.fast.rows import Rows
from slactl.policy.model import PolicySet
from slactl.tickets.read import LISTS, OPTIONAL, REQUIRED, BadRow, row_of


def due_frame(frame, policies: PolicySet, *, now: datetime, judge_at: str | None = None):
    """One output row per input row (``batch.record.COLUMNS`` plus ``error``), in order, each
    equal to the row ``slactl due --input`` writes for it.

    ``frame`` has the columns of a ticket file (``docs/batch.md``; a list value is joined with
    ``;``); ``line`` is the row's position in the frame, counted from 1. A bad row keeps its
    place with only ``id`` and ``error`` set. ``now`` (an aware datetime) is the current time:
    it answers the word ``now`` in time columns and judges open targets, unless ``judge_at``
    (text, read in each provider's zone, like ``--now``) says another instant. Pass the same
    ``now`` to every partition so that they all judge at one instant.
    """
    if now.utcoffset() is None:
        raise ValueError("now must be an aware datetime, e.g. datetime.now(timezone.utc)")
    rows = Rows(policies, now, judge_at)
    present = [name for name in REQUIRED + OPTIONAL if name in frame.columns]
    out = []
    for line, values in enumerate(frame[present].itertuples(index=False, name=None), start=1):
        fields = {name: _text(name, value) for name, value in zip(present, values)}
        row = row_of(line, fields)
        found = row if isinstance(row, BadRow) else next(rows.run([row]))
        if isinstance(found, BadRow):
            out.append([fields.get("id")] + [None] * (len(COLUMNS) - 1) + [found.message])
        else:
            out.append(found + [None])
    return type(frame)(out, columns=[*COLUMNS, "error"])


def _text(name: str, value) -> str | None:
    """A cell as the file reader would give it: None for a missing value (None or NaN)."""
    try:
        if value is None or value != value:  # NaN is the only value unequal to itself
            return None
    except TypeError:  # pandas' NA (string columns, Dask's default) is neither equal nor unequal
        return None
    if isinstance(value, (list, tuple)) and name in LISTS:
        return ";".join(str(item) for item in value)
    return str(value)
