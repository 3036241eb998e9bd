"""Commands over the policy files themselves: providers, show, validate."""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from slactl.cli import app
from slactl.cli.options import complete_plan, complete_provider

JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON document on stdout and nothing else.")]


@app.command()
def providers(ctx: typer.Context, json: JsonOption = False) -> None:
    """List the active providers with their time zone, plans and severities.

    Example: slactl providers --json
    """
    from slactl.render import policy as render

    policies = ctx.obj.policies()
    if json:
        from slactl.render.output import emit_json

        emit_json([render.summary_json(p) for p in policies])
    else:
        render.print_providers(policies)


@app.command()
def show(
    ctx: typer.Context,
    provider: Annotated[str, typer.Argument(help="Provider id, e.g. ignus.", autocompletion=complete_provider)],
    plan: Annotated[Optional[str], typer.Option("--plan", help="Show only this plan, e.g. enterprise.", autocompletion=complete_plan)] = None,
    json: JsonOption = False,
) -> None:
    """Show a whole policy: calendars, plans, targets, communications, protocol, notes.

    Example: slactl show athento --plan enterprise
    """
    from slactl.render import policy as render

    policy = ctx.obj.policies().get(provider)
    chosen = policy.plan(plan) if plan else None
    if json:
        from slactl.render.output import emit_json

        emit_json(render.policy_json(policy, chosen))
    else:
        render.print_policy(policy, chosen)


@app.command()
def validate(
    ctx: typer.Context,
    paths: Annotated[Optional[list[str]], typer.Argument(help="Files or directories; default: the active set.")] = None,
) -> None:
    """Check policy files; print `ok FILE` or each problem as `FILE:LINE: message`. Exit 1 if any is invalid.

    Example: slactl validate policies/ my-policy.yaml
    """
    from slactl.policy import load as loader

    targets = [loader.FsPath(p) for p in paths] if paths else loader.active_paths(ctx.obj.paths)
    bad = 0
    for path, problems in loader.validate(targets):
        if problems:
            bad += 1
            for problem in problems:
                sys.stderr.write(f"{problem}\n")
        else:
            typer.echo(f"ok {path}")
    if bad:
        sys.stderr.write(f"slactl: error: {bad} invalid policy file(s)\n")
        raise typer.Exit(code=1)
