"""Speed-up of 2 Dask worker processes over 1 for the docs/scale.md recipe (``due_frame`` mapped
over the partitions of a ticket export, results written per partition).

Run: ``python bench/dask_scale.py`` (``--tickets N``, ``--runs R``; needs the test extra, which
has Dask). It writes N tickets with ``bench/tickets.py`` (fixed seed) once, then times R runs of
each worker count, alternating, each a whole process: interpreter start, imports, the
``LocalCluster`` of N single-threaded worker processes, reading the CSV, ``due_frame`` on every
partition, writing the partitions' CSV files, shutting the cluster down. Prints every run (with
the CPU seconds it used and the load average before it: on a shared machine other work takes
the second core from the 2-worker runs), the medians and their ratio.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
JUDGED = "2026-12-01T00:00"
PARTITIONS = 32


_POLICIES = None


def policies():
    """The policy set, loaded once per worker process."""
    global _POLICIES
    if _POLICIES is None:
        import slactl

        _POLICIES = slactl.load_policies()
    return _POLICIES


def deadlines(frame):
    from datetime import datetime, timezone

    import slactl

    return slactl.due_frame(frame, policies(), now=datetime(2026, 12, 1, 12, tzinfo=timezone.utc), judge_at=JUDGED)


def job(source: str, target: str, workers: int) -> None:
    """One measured run, in its own process."""
    import dask.dataframe as dd
    from distributed import Client, LocalCluster

    from slactl.batch.record import COLUMNS

    meta = {column: "object" for column in (*COLUMNS, "error")}
    blocksize = os.path.getsize(source) // PARTITIONS + 1
    import dask_scale  # this file as a module the workers import (PYTHONPATH): its policy set lives per process

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=50) as cluster, Client(cluster):
        tickets = dd.read_csv(source, dtype=str, blocksize=blocksize)
        tickets.map_partitions(dask_scale.deadlines, meta=meta).to_csv(f"{target}/part-*.csv", index=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=1_200_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--job", nargs=3, metavar=("SOURCE", "TARGET", "WORKERS"), help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.job:
        source, target, workers = options.job
        job(source, target, int(workers))
        return
    with tempfile.TemporaryDirectory(prefix="slactl-dask-") as scratch:
        source = Path(scratch) / "tickets.csv"
        with source.open("w") as out:
            subprocess.run([sys.executable, str(HERE / "tickets.py"), str(options.tickets)], stdout=out, check=True)
        times: dict[int, list[float]] = {1: [], 2: []}
        for run in range(options.runs):
            for workers in (1, 2) if run % 2 == 0 else (2, 1):
                target = Path(scratch) / f"out-{run}-{workers}"
                load = os.getloadavg()[0]
                cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
                begin = time.perf_counter()
                subprocess.run([sys.executable, __file__, "--job", str(source), str(target), str(workers)], check=True,
                               env=dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(HERE), os.environ.get("PYTHONPATH")]))))
                times[workers].append(time.perf_counter() - begin)
                used = resource.getrusage(resource.RUSAGE_CHILDREN)
                seconds = used.ru_utime + used.ru_stime - cpu.ru_utime - cpu.ru_stime
                print(f"run {run + 1}, {workers} worker process(es): {times[workers][-1]:.2f} s "
                      f"({seconds:.1f} CPU s; load average {load:.2f} before)", flush=True)
        one, two = statistics.median(times[1]), statistics.median(times[2])
        print(f"{options.tickets} tickets, {PARTITIONS} partitions, median of {options.runs} whole-process runs: "
              f"1 worker {one:.2f} s, 2 workers {two:.2f} s, speed-up {one / two:.2f}x "
              f"({os.cpu_count()} CPUs; other load on the machine slows the 2-worker runs most)")


if __name__ == "__main__":
    main()
