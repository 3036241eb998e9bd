"""Quota years as JSON and as a table for people."""

from __future__ import annotations

from typing import Any

from slactl.render.output import console, table
from slactl.sla.quota import QuotaYear


def quota_json(years: list[QuotaYear]) -> dict[str, Any]:
    """``slactl quota --json``: ``{"customers": [{"customer", "year", "included", "counted", ...}]}``."""
    return {"customers": [{
        "customer": item.customer.id, "name": item.customer.name, "provider": item.customer.provider,
        "year": item.label, "start": item.start.isoformat(), "end": item.end.isoformat(),
        "included": item.included, "counted": item.counted, "not_counted_go_live": item.not_counted_go_live,
        "remaining": item.remaining, "over": item.over,
    } for item in years]}


def print_quota(years: list[QuotaYear], beyond: dict[str, str] | None = None) -> None:
    """``slactl quota``: one row per customer and quota year, then what a customer over its
    quota can do (``beyond``: the policy's words, by provider)."""
    out = console()
    grid = table("customer", "provider", "year", "included", "counted", "go-live, not counted", "remaining", "over",
                 title="Yearly ticket quotas")
    for item in years:
        grid.add_row(item.customer.id, item.customer.provider, item.label, _dash(item.included), str(item.counted),
                     str(item.not_counted_go_live), _dash(item.remaining), _dash(item.over))
    out.print(grid)
    for item in years:
        if item.included is None:
            out.print(f"{item.customer.id}: its plan states no yearly ticket quota.")
    for provider, text in (beyond or {}).items():
        if any(item.over for item in years if item.customer.provider == provider):
            out.print(f"Over the quota ({provider}): {text}")


def _dash(value: int | None) -> str:
    return "-" if value is None else str(value)
