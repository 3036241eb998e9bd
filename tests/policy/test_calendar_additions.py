"""Issue 17's policy format additions, loaded from tests/testdata/calendars: exceptions, holiday
overrides, an iCalendar holidays file (relative to the policy file), night hours, end-of-day
lengths and cadence calendars; and what ``slactl show`` prints of them."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from cli_helpers import run
from slactl.businesstime.duration import Duration
from slactl.errors import PolicyError
from slactl.policy import load as loader

CALENDARS = Path(__file__).resolve().parents[1] / "testdata" / "calendars"
MX = ZoneInfo("America/Mexico_City")


@pytest.fixture(scope="module")
def acme():
    return loader.load([CALENDARS / "acme.yaml"]).get("acme")


def test_the_calendar_keeps_what_the_file_says(acme):
    office = acme.calendar("office")
    assert office.holidays.region == "MX"
    assert office.holidays_removed == (date(2026, 11, 16),) and office.holidays_added == (date(2026, 12, 28),)
    assert office.exceptions == ((date(2026, 11, 21), ((600, 840),)), (date(2026, 12, 24), ((540, 780),)),
                                 (date(2026, 12, 31), ()))
    assert office.ics == "acme-holidays.ics" and office.ics_holidays.dates == (date(2026, 12, 30),)
    assert acme.calendar("nights").hours.days[0] == ((1320, 1800),)


def test_a_floating_time_of_the_holidays_file_is_a_wall_time_of_the_policy_zone(acme):
    # "Inventario" closes Tuesday 2027-01-05 08:00-10:00 (no zone in the file): an hour from 07:00 ends 11:00.
    office = acme.calendar("office")
    assert office.add(datetime(2027, 1, 5, 7, tzinfo=MX), Duration.parse("1h")) == datetime(2027, 1, 5, 11, tzinfo=MX)


def test_a_cancelled_event_closes_nothing(acme):
    # Monday 2026-11-23 is in the file with STATUS:CANCELLED: open as usual.
    assert acme.calendar("office").is_open(datetime(2026, 11, 23, 10, tzinfo=MX))


def test_the_holidays_file_is_found_beside_the_policy_whatever_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert loader.load([CALENDARS / "acme.yaml"]).get("acme").calendar("office").ics_holidays.dates == (date(2026, 12, 30),)


def test_a_cadence_names_its_calendar_and_defaults_to_24x7(acme):
    p1, p3 = acme.severity("p1"), acme.severity("p3")
    assert [c.calendar.name for c in acme.communications_for(p1)] == ["office"]
    assert [c.calendar.name for c in acme.communications_for(p3)] == ["plain", "24x7"]
    assert str(acme.communications_for(p3)[1].every) == "end-of-day"


@pytest.mark.parametrize("content, reason", [
    pytest.param(b"BEGIN:VCALENDAR\r\n" + b"X" * (1024 * 1024), "larger than 1 MiB, not a list of holidays",
                 id="a file over 1 MiB"),
    pytest.param(None, "Is a directory", id="a directory"),
])
def test_an_unusable_holidays_file_is_one_located_line(tmp_path, content, reason):
    policy = tmp_path / "acme.yaml"
    policy.write_bytes((CALENDARS / "acme.yaml").read_bytes())
    if content is None:
        (tmp_path / "acme-holidays.ics").mkdir()
    else:
        (tmp_path / "acme-holidays.ics").write_bytes(content)
    with pytest.raises(PolicyError) as caught:
        loader.load([policy])
    [problem] = caught.value.problems
    assert problem.startswith(f"{policy}:18: ") and problem.endswith(reason)


def test_show_prints_exceptions_and_holiday_overrides(capsys):
    code, out, err = run(capsys, "--policies", str(CALENDARS), "show", "acme")
    assert (code, err) == (0, "")
    assert "Exceptions and holiday overrides" in out
    rows = [" ".join(cell.strip() for cell in line.split("|")[1:-1]) for line in out.splitlines() if line.startswith("| office")]
    assert rows[-8:] == [
        "office 2026-11-16 weekly hours holiday removed: worked",
        "office 2026-11-21 10:00-14:00 exception: hours of its own",
        "office 2026-11-27 closed 14:00-19:00 timed holiday in acme-holidays.ics",
        "office 2026-12-24 09:00-13:00 exception: hours of its own",
        "office 2026-12-28 closed holiday added",
        "office 2026-12-30 closed holiday in acme-holidays.ics",
        "office 2026-12-31 closed exception: closed",
        "office 2027-01-05 closed 08:00-10:00 timed holiday in acme-holidays.ics",
    ]
    assert "| nights   | Mon-Sun 22:00-06:00" in out
    assert "every 4h of office time while unresolved" in out


def test_show_json_lists_the_holidays_and_exceptions(capsys):
    code, out, err = run(capsys, "--policies", str(CALENDARS), "show", "acme", "--json")
    assert (code, err) == (0, "")
    office = next(c for c in json.loads(out)["calendars"] if c["name"] == "office")
    assert office["holidays"] == {
        "region": "MX", "ics": "acme-holidays.ics", "ics_dates": ["2026-12-30"],
        "ics_closures": [["2026-11-27T14:00:00-06:00", "2026-11-27T19:00:00-06:00"],
                         ["2027-01-05T08:00:00", "2027-01-05T10:00:00"]],
        "added": ["2026-12-28"], "removed": ["2026-11-16"]}
    assert office["exceptions"] == {"2026-11-21": "10:00-14:00", "2026-12-24": "09:00-13:00", "2026-12-31": "closed"}
    assert office["hours"].startswith("Mon-Fri 08:00-19:00; closed on MX public holidays; closed on the holidays of "
                                      "acme-holidays.ics (1 date, 2 timed closures); open on 2026-11-16 despite the "
                                      "holiday list; closed on added holiday(s) 2026-12-28; exceptions: ")


def test_the_format_page_shows_every_addition_with_an_example():
    page = (Path(__file__).resolve().parents[2] / "docs" / "policy-format.md").read_text(encoding="utf-8")
    for heading in ("### Night intervals", "### Holidays", "### Exceptions"):
        assert heading in page
    for written in ('"22:00-06:00"', "remove: [2026-11-16]", "ics: holidays/", "2026-12-24: \"09:00-13:00\"",
                    "max: end-of-day", "end-of-day+1d", "calendar: office", "every: end-of-day"):
        assert written in page, written
