"""Terminal escape and markup injection: every text read from a file or an argument reaches the
terminal as plain text. Control characters (ESC, OSC's BEL, CR, C1, bidirectional overrides) are
shown escaped, rich markup is printed as written, and a message quoting a file name or a value
stays one line. Hypothesis writes the hostile ids, labels and names."""

from __future__ import annotations

import io
import json
import re
from unittest import mock
from pathlib import Path

import pytest
from budget import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cli_helpers import run
from slactl.render.output import one_line, plain

GOOD = Path(__file__).resolve().parents[1] / "testdata" / "validate" / "good"
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""What must never reach the terminal raw: every control character but the line feed."""
HOSTILE = ["\x1b[31m", "\x1b]8;;https://evil.example\x07", "\x1b]0;title\x07", "\r", "\x9b2J", "\u202e", "\x00",
           "\x7f", "[link=https://evil.example]T9[/link]", "[/bold]", "[bold red]", ":smile:", "\t", "\n"]
TEXT = st.lists(st.one_of(st.sampled_from(HOSTILE), st.text(st.characters(blacklist_categories=("Cs",)), max_size=4)),
                min_size=1, max_size=6).map("".join)
SETTINGS = settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _clean(stream: str) -> None:
    assert RAW.search(stream) is None, f"a raw control character reaches the terminal: {stream!r}"


def quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar, every character that is not printable escaped."""
    return '"' + "".join(c if c.isprintable() and c not in '"\\' else f"\\U{ord(c):08x}" for c in text) + '"'


def _policy(tmp_path: Path, *, name: str = "Minimal Provider", label: str = "High") -> Path:
    text = (GOOD / "minimal.yaml").read_text(encoding="utf-8")
    text = text.replace("name: Minimal Provider", f"name: {quoted(name)}").replace("label: High", f"label: {quoted(label)}")
    path = tmp_path / "p.yaml"
    path.write_text(text, encoding="utf-8")
    return path


MARKUP = st.lists(st.one_of(st.sampled_from([t for t in HOSTILE if t.isprintable()]), st.text("ab [/]=:", max_size=4)),
                  min_size=1, max_size=6).map("".join)
"""Visible text full of markup: what a severity's label may hold (an invisible character is refused)."""


@SETTINGS
@given(label=MARKUP.filter(lambda t: t.strip()), name=TEXT.filter(lambda t: t.strip()))
def test_labels_and_names_with_escapes_and_markup_print_as_written(capsys, tmp_path, label, name):
    policy = _policy(tmp_path, name=name, label=label)
    code, out, err = run(capsys, "--policies", str(policy), "due", "minimal", "-s", "high", "--opened", "2026-11-20T10:00",
                         "--now", "2026-11-20T11:00")
    assert code == 0, err
    _clean(out)
    title = "".join(plain(f"{name}: high ({label})").split())
    assert "".join(out.split()).startswith(title)  # as written, wherever the terminal's width breaks it
    for command in (("show", "minimal"), ("providers",)):
        code, out, err = run(capsys, "--policies", str(policy), *command)
        assert code == 0 and err == "", err
        _clean(out)


@SETTINGS
@given(ticket=TEXT.filter(lambda t: t.strip() and len(t) < 30))
def test_ticket_ids_with_escapes_and_markup_print_as_written_in_the_report(capsys, tmp_path, ticket):
    tickets = tmp_path / "t.jsonl"
    tickets.write_text(json.dumps({"id": ticket, "provider": "ignus", "severity": "high",
                                   "opened": "2026-11-20T10:00"}) + "\n", encoding="utf-8")
    code, out, err = run(capsys, "report", str(tickets), "--now", "2026-12-01T00:00")
    assert code == 0, err
    _clean(out)
    _clean(err)
    assert one_line(ticket.strip()) in out  # stripped by the reader; in an id's column a tab or line break is escaped too


@SETTINGS
@given(word=TEXT.filter(lambda t: "\x00" not in t and t != "-"))  # a real argv cannot hold a NUL; - is stdin
def test_an_argument_quoted_in_an_error_is_one_line(capsys, word):
    for args in (("due", word, "-s", "high", "--opened", "now"), ("due", "ignus", "-s", word, "--opened", "now"),
                 ("due", "ignus", "-s", "high", "--opened", word), ("show", word), ("due", "--input", word)):
        code, out, err = run(capsys, *args)
        assert code == 2 and out == ""
        _clean(err)
        assert len(err.splitlines()) == 1 and err.startswith("slactl: error: "), err


@pytest.mark.parametrize("name", ["pol\nx.yaml:1: fake", "p\x1b]0;pwn\x07.yaml", "p\u202eylm.yaml", "p[bold]x[red].yaml"],
                         ids=["a line break", "an OSC sequence", "a right-to-left override", "rich markup"])
def test_a_policy_file_name_is_quoted_as_one_escaped_line(capsys, tmp_path, name):
    broken = tmp_path / name
    broken.write_text((GOOD / "minimal.yaml").read_text().replace("id: minimal", "id: Minimal"))
    fine = tmp_path / ("ok-" + name)
    fine.write_text((GOOD / "minimal.yaml").read_text().replace("id: minimal", "id: other"))
    code, out, err = run(capsys, "validate", str(broken), str(fine))
    assert code == 1
    _clean(out)
    _clean(err)
    assert out == f"ok {one_line(str(fine))}\n"
    assert err.splitlines() == [f"{one_line(str(broken))}:3: 'id' has a bad value 'Minimal' (use lowercase letters, "
                                "digits and dashes, e.g. my-provider)", "slactl: error: 1 invalid file(s)"]
    code, out, err = run(capsys, "--policies", str(broken), "providers")
    assert code == 1 and len(err.splitlines()) == 1 and err.startswith(one_line(str(broken)) + ":3: ")


def test_two_files_with_one_provider_id_name_the_first_file_escaped(capsys, tmp_path):
    first, second = tmp_path / "a\nb.yaml", tmp_path / "c.yaml"
    for path in (first, second):
        path.write_text((GOOD / "minimal.yaml").read_text())
    code, _, err = run(capsys, "validate", str(first), str(second))
    assert code == 1
    assert f"duplicate provider id 'minimal' (also in {one_line(str(first))})" in err.splitlines()[0]


@pytest.mark.parametrize("command", ["due", "report"])
def test_a_bad_row_quoting_values_and_a_file_name_is_one_escaped_line(capsys, tmp_path, command):
    tickets = tmp_path / "in\x1b[2J\n.csv"
    tickets.write_text("id,provider,severity,opened\nT1,ig\x1b]8;;x\x07nus\x9b,high,2026-11-20T10:00\n")
    args = ("due", "--input", str(tickets)) if command == "due" else ("report", str(tickets))
    code, out, err = run(capsys, *args)
    assert code == 1
    _clean(err)
    first = err.splitlines()[0]
    assert first.startswith(one_line(str(tickets)) + ":2: unknown provider ")
    assert len(err.splitlines()) == 2


def test_an_output_file_name_in_a_message_is_one_escaped_line(capsys, tmp_path):
    existing = tmp_path / "out\n\x1b[31m.ics"
    existing.write_text("keep")
    code, out, err = run(capsys, "comms", "conecta", "-s", "total-outage", "--opened", "2026-11-23T10:00",
                         "--ics", str(existing))
    assert code == 2 and out == ""
    _clean(err)
    assert err == f"slactl: error: {one_line(str(existing))} already exists; pass --force to replace it\n"
    fresh = tmp_path / "new\n.ics"
    code, out, err = run(capsys, "comms", "conecta", "-s", "total-outage", "--opened", "2026-11-23T10:00",
                         "--ics", str(fresh))
    assert code == 0, err
    assert out.splitlines()[-1].startswith(f"wrote 25 event(s) to {one_line(str(fresh))};")


@pytest.mark.parametrize("text, shown", [
    ("\x1b[31mred", "\\x1b[31mred"), ("a\rb", "a\\rb"), ("tab\there", "tab\\there"), ("two\nlines", "two\\nlines"),
    ("\u202eevil", "\\u202eevil"), ("\x9b", "\\x9b"), ("line\u2028sep", "line\\u2028sep"), ("Caída", "Caída"),
], ids=["ESC", "carriage return", "tab", "line feed", "right-to-left override", "C1 CSI", "line separator",
        "an accent is not a control character"])
def test_one_line_escapes_every_control_character_and_line_break(text, shown):
    assert one_line(text) == shown


def test_a_worklog_file_name_and_its_problems_are_one_escaped_line_each(capsys, tmp_path):
    worklog = tmp_path / "w\nx.csv"
    worklog.write_text("start,end,phase\n2026-11-20T10:00,bad\x1b[2J,normalization\n")
    code, out, err = run(capsys, "quote", "--worklog", str(worklog))
    assert (code, out) == (2, "")
    _clean(err)
    problem, summary = err.splitlines()
    assert problem.startswith(f"{one_line(str(worklog))}:2: bad end time ")
    assert summary == f"slactl: error: 1 problem(s) in worklog {one_line(str(worklog))}; nothing was billed"


def test_the_progress_bar_shows_a_file_name_as_written(tmp_path):
    from rich.console import Console

    from slactl.render import progress

    tickets = tmp_path / "[blink]x[red]\x1b[2J.csv"
    tickets.write_text("id\n")
    shown = io.StringIO()
    console = Console(file=shown, force_terminal=True, width=200)
    with open(tickets, "rb") as stream, mock.patch("rich.console.Console", lambda **_: console):
        with progress.file_progress(str(tickets), stream.fileno(), enabled=True) as tick:
            tick()
    assert "[blink]x[red]\\x1b[2J.csv" in shown.getvalue() and "\x1b[2J" not in shown.getvalue()
