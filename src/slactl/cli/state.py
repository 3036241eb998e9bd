"""What the root callback hands to every command: the policy and customers paths, loaded on demand."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from slactl.contracts.model import CustomerSet
    from slactl.policy.model import PolicySet


@dataclass(slots=True)
class State:
    """The root options every command shares: the policy paths (``--policies``) and the customers
    files (``--customers``), each loaded on first use."""

    paths: list[str] | None = None
    customer_paths: list[str] | None = None
    _loaded: PolicySet | None = field(default=None, repr=False)
    _customers: CustomerSet | None = field(default=None, repr=False)

    def policies(self) -> PolicySet:
        """The active policy set (``--policies``, ``$SLACTL_POLICIES`` or the bundled five), through the cache."""
        if self._loaded is None:
            from slactl.policy import cache
            from slactl.policy import load as loader

            files = list(loader.expand(loader.active_paths(self.paths)))
            self._loaded = cache.policies(files, cache.holiday_store())
        return self._loaded

    def customers(self) -> CustomerSet:
        """The customers of ``--customers`` or ``$SLACTL_CUSTOMERS`` (none when neither is given)."""
        if self._customers is None:
            from slactl.contracts import load
            from slactl.contracts.model import CustomerSet

            paths = load.active_paths(self.customer_paths)
            self._customers = load.load(paths, self.policies()) if paths else CustomerSet()
        return self._customers

    def flags(self) -> frozenset[str]:
        """Every exclusion flag the active policies name: ticket files may carry them as columns."""
        return frozenset(flag for policy in self.policies() for flag in policy.flags)
