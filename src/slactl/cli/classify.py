"""``slactl classify``: the severity of an incident under a provider's policy, and why."""

from __future__ import annotations

import sys
from datetime import datetime, timezone
from enum import Enum
from typing import Annotated, Optional

import typer

from slactl.cli import app
from slactl.cli.options import complete_plan, complete_provider


class Env(str, Enum):
    production = "production"
    non_production = "non-production"


class Impact(str, Enum):
    total = "total"
    partial = "partial"
    degraded = "degraded"
    minor = "minor"


class Privacy(str, Enum):
    materialized = "materialized"
    vulnerability = "vulnerability"


MAX_TEXT_CHARS = 2**20


@app.command()
def classify(
    ctx: typer.Context,
    provider: Annotated[str, typer.Argument(help="Provider id, e.g. conecta.", autocompletion=complete_provider)],
    text: Annotated[Optional[str], typer.Argument(
        help="The incident as reported, in Spanish or English; - reads it from stdin.")] = None,
    env: Annotated[Optional[Env], typer.Option("--env", help="Environment affected.")] = None,
    impact: Annotated[Optional[Impact], typer.Option(
        "--impact", help="total: all service down; partial: part of it; degraded: slow or unstable; minor: one function.")] = None,
    privacy: Annotated[Optional[Privacy], typer.Option(
        "--privacy", help="A data-privacy breach that has materialized, or a vulnerability that has not.")] = None,
    dos: Annotated[bool, typer.Option("--dos", help="A denial-of-service attack.")] = False,
    third_party: Annotated[bool, typer.Option("--third-party", help="The cause lies with a third party (Zoho, Azure, ...).")] = False,
    plan: Annotated[Optional[str], typer.Option("--plan", help="Plan (tier) for the targets; default: the default plan, else every plan.",
                                                  autocompletion=complete_plan)] = None,
    opened: Annotated[Optional[str], typer.Option(
        "--opened", "-o", metavar="TIME",
        help="When the ticket was opened (ISO 8601 or now; local to the provider without an offset): adds due times.")] = None,
    json: Annotated[bool, typer.Option("--json", help="Print one JSON document on stdout and nothing else.")] = False,
) -> None:
    """Classify an incident: severity, the phrases and facts that decided it, targets, protocol,
    communications owed and notes. Rules come from the policy file; the most severe match wins.
    Facts such as the environment are also read from the text when the policy says how
    (e.g. "staging" means --env non-production); flags win over the text.

    \b
    Example: slactl classify ivcisa "la base de datos de producción se cayó" --opened 2026-11-20T18:30
    """
    from slactl.sla.classify import Incident, classify as run
    from slactl.errors import InputError
    from slactl.policy.severity import Facts

    if text == "-":
        text = sys.stdin.read(MAX_TEXT_CHARS + 1)
        if len(text) > MAX_TEXT_CHARS:
            raise InputError(f"the incident text on stdin is longer than {MAX_TEXT_CHARS} characters")
    facts = Facts(env=env.value if env else None, impact=impact.value if impact else None,
                  privacy=privacy.value if privacy else None, dos=True if dos else None,
                  third_party=True if third_party else None)
    if not (text or "").strip() and not facts.items():
        raise InputError("nothing to classify: give the incident TEXT or facts such as --impact total")
    policy = ctx.obj.policies().get(provider)
    chosen_plan = policy.plan(plan) if plan else None
    opened_at = None
    if opened:
        from slactl.tickets.times import parse_time

        opened_at = parse_time(opened, policy.zone, datetime.now(timezone.utc), what="--opened")
    result = run(policy, Incident(text or "", facts, opened_at), chosen_plan)
    from slactl.render import classify as render

    if json:
        from slactl.render.output import emit_json

        emit_json(render.classification_json(result))
    else:
        render.print_classification(result)
