"""Holidays published as an iCalendar file (RFC 5545), as Jira Service Management and Zammad
import them: all-day events close their dates, timed events close their span.

Read with the ``icalendar`` library (imported on first use). The bytes come from the policy
loader, the only module that touches files; this module only interprets them. A timed event
without a zone (a *floating* time, RFC 5545 3.3.5) is a wall time of the policy's zone, so it
is kept naive here and placed in that zone by the calendar that uses it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

ONE_DAY = timedelta(days=1)
MAX_DAYS = 366
"""An all-day event longer than a year is a mistake, not a holiday."""


@dataclass(frozen=True, slots=True)
class IcsHolidays:
    """What a file closes: ``dates`` (all-day events, sorted) and ``spans`` (timed events,
    sorted ``(start, end)``; aware, or naive for floating times)."""

    dates: tuple[date, ...] = ()
    spans: tuple[tuple[datetime, datetime], ...] = ()

    def as_data(self) -> dict[str, list]:
        """Plain JSON values, for the policy cache: ISO dates and ISO instants."""
        return {"dates": [d.isoformat() for d in self.dates],
                "spans": [[start.isoformat(), end.isoformat()] for start, end in self.spans]}

    @classmethod
    def from_data(cls, data: dict) -> IcsHolidays:
        """The inverse of ``as_data``; ValueError or TypeError on anything else."""
        return cls(tuple(date.fromisoformat(text) for text in data["dates"]),
                   tuple((datetime.fromisoformat(a), datetime.fromisoformat(b)) for a, b in data["spans"]))


def read_ics(data: bytes) -> IcsHolidays:
    """The holidays of an iCalendar file's VEVENTs; ValueError (one line, naming the event)
    when the file is not iCalendar, an event has no usable start or end, names an unknown time
    zone or repeats (RRULE/RDATE: export every occurrence as its own event). Cancelled events
    close nothing."""
    import icalendar

    if not data.lstrip(b"\xef\xbb\xbf \t\r\n").upper().startswith(b"BEGIN:"):
        raise ValueError("not iCalendar (it does not start with BEGIN:VCALENDAR)")
    try:
        calendar = icalendar.Calendar.from_ical(data)
    except ValueError as error:
        raise ValueError(f"not iCalendar ({_first_line(error)})") from None
    if calendar.name != "VCALENDAR":
        raise ValueError(f"not iCalendar (it starts with {calendar.name}, not VCALENDAR)")
    dates: set[date] = set()
    spans: list[tuple[datetime, datetime]] = []
    for event in calendar.walk("VEVENT"):
        if not isinstance(event, icalendar.Event) or str(event.get("STATUS", "")).upper() == "CANCELLED":
            continue
        name = _name(event)
        if "RRULE" in event or "RDATE" in event:
            raise ValueError(f"event {name} repeats (RRULE/RDATE); list each date as its own event")
        try:
            start, end = event.start, event.end
        except ValueError as error:
            raise ValueError(f"event {name}: {_first_line(error)}") from None
        if isinstance(start, datetime) and isinstance(end, datetime):
            spans.extend(_span(event, name, start, end))
        else:
            if end < start:
                raise ValueError(f"event {name} ends before it starts")
            if (end - start).days > MAX_DAYS:
                raise ValueError(f"event {name} lasts more than {MAX_DAYS} days")
            dates.update(start + n * ONE_DAY for n in range((end - start).days))
    return IcsHolidays(tuple(sorted(dates)), tuple(sorted(spans, key=_sort_key)))


def _span(event, name: str, start: datetime, end: datetime) -> list[tuple[datetime, datetime]]:
    """A timed event's span (none when it is an instant); ValueError when its times mix a
    floating time with a zoned one, name an unknown zone, or run backwards."""
    if (start.tzinfo is None) != (end.tzinfo is None):
        raise ValueError(f"event {name} mixes a floating time with a zoned one")
    for key in ("DTSTART", "DTEND"):
        zone = event[key].params.get("TZID") if key in event else None
        if zone and start.tzinfo is None:
            raise ValueError(f"event {name} names an unknown time zone {str(zone)!r}")
    if end < start:
        raise ValueError(f"event {name} ends before it starts")
    return [(start, end)] if start < end else []


def _name(event) -> str:
    summary = str(event.get("SUMMARY", "")).strip()
    uid = str(event.get("UID", "")).strip()
    return repr(summary or uid or "without a summary")[:80]


def _first_line(error: Exception) -> str:
    """The library's reason, one line, control characters escaped (it may quote the file)."""
    lines = str(error).strip().splitlines()
    line = lines[0] if lines else type(error).__name__
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in line)


def _sort_key(span: tuple[datetime, datetime]) -> tuple[str, str]:
    return span[0].isoformat(), span[1].isoformat()
