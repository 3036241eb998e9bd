"""``due --input --jobs N``: the same bytes out, the same messages and exit code, whatever N;
the runner keeps order, stops cleanly and says when a worker dies. Real processes."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_helpers import default_signals, generated_tickets

import slactl
from slactl.batch.fast import processes
from slactl.batch.fast.processes import Done
from slactl.errors import InputError, RunError
from slactl.tickets.row import BadRow, Row

pytestmark = pytest.mark.skipif(not processes.can_fork(), reason="worker processes are forked (Linux)")
HEADER = "id,provider,severity,plan,opened,pauses,responded,mitigated,resolved,statuses"


def _tickets(count: int, seed: int) -> str:
    """A file of every bundled provider, severity and plan, with pauses, statuses, answered and
    resolved tickets, and bad rows of every kind the reader and the rows find (a short row, an
    unknown severity, a duplicate id, a time that is not one, a resolution before the opening)."""
    shuffle = random.Random(seed)
    kinds = []
    for policy in slactl.load_policies():
        plans = [plan.id for plan in policy.plans] or [""]
        kinds += [(policy.id, severity.id, plan) for severity in policy.severities for plan in plans]
    lines = [HEADER]
    for number in range(count):
        provider, severity, plan = shuffle.choice(kinds)
        day, hour, minute = shuffle.randint(1, 28), shuffle.randint(0, 23), shuffle.choice((0, 7, 30, 59))
        opened = f"2026-{shuffle.randint(1, 11):02d}-{day:02d}T{hour:02d}:{minute:02d}"
        later = f"2026-12-{day:02d}T{hour:02d}:{minute:02d}"
        pauses = f"{opened}/2026-12-01T10:00" if shuffle.random() < 0.1 else ""
        statuses = f"{opened}=pending;2026-12-02T09:00=open" if shuffle.random() < 0.05 else ""
        responded = later if shuffle.random() < 0.6 else ""
        resolved = later if responded and shuffle.random() < 0.6 else ""
        row = [f"T{number}", provider, severity, plan, opened, pauses, responded, "", resolved, statuses]
        odd = shuffle.random()
        if odd < 0.01:
            row = row[:-1]
        elif odd < 0.02:
            row[2] = "not-a-severity"
        elif odd < 0.03 and number > 5:
            row[0] = f"T{number - 3}"
        elif odd < 0.04:
            row[4] = "2026-13-01T10:00"
        elif odd < 0.05:
            row[8] = "2025-01-01T10:00"
        lines.append(",".join(row))
    return "\n".join(lines) + "\n"


@pytest.fixture(scope="module")
def mixed(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("jobs") / "tickets.csv"
    path.write_text(_tickets(7000, seed=12))  # four chunks: bad rows fall in every one
    return path


def _slactl(*args: str, **options) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "slactl", *args], capture_output=True, text=True, **options)


@pytest.mark.parametrize("extra", [(), ("--format", "jsonl"), ("--check",), ("--strict",), ("--csv-raw",)],
                         ids=["csv", "jsonl", "check", "strict", "csv-raw"])
def test_every_number_of_jobs_gives_the_same_bytes_messages_and_exit_code(mixed, extra):
    runs = [_slactl("due", "--input", str(mixed), "--now", "2027-01-01T00:00Z", "--jobs", jobs, *extra)
            for jobs in ("1", "3")]  # three workers for three chunks and more: every order of answers
    one = runs[0]
    assert one.returncode == 1  # bad rows: skipped and said, exit 1
    assert one.stderr.count("\n") > (0 if "--strict" in extra else 250)
    if "--strict" not in extra:
        assert one.stdout.count("\n") > 6500
    for other in runs[1:]:
        assert (other.returncode, other.stdout, other.stderr) == (one.returncode, one.stdout, one.stderr)


def test_stdin_and_output_file_agree_with_one_process(mixed, tmp_path):
    text = mixed.read_text()
    piped = _slactl("due", "--input", "-", "--now", "2027-01-01T00:00Z", "--jobs", "2", input=text)
    target = tmp_path / "out.csv"
    written = _slactl("due", "--input", str(mixed), "--now", "2027-01-01T00:00Z", "--output", str(target))
    alone = _slactl("due", "--input", str(mixed), "--now", "2027-01-01T00:00Z", "--jobs", "1")
    assert piped.stdout == alone.stdout == target.read_text()
    assert piped.stderr == alone.stderr.replace(str(mixed), "<stdin>")
    assert written.stderr == alone.stderr


def test_jobs_chosen_for_the_input():
    cpus = processes.usable_cpus()
    assert processes.jobs_for(2, None) == 2  # asked for: also on a pipe
    assert processes.jobs_for(10_000, None) == processes.PER_CPU * cpus  # more would only wait their turn
    assert processes.jobs_for(None, None) == 1  # a pipe: its size is unknown
    assert processes.jobs_for(None, processes.AUTO_BYTES - 1) == 1  # starting workers costs more than they save
    assert processes.jobs_for(None, processes.AUTO_BYTES) == min(processes.usable_cpus(), processes.MAX_AUTO)


@pytest.mark.parametrize("files, expected", [
    ({"cpu.max": "150000 100000\n"}, 2),  # a container of 1.5 CPUs: two workers
    ({"cpu.max": "100000 100000\n"}, 1),
    ({"cpu.max": "max 100000\n"}, None),  # no quota: the CPUs it may run on
    ({"cpu/cpu.cfs_quota_us": "50000\n", "cpu/cpu.cfs_period_us": "100000\n"}, 1),  # cgroup v1
    ({"cpu/cpu.cfs_quota_us": "-1\n", "cpu/cpu.cfs_period_us": "100000\n"}, None),
    ({"cpu.max": "garbage"}, None),
    ({}, None),
], ids=["v2-1.5", "v2-1", "v2-max", "v1-0.5", "v1-none", "unreadable", "absent"])
def test_a_cpu_quota_bounds_the_workers(tmp_path, files, expected):
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text(text)
    cpus = len(os.sched_getaffinity(0))
    assert processes.usable_cpus(str(tmp_path)) == (cpus if expected is None else min(cpus, expected))


def test_jobs_is_checked_and_is_for_batches_only(capsys):
    from cli_helpers import run

    code, _, err = run(capsys, "due", "--input", "x.csv", "--jobs", "0")
    assert (code, err) == (2, "slactl: error: invalid value for '--jobs' / '-j': 0 is not in the range x>=1. "
                              "(see slactl due --help)\n")
    code, _, err = run(capsys, "due", "ignus", "-s", "high", "--opened", "2026-11-20T10:00", "--jobs", "2")
    assert (code, err) == (2, "slactl: error: --jobs only goes with --input (a file of tickets)\n")


# -- the runner, through its API ------------------------------------------------------------------


def _row(number: int) -> Row:
    return Row(number, "ignus", "high", "2026-11-20T10:00", id=f"T{number}")


def _echo() -> processes.Work:
    """A Work that writes each row's line and the process it ran in."""
    def work(chunk):
        parts = [item if isinstance(item, BadRow) else f"{item.line}:{os.getpid()}\n" for item in chunk]
        return Done(parts, sum(1 for item in chunk if not isinstance(item, BadRow)), 0)
    return work


def _lines(done: list[Done]) -> list[int | str]:
    return [part.message if isinstance(part, BadRow) else int(part.split(":")[0])
            for chunk in done for part in chunk.parts]


@pytest.mark.parametrize("jobs", [1, 2, 3])
def test_the_runner_keeps_order_and_bad_rows_in_place(monkeypatch, jobs):
    monkeypatch.setattr(processes, "CHUNK", 7)
    rows = [BadRow(n, f"bad {n}") if n % 10 == 3 else _row(n) for n in range(200)]
    with processes.run(iter(rows), _echo, jobs) as done:
        chunks = list(done)
    assert _lines(chunks) == [f"bad {n}" if n % 10 == 3 else n for n in range(200)]
    assert [len(chunk.parts) for chunk in chunks] == [7] * 28 + [4]
    pids = {int(part.split(":")[1]) for chunk in chunks for part in chunk.parts if isinstance(part, str)}
    assert (os.getpid() in pids) == (jobs == 1) and len(pids) <= jobs


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_read_error_comes_after_the_rows_read_before_it(monkeypatch, jobs):
    monkeypatch.setattr(processes, "CHUNK", 5)

    def rows():
        yield from (_row(n) for n in range(12))
        raise InputError("t.csv: not UTF-8 text")

    seen: list[Done] = []
    with pytest.raises(InputError, match="not UTF-8"):
        with processes.run(rows(), _echo, jobs) as done:
            seen.extend(done)
    assert _lines(seen) == list(range(12))


def _failing() -> processes.Work:
    def work(chunk):
        raise ZeroDivisionError("a bug in a worker")
    return work


def test_a_bug_in_a_worker_is_raised_here():
    with pytest.raises(ZeroDivisionError, match="a bug in a worker"):
        with processes.run(iter([_row(1)]), _failing, 2) as done:
            list(done)


def _unmakeable() -> processes.Work:
    raise InputError("no work to be made")


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_error_making_the_work_is_raised_here(jobs):
    with pytest.raises(InputError, match="no work to be made"):
        with processes.run(iter([_row(1)]), _unmakeable, jobs) as done:
            list(done)


def _dying() -> processes.Work:
    def work(chunk):
        os._exit(9)  # as the kernel's out-of-memory killer would end it
    return work


def test_a_worker_that_dies_is_one_error():
    with pytest.raises(RunError, match="a worker process ended before finishing its rows"):
        with processes.run(iter([_row(n) for n in range(10)]), _dying, 2) as done:
            list(done)


# -- stops ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def big(tmp_path_factory) -> Path:
    return generated_tickets(tmp_path_factory.mktemp("jobs-big") / "tickets.csv", 30000)




def _start(big: Path, target: Path, preexec_fn=default_signals) -> subprocess.Popen:
    process = subprocess.Popen([sys.executable, "-m", "slactl", "due", "--input", str(big), "--output", str(target),
                                "--now", "2027-01-01T00:00", "--jobs", "2"], stderr=subprocess.PIPE, text=True,
                               preexec_fn=preexec_fn, start_new_session=True)
    deadline = time.monotonic() + 30
    while not any(p.stat().st_size > 10_000 for p in target.parent.glob(".slactl-*.tmp")):  # rows are written
        assert process.poll() is None and time.monotonic() < deadline
        time.sleep(0.005)
    return process


def _workers(process: subprocess.Popen) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(process.pid)], capture_output=True, text=True).stdout.split()
    return [int(pid) for pid in found]


def _alive(pids: list[int]) -> list[int]:
    """Those of ``pids`` still running (not gone, not a zombie waiting to be reaped)."""
    return [pid for pid in pids if Path(f"/proc/{pid}").exists()
            and Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"]


@pytest.mark.parametrize("number, code", [(signal.SIGINT, 130), (signal.SIGTERM, 143), (signal.SIGHUP, 129)],
                         ids=["SIGINT", "SIGTERM", "SIGHUP"])
def test_a_signal_to_the_whole_group_stops_every_process_and_publishes_nothing(tmp_path, big, number, code):
    # A terminal's Ctrl-C goes to every process of the group: the workers leave the stop to slactl.
    process = _start(big, tmp_path / "out.csv")
    workers = _workers(process)
    assert len(workers) == 2
    os.killpg(process.pid, number)
    _, err = process.communicate(timeout=30)
    assert (process.returncode, err) == (code, "slactl: error: interrupted\n")
    assert list(tmp_path.iterdir()) == []
    time.sleep(0.2)
    assert _alive(workers) == []


def test_a_killed_worker_is_one_line_exit_1_and_nothing_published(tmp_path, big):
    process = _start(big, tmp_path / "out.csv")
    os.kill(_workers(process)[0], signal.SIGKILL)
    _, err = process.communicate(timeout=30)
    assert (process.returncode, err) == (1, "slactl: error: a worker process ended before finishing its rows "
                                             "(killed, or out of memory?); run again, or with --jobs 1\n")
    assert list(tmp_path.iterdir()) == []


def test_a_stopped_worker_does_not_hold_up_a_stop(tmp_path, big):
    process = _start(big, tmp_path / "out.csv")
    workers = _workers(process)
    os.kill(workers[0], signal.SIGSTOP)  # a stopped worker ignores SIGTERM until it is continued
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=30)
    assert (process.returncode, err) == (143, "slactl: error: interrupted\n")
    assert list(tmp_path.iterdir()) == []
    time.sleep(0.2)
    assert _alive(workers) == []


def test_under_nohup_a_hangup_to_the_group_changes_nothing(tmp_path, big):
    def as_nohup() -> None:
        default_signals()
        signal.signal(signal.SIGHUP, signal.SIG_IGN)

    target = tmp_path / "out.csv"
    process = _start(big, target, preexec_fn=as_nohup)
    os.killpg(process.pid, signal.SIGHUP)
    _, err = process.communicate(timeout=60)
    assert (process.returncode, err) == (0, "")
    alone = _slactl("due", "--input", str(big), "--now", "2027-01-01T00:00", "--jobs", "1")
    assert target.read_text() == alone.stdout


def test_where_workers_cannot_start_the_rows_are_computed_anyway(mixed):
    import resource

    def few_files() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (10, 10))  # the pipes of a worker do not fit

    alone = _slactl("due", "--input", str(mixed), "--now", "2027-01-01T00:00Z", "--jobs", "1")
    limited = _slactl("due", "--input", str(mixed), "--now", "2027-01-01T00:00Z", "--jobs", "2", preexec_fn=few_files)
    assert (limited.returncode, limited.stdout, limited.stderr) == (alone.returncode, alone.stdout, alone.stderr)
