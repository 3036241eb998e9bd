"""Signals: SIGINT, SIGTERM and SIGHUP in the middle of a long ``due --input --output`` run remove the
temporary file, print one line ``slactl: error: interrupted`` and exit 130, 143 or 129. Real
processes, a real generated batch (``bench/tickets.py``), real signals."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_helpers import default_signals, generated_tickets

from slactl.tickets.read import LOOKAHEAD

STOPS = [(signal.SIGINT, 130), (signal.SIGTERM, 143), (signal.SIGHUP, 129)]




def _slactl(*args: str, **options) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "slactl", *args], stderr=subprocess.PIPE, text=True,
                            preexec_fn=options.pop("preexec_fn", default_signals), **options)


@pytest.fixture(scope="module")
def tickets(tmp_path_factory) -> Path:
    return generated_tickets(tmp_path_factory.mktemp("signals") / "tickets.csv", 60000)


def _temporary(directory: Path) -> list[Path]:
    return sorted(directory.glob(".slactl-*.tmp"))


def _wait_for(condition, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.005)


@pytest.mark.parametrize("number, code", STOPS, ids=["SIGINT", "SIGTERM", "SIGHUP"])
def test_a_signal_mid_batch_removes_the_temporary_file_and_says_so(tmp_path, tickets, number, code):
    target = tmp_path / "deadlines.csv"
    process = _slactl("due", "--input", str(tickets), "--output", str(target), "--now", "2027-01-01T00:00")
    _wait_for(lambda: _temporary(tmp_path) or process.poll() is not None)
    [partial] = _temporary(tmp_path)
    _wait_for(lambda: partial.stat().st_size > 0)  # rows are being written
    process.send_signal(number)
    _, err = process.communicate(timeout=30)
    assert (process.returncode, err) == (code, "slactl: error: interrupted\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == []


ROWS_BEFORE_OUTPUT = "ignus,high,2026-11-20T10:00\n" * LOOKAHEAD
"""The rows read before the output is opened (the header and the first rows are checked first)."""


@pytest.mark.parametrize("number, code", STOPS, ids=["SIGINT", "SIGTERM", "SIGHUP"])
def test_a_signal_while_waiting_for_stdin_is_one_line(tmp_path, number, code):
    process = _slactl("due", "--input", "-", "--output", str(tmp_path / "out.csv"), stdin=subprocess.PIPE)
    process.stdin.write("provider,severity,opened\n" + ROWS_BEFORE_OUTPUT)
    process.stdin.flush()
    _wait_for(lambda: _temporary(tmp_path) or process.poll() is not None)
    process.send_signal(number)
    _, err = process.communicate(timeout=30)
    assert (process.returncode, err) == (code, "slactl: error: interrupted\n")
    assert list(tmp_path.iterdir()) == []


def test_a_signal_ignored_on_entry_stays_ignored(tmp_path):
    def ignore_hangup() -> None:
        default_signals()
        signal.signal(signal.SIGHUP, signal.SIG_IGN)  # as under nohup

    target = tmp_path / "out.csv"
    process = _slactl("due", "--input", "-", "--output", str(target), stdin=subprocess.PIPE, preexec_fn=ignore_hangup)
    process.stdin.write("provider,severity,opened\n" + ROWS_BEFORE_OUTPUT)
    process.stdin.flush()
    _wait_for(lambda: _temporary(tmp_path) or process.poll() is not None)
    process.send_signal(signal.SIGHUP)
    time.sleep(0.2)
    _, err = process.communicate("ignus,high,2026-11-20T10:00\n", timeout=30)
    assert (process.returncode, err) == (0, "")
    assert target.read_text().count("\n") == LOOKAHEAD + 2


def test_the_handlers_are_put_back_after_an_in_process_run(capsys):
    from cli_helpers import run

    before = [signal.getsignal(number) for number, _ in STOPS]
    run(capsys, "schema")
    assert [signal.getsignal(number) for number, _ in STOPS] == before


def test_a_signal_during_a_report_on_stdin_is_one_line(tickets):
    process = _slactl("report", "-", "--now", "2027-01-01T00:00", stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
    process.stdin.write(tickets.read_text()[:200_000])  # a part of the export: the rest never comes
    process.stdin.flush()
    time.sleep(0.5)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=30)
    assert (process.returncode, err) == (143, "slactl: error: interrupted\n")


def test_a_stop_whose_exception_was_lost_still_stops(tmp_path, monkeypatch, capsys):
    # Interrupted raised while Python runs a finalizer is printed as "Exception ignored" and the
    # run goes on: the signal is remembered, the output is not published and the exit code says so.
    import signal

    from slactl import cli

    def lost_stop(*_args):
        try:
            cli._stop(signal.SIGTERM, None)
        except cli.Interrupted:
            pass  # as a finalizer would swallow it

    tickets = tmp_path / "t.csv"
    tickets.write_text("provider,severity,opened\nignus,high,2026-11-20T10:00\n")
    monkeypatch.setattr("sys.argv", ["slactl", "due", "--input", str(tickets), "--output", str(tmp_path / "out.csv"),
                                     "--now", "2027-01-01T00:00"])
    monkeypatch.setattr(cli, "_tolerate_narrow_encodings", lost_stop)  # the signal comes early in the run
    with pytest.raises(SystemExit) as stopped:
        cli.main()
    assert stopped.value.code == 128 + signal.SIGTERM
    assert capsys.readouterr().err == "slactl: error: interrupted\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.csv"]


def test_a_stop_after_the_output_is_published_does_not_make_the_run_interrupted(tmp_path, monkeypatch, capsys):
    # The file has its name: a stop then cannot take it back, so the run ends as it would have
    # (it ended with "interrupted" and exit 143 beside a complete, published file).
    from slactl import cli

    published = cli.published

    def published_then_stopped(path):
        published(path)
        cli._stop(signal.SIGTERM, None)  # as the handler runs when the held signal is released

    tickets = tmp_path / "t.csv"
    tickets.write_text("provider,severity,opened\nignus,high,2026-11-20T10:00\n")
    target = tmp_path / "out.csv"
    monkeypatch.setattr(cli, "published", published_then_stopped)
    monkeypatch.setattr("sys.argv", ["slactl", "due", "--input", str(tickets), "--output", str(target),
                                     "--now", "2027-01-01T00:00"])
    with pytest.raises(SystemExit) as ended:
        cli.main()
    assert (ended.value.code, capsys.readouterr().err) == (0, "")
    assert target.read_text().count("\n") == 2


STOPPED_WHILE_IMPORTING = """
import builtins, os, signal, sys
from slactl import __main__ as entry

real_import = builtins.__import__
stop = getattr(signal, sys.argv[1])

def import_then_stop(name, *args, **kwargs):
    if name == "slactl.cli":  # the command line is being imported: a stop arrives
        os.kill(os.getpid(), stop)
    return real_import(name, *args, **kwargs)

builtins.__import__ = import_then_stop
sys.argv = ["slactl", "providers"]
entry.main()
"""


@pytest.mark.parametrize("number, code", STOPS, ids=["SIGINT", "SIGTERM", "SIGHUP"])
def test_a_stop_while_the_command_line_is_imported_is_one_line(number, code):
    done = subprocess.run([sys.executable, "-c", STOPPED_WHILE_IMPORTING, signal.Signals(number).name],
                          capture_output=True, text=True, preexec_fn=default_signals, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (code, "", "slactl: error: interrupted\n")


STOPPED_WHILE_EXITING = """
import os, signal, sys
from slactl import __main__ as entry

sys.argv = ["slactl", "providers"]
try:
    entry.main()
except SystemExit as ended:  # the run is over; Python is about to shut down
    os.kill(os.getpid(), getattr(signal, sys.argv[0] and STOP))
    raise
"""


@pytest.mark.parametrize("number", [number for number, _ in STOPS], ids=["SIGINT", "SIGTERM", "SIGHUP"])
def test_a_stop_once_the_run_is_over_does_not_change_its_exit_code(number):
    # Python puts the default handlers back while it shuts down: the run ignores stops by then
    # (a complete, published --output file came with exit 143 and no message).
    script = STOPPED_WHILE_EXITING.replace("STOP", repr(signal.Signals(number).name))
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          preexec_fn=default_signals, timeout=60)
    assert (done.returncode, done.stderr) == (0, "")
    assert "ignus" in done.stdout


def test_a_stop_that_python_wraps_in_another_error_still_ends_as_interrupted(tmp_path, monkeypatch, capsys):
    # Python 3.11 wraps an exception raised in a class's __set_name__ (a dataclass field being
    # defined while a command imports its modules) in a RuntimeError: the stop still ends the run.
    from slactl import cli

    def wrapped_stop(*_args, **_kwargs):
        try:
            cli._stop(signal.SIGTERM, None)
        except cli.Interrupted as stop:
            raise RuntimeError("Error calling __set_name__ on 'Field' instance 'columns' in 'Mapping'") from stop

    monkeypatch.setattr(cli, "_tolerate_narrow_encodings", wrapped_stop)
    monkeypatch.setattr("sys.argv", ["slactl", "providers"])
    with pytest.raises(SystemExit) as stopped:
        cli.main()
    assert (stopped.value.code, capsys.readouterr().err) == (143, "slactl: error: interrupted\n")


STOPPED_IN_A_FINALIZER = """
import gc, signal, sys
from slactl import cli

class Finalized:
    def __del__(self):
        cli._stop(signal.SIGTERM, None)  # as a signal landing in an import lock's callback

def a_finalizer_runs():
    Finalized()
    gc.collect()

cli._tolerate_narrow_encodings = a_finalizer_runs
sys.argv = ["slactl", "providers"]
cli.main()
"""


def test_a_stop_raised_in_a_finalizer_is_not_printed_as_ignored():
    # Python prints "Exception ignored in: ..." with a traceback for it; the stop is remembered.
    done = subprocess.run([sys.executable, "-c", STOPPED_IN_A_FINALIZER], capture_output=True, text=True,
                          preexec_fn=default_signals, timeout=60)
    assert (done.returncode, done.stderr) == (143, "slactl: error: interrupted\n")
