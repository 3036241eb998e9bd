"""The batch's integer path gives the general path's row, or leaves the ticket to it.

``Rows.fast`` (``WallClock`` + ``IntegerCalendar`` over a per-run open table) must never
disagree with ``Rows.general`` (``Batch.one`` + ``batch.record.record``), on plain tickets
and on the awkward ones: DST days of every bundled zone, offsets, seconds, pauses that touch,
overlap or reverse, done times before the opening, ``now``, unknown ids."""

from __future__ import annotations

import csv
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from budget import examples
from hypothesis import strategies as st

from slactl.policy import load as loader
from slactl.tickets import read as tickets
from slactl.batch.fast.rows import Rows
from slactl.tickets.read import BadRow, Row

POLICIES = loader.load(loader.bundled_paths())
CLOCK = datetime(2026, 11, 22, 12, 0, 30, 123456, tzinfo=timezone.utc)
COMBINATIONS = [(policy.id, severity.id, plan.id) for policy in POLICIES for plan in policy.plans
                for severity in policy.severities] + [
    (policy.id, severity.id, None) for policy in POLICIES for severity in policy.severities] + [
    ("ignus", "alta", None), ("IGNUS", "Urgente", None), ("nobody", "high", None), ("ignus", "nothing", None)]
# Europe/Madrid (athento) changes on these dates; the others keep one offset all year.
AROUND = [datetime(2026, 3, 29, 1), datetime(2026, 10, 25, 1), datetime(2026, 11, 20, 18, 30), datetime(2027, 3, 28, 1)]


@st.composite
def texts(draw, near: datetime) -> str:
    """A time as people write it, within about three weeks after ``near`` (or before it)."""
    moment = near + timedelta(minutes=draw(st.integers(-3 * 24 * 60, 21 * 24 * 60)))
    moment += timedelta(seconds=draw(st.sampled_from([0, 0, 0, 30])), microseconds=draw(st.sampled_from([0, 0, 7])))
    style = draw(st.sampled_from(["local", "local", "local", "utc", "offset", "seconds", "word"]))
    if style == "utc":
        return moment.isoformat(timespec="minutes") + "Z"
    if style == "offset":
        return moment.isoformat() + draw(st.sampled_from(["-06:00", "+01:00", "+05:45"]))
    if style == "seconds":
        return moment.isoformat(timespec="seconds")
    if style == "word":
        return draw(st.sampled_from(["now", "soon", "2026-02-30T10:00", " 2026-11-20T10:00"]))
    return moment.isoformat(timespec="minutes") if not moment.second and not moment.microsecond else moment.isoformat()


@st.composite
def ticket(draw) -> Row:
    provider, severity, plan = draw(st.sampled_from(COMBINATIONS))
    near = draw(st.sampled_from(AROUND))
    maybe = lambda: draw(st.one_of(st.none(), texts(near)))  # noqa: E731
    pauses = None
    if draw(st.booleans()):
        pauses = ";".join(f"{draw(texts(near))}/{draw(texts(near))}" for _ in range(draw(st.integers(1, 3))))
    return Row(7, provider, severity, draw(texts(near)), "T-1", plan, pauses, maybe(), maybe(), maybe(),
               followed_up=maybe())


@settings(max_examples=examples(1500), deadline=None)
@given(ticket(), st.sampled_from([None, "2026-11-22T00:00Z", "2026-12-01T09:00", "2026-03-29T02:30"]),
       st.sampled_from([None, ""]))
def test_the_integer_path_gives_the_general_row_or_none(case, now, blank):
    """With ``blank=""`` (CSV output) empty cells are "" where the general row has None."""
    rows = Rows(POLICIES, CLOCK, now, blank=blank)
    fast = rows.fast(case)
    if fast is not None:
        assert fast == [blank if value is None else value for value in rows.general(case)]


def test_the_integer_path_answers_plain_tickets_and_agrees():
    """Not vacuous: on the seeded bench tickets (all providers, plans and severities; pauses,
    done times; Madrid's DST days included) it answers nearly all, and every answer agrees."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    import tickets as generator

    rows = Rows(POLICIES, CLOCK, "2027-01-01T00:00Z")
    header = generator.COLUMNS
    answered = 0
    for number, values in enumerate(generator.tickets(3000), start=2):
        item = tickets.row_of(number, dict(zip(header, values)))
        fast = rows.fast(item)
        if fast is not None:
            answered += 1
            assert fast == rows.general(item)
    assert answered >= 2990


def test_run_keeps_input_order_and_passes_bad_rows_through():
    rows = Rows(POLICIES, CLOCK)
    stream = [Row(2, "ignus", "high", "2026-11-20T18:30", "A"), BadRow(3, "missing opened"),
              Row(4, "nobody", "high", "2026-11-20T18:30", "C"), Row(5, "ignus", "high", "now", "D")]
    out = list(rows.run(stream))
    assert out[0][:5] == ["A", "ignus", "high", None, "2026-11-20T18:30:00-06:00"]
    assert out[0][9] == "2026-11-23T08:30:00-06:00"  # ignus "Alta | 1 hora", opened Fri 18:30
    assert out[1] == BadRow(3, "missing opened")
    assert isinstance(out[2], BadRow) and out[2].line == 4 and "nobody" in out[2].message
    assert out[3][4] == CLOCK.astimezone(POLICIES.get("ignus").zone).isoformat()  # "now" is the judging instant


@pytest.mark.parametrize("path", ["examples/tickets.csv"])
def test_the_example_file_takes_the_integer_path(path):
    rows = Rows(POLICIES, CLOCK, "2026-11-24T00:00")
    with open(Path(__file__).resolve().parents[2] / path, encoding="utf-8", newline="") as handle:
        for number, record in enumerate(csv.DictReader(handle), start=2):
            item = tickets.row_of(number, {name: record.get(name) for name in tickets.REQUIRED + tickets.OPTIONAL})
            fast = rows.fast(item)
            assert fast is not None and fast == rows.general(item)


# -- issue 14: the readings of help-desk exports ---------------------------------------------------

from slactl.businesstime.zones import Choice  # noqa: E402
from slactl.tickets.times import TimeReading  # noqa: E402
from zoneinfo import ZoneInfo  # noqa: E402

DAY_FIRST = "%d/%m/%Y %H:%M"
READINGS = [
    TimeReading(flexible=True),
    TimeReading(format=DAY_FIRST, flexible=True),
    TimeReading(format="%d/%b/%y %I:%M %p", flexible=True),
    TimeReading(zone=ZoneInfo("Europe/Madrid"), flexible=True),
    TimeReading(zone=ZoneInfo("America/Sao_Paulo"), format=DAY_FIRST, flexible=True),
    TimeReading(ambiguous=Choice.LATER, nonexistent=Choice.FORWARD, flexible=True),
    TimeReading(dayfirst=True, ambiguous=Choice.EARLIER),
]
STATUSES = ["open", "pending", "Waiting on Customer", "waiting-on-third-party", "resolved", "on hold", "zzz"]


@st.composite
def export_texts(draw, near: datetime, reading: TimeReading) -> str:
    """A time as an export writes it under ``reading``: its format, ISO 8601, ``+ N min``,
    epoch seconds, a day-first date, or junk."""
    moment = near + timedelta(minutes=draw(st.integers(-3 * 24 * 60, 21 * 24 * 60)))
    style = draw(st.sampled_from(["format", "format", "format", "iso", "plus", "epoch", "slashes", "word"]))
    if style == "format" and reading.format:
        return moment.strftime(reading.format)
    if style == "plus":
        return f"{draw(export_texts(near, reading))} + {draw(st.integers(0, 3000))} min"
    if style == "epoch":
        return str(int(moment.replace(tzinfo=timezone.utc).timestamp()))
    if style == "slashes":
        return moment.strftime("%d/%m/%Y %H:%M")
    if style == "word":
        return draw(st.sampled_from(["now", "soon", "31/02/2024 25:61", "2026-02-30 10:00"]))
    return draw(texts(near))


@st.composite
def export_ticket(draw, reading: TimeReading) -> Row:
    provider, severity, plan = draw(st.sampled_from(COMBINATIONS + [("ignus", "p4", None), ("conecta", "p5", None),
                                                                    ("express", "p2", None)]))
    near = draw(st.sampled_from(AROUND))
    time = export_texts(near, reading)
    maybe = lambda: draw(st.one_of(st.none(), time))  # noqa: E731
    statuses = None
    if draw(st.booleans()):
        statuses = ";".join(f"{draw(time)}={draw(st.sampled_from(STATUSES))}" for _ in range(draw(st.integers(1, 3))))
    pauses = f"{draw(time)}/{draw(time)}" if draw(st.integers(0, 4)) == 0 else None
    return Row(7, provider, severity, draw(time), "T-1", plan, pauses, maybe(), maybe(), maybe(),
               followed_up=maybe(), statuses=statuses)


@settings(max_examples=examples(1500), deadline=None)
@given(st.data(), st.sampled_from(READINGS), st.sampled_from([None, "2026-12-01T09:00", "2026-03-29T02:30"]),
       st.booleans())
def test_the_integer_path_reads_exports_as_the_general_path_or_declines(data, reading, now, extra_levels):
    """Formats, the zone the export was written in, ``+ N min``, statuses that stop the clocks,
    DST choices and priorities past a policy's last severity: the same row, or None."""
    case = data.draw(export_ticket(reading))
    rows = Rows(POLICIES, CLOCK, now, blank="", reading=reading, extra_levels=extra_levels)
    fast = rows.fast(case)
    if fast is not None:
        assert fast == ["" if value is None else value for value in rows.general(case)]


def test_the_integer_path_answers_plain_export_rows():
    """Not vacuous: rows in a format, with a pausing status, written in another zone are answered."""
    reading = TimeReading(zone=ZoneInfo("Europe/Madrid"), format=DAY_FIRST, flexible=True)
    rows = Rows(POLICIES, CLOCK, "2026-12-01T09:00", reading=reading)
    row = Row(2, "ignus", "high", "20/11/2026 18:30", "T-1", None, None, "23/11/2026 08:20 + 30 min",
              statuses="20/11/2026 19:00=pending;23/11/2026 15:00=open")
    fast = rows.fast(row)
    assert fast is not None and fast == rows.general(row)
    # Fri 18:30 in Madrid is 11:30 in Mexico City. ignus "Alta | 1 hora", office Mon-Fri 8-19: 30 min
    # run until the pending status at 12:00 (Madrid 19:00), which lasts until Mon 08:00 (Madrid
    # 15:00); the other 30 min end Mon 08:30. Responded Madrid 08:20 + 30 min = 07:50 UTC, Mon 01:50 here.
    assert fast[4] == "2026-11-20T11:30:00-06:00"
    assert fast[9:11] == ["2026-11-23T08:30:00-06:00", "met"]
