"""Every `$ slactl ...` example in README.md prints exactly what the README shows."""

from __future__ import annotations

import re
import shlex
import textwrap
from pathlib import Path

import pytest
from cli_helpers import run

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCK = re.compile(r"```console\n(.*?)```", re.S)


def examples() -> list[tuple[str, str]]:
    found = []
    for block in BLOCK.findall(README):
        lines = textwrap.dedent(block).splitlines()
        command = lines[0].lstrip()
        if not command.startswith("$ slactl ") or any(line.strip() == "..." for line in lines):
            continue
        found.append((command[2:], "\n".join(lines[1:])))
    return found


def _clean(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.strip("\n").splitlines())


@pytest.mark.parametrize("command, expected", examples(), ids=[c for c, _ in examples()])
def test_readme_example_prints_what_the_readme_says(capsys, monkeypatch, command, expected):
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("SLACTL_POLICIES", raising=False)
    shell_tail = '; echo "exit $?"'
    argv = shlex.split(command.removesuffix(shell_tail))[1:]
    code, out, err = run(capsys, *argv)
    printed = out + err + (f"exit {code}\n" if command.endswith(shell_tail) else "")
    assert _clean(printed) == _clean(expected)


def test_the_readme_has_examples_for_every_tour_command():
    commands = {command.split()[1] for command, _ in examples()}
    assert {"providers", "due", "classify", "comms", "quote", "validate"} <= commands
