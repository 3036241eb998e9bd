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
@argument("paths", nargs=-1, metavar="[PATH]...", help="Policy or customers files, or directories; default: the active set.")
@click.pass_obj
def validate(state: State, paths: tuple[str, ...]) -> None:
    """Check policy and customers files; print `ok FILE` or each problem as `FILE:LINE: message`. Exit 1 if any is invalid.

    \b
    Example: slactl validate policies/ my-policy.yaml customers.yaml
    """
    from slactl.cli import say
    from slactl.contracts import load as contracts
    from slactl.policy import load
    from slactl.render.output import one_line

    targets = [load.FsPath(p) for p in paths] if paths else load.active_paths(state.paths)
    files = list(load.expand(targets))
    # A customers file is checked as one when named; inside a policy directory it is what
    # --policies DIR would refuse.
    named = [load.FsPath(p) for p in paths if not load.FsPath(p).is_dir()]
    customers = [path for path in named if _is_customers(path)]
    if not paths:
        customers += contracts.active_paths(state.customer_paths)
    bad = 0
    results = list(load.validate([path for path in files if path not in customers]))
    if customers:
        results += _validate_customers(state, customers, paths_given=bool(paths))
    for path, problems in results:
        if problems:
            bad += 1
            for problem in problems:
                say(problem)
        else:
            click.echo(f"ok {one_line(str(path))}")
    if bad:
        sys.stderr.write(f"slactl: error: {bad} invalid file(s)\n")
        raise click.exceptions.Exit(1)


def _is_customers(path) -> bool:
    """A customers file (its top level has ``customers:``); an unreadable file is left to the policy check."""
    from slactl.contracts.load import is_customers
    from slactl.errors import PolicyError
    from slactl.policy.load import read

    try:
        return is_customers(read(path))
    except PolicyError:
        return False


def _validate_customers(state: State, paths, *, paths_given: bool):
    """Each customers file with its problems, checked against the active policies."""
    from slactl.contracts.load import check
    from slactl.errors import PolicyError
    from slactl.policy.load import read

    policies = state.policies()
    for path in paths:
        try:
            yield path, check(read(path), policies)
        except PolicyError as error:
            yield path, error.problems
