"""Tracebacks, and a bad row that loses the whole batch: every failure below is one line with the
right exit code, and in a file a bad row is reported and skipped while the batch goes on.

Members of the kind: a closed or write-only stdin, an input that fails to read, instants near the
end of year 9999 (``--now``, ``--until``, a pause of years, a judged ticket in a zone with DST),
numbers too large for a duration, a huge ``--misses``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cli_helpers import run
from hostile_helpers import refused

GOOD = Path(__file__).resolve().parents[1] / "testdata" / "validate" / "good"
MADRID = "id,provider,severity,plan,opened\nT1,athento,critical,enterprise,2026-11-20T10:00\n"
LATER = "T2,ignus,high,,2026-11-20T10:00\n"


def _one_line_or_rows(err: str) -> None:
    assert "Traceback" not in err, err
    assert all(line.startswith("slactl: error: ") or ":" in line for line in err.splitlines()), err


# -- stdin -----------------------------------------------------------------------------------------

def _slactl(*args: str, stdin) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "slactl", *args], stdin=stdin, capture_output=True, text=True,
                          timeout=60)


@pytest.mark.parametrize("args, message", [
    (("due", "--input", "-"), "no tickets on stdin (it is closed); give a file or pipe one in"),
    (("report", "-"), "no tickets on stdin (it is closed); give a file or pipe one in"),
    (("classify", "conecta", "-"), "no incident text on stdin (it is closed)"),
], ids=["due --input -", "report -", "classify -"])
def test_a_closed_stdin_is_one_line(args, message):
    done = subprocess.run([sys.executable, "-m", "slactl", *args], capture_output=True, text=True, timeout=60,
                          stdin=subprocess.DEVNULL, preexec_fn=lambda: os.close(0))
    assert (done.returncode, done.stdout, done.stderr) == (2, "", f"slactl: error: {message}\n")


@pytest.mark.parametrize("args", [("due", "--input", "-"), ("report", "-")], ids=["due --input -", "report -"])
def test_a_write_only_stdin_is_one_line_about_the_input(tmp_path, args):
    with open(tmp_path / "sink", "w") as sink:
        done = _slactl(*args, stdin=sink)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "slactl: error: cannot read stdin: Bad file descriptor\n"


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="needs /proc")
@pytest.mark.parametrize("command", ["due", "report"])
def test_an_input_that_fails_to_read_is_blamed_on_the_input_not_the_output(capsys, tmp_path, command):
    args = ("due", "--input", "/proc/self/mem", "--output", str(tmp_path / "out.csv")) if command == "due" \
        else ("report", "/proc/self/mem")
    assert refused(capsys, *args) == (2, "cannot read /proc/self/mem: Input/output error")
    assert list(tmp_path.iterdir()) == []


# -- the end of year 9999 --------------------------------------------------------------------------

@pytest.mark.parametrize("now", ["9998-12-31T23:00", "9998-12-31T23:00Z", "9999-06-01T00:00", "9999-12-30T12:00Z"])
@pytest.mark.parametrize("command", ["report", "report --json", "due --input"])
def test_a_madrid_ticket_judged_late_in_9998_or_in_9999_is_judged(capsys, tmp_path, now, command):
    tickets = tmp_path / "t.csv"
    tickets.write_text(MADRID.replace("2026-11-20", "9998-11-20"))  # a short span: 2026 to 9999 takes seconds
    code, out, err = run(capsys, *command.split(), str(tickets), "--now", now)
    assert (code, err) == (0, ""), err
    assert "breached" in out


def test_a_ticket_judged_in_9999_on_a_calendar_with_summer_time_is_breached(capsys):
    code, out, err = run(capsys, "due", "athento", "-s", "critical", "--plan", "enterprise", "--opened",
                         "9998-06-04T10:00", "--now", "9999-02-01T00:00")
    assert (code, err) == (0, "") and "BREACHED" in out


@pytest.mark.parametrize("args", [
    ("due", "athento", "-s", "critical", "--plan", "enterprise", "--opened", "2026-11-20T10:00", "--now",
     "9999-12-31T23:59Z"),
    ("due", "athento", "-s", "critical", "--plan", "enterprise", "--opened", "2026-11-20T10:00", "--responded",
     "9999-12-31T23:59Z"),
    ("comms", "athento", "-s", "critical", "--plan", "enterprise", "--opened", "2026-11-20T10:00", "--until",
     "9999-12-31T23:59Z"),
    ("comms", "conecta", "-s", "total-outage", "--opened", "2026-11-20T10:00", "--until", "9999-12-31T23:59"),
    ("due", "athento", "-s", "critical", "--plan", "enterprise", "--opened", "2026-11-20T10:00", "--pause",
     "2026-11-20T11:00/9999-12-31T00:00"),
    ("due", "ivcisa", "-s", "production-down", "--opened", "2026-11-20T10:00", "--warn", "9" * 30 + "h"),
    ("due", "ivcisa", "-s", "production-down", "--opened", "2026-11-20T10:00", "--warn", "9" * 30 + "d"),
], ids=["--now in UTC past 9999 in Madrid", "--responded in UTC past 9999 in Madrid", "--until in UTC past 9999",
        "--until late on 9999-12-31", "a pause until the end of time", "a warning of 10^30 hours",
        "a warning of 10^30 days"])
def test_an_instant_or_a_length_beyond_the_end_is_one_line(capsys, args):
    code, out, err = run(capsys, *args)
    _one_line_or_rows(err)
    if code:
        assert code == 2 and len(err.splitlines()) == 1 and err.startswith("slactl: error: "), err


def test_a_pause_of_years_is_judged(capsys):
    code, out, err = run(capsys, "due", "athento", "-s", "critical", "--plan", "enterprise", "--opened",
                         "9990-11-20T10:00", "--pause", "9990-11-20T10:30/9999-06-01T00:00", "--now", "9999-12-30T00:00")
    assert (code, err) == (0, "") and "BREACHED" in out


def test_a_huge_misses_is_all_of_them(capsys, tmp_path):
    tickets = tmp_path / "t.csv"
    tickets.write_text(MADRID)
    code, out, err = run(capsys, "report", str(tickets), "--now", "2027-01-01T00:00", "--misses", "9" * 40)
    assert (code, err) == (0, "") and "T1" in out


@pytest.mark.parametrize("value", ["9" * 25 + "h", "9" * 25 + "m", "9" * 25 + "d", "9" * 25 + "s"])
def test_a_policy_duration_too_long_for_a_computer_is_a_located_problem(capsys, tmp_path, value):
    policy = tmp_path / "p.yaml"
    policy.write_text((GOOD / "minimal.yaml").read_text().replace("max: 4h", f"max: {value}"))
    code, out, err = run(capsys, "validate", str(policy))
    assert (code, out) == (1, "")
    assert err.splitlines() == [f"{policy}:11: 'max': a duration cannot exceed 100000 days",
                                "slactl: error: 1 invalid file(s)"]


def test_a_ticket_opened_past_9999_in_its_zone_is_a_bad_row_and_the_batch_goes_on(capsys, tmp_path):
    tickets = tmp_path / "t.csv"
    tickets.write_text("id,provider,severity,plan,opened\nT1,athento,critical,enterprise,9999-12-31T23:30Z\n" + LATER)
    code, out, err = run(capsys, "due", "--input", str(tickets), "--now", "2027-01-01T00:00")
    assert code == 1
    assert err.splitlines()[0].startswith(f"{tickets}:2: ") and "out of range" in err.splitlines()[0]
    assert "T2,ignus" in out


# -- tickets/read.py (issue 14's branch) -------------------------------------------------------------

def _batch_goes_on(capsys, path: Path, bad_line: int) -> None:
    for args in (("due", "--input", str(path), "--now", "2027-01-01T00:00"),
                 ("report", str(path), "--now", "2027-01-01T00:00", "--json")):
        code, out, err = run(capsys, *args)
        assert code == 1 and "Traceback" not in err
        lines = err.splitlines()
        assert len(lines) == 2 and lines[0].startswith(f"{path}:{bad_line}: "), lines[:3]
        assert lines[1].startswith("slactl: error: 1 ")
        assert "T2" in out


def test_json_nested_a_thousand_deep_is_one_bad_row(capsys, tmp_path):
    path = tmp_path / "deep.jsonl"
    nested = "[" * 1000 + "]" * 1000
    path.write_text('{"id": "T1", "provider": "ignus", "severity": "high", "opened": "2026-11-20T10:00", "x": '
                    + nested + "}\n" + json.dumps({"id": "T2", "provider": "ignus", "severity": "high",
                                                  "opened": "2026-11-20T10:00"}) + "\n")
    _batch_goes_on(capsys, path, 1)


def test_a_lone_surrogate_in_a_json_string_is_one_bad_row(capsys, tmp_path):
    path = tmp_path / "surrogate.jsonl"
    path.write_text('{"id": "T\\ud800", "provider": "ignus", "severity": "high", "opened": "2026-11-20T10:00"}\n'
                    + json.dumps({"id": "T2", "provider": "ignus", "severity": "high", "opened": "2026-11-20T10:00"})
                    + "\n")
    _batch_goes_on(capsys, path, 1)


def test_an_over_long_quoted_csv_field_over_many_lines_is_one_bad_row(capsys, tmp_path):
    path = tmp_path / "long.csv"
    path.write_text('id,provider,severity,opened\n"' + "x\n" * 100_000 + '",ignus,high,2026-11-20T10:00\n'
                    "T2,ignus,high,2026-11-20T10:00\n")
    _batch_goes_on(capsys, path, 2)
