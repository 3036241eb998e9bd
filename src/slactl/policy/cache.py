"""A disposable, data-only cache of checked policy documents and public-holiday dates, for a fast start.

What is kept is plain JSON (never a format that can run code when read): each policy file's
parsed document with its line numbers, once it has passed the structure and every rule. A hit
skips PyYAML, the schema and the rules; the model is built from the cached documents. Entries
live under ``$XDG_CACHE_HOME/slactl/`` (default ``~/.cache/slactl``), keyed by the format, the
slactl and Python versions and, for every policy file, its resolved path, size, mtime, ctime and
inode (a write moves the ctime even when a tool restores the mtime); a
change to any of them misses. The files a policy names (iCalendar holidays) are part of the key
the same way: an entry keeps their paths and stamps beside their parsed content, and
misses when one of them changed. Holiday dates are kept per country, subdivision and year, keyed
by the installed ``holidays`` release.

Everything read from the directory is untrusted: a directory or file that is not the user's
own, or that others may write, is ignored (and never written to), and so is a directory that is
a symbolic link and an entry that is not a regular file (a link, a named pipe, a device); every
entry is opened relative to the checked directory (no name is looked up twice). Files over
``MAX_BYTES`` and anything that does not parse or build are ignored; at most ``MAX_ENTRIES``
policy entries and ``MAX_HOLIDAY_YEARS`` holiday years are kept, and the holiday file is
written at most ``MAX_HOLIDAY_WRITES`` times a run. Any problem reading or writing means
parsing again. Deleting the directory is always safe. ``SLACTL_NO_CACHE=1`` turns the cache off.
"""

from __future__ import annotations

import json
import os
import stat
import sys
import threading
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from slactl.businesstime.holidays import HolidayDates as Compute
from slactl.businesstime.holidays import HolidayStore
from slactl.policy.model import PolicySet
from slactl.version import __version__

DISABLE = "SLACTL_NO_CACHE"
FORMAT = 4
"""Bump when what is stored changes meaning (3: JSON documents instead of pickles; 4: with the
parsed content of the files they name, and checked by the rules against look-alike names, which
an entry of 3 never met)."""
MAX_BYTES = 8 * 2**20
MAX_ENTRIES = 16
MAX_HOLIDAY_YEARS = 1024
"""Country, subdivision and year triples kept (about 250 bytes each); the oldest go first."""
MAX_HOLIDAY_WRITES = 16
"""Rewrites of the holiday file in one run: a batch over centuries keeps the rest in memory."""
HOLIDAYS = "holidays.json"


def directory(environ: dict[str, str] | None = None) -> Path:
    """Where the cache lives: ``$XDG_CACHE_HOME/slactl``, else ``~/.cache/slactl``; ``environ``
    defaults to ``os.environ``. A relative ``XDG_CACHE_HOME`` is ignored, as the XDG Base
    Directory specification says (it would put the cache wherever the command runs). Neither
    created nor checked here."""
    env = os.environ if environ is None else environ
    base = env.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):
        base = os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "slactl"


def enabled(environ: dict[str, str] | None = None) -> bool:
    """False when ``SLACTL_NO_CACHE`` is set to anything but ``0`` or blank; ``environ``
    defaults to ``os.environ``."""
    return (os.environ if environ is None else environ).get(DISABLE, "").strip() in ("", "0")


def fingerprint(files: Iterable[Path]) -> list:
    """What a cached policy set depends on, as JSON values; raises OSError if a file cannot be examined."""
    parts = []
    for file in files:
        resolved = file.resolve()
        status = resolved.stat()
        # ctime and inode too: ``cp -p``, ``rsync -t`` or ``touch -r`` give an edited file its
        # old size and mtime, but a write always moves the ctime and a copy has a new inode.
        parts.append([str(resolved), status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_dev, status.st_ino])
    return [FORMAT, __version__, list(sys.version_info[:2]), parts]


def policies(files: list[Path], holidays: HolidayStore | None = None) -> PolicySet:
    """The policy set of ``files`` (``load.load``), from the cache when these exact files were
    checked before. Raises ``PolicyError`` like ``load.load``."""
    from slactl.policy import load

    if not enabled():
        return load.load(files, holidays)
    try:
        key = fingerprint(files)
    except OSError:
        return load.load(files, holidays)
    name = f"policies-{_digest(key[3])}.json"
    found = _read(name)
    if isinstance(found, dict) and found.get("key") == key and _one_per_file(found.get("documents"), files) \
            and _unchanged(found.get("attached")):
        try:
            return load.build_set([_document(item) for item in found["documents"]], holidays)
        except Exception:  # noqa: BLE001 - a cache entry written by someone else: parse the files again
            pass
    documents = load.checked(files)
    try:
        attached = fingerprint(Path(entry["path"]) for document in documents for entry in document.attached.values())[3]
    except OSError:
        return load.build_set(documents, holidays)
    _write(name, {"key": key, "attached": attached, "documents": [_stored(document) for document in documents]})
    _prune()
    return load.build_set(documents, holidays)


class HolidayDates:
    """``(country, subdivision, year) -> dates`` kept on disk; ``compute`` fills what is missing.
    Safe to share between threads: one lock guards the table read from the file and its
    filling, and each write goes through its own temporary file."""

    def __init__(self, compute: Compute, release: str | None):
        self.compute, self.release = compute, release
        self._known: dict[str, list[str]] | None = None
        self._lock = threading.Lock()
        self._writes = 0

    def dates(self, country: str, subdivision: str | None, year: int) -> tuple[date, ...]:
        """The public holidays of ``country`` (and ``subdivision``) in ``year``: from the file
        when this ``holidays`` release stored them, else from ``compute`` and then stored (best
        effort). Without a known release, always ``compute`` (whose errors pass through)."""
        if self.release is None:
            return self.compute(country, subdivision, year)
        with self._lock:
            return self._dates(country, subdivision, year)

    def _dates(self, country: str, subdivision: str | None, year: int) -> tuple[date, ...]:
        known = self._known
        if known is None:
            found = _read(HOLIDAYS)
            valid = isinstance(found, dict) and found.get("release") == [FORMAT, self.release] \
                and isinstance(found.get("dates"), dict)
            known = self._known = dict(list(found["dates"].items())[-MAX_HOLIDAY_YEARS:]) if valid else {}
        name = f"{country}|{subdivision or ''}|{year}"
        stored = known.get(name)
        if isinstance(stored, list):
            try:
                return tuple(date.fromisoformat(text) for text in stored)
            except (TypeError, ValueError):
                pass
        dates = self.compute(country, subdivision, year)
        known[name] = [day.isoformat() for day in dates]
        if self._writes < MAX_HOLIDAY_WRITES:
            self._writes += 1
            kept = list(known.items())[-MAX_HOLIDAY_YEARS:]
            _write(HOLIDAYS, {"release": [FORMAT, self.release], "dates": dict(kept)})
        return dates


def holidays_release() -> str | None:
    """Which ``holidays`` is installed (its version file's path, size and mtime), without importing it."""
    try:
        from importlib.util import find_spec

        spec = find_spec("holidays")
        if spec is None or not spec.origin:
            return None
        version = Path(spec.origin).with_name("version.py")
        status = version.stat()
        return f"{version}:{status.st_size}:{status.st_mtime_ns}"
    except (OSError, ImportError, ValueError):
        return None


def holiday_store() -> HolidayDates | None:
    """The on-disk store of holiday dates, or None when the cache is off."""
    from slactl.businesstime.holidays import holiday_dates

    return HolidayDates(holiday_dates, holidays_release()) if enabled() else None


def _unchanged(attached: Any) -> bool:
    """The files the cached policies name are still as they were (``fingerprint``)."""
    if not isinstance(attached, list):
        return False
    try:
        return fingerprint(Path(str(item[0])) for item in attached)[3] == attached
    except (OSError, TypeError, IndexError, KeyError):
        return False


def _one_per_file(documents: Any, files: list[Path]) -> bool:
    """The stored documents are one mapping per file, in order, each naming its file: an entry
    that lost or gained a document (or a planted one) would change the policy set."""
    return isinstance(documents, list) and len(documents) == len(files) and all(
        isinstance(item, dict) and item.get("file") == str(file) and isinstance(item.get("data"), dict)
        for item, file in zip(documents, files))


def _stored(document: Any) -> dict:
    return {"file": document.file, "data": document.data, "lines": [[list(path), line] for path, line in document.lines.items()],
            "attached": document.attached}


def _document(item: dict) -> Any:
    from slactl.policy.load import Document

    return Document(str(item["file"]), item["data"], {tuple(path): int(line) for path, line in item["lines"]},
                    dict(item["attached"]))


def _digest(parts: list) -> str:
    """A short name for the entry; the key stored inside decides a hit, so a clash only misses.
    (zlib rather than hashlib: importing OpenSSL costs a few milliseconds of every start.)"""
    return f"{zlib.crc32(repr(parts).encode()):08x}"


def _trusted(status: os.stat_result) -> bool:
    """Owned by this user and writable by nobody else."""
    return status.st_uid == os.getuid() and not status.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


@contextmanager
def _directory(*, create: bool = False) -> Iterator[int | None]:
    """A descriptor of the cache directory, or None when it is missing, a symbolic link, not the
    user's own or writable by others: entries are then neither read nor written."""
    path = directory()
    try:
        if create:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            try:
                os.mkdir(path, 0o700)
            except FileExistsError:
                pass
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | _NOFOLLOW)
    except OSError:
        yield None
        return
    try:
        yield descriptor if _trusted(os.fstat(descriptor)) else None
    finally:
        os.close(descriptor)


def _read(name: str) -> Any:
    """The JSON in the entry ``name``, or None when it is missing, untrusted, not a regular file,
    too large or not JSON."""
    with _directory() as folder:
        if folder is None:
            return None
        try:
            descriptor = os.open(name, os.O_RDONLY | _NOFOLLOW | getattr(os, "O_NONBLOCK", 0), dir_fd=folder)
            with os.fdopen(descriptor, "rb") as stream:
                status = os.fstat(stream.fileno())
                if not stat.S_ISREG(status.st_mode) or not _trusted(status) or status.st_size > MAX_BYTES:
                    return None
                return json.loads(stream.read(MAX_BYTES + 1))
        except (OSError, ValueError, RecursionError):
            return None


def _write(name: str, value: object) -> None:
    """Write ``value`` as JSON to the entry ``name`` through a temporary file; silently nothing
    when the directory is not ours, not safe, or not writable."""
    try:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    except (TypeError, ValueError):
        return
    if len(text) > MAX_BYTES:
        return
    with _directory(create=True) as folder:
        if folder is None:
            return
        temporary = f".{name}.{os.getpid()}.{os.urandom(4).hex()}"
        try:
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600, dir_fd=folder)
            with os.fdopen(descriptor, "wb") as stream:
                stream.write(text)
            os.replace(temporary, name, src_dir_fd=folder, dst_dir_fd=folder)
        except OSError:
            try:
                os.unlink(temporary, dir_fd=folder)
            except OSError:
                pass


def _prune() -> None:
    """Keep the ``MAX_ENTRIES`` most recently written policy entries; what is not a regular
    file is neither counted nor touched."""
    with _directory() as folder:
        if folder is None:
            return
        try:
            entries = []
            for name in os.listdir(folder):
                if name.startswith("policies-") and name.endswith(".json"):
                    status = os.stat(name, dir_fd=folder, follow_symlinks=False)
                    if stat.S_ISREG(status.st_mode):
                        entries.append((status.st_mtime_ns, name))
            for _, stale in sorted(entries, reverse=True)[MAX_ENTRIES:]:
                os.unlink(stale, dir_fd=folder)
        except OSError:
            pass
