"""Service credits: what a month's SLA compliance costs the provider, per customer.

No help desk computes them, yet published SLAs define them: tiers by monthly compliance, a
percentage per breach, a monthly cap, all applied to the monthly fee. The bundled policies
define none (Conecta promises "compensaciones según el contrato" and IVCISA speaks of
"posibles penalizaciones", without figures); a customers file or a policy may.

For one customer and month (tickets opened in that month, the provider's local dates):

- a ticket is judged when every counted target (with a due time, not an estimate, not
  excluded) is met, missed or breached at ``now``; ``compliance`` is the percent of judged
  tickets with every counted target met (None without judged tickets);
- ``breaches`` counts the counted targets missed or breached;
- the tier is the one with the lowest threshold the compliance falls below (at exactly a
  threshold it does not fall below it);
- ``credit_percent`` = the tier's credit + ``per_breach`` × breaches, at most ``cap``;
- ``credit_amount`` = ``monthly_fee`` × ``credit_percent`` / 100, rounded half up to cents.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from slactl.contracts.model import Credits, Customer, Tier
from slactl.errors import InputError
from slactl.sla.due import Deadline, Status
from slactl.tickets.model import Ticket

CENT = Decimal("0.01")
_COUNTED_DONE = {Status.MET, Status.MISSED, Status.BREACHED}


@dataclass(frozen=True, slots=True)
class CreditMonth:
    """One customer's month: the tickets judged and met, the breaches, the tier that applies and
    the credit (percent of the monthly fee, and the amount in ``currency``)."""

    customer: Customer
    month: date
    tickets: int
    judged: int
    met: int
    breaches: int
    credits: Credits | None
    tier: Tier | None
    credit_percent: Decimal
    credit_amount: Decimal | None

    @property
    def compliance(self) -> Fraction | None:
        """Percent of judged tickets with every counted target met, exact; None when none was judged."""
        return None if not self.judged else Fraction(100 * self.met, self.judged)

    @property
    def currency(self) -> str | None:
        """The customer's currency, that of ``monthly_fee`` and ``credit_amount``; None when the
        customers file gives none."""
        return self.customer.currency

    def arithmetic(self) -> list[str]:
        """How the credit was found, one step a line."""
        steps = [f"compliance: {self.met} of {self.judged} judged tickets met every target"
                 + (f" = {_percent(self.compliance)}" if self.compliance is not None else " (none judged)")]
        if self.credits is None:
            return steps + ["no service credits are defined for this customer or its policy"]
        steps.append(f"tier: {'below ' + _show(self.tier.below) + ' -> ' + _show(self.tier.credit) if self.tier else 'none applies'}")
        if self.credits.per_breach is not None:
            steps.append(f"per breach: {self.breaches} x {_show(self.credits.per_breach)} = {_show(self.credits.per_breach * self.breaches)}")
        if self.credits.cap is not None:
            steps.append(f"cap: {_show(self.credits.cap)}")
        steps.append(f"credit: {_show(self.credit_percent)}")
        if self.credit_amount is not None:
            steps.append(f"amount: {self.customer.monthly_fee} x {_show(self.credit_percent)} = {self.credit_amount} {self.currency}")
        return steps


def credits(judged: Iterable[tuple[Ticket, tuple[Deadline, ...]]], month: date) -> list[CreditMonth]:
    """The credit of every customer with a ticket opened in ``month`` (its first day), in the
    order customers first appear; ``InputError`` when no ticket with a customer falls in it."""
    found: dict[str, list] = {}
    for ticket, deadlines in judged:
        customer = ticket.customer
        if customer is None:
            continue
        opened = ticket.opened.astimezone(ticket.policy.zone).date()
        if (opened.year, opened.month) != (month.year, month.month):
            continue
        entry = found.setdefault(customer.id, [customer, ticket.policy.credits, 0, 0, 0, 0])
        entry[2] += 1
        counted = [d for d in deadlines if d.due is not None and not d.target.estimate and d.status is not Status.EXCLUDED]
        entry[5] += sum(1 for d in counted if d.failed)
        if counted and all(d.status in _COUNTED_DONE for d in counted):
            entry[3] += 1
            entry[4] += all(d.status is Status.MET for d in counted)
    if not found:
        raise InputError(f"no ticket with a customer opened in {month:%Y-%m}")
    return [_month(customer, own or policy_credits, month, tickets, judged_count, met, breaches)
            for customer, policy_credits, tickets, judged_count, met, breaches in found.values()
            for own in [customer.credits]]


def _month(customer: Customer, credit_terms: Credits | None, month: date, tickets: int, judged: int, met: int,
           breaches: int) -> CreditMonth:
    tier = None
    percent = Decimal(0)
    if credit_terms is not None:
        if judged:
            tier = credit_terms.tier(Fraction(100 * met, judged))
        percent = (tier.credit if tier else Decimal(0)) + (credit_terms.per_breach or Decimal(0)) * breaches
        if credit_terms.cap is not None:
            percent = min(percent, credit_terms.cap)
    amount = None
    if customer.monthly_fee is not None:
        amount = (customer.monthly_fee * percent / 100).quantize(CENT, rounding=ROUND_HALF_UP)
    return CreditMonth(customer, month, tickets, judged, met, breaches, credit_terms, tier, percent, amount)


def _percent(value: Fraction | None) -> str:
    if value is None:
        return "-"
    return f"{Decimal(value.numerator) / Decimal(value.denominator):.2f}%"


def _show(value: Decimal) -> str:
    return f"{value.normalize():f}%"
