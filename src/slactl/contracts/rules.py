"""The semantic rules of a customers file, as a table (like ``policy.rules``): each ``Rule`` says
where it looks and what it says. They need the active policies: a customer names a provider
and a plan of theirs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from slactl.errors import InputError
from slactl.policy.model import PolicySet

Path = tuple[str | int, ...]
Fields = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Rule:
    """``broken(customer, policies)`` yields the fields of ``message`` once per violation (a field
    ``at`` extends the customer's path to the key at fault)."""

    name: str
    message: str
    broken: Callable[[dict, PolicySet], Iterator[Fields]]


def percent(text: str) -> Decimal:
    """``"5%"`` → ``Decimal("5")``."""
    return Decimal(text.strip().rstrip("%"))


def _provider_known(customer: dict, policies: PolicySet) -> Iterator[Fields]:
    try:
        policies.get(customer["provider"])
    except InputError as error:
        yield {"at": ("provider",), "reason": str(error)}


def _plan_known(customer: dict, policies: PolicySet) -> Iterator[Fields]:
    try:
        policy = policies.get(customer["provider"])
    except InputError:
        return
    try:
        policy.plan(customer.get("plan"), field="plan:")
    except InputError as error:
        yield {"at": ("plan",) if "plan" in customer else ("provider",), "reason": str(error)}


def _dates(customer: dict, _: PolicySet) -> Iterator[Fields]:
    for key in ("go_live", "contract_start"):
        if key in customer:
            try:
                date.fromisoformat(customer[key])
            except ValueError:
                yield {"at": (key,), "key": key, "text": customer[key]}


def _percentages(customer: dict, _: PolicySet) -> Iterator[Fields]:
    credits = customer.get("credits") or {}
    places: list[tuple[Path, str]] = [((("credits", key)), credits[key]) for key in ("per_breach", "cap") if key in credits]
    for index, tier in enumerate(credits.get("tiers", [])):
        places += [(("credits", "tiers", index, "below"), tier["below"]), (("credits", "tiers", index, "credit"), tier["credit"])]
    for at, text in places:
        if percent(text) > 100:
            yield {"at": at, "text": text}


def _tiers_once(customer: dict, _: PolicySet) -> Iterator[Fields]:
    seen: dict[Decimal, int] = {}
    for index, tier in enumerate((customer.get("credits") or {}).get("tiers", [])):
        below = percent(tier["below"])
        if below in seen:
            yield {"at": ("credits", "tiers", index, "below"), "text": tier["below"], "first": seen[below] + 1}
        seen.setdefault(below, index)


def _credits_need_a_fee(customer: dict, _: PolicySet) -> Iterator[Fields]:
    if "credits" in customer and "monthly_fee" not in customer:
        yield {"at": ("credits",)}


def _fee_needs_a_currency(customer: dict, _: PolicySet) -> Iterator[Fields]:
    if "monthly_fee" in customer and "currency" not in customer:
        yield {"at": ("monthly_fee",)}


RULES: tuple[Rule, ...] = (
    Rule("customer-provider", "{reason}", _provider_known),
    Rule("customer-plan", "{reason}", _plan_known),
    Rule("customer-date", "{key} {text!r} is not a date (write 2026-03-01)", _dates),
    Rule("credit-percent", "percentage {text!r} is above 100%", _percentages),
    Rule("credit-tier-once", "a tier below {text!r} is given twice (first as tier {first})", _tiers_once),
    Rule("credit-fee", "credits are a share of the monthly fee: give monthly_fee (and currency)", _credits_need_a_fee),
    Rule("fee-currency", "monthly_fee needs its currency (e.g. currency: EUR)", _fee_needs_a_currency),
)


def problems(data: dict, policies: PolicySet, line: Callable[[Path], int]) -> list[tuple[Path, str]]:
    """Every problem of a structurally valid customers document, in file order."""
    found: list[tuple[Path, str, int]] = []
    seen: dict[str, int] = {}
    for index, customer in enumerate(data["customers"]):
        base: Path = ("customers", index)
        if customer["id"] in seen:
            found.append((base + ("id",), f"duplicate customer id {customer['id']!r} (also at line {seen[customer['id']]})", -1))
        seen.setdefault(customer["id"], line(base + ("id",)))
        for order, rule in enumerate(RULES):
            for fields in rule.broken(customer, policies):
                at = fields.pop("at", ())
                found.append((base + tuple(at), rule.message.format(**fields), order))
    found.sort(key=lambda item: (line(item[0]), item[2]))
    return [(path, message) for path, message, _ in found]
