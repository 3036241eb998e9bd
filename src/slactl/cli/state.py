"""What the root callback hands to every command: the policy and customers paths, loaded on demand."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
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
    _files: list[Path] | None = field(default=None, repr=False)
    _loaded: PolicySet | None = field(default=None, repr=False)
    _customers: CustomerSet | None = field(default=None, repr=False)

    def policy_files(self) -> list[Path]:
        """Every file of the active policy set (``--policies``, ``$SLACTL_POLICIES`` or the
        bundled set, directories expanded): what ``--output`` and ``--ics`` may never replace."""
        if self._files is None:
            from slactl.policy import load as loader

            self._files = list(loader.expand(loader.active_paths(self.paths)))
        return self._files

    def policies(self) -> PolicySet:
        """The active policy set (``--policies``, ``$SLACTL_POLICIES`` or the bundled five), through the cache."""
        if self._loaded is None:
            from slactl.policy import cache

            self._loaded = cache.policies(self.policy_files(), cache.holiday_store())
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
