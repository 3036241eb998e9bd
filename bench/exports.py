"""Issue 14: the cost of reading a help desk's export through a preset, and the public ServiceNow
event log folded and reported. Whole-process runs, median of several; not part of the tests.

    python bench/exports.py                          # 100,000 tickets, 5 runs each
    python bench/exports.py --tickets 20000 --runs 3 # quicker
    python bench/exports.py --log incident_event_log.csv   # also the UCI ServiceNow log

(a) The same tickets written three ways, each judged by ``slactl due --input FILE --now ...``:
    the plain ticket form with the columns a script would have written (id, provider,
    severity, opened, responded, resolved); the plain form carrying the same facts as the
    export (plus ``statuses``, the current status since the last update); and a Freshdesk
    export with its 24 default columns, read with ``--preset freshdesk --provider ignus``
    (Freshdesk priorities and statuses, ``2026-01-15 09:00:00`` times); and a Zendesk export
    with its 40 columns (the first reply as minutes after the creation). Target: a preset at
    most 1.5x the plain form.
(b) With ``--log``: ``slactl report LOG --preset servicenow --provider ignus --now
    2016-07-01`` on the UCI "Incident management process enriched event log" (the copy of
    ``DsumitON/IT-incident-tickets-dataset``: 119,998 events of 20,769 incidents; not in this
    repository, see tests/testdata/exports/README.md). Target: under 10 s.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

SEED = 20261120
PRIORITIES = (("Urgent", "urgent"), ("High", "high"), ("Medium", "medium"), ("Low", "low"))
FRESHDESK = ("Ticket ID", "Subject", "Status", "Priority", "Source", "Type", "Agent", "Group", "Created time",
             "Due by Time", "Resolved time", "Closed time", "Last update time", "Initial response time", "Time tracked",
             "First response time (in hrs)", "Resolution time (in hrs)", "Agent interactions", "Customer interactions",
             "Resolution status", "First response status", "Tags", "Survey results", "Product")
ZENDESK = ("Id", "Requester", "Requester id", "Requester external id", "Requester email", "Requester domain", "Submitter",
           "Assignee", "Group", "Subject", "Tags", "Status", "Priority", "Via", "Ticket type", "Created at", "Updated at",
           "Assigned at", "Organization", "Due date", "Initially assigned at", "Solved at", "Resolution time",
           "Satisfaction Score", "Group stations", "Assignee stations", "Reopens", "Replies",
           "First reply time in minutes", "First reply time in minutes within business hours",
           "First resolution time in minutes", "First resolution time in minutes within business hours",
           "Full resolution time in minutes", "Full resolution time in minutes within business hours",
           "Agent wait time in minutes", "Agent wait time in minutes within business hours",
           "Requester wait time in minutes", "Requester wait time in minutes within business hours",
           "On hold time in minutes", "On hold time in minutes within business hours")
ZENDESK_PRIORITY = {"Urgent": "urgent", "High": "high", "Medium": "normal", "Low": "low"}
NOW = "2027-01-01T00:00"


def tickets(count: int):
    """Reproducible tickets of one provider (ignus: Mexico City, no DST since 2022)."""
    rng = random.Random(SEED)
    base = datetime(2026, 1, 1)
    for number in range(count):
        vendor, severity = PRIORITIES[rng.randrange(4)]
        opened = base + timedelta(minutes=rng.randrange(360 * 24 * 60))
        responded = resolved = None
        status, updated = "Open", opened
        if rng.random() < 0.7:
            responded = opened + timedelta(minutes=rng.randrange(1, 3000))
            status, updated = ("Pending", responded) if rng.random() < 0.15 else ("Open", responded)
            if rng.random() < 0.8:
                resolved = opened + timedelta(minutes=rng.randrange(3000, 20000))
                status, updated = ("Closed" if rng.random() < 0.7 else "Resolved"), resolved
        yield number, vendor, severity, opened, responded, resolved, status, updated


def text(moment: datetime | None, sep: str = "T") -> str:
    return moment.isoformat(sep=sep, timespec="seconds") if moment else ""


def write(directory: Path, count: int) -> dict[str, Path]:
    paths = {name: directory / f"{name}.csv" for name in ("plain", "plain-statuses", "freshdesk", "zendesk")}
    with open(paths["plain"], "w", newline="") as plain, open(paths["plain-statuses"], "w", newline="") as full, \
            open(paths["freshdesk"], "w", newline="") as vendor, open(paths["zendesk"], "w", newline="") as other:
        rows, facts, export, zendesk = csv.writer(plain), csv.writer(full), csv.writer(vendor), csv.writer(other)
        rows.writerow(("id", "provider", "severity", "opened", "responded", "resolved"))
        facts.writerow(("id", "provider", "severity", "opened", "responded", "resolved", "statuses"))
        export.writerow(FRESHDESK)
        zendesk.writerow(ZENDESK)
        for number, vendor_priority, severity, opened, responded, resolved, status, updated in tickets(count):
            ident = str(100000 + number)
            rows.writerow((ident, "ignus", severity, text(opened), text(responded), text(resolved)))
            facts.writerow((ident, "ignus", severity, text(opened), text(responded), text(resolved),
                            f"{text(updated)}={status.lower()}"))
            export.writerow((ident, f"Ticket {number}: printer offline on floor {number % 9}", status, vendor_priority,
                             "Email", "Incident", "Sam Agent", "Support", text(opened, " "),
                             text(opened + timedelta(hours=8), " "), text(resolved, " "),
                             text(resolved + timedelta(days=2), " ") if resolved and status == "Closed" else "",
                             text(updated, " "), text(responded, " "), "00:30", "00:20:00", "02:30:00", "2", "1",
                             "Within SLA" if resolved else "", "Within SLA" if responded else "", "printer", "", ""))
            reply = int((responded - opened).total_seconds() // 60) if responded else ""
            status_z = {"Open": "open", "Pending": "pending", "Resolved": "solved", "Closed": "closed"}[status]
            responded_z = opened + timedelta(minutes=reply) if responded else None
            updated_z = resolved or responded_z or opened
            zendesk.writerow((ident, "Alex Example", "9001", "", "alex@example.com", "example.com", "Alex Example",
                              "Sam Agent", "Support", f"Ticket {number}: printer offline", "printer", status_z,
                              ZENDESK_PRIORITY[vendor_priority], "web", "incident", text(opened, " "),
                              text(updated_z, " "), text(opened, " "), "Example Corp", "", text(opened, " "),
                              text(resolved, " "), "3", "Offered", "1", "1", "0", "2", reply, reply, "160", "160",
                              "160", "160", "0", "0", "160", "160", "0", "0"))
    return paths


def timed(argv: list[str], runs: int) -> list[tuple[float, float]]:
    """``(wall seconds, CPU seconds)`` of each run. CPU time (user + system, from ``wait4``)
    varies less than wall time on a shared machine."""
    found = []
    for _ in range(runs):
        begin = time.perf_counter()
        child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        found.append((time.perf_counter() - begin, usage.ru_utime + usage.ru_stime))
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(argv)} failed with exit {child.returncode}")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--log", help="the UCI incident_event_log.csv")
    args = parser.parse_args()
    slactl = shutil.which("slactl", path=os.path.dirname(sys.executable)) or "slactl"
    with tempfile.TemporaryDirectory() as scratch:
        paths = write(Path(scratch), args.tickets)
        # --output os.devnull is refused (not a regular file: issue 15), so each run replaces a scratch file
        commands = {
            "plain form (id, provider, severity, opened, responded, resolved)":
                [slactl, "due", "--input", str(paths["plain"]), "--now", NOW, "--output", str(Path(scratch, "out.csv")), "--force"],
            "plain form with the export's facts (+ statuses)":
                [slactl, "due", "--input", str(paths["plain-statuses"]), "--now", NOW, "--output", str(Path(scratch, "out.csv")), "--force"],
            "Freshdesk export (24 columns), --preset freshdesk --provider ignus":
                [slactl, "due", "--input", str(paths["freshdesk"]), "--preset", "freshdesk", "--provider", "ignus",
                 "--now", NOW, "--output", str(Path(scratch, "out.csv")), "--force"],
            "Zendesk export (40 columns, first reply in minutes), --preset zendesk --provider ignus":
                [slactl, "due", "--input", str(paths["zendesk"]), "--preset", "zendesk", "--provider", "ignus",
                 "--now", NOW, "--output", str(Path(scratch, "out.csv")), "--force"],
        }
        timed(next(iter(commands.values())), 1)  # fills the policy cache
        results = {name: [] for name in commands}
        for _ in range(args.runs):  # interleaved: the machine's drift hits every command alike
            for name, argv in commands.items():
                results[name] += timed(argv, 1)
    walls = {name: statistics.median(w for w, _ in values) for name, values in results.items()}
    cpus = {name: statistics.median(c for _, c in values) for name, values in results.items()}
    wall_base, cpu_base = next(iter(walls.values())), next(iter(cpus.values()))
    print(f"(a) {args.tickets:,} tickets, median of {args.runs} interleaved whole-process runs")
    print("| input | wall s (median; fastest - slowest) | CPU s (median) | tickets/s (wall) | vs plain: wall | vs plain: CPU |")
    print("|---|---:|---:|---:|---:|---:|")
    for name in results:
        shown = [w for w, _ in results[name]]
        print(f"| {name} | {walls[name]:.2f} ({min(shown):.2f} - {max(shown):.2f}) | {cpus[name]:.2f} | "
              f"{args.tickets / walls[name]:,.0f} | {walls[name] / wall_base:.2f}x | {cpus[name] / cpu_base:.2f}x |")
    if args.log:
        argv = [slactl, "report", args.log, "--preset", "servicenow", "--provider", "ignus", "--now", "2016-07-01"]
        runs = timed(argv, args.runs)
        shown = [w for w, _ in runs]
        print(f"\n(b) slactl report {Path(args.log).name} --preset servicenow --provider ignus --now 2016-07-01: "
              f"wall median {statistics.median(shown):.2f} s (fastest {min(shown):.2f}, slowest {max(shown):.2f}), "
              f"CPU median {statistics.median(c for _, c in runs):.2f} s, {args.runs} runs")


if __name__ == "__main__":
    main()
