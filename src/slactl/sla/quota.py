"""Yearly ticket quotas: how many tickets each customer has used of what its plan includes.

Athento (seed 003): "Hasta 50 tickets incluidos al año" (Standard), 125 (Company), 200
(Enterprise); "Los tickets generados durante los dos primeros meses tras la puesta en producción
de un proyecto, no se descuentan del número de tickets de servicio incluidos"; "Si el cliente se
pasa de su número de tickets de servicio incluidos, tiene la posibilidad de pasarse a un plan
superior de soporte o de contratar bolsas de tickets."

A quota year is the calendar year, or, when the customer has a ``contract_start``, the year from
that date (each anniversary starts the next). A ticket counts in the year it was opened (its
provider's local date); one opened from the go-live date until two months after it does not
count (``not_counted_go_live``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta

from slactl.contracts.model import Customer
from slactl.errors import InputError
from slactl.tickets.model import Ticket

GO_LIVE_GRACE = relativedelta(months=2)
"""Athento: "los dos primeros meses tras la puesta en producción" (a month later on the same
day of the month, or its last day: 31 January → 31 March)."""


@dataclass(frozen=True, slots=True)
class QuotaYear:
    """One customer's quota year ``[start, end)`` (local dates). ``included`` is None when the
    plan states no quota; ``remaining`` and ``over`` then are None too."""

    customer: Customer
    start: date
    end: date
    included: int | None
    counted: int
    not_counted_go_live: int

    @property
    def label(self) -> str:
        """``2026`` for a calendar year, ``2026-03-01/2027-02-28`` for a contract year."""
        if self.start.month == 1 and self.start.day == 1 and self.end == date(self.start.year + 1, 1, 1):
            return str(self.start.year)
        return f"{self.start.isoformat()}/{(self.end - relativedelta(days=1)).isoformat()}"

    @property
    def remaining(self) -> int | None:
        """Tickets of the quota not yet used (0 once it is used up); None without a quota."""
        return None if self.included is None else max(0, self.included - self.counted)

    @property
    def over(self) -> int | None:
        """Counted tickets beyond the quota (Athento: "Si el cliente se pasa de su número de
        tickets de servicio incluidos"); 0 within it, None without a quota."""
        return None if self.included is None else max(0, self.counted - self.included)


def quota_year(customer: Customer, day: date) -> tuple[date, date]:
    """The quota year ``[start, end)`` holding ``day``: calendar, or from ``contract_start``."""
    start = customer.contract_start
    if start is None:
        return date(day.year, 1, 1), date(day.year + 1, 1, 1)
    years = day.year - start.year - (1 if (day.month, day.day) < (start.month, start.day) else 0)
    if day >= start + relativedelta(years=years + 1):  # a 29 February start: its anniversaries clamp to the 28th
        years += 1
    return start + relativedelta(years=years), start + relativedelta(years=years + 1)


def in_go_live_grace(customer: Customer, day: date) -> bool:
    """Opened in the two months from the go-live date (that date included)."""
    return customer.go_live is not None and customer.go_live <= day < customer.go_live + GO_LIVE_GRACE


def quota(tickets: Iterable[Ticket], *, year: int | None = None) -> list[QuotaYear]:
    """Per customer and quota year, the tickets counted against the plan's yearly quota, in the
    order customers first appear. The quota is that of the plan of the year's last-opened ticket:
    a customer who moved plans during the year (Athento: "tiene la posibilidad de pasarse a un
    plan superior") has the plan it moved to. ``year`` keeps the quota years that start in it;
    ``InputError`` when no ticket falls in such a year, or none has a customer. Tickets without a
    customer are left out."""
    counts: dict[tuple[str, date], list] = {}
    for ticket in tickets:
        customer = ticket.customer
        if customer is None:
            continue
        day = ticket.opened.astimezone(ticket.policy.zone).date()
        start, end = quota_year(customer, day)
        if year is not None and start.year != year:
            continue
        entry = counts.setdefault((customer.id, start), [customer, start, end, ticket.plan, 0, 0, ticket.opened])
        entry[5 if in_go_live_grace(customer, day) else 4] += 1
        if ticket.opened > entry[6]:
            entry[3], entry[6] = ticket.plan, ticket.opened
    if not counts:
        raise InputError(f"no ticket with a customer in a quota year starting in {year}" if year is not None
                         else "no ticket with a customer (quotas need each ticket's customer and a customers file)")
    order = {customer_id: index for index, customer_id in enumerate(dict.fromkeys(key[0] for key in counts))}
    return [QuotaYear(customer, start, end, plan.tickets_per_year if plan is not None else None, counted, grace)
            for (customer_id, _), (customer, start, end, plan, counted, grace, _last)
            in sorted(counts.items(), key=lambda item: (order[item[0][0]], item[0][1]))]
