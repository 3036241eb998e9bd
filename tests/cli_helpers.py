"""Run the real console entry point in-process: exit code, stdout, stderr."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from slactl.cli import main


def run(capsys: pytest.CaptureFixture, *args: str) -> tuple[int, str, str]:
    old = sys.argv
    sys.argv = ["slactl", *args]
    try:
        main()
        code = 0
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
    finally:
        sys.argv = old
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def run_json(capsys: pytest.CaptureFixture, *args: str) -> dict:
    code, out, err = run(capsys, *args, "--json")
    assert code == 0, err
    return json.loads(out)


PROBE = """
import json, sys
sys.argv = ["slactl", *json.loads(sys.argv[1])]
from slactl.cli import main
try:
    main()
except SystemExit:
    pass
sys.stdout.flush()
print(json.dumps(sorted(sys.modules)), file=sys.stderr)
"""


def modules_after(cache: str, *args: str, environ: dict[str, str] | None = None) -> set[str]:
    """Every module a fresh interpreter has imported once ``slactl ARGS`` has run (the policy
    cache under ``cache``)."""
    env = dict(os.environ if environ is None else environ, XDG_CACHE_HOME=cache)
    done = subprocess.run([sys.executable, "-c", PROBE, json.dumps(args)], capture_output=True, text=True,
                          env=env, check=True)
    return set(json.loads(done.stderr.strip().splitlines()[-1]))


def default_signals() -> None:
    """A child's ``preexec_fn``: it starts with the default stop handlers, whatever the test
    runner inherited (a background job ignores SIGINT, and slactl keeps a signal ignored on
    entry ignored)."""
    import signal

    from slactl import stops

    for number in stops.numbers():
        signal.signal(number, signal.SIG_DFL)


def generated_tickets(path, count: int):
    """``count`` seeded tickets of every bundled provider (``bench/tickets.py``) as CSV at ``path``."""
    from pathlib import Path

    with open(path, "w") as out:
        subprocess.run([sys.executable, str(Path(__file__).resolve().parents[1] / "bench" / "tickets.py"), str(count)],
                       stdout=out, check=True)
    return path
