"""Service credits as JSON and as a table for people, with the arithmetic that led there."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from slactl.render.output import console, table
from slactl.sla.credits import CreditMonth


def credits_json(months: list[CreditMonth]) -> dict[str, Any]:
    """``slactl credits --json``: ``{"customers": [{"customer", "compliance", "credit_amount", ...}]}``;
    amounts and percentages are decimal text, compliance a number with two decimals."""
    return {"customers": [{
        "customer": item.customer.id, "name": item.customer.name, "provider": item.customer.provider,
        "month": f"{item.month:%Y-%m}", "tickets": item.tickets, "judged": item.judged, "met": item.met,
        "compliance": None if item.compliance is None else float(round(Decimal(item.compliance.numerator) / item.compliance.denominator, 2)),
        "breaches": item.breaches,
        "tier": None if item.tier is None else {"below": _percent(item.tier.below), "credit": _percent(item.tier.credit)},
        "credit_percent": _percent(item.credit_percent),
        "credit_amount": None if item.credit_amount is None else f"{item.credit_amount:.2f}",
        "currency": item.currency, "monthly_fee": None if item.customer.monthly_fee is None else f"{item.customer.monthly_fee:.2f}",
        "arithmetic": item.arithmetic(),
    } for item in months]}


def print_credits(months: list[CreditMonth]) -> None:
    """``slactl credits``: one row per customer, then each customer's arithmetic."""
    out = console()
    grid = table("customer", "month", "tickets", "judged", "met", "compliance", "breaches", "tier", "credit", "amount",
                 title="Service credits")
    for item in months:
        compliance = "-" if item.compliance is None else f"{Decimal(item.compliance.numerator) / item.compliance.denominator:.2f}%"
        tier = "-" if item.tier is None else f"below {_percent(item.tier.below)}"
        amount = "-" if item.credit_amount is None else f"{item.credit_amount:.2f} {item.currency}"
        grid.add_row(item.customer.id, f"{item.month:%Y-%m}", str(item.tickets), str(item.judged), str(item.met),
                     compliance, str(item.breaches), tier, _percent(item.credit_percent), amount)
    out.print(grid)
    for item in months:
        out.print(f"{item.customer.id}:")
        for step in item.arithmetic():
            out.print(f"  {step}")


def _percent(value: Decimal) -> str:
    return f"{value.normalize():f}%"
