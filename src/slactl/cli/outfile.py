"""Files slactl writes (``--output``, ``--ics``): whole or not at all, never over a file by accident.

The content goes to a temporary file beside the target, which is renamed into place when the
block ends without an exception; a failed run leaves no partial file. An existing target is
only replaced with ``force``, and never when it is the file being read.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

from slactl.errors import InputError


@contextmanager
def open_output(path: str | None, *, force: bool = False, source: str | None = None,
                binary: bool = False) -> Iterator[IO]:
    """stdout for ``None`` or ``-``, else ``path`` written atomically (UTF-8 text or ``binary``)."""
    if path is None or path == "-":
        stream = sys.stdout.buffer if binary else sys.stdout
        yield stream
        stream.flush()
        return
    if source not in (None, "-") and _same_file(source, path):
        raise InputError(f"--output {path} is the input file; write the results elsewhere")
    if os.path.lexists(path) and not force:
        raise InputError(f"{path} already exists; pass --force to replace it")
    try:
        handle, temporary = tempfile.mkstemp(prefix=".slactl-", suffix=".tmp", dir=os.path.dirname(os.path.abspath(path)))
    except OSError as error:
        raise InputError(f"cannot write {path}: {error.strerror or error}") from None
    try:
        mode = {"mode": "wb"} if binary else {"mode": "w", "encoding": "utf-8", "newline": ""}
        with os.fdopen(handle, **mode) as stream:
            mask = os.umask(0)
            os.umask(mask)
            os.fchmod(stream.fileno(), 0o666 & ~mask)
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        _publish(temporary, path, force)
    except FileExistsError:
        raise InputError(f"{path} already exists; pass --force to replace it") from None
    except OSError as error:
        raise InputError(f"cannot write {path}: {error.strerror or error}") from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _publish(temporary: str, path: str, force: bool) -> None:
    """Give the finished file its name; without ``force`` only if the name is still free
    (checked atomically with a hard link where the file system has them)."""
    if force:
        os.replace(temporary, path)
        return
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise
    except OSError:
        if os.path.lexists(path):
            raise FileExistsError(path) from None
        os.replace(temporary, path)
