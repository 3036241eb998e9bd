"""The time-tracking CSV (``slactl.worklog``): parsing, daily cuts, and every refused row.

Seed 004: "los tiempos de los expertos, es controlado por un sistema de Time Tracking, con
cortes diarios, y el mismo es fuente para nuestros sistemas de facturacion".
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from fractions import Fraction
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from slactl.policy import load as loader
from slactl.sla.quote import GuaranteeMode, Phase, Work, quote
from slactl.sla.worklog import Entry, WorklogError, daily, parse

UTC = timezone.utc
MADRID, BOGOTA = ZoneInfo("Europe/Madrid"), ZoneInfo("America/Bogota")
N, M = Phase.NORMALIZATION, Phase.MITIGATION
HEADER = "start,end,phase,note\n"


def days(text: str, zone=UTC) -> list[tuple[str, str, Fraction]]:
    return [(e.phase.value, e.day.isoformat(), e.hours) for e in daily(parse(text, zone, "w.csv"), zone)]


def test_entries_keep_their_line_numbers_and_notes():
    entries = parse(HEADER + "2026-11-20T10:00,2026-11-20T12:30,normalization,restart db\n"
                    "\n2026-11-20T13:00,2026-11-20T14:00,mitigation,\n", UTC, "w.csv")
    assert [(e.line, e.phase, e.end - e.start, e.note) for e in entries] == [
        (2, N, timedelta(hours=2, minutes=30), "restart db"), (4, M, timedelta(hours=1), "")]


DAILY = [
    ("one entry is one day's line",
     HEADER + "2026-11-20T10:00,2026-11-20T12:30,normalization,\n", UTC,
     [("normalization", "2026-11-20", Fraction(5, 2))]),
    ("an entry crossing midnight is cut there: 22:00-02:00 is 2 h + 2 h",
     HEADER + "2026-11-20T22:00,2026-11-21T02:00,normalization,\n", UTC,
     [("normalization", "2026-11-20", Fraction(2)), ("normalization", "2026-11-21", Fraction(2))]),
    ("an entry spanning two midnights has three days",
     HEADER + "2026-11-20T23:00,2026-11-22T01:00,mitigation,\n", UTC,
     [("mitigation", "2026-11-20", Fraction(1)), ("mitigation", "2026-11-21", Fraction(24)),
      ("mitigation", "2026-11-22", Fraction(1))]),
    ("entries of one day and phase add up; phases stay apart",
     HEADER + "2026-11-20T08:00,2026-11-20T09:00,normalization,\n2026-11-20T10:00,2026-11-20T10:20,normalization,\n"
              "2026-11-20T11:00,2026-11-20T11:45,mitigation,\n", UTC,
     [("normalization", "2026-11-20", Fraction(4, 3)), ("mitigation", "2026-11-20", Fraction(3, 4))]),
    ("the cut is at the zone's midnight: 03:00-06:00 UTC is 22:00-01:00 in Bogotá",
     HEADER + "2026-11-21T03:00Z,2026-11-21T06:00Z,normalization,\n", BOGOTA,
     [("normalization", "2026-11-20", Fraction(2)), ("normalization", "2026-11-21", Fraction(1))]),
    ("times without an offset are in the zone: 22:00-01:00 Madrid",
     HEADER + "2026-11-20T22:00,2026-11-21T01:00,normalization,\n", MADRID,
     [("normalization", "2026-11-20", Fraction(2)), ("normalization", "2026-11-21", Fraction(1))]),
    # Madrid falls back on Sunday 2026-10-25 at 03:00: that day has 25 elapsed hours.
    ("the day the clock goes back counts 25 real hours",
     HEADER + "2026-10-24T23:00,2026-10-26T01:00,normalization,\n", MADRID,
     [("normalization", "2026-10-24", Fraction(1)), ("normalization", "2026-10-25", Fraction(25)),
      ("normalization", "2026-10-26", Fraction(1))]),
    # Within one day too: the length is real time, not the difference of two wall clocks (two
    # datetimes of one ZoneInfo subtract as wall clocks in Python).
    ("01:30 to 03:30 on the day the clock goes forward is one real hour",
     HEADER + "2026-03-29T01:30,2026-03-29T03:30,normalization,\n", MADRID,
     [("normalization", "2026-03-29", Fraction(1))]),
    ("00:30 to 03:30 on the day the clock goes back is four real hours",
     HEADER + "2026-10-25T00:30,2026-10-25T03:30,normalization,\n", MADRID,
     [("normalization", "2026-10-25", Fraction(4))]),
    ("an explicit offset is honoured whatever the zone",
     HEADER + "2026-11-20T10:00-05:00,2026-11-20T11:00-05:00,normalization,\n", UTC,
     [("normalization", "2026-11-20", Fraction(1))]),
    ("seconds are kept exactly", HEADER + "2026-11-20T10:00:00,2026-11-20T10:00:45,normalization,\n", UTC,
     [("normalization", "2026-11-20", Fraction(1, 80))]),
    ("touching entries do not overlap",
     HEADER + "2026-11-20T10:00,2026-11-20T11:00,normalization,\n2026-11-20T11:00,2026-11-20T12:00,mitigation,\n",
     UTC, [("normalization", "2026-11-20", Fraction(1)), ("mitigation", "2026-11-20", Fraction(1))]),
    ("the note column is optional and columns may come in any order",
     "Phase,End,Start\nmitigation,2026-11-20T12:00,2026-11-20T11:00\n", UTC,
     [("mitigation", "2026-11-20", Fraction(1))]),
    ("Spanish phase names are read", HEADER + "2026-11-20T10:00,2026-11-20T11:00,Normalización,\n"
                                              "2026-11-20T11:00,2026-11-20T12:00,MITIGACION,\n", UTC,
     [("normalization", "2026-11-20", Fraction(1)), ("mitigation", "2026-11-20", Fraction(1))]),
    ("a quoted note may hold commas", HEADER + '2026-11-20T10:00,2026-11-20T11:00,normalization,"db, cache"\n', UTC,
     [("normalization", "2026-11-20", Fraction(1))]),
    ("a zero-length entry bills nothing", HEADER + "2026-11-20T10:00,2026-11-20T10:00,normalization,\n"
                                                   "2026-11-20T10:00,2026-11-20T11:00,mitigation,\n", UTC,
     [("mitigation", "2026-11-20", Fraction(1))]),
    ("Windows line endings are read", HEADER.replace("\n", "\r\n") + "2026-11-20T10:00,2026-11-20T11:00,mitigation,\r\n",
     UTC, [("mitigation", "2026-11-20", Fraction(1))]),
]


@pytest.mark.parametrize("text, zone, expected", [c[1:] for c in DAILY], ids=[c[0] for c in DAILY])
def test_daily_cuts(text, zone, expected):
    assert days(text, zone) == expected


ROW = "2026-11-20T10:00,2026-11-20T11:00,normalization,\n"
REFUSED = [
    ("an entry ending before it starts is refused with its line",
     HEADER + ROW + "2026-11-20T15:00,2026-11-20T14:00,mitigation,\n", UTC,
     ["w.csv:3: end 2026-11-20T14:00 is before start 2026-11-20T15:00"]),
    ("overlapping entries name both lines",
     HEADER + ROW + "2026-11-20T10:30,2026-11-20T12:00,mitigation,\n", UTC,
     ["w.csv:3: overlaps line 2 (2026-11-20T10:00:00+00:00 to 2026-11-20T11:00:00+00:00)"]),
    ("an overlap is found whatever the file order",
     HEADER + "2026-11-20T10:30,2026-11-20T12:00,mitigation,\n" + ROW, UTC,
     ["w.csv:2: overlaps line 3 (2026-11-20T10:00:00+00:00 to 2026-11-20T11:00:00+00:00)"]),
    ("an entry inside a long one overlaps it",
     HEADER + "2026-11-20T08:00,2026-11-20T18:00,normalization,\n" + ROW + "2026-11-20T12:00,2026-11-20T13:00,mitigation,\n",
     UTC, ["w.csv:3: overlaps line 2 (2026-11-20T08:00:00+00:00 to 2026-11-20T18:00:00+00:00)",
           "w.csv:4: overlaps line 2 (2026-11-20T08:00:00+00:00 to 2026-11-20T18:00:00+00:00)"]),
    ("offsets are compared as instants: 10:30-05:00 is inside 15:00-16:00 UTC",
     HEADER + "2026-11-20T15:00Z,2026-11-20T16:00Z,normalization,\n2026-11-20T10:30-05:00,2026-11-20T10:45-05:00,mitigation,\n",
     UTC, ["w.csv:3: overlaps line 2 (2026-11-20T15:00:00+00:00 to 2026-11-20T16:00:00+00:00)"]),
    ("every problem is reported, in line order",
     HEADER + "yesterday,2026-11-20T11:00,normalization,\n" + ROW + "2026-11-20T10:00,2026-11-20T11:00,fixing,\n"
     + "2026-11-20T10:59,2026-11-20T11:30,mitigation,\n", UTC,
     ["w.csv:2: bad start time 'yesterday': write ISO 8601 such as 2026-11-20T18:30, 2026-11-20T18:30:00-06:00 or 2026-11-20T23:30Z",
      "w.csv:4: unknown phase 'fixing' (choose from: normalization, mitigation)",
      "w.csv:5: overlaps line 3 (2026-11-20T10:00:00+00:00 to 2026-11-20T11:00:00+00:00)"]),
    ("a row with too few fields is refused",
     HEADER + "2026-11-20T10:00,2026-11-20T11:00\n", UTC, ["w.csv:2: expected 4 fields (start,end,phase,note), got 2"]),
    ("blank lines still count in line numbers",
     HEADER + "\n\n2026-11-20T12:00,2026-11-20T11:00,normalization,\n", UTC,
     ["w.csv:4: end 2026-11-20T11:00 is before start 2026-11-20T12:00"]),
    ("a quoted note over two lines keeps the next row's number right",
     HEADER + '2026-11-20T09:00,2026-11-20T10:00,normalization,"two\nlines"\n'
     + "2026-11-20T12:00,2026-11-20T11:00,normalization,\n", UTC,
     ["w.csv:4: end 2026-11-20T11:00 is before start 2026-11-20T12:00"]),
    ("an empty file is refused", "", UTC, ["w.csv:1: empty worklog: expected the header start,end,phase[,note]"]),
    ("a header alone is refused", HEADER, UTC, ["w.csv:1: no entries after the header"]),
    ("a missing header is refused", ROW, UTC,
     ["w.csv:1: bad header (missing start, end, phase; unknown column '2026-11-20t10:00', '2026-11-20t11:00', "
      "'normalization', ''): expected start,end,phase[,note]"]),
    ("a misspelled column is refused", "start,end,phase,nots\n" + ROW, UTC,
     ["w.csv:1: bad header (unknown column 'nots'): expected start,end,phase[,note]"]),
    ("a repeated column is refused", "start,end,phase,end\n", UTC,
     ["w.csv:1: bad header (repeated end): expected start,end,phase[,note]"]),
    # Madrid springs forward on 2026-03-29 at 02:00 and falls back on 2026-10-25 at 03:00.
    ("a wall time the clock skips is refused", HEADER + "2026-03-29T02:30,2026-03-29T04:00,normalization,\n", MADRID,
     ["w.csv:2: start time 2026-03-29T02:30 does not exist in Europe/Madrid (clocks spring forward); add an offset: 2026-03-29T01:30:00+01:00 or 2026-03-29T03:30:00+02:00"]),
    ("a wall time that happens twice needs its offset", HEADER + "2026-10-25T01:00,2026-10-25T02:30,normalization,\n",
     MADRID, ["w.csv:2: end time 2026-10-25T02:30 is ambiguous in Europe/Madrid (clocks fall back, it happens twice); "
              "add an offset: 2026-10-25T02:30:00+02:00 or 2026-10-25T02:30:00+01:00"]),
]


@pytest.mark.parametrize("text, zone, problems", [c[1:] for c in REFUSED], ids=[c[0] for c in REFUSED])
def test_refused_worklogs(text, zone, problems):
    with pytest.raises(WorklogError) as caught:
        parse(text, zone, "w.csv")
    assert caught.value.problems == problems
    assert str(caught.value) == problems[0]


def test_an_ambiguous_time_with_its_offset_is_accepted():
    assert days(HEADER + "2026-10-25T02:30+01:00,2026-10-25T03:00,normalization,\n", MADRID) == [
        ("normalization", "2026-10-25", Fraction(1, 2))]


def test_an_entry_cannot_be_built_backwards():
    start = datetime(2026, 11, 20, 10, tzinfo=UTC)
    with pytest.raises(ValueError, match="end before"):
        Entry(2, start, start - timedelta(minutes=1), N)


EXPRESS = loader.load(loader.bundled_paths()).get("express").pricing
ZONES = [UTC, MADRID, BOGOTA]


@given(st.integers(0, 3 * 24 * 60), st.integers(1, 3 * 24 * 60), st.data(), st.sampled_from(ZONES),
       st.sampled_from(list(Phase)))
def test_splitting_an_entry_at_any_minute_keeps_the_totals(offset, length, data, zone, phase):
    start = datetime(2026, 10, 24, tzinfo=UTC) + timedelta(minutes=offset)
    end = start + timedelta(minutes=length)
    cut = start + timedelta(minutes=data.draw(st.integers(0, length), label="cut"))
    whole = (Entry(2, start, end, phase),)
    halves = (Entry(2, start, cut, phase), Entry(3, cut, end, phase))
    terms = dict(guarantee_mode=GuaranteeMode.CREDITED, on_demand_rate=EXPRESS.express_rate - 10)
    one = quote(EXPRESS, Work(daily(whole, zone), **terms))
    two = quote(EXPRESS, Work(daily(halves, zone), **terms))
    assert [(i.name, i.total) for i in one.invoices] == [(i.name, i.total) for i in two.invoices]
    assert one.total == two.total


def test_the_daily_cut_is_where_comms_lists_the_daily_report_also_across_dst():
    # Issue 17: comms (every: end-of-day on the policy's 24x7 calendar) and quote --worklog cut at
    # the same instant, midnight in the policy's zone. Madrid, 2026-03-28 22:00 (+01:00, 21:00 UTC)
    # to 03-29 03:00 (+02:00, 01:00 UTC): cut at 03-29 00:00 (+01:00) = 03-28 23:00 UTC, so 2 h on
    # the 28th and 2 h on the 29th (00:00-03:00 on the wall, but 02:00-03:00 does not exist).
    from slactl.businesstime import AlwaysOpen
    from slactl.businesstime.duration import Duration

    entries = parse(HEADER + "2026-03-28T22:00,2026-03-29T03:00,normalization,\n", MADRID, "w.csv")
    assert [(e.day.isoformat(), e.hours) for e in daily(entries, MADRID)] == [("2026-03-28", 2), ("2026-03-29", 2)]
    cut = AlwaysOpen(MADRID).add(datetime(2026, 3, 28, 21, tzinfo=UTC), Duration.parse("end-of-day"))
    assert cut == datetime(2026, 3, 28, 23, tzinfo=UTC)
