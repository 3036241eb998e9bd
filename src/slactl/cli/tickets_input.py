"""Reading a ticket file for the commands that judge every ticket of it (report, quota, credits):
bad rows go to stderr as ``FILE:LINE: message`` and are counted; the others are judged."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from slactl.batch.runner import Batch, Result
from slactl.cli.state import State


@contextmanager
def judged_tickets(state: State, path: str, now: str | None, clock: datetime) -> Iterator[tuple[Iterator[Result], list[int]]]:
    """``(results, bad)``: the results of the good rows of ``path`` (``-`` is stdin), judged at
    ``now`` (text, each provider's zone; default ``clock``); ``bad[0]`` counts the bad rows."""
    from slactl.tickets import read

    policies = state.policies()
    name = "<stdin>" if path == "-" else path
    bad = [0]
    with read.open_input(path) as (lines, _, fmt):
        batch = Batch(policies, clock, now, customers=state.customers())

        def good() -> Iterator[Result]:
            for item in batch.run(read.read(lines, fmt, flags=state.flags())):
                if isinstance(item, read.BadRow):
                    bad[0] += 1
                    print(f"{name}:{item.line}: {item.message}", file=sys.stderr)
                else:
                    yield item

        yield good(), bad
