"""``from slactl import due_frame`` under Dask, as docs/scale.md runs it: the threaded scheduler and a
``LocalCluster`` of 2 worker processes give, row for row, what ``slactl due --input`` writes for
the same generated export (``bench/tickets.py``), bad rows included."""

from __future__ import annotations

import csv
import functools
import io
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

from cli_helpers import run  # noqa: E402
from slactl import due_frame  # noqa: E402
from slactl.batch.record import COLUMNS  # noqa: E402
from slactl.policy import load as loader  # noqa: E402

cloudpickle = pytest.importorskip("cloudpickle")
cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the workers cannot import a test module

ROOT = Path(__file__).resolve().parents[2]
JUDGED = "2027-01-01T00:00"
NOW = datetime(2026, 12, 1, 12, tzinfo=timezone.utc)
BAD = ["T-bad-1,ignus,nope,,2026-11-20T10:00,,,", "T-bad-2,athento,critical,enterprise,yesterday,,,"]


@pytest.fixture(scope="module")
def export(tmp_path_factory) -> Path:
    """3,000 generated tickets over every provider, plan and severity, and two bad rows."""
    path = tmp_path_factory.mktemp("dask") / "tickets.csv"
    made = subprocess.run([sys.executable, str(ROOT / "bench" / "tickets.py"), "3000"], capture_output=True, text=True,
                          check=True)
    lines = made.stdout.splitlines()
    path.write_text("\n".join(lines[:1000] + BAD[:1] + lines[1000:] + BAD[1:]) + "\n")
    return path


def _cli_rows(capsys, export: Path) -> tuple[list[list[str]], int]:
    code, out, err = run(capsys, "due", "--input", str(export), "--now", JUDGED, "--csv-raw")
    assert code == 1 and err.splitlines()[-1] == "slactl: error: 2 of 3002 rows skipped (bad input)"
    rows = list(csv.reader(io.StringIO(out, newline="")))
    assert rows[0] == list(COLUMNS)
    return rows[1:], len(err.splitlines()) - 1


def _frame_rows(result) -> tuple[list[list[str]], list[str]]:
    """The good rows as the CSV writes them (an empty cell is ""), and the errors of the bad ones."""
    cells = result.astype(object).where(result.notna(), "")
    good = cells[cells["error"] == ""]
    return good[list(COLUMNS)].values.tolist(), [e for e in cells["error"] if e]


@functools.cache
def policies():
    """Loaded once per worker process and shared by its threads (docs/scale.md)."""
    return loader.load(loader.bundled_paths())


def deadlines(frame):
    return due_frame(frame, policies(), now=NOW, judge_at=JUDGED)


def _deadlines(export: Path):
    tickets = dd.read_csv(export, dtype=str, blocksize=50_000)  # several partitions (each worker loads the
    assert tickets.npartitions >= 4                             # policies per task here: a test module ships by value)
    meta = {column: "object" for column in (*COLUMNS, "error")}
    return tickets.map_partitions(deadlines, meta=meta)


def test_the_threaded_scheduler_gives_the_rows_of_due_input(capsys, export):
    expected, bad = _cli_rows(capsys, export)
    result = _deadlines(export).compute(scheduler="threads", num_workers=4)
    rows, errors = _frame_rows(result)
    assert rows == expected and len(errors) == bad == 2


def test_two_worker_processes_give_the_rows_of_due_input(capsys, export):
    expected, _ = _cli_rows(capsys, export)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=50) as cluster, distributed.Client(cluster) as client:
        result = client.compute(_deadlines(export)).result()
    rows, errors = _frame_rows(result)
    assert rows == expected and len(errors) == 2


def test_the_errors_of_bad_rows_are_the_messages_of_due_input(capsys, export):
    code, _, err = run(capsys, "due", "--input", str(export), "--now", JUDGED)
    messages = [line.split(": ", 1)[1] for line in err.splitlines()[:-1]]
    _, errors = _frame_rows(_deadlines(export).compute(scheduler="sync"))
    assert errors == messages
