"""Holidays from an iCalendar file: all-day events close their dates, timed events their span."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from slactl.businesstime.ics_holidays import IcsHolidays, read_ics

MX = ZoneInfo("America/Mexico_City")


def ics(*events: str) -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\nUID:{n}@test\r\nDTSTAMP:20260101T000000Z\r\n{e}END:VEVENT\r\n" for n, e in enumerate(events))
    return f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//slactl tests//EN\r\n{body}END:VCALENDAR\r\n".encode()


def test_all_day_events_close_their_dates_and_the_end_date_is_exclusive():
    found = read_ics(ics("DTSTART;VALUE=DATE:20261224\r\nDTEND;VALUE=DATE:20261226\r\nSUMMARY:Navidad\r\n",
                         "DTSTART;VALUE=DATE:20270101\r\nSUMMARY:Año nuevo\r\n"))
    assert found.dates == (date(2026, 12, 24), date(2026, 12, 25), date(2027, 1, 1))
    assert found.spans == ()


def test_timed_events_close_their_span_in_their_zone_or_float():
    found = read_ics(ics("DTSTART;TZID=America/Mexico_City:20261231T140000\r\nDTEND;TZID=America/Mexico_City:20261231T190000\r\n",
                         "DTSTART:20261130T140000\r\nDURATION:PT2H\r\n"))
    assert found.dates == ()
    assert found.spans == ((datetime(2026, 11, 30, 14), datetime(2026, 11, 30, 16)),
                           (datetime(2026, 12, 31, 14, tzinfo=MX), datetime(2026, 12, 31, 19, tzinfo=MX)))


def test_cancelled_events_and_instants_close_nothing():
    assert read_ics(ics("DTSTART;VALUE=DATE:20261224\r\nSTATUS:CANCELLED\r\n", "DTSTART:20261224T100000Z\r\n")) == IcsHolidays()


@pytest.mark.parametrize("data, message", [
    pytest.param(b"hello", "not iCalendar (it does not start with BEGIN:VCALENDAR)", id="text that is not iCalendar"),
    pytest.param(b"", "not iCalendar (it does not start with BEGIN:VCALENDAR)", id="an empty file"),
    pytest.param(b"BEGIN:VCALENDAR\r\nthis line is not a property\r\nEND:VCALENDAR\r\n",
                 "not iCalendar (Content line could not be parsed into parts", id="a broken content line"),
    pytest.param(b"BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261224\r\nEND:VEVENT\r\n",
                 "not iCalendar (it starts with VEVENT, not VCALENDAR)", id="an event without its calendar"),
    pytest.param(ics("DTSTART;VALUE=DATE:20261225\r\nRRULE:FREQ=YEARLY\r\nSUMMARY:Navidad\r\n"),
                 "event 'Navidad' repeats (RRULE/RDATE); list each date as its own event", id="a yearly rule"),
    pytest.param(ics("SUMMARY:Sin fecha\r\n"), "event 'Sin fecha': No DTSTART given.", id="an event without a start"),
    pytest.param(ics("DTSTART:2026XX\r\nSUMMARY:Roto\r\n"), "event 'Roto': Cannot access 'dt' on broken property 'DTSTART'",
                 id="a start that is not a time"),
    pytest.param(ics("DTSTART;TZID=Nowhere/Land:20261224T100000\r\nDTEND;TZID=Nowhere/Land:20261224T120000\r\nSUMMARY:X\r\n"),
                 "event 'X' names an unknown time zone 'Nowhere/Land'", id="an unknown zone"),
    pytest.param(ics("DTSTART:20261224T100000Z\r\nDTEND:20261224T090000Z\r\nSUMMARY:X\r\n"),
                 "event 'X' ends before it starts", id="an end before the start"),
    pytest.param(ics("DTSTART:20261224T100000\r\nDTEND:20261224T120000Z\r\nSUMMARY:X\r\n"),
                 "event 'X' mixes a floating time with a zoned one", id="floating and zoned"),
])
def test_a_file_that_cannot_be_read_as_holidays_says_why_in_one_line(data, message):
    with pytest.raises(ValueError) as caught:
        read_ics(data)
    assert str(caught.value).startswith(message) and "\n" not in str(caught.value)


def test_the_data_form_round_trips():
    found = IcsHolidays((date(2026, 12, 24),), ((datetime(2026, 11, 30, 14), datetime(2026, 11, 30, 16)),
                                                 (datetime(2026, 12, 31, 20, tzinfo=ZoneInfo("UTC")),
                                                  datetime(2026, 12, 31, 20, tzinfo=ZoneInfo("UTC")) + timedelta(hours=5))))
    back = IcsHolidays.from_data(found.as_data())
    assert back.dates == found.dates and back.spans == found.spans
