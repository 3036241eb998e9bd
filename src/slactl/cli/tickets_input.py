"""Reading a ticket file for the commands that judge every ticket of it (report, quota, credits):
bad rows go to stderr as ``FILE:LINE: message`` and are counted; the others are judged."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from slactl.batch.runner import Batch, Result
from slactl.cli.state import State

if TYPE_CHECKING:
    from slactl.tickets.read import Options


@contextmanager
def judged_tickets(state: State, path: str, now: str | None, clock: datetime,
                   options: Options | None = None) -> Iterator[tuple[Iterator[Result], list[int]]]:
    """``(results, bad)``: the results of the good rows of ``path`` (``-`` is stdin), read as
    ``options`` say (a preset, column maps, time choices) and judged at ``now`` (text, each
    provider's zone; default ``clock``); ``bad[0]`` counts the bad rows, ``bad[1]`` every row
    (an event log's: every ticket, and every bad event row). ``InputError`` for a
    header that fits no form, before any row is judged."""
    from slactl.cli import say, ticket_input
    from slactl.tickets import read

    policies = state.policies()
    options = replace(options or read.Options(), flags=state.flags())
    name = "<stdin>" if path == "-" else path
    bad = [0, 0]
    with ticket_input(path) as (lines, _, fmt):
        exported = read.open_export(lines, fmt, options)
        batch = Batch(policies, clock, now, customers=state.customers(), reading=exported.reading,
                      extra_levels=exported.extra_levels)

        def good() -> Iterator[Result]:
            for item in batch.run(exported.rows):
                bad[1] += 1
                if isinstance(item, read.BadRow):
                    bad[0] += 1
                    say(f"{name}:{item.line}: {item.message}")
                else:
                    yield item

        yield good(), bad


def skipped(bad: int, rows: int) -> str:
    """The closing line of a file with bad rows, the same for every command that reads one."""
    return f"slactl: error: {bad} of {rows} {'row' if rows == 1 else 'rows'} skipped (bad input)"
