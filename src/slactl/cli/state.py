"""What the root callback hands to every command: the policy paths, loaded on demand."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from slactl.policy.model import PolicySet


@dataclass(slots=True)
class State:
    paths: list[str] | None = None
    _files: list[Path] | None = field(default=None, repr=False)
    _loaded: PolicySet | None = field(default=None, repr=False)

    def policy_files(self) -> list[Path]:
        """Every file of the active policy set (``--policies``, ``$SLACTL_POLICIES`` or the
        bundled set, directories expanded): what ``--output`` and ``--ics`` may never replace."""
        if self._files is None:
            from slactl.policy import load as loader

            self._files = list(loader.expand(loader.active_paths(self.paths)))
        return self._files

    def policies(self) -> PolicySet:
        if self._loaded is None:
            from slactl.policy import cache

            self._loaded = cache.policies(self.policy_files(), cache.holiday_store())
        return self._loaded
