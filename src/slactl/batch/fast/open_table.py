"""The fast path of ``BusinessCalendar``: open time and business days per local date in tables
of integers, so that ``add`` and ``elapsed`` are one bisect instead of a walk.

Why it exists: the general engine (``Ledger``, ``local_day``) works on aware UTC spans per
date so that it can handle any DST change; that costs about fifty Python calls per ``add``,
the hot loop of ``slactl due --input`` (issue 6). On a *plain* date, one whose every instant
has the same UTC offset (no change on the UTC date or either side), wall time is UTC plus a constant,
so positions are plain integer microseconds: the open time of the dates before it (a running
sum, built from the ledger's own date lengths, holidays and DST dates included) plus the open
wall time before the clock reading. Business days are a running count in the same way.

An answer is only given when the dates whose clock readings matter (the start, the end, the
date a deadline lands on) are plain and inside the table; otherwise ``None`` sends the call to
the general path. ``tests/calendar/test_open_table.py`` checks that both always agree.
"""

from __future__ import annotations

from bisect import bisect_left
from datetime import date, datetime, timedelta

from slactl.businesstime.ledger import Ledger
from slactl.batch.fast.micros import DAY, US, from_micros, to_micros
from slactl.businesstime.transitions import offset_at

ONE_DAY = timedelta(days=1)
"""Local date ordinal ``d`` starts ``(d - 1) * DAY`` microseconds after ``EPOCH`` in wall time."""
FIRST_YEAR, LAST_YEAR = 2, 9990
MAX_YEARS = 12
"""The most years a table spans: it grows to hold the years asked for, one at a time; anything
beyond (a far-away year, a very long reach) takes the general path."""
REMEMBERED = 4096
"""Positions of recent instants kept (``_learn_position``)."""
NEAR = range(-1, 2)
"""Local dates this close to the UTC date of an offset change are not plain. Enough: offsets
lie within -12 h and +14 h, so every instant of local date D (its hours up to 24:00 included)
falls on UTC dates D-1 to D+1; with no change there, ``local_day`` cuts the stretches of other
offsets away and gives D's wall intervals shifted by the one offset, as this table does."""


class OpenTable:
    """Running open time (``position``), business days (``count``) and UTC offset (``offset``,
    None for a date that is not plain) of consecutive local dates from ``first``; the table
    spans the local ``years``."""

    __slots__ = ("ledger", "walls", "lengths", "first", "position", "count", "offset", "years", "_guess",
                 "_low", "_high", "_positions", "_last", "_last_found")

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.walls = tuple(tuple((a * 60_000_000, b * 60_000_000) for a, b in day) for day in ledger.hours.days)
        self.lengths = tuple(ledger.hours.wall_length(weekday) // US for weekday in range(7))
        self.first, self.position, self.count = 0, [0], [0]
        self.offset: list[int | None] = []
        self.years = range(0)
        self._guess = 0
        self._low = self._high = 0
        self._positions: dict[int, int] = {}
        self._last, self._last_found = -1, (0, 0, 0)

    def add(self, start: datetime, days: int, time: timedelta) -> datetime | None:
        """``start`` (UTC) plus ``days`` business days then ``time`` of open time, as the
        general path counts them (see ``business``), or None when this table cannot tell."""
        reached = self.add_micros(to_micros(start), days, time // US)
        return None if reached is None else from_micros(reached)

    def add_micros(self, start: int, days: int, time: int) -> int | None:
        """``add`` on instants and lengths in integer microseconds (instants counted from
        ``EPOCH``): the form the batch row path computes in, without datetime objects. The
        positions of ``start`` and of the answer are remembered for ``elapsed_micros``."""
        if not self._low <= start < self._high and not self._holds(from_micros(start), from_micros(start)):
            return None
        if start == self._last:  # the next target of the same ticket counts from the same start
            found = self._last_found
        else:
            located = self._locate(start)
            if located is None:
                return None
            self._last, self._last_found = start, located
            found = located
        index, clock, offset = found
        position, positions = self.position, self._positions
        if len(positions) >= REMEMBERED:
            positions.clear()
        positions[start] = position[index] + offset
        if days:
            opened = position[index + 1] != position[index]
            low, count = (index + 1 if offset or not opened else index), self.count
            after = bisect_left(count, count[low] + days, low + 1)  # _nth_business_day, inline
            nth = after - 1 if after < len(count) else self._nth_business_day(low, days)
            if nth is None or self.offset[nth] is None:
                return None
            index = nth
            length = position[index + 1] - position[index]
            if not offset or offset >= length:  # the target day's closing
                if not time:
                    reached = self._instant(index, self.walls[(index + self.first + 6) % 7][-1][1])
                    positions[reached] = position[index] + length
                    return reached
                offset = length
            elif not time:
                reached = self._instant(index, _point(self.walls[(index + self.first + 6) % 7], offset))
                positions[reached] = position[index] + offset
                return reached
        reach = position[index] + offset + time
        after = bisect_left(position, reach, index + 1)
        if after == len(position):
            reaching = self._first_reaching(position, reach, index + 1)
            if reaching is None:
                return None
            after = reaching
        index = after - 1
        day_offset = self.offset[index]
        if day_offset is None:
            return None
        first, within = self.first, reach - position[index]
        walls = self.walls[(after + first + 5) % 7]
        opens, closes = walls[0]
        clock = opens + within if within <= closes - opens else _point(walls, within)  # _point, inline
        reached = (index + first - 1) * DAY + clock - day_offset
        positions[reached] = reach
        return reached

    def elapsed(self, start: datetime, end: datetime) -> timedelta | None:
        """Open time in ``[start, end)`` (both UTC, ``start < end``), or None."""
        found = self.elapsed_micros(to_micros(start), to_micros(end))
        return None if found is None else found * US

    def elapsed_micros(self, start: int, end: int) -> int | None:
        """``elapsed`` in integer microseconds (see ``add_micros``)."""
        if not (self._low <= start and end < self._high) and not self._holds(from_micros(start), from_micros(end)):
            return None
        positions = self._positions
        high = positions.get(end)
        if high is None:
            high = self._learn_position(end)
            if high is None:
                return None
        low = positions.get(start)
        if low is None:
            low = self._learn_position(start)
            if low is None:
                return None
        return high - low

    def _learn_position(self, micros: int) -> int | None:
        """Open time from the table's first date to an instant on a plain date (None if not
        plain), kept for next time. Positions of recent instants are kept (starts and due times
        by ``add_micros``, done and judging instants here) so that ``elapsed_micros`` reads them
        instead of calling ``_locate``; they count from the table's first date, so a table that
        moves its first date forgets them."""
        located = self._locate(micros)
        if located is None:
            return None
        positions = self._positions
        if len(positions) >= REMEMBERED:
            positions.clear()
        found = positions[micros] = self.position[located[0]] + located[2]
        return found

    def _locate(self, micros: int) -> tuple[int, int, int] | None:
        """(table index of the local date, wall microseconds since its midnight, open time of
        that date before it) of an instant (microseconds from ``EPOCH``) on a plain date. The
        local date is read with the offset of the last date located (else with that of the date
        so found): if that date is plain with exactly that offset, no offset change is near, so
        it is the true local date."""
        offsets, offset = self.offset, self._guess
        ordinal = (micros + offset) // DAY + 1
        index = ordinal - self.first
        if not 0 <= index < len(offsets):
            return None
        if offsets[index] != offset:
            found = offsets[index]
            if found is None:
                return None
            offset = found
            ordinal = (micros + offset) // DAY + 1
            index = ordinal - self.first
            if not 0 <= index < len(offsets) or offsets[index] != offset:
                return None
            self._guess = offset
        clock = micros + offset - (ordinal - 1) * DAY
        if self.position[index + 1] == self.position[index]:
            return index, clock, 0
        return index, clock, _open_before(self.walls[(ordinal + 6) % 7], clock)

    def _instant(self, index: int, clock: int) -> int:
        """The instant of wall ``clock`` on the plain date at ``index`` (callers checked it is plain)."""
        return (index + self.first - 1) * DAY + clock - self.offset[index]  # type: ignore[operator]

    def _nth_business_day(self, index: int, days: int) -> int | None:
        """The index of the ``days``-th business day counting from ``index`` itself."""
        after = self._first_reaching(self.count, self.count[index] + days, index + 1)
        return None if after is None else after - 1

    def _first_reaching(self, running: list[int], value: int, low: int) -> int | None:
        """The first index from ``low`` whose running total is ``value`` or more, growing the
        table forward (which keeps every index) while it falls short; None past ``MAX_YEARS``."""
        while True:
            found = bisect_left(running, value, low)
            if found < len(running):
                return found
            if len(self.years) >= MAX_YEARS or self.years.stop > LAST_YEAR:
                return None
            self._append(self.years.stop)

    def _holds(self, start: datetime, end: datetime) -> bool:
        """Make the table hold the local dates of ``start`` to ``end`` (UTC; a local date is at
        most a day away); False if that is more than ``MAX_YEARS`` or outside the limits. The
        callers first check ``[_low, _high)``, which needs no growing."""
        if not FIRST_YEAR < start.year <= end.year < LAST_YEAR:
            return False
        first, last = (start - ONE_DAY).year, (end + ONE_DAY).year
        years = self.years
        if first in years and last in years:
            return True
        if len(years):  # grow to hold both, so that tickets of a few years do not take turns
            first, last = min(first, years.start), max(last, years.stop - 1)
        if not FIRST_YEAR <= first <= last <= LAST_YEAR or last - first >= MAX_YEARS:
            return False
        if first not in years:
            self.first, self.position, self.count, self.offset = date(first, 1, 1).toordinal(), [0], [0], []
            self._positions.clear()
            self._last = -1
            self._cover(range(first, first))
        while last not in self.years:
            self._append(self.years.stop)
        return True

    def _append(self, year: int) -> None:
        """One more year of dates at the end of the table."""
        book = self.ledger.book(year)
        transitions, departures, lengths = book.transitions, book.departures, self.lengths
        near = {t.at.toordinal() + shift for t in transitions for shift in NEAR}
        offset = (transitions[0].before if transitions else offset_at(self.ledger.zone, datetime(year, 7, 1))) // US
        changes = [(t.at.toordinal(), t.after // US) for t in transitions]
        position, count, offsets = self.position, self.count, self.offset
        for ordinal in range(date(year, 1, 1).toordinal(), date(year + 1, 1, 1).toordinal()):
            departure = departures.get(ordinal)
            length = lengths[(ordinal + 6) % 7] + (departure[0] // US if departure else 0)
            position.append(position[-1] + length)
            count.append(count[-1] + (length > 0))
            while changes and changes[0][0] < ordinal:
                offset = changes.pop(0)[1]
            offsets.append(None if ordinal in near else offset)
        self._cover(range(self.years.start, year + 1))

    def _cover(self, years: range) -> None:
        """Set the years the table spans, and ``[_low, _high)``: the instants (from ``EPOCH``)
        that ``_holds`` would accept without growing the table (a day either side inside)."""
        self.years = years
        if years:
            self._low = date(max(years.start, FIRST_YEAR + 1), 1, 2).toordinal() * DAY - DAY
            self._high = date(min(years.stop, LAST_YEAR), 1, 1).toordinal() * DAY - 2 * DAY
        else:
            self._low = self._high = 0


def _open_before(walls: tuple[tuple[int, int], ...], clock: int) -> int:
    """Open wall time of one day's intervals before ``clock``."""
    total = 0
    for opens, closes in walls:
        if clock <= opens:
            break
        total += (closes if clock > closes else clock) - opens
    return total


def _point(walls: tuple[tuple[int, int], ...], offset: int) -> int:
    """The earliest clock reading with ``offset`` (> 0) of open time before it that day; the
    last closing when the day is shorter."""
    for opens, closes in walls:
        if offset <= closes - opens:
            return opens + offset
        offset -= closes - opens
    return walls[-1][1]
