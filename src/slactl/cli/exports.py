"""The options that say how to read an export (``--preset``, ``--map``, ``--na``, time and DST
choices), shared by ``due --input`` and ``report``: parsed here, read by ``tickets.read``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click
from click.shell_completion import CompletionItem

from slactl.cli.options import complete_plan, complete_provider

DELIMITER_NAMES = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";", "pipe": "|"}


def export_options(*, plan: bool) -> Callable[[Callable], Callable]:
    """The options that say how to read an export; ``plan`` adds ``--plan`` (``due`` has its own)."""
    options = [
        click.option("--preset", metavar="NAME|FILE", shell_complete=_complete_preset,
                     help="Read a help desk's export: servicenow, zendesk, jira, freshdesk, zammad (slactl presets), "
                          "or a preset file."),
        click.option("--map", "columns", metavar="FIELD=COLUMN", multiple=True,
                     help="Read FIELD from COLUMN (repeatable), e.g. --map opened='Created at'."),
        click.option("--provider", "default_provider", metavar="ID", shell_complete=complete_provider,
                     help="Provider of the rows that name none, e.g. ignus."),
        click.option("--na", metavar="TEXT", multiple=True, help="A value that means no value (repeatable), e.g. --na '?'."),
        click.option("--input-tz", "input_tz", metavar="ZONE",
                     help="Times without an offset were written in ZONE, not in the provider's zone."),
        click.option("--time-format", "time_format", metavar="FMT",
                     help="Read times with this strptime format, e.g. '%d/%m/%Y %H:%M' (default: ISO 8601, epoch "
                          "seconds, or what python-dateutil reads, month first)."),
        click.option("--dayfirst", is_flag=True, help="Read dates such as 05/03/2016 day first (5 March)."),
        click.option("--delimiter", metavar="CHAR", help="CSV delimiter, e.g. ';' or tab (default: sniffed among , ; tab |)."),
        click.option("--ambiguous", type=click.Choice(["error", "earlier", "later"]), default="error", show_default=True,
                     help="A local time that happens twice (clocks fall back): refuse the row, or take one reading."),
        click.option("--nonexistent", type=click.Choice(["error", "forward"]), default="error", show_default=True,
                     help="A local time that never happens (clocks spring forward): refuse the row, or take the first "
                          "instant after the gap."),
    ]
    if plan:
        options.insert(3, click.option("--plan", "default_plan", metavar="PLAN", shell_complete=complete_plan,
                                       help="Plan of the rows that name none."))

    def decorate(function: Callable) -> Callable:
        for option in reversed(options):
            function = option(function)
        return function

    return decorate


def _complete_preset(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[CompletionItem]:
    """The bundled presets' names (a preset file completes as a path in the shell)."""
    try:
        from slactl.tickets import presets

        return [CompletionItem(name) for name in presets.names() if name.startswith(incomplete)]
    except Exception:  # noqa: BLE001 - a completion must never break the user's shell
        return []


EXPORT_FLAGS = {"preset": "--preset", "columns": "--map", "default_provider": "--provider", "na": "--na",
                "input_tz": "--input-tz", "time_format": "--time-format", "dayfirst": "--dayfirst",
                "delimiter": "--delimiter"}


def given_export_options(values: dict[str, Any]) -> list[str]:
    """The export options given on the line (``--ambiguous`` and ``--nonexistent`` when not
    the default)."""
    given = [flag for name, flag in EXPORT_FLAGS.items() if values.get(name)]
    given += [f"--{name}" for name in ("ambiguous", "nonexistent") if values.get(name, "error") != "error"]
    return given


def read_options(*, preset: str | None, columns: tuple[str, ...], default_provider: str | None,
                 default_plan: str | None, na: tuple[str, ...], input_tz: str | None, time_format: str | None,
                 dayfirst: bool, delimiter: str | None, ambiguous: str, nonexistent: str):
    """The options as ``tickets.read.Options``; ``InputError`` for a bad value."""
    from slactl.businesstime.zones import Choice, parse_zone
    from slactl.errors import InputError
    from slactl.tickets import presets
    from slactl.tickets.mapping import EVENT_FIELDS, TICKET_FIELDS
    from slactl.tickets.read import Options
    from slactl.tickets.times import format_works

    pairs = []
    fields = list(dict.fromkeys(TICKET_FIELDS + EVENT_FIELDS))
    for item in columns:
        name, equals, column = item.partition("=")
        name = name.strip().lower().replace("-", "_")
        if not equals or not column.strip():
            raise InputError(f"--map {item!r}: write FIELD=COLUMN, e.g. --map opened='Created at'")
        if name not in fields:
            raise InputError(f"--map {item!r}: unknown field {name!r} (choose from: {', '.join(fields)})")
        pairs.append((name, column.strip()))
    if time_format and dayfirst:
        raise InputError("give --time-format or --dayfirst, not both: the format already orders day and month")
    if time_format and not format_works(time_format):
        raise InputError(f"--time-format {time_format!r} is not a strptime format that reads its own output "
                         f"(e.g. '%d/%m/%Y %H:%M')")
    if delimiter is not None:
        delimiter = DELIMITER_NAMES.get(delimiter.lower(), delimiter)
        if len(delimiter) != 1 or delimiter in '"\r\n':
            why = "the quote character cannot also separate fields" if delimiter == '"' else (
                "a line break cannot separate fields" if delimiter in "\r\n" else "give one character")
            raise InputError(f"--delimiter {delimiter!r}: {why}, e.g. ';' or tab")
    return Options(preset=presets.get(preset) if preset else None, columns=tuple(pairs), provider=default_provider,
                   plan=default_plan, na=na, delimiter=delimiter, format=time_format, dayfirst=dayfirst,
                   zone=parse_zone(input_tz, what="--input-tz") if input_tz else None,
                   ambiguous=Choice(ambiguous), nonexistent=Choice(nonexistent))
