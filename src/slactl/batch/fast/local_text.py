"""ISO 8601 text in one time zone to integer microseconds (``calendar.micros``) and back: how
the batch hot loop reads and writes times without a datetime object per value (issue 6).

``read`` answers what ``tickets.times.read_time`` reads without a question: ISO 8601 (or the
text of the reading's ``strptime`` format) from 1901 to 9989, with an offset or as a wall time
that exists once in the zone. Anything else (``now``, bad text, a wall time in a DST gap or
overlap, far years, epoch seconds, the dates only python-dateutil reads) is None, and the
caller asks ``read_time``, which also words the error. ``show`` always answers, exactly as
``datetime.isoformat()`` of the instant in the zone.

Both are integer arithmetic with one offset per date, on dates whose UTC date and either side
have no offset change (offsets lie within -12 h and +14 h, so all of such a local date has that
offset); near a change they take the datetime path (``businesstime.zones.localize``, ``astimezone``).

Offset changes are those ``calendar.transitions`` finds, the same the business calendars see.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone, tzinfo

from slactl.batch.fast.micros import DAY, US, from_micros, to_micros
from slactl.businesstime.transitions import offset_at, transitions_around
from slactl.errors import InputError
from slactl.businesstime.zones import localize
from slactl.tickets.times import PLUS_MINUTES, formatted

NAIVE_EPOCH = datetime(1, 1, 1)
FIRST_ORDINAL, END_ORDINAL = date(1901, 1, 1).toordinal(), date(9990, 1, 1).toordinal()
NEAR = range(-1, 2)
"""A date this close to the UTC date of an offset change is not plain."""
CACHED_DATES = 8192
MINUTE = 60_000_000
SECOND = 1_000_000
_CLOCKS = tuple(f"{hour:02d}:{minute:02d}" for hour in range(24) for minute in range(60))
_WHOLE_MINUTES = tuple(clock + ":00" for clock in _CLOCKS)
_NOT_PLAIN: tuple[int | None, str | None] = (None, None)
_CLOCK_MICROS = {clock: index * MINUTE for index, clock in enumerate(_CLOCKS)}
"""``HH:MM`` of a day (00:00 to 23:59) to microseconds since its midnight."""
END_MICROS = (datetime(9990, 1, 1) - NAIVE_EPOCH - timedelta(days=1)) // timedelta(microseconds=1)
"""Past this (UTC) an instant may not be shown on the integer path: leave it to ``read_time``."""


class WallClock:
    """Reads and shows instants in ``zone``; remembers the offset of recent dates (``_dates``,
    by UTC or local ordinal: a plain date has one offset either way) and, to show an instant
    with one division, the text of recent plain local dates (``_local``, by local day)."""

    __slots__ = ("zone", "format", "plus", "_dates", "_years", "_local", "_guess", "_days")

    def __init__(self, zone: tzinfo, format: str | None = None, *, plus: bool = False) -> None:
        self.zone = zone
        self.format = format
        self.plus = plus
        self._dates: dict[int, tuple[int | None, str | None]] = {}
        self._years: dict[int, frozenset[int]] = {}
        self._local: dict[int, tuple[int, str, str]] = {}
        self._guess = 0
        self._days: dict[str, int] = {}

    def read(self, text: str) -> int | None:
        """Microseconds since ``EPOCH`` of ISO 8601 ``text`` (or of ``text`` in ``format``),
        local to the zone when it has no offset, or ``TIME + N min`` with ``plus``; None when
        only ``read_time`` can tell. ``YYYY-MM-DDTHH:MM`` on a plain date already read is two
        lookups: the date's first instant (``_days``, filled below) plus the clock's."""
        if len(text) == 16 and text[10] == "T":
            start = self._days.get(text[:10])
            if start is not None:
                clock = _CLOCK_MICROS.get(text[11:])
                if clock is not None:
                    return start + clock
        if self.plus and text.endswith("min"):
            return self._plus(text)
        if self.format is None:
            try:
                moment = datetime.fromisoformat(text)
            except ValueError:
                return None
        else:
            found = formatted(text, self.format)
            if found is None:
                return None
            moment = found
        ordinal = moment.toordinal()
        if not FIRST_ORDINAL <= ordinal < END_ORDINAL:
            return None
        written = moment.utcoffset()
        if written is not None:
            return (moment.replace(tzinfo=None) - NAIVE_EPOCH) // US - written // US
        offset = (self._dates.get(ordinal) or self._learn(ordinal))[0]
        if offset is not None:
            if self.format is None and len(text) == 16 and text[10] == "T":  # remembered for the lookups above
                if len(self._days) >= CACHED_DATES:
                    self._days.clear()
                self._days[text[:10]] = (ordinal - 1) * DAY - offset
            return (moment - NAIVE_EPOCH) // US - offset
        try:
            return to_micros(localize(moment, self.zone))
        except InputError:
            return None

    def _plus(self, text: str) -> int | None:
        """``TIME + N min``: N minutes of real time after TIME, as ``read_time`` reads it."""
        found = PLUS_MINUTES.match(text.strip())
        if found is None:
            return None
        start = self.read(found.group(1))
        if start is None:
            return None
        moment = start + int(found.group(2)) * MINUTE
        return moment if moment < END_MICROS else None

    def show(self, micros: int) -> str:
        """The instant as ``datetime.isoformat()`` shows it in the zone."""
        offset = self._guess
        day, clock = divmod(micros + offset, DAY)
        found = self._local.get(day)
        if found is None or found[0] != offset:
            if found is None:
                return self._show_learning(micros)
            offset = found[0]  # that date has another offset (the other side of a DST change)
            day, clock = divmod(micros + offset, DAY)
            found = self._local.get(day)
            if found is None or found[0] != offset:
                return self._show_learning(micros)
            self._guess = offset
        minute, rest = divmod(clock, MINUTE)
        if not rest:
            return found[1] + _WHOLE_MINUTES[minute] + found[2]
        seconds, fraction = divmod(rest, SECOND)
        if not fraction:
            return f"{found[1]}{_CLOCKS[minute]}:{seconds:02d}{found[2]}"
        return f"{found[1]}{_CLOCKS[minute]}:{seconds:02d}.{fraction:06d}{found[2]}"

    def _show_learning(self, micros: int) -> str:
        """``show`` when the local date read with the last offset shown is not known to have
        that offset: learn the instant's own date (its offset becomes the next guess)."""
        offset, suffix = self._dates.get(micros // DAY + 1) or self._learn(micros // DAY + 1)
        if offset is not None and suffix is not None:  # both or neither
            day = (micros + offset) // DAY
            if (self._dates.get(day + 1) or self._learn(day + 1))[0] == offset:  # the local date is plain too
                if len(self._local) >= CACHED_DATES:
                    self._local.clear()
                self._local[day] = (offset, date.fromordinal(day + 1).isoformat() + "T", suffix)
                self._guess = offset
                return self.show(micros)
        return from_micros(micros).astimezone(self.zone).isoformat()  # a local date next to a change

    def _learn(self, ordinal: int) -> tuple[int | None, str | None]:
        """(offset in microseconds, its ISO suffix) shared by every instant from the day before
        the date ``ordinal`` to the day after it, or (None, None) when the offset changes then."""
        if len(self._dates) >= CACHED_DATES:
            self._dates.clear()
        found = _NOT_PLAIN
        if FIRST_ORDINAL - 3 <= ordinal <= END_ORDINAL + 3 and ordinal not in self._near(date.fromordinal(ordinal).year):
            offset = offset_at(self.zone, datetime.fromordinal(ordinal) + timedelta(hours=12))
            found = (offset // US, _suffix(offset))
        self._dates[ordinal] = found
        return found

    def _near(self, year: int) -> frozenset[int]:
        """UTC dates of ``year`` within ``NEAR`` of an offset change."""
        near = self._years.get(year)
        if near is None:
            near = self._years[year] = frozenset(
                change.at.toordinal() + shift for change in transitions_around(self.zone, year) for shift in NEAR)
        return near


def _suffix(offset: timedelta) -> str:
    """How ``isoformat`` writes ``offset``: ``+00:00``, ``-05:00``, ``-04:56:02``."""
    return datetime(2000, 1, 1, tzinfo=timezone(offset)).isoformat()[19:]
