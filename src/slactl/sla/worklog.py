"""A time-tracking export as CSV text: ``start,end,phase[,note]``, one entry per row.

Seed 004: "los tiempos de los expertos, es controlado por un sistema de Time Tracking, con
cortes diarios, y el mismo es fuente para nuestros sistemas de facturacion". Times without an
offset are wall-clock times in the given zone; days are cut at that zone's midnight, the
instant ``businesstime.local_day.end_of_date`` gives: the same instant ``comms`` lists the daily
cut at (``every: end-of-day`` on the policy's 24x7 calendar), for the same zone.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from fractions import Fraction

from slactl.businesstime.local_day import end_of_date
from slactl.errors import InputError
from slactl.sla.work_hours import MAX_HOURS
from slactl.sla.quote import Effort, Phase
from slactl.policy.names import fold
from slactl.tickets.times import read_time

HEADER = ("start", "end", "phase")
OPTIONAL = ("note",)
_PHASES = {
    "normalization": Phase.NORMALIZATION, "normalizacion": Phase.NORMALIZATION,
    "mitigation": Phase.MITIGATION, "mitigacion": Phase.MITIGATION,
}
_HOUR = timedelta(hours=1)
_ORDER = list(Phase)


class WorklogError(InputError):
    """Every problem of a worklog, each ``FILE:LINE: message``."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__(self.problems[0])


@dataclass(frozen=True, slots=True)
class Entry:
    """One time-tracking row: aware start and end, the phase, a note; ``line`` in the file."""
    line: int
    start: datetime
    end: datetime
    phase: Phase
    note: str = ""

    def __post_init__(self) -> None:
        if self.start.tzinfo is None or self.end.tzinfo is None:
            raise ValueError("worklog times must be aware")
        if self.end < self.start:
            raise ValueError("a worklog entry cannot end before it starts")


def parse(text: str, zone: tzinfo, name: str = "worklog") -> tuple[Entry, ...]:
    """The entries of a worklog, in file order; WorklogError lists every bad row, end before
    start, and every overlap (touching entries are fine)."""
    problems: list[tuple[int, str]] = []
    rows = csv.reader(io.StringIO(text))
    header, header_line, entries, first = None, 1, [], 1
    try:
        for row in rows:
            line, first = first, rows.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header, header_line = _header(row, line, problems), line
                if header is None:
                    break
                continue
            entry = _entry(row, header, line, zone, problems)
            if entry is not None:
                entries.append(entry)
    except csv.Error as error:
        problems.append((rows.line_num, f"unreadable CSV: {error}"))
    if header is None and not problems:
        problems.append((1, f"empty worklog: expected the header {','.join(HEADER)}[,note]"))
    elif header is not None and not entries and not problems:
        problems.append((header_line, "no entries after the header"))
    problems += _overlaps(entries, zone)
    if problems:
        raise WorklogError([f"{name}:{line}: {message}" for line, message in sorted(problems, key=lambda p: p[0])])
    return tuple(entries)


def daily(entries: tuple[Entry, ...], zone: tzinfo) -> tuple[Effort, ...]:
    """One effort per day per phase: an entry crossing midnight in ``zone`` is split there."""
    days: dict[tuple[Phase, date], timedelta] = {}
    for entry in entries:
        start = entry.start
        while start < entry.end:
            day = start.astimezone(zone).date()
            end = min(entry.end, _next_midnight(day, zone))
            days[entry.phase, day] = days.get((entry.phase, day), timedelta(0)) + (end - start)
            start = end
    return tuple(Effort(phase, Fraction(spent // timedelta(microseconds=1), _HOUR // timedelta(microseconds=1)), day)
                 for (phase, day), spent in sorted(days.items(), key=lambda item: (item[0][1], _ORDER.index(item[0][0]))))


def _next_midnight(day: date, zone: tzinfo) -> datetime:
    """The end of ``day`` in ``zone``, as UTC (the daily cut); after 9999-12-31 there is no next day."""
    try:
        return end_of_date(day, zone)
    except OverflowError:
        return datetime.max.replace(tzinfo=timezone.utc)


def _header(row: list[str], line: int, problems: list) -> list[str] | None:
    names = [cell.strip().lower() for cell in row]
    missing = [n for n in HEADER if n not in names]
    unknown = [n for n in names if n not in HEADER + OPTIONAL]
    repeated = sorted({n for n in names if names.count(n) > 1})
    if missing or unknown or repeated:
        wrong = "; ".join(filter(None, [
            f"missing {', '.join(missing)}" if missing else "",
            f"unknown column {', '.join(repr(u) for u in unknown)}" if unknown else "",
            f"repeated {', '.join(repeated)}" if repeated else "",
        ]))
        problems.append((line, f"bad header ({wrong}): expected {','.join(HEADER)}[,note]"))
        return None
    return names


def _entry(row: list[str], header: list[str], line: int, zone: tzinfo, problems: list) -> Entry | None:
    if len(row) != len(header):
        problems.append((line, f"expected {len(header)} fields ({','.join(header)}), got {len(row)}"))
        return None
    cells = dict(zip(header, (cell.strip() for cell in row)))
    before = len(problems)
    start = _instant(cells["start"], "start", zone, line, problems)
    end = _instant(cells["end"], "end", zone, line, problems)
    phase = _PHASES.get(fold(cells["phase"]).replace(" ", ""))
    if phase is None:
        problems.append((line, f"unknown phase {cells['phase']!r} (choose from: normalization, mitigation)"))
    if len(problems) > before or start is None or end is None or phase is None:
        return None
    if end < start:
        problems.append((line, f"end {cells['end']} is before start {cells['start']}"))
        return None
    if end - start > _HOUR * MAX_HOURS:
        problems.append((line, f"entry from {cells['start']} to {cells['end']} is longer than {MAX_HOURS} hours"))
        return None
    return Entry(line, start, end, phase, cells.get("note", ""))


def _instant(text: str, what: str, zone: tzinfo, line: int, problems: list) -> datetime | None:
    try:
        return read_time(text, zone, what=f"{what} time")
    except InputError as error:
        problems.append((line, str(error)))
        return None


def _overlaps(entries: list[Entry], zone: tzinfo) -> list[tuple[int, str]]:
    problems, latest = [], None
    for entry in sorted(entries, key=lambda e: (e.start, e.line)):
        if latest is not None and entry.start < latest.end and entry.end > entry.start:
            problems.append((entry.line, f"overlaps line {latest.line} "
                                         f"({latest.start.astimezone(zone).isoformat()} to "
                                         f"{latest.end.astimezone(zone).isoformat()})"))
        if latest is None or entry.end > latest.end:
            latest = entry
    return problems

