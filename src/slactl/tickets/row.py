"""A ticket as a file gives it (the ticket form): one ``Row`` of text values per ticket.

``tickets.read`` makes rows from CSV, JSON Lines and JSON arrays (a help desk's export through a
``tickets.mapping.Mapping``), ``tickets.events`` from event logs, and ``batch.frame`` from
data-frame rows; ``tickets.build`` reads a row's values into a ``Ticket``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from slactl.tickets.build import Fields

if TYPE_CHECKING:
    from slactl.policy.model import Plan, Policy
    from slactl.policy.severity import Severity

REQUIRED = ("provider", "severity", "opened")
OPTIONAL = ("id", "plan", "pauses", "responded", "mitigated", "resolved", "reopened", "followed_up", "statuses",
            "severity_changes", "customer", "reporter", "service", "flags")
"""``provider`` may be left out when a ``customer`` gives it (``--customers``)."""
TRUE = frozenset({"true", "yes", "y", "1", "x", "si", "sí"})
"""How a flag column says the flag holds (anything else, or empty, says it does not)."""


class Row(NamedTuple):
    """One ticket as a file gives it: every value a stripped string, or None when absent or empty.

    A named tuple rather than a frozen dataclass: one is made per input row, and a tuple is
    made three times faster; it is just as immutable."""

    line: int
    provider: str
    severity: str
    opened: str
    id: str | None = None
    plan: str | None = None
    pauses: str | None = None
    responded: str | None = None
    mitigated: str | None = None
    resolved: str | None = None
    reopened: str | None = None
    followed_up: str | None = None
    statuses: str | None = None
    severity_changes: str | None = None
    customer: str | None = None
    reporter: str | None = None
    service: str | None = None
    flags: str | None = None

    def fields(self, provider: Policy | None = None, severity: Severity | None = None, plan: Plan | None = None) -> Fields:
        """The row as ``tickets.build.Fields`` (``;``-separated lists split); the provider,
        severity and plan as already resolved objects when given."""
        return Fields(provider=provider or self.provider, severity=severity or self.severity, opened=self.opened,
                      plan=plan if provider is not None else self.plan, id=self.id,
                      pauses=split(self.pauses), responded=self.responded, mitigated=self.mitigated,
                      resolved=split(self.resolved), reopened=split(self.reopened), followed_up=self.followed_up,
                      statuses=split(self.statuses), severity_changes=split(self.severity_changes), line=self.line,
                      customer=self.customer, reporter=self.reporter, service=self.service, flags=split(self.flags))


@dataclass(frozen=True, slots=True)
class BadRow:
    line: int
    message: str


def row_of(line: int, fields: dict[str, str | None]) -> Row | BadRow:
    """A ticket from named values (absent: None or missing)."""
    return _row_ticket(line, tuple(fields.get(name) or "" for name in REQUIRED + OPTIONAL))


def _row_ticket(line: int, fields: tuple[str, ...]) -> Row | BadRow:
    """A ticket from its values in ``REQUIRED + OPTIONAL`` order ("" when absent): stripped,
    empty ones None, the required ones checked. Without a dict in between, as a CSV row is
    read in the batch hot loop (issue 6)."""
    values = [(value.strip() or None) if value else None for value in fields]
    if not ((values[0] or values[CUSTOMER]) and values[1] and values[2]):
        return BadRow(line, f"missing {', '.join(n for n, v in zip(REQUIRED, values) if not v)}")
    return _TUPLE(Row, (line, *values))


CUSTOMER = len(REQUIRED) + OPTIONAL.index("customer")
_TUPLE = tuple.__new__
"""Makes a ``Row`` from its values in C (``Row._make`` runs Python code per row)."""
LISTS = ("pauses", "resolved", "reopened", "statuses", "severity_changes", "flags")
"""Columns that may hold several values, ``;``-separated (a JSON list in JSON Lines)."""


def split(text: str | None) -> list[str]:
    """``A;B`` → ``["A", "B"]``; nothing for an absent value."""
    if not text:
        return []
    return [part.strip() for part in text.split(";") if part.strip()]
