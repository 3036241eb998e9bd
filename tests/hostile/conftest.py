"""The hostile-input suite: its helpers on the path, and a private policy cache."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))  # hostile_helpers
sys.path.insert(0, str(HERE.parent))  # cli_helpers


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    """Never read or write the user's ~/.cache/slactl: a cached set could hide a loader bug."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.getbasetemp() / "cache"))
    monkeypatch.delenv("SLACTL_POLICIES", raising=False)
