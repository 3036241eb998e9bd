"""``slactl due --input``: a ticket file in, one row per ticket out, in order; bad rows named
and skipped. Expected instants are the worked examples of docs/deadlines.md (ignus seed:
"Alta | 1 hora | 1-3 Día | Horario oficina", "lunes a viernes 8 - 19 hrs")."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timezone

import pytest
from cli_helpers import run

from slactl.policy import load as loader
from slactl.tickets import read as tickets
from slactl.batch.runner import Batch
from slactl.batch.record import COLUMNS as BATCH_COLUMNS

HEADER = "id,provider,severity,plan,opened,pauses,responded,resolved\n"
NOW = "2026-11-24T00:00"


def rows(out: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(out)))


def write(tmp_path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


# (id, CSV row, column, expected)
JUDGED = [
    # Response due Mon 08:30 (opened Fri 18:30); answered Mon 08:20: Fri 18:30-19:00 + Mon 08:00-08:20.
    ("a response given before its due time is met, and took 50 minutes of business time",
     "T1,ignus,high,,2026-11-20T18:30,,2026-11-23T08:20,", {"response_status": "met", "response_took": "50m",
                                                             "response_late": ""}),
    # Resolution due Wed 2026-11-25 18:30; resolved Thu 08:30 = 30 min Wed + 30 min Thu late.
    ("a resolution after its due time is missed by the business time between (1 h over the night)",
     "T2,ignus,high,,2026-11-20T18:30,,2026-11-23T08:20,2026-11-26T08:30",
     {"resolution_due": "2026-11-25T18:30:00-06:00", "resolution_status": "missed", "resolution_late": "1h"}),
    # Mon 2026-11-16 is Revolution Day: response due Tue 08:30; at Tue 2026-11-24 00:00 it is long past.
    ("an open ticket past its due time at --now is breached",
     "T3,ignus,alta,,2026-11-13T18:30,,,", {"response_due": "2026-11-17T08:30:00-06:00", "response_status": "breached"}),
    ("an open ticket before its due time at --now is pending",
     "T4,ignus,high,,2026-11-23T18:30,,,", {"response_due": "2026-11-24T08:30:00-06:00", "response_status": "pending"}),
    # Pause Fri 17:30 - Mon 09:00 swallows 1.5 h Friday and 1 h Monday: due Mon 09:30 (docs/deadlines.md).
    ("a pause column moves the deadline by the business time it covered",
     "T5,ignus,high,,2026-11-20T17:00,2026-11-20T17:30/2026-11-23T09:00,,",
     {"response_due": "2026-11-23T09:30:00-06:00"}),
    ("aliases are written back as the canonical ids, times in the provider's zone",
     "T6,IGNUS,Alta,,2026-11-21T00:30Z,,,", {"provider": "ignus", "severity": "high",
                                            "opened": "2026-11-20T18:30:00-06:00"}),
    # athento seed: Enterprise "Atención 8-20 LV", Critica response "4 horas": Fri 19:30 -> Mon 11:30.
    ("a plan column picks the plan's calendar",
     "T7,athento,critical,enterprise,2026-11-20T19:30,,,", {"plan": "enterprise",
                                                            "response_due": "2026-11-23T11:30:00+01:00"}),
]


@pytest.mark.parametrize("line, expected", [j[1:] for j in JUDGED], ids=[j[0] for j in JUDGED])
def test_each_row_is_judged(capsys, tmp_path, line, expected):
    code, out, err = run(capsys, "due", "--input", write(tmp_path, "t.csv", HEADER + line + "\n"), "--now", NOW)
    assert (code, err) == (0, "")
    (row,) = rows(out)
    assert {key: row[key] for key in expected} == expected


def test_output_has_every_column_in_order_and_rows_in_input_order(capsys, tmp_path):
    lines = [f"T{i},ignus,high,,2026-11-{10 + i}T10:00,,," for i in range(9)]
    code, out, _ = run(capsys, "due", "--input", write(tmp_path, "t.csv", HEADER + "\n".join(lines) + "\n"),
                       "--now", NOW)
    assert code == 0
    assert tuple(out.splitlines()[0].split(",")) == BATCH_COLUMNS
    assert [r["id"] for r in rows(out)] == [f"T{i}" for i in range(9)]


def test_bad_rows_are_named_with_their_line_skipped_and_exit_1(capsys, tmp_path):
    text = HEADER + "\n".join([
        "A,ignus,high,,2026-11-20T18:30,,,",
        "B,nope,high,,2026-11-20T18:30,,,",
        "C,ignus,high,,20/11/2026,,,",
        "D,ignus,high,,2026-11-20T18:30,,2026-11-19T10:00,",
        "E,ignus,high,,2026-11-20T18:30,,,",
    ]) + "\n"
    path = write(tmp_path, "t.csv", text)
    code, out, err = run(capsys, "due", "--input", path, "--now", NOW)
    assert code == 1
    assert [r["id"] for r in rows(out)] == ["A", "E"]
    lines = err.splitlines()
    assert lines[0].startswith(f"{path}:3: unknown provider 'nope'")
    assert lines[1].startswith(f"{path}:4: bad opened '20/11/2026'")
    assert lines[2] == f"{path}:5: responded is before opened"
    assert lines[3] == "slactl: error: 3 of 5 rows skipped (bad input)"


def test_strict_stops_at_the_first_bad_row(capsys, tmp_path):
    path = write(tmp_path, "t.csv", HEADER + "A,ignus,high,,2026-11-20T18:30,,,\nB,nope,high,,x,,,\nC,ignus,high,,2026-11-20T18:30,,,\n")
    code, out, err = run(capsys, "due", "--input", path, "--strict", "--now", NOW)
    assert code == 1
    assert [r["id"] for r in rows(out)] == ["A"]
    assert err.startswith(f"slactl: error: {path}:3: unknown provider") and err.count("\n") == 1


def test_jsonl_in_and_out_with_pauses_as_a_list(capsys, tmp_path):
    record = {"id": "J1", "provider": "ignus", "severity": "high", "opened": "2026-11-20T17:00",
              "pauses": ["2026-11-20T17:30/2026-11-23T09:00"]}
    path = write(tmp_path, "t.jsonl", json.dumps(record) + "\n\n" + "[1]\n")
    code, out, err = run(capsys, "due", "--input", path, "--now", NOW)
    assert code == 1 and err.startswith(f"{path}:3: expected a JSON object")
    (row,) = [json.loads(line) for line in out.splitlines()]
    assert row["response_due"] == "2026-11-23T09:30:00-06:00" and row["plan"] is None


def test_output_file_and_format(capsys, tmp_path):
    path = write(tmp_path, "t.csv", HEADER + "A,ignus,high,,2026-11-20T18:30,,,\n")
    target = tmp_path / "out.jsonl"
    code, out, _ = run(capsys, "due", "--input", path, "--output", str(target), "--now", NOW)
    assert (code, out) == (0, "")
    assert json.loads(target.read_text())["response_due"] == "2026-11-23T08:30:00-06:00"


MISUSE = [
    ("--input with a provider is refused", ["due", "ignus", "--input", "x.csv"], "drop PROVIDER"),
    ("--strict without --input is refused", ["due", "ignus", "-s", "high", "--opened", "now", "--strict"],
     "--strict only goes with --input"),
    ("a single ticket without --severity says what is missing", ["due", "ignus", "--opened", "now"],
     "missing --severity"),
    ("a missing input file is one line", ["due", "--input", "/nonexistent/t.csv"], "cannot read /nonexistent/t.csv"),
]


@pytest.mark.parametrize("argv, phrase", [m[1:] for m in MISUSE], ids=[m[0] for m in MISUSE])
def test_misuse_is_one_line_exit_2(capsys, argv, phrase):
    code, out, err = run(capsys, *argv)
    assert (code, out) == (2, "")
    assert err.startswith("slactl: error: ") and phrase in err and err.count("\n") == 1


def test_a_header_without_required_columns_is_refused(capsys, tmp_path):
    code, _, err = run(capsys, "due", "--input", write(tmp_path, "t.csv", "id,provider\nA,ignus\n"))
    assert code == 2 and "the header lacks column(s) severity, opened" in err


def test_the_library_streams_lazily_in_constant_memory():
    """Rows are pulled one at a time: an endless input yields its first results."""
    def endless():
        yield HEADER
        number = 0
        while True:
            number += 1
            yield f"T{number},ignus,high,,2026-11-20T18:30,,,\n"

    batch = Batch(loader.load(loader.bundled_paths()), datetime(2026, 11, 24, tzinfo=timezone.utc))
    results = batch.run(tickets.read(endless(), tickets.Format.CSV))
    first = [next(results) for _ in range(3)]
    assert [r.ticket.line for r in first] == [2, 3, 4]
