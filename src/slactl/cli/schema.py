"""``slactl schema``: the JSON Schema of the policy format, for editors and other tools."""

from __future__ import annotations

import json

import click

from slactl.cli.params import command


@command()
@click.option("--customers", is_flag=True, help="The schema of a customers file instead of a policy file.")
def schema(customers: bool) -> None:
    """Print the JSON Schema (draft 2020-12) of the policy format: the same document the loader
    checks every policy file against (``slactl.policy.spec.POLICY_SCHEMA``). Editors use it to
    complete and check policy YAML as it is typed (see README, "Editor support").

    \b
    Example: slactl schema > policy.schema.json
    """
    if customers:
        from slactl.contracts.spec import CUSTOMERS_SCHEMA

        click.echo(render(CUSTOMERS_SCHEMA), nl=False)
        return
    from slactl.policy.spec import POLICY_SCHEMA

    click.echo(render(POLICY_SCHEMA), nl=False)


def render(document: dict) -> str:
    """The exact text of ``schema/policy.schema.json``."""
    return json.dumps(document, indent=2) + "\n"
