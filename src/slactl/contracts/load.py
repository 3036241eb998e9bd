"""Reading customers files: the same safe YAML reader as policies (``policy.load.read``), the
structure checked against ``contracts.spec``, then the rules (``contracts.rules``); every problem
of every file as ``FILE:LINE: message`` in one ``PolicyError``."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from slactl.contracts.model import Credits, Customer, CustomerSet, Tier
from slactl.contracts.rules import percent
from slactl.errors import InputError, PolicyError
from slactl.policy.load import Document, read
from slactl.policy.values import money_of
from slactl.policy.model import PolicySet

ENV_VAR = "SLACTL_CUSTOMERS"


def active_paths(given: list[str] | None, environ: dict[str, str] | None = None) -> list[Path]:
    """--customers beats $SLACTL_CUSTOMERS; none by default."""
    if given:
        return [Path(p) for p in given]
    value = (environ if environ is not None else os.environ).get(ENV_VAR, "")
    return [Path(p) for p in value.split(os.pathsep) if p.strip()]


def is_customers(document: Document) -> bool:
    """A customers file, rather than a policy: its top level has ``customers``."""
    return isinstance(document.data, dict) and "customers" in document.data


def check(document: Document, policies: PolicySet) -> list[str]:
    """Every problem of ``document`` as ``FILE:LINE: message`` (empty when it can be built)."""
    from slactl.contracts import rules, spec
    from slactl.policy import structure

    if not isinstance(document.data, dict):
        return [document.problem((), f"a customers file must be a mapping, got {structure.describe(document.data)}")]
    found = [document.problem(path, message)
             for path, message in structure.check(document.data, spec.CUSTOMERS_SCHEMA, spec.CUSTOMERS_SCHEMA)]
    if found:
        return found
    return [document.problem(path, message) for path, message in rules.problems(document.data, policies, document.line)]


def load(paths: Iterable[str | os.PathLike], policies: PolicySet) -> CustomerSet:
    """The customers of ``paths``; ``PolicyError`` with every problem of every file (a customer id
    given in two files included)."""
    customers: list[Customer] = []
    problems: list[str] = []
    seen: dict[str, str] = {}
    for path in paths:
        if not Path(path).exists():
            raise InputError(f"customers file {str(path)!r} does not exist")
        try:
            document = read(Path(path))
        except PolicyError as error:
            problems.extend(error.problems)
            continue
        found = check(document, policies)
        if found:
            problems.extend(found)
            continue
        for customer in _build(document):
            if customer.id in seen:
                problems.append(f"{document.file}:{customer.line}: duplicate customer id {customer.id!r} (also in {seen[customer.id]})")
            seen.setdefault(customer.id, document.file)
            customers.append(customer)
    if problems:
        raise PolicyError(problems)
    return CustomerSet(tuple(customers))


def _build(document: Document) -> Iterator[Customer]:
    for index, raw in enumerate(document.data["customers"]):
        credits = raw.get("credits")
        yield Customer(
            id=raw["id"], name=raw["name"], provider=raw["provider"], plan=raw.get("plan"),
            go_live=date.fromisoformat(raw["go_live"]) if "go_live" in raw else None,
            contract_start=date.fromisoformat(raw["contract_start"]) if "contract_start" in raw else None,
            contacts=tuple(raw.get("contacts", [])),
            monthly_fee=money_of(raw["monthly_fee"]) if "monthly_fee" in raw else None,
            currency=raw.get("currency"),
            credits=None if credits is None else Credits(
                tiers=tuple(Tier(percent(t["below"]), percent(t["credit"])) for t in credits.get("tiers", [])),
                per_breach=percent(credits["per_breach"]) if "per_breach" in credits else None,
                cap=percent(credits["cap"]) if "cap" in credits else None,
                source=credits.get("source"), assumption=credits.get("assumption")),
            file=document.file, line=document.line(("customers", index, "id")),
        )
