"""`--help` that teaches: every command and option explains itself, every command shows a
copy-pasteable `Example: slactl ...` on one line, and README.md mentions every command."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer.main

from slactl.cli import app

ROOT = Path(__file__).resolve().parents[2]
ROOT_COMMAND = typer.main.get_command(app)
COMMANDS = sorted(ROOT_COMMAND.commands.items())


def _help(command, *path: str) -> str:
    context_class = type(ROOT_COMMAND.make_context("slactl", ["providers"], resilient_parsing=True))
    parent = context_class(ROOT_COMMAND, info_name="slactl")
    context = context_class(command, info_name=" ".join(path), parent=parent) if path else parent
    return command.get_help(context)


def _example(docstring: str) -> str:
    found = re.findall(r"^\s*(Example: slactl .+)$", docstring or "", re.M)
    assert len(found) == 1, f"one 'Example: slactl ...' line expected in {docstring!r}"
    return found[0].strip()


@pytest.mark.parametrize("name, command", COMMANDS, ids=[f"slactl {n} --help shows its example on one line" for n, _ in COMMANDS])
def test_every_command_has_help_with_a_one_line_example(name, command):
    shown = [line.strip() for line in _help(command, name).splitlines()]
    assert command.short_help or command.help
    assert _example(command.help) in shown


def test_the_root_help_has_a_one_line_example():
    shown = [line.strip() for line in _help(ROOT_COMMAND).splitlines()]
    assert _example(ROOT_COMMAND.help) in shown


PARAMS = [(name, param) for name, command in [("slactl", ROOT_COMMAND), *COMMANDS] for param in command.params]


@pytest.mark.parametrize("command, param", PARAMS,
                         ids=[f"{c} {p.opts[0] if p.opts[0].startswith('-') else p.name.upper()} has help text" for c, p in PARAMS])
def test_every_option_and_argument_has_help_text(command, param):
    assert (getattr(param, "help", None) or "").strip()


@pytest.mark.parametrize("name", [n for n, _ in COMMANDS], ids=[f"README mentions slactl {n}" for n, _ in COMMANDS])
def test_readme_mentions_every_command(name):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"`slactl {re.escape(name)}\b", readme), f"README.md never shows `slactl {name} ...`"
