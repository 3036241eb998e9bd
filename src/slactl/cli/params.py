"""How slactl's commands and parameters show themselves in ``--help``.

click lists options only; slactl's ``Command`` lists arguments too, in an ``Arguments`` section,
each written the way the usage line writes it (``PROVIDER``, ``[TEXT]``), with its help.
Options that must be given say ``[required]`` (click's own marker).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click


class Argument(click.Argument):
    """A positional parameter with a help text."""

    def __init__(self, *args: Any, help: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help = help

    def get_help_record(self, ctx: click.Context) -> tuple[str, str]:
        """``(metavar, help)`` as the usage line writes the argument."""
        return self.make_metavar(ctx), self.help or ""


class Command(click.Command):
    """A command whose help has an ``Arguments`` section before ``Options``."""

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Arguments, then options (and, for a group, its commands)."""
        _format_parameters(self, ctx, formatter)

    def format_arguments(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Nothing: ``format_options`` writes the arguments (click 8.5 added its own
        "Positional arguments" section, which would list them twice)."""


class Group(click.Group):
    """A group whose help shows its options the way ``Command`` does."""

    command_class = Command

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Arguments, then options (and, for a group, its commands)."""
        _format_parameters(self, ctx, formatter)
        self.format_commands(ctx, formatter)

    def format_arguments(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Nothing: ``format_options`` writes the arguments (see ``Command.format_arguments``)."""


def _format_parameters(command: click.Command, ctx: click.Context, formatter: click.HelpFormatter) -> None:
    arguments: list[tuple[str, str]] = []
    options: list[tuple[str, str]] = []
    for param in command.get_params(ctx):
        record = param.get_help_record(ctx)
        if record is not None:
            (arguments if isinstance(param, click.Argument) else options).append(record)
    for title, records in (("Arguments", arguments), ("Options", options)):
        if records:
            with formatter.section(title):
                formatter.write_dl(records)


def argument(*decls: str, help: str, **kwargs: Any) -> Callable:
    """``click.argument`` with a help text (shown by ``Command``)."""
    return click.argument(*decls, cls=Argument, help=help, **kwargs)


def command(name: str | None = None, **kwargs: Any) -> Callable[[Callable], Command]:
    """``click.command`` with slactl's help layout."""
    return click.command(name, cls=Command, context_settings={"help_option_names": ["-h", "--help"]}, **kwargs)


json_option = click.option("--json", "as_json", is_flag=True, help="Print one JSON document on stdout and nothing else.")
