"""Test-wide setup: helpers on the path, a private cache directory, and hypothesis profiles.

No test reads or writes the user's ``~/.cache/slactl``: ``XDG_CACHE_HOME`` points into the
session's temporary directory before any test (or subprocess it starts) runs. Hypothesis has a
``dev`` profile (the default: fewer examples, for a quick local run) and a ``ci`` profile (the
full budgets each test declares, derandomized): ``HYPOTHESIS_PROFILE=ci python -m pytest``;
``tests/budget.py`` scales the budgets.
"""

import os
import sys
import tempfile
from pathlib import Path

from hypothesis import settings

sys.path.insert(0, str(Path(__file__).parent))

_CACHE = tempfile.mkdtemp(prefix="slactl-test-cache-")
os.environ["XDG_CACHE_HOME"] = _CACHE

settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None)  # budgets: tests/budget.py
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
