"""How ticket files' times are read (``tickets.times``): ISO 8601 first, then epoch seconds and
what python-dateutil reads (month first unless day first; a date that only reads the other way
round is refused, never swapped), a strptime format, ``TIME + N min``, the zone the export was
written in, and the DST choices pandas' ``tz_localize`` offers."""

from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from slactl.businesstime.zones import Choice
from slactl.errors import InputError
from slactl.tickets.times import FILES, STRICT, TimeReading, format_works, read_time

MEXICO = ZoneInfo("America/Mexico_City")  # -06:00 all year since 2022
BERLIN = ZoneInfo("Europe/Berlin")

READ = [
    ("ISO 8601 without an offset is the provider's local time", "2026-11-20T18:30", FILES, "2026-11-20T18:30:00-06:00"),
    ("a space instead of the T", "2024-01-15 09:02:11", FILES, "2024-01-15T09:02:11-06:00"),
    ("epoch seconds are UTC", "1700000000", FILES, "2023-11-14T22:13:20+00:00"),
    ("RFC 2822 keeps its offset", "Fri, 20 Nov 2026 18:30:00 -0600", FILES, "2026-11-20T18:30:00-06:00"),
    ("a US date with AM/PM is month first", "11/20/2026 06:30 PM", FILES, "2026-11-20T18:30:00-06:00"),
    ("05/03/2016 is 3 May by default", "05/03/2016 12:00", FILES, "2016-05-03T12:00:00-05:00"),
    ("05/03/2016 is 5 March day first", "05/03/2016 12:00", TimeReading(dayfirst=True), "2016-03-05T12:00:00-06:00"),
    ("a named UTC is UTC", "2026-11-20 10:00 UTC", FILES, "2026-11-20T10:00:00+00:00"),
    ("a strptime format", "29/2/2016 01:16", TimeReading(format="%d/%m/%Y %H:%M"), "2016-02-29T01:16:00-06:00"),
    ("Jira's 12:40 AM is 00:40", "21/Jan/24 12:40 AM", TimeReading(format="%d/%b/%y %I:%M %p"),
     "2024-01-21T00:40:00-06:00"),
    ("a naive time in the zone it was written in", "2024-01-15 10:00:00", TimeReading(zone=BERLIN, flexible=True),
     "2024-01-15T10:00:00+01:00"),
    ("an offset beats the zone it was written in", "2024-01-15T10:00:00Z", TimeReading(zone=BERLIN, flexible=True),
     "2024-01-15T10:00:00+00:00"),
    # 02:30 CEST is 00:30 UTC; 75 minutes later is 01:45 UTC, 02:45 CET (not 03:45 wall time)
    ("TIME + N min is real time across a DST change", "2024-10-27 02:30:00 + 75 min",
     TimeReading(zone=BERLIN, flexible=True, ambiguous=Choice.EARLIER), "2024-10-27T01:45:00+00:00"),
    ("the earlier of two readings", "2024-10-27 02:30", TimeReading(zone=BERLIN, flexible=True, ambiguous=Choice.EARLIER),
     "2024-10-27T02:30:00+02:00"),
    ("the later of two readings", "2024-10-27 02:30", TimeReading(zone=BERLIN, flexible=True, ambiguous=Choice.LATER),
     "2024-10-27T02:30:00+01:00"),
    ("a time in the spring-forward gap moves to the first instant after it", "2024-03-31 02:30",
     TimeReading(zone=BERLIN, flexible=True, nonexistent=Choice.FORWARD), "2024-03-31T03:00:00+02:00"),
]


@pytest.mark.parametrize("text, reading, expected", [r[1:] for r in READ], ids=[r[0] for r in READ])
def test_a_time_is_read(text, reading, expected):
    assert read_time(text, MEXICO, what="opened", reading=reading) == datetime.fromisoformat(expected)


ISO = "write ISO 8601 such as 2026-11-20T18:30, 2026-11-20T18:30:00-06:00 or 2026-11-20T23:30Z"
REFUSED = [
    ("flags and API arguments stay ISO 8601", "20/11/2026 10:00", STRICT, f"bad opened '20/11/2026 10:00': {ISO}"),
    ("a word is no time", "yesterday", FILES, f"bad opened 'yesterday': {ISO}"),
    ("a date that only reads day first is not swapped silently", "29/2/2016 01:16", FILES,
     "bad opened '29/2/2016 01:16': read month first, 29 is not a month; give --dayfirst (day/month/year) or --time-format"),
    ("a date that only reads month first is not swapped either", "11/20/2026 10:00", TimeReading(dayfirst=True),
     "bad opened '11/20/2026 10:00': read day first (--dayfirst), 20 is not a month; drop --dayfirst or give --time-format"),
    ("a month and a year are no date", "Nov 2026", FILES,
     "bad opened 'Nov 2026': not a full date with year, month and day (write ISO 8601 such as 2026-11-20T18:30, "
     "or give --time-format)"),
    ("a clock time alone is no date", "10:00", FILES,
     "bad opened '10:00': not a full date with year, month and day (write ISO 8601 such as 2026-11-20T18:30, "
     "or give --time-format)"),
    ("a zone abbreviation is ambiguous", "2026-11-20 10:00 EST", FILES,
     "bad opened '2026-11-20 10:00 EST': the zone 'EST' is ambiguous; write an offset such as -05:00"),
    # the month-first check reads the text the other way too: its zone is refused the same way
    ("a zone abbreviation after a month-first date", "11/20/2026 10:00 PM EST", FILES,
     "bad opened '11/20/2026 10:00 PM EST': the zone 'EST' is ambiguous; write an offset such as -05:00"),
    ("a zone abbreviation after a day-first date", "20/11/2026 22:00 CET", TimeReading(dayfirst=True),
     "bad opened '20/11/2026 22:00 CET': the zone 'CET' is ambiguous; write an offset such as -05:00"),
    ("a text that does not match the format", "2016-02-29", TimeReading(format="%d/%m/%Y %H:%M"),
     "bad opened '2016-02-29': expected the time format '%d/%m/%Y %H:%M' (e.g. 20/11/2026 18:30)"),
    ("an ambiguous local time without a choice", "2024-10-27 02:30", TimeReading(zone=BERLIN, flexible=True),
     "opened 2024-10-27T02:30 is ambiguous in Europe/Berlin (clocks fall back, it happens twice); add an offset: "
     "2024-10-27T02:30:00+02:00 or 2024-10-27T02:30:00+01:00"),
]


@pytest.mark.parametrize("text, reading, message", [r[1:] for r in REFUSED], ids=[r[0] for r in REFUSED])
def test_a_time_is_refused_with_one_line(text, reading, message):
    with pytest.raises(InputError) as raised:
        read_time(text, MEXICO, what="opened", reading=reading)
    assert str(raised.value) == message


def test_reading_never_looks_at_the_clock():
    """dateutil fills missing parts from today by default: slactl never lets it."""
    with pytest.raises(InputError):
        read_time("18:30", MEXICO, what="opened", reading=FILES)
    assert read_time("now", MEXICO, what="opened", now=datetime(2026, 1, 1, tzinfo=timezone.utc),
                     reading=FILES).year == 2026


def test_formats_are_checked():
    assert format_works("%d/%m/%Y %H:%M") and not format_works("dd/mm/yyyy") and not format_works("%Q")


def test_a_reading_takes_only_the_choices_pandas_offers():
    with pytest.raises(ValueError):
        TimeReading(ambiguous=Choice.FORWARD)
    with pytest.raises(ValueError):
        TimeReading(nonexistent=Choice.EARLIER)
