"""Records of ``slactl due --input`` (``batch.record``), in input order: the batch hot loop.

Each ticket first takes the *integer path*: times read with ``WallClock`` into integer
microseconds, deadlines from the calendars' ``add_micros``/``elapsed_micros`` (the open table
in integers; the datetime engine only for an operation next to a DST change), times and
lengths written straight to text, no datetime or result object per ticket. When the ticket is
unusual (``now`` in a column, a wall time in a DST gap or overlap, a far year, a bad value, an
error to word) it returns None and the ticket takes the general path, ``Batch.one`` then
``batch.record.record``, which also words every error. Both give the same row:
``tests/batch/test_fast_rows.py`` checks that on generated tickets. Tickets whose lifecycle
needs more (a reopening, status history, a severity change) and targets that carry a warning
always take the general path.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, tzinfo
from operator import itemgetter
from typing import NamedTuple

from slactl.batch.runner import CACHED_KEYS, Batch
from slactl.batch.fast.calendars import IntegerCalendar
from slactl.batch.fast.micros import US, to_micros
from slactl.businesstime.duration import Duration
from slactl.contracts.model import CustomerSet
from slactl.errors import InputError
from slactl.policy.model import Policy, PolicySet
from slactl.batch.fast.local_text import WallClock
from slactl.batch.record import FIELDS, TARGET_AT, record
from slactl.businesstime.duration import compact_seconds
from slactl.tickets.read import BadRow, Row
from slactl.tickets.times import STRICT, TimeReading

Record = list[str | None]
DONE_SLOT = {"evaluation": 0, "response": 0, "mitigation": 1, "resolution": 2, "follow-up": 3}
"""Which done instant finishes a target: responded (else resolved), mitigated (else resolved),
resolved, followed_up."""


class Step(NamedTuple):
    """One target of a ``Recipe``: where it goes in the row (``at``, None when no column shows
    it) and how it counts, in integers. A tuple, unpacked once per target in the hot loop."""

    at: int | None
    from_resolution: bool
    done: int | None
    add: Callable[..., int] | None
    elapsed: Callable[..., int] | None
    earliest: tuple[int, int] | None
    days: int | None
    """The due time's length: business days (None without a due time), then ``time``."""
    time: int
    words: tuple[str, str, str, str]
    """The status when met, missed, breached, pending (an estimate's are within or over it)."""


_NOTHING_ELSE = [None] * (len(Row._fields) - Row._fields.index("severity_changes"))
"""The values of a row past its statuses (severity changes, customer, reporter, service, flags)
when it has none of them: the integer path knows none of them."""
assert Row._fields[Row._fields.index("statuses") + 1] == "severity_changes"
COMMITTED = ("met", "missed", "breached", "pending")
ESTIMATED = ("within-estimate", "over-estimate", "over-estimate", "within-estimate")


@dataclass(frozen=True, slots=True)
class Recipe:
    """What every ticket of one ``(provider, severity, plan)`` shares, for the integer path."""

    row: tuple[str | None, ...]
    """The row before the ticket's values: provider, severity and plan, every other cell blank
    (copied per ticket, in C)."""
    wall: WallClock
    """Shows instants in the provider's zone."""
    reader: WallClock
    """Reads the rows' times: in the zone they were written in, with the reading's format."""
    statuses: dict[str, str | None]
    """A status as written -> the policy's name for it, None when the policy does not know it
    (filled as met; owned by this run)."""
    policy: Policy
    now: int
    steps: tuple[Step, ...]


class Rows:
    """Computes output rows against one policy set (``clock`` and ``now`` as in ``Batch``).

    ``blank`` is what the integer path writes in an empty cell: None (JSON's null), or ``""``
    for CSV, whose writer can then join a row as it is; general rows always have None."""

    def __init__(self, policies: PolicySet, clock: datetime, now: str | None = None, *, blank: str | None = None,
                 customers: CustomerSet | None = None, reading: TimeReading = STRICT, extra_levels: bool = False):
        self.batch = Batch(policies, clock, now, customers=customers, reading=reading, extra_levels=extra_levels)
        self.blank = blank
        self._empty = (blank,) * len(FIELDS)
        self._targets = [blank] * (len(FIELDS) * len(TARGET_AT))
        self._recipes: dict[tuple, Recipe | None] = {}
        self._walls: dict[tuple[tzinfo, str | None, bool], WallClock] = {}
        self._statuses: dict[str, dict[str, str | None]] = {}
        self._calendars: dict[int, IntegerCalendar] = {}

    def run(self, rows: Iterable[Row | BadRow]) -> Iterator[Record | BadRow]:
        fast, general = self.fast, self.general
        for row in rows:
            if isinstance(row, BadRow):
                yield row
            else:
                yield fast(row) or general(row)

    def general(self, row: Row) -> Record | BadRow:
        try:
            return record(self.batch.one(row))
        except InputError as error:
            return BadRow(row.line, str(error))

    def fast(self, ticket: Row) -> Record | None:
        """The record on the integer path, or None when the general path must say."""
        (_, provider, severity, opened_text, ticket_id, plan, pauses, responded_text, mitigated_text, resolved_text,
         reopened, followed_up_text, statuses, *rest) = ticket  # one unpacking, not an attribute per value
        if reopened is not None or rest != _NOTHING_ELSE:  # severity changes, customer, reporter, service, flags
            return None
        key = (provider, severity, plan)
        try:
            recipe = self._recipes[key]
        except KeyError:
            recipe = self._recipe(key)
        if recipe is None:
            return None
        wall = recipe.wall
        read = recipe.reader.read
        opened = read(opened_text)
        if opened is None or opened > recipe.now:  # the general path refuses an opening after now
            return None
        responded = mitigated = resolved = followed_up = None
        if responded_text:
            responded = read(responded_text)
            if responded is None or responded < opened:
                return None
        if mitigated_text:
            mitigated = read(mitigated_text)
            if mitigated is None or mitigated < opened:
                return None
        if resolved_text:
            resolved = read(resolved_text)
            if resolved is None or resolved < opened:
                return None
        if followed_up_text:
            followed_up = read(followed_up_text)
            if followed_up is None or resolved is None or followed_up < resolved:  # the general path refuses
                return None
        done = (resolved if responded is None else responded, resolved if mitigated is None else mitigated, resolved,
                followed_up)
        stops = _stops(pauses, read) if pauses else ()
        if stops is None:
            return None
        if statuses:
            stops = _status_stops(statuses, stops, read, opened, recipe)
            if stops is None:
                return None
        show, now, empty, blank, lengths = wall.show, recipe.now, self._empty, self.blank, _LENGTHS
        row: Record = list(recipe.row)
        row[0] = ticket_id or blank
        row[4] = show(opened)
        try:
            for at, from_resolution, slot, add, elapsed, earliest, days, time, words in recipe.steps:
                # as sla.due.due then batch.record.record
                start = resolved if from_resolution else opened
                finished = done[slot] if slot is not None else None
                held = stops  # as sla.due.before: pauses after the target was finished move nothing
                if stops and finished is not None and stops[-1][1] > finished:
                    held = tuple((begin, end if end < finished else finished) for begin, end in stops if begin < finished)
                if add is None or elapsed is None or start is None or days is None:
                    if earliest is not None and add is not None and start is not None:
                        add(start, *earliest, held)  # not shown, but its errors are the ticket's
                    if at is not None:
                        row[at:at + 4] = empty
                    continue
                if earliest is not None:
                    add(start, *earliest, held)
                due = add(start, days, time, held)
                if at is None:
                    continue
                if finished is not None:
                    took = lengths[int(elapsed(start, finished, held) / 1_000_000)]
                    if finished > due:
                        late = lengths[int(elapsed(due, finished, held) / 1_000_000)]
                        row[at:at + 4] = show(due), words[1], late, took
                    else:
                        row[at:at + 4] = show(due), words[0], blank, took
                elif now > due:
                    late = lengths[int(elapsed(due, now, stops) / 1_000_000)]
                    row[at:at + 4] = show(due), words[2], late, blank
                else:
                    row[at:at + 4] = show(due), words[3], blank, blank
        except InputError:
            return None
        return row

    def _recipe(self, key: tuple) -> Recipe | None:
        """The integer recipe of ``key``; None (remembered) when the general path must answer:
        an unknown provider, severity or plan, a ``--now`` it cannot read in the zone, a target
        with a warning, or an ``end-of-day`` target (a closing, not a length: the engine finds it)."""
        recipe = None
        try:
            setup = self.batch.setup(*key)
            now = to_micros(self.batch.judged_at(setup.zone))
        except InputError:
            pass
        else:
            if any(target.warn is not None or any(length is not None and length.end_of_day
                                                  for length in (target.earliest, target.latest))
                   for target, _ in setup.targets):
                return self._remember(key, None)
            zone = setup.zone
            wall = self._wall(zone, None)
            reading = self.batch.reading
            reader = self._wall(reading.zone or zone, reading.format,
                                plus=reading.flexible or reading.dayfirst or bool(reading.format))
            steps = []
            for target, calendar in setup.targets:
                counted = self._integer(calendar.engine) if calendar else None
                days, time = _micros(target.latest) or (None, 0)
                earliest = _micros(target.earliest)
                if earliest is not None and days is not None and earliest[0] <= days and earliest[1] <= time:
                    earliest = None  # it ends no later than the due time: it fails only where that fails
                steps.append(Step(TARGET_AT.get(target.name), target.start != "opened", DONE_SLOT.get(target.name),
                                  counted.add if counted else None, counted.elapsed if counted else None,
                                  earliest, days, time, ESTIMATED if target.estimate else COMMITTED))
            row = (self.blank, setup.policy.id, setup.severity.id, setup.plan.id if setup.plan else self.blank,
                   self.blank, *self._targets, self.blank, self.blank)
            recipe = Recipe(row, wall, reader, self._statuses.setdefault(setup.policy.id, {}), setup.policy, now,
                            tuple(steps))
        return self._remember(key, recipe)

    def _wall(self, zone: tzinfo, format: str | None, *, plus: bool = False) -> WallClock:
        """This run's clock for ``zone`` reading ``format`` (None: ISO 8601), and ``TIME + N
        min`` with ``plus``."""
        found = self._walls.get((zone, format, plus))
        if found is None:
            found = self._walls[(zone, format, plus)] = WallClock(zone, format, plus=plus)
        return found

    def _remember(self, key: tuple, recipe: Recipe | None) -> Recipe | None:
        if len(self._recipes) >= CACHED_KEYS:
            self._recipes.clear()
        self._recipes[key] = recipe
        return recipe


    def _integer(self, calendar) -> IntegerCalendar:
        """This run's integer arithmetic over ``calendar`` (its table is this run's alone)."""
        found = self._calendars.get(id(calendar))
        if found is None or found.calendar is not calendar:
            found = self._calendars[id(calendar)] = IntegerCalendar(calendar)
        return found


def _micros(duration: Duration | None) -> tuple[int, int] | None:
    """A target length as ``(business days, clock microseconds)``."""
    if duration is None:
        return None
    return duration.days, duration.time // US


class _Lengths(dict):
    """``render.spans.compact`` of a whole number of seconds, remembered (lengths repeat in a
    batch) and looked up by subscript. Callers pass ``int(micros / 10**6)``, which is what
    ``int(timedelta.total_seconds())`` computes."""

    def __missing__(self, seconds: int) -> str:
        if len(self) >= CACHED_LENGTHS:
            self.clear()
        text = self[seconds] = compact_seconds(seconds)
        return text


CACHED_LENGTHS = 16384
_LENGTHS = _Lengths()


def _status_entry(text: str, read, opened: int, recipe: Recipe) -> tuple[int, str] | None:
    """``(instant, the policy's name for the status)`` of one ``TIME=STATUS`` entry; None when
    the general path must say (unreadable, before the opening,
    a status the policy does not know)."""
    when_text, equals, name = text.rpartition("=")
    when_text, name = when_text.strip(), name.strip()
    if not equals or not when_text or not name:
        return None
    when = read(when_text)
    if when is None or when < opened:
        return None
    try:
        known = recipe.statuses[name]
    except KeyError:
        known = _status(recipe, name)
    if known is None:
        return None
    return when, known


def _status_stops(text: str, stops: tuple[tuple[int, int], ...], read, opened: int,
                  recipe: Recipe) -> tuple[tuple[int, int], ...] | None:
    """``stops`` with the stops of the ``statuses`` column (``TIME=STATUS;...``), as
    ``tickets.build`` makes them: while the ticket is in a status the policy pauses on, until
    its next status (or the judging instant). None when the general path must say (an
    unreadable entry, an unknown status, one before the opening, two statuses at one instant,
    a status stop overlapping a pause)."""
    if ";" not in text:  # one status, as a help desk's current status since its last update
        entry = _status_entry(text, read, opened, recipe)
        if entry is None:
            return None
        when, known = entry
        if known not in recipe.policy.pause_statuses or recipe.now <= when:
            return stops
        if not stops:
            return ((when, recipe.now),)
        return _merged([*stops, (when, recipe.now)])
    entries = []
    for part in text.split(";"):
        if not part.strip():
            continue
        entry = _status_entry(part, read, opened, recipe)
        if entry is None:
            return None
        entries.append(entry)
    entries.sort(key=_FIRST)
    found = list(stops)
    for index, (when, status) in enumerate(entries):
        following = entries[index + 1] if index + 1 < len(entries) else None
        if following is not None and following[0] == when and following[1] != status:
            return None
        if status in recipe.policy.pause_statuses:
            end = following[0] if following is not None else recipe.now
            if end > when:
                found.append((when, end))
    if len(found) == len(stops):
        return stops
    return _merged(found)


def _merged(stops: list[tuple[int, int]]) -> tuple[tuple[int, int], ...] | None:
    """Sorted stops, touching ones joined; None for overlapping ones (the general path refuses them)."""
    stops.sort()
    merged: list[tuple[int, int]] = []
    for start, end in stops:
        if merged and start <= merged[-1][1]:
            if start < merged[-1][1]:
                return None
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return tuple(merged)


def _status(recipe: Recipe, name: str) -> str | None:
    """The policy's name for status ``name``, None when it does not know it; remembered for
    the run."""
    try:
        found: str | None = recipe.policy.status(name)
    except InputError:
        found = None
    if len(recipe.statuses) >= CACHED_KEYS:
        recipe.statuses.clear()
    recipe.statuses[name] = found
    return found


_FIRST = itemgetter(0)


def _stops(text: str, read) -> tuple[tuple[int, int], ...] | None:
    """The ``pauses`` column as sorted, merged integer stops; None when the general path must
    say (unreadable, empty, reversed or overlapping pauses)."""
    pauses = []
    for part in text.split(";"):
        part = part.strip()
        if not part:
            continue
        start_text, slash, end_text = part.partition("/")
        start, end = read(start_text.strip()), read(end_text.strip())
        if not slash or start is None or end is None or end <= start:
            return None
        pauses.append((start, end))
    pauses.sort()
    merged: list[tuple[int, int]] = []
    for start, end in pauses:
        if merged and start <= merged[-1][1]:
            if start < merged[-1][1]:
                return None  # overlapping pauses are refused by the general path
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return tuple(merged)
