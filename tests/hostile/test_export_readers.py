"""Hostile ticket files against the readers (``tickets.read``, ``tickets.records``): each is a
bad row (or one error line), never a traceback, and the rows around it still count."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from cli_helpers import run

GOOD = {"id": "G", "provider": "ignus", "severity": "high", "opened": "2026-11-20T18:30"}
NOW = "2026-11-24T00:00"


def jsonl(*lines: str) -> str:
    return "".join(line + "\n" for line in lines)


def judged(capsys, tmp_path, name: str, text: str, command: str = "due") -> tuple[int, str, list[str]]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    argv = ("due", "--input", str(path), "--now", NOW) if command == "due" else ("report", str(path), "--now", NOW,
                                                                               "--misses", "0")
    code, out, err = run(capsys, *argv)
    assert "Traceback" not in err
    return code, out, [line.replace(str(path), name) for line in err.splitlines()]


DEEP = '{"id": "D", "provider": ' + "[" * 1000 + "]" * 1000 + "}"


@pytest.mark.parametrize("command", ["due", "report"])
def test_json_nested_a_thousand_deep_is_a_bad_row(capsys, tmp_path, command):
    code, out, err = judged(capsys, tmp_path, "t.jsonl", jsonl(DEEP, json.dumps(GOOD)), command)
    assert code == 1 and err[0] == "t.jsonl:1: bad JSON: nested too deeply"
    assert command == "report" or [json.loads(line)["id"] for line in out.splitlines()] == ["G"]


def test_json_nested_a_thousand_deep_in_an_array_is_a_bad_row(capsys, tmp_path):
    text = "[\n" + json.dumps(GOOD) + ",\n" + '{"id": "D", "plan": ' + "{\"a\": " * 1000 + "1" + "}" * 1000 + "}\n]\n"
    code, out, err = judged(capsys, tmp_path, "t.json", text)
    assert code == 1 and err[0] == "t.json:3: bad JSON: nested too deeply; the rest of the array is not read"
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["G"]


LONE = r'{"id": "S\ud800", "provider": "ignus", "severity": "high", "opened": "2026-11-20T18:30"}'
PAIR = r'{"id": "\ud83d\ude00", "provider": "ignus", "severity": "high", "opened": "2026-11-20T18:30"}'


@pytest.mark.parametrize("command", ["due", "report"])
def test_a_lone_surrogate_is_one_bad_row_and_nothing_fails_downstream(capsys, tmp_path, command):
    """Half of a surrogate pair cannot be written as UTF-8: the row is refused; a whole pair
    (an emoji) is a character like any other."""
    code, out, err = judged(capsys, tmp_path, "t.jsonl", jsonl(LONE, PAIR), command)
    assert code == 1
    assert err[0] == "t.jsonl:1: bad JSON: a \\u escape that is half of a character (a lone surrogate) is not text"
    out.encode("utf-8")
    assert command == "report" or "\U0001F600" in out


def test_a_lone_surrogate_in_a_key_or_an_unused_value_is_refused_too(capsys, tmp_path):
    code, _, err = judged(capsys, tmp_path, "t.jsonl", jsonl(
        r'{"id": "A", "provider": "ignus", "severity": "high", "opened": "2026-11-20T18:30", "note\udfff": 1}'))
    assert code == 1 and err[0].endswith("(a lone surrogate) is not text")


def test_an_over_long_quoted_field_over_many_lines_is_one_bad_row(capsys, tmp_path):
    """A quoted field of 3,000 short lines (300,000 characters, past the CSV field limit):
    one error for its row, and the next row is read as it should be."""
    field = "\n".join("x" * 99 for _ in range(3000))
    text = f'id,provider,severity,opened,note\nA,ignus,high,2026-11-20T18:30,"{field}"\nB,ignus,high,2026-11-20T18:30,\n'
    code, out, err = judged(capsys, tmp_path, "t.csv", text)
    assert code == 1
    assert err == ["t.csv:2: bad CSV: field larger than field limit (131072)",
                   "slactl: error: 1 of 2 rows skipped (bad input)"]
    assert [line.split(",")[0] for line in out.splitlines()[1:]] == ["B"]


def test_a_quote_that_never_closes_is_one_bad_row(capsys, tmp_path):
    text = 'id,provider,severity,opened,note\nA,ignus,high,2026-11-20T18:30,\nB,ignus,high,2026-11-20T18:30,"open\n' + \
           "".join(f"C{n},ignus,high,2026-11-20T18:30,\n" for n in range(2000)) + "x" * 200_000 + "\n"
    code, out, err = judged(capsys, tmp_path, "t.csv", text)
    assert code == 1 and len(err) == 2 and err[0].startswith("t.csv:3: bad CSV: ")
    assert [line.split(",")[0] for line in out.splitlines()[1:]] == ["A"]


@pytest.mark.parametrize("argv", [["due", "--input", "-"], ["report", "-"]], ids=["due --input -", "report -"])
def test_a_closed_stdin_is_one_error_line(argv):
    """``slactl ... <&-``: the shell closes descriptor 0 before slactl starts."""
    command = [sys.executable, "-m", "slactl", *argv]
    done = subprocess.run(["sh", "-c", 'exec "$@" <&-', "sh", *command], capture_output=True, text=True,
                          env=dict(os.environ))
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "slactl: error: no tickets on stdin (it is closed); give a file or pipe one in\n"


@pytest.mark.parametrize("command", ["due", "report"])
def test_a_quote_never_closed_is_said_not_read_into_one_value(capsys, tmp_path, command):
    """An opening quote without its closing one makes the csv module read the rest of the file
    into one value: the row says so with the lines it swallowed, instead of a bad time holding
    three lines, or a wrong count of fields."""
    text = ('id,provider,severity,opened\nA,ignus,high,"2026-11-20T18:30\n'
            'B0,ignus,high,2026-11-20T18:30\nB1,ignus,high,2026-11-20T18:30\n')
    path = tmp_path / "t.csv"
    path.write_text(text, encoding="utf-8")
    args = ["due", "--input", str(path)] if command == "due" else ["report", str(path)]
    code, _, err = run(capsys, *args, "--now", "2026-11-23")
    assert code == 1
    assert err.splitlines() == [f"{path}:2: a quoted field opened on line 2 is never closed: lines 2 to 4 were read as one value",
                                "slactl: error: 1 of 1 row skipped (bad input)"]


def test_a_closed_quoted_field_over_lines_and_a_stray_quote_are_read_as_before(capsys, tmp_path):
    # A note over two lines, quoted and closed, is one value; a lone inch mark inside an
    # unquoted field is a character (parity alone would have flagged it).
    text = ('id,provider,severity,opened,note\nA,ignus,high,2026-11-20T18:30,"two\nlines"\n'
            'B,ignus,high,2026-11-20T18:30,a 27" screen\n')
    code, out, err = judged(capsys, tmp_path, "t.csv", text)
    assert (code, err) == (0, [])
    assert [line.split(",")[0] for line in out.splitlines()[1:]] == ["A", "B"]


@pytest.mark.parametrize("extra", [[], ["--na", "n/a"]], ids=["plain", "through a column map"])
def test_a_column_named_twice_is_refused_not_read_from_the_first(capsys, tmp_path, extra):
    path = tmp_path / "t.csv"
    path.write_text("id,provider,severity,opened,opened\nA,ignus,high,2026-11-20T18:30,2026-11-21T18:30\n")
    code, out, err = run(capsys, "due", "--input", str(path), "--now", "2026-11-26", *extra)
    assert code == 2 and out == ""
    assert "named twice in the header" in err and "opened" in err and len(err.splitlines()) == 1


def test_a_worklog_on_stdin_is_billed_as_a_file_is(capsys, monkeypatch, tmp_path):
    import io

    text = "start,end,phase\n2026-03-08T01:30,2026-03-08T03:30,normalization\n"
    path = tmp_path / "w.csv"
    path.write_text(text)
    _, from_file, _ = run(capsys, "quote", "--worklog", str(path), "--tz", "America/New_York", "--json")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    code, from_stdin, err = run(capsys, "quote", "--worklog", "-", "--tz", "America/New_York", "--json")
    assert (code, err) == (0, "") and json.loads(from_stdin)["total"] == json.loads(from_file)["total"]
    # Seed 004, 35 USD an hour: 1 h guarantee + 1 real hour (01:30 to 03:30 the day the clocks go forward).
    assert json.loads(from_stdin)["total"] == "70.00"
