"""The ``slactl`` console script and ``python -m slactl``: ``slactl.cli.main``, with stop
signals that come while Python is still importing the command line (about its first 50 ms)
ending the run with the same line as later (``slactl: error: interrupted``, exit 130, 143 or
129) instead of a ``KeyboardInterrupt`` traceback. Nothing has been read or written by then."""

from __future__ import annotations

import os
import signal

from slactl import stops


def main() -> None:
    """Run the command line (``slactl.cli.main`` handles stops from then on)."""
    saved = {}
    for number in stops.numbers():
        if signal.getsignal(number) is not signal.SIG_IGN:  # ignored on entry stays so
            saved[number] = signal.signal(number, _stopped_while_starting)
    from slactl.cli import main as run

    for number, handler in saved.items():
        signal.signal(number, handler)
    run(exiting=True)


def _stopped_while_starting(signum: int, _frame: object) -> None:
    try:
        os.write(2, b"slactl: error: interrupted\n")
    except OSError:  # stderr closed
        pass
    os._exit(128 + signum)


if __name__ == "__main__":
    main()
