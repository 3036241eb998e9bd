"""The stop signals (SIGINT, SIGTERM, SIGHUP), which slactl turns into a clean stop (one line,
exit 130, 143 or 129, no output file published), and holding them for a moment: one list for
the command line (``cli``), its entry (``__main__``), the output file (``cli.outfile``) and the
worker processes of a batch (``batch.fast.processes``)."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager

NAMES = ("SIGINT", "SIGTERM", "SIGHUP")


def numbers() -> set[int]:
    """The stop signals this platform has (no SIGHUP on Windows)."""
    return {getattr(signal, name) for name in NAMES if hasattr(signal, name)}


def hold() -> set | None:
    """Block the stop signals until ``release``: one that comes meanwhile is delivered then.
    Returns the mask to put back; None where signals cannot be held (no pthreads)."""
    try:
        return signal.pthread_sigmask(signal.SIG_BLOCK, numbers())
    except (AttributeError, ValueError, OSError):
        return None


def release(held: set | None) -> None:
    """Put back the mask ``hold`` returned."""
    if held is not None:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)


@contextmanager
def held() -> Iterator[None]:
    """The stop signals held (``hold``) while inside."""
    mask = hold()
    try:
        yield
    finally:
        release(mask)
