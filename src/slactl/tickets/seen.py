"""The ticket ids a one-row-per-ticket file has shown so far, and the line of each: a repeated
id is a bad row ("duplicate id T-7, first at line 12")."""

from __future__ import annotations

from array import array

SHARDS = 64
"""Tables, chosen by a fingerprint's top bits: each doubles alone, so growing holds one
sixty-fourth of the ids twice, not all of them (a single table held 36 MiB for a moment at a
million ids, where it keeps 24)."""
FIRST_CAPACITY = 64
LAST_LINE = 2**32 - 1
FINGERPRINT = 2**64 - 1
SHARD_SHIFT = 64 - 6  # SHARDS == 2**6


class SeenIds:
    """Each id as an 8-byte fingerprint (Python's own string hash: SipHash, keyed per process)
    with the line it was first met on (4 bytes), in open-addressing tables at most half full:
    24 to 48 bytes an id, so a million ids take 24 MiB where a set of the ids themselves would
    take 120. Two different ids share a fingerprint with a chance below one in 10^5 for ten
    million ids (n^2 / 2^65). Owned by one reading of one file."""

    __slots__ = ("_keys", "_lines", "_masks", "_sizes")

    def __init__(self) -> None:
        self._keys = [array("Q", [0]) * FIRST_CAPACITY for _ in range(SHARDS)]
        self._lines = [array("I", [0]) * FIRST_CAPACITY for _ in range(SHARDS)]
        self._masks = [FIRST_CAPACITY - 1] * SHARDS
        self._sizes = [0] * SHARDS

    def add(self, ticket_id: str, line: int) -> int | None:
        """Remember ``ticket_id`` at ``line``; the line it was first met on if it was met before."""
        key = (hash(ticket_id) & FINGERPRINT) | 1  # never 0, the empty slot
        shard = key >> SHARD_SHIFT
        keys, mask = self._keys[shard], self._masks[shard]
        index = key & mask
        found = keys[index]
        while found:
            if found == key:
                return self._lines[shard][index]
            index = (index + 1) & mask
            found = keys[index]
        keys[index] = key
        self._lines[shard][index] = line if line < LAST_LINE else LAST_LINE
        sizes = self._sizes
        size = sizes[shard] = sizes[shard] + 1
        if size * 2 > mask:
            self._grow(shard)
        return None

    def __len__(self) -> int:
        return sum(self._sizes)

    def _grow(self, shard: int) -> None:
        old_keys, old_lines = self._keys[shard], self._lines[shard]
        capacity = len(old_keys) * 2
        keys, lines = array("Q", [0]) * capacity, array("I", [0]) * capacity
        mask = capacity - 1
        for key, line in zip(old_keys, old_lines):
            if key:
                index = key & mask
                while keys[index]:
                    index = (index + 1) & mask
                keys[index], lines[index] = key, line
        self._keys[shard], self._lines[shard], self._masks[shard] = keys, lines, mask
