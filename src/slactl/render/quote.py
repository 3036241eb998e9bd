"""A quote as JSON and as rich tables: the estimate sheet, then each invoice, then the total."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Any

from slactl.sla.work_hours import clock_text, hours_text
from slactl.sla.quote import GuaranteeMode, Invoice, Line, LineKind, Quote, Rate
from slactl.render.output import console, table

# The seed numbers the invoices: "(1) la factura de las garantías ... (2) factura por la
# restitución y normalización ... (3) Factura por mitigar causas".
NUMBER = {"guarantee": 1, "normalization": 2, "mitigation": 3}
RATE_NAMES = {Rate.EXPRESS: "Express", Rate.ON_DEMAND: "Bajo demanda (on-demand)",
              Rate.MONTHLY_PLAN: "plan mensual (monthly plan)"}


def money(amount: Decimal | None) -> str | None:
    """``35.00``; None stays None."""
    return None if amount is None else f"{amount:.2f}"


def hours(value: Fraction | None) -> str | None:
    """Hours as ``1.5`` (``hours_text``); None stays None."""
    return None if value is None else hours_text(value)


def line_json(line: Line) -> dict[str, Any]:
    """One invoice line as JSON."""
    return {"kind": line.kind.value, "date": line.day.isoformat() if line.day else None,
            "hours": hours(line.hours), "rate": money(line.rate), "amount": money(line.amount)}


def invoice_json(invoice: Invoice) -> dict[str, Any]:
    """One invoice as JSON, numbered as the seed numbers them."""
    return {"name": invoice.name, "number": NUMBER[invoice.name], "label": invoice.label,
            "rate_name": invoice.rate_name.value, "hours": hours(invoice.hours), "rate": money(invoice.rate),
            "subtotal": money(invoice.subtotal), "amount": money(invoice.total),
            "lines": [line_json(line) for line in invoice.lines]}


def quote_json(quote: Quote, provider: str, zone: str, evaluation_within: str | None) -> dict[str, Any]:
    """``slactl quote --json``."""
    g = quote.guarantee
    return {
        "provider": provider,
        "currency": quote.currency,
        "basis": "worklog" if quote.tracked else "estimate",
        "timezone": zone if quote.tracked else None,
        "invoices": [invoice_json(invoice) for invoice in quote.invoices],
        "total": money(quote.total),
        "estimate": {
            "emergency_hours": hours(quote.emergency_hours),
            "normalization_hours": hours(quote.normalization_hours),
            "mitigation_hours": hours(quote.mitigation_hours),
            "guarantee_hours": g.hours if g else 0,
            "evaluation": {"within": evaluation_within, "cost": money(quote.evaluation_cost)},
        },
        "guarantee": None if g is None else {
            "hours": g.hours, "mode": g.mode.value, "rate": money(g.rate), "amount": money(g.amount),
            "credited": money(g.credited), "uncredited": money(g.uncredited),
        },
    }


def print_quote(quote: Quote, title: str, zone: str, evaluation_within: str | None) -> None:
    """``slactl quote``: the estimate sheet, each invoice, the grand total."""
    out = console()
    basis = f"from tracked time, days cut at midnight {zone}" if quote.tracked else "estimate"
    out.print(f"{title}: quote in {quote.currency} ({basis})")
    out.print(_sheet(quote, evaluation_within))
    for invoice in quote.invoices:
        out.print(_invoice(invoice, quote.currency))
    if not quote.invoices:
        out.print("No invoices: nothing to bill.")
    out.print(f"Grand total (total general): {money(quote.total)} {quote.currency}")


def _sheet(quote: Quote, evaluation_within: str | None):
    word = "tracked" if quote.tracked else "estimated"
    grid = table("Item", "Value", title="Estimate sheet (hoja de estimación)")
    grid.add_row(f"(a) Time in emergency, {word} (tiempo en situación de emergencia)", _time(quote.emergency_hours))
    grid.add_row(f"(b) Time to normalization, {word} (tiempo para la normalización)", _time(quote.normalization_hours))
    grid.add_row(f"(c) Time to mitigate the causes, {word} (tiempo para mitigar las causas)", _time(quote.mitigation_hours))
    grid.add_row("(d) Guarantee hours (horas de garantía)", _guarantee(quote))
    if evaluation_within or quote.evaluation_cost is not None:
        parts = [f"answered within {evaluation_within}" if evaluation_within else "",
                 f"cost {money(quote.evaluation_cost)} {quote.currency}" if quote.evaluation_cost is not None else ""]
        grid.add_row("Technical evaluation (evaluación técnica)", ", ".join(p for p in parts if p))
    return grid


def _guarantee(quote: Quote) -> str:
    g, currency = quote.guarantee, quote.currency
    if g is None:
        return "none: the monthly plan asks no guarantee"
    worth = f"{g.hours} h × {money(g.rate)} = {money(g.rate * g.hours)} {currency}"
    if g.mode is GuaranteeMode.WAIVED:
        return f"{g.hours} h, waived by the expert (not billed)"
    if g.mode is GuaranteeMode.CREDITED:
        unused = f"; {money(g.uncredited)} not used, non-refundable" if g.uncredited else ""
        return f"{worth}, prepaid and credited against the fees ({money(g.credited)} credited{unused})"
    return f"{worth}, prepaid, non-refundable, not deducted from the fees"


def _invoice(invoice: Invoice, currency: str):
    grid = table("Date", "Item", "Hours", f"Rate {currency}/h", f"Amount {currency}",
                 title=f"Invoice ({NUMBER[invoice.name]}) {invoice.name}: {invoice.label}")
    for column in grid.columns[2:]:
        column.justify = "right"
    for line in invoice.lines:
        grid.add_row(line.day.isoformat() if line.day else "", _item(line, invoice), _time(line.hours, unit=False),
                     money(line.rate) or "", money(line.amount))
    grid.add_section()
    grid.add_row("", "Total", _time(invoice.hours, unit=False), "", money(invoice.total))
    return grid


def _item(line: Line, invoice: Invoice) -> str:
    if line.kind is LineKind.GUARANTEE:
        return "Guarantee hours at the Express rate (horas de garantía)"
    if line.kind is LineKind.CREDIT:
        return "Guarantee credited (garantía reconocida en los honorarios)"
    phase = "Normalization (normalización)" if invoice.name == "normalization" else "Mitigation (mitigación)"
    return f"{phase} at the {RATE_NAMES[invoice.rate_name]} rate" + ("" if line.day else ", estimated")


def _time(value: Fraction | None, unit: bool = True) -> str:
    if value is None:
        return ""
    text = hours_text(value) + (" h" if unit else "")
    return text if value.denominator == 1 else f"{text} ({clock_text(value)})"
