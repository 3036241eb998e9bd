"""Files slactl writes (``--output``, ``--ics``): whole or not at all, never over a file by accident.

The content goes to a temporary file beside the target, which is renamed into place when the
block ends without an exception; a failed or interrupted run leaves no partial file (the
temporary file is removed, also on SIGINT, SIGTERM and SIGHUP: see ``slactl.cli.main``). An
existing target is only replaced with ``force``, and never when it is the file being read, a
file of the active policy set, or not a regular file (a device such as /dev/null, a named
pipe, a directory, or a symbolic link to one of those).
"""

from __future__ import annotations

import io
import os
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import IO

from slactl import stops
from slactl.errors import InputError

_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"),
          (stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"))


def check_output(path: str, *, option: str = "--output", force: bool = False, source: str | None = None,
                 protected: Iterable[os.PathLike | str] = ()) -> None:
    """Refuse, as ``InputError``, to write ``path`` over the input ``source``, over a file of
    ``protected`` (the active policy files), over anything that is not a regular file, or over
    an existing file without ``force``. Called again when the file is published."""
    if source not in (None, "-") and _same_file(source, path):
        raise InputError(f"{option} {path} is the input file; write the results elsewhere")
    for policy in protected:
        if _same_file(policy, path):
            raise InputError(f"{option} {path} is a file of the active policy set; slactl never writes a policy file")
    try:
        status = os.stat(path)
    except FileNotFoundError:  # nothing there, or a symbolic link to nothing (replaced itself, with force)
        if os.path.lexists(path) and not force:
            raise InputError(f"{path} already exists; pass --force to replace it") from None
        return
    except OSError as error:
        raise InputError(f"cannot write {path}: {error.strerror or error}") from None
    for test, kind in _KINDS:
        if test(status.st_mode):
            raise InputError(f"{option} {path} is {kind}, not a regular file; slactl only replaces regular files "
                             "(leave out the option to write to stdout)")
    if not force:
        raise InputError(f"{path} already exists; pass --force to replace it")


@contextmanager
def open_output(path: str | None, *, option: str = "--output", force: bool = False, source: str | None = None,
                protected: Iterable[os.PathLike | str] = (), binary: bool = False) -> Iterator[IO]:
    """stdout for ``None`` or ``-``, else ``path`` written atomically (UTF-8 text or ``binary``),
    after ``check_output``. With ``force``, a symbolic link to a file is followed (the file is
    replaced, the link kept; a dangling link is replaced) and a replaced file keeps its permission bits."""
    if path is None or path == "-":
        stream: IO = sys.stdout.buffer if binary else sys.stdout
        if not binary and not stream.isatty():
            stream = _Blocks(stream)
        try:
            yield stream
        except BaseException:  # what was written before a stop (--strict, Ctrl-C) is not held back
            try:
                stream.flush()
            except OSError:
                pass
            raise
        stream.flush()
        return
    protected = list(protected)
    check_output(path, option=option, force=force, source=source, protected=protected)
    written = path
    if force and os.path.islink(path) and os.path.exists(path):  # replace what it points to, keep the link
        written = os.path.realpath(path)
    try:
        kept_mode: int | None = stat.S_IMODE(os.stat(written).st_mode) if force and os.path.isfile(written) else None
    except OSError:
        kept_mode = None
    held = stops.hold()  # a stop between creating the temporary file and the try below would leave it
    try:
        handle, temporary = tempfile.mkstemp(prefix=".slactl-", suffix=".tmp", dir=os.path.dirname(os.path.abspath(written)))
    except OSError as error:
        stops.release(held)
        raise InputError(f"cannot write {path}: {error.strerror or error}") from None
    try:
        stops.release(held)  # a stop held meanwhile arrives here, where the finally removes the file
        opened: IO = os.fdopen(handle, "wb") if binary else os.fdopen(handle, "w", encoding="utf-8", newline="")
        with opened as stream:
            if kept_mode is None:
                mask = os.umask(0)
                os.umask(mask)
                os.fchmod(stream.fileno(), 0o666 & ~mask)
            else:  # a replaced file keeps its permissions (not its owner: that takes privileges)
                os.fchmod(stream.fileno(), kept_mode)
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        check_output(path, option=option, force=force, source=source, protected=protected)  # what changed meanwhile
        from slactl.cli import published, raise_if_stopped

        with stops.held():  # a stop comes before the file has its name, or after it is marked done
            raise_if_stopped()  # a stop whose exception was lost must not publish the file
            _publish(temporary, written, force)
            published(path)
    except FileExistsError:
        raise InputError(f"{path} already exists; pass --force to replace it") from None
    except OSError as error:
        raise InputError(f"cannot write {path}: {error.strerror or error}") from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


class _Blocks(io.StringIO):
    """A text stream's ``write`` (``StringIO``'s, in C) and ``flush``, which passes what was
    written on in one block. Standard output is unbuffered under ``PYTHONUNBUFFERED=1`` (set in
    many container images) or ``python -u``: a batch's rows would each be one system call, a
    third of the run. The writer flushes every few thousand rows; a terminal gets no
    ``_Blocks`` and sees each row as it is computed."""

    def __init__(self, stream: IO[str]) -> None:
        super().__init__()
        self._stream = stream

    def flush(self) -> None:
        text = self.getvalue()
        if text:
            self.seek(0)
            self.truncate()
            self._stream.write(text)
        self._stream.flush()


def _same_file(a: os.PathLike | str, b: str) -> bool:
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
