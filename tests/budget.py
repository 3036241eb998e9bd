"""Hypothesis budgets: each property test states the number of examples it deserves in CI
(``HYPOTHESIS_PROFILE=ci``, as ``.ci/run`` sets it); a plain ``python -m pytest`` runs a fifth of
them (at least 20), so the whole suite stays quick on a laptop."""

import os

CI = os.environ.get("HYPOTHESIS_PROFILE") == "ci"


def examples(wanted: int) -> int:
    """``wanted`` in CI, a fifth of it (at least 20) otherwise."""
    return wanted if CI else max(20, wanted // 5)
