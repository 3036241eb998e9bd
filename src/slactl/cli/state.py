"""What the root callback hands to every command: the policy paths, loaded on demand."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from slactl.policy.model import PolicySet


@dataclass(slots=True)
class State:
    """The root options every command shares: the policy paths, and the policy set loaded on first use."""
    paths: list[str] | None = None
    _loaded: PolicySet | None = field(default=None, repr=False)

    def policies(self) -> PolicySet:
        """The active policy set (``--policies``, ``$SLACTL_POLICIES`` or the bundled five), through the cache."""
        if self._loaded is None:
            from slactl.policy import cache
            from slactl.policy import load as loader

            files = list(loader.expand(loader.active_paths(self.paths)))
            self._loaded = cache.policies(files, cache.holiday_store())
        return self._loaded
