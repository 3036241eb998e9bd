"""The slactl benchmark: start-up, per-operation cost and correctness of ``add``, batch throughput.

Install the comparison libraries first (they are not slactl dependencies)::

    pip install -e '.[bench]'        # pandas and businesstimedelta
    python bench/run.py              # writes bench/results.md (a few minutes)
    python bench/run.py --quick      # smaller runs, same table

Everything is seeded; timings are noisy, so compare the ratios within one run.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, time as clock_time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
SEED = 20261120
ZONE = ZoneInfo("America/Mexico_City")  # no DST since 2022: local wall time is a fixed offset
OPEN, CLOSE = 8, 19
TARGETS = (("15 min", 0, 15), ("4 h", 0, 240), ("3 d", 3, 0), ("30 d", 30, 0), ("250 d", 250, 0))
HELLO = "import typer\napp = typer.Typer()\n@app.command()\ndef hello(name: str = 'world'):\n    print(name)\napp()\n"


# -- (a) start-up ------------------------------------------------------------------------

def byte_compile() -> None:
    """Compile slactl's modules as installing the wheel does: an editable checkout run with
    PYTHONDONTWRITEBYTECODE=1 would otherwise compile every module from source at each start,
    while typer (installed) loads its bytecode, which is not the comparison we want."""
    import compileall
    import importlib.util

    package = importlib.util.find_spec("slactl").submodule_search_locations[0]
    compileall.compile_dir(package, quiet=1)


def startup(runs: int) -> list[tuple[str, float]]:
    slactl = shutil.which("slactl", path=os.path.dirname(sys.executable)) or "slactl"
    byte_compile()
    with tempfile.TemporaryDirectory() as scratch:
        hello = Path(scratch, "hello.py")
        hello.write_text(HELLO)
        env = dict(os.environ, XDG_CACHE_HOME=str(Path(scratch, "cache")))
        commands = [
            ("python -c pass", [sys.executable, "-c", "pass"]),
            ("minimal typer app", [sys.executable, str(hello)]),
            ("slactl due ivcisa (24x7, no holidays) --json",
             [slactl, "due", "ivcisa", "-s", "production-down", "--opened", "2026-11-21T03:00", "--json"]),
            ("slactl due ignus (office hours, MX holidays) --json",
             [slactl, "due", "ignus", "-s", "high", "--opened", "2026-11-20T18:30", "--json"]),
            ("slactl due ignus --json, cache off (SLACTL_NO_CACHE=1)",
             [slactl, "due", "ignus", "-s", "high", "--opened", "2026-11-20T18:30", "--json"]),
        ]
        for _, argv in commands:  # warm the OS file cache and slactl's policy cache
            subprocess.run(argv, env=env, capture_output=True, check=True)
        samples = {name: [] for name, _ in commands}
        for _ in range(runs):  # interleaved, so that noise hits every command alike
            for name, argv in commands:
                run_env = dict(env, SLACTL_NO_CACHE="1") if "cache off" in name else env
                begin = time.perf_counter()
                subprocess.run(argv, env=run_env, capture_output=True, check=True)
                samples[name].append(time.perf_counter() - begin)
    return [(name, statistics.median(values)) for name, values in samples.items()]


# -- (b) add: cost and correctness -------------------------------------------------------

def starts(count: int) -> list[datetime]:
    rng = random.Random(SEED)
    base = datetime(2026, 1, 1)
    return [base + timedelta(minutes=rng.randrange(2 * 365 * 24 * 60)) for _ in range(count)]


def mexican_holidays() -> set:
    import holidays

    return set(holidays.country_holidays("MX", years=range(2026, 2032)))


def walk(holidays_set: set):
    """The reference: walk day by day over Mon-Fri 08-19 minus holidays. Earliest instant
    semantics (docs/deadlines.md): a deadline on a closing time is that closing time."""

    def add(start: datetime, minutes: int) -> datetime:
        remaining = timedelta(minutes=minutes)
        day = start.date()
        cursor = start
        while True:
            if day.weekday() < 5 and day not in holidays_set:
                opens = datetime.combine(day, clock_time(OPEN))
                closes = datetime.combine(day, clock_time(CLOSE))
                begin = max(opens, cursor)
                if begin < closes:
                    if begin + remaining <= closes:
                        return begin + remaining
                    remaining -= closes - begin
            day += timedelta(days=1)
            cursor = datetime.combine(day, clock_time(0))

    return add


def contenders(holidays_set: set):
    from slactl.businesstime import BusinessCalendar, WeeklyHours
    from slactl.businesstime.duration import Duration

    dates = sorted(holidays_set)
    calendar = BusinessCalendar(ZONE, WeeklyHours.from_minutes({d: [(OPEN * 60, CLOSE * 60)] for d in range(5)}),
                                lambda year: [d for d in dates if d.year == year])

    def slactl_add(days, minutes):
        duration = Duration.of(days=days, minutes=minutes)
        return lambda start: calendar.add(start.replace(tzinfo=ZONE), duration).astimezone(ZONE).replace(tzinfo=None)

    found = {"slactl": slactl_add}
    try:
        import businesstimedelta as btd

        rule = btd.Rules([btd.WorkDayRule(start_time=clock_time(OPEN), end_time=clock_time(CLOSE),
                                          working_days=[0, 1, 2, 3, 4]),
                          btd.HolidayRule(dates)])

        def btd_add(days, minutes):
            delta = btd.BusinessTimeDelta(rule, timedelta=timedelta(hours=days * (CLOSE - OPEN), minutes=minutes))
            return lambda start: (start + delta).replace(tzinfo=None)

        found["businesstimedelta"] = btd_add
    except ImportError:
        pass
    try:
        import pandas as pd

        def pandas_add(days, minutes):
            hours, rest = divmod(days * (CLOSE - OPEN) * 60 + minutes, 60)
            if rest:
                return None  # CustomBusinessHour counts whole hours only
            offset = pd.offsets.CustomBusinessHour(n=hours, start=f"{OPEN:02d}:00", end=f"{CLOSE:02d}:00",
                                                   holidays=dates)
            return lambda start: (pd.Timestamp(start) + offset).to_pydatetime()

        found["pandas CustomBusinessHour"] = pandas_add
    except ImportError:
        pass
    return found


def classify(start: datetime, got: datetime, want: datetime, holidays_set: set) -> str:
    if got.time() == clock_time(OPEN) and want.time() == clock_time(CLOSE) and got > want:
        return "closing time returned as the next opening"
    if got < want and any(start.date() <= d <= got.date() and d.weekday() < 5 for d in holidays_set):
        return "too early: counts a holiday as open"
    return f"other (e.g. start {start:%a %Y-%m-%d %H:%M}: got {got:%a %m-%d %H:%M}, want {want:%a %m-%d %H:%M})"


def add_costs(count: int, slow_count: int) -> tuple[list, dict]:
    holidays_set = mexican_holidays()
    reference = walk(holidays_set)
    points = starts(count)
    rows, reasons = [], {}
    for label, days, minutes in TARGETS:
        total = days * (CLOSE - OPEN) * 60 + minutes
        want = [reference(s, total) for s in points]
        begin = time.perf_counter()
        for s in points:
            reference(s, total)
        row = {"target": label, "day-by-day walk": ((time.perf_counter() - begin) / count, 0)}
        for name, make in contenders(holidays_set).items():
            add = make(days, minutes)
            if add is None:
                row[name] = None
                continue
            sample = points if name == "slactl" else points[:slow_count]
            best = float("inf")
            for _ in range(5 if name == "slactl" else 1):
                begin = time.perf_counter()
                got = [add(s) for s in sample]
                best = min(best, (time.perf_counter() - begin) / len(sample))
            wrong = 0
            for s, g, w in zip(sample, got, want):
                if g != w:
                    wrong += 1
                    reason = classify(s, g, w, holidays_set)
                    reasons.setdefault(name, {}).setdefault(reason, 0)
                    reasons[name][reason] += 1
            row[name] = (best, wrong, len(sample))
        rows.append(row)
    return rows, reasons


# -- (c) batch ---------------------------------------------------------------------------

def ticket_file(path: Path, size: int) -> Path:
    """``size`` seeded tickets (``tickets.py``) as CSV at ``path``."""
    import csv

    import tickets as generator

    with open(path, "w", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(generator.COLUMNS)
        writer.writerows(generator.tickets(size))
    return path


def batch(sizes: list[int], repeat: int) -> list[tuple[int, str, list[float], float]]:
    """Each size ``repeat`` times, in one process (``--jobs 1``) and as slactl chooses (one
    worker process per CPU for a file this size), the two runs interleaved: the machine's speed
    drifts by a third between runs, so the table shows the fastest run (the least disturbed)
    and the slowest, and the ratio of the medians."""
    slactl = shutil.which("slactl", path=os.path.dirname(sys.executable)) or "slactl"
    ways = [("one process (--jobs 1)", ["--jobs", "1"]), ("default (one per CPU)", [])]
    found = []
    with tempfile.TemporaryDirectory() as scratch:
        for size in sizes:
            path = ticket_file(Path(scratch, f"t{size}.csv"), size)
            argv = [sys.executable, str(HERE / "measure.py"), slactl, "due", "--input", str(path),
                    "--now", "2027-01-01T00:00Z"]
            if size == sizes[0]:  # untimed: fills the policy and holiday caches, as any later run finds them
                subprocess.run(argv, capture_output=True, check=True)
            runs: dict[str, list[tuple[float, ...]]] = {name: [] for name, _ in ways}
            for _ in range(repeat if size <= 100_000 else min(repeat, 3)):  # 10^6: half a minute a run
                for name, extra in ways:
                    done = subprocess.run(argv + extra, capture_output=True, text=True, check=True)
                    runs[name].append(tuple(float(v) for v in done.stdout.split()))
            for name, _ in ways:
                found.append((size, name, sorted(seconds for seconds, _ in runs[name]),
                              max(peak for _, peak in runs[name])))
            path.unlink()
    return found


# -- (d) report memory ---------------------------------------------------------------------

def report_memory(sizes: list[int]) -> list[tuple[int, float, float]]:
    """``slactl report`` over N generated tickets: seconds and peak RSS (KiB), one run each
    (the goal is a bound on memory, which does not drift like time does)."""
    slactl = shutil.which("slactl", path=os.path.dirname(sys.executable)) or "slactl"
    found = []
    with tempfile.TemporaryDirectory() as scratch:
        for size in sizes:
            path = ticket_file(Path(scratch, f"r{size}.csv"), size)
            argv = [sys.executable, str(HERE / "measure.py"), slactl, "report", str(path), "--now", "2027-01-01T00:00Z",
                    "--json"]
            done = subprocess.run(argv, capture_output=True, text=True, check=True)
            seconds, peak = (float(v) for v in done.stdout.split())
            found.append((size, seconds, peak))
            path.unlink()
    return found


# -- results -----------------------------------------------------------------------------

def markdown(start_rows, add_rows, reasons, batch_rows, report_rows) -> str:
    lines = [f"# slactl benchmark results\n",
             f"Python {platform.python_version()} on {platform.machine()} ({os.cpu_count()} CPUs), "
             f"{datetime.now(timezone.utc):%Y-%m-%d}. Generated by `python bench/run.py`; timings are noisy, "
             "compare ratios within this run.\n",
             "## (a) Start to exit (median of interleaved runs, warm policy cache, modules byte-compiled)\n",
             "| command | median | vs minimal typer app |", "|---|---:|---:|"]
    typer_time = dict(start_rows)["minimal typer app"]
    for name, value in start_rows:
        lines.append(f"| {name} | {value * 1000:.0f} ms | {value / typer_time:.2f}x |")
    names = [n for n in add_rows[0] if n != "target"]
    lines += ["", "## (b) One `add` on Mon-Fri 08-19 America/Mexico_City with Mexican holidays\n",
              "Per-operation cost; `wrong` = results that differ from the day-by-day reference walk "
              "(docs/deadlines.md semantics) over the sampled starts.\n",
              "| target | " + " | ".join(names) + " |", "|---" * (len(names) + 1) + "|"]
    for row in add_rows:
        cells = []
        for name in names:
            value = row[name]
            if value is None:
                cells.append("n/a (whole hours only)")
            elif name == "day-by-day walk":
                cells.append(f"{value[0] * 1e6:,.1f} µs")
            else:
                cells.append(f"{value[0] * 1e6:,.1f} µs, {value[1]}/{value[2]} wrong")
        lines.append(f"| {row['target']} | " + " | ".join(cells) + " |")
    lines += ["", "Disagreements with the reference, by kind:\n"]
    for name, kinds in reasons.items():
        for kind, count in sorted(kinds.items(), key=lambda item: -item[1])[:6]:
            lines.append(f"- {name}: {count} x {kind}")
    if not reasons:
        lines.append("- none")
    lines += ["", "## (c) `slactl due --input` throughput (start-up included)\n",
              f"In one process (`--jobs 1`, one core) and as slactl runs by default on this {os.cpu_count()}-CPU "
              "machine (the file read in one process, its rows computed by one worker process per CPU: "
              "docs/batch.md); the two interleaved. Peak RSS is the largest single process.\n",
              "| tickets | how | runs | seconds (fastest - slowest) | tickets/s: fastest run | median run | slowest run "
              "| peak RSS |", "|---:|---|---:|---:|---:|---:|---:|---:|"]
    medians: dict[int, dict[str, float]] = {}
    for size, name, seconds, peak in batch_rows:
        median = seconds[len(seconds) // 2]
        medians.setdefault(size, {})[name] = median
        lines.append(f"| {size:,} | {name} | {len(seconds)} | {seconds[0]:.1f} - {seconds[-1]:.1f} "
                     f"| {size / seconds[0]:,.0f} | {size / median:,.0f} | {size / seconds[-1]:,.0f} "
                     f"| {peak / 1024:.0f} MiB |")
    for size, by_way in medians.items():
        one, default = by_way.values()
        lines.append(f"\n{size:,} tickets: the default's median run takes {default / one:.2f}x the time of one "
                     "process.")
    lines += ["", "## (d) `slactl report` memory (goal: at most 64 MiB peak at 10^6 tickets)\n",
              "| tickets | seconds | tickets/s | peak RSS |", "|---:|---:|---:|---:|"]
    for size, seconds, peak in report_rows:
        lines.append(f"| {size:,} | {seconds:.1f} | {size / seconds:,.0f} | {peak / 1024:.0f} MiB |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs and 10^4/10^5 tickets")
    options = parser.parse_args()
    start_rows = startup(5 if options.quick else 21)
    print("start-up done", file=sys.stderr)
    add_rows, reasons = add_costs(300 if options.quick else 2000, 50 if options.quick else 200)
    print("add done", file=sys.stderr)
    batch_rows = batch([10_000, 100_000] if options.quick else [100_000, 1_000_000], 2 if options.quick else 5)
    print("batch done", file=sys.stderr)
    report_rows = report_memory([10_000, 100_000] if options.quick else [100_000, 1_000_000])
    text = markdown(start_rows, add_rows, reasons, batch_rows, report_rows)
    (HERE / "results.md").write_text(text)
    print(text)


if __name__ == "__main__":
    main()
