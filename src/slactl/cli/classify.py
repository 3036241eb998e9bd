"""``slactl classify``: the severity of an incident under a provider's policy, and why."""

from __future__ import annotations

import io
import sys
from datetime import datetime, timezone

import click

from slactl.cli.options import complete_plan, complete_provider
from slactl.cli.params import argument, command, json_option
from slactl.cli.state import State

MAX_TEXT_CHARS = 2**20


@command()
@argument("provider", metavar="PROVIDER", help="Provider id, e.g. conecta.", shell_complete=complete_provider)
@argument("text", required=False, metavar="[TEXT]", help="The incident as reported, in Spanish or English; - reads it from stdin.")
@click.option("--env", type=click.Choice(["production", "non-production"]), help="Environment affected.")
@click.option("--impact", type=click.Choice(["total", "partial", "degraded", "minor"]),
              help="total: all service down; partial: part of it; degraded: slow or unstable; minor: one function.")
@click.option("--privacy", type=click.Choice(["materialized", "vulnerability"]),
              help="A data-privacy breach that has materialized, or a vulnerability that has not.")
@click.option("--dos", is_flag=True, help="A denial-of-service attack.")
@click.option("--third-party", "third_party", is_flag=True, help="The cause lies with a third party (Zoho, Azure, ...).")
@click.option("--plan", metavar="PLAN", shell_complete=complete_plan,
              help="Plan (tier) for the targets; default: the default plan, else every plan.")
@click.option("--opened", "-o", metavar="TIME",
              help="When the ticket was opened (ISO 8601 or now; local to the provider without an offset): adds due times.")
@json_option
@click.pass_obj
def classify(state: State, provider: str, text: str | None, env: str | None, impact: str | None, privacy: str | None,
             dos: bool, third_party: bool, plan: str | None, opened: str | None, as_json: bool) -> None:
    """Classify an incident: severity, confidence (high, low or none), the concepts and
    facts that decided it, targets, protocol, communications owed and notes. The text is read
    for concepts (outage, slow, no mail, data breach, ...; Spanish or English, any inflection)
    and facts (environment, scope, cause); the policy's decision table maps them to a severity
    and the most severe match wins. Flags win over the text. When the policy needs a fact the
    text does not give (IVCISA: the environment), the answer is "no severity" with each
    possible outcome; give it with --env.

    \b
    Example: slactl classify ivcisa "la base de datos de producción se cayó" --opened 2026-11-20T18:30
    """
    from slactl.errors import InputError
    from slactl.policy.severity import Facts
    from slactl.render import classify as render
    from slactl.sla.classify import Incident, classify as compute
    from slactl.tickets.build import FLAGS, instant

    if text == "-":
        text = _stdin_text()
    facts = Facts(env=env, impact=impact, privacy=privacy, dos=True if dos else None,
                  third_party=True if third_party else None)
    if not (text or "").strip() and not facts.items():
        raise InputError("nothing to classify: give the incident TEXT or facts such as --impact total")
    policy = state.policies().get(provider)
    chosen_plan = policy.plan(plan, field=FLAGS.plan) if plan else None
    opened_at = instant(opened, policy.zone, "--opened", datetime.now(timezone.utc)) if opened else None
    result = compute(policy, Incident(text or "", facts, opened_at), chosen_plan)
    if as_json:
        from slactl.render.output import emit_json

        emit_json(render.classification_json(result))
    else:
        render.print_classification(result)


def _stdin_text() -> str:
    """The incident text on stdin, read as UTF-8 (a byte-order mark skipped) whatever the
    locale, as every file reader of slactl reads: bytes that are not UTF-8 are refused, never
    read as other characters. A stream without bytes below it (a test's ``StringIO``) is
    already text; a lone surrogate in it is an undecodable byte that Python kept."""
    from slactl.errors import InputError

    if sys.stdin is None or sys.stdin.closed:
        raise InputError("no incident text on stdin (it is closed)")
    binary = getattr(sys.stdin, "buffer", None)
    try:
        if binary is None:
            text = sys.stdin.read(MAX_TEXT_CHARS + 1)
            text.encode("utf-8")
        else:
            decoder = io.TextIOWrapper(binary, encoding="utf-8-sig", errors="strict")
            try:
                text = decoder.read(MAX_TEXT_CHARS + 1)
            finally:
                decoder.detach()  # stdin stays open: the wrapper does not own it
    except UnicodeError:
        raise InputError("stdin is not UTF-8 text") from None
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(f"the incident text on stdin is longer than {MAX_TEXT_CHARS} characters")
    return text
