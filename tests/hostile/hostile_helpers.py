"""How a hostile case is judged: the exit code, a one-line stderr naming the problem, no traceback."""

from __future__ import annotations

import re

from cli_helpers import run

ERROR_LINE = re.compile(r"^slactl: error: \S.*$")


def refused(capsys, *args: str) -> tuple[int, str]:
    """Run slactl; return the exit code and the single stderr line, checked to be one line."""
    code, out, err = run(capsys, *args)
    assert "Traceback" not in err, err
    lines = err.splitlines()
    assert len(lines) == 1 and err.endswith("\n"), f"expected one stderr line, got {err!r}"
    assert ERROR_LINE.match(lines[0]), lines[0]
    assert out == "", f"nothing on stdout for a refused command, got {out!r}"
    return code, lines[0].removeprefix("slactl: error: ")


def policy_problems(capsys, path, *args: str) -> tuple[int, list[str]]:
    """Load ``path`` as the active policy set for ``args`` (default: providers); the problem lines."""
    code, out, err = run(capsys, "--policies", str(path), *(args or ("providers",)))
    assert "Traceback" not in err, err
    assert out == ""
    return code, err.splitlines()
