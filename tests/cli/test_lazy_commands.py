"""Commands are built lazily through click's public ``Group.list_commands``/``get_command``: one
command imports only its own CLI module, while listing them (--help, completion, suggestions)
sees every command, in the order of ``COMMANDS``."""

from __future__ import annotations

import click
import pytest
from cli_helpers import modules_after

from slactl.cli import COMMANDS, cli


def cli_modules(tmp_path, *argv: str) -> set[str]:
    return {name for name in modules_after(str(tmp_path / "cache"), *argv) if name.startswith("slactl.cli.")}


MODULES = {f"slactl.cli.{module}" for module in COMMANDS.values()}


def test_running_due_imports_no_other_command_module(tmp_path):
    loaded = cli_modules(tmp_path, "due", "ivcisa", "-s", "production-down", "--opened", "2026-11-21T03:00", "--json")
    assert loaded & MODULES == {"slactl.cli.due"}


@pytest.mark.parametrize("output", [[], ["--json"]], ids=["table", "json"])
def test_one_ticket_loads_neither_the_batch_nor_the_file_readers(tmp_path, output):
    # Start-up of the on-call question (one ticket) does not pay for reading exports.
    loaded = set(modules_after(str(tmp_path / "cache"), "due", "ignus", "-s", "high", "--opened", "2026-11-20T18:30",
                               *output))
    assert not {name for name in loaded if name.startswith(("slactl.batch", "slactl.tickets.read",
                                                            "slactl.tickets.presets", "slactl.sla.classify"))}


def test_the_root_help_lists_every_module_command(tmp_path):
    assert MODULES <= cli_modules(tmp_path, "--help")


def test_every_command_lives_in_the_module_commands_names():
    context = click.Context(cli, info_name="slactl")
    for name, module in COMMANDS.items():
        command = cli.get_command(context, name)
        assert command is not None and command.callback.__module__ == f"slactl.cli.{module}", name


def test_commands_are_listed_in_order_and_once():
    names = cli.list_commands(click.Context(cli))
    assert names[:4] == ["providers", "show", "validate", "due"]
    assert len(names) == len(set(names))


def test_a_mistyped_command_gets_a_suggestion(capsys):
    from cli_helpers import run

    code, out, err = run(capsys, "duee")
    assert code == 2 and out == ""
    assert err.startswith("slactl: error: no such command 'duee'") and "due" in err
