"""slactl: exact SLA deadlines, severities, communications and quotes from YAML support policies.

The public API (see docs/api.md) is imported on first use, so ``import slactl`` stays fast::

    from slactl import load_policies, ticket, due, classify, comms, quote, due_frame

The functions live in ``slactl.api``; each command's computation is ``slactl.sla.NAME``
(``due``, ``classify``, ``comms``, ``quote``, ``report``); docs/architecture.md has the map.
"""

from __future__ import annotations

from slactl.version import __version__

__all__ = ["__version__", "load_policies", "ticket", "due", "classify", "comms", "quote", "due_frame"]


def __getattr__(name: str):
    if name in __all__:
        from slactl import api

        return getattr(api, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
