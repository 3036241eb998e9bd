"""``slactl presets``: the bundled ways of reading help-desk exports (``--preset NAME`` on
``due --input`` and ``report``), listed and printed."""

from __future__ import annotations

import click

from slactl.cli.params import Command, Group, argument, json_option


@click.group(invoke_without_command=True, cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@json_option
@click.pass_context
def presets(ctx: click.Context, as_json: bool) -> None:
    """List the presets that read help-desk exports (due --input, report: --preset NAME).

    \b
    Example: slactl presets show servicenow
    """
    if ctx.invoked_subcommand is not None:
        return
    from slactl.render import presets as render
    from slactl.tickets import presets as bundled

    found = bundled.builtins()
    if as_json:
        from slactl.render.output import emit_json

        emit_json([render.preset_json(preset) for preset in found])
    else:
        render.print_presets(found)


@presets.command(name="show", cls=Command, context_settings={"help_option_names": ["-h", "--help"]})
@argument("name", metavar="NAME|FILE", help="A bundled preset (servicenow, zendesk, jira, freshdesk, zammad) or a preset file.")
@json_option
def show(name: str, as_json: bool) -> None:
    """Print a preset: its YAML (a starting point for your own), or --json.

    \b
    Example: slactl presets show zendesk > my-zendesk.yaml
    """
    from slactl.render import presets as render
    from slactl.tickets import presets as bundled

    preset = bundled.get(name)
    if as_json:
        from slactl.render.output import emit_json

        emit_json(render.preset_json(preset))
    else:
        render.print_preset(preset)
