"""A progress bar on stderr for long batch runs, counting bytes of the input file read."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from collections.abc import Iterator


@contextmanager
def file_progress(path: str, fd: int, *, enabled: bool) -> Iterator:
    """Yields ``tick()``: call it now and then to redraw from the file's read position."""
    if not enabled:
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

    total = os.fstat(fd).st_size
    from slactl.render.output import one_line

    with Progress(TextColumn("{task.description}", markup=False), BarColumn(), DownloadColumn(), TimeRemainingColumn(),
                  console=Console(file=sys.stderr, markup=False, emoji=False, highlight=False), transient=True) as bar:
        task = bar.add_task(one_line(os.path.basename(path)), total=total)  # a file name is data

        def tick() -> None:
            """Redraw the bar from the file's read position."""
            bar.update(task, completed=os.lseek(fd, 0, os.SEEK_CUR))

        yield tick
        bar.update(task, completed=total)
