"""The Express plan's published prices. Money is Decimal, never float."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from typing import Union

from slactl.errors import InputError
from slactl.policy.values import money_of


class GuaranteeMode(str, Enum):
    """What the expert does with the guarantee: "inclusive su exonerarían si asi el lo decide,
    como también reconocerlo en los honorarios"."""

    SEPARATE = "separate"
    CREDITED = "credited"
    WAIVED = "waived"


@dataclass(frozen=True, slots=True)
class GuaranteeHours:
    """Seed 004: "deberá realizar el pago de una (1) a ocho (8) horas como garantía": the range and the default (one hour)."""
    min: int
    default: int
    max: int

    def __post_init__(self) -> None:
        if not self.min <= self.default <= self.max:
            raise ValueError("guarantee hours need min <= default <= max")


@dataclass(frozen=True, slots=True)
class Pricing:
    """The Express plan's published prices: currency, the Express rate per hour (35 USD), the guarantee hours, the on-demand rate when known, the invoices' labels. Money is Decimal."""
    currency: str
    express_rate: Decimal
    guarantee: GuaranteeHours
    on_demand_rate: Decimal | None = None
    invoices: tuple[tuple[str, str], ...] = ()
    source: str | None = None
    evaluation_cost: Decimal | None = None

    def __post_init__(self) -> None:
        for rate in (self.express_rate, self.on_demand_rate, self.evaluation_cost):
            if rate is not None and (not rate.is_finite() or rate < 0):
                raise ValueError("a rate must be a non-negative amount")

    def invoice_label(self, invoice_id: str) -> str:
        """The label of invoice ``invoice_id`` (guarantee, normalization, mitigation), else the id."""
        return dict(self.invoices).get(invoice_id, invoice_id)


def read_rate(value: Union[Decimal, str, int, float], what: str) -> Decimal:
    """A rate per hour as a user gives it (a flag, an API argument), read by the one money rule
    (``values.money_of``: ASCII digits, at most two decimals, below a trillion; a number as it
    is written). Negative, NaN, infinite, fractions of a cent, a bool or anything else raises
    ``InputError`` naming ``what``."""
    amount = money_of(value)
    if amount is None:
        shown = str(value) if isinstance(value, (str, Decimal)) else value
        raise InputError(f"{what}: bad rate {shown!r}: write an amount per hour such as 35 or 35.00")
    return amount
