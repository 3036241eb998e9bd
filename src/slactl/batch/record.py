"""The batch record: the machine format of one ticket's deadlines, one row of ``due --input``.

Columns ``COLUMNS``: the ticket (``id``, ``provider``, ``severity``, ``plan``, ``opened``), then
for each target of ``TARGETS`` its ``due``, ``status``, ``late`` and ``took``, then its
``customer`` and whether its reporter is ``authorised``. Instants are ISO
8601 in the provider's zone, lengths ``3h10m`` (business time), an empty cell None. Both the
general path (``record``) and the fast path (``batch.fast.rows``) produce exactly this row;
``render.due.batch_writer`` only writes it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from slactl.businesstime.duration import compact

if TYPE_CHECKING:
    from slactl.batch.runner import Result

TARGETS = ("evaluation", "response", "mitigation", "resolution", "follow-up")
FIELDS = ("due", "status", "late", "took")
COLUMNS = ("id", "provider", "severity", "plan", "opened") + tuple(
    f"{name.replace('-', '_')}_{field}" for name in TARGETS for field in FIELDS
) + ("customer", "authorised")
"""``customer`` is the ticket's customer id; ``authorised`` whether its reporter is one of the
customer's contacts (``true``/``false``; empty when the customer lists none, or there is none)."""
TARGET_AT = {name: 5 + 4 * place for place, name in enumerate(TARGETS)}
"""The row index of each target's first column (``due``) in ``COLUMNS``."""
_EMPTY_TARGET = (None,) * len(FIELDS)
_EMPTY_TARGETS = [None] * (len(FIELDS) * len(TARGETS))


def record(result: Result) -> list[str | None]:
    """The row of one ``batch.runner.Result``, in ``COLUMNS`` order. A target named twice is
    shown as its last occurrence."""
    ticket = result.ticket
    zone = ticket.policy.zone
    row: list[str | None] = [ticket.id, ticket.policy.id, ticket.severity.id, ticket.plan.id if ticket.plan else None,
                             ticket.opened.astimezone(zone).isoformat()]
    row += _EMPTY_TARGETS
    customer = ticket.customer
    authorised = customer.authorised(ticket.reporter) if customer is not None else None
    row += [customer.id if customer is not None else None, None if authorised is None else str(authorised).lower()]
    for item in result.deadlines:
        at = TARGET_AT.get(item.target.name)
        if at is None:
            continue
        if item.due is None:
            row[at:at + 4] = _EMPTY_TARGET
            continue
        late, took = item.late, item.took
        row[at:at + 4] = (item.due.astimezone(zone).isoformat(), item.status.value if item.status else None,
                          compact(late) if late is not None else None, compact(took) if took is not None else None)
    return row
