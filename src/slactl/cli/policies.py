"""Commands over the policy files themselves: providers, show, validate."""

from __future__ import annotations

import sys

import click

from slactl.cli.options import complete_plan, complete_provider
from slactl.cli.params import argument, command, json_option
from slactl.cli.state import State


@command()
@json_option
@click.pass_obj
def providers(state: State, as_json: bool) -> None:
    """List the active providers with their time zone, plans and severities.

    \b
    Example: slactl providers --json
    """
    from slactl.render import policy as render

    policies = state.policies()
    if as_json:
        from slactl.render.output import emit_json

        emit_json([render.summary_json(p) for p in policies])
    else:
        render.print_providers(policies)


@command()
@argument("provider", help="Provider id, e.g. ignus.", shell_complete=complete_provider)
@click.option("--plan", metavar="PLAN", help="Show only this plan, e.g. enterprise.", shell_complete=complete_plan)
@json_option
@click.pass_obj
def show(state: State, provider: str, plan: str | None, as_json: bool) -> None:
    """Show a whole policy: calendars, plans, targets, communications, protocol, notes.

    \b
    Example: slactl show athento --plan enterprise
    """
    from slactl.render import policy as render

    policy = state.policies().get(provider)
    chosen = policy.plan(plan, field="--plan") if plan else None
    if as_json:
        from slactl.render.output import emit_json

        emit_json(render.policy_json(policy, chosen))
    else:
        render.print_policy(policy, chosen)


@command()
@argument("paths", nargs=-1, metavar="[PATH]...", help="Policy files or directories; default: the active set.")
@click.pass_obj
def validate(state: State, paths: tuple[str, ...]) -> None:
    """Check policy files; print `ok FILE` or each problem as `FILE:LINE: message`. Exit 1 if any is invalid.

    \b
    Example: slactl validate policies/ my-policy.yaml
    """
    from slactl.cli import say
    from slactl.policy import load
    from slactl.render.output import one_line

    targets = [load.FsPath(p) for p in paths] if paths else load.active_paths(state.paths)
    bad = 0
    for path, problems in load.validate(targets):
        if problems:
            bad += 1
            for problem in problems:
                say(problem)
        else:
            click.echo(f"ok {one_line(str(path))}")
    if bad:
        sys.stderr.write(f"slactl: error: {bad} invalid policy file(s)\n")
        raise click.exceptions.Exit(1)
