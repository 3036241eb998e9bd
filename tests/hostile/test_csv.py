"""Spreadsheet formula injection: ``due --input`` CSV is safe to open in a spreadsheet.

A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'``
(OWASP's advice) and control characters are escaped, on by default; ``--csv-raw`` writes cells
as they are, for programs; JSON Lines are the same either way. Only a cell's first character
matters: the ``-05:00`` of an instant is never touched. Hypothesis writes the hostile ids."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from budget import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cli_helpers import run
from slactl.batch.record import COLUMNS
from slactl.render import due as render
from slactl.render.output import plain

SETTINGS = settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
STARTS = ["=", "+", "-", "@", "\t", "\r", "=HYPERLINK(\"http://x\",\"y\")", "=cmd|' /C calc'!A0", "+1+1", "-2+3",
          "@SUM(A1:A2)", "\x1b[31m", "\"", ",", "\n", "'"]
IDS = st.lists(st.one_of(st.sampled_from(STARTS), st.text(st.characters(blacklist_categories=("Cs",)), max_size=5)),
               min_size=1, max_size=5).map("".join).filter(lambda t: t.strip() and "\x00" not in t)
FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _safe(text: str) -> str:
    text = plain(text)
    return "'" + text if text.startswith(FORMULA) else text


def _tickets(tmp_path: Path, ids: list[str], **extra: str) -> Path:
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps({"id": i, "provider": "ivcisa", "severity": "production-down",
                                        "opened": "2026-11-21T03:00", **extra}) + "\n" for i in ids), encoding="utf-8")
    return path


def _cells(capsys, *args: str) -> list[dict]:
    code, out, err = run(capsys, *args)
    assert code == 0, err
    return list(csv.DictReader(io.StringIO(out, newline="")))


@SETTINGS
@given(ids=st.lists(IDS, min_size=1, max_size=4, unique_by=str.strip))  # an id met twice is a bad row
def test_no_cell_a_spreadsheet_would_evaluate_and_raw_keeps_every_value(capsys, tmp_path, ids):
    source = _tickets(tmp_path, ids)
    now = ("--now", "2026-11-22T00:00")
    rows = _cells(capsys, "due", "--input", str(source), "--format", "csv", *now)
    assert [row["id"] for row in rows] == [_safe(i.strip()) for i in ids]
    for row in rows:
        assert not any(value.startswith(FORMULA) for value in row.values())
    raw = _cells(capsys, "due", "--input", str(source), "--format", "csv", "--csv-raw", *now)
    assert [row["id"] for row in raw] == [i.strip() for i in ids]
    code, out, _ = run(capsys, "due", "--input", str(source), "--format", "jsonl", *now)
    assert [json.loads(line)["id"] for line in out.split("\n") if line] == [i.strip() for i in ids]
    assert [{k: v for k, v in row.items() if k != "id"} for row in rows] == \
        [{k: v for k, v in row.items() if k != "id"} for row in raw]


@pytest.mark.parametrize("extra", [{}, {"responded": "now"}], ids=["the fast path", "the general path (now in a column)"])
def test_both_paths_write_the_same_neutralised_cells(capsys, tmp_path, extra):
    source = _tickets(tmp_path, ["=1+1", "-5", "@x", "+x", "T-1"], **extra)
    rows = _cells(capsys, "due", "--input", str(source), "--format", "csv", "--now", "2026-11-22T00:00")
    assert [row["id"] for row in rows] == ["'=1+1", "'-5", "'@x", "'+x", "T-1"]
    assert rows[4]["opened"] == "2026-11-21T03:00:00-05:00"  # an offset inside a value is not a formula
    assert rows[4]["response_due"].endswith("-05:00")


def test_a_csv_input_with_formulas_is_neutralised_in_the_output_file(capsys, tmp_path):
    source = tmp_path / "in.csv"
    source.write_text('id,provider,severity,opened\n"=HYPERLINK(""http://x"",""y"")",ignus,high,2026-11-20T10:00\n')
    out = tmp_path / "out.csv"
    code, _, err = run(capsys, "due", "--input", str(source), "--output", str(out), "--now", "2026-11-21T00:00")
    assert code == 0, err
    [row] = list(csv.DictReader(out.open(newline="")))
    assert row["id"] == "'=HYPERLINK(\"http://x\",\"y\")"


def test_csv_raw_only_goes_with_csv_output_of_a_batch(capsys, tmp_path):
    source = _tickets(tmp_path, ["T1"])
    code, out, err = run(capsys, "due", "--input", str(source), "--format", "jsonl", "--csv-raw")
    assert (code, out) == (2, "") and err == "slactl: error: --csv-raw is for CSV output; JSON Lines are always written as they are\n"
    code, out, err = run(capsys, "due", "ignus", "-s", "high", "--opened", "now", "--csv-raw")
    assert (code, out, err) == (2, "", "slactl: error: --csv-raw only goes with --input (a file of tickets)\n")


def _written(rows: list[list[str]], *, raw: bool = False) -> tuple[str, int]:
    """What ``batch_writer`` writes for ``rows`` and how many of them went through the csv module."""
    stream = io.StringIO()
    calls = []
    real = csv.writer

    def counting(*args, **kwargs):
        writer = real(*args, **kwargs)

        class Counting:
            def writerow(self, row):
                calls.append(row)
                return writer.writerow(row)

        return Counting()

    csv.writer, saved = counting, csv.writer
    try:
        write = render.batch_writer(stream, "csv", raw=raw)
        for row in rows:
            write(row)
    finally:
        csv.writer = saved
    return stream.getvalue(), len(calls) - 1  # the header is always the csv module's


def _row(**cells: str) -> list[str]:
    return [cells.get(column, "") for column in COLUMNS]


def test_a_row_that_needs_nothing_is_joined_as_it_is():
    row = _row(id="T-1", provider="ivcisa", severity="production-down", opened="2026-11-21T03:00:00-05:00",
               response_due="2026-11-21T05:00:00-05:00", response_status="missed", response_late="30m")
    text, through_csv = _written([row, row])
    assert text.splitlines()[1:] == [",".join(row)] * 2 and through_csv == 0


@pytest.mark.parametrize("value, shown", [("=1", "'=1"), ("-1", "'-1"), ("+1", "'+1"), ("@a", "'@a"), ("\tx", "'\tx"),
                                          ("\rx", "\\rx"), ("a\x1bb", "a\\x1bb"), ("a-05:00", "a-05:00"), ("x=1", "x=1")],
                         ids=["equals", "minus", "plus", "at", "tab", "carriage return (escaped)", "ESC",
                              "a minus inside", "an equals inside"])
def test_each_cell_is_judged_by_its_first_character(value, shown):
    text, _ = _written([_row(id=value)])
    [row] = list(csv.reader(io.StringIO(text.split("\n", 1)[1], newline="")))
    assert row[0] == shown
    text, _ = _written([_row(id=value)], raw=True)
    [row] = list(csv.reader(io.StringIO(text.split("\n", 1)[1], newline="")))
    assert row[0] == value
