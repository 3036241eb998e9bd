"""The duplicate-id table agrees with a dict on which ids were met and on which line, across
the growth of every shard."""

from __future__ import annotations

import random

from slactl.tickets.seen import FIRST_CAPACITY, SHARDS, SeenIds


def test_the_table_remembers_the_first_line_of_every_id_as_a_dict_does():
    seen, reference = SeenIds(), {}
    rng = random.Random(20261129)
    for line in range(1, 60_001):  # ~40,000 ids: every shard doubles several times
        ticket_id = f"T-{rng.randrange(40_000)}"
        first = reference.setdefault(ticket_id, line)
        assert seen.add(ticket_id, line) == (None if first == line else first)
    assert len(seen) == len(reference)
    assert all(len(keys) > FIRST_CAPACITY for keys in seen._keys) and len(seen._keys) == SHARDS


def test_a_line_past_32_bits_is_kept_at_the_largest_it_can_hold():
    seen = SeenIds()
    assert seen.add("A", 2**40) is None
    assert seen.add("A", 5) == 2**32 - 1
