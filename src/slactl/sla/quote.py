"""``quote(pricing, work)``: the Express plan's invoices for an estimate or for tracked time.

Seed 004: "este servicio dispondrá de hasta tres facturas (1) la factura de las garantías e
inicio de los trabajo (2) factura por la restitución y normalización del servicio y (3) Factura
por mitigar causas". Each line's amount is hours × rate rounded half-up to cents; an invoice's
total is the sum of its lines; the grand total is the sum of the invoices.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import Enum
from fractions import Fraction
from typing import TYPE_CHECKING

from slactl.errors import InputError
from slactl.policy.pricing import GuaranteeMode, Pricing

if TYPE_CHECKING:
    from slactl.tickets.build import Naming

ZERO = Decimal("0.00")


class Phase(str, Enum):
    """Seed 004: "(a) una de normalización del servicio ... (b) una fase donde se actuá en
    mitigar las causas"."""

    NORMALIZATION = "normalization"
    MITIGATION = "mitigation"


class Rate(str, Enum):
    """Which agreed price a phase is billed at."""

    EXPRESS = "express"
    ON_DEMAND = "on_demand"
    MONTHLY_PLAN = "monthly_plan"


class LineKind(str, Enum):
    """What an invoice line is: guarantee hours, work, or the guarantee credited."""
    GUARANTEE = "guarantee"
    WORK = "work"
    CREDIT = "credit"


def cents(value: Fraction) -> Decimal:
    """A non-negative exact amount rounded half-up to cents."""
    whole = math.floor(value * 100 + Fraction(1, 2))
    return Decimal((0, tuple(int(digit) for digit in str(whole)), -2))


@dataclass(frozen=True, slots=True)
class Effort:
    """Hours spent (or estimated) in one phase, on one day when tracked."""

    phase: Phase
    hours: Fraction
    day: date | None = None

    def __post_init__(self) -> None:
        if self.hours < 0:
            raise ValueError("effort hours cannot be negative")


@dataclass(frozen=True, slots=True)
class Work:
    """What to quote: the efforts and the terms the expert set."""

    efforts: tuple[Effort, ...] = ()
    guarantee_hours: int | None = None
    guarantee_mode: GuaranteeMode | None = None  # None: separate, the default; a monthly plan allows no other
    monthly_plan: bool = False
    express_rate: Decimal | None = None
    on_demand_rate: Decimal | None = None

    def __post_init__(self) -> None:
        if self.guarantee_hours is not None and (isinstance(self.guarantee_hours, bool)
                                                 or not isinstance(self.guarantee_hours, int)):
            raise ValueError(f"guarantee hours are a whole number, got {self.guarantee_hours!r}")
        for name, rate in (("express rate", self.express_rate), ("on-demand rate", self.on_demand_rate)):
            if rate is not None and (not isinstance(rate, Decimal) or not rate.is_finite() or rate < 0):
                raise ValueError(f"the {name} must be a non-negative Decimal amount, got {rate!r}")

    def hours(self, phase: Phase) -> Fraction:
        """The hours of ``phase`` (or of the invoice's lines)."""
        return sum((e.hours for e in self.efforts if e.phase is phase), Fraction(0))


@dataclass(frozen=True, slots=True)
class Line:
    """One invoice line: hours × rate rounded half-up to cents, or a credit (negative)."""
    kind: LineKind
    amount: Decimal
    hours: Fraction | None = None
    rate: Decimal | None = None
    day: date | None = None

    @classmethod
    def work(cls, hours: Fraction, rate: Decimal, day: date | None = None) -> Line:
        """A work line: ``hours`` at ``rate``, on ``day`` when tracked."""
        return cls(LineKind.WORK, cents(hours * Fraction(rate)), hours, rate, day)

    @classmethod
    def guarantee(cls, hours: int, rate: Decimal) -> Line:
        """The guarantee line: ``hours`` at the Express rate."""
        return cls(LineKind.GUARANTEE, cents(hours * Fraction(rate)), Fraction(hours), rate)

    @classmethod
    def credit(cls, amount: Decimal) -> Line:
        """The guarantee credited against the fees (a negative amount)."""
        return cls(LineKind.CREDIT, -amount)


@dataclass(frozen=True, slots=True)
class Invoice:
    """Seed 004: one of "hasta tres facturas": its lines at one rate; a total is never negative."""
    name: str
    label: str
    rate: Decimal
    rate_name: Rate
    lines: tuple[Line, ...]

    def __post_init__(self) -> None:
        if self.total < 0:
            raise ValueError("an invoice total cannot be negative")

    @property
    def hours(self) -> Fraction:
        """The hours of ``phase`` (or of the invoice's lines)."""
        return sum((line.hours for line in self.lines if line.hours is not None), Fraction(0))

    @property
    def subtotal(self) -> Decimal:
        """The lines before any credit."""
        return sum((line.amount for line in self.lines if line.kind is not LineKind.CREDIT), ZERO)

    @property
    def total(self) -> Decimal:
        """The sum of the lines (of the invoices, for a quote)."""
        return sum((line.amount for line in self.lines), ZERO)


@dataclass(frozen=True, slots=True)
class Guarantee:
    """The prepaid hours and what became of them; ``amount`` is what the customer pays."""

    hours: int
    mode: GuaranteeMode
    rate: Decimal
    amount: Decimal
    credited: Decimal = ZERO

    @property
    def uncredited(self) -> Decimal:
        """What the customer paid as guarantee and was not credited (non-refundable)."""
        return self.amount - self.credited if self.mode is GuaranteeMode.CREDITED else ZERO


@dataclass(frozen=True, slots=True)
class Quote:
    """The invoices of an emergency, the hours per phase and the guarantee; amounts are Decimal."""
    currency: str
    invoices: tuple[Invoice, ...]
    normalization_hours: Fraction
    mitigation_hours: Fraction
    guarantee: Guarantee | None
    tracked: bool = False
    evaluation_cost: Decimal | None = None

    @property
    def total(self) -> Decimal:
        """The sum of the lines (of the invoices, for a quote)."""
        return sum((invoice.total for invoice in self.invoices), ZERO)

    @property
    def emergency_hours(self) -> Fraction:
        """Seed 004: "Las emergencias cumplen dos fases": the emergency spans both."""
        return self.normalization_hours + self.mitigation_hours


def quote(pricing: Pricing, work: Work, *, naming: Naming | None = None) -> Quote:
    """The invoices for ``work`` under ``pricing``; InputError when a needed rate is unknown or
    the terms contradict each other. ``naming`` says how messages call the terms
    (``tickets.build.FLAGS``, the default: ``--express-rate``; ``ARGUMENTS``: ``express_rate``)."""
    guarantee = _guarantee(pricing, work, naming)
    credit = guarantee.amount if guarantee and guarantee.mode is GuaranteeMode.CREDITED else ZERO
    invoices: list[Invoice] = []
    if guarantee is not None and guarantee.mode is not GuaranteeMode.WAIVED:
        invoices.append(Invoice("guarantee", pricing.invoice_label("guarantee"), guarantee.rate, Rate.EXPRESS,
                                (Line.guarantee(guarantee.hours, guarantee.rate),)))
    for phase in Phase:
        if not work.hours(phase):
            continue
        rate_name, rate = _rate(pricing, work, phase, naming)
        lines = tuple(Line.work(hours, rate, day) for day, hours in _by_day(work, phase))
        worked = sum((line.amount for line in lines), ZERO)
        used = min(credit, worked)
        if used:
            lines += (Line.credit(used),)
            credit -= used
        invoices.append(Invoice(phase.value, pricing.invoice_label(phase.value), rate, rate_name, lines))
    if guarantee is not None and guarantee.mode is GuaranteeMode.CREDITED:
        guarantee = Guarantee(guarantee.hours, guarantee.mode, guarantee.rate, guarantee.amount,
                              guarantee.amount - credit)
    return Quote(pricing.currency, tuple(invoices), work.hours(Phase.NORMALIZATION), work.hours(Phase.MITIGATION),
                 guarantee, tracked=any(e.day is not None for e in work.efforts),
                 evaluation_cost=pricing.evaluation_cost)


def _guarantee(pricing: Pricing, work: Work, naming: Naming | None) -> Guarantee | None:
    """Seed 004: "deberá realizar el pago de una (1) a ocho (8) horas como garantía ... cuando el
    cliente posee un servicio en plan fijo mensual este costo no es requerido ni solicitado"."""
    if work.monthly_plan:
        if work.guarantee_hours is not None or work.guarantee_mode is not None:
            raise InputError(f"a monthly plan asks no guarantee: drop {_term(naming, 'guarantee')} and "
                             f"{_term(naming, 'guarantee_mode')}")
        return None
    limits = pricing.guarantee
    hours = limits.default if work.guarantee_hours is None else work.guarantee_hours
    if not limits.min <= hours <= limits.max:
        raise InputError(f"guarantee hours must be a whole number from {limits.min} to {limits.max}, got {hours}")
    mode = work.guarantee_mode or GuaranteeMode.SEPARATE
    rate = _express_rate(pricing, work)
    amount = ZERO if mode is GuaranteeMode.WAIVED else cents(hours * Fraction(rate))
    return Guarantee(hours, mode, rate, amount)


def _express_rate(pricing: Pricing, work: Work) -> Decimal:
    return pricing.express_rate if work.express_rate is None else work.express_rate


def _rate(pricing: Pricing, work: Work, phase: Phase, naming: Naming | None) -> tuple[Rate, Decimal]:
    """Seed 004: "la fase de normalización es la unica que es facturada a la tarifa de servicio
    "express", la segunda fase es facturada a la tarifa del servicios bajo demanda o si posee un
    plan mensual a la tarifa mas conveniente"."""
    if work.monthly_plan:
        given = work.express_rate if phase is Phase.NORMALIZATION else work.on_demand_rate
        if given is None:
            option = _term(naming, "express_rate" if phase is Phase.NORMALIZATION else "on_demand_rate", "R")
            raise InputError(f"with {_term(naming, 'monthly_plan', value='True')} the agreement's rates apply: "
                             f"give the plan's {phase.value} rate with {option}")
        return Rate.MONTHLY_PLAN, given
    if phase is Phase.NORMALIZATION:
        return Rate.EXPRESS, _express_rate(pricing, work)
    rate = pricing.on_demand_rate if work.on_demand_rate is None else work.on_demand_rate
    if rate is None:
        raise InputError("mitigation hours are billed at the on-demand («Bajo demanda») rate, which this policy does not set: "
                         f"pass {_term(naming, 'on_demand_rate', 'R')} or set pricing.on_demand_rate in the policy file")
    return Rate.ON_DEMAND, rate


def _by_day(work: Work, phase: Phase) -> list[tuple[date | None, Fraction]]:
    """One line per day (or one for an estimate): the daily cut is rounded once, so splitting
    an entry never changes the amount."""
    days: dict[date | None, Fraction] = {}
    for effort in work.efforts:
        if effort.phase is phase:
            days[effort.day] = days.get(effort.day, Fraction(0)) + effort.hours
    return sorted(((d, h) for d, h in days.items() if h), key=lambda item: (item[0] is not None, item[0] or date.min))


def _term(naming: Naming | None, field: str, metavar: str = "", value: str = "") -> str:
    """How a message calls a term: ``--on-demand-rate R`` for flags, ``on_demand_rate=`` (or
    ``monthly_plan=True``) for arguments. Only messages need it, so ``tickets.build`` is
    imported when one is written."""
    from slactl.tickets.build import FLAGS

    chosen = naming or FLAGS
    if chosen.style == "flags":
        return f"{chosen(field)} {metavar}".rstrip()
    return f"{chosen(field)}={value}"
