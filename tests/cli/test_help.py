"""`--help` that teaches: every command and option explains itself, every command shows a
copy-pasteable `Example: slactl ...` on one line, arguments are listed like the usage line
writes them, and README.md mentions every command."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest

from slactl.cli import COMMANDS, cli

ROOT = Path(__file__).resolve().parents[2]
ROOT_CONTEXT = click.Context(cli, info_name="slactl")
COMMAND_OBJECTS = [(name, cli.get_command(ROOT_CONTEXT, name)) for name in COMMANDS]


def _help(command: click.Command, name: str | None = None) -> str:
    context = click.Context(command, info_name=name, parent=ROOT_CONTEXT) if name else ROOT_CONTEXT
    return command.get_help(context)


def _example(docstring: str) -> str:
    found = re.findall(r"^\s*(Example: slactl .+)$", docstring or "", re.M)
    assert len(found) == 1, f"one 'Example: slactl ...' line expected in {docstring!r}"
    return found[0].strip()


@pytest.mark.parametrize("name, command", COMMAND_OBJECTS,
                         ids=[f"slactl {n} --help shows its example on one line" for n, _ in COMMAND_OBJECTS])
def test_every_command_has_help_with_a_one_line_example(name, command):
    shown = [line.strip() for line in _help(command, name).splitlines()]
    assert command.help
    assert _example(command.help) in shown


def test_the_root_help_has_a_one_line_example():
    shown = [line.strip() for line in _help(cli).splitlines()]
    assert _example(cli.help) in shown


PARAMS = [(name, param) for name, command in [("slactl", cli), *COMMAND_OBJECTS] for param in command.params]


@pytest.mark.parametrize("command, param", PARAMS,
                         ids=[f"{c} {p.opts[0] if p.opts[0].startswith('-') else p.name.upper()} has help text" for c, p in PARAMS])
def test_every_option_and_argument_has_help_text(command, param):
    assert (getattr(param, "help", None) or "").strip()


@pytest.mark.parametrize("name, command", [(n, c) for n, c in COMMAND_OBJECTS if any(isinstance(p, click.Argument) for p in c.params)],
                         ids=lambda value: value if isinstance(value, str) else "")
def test_arguments_are_listed_as_the_usage_line_writes_them(name, command):
    text = _help(command, name)
    usage = text.splitlines()[0]
    section = text.split("Arguments:")[1].split("Options:")[0]
    for param in command.params:
        if isinstance(param, click.Argument):
            metavar = param.make_metavar(click.Context(command, info_name=name, parent=ROOT_CONTEXT))
            assert metavar in usage and metavar in section
    assert not re.search(r"[{<]\w+[}>]", text), "one way to show arguments: PROVIDER or [PROVIDER], never {x} or <x>"
    # One section, whatever click adds: click 8.5 writes its own "Positional arguments" section.
    assert text.count("rguments:") == 1, text
    for param in command.params:
        if isinstance(param, click.Argument):
            assert " ".join(section.split()).count(" ".join(param.help.split())) == 1


def test_options_that_must_be_given_say_so():
    assert "[required]" in _help(cli.get_command(ROOT_CONTEXT, "comms"), "comms")


@pytest.mark.parametrize("name", list(COMMANDS), ids=[f"README mentions slactl {n}" for n in COMMANDS])
def test_readme_mentions_every_command(name):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"`slactl {re.escape(name)}\b", readme), f"README.md never shows `slactl {name} ...`"
