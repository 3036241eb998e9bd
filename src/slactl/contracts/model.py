"""A provider's customers and the service credits they are owed (frozen, checked on construction)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction

from slactl.errors import InputError
from slactl.policy.names import fold


@dataclass(frozen=True, slots=True)
class Tier:
    """``credit`` percent of the monthly fee when the month's compliance is below ``below`` percent."""

    below: Decimal
    credit: Decimal

    def __post_init__(self) -> None:
        if not (Decimal(0) < self.below <= Decimal(100) and Decimal(0) <= self.credit <= Decimal(100)):
            raise ValueError("a tier's threshold and credit are percentages")


@dataclass(frozen=True, slots=True)
class Credits:
    """Service credits: ``tiers`` by monthly compliance, ``per_breach`` percent per breached or
    missed target, at most ``cap`` percent of the monthly fee (all percentages as Decimals)."""

    tiers: tuple[Tier, ...] = ()
    per_breach: Decimal | None = None
    cap: Decimal | None = None
    source: str | None = None
    assumption: str | None = None

    def tier(self, compliance: Fraction) -> Tier | None:
        """The tier with the lowest threshold ``compliance`` (percent, exact) falls below, or
        None; at exactly a threshold it does not fall below it."""
        below = [tier for tier in self.tiers if compliance < Fraction(tier.below)]
        return min(below, key=lambda tier: tier.below) if below else None


@dataclass(frozen=True, slots=True)
class Customer:
    """One customer of ``provider`` on ``plan`` (None: the policy's default plan)."""

    id: str
    name: str
    provider: str
    plan: str | None = None
    go_live: date | None = None
    contract_start: date | None = None
    contacts: tuple[str, ...] = ()
    monthly_fee: Decimal | None = None
    currency: str | None = None
    credits: Credits | None = None
    file: str = ""
    line: int = 1
    _contacts: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_contacts", frozenset(contact.strip().casefold() for contact in self.contacts))

    def authorised(self, reporter: str | None) -> bool | None:
        """Whether ``reporter`` is one of the contacts (case ignored); None when the customer lists none."""
        if not self.contacts:
            return None
        return reporter is not None and reporter.strip().casefold() in self._contacts


@dataclass(frozen=True, slots=True)
class CustomerSet:
    """The customers of every customers file in use, looked up by id."""

    customers: tuple[Customer, ...] = ()

    def get(self, name: str) -> Customer:
        """The customer ``name`` (case ignored); ``InputError`` with the close ones otherwise."""
        wanted = fold(name)
        for customer in self.customers:
            if fold(customer.id) == wanted:
                return customer
        import difflib

        ids = [c.id for c in self.customers]
        near = difflib.get_close_matches(fold(name), ids, n=2, cutoff=0.6)
        hint = f"; did you mean {' or '.join(repr(n) for n in near)}?" if near else ""
        listed = f" (choose from: {', '.join(ids)})" if ids else " (no --customers file given)"
        raise InputError(f"unknown customer {name!r}{hint}{listed}")

    def __iter__(self):
        return iter(self.customers)

    def __len__(self) -> int:
        return len(self.customers)
