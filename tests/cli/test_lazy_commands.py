"""Commands are built lazily: one command imports only its own CLI module, while listing them
(--help, completion, suggestions) still sees every command, in the order of ``MODULES``."""

from __future__ import annotations

import importlib

import typer.main
from cli_helpers import modules_after

from slactl.cli import HOMES, MODULES, app

def cli_modules(tmp_path, *argv: str) -> set[str]:
    return {name for name in modules_after(str(tmp_path / "cache"), *argv) if name.startswith("slactl.cli.")}


def test_running_due_imports_no_other_command_module(tmp_path):
    loaded = cli_modules(tmp_path, "due", "ivcisa", "-s", "production-down", "--opened", "2026-11-21T03:00", "--json")
    assert loaded & {f"slactl.cli.{module}" for module in MODULES} == {"slactl.cli.due"}


def test_the_root_help_lists_every_module_command(tmp_path):
    assert {f"slactl.cli.{m}" for m in MODULES} <= cli_modules(tmp_path, "--help")


def test_every_command_lives_in_the_module_homes_names():
    for module in MODULES:
        importlib.import_module(f"slactl.cli.{module}")
    for info in app.registered_commands:
        name = info.name or typer.main.get_command_name(info.callback.__name__)
        assert info.callback.__module__ == f"slactl.cli.{HOMES.get(name, name)}", name


def test_commands_are_listed_in_module_order():
    names = list(typer.main.get_command(app).commands)
    assert names[:4] == ["providers", "show", "validate", "due"]
    assert len(names) == len(set(names))
