"""A disposable cache of parsed policy sets and of public-holiday dates, for a fast start.

Policy sets are pickled under ``$XDG_CACHE_HOME/slactl/`` (default ``~/.cache/slactl``),
keyed by the slactl and Python versions and, for every policy file, its resolved path, size
and mtime; a change to any of them (or a file added to a policy directory) misses the cache.
Holiday dates are kept per country, subdivision and year, keyed by the installed ``holidays``
release. Any problem reading or writing the cache is ignored: the policies are parsed again.
Deleting the directory is always safe. ``SLACTL_NO_CACHE=1`` turns the cache off.

The cache holds pickles, so it must stay writable by its owner only (like any ``~/.cache``).
"""

from __future__ import annotations

import os
import pickle
import sys
import zlib
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

from slactl import __version__

DISABLE = "SLACTL_NO_CACHE"
FORMAT = 2
"""Bump when a pickled class of the model changes shape (2: ``Severity`` keeps its folded names)."""


def directory(environ: dict[str, str] | None = None) -> Path:
    env = os.environ if environ is None else environ
    base = env.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "slactl"


def enabled(environ: dict[str, str] | None = None) -> bool:
    return (os.environ if environ is None else environ).get(DISABLE, "").strip() in ("", "0")


def fingerprint(files: Iterable[Path]) -> tuple:
    """What a cached policy set depends on; raises OSError if a file cannot be examined."""
    parts = []
    for file in files:
        resolved = file.resolve()
        status = resolved.stat()
        parts.append((str(resolved), status.st_size, status.st_mtime_ns))
    return (FORMAT, __version__, sys.version_info[:2], tuple(parts))


def policies(files: list[Path], build: Callable[[list[Path]], object]):
    """``build(files)``, or the set built earlier from exactly these files as they are now."""
    if not enabled():
        return build(files)
    try:
        key = fingerprint(files)
    except OSError:
        return build(files)
    path = directory() / f"policies-{_digest(key[3])}.pickle"
    found = _read(path)
    if isinstance(found, tuple) and len(found) == 2 and found[0] == key:
        return found[1]
    built = build(files)
    _write(path, (key, built))
    return built


class HolidayDates:
    """``(country, subdivision, year) -> dates`` kept on disk; ``compute`` fills what is missing."""

    def __init__(self, compute: Callable[[str, str | None, int], tuple[date, ...]], release: str | None):
        self.compute, self.release = compute, release
        self._path = directory() / "holidays.pickle"
        self._known: dict | None = None

    def dates(self, country: str, subdivision: str | None, year: int) -> tuple[date, ...]:
        if self.release is None:
            return self.compute(country, subdivision, year)
        if self._known is None:
            found = _read(self._path)
            valid = isinstance(found, dict) and found.get("release") == (FORMAT, self.release)
            self._known = found if valid else {"release": (FORMAT, self.release)}
        key = (country, subdivision, year)
        dates = self._known.get(key)
        if not isinstance(dates, tuple):
            dates = self._known[key] = self.compute(country, subdivision, year)
            _write(self._path, self._known)
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


def _digest(parts: tuple) -> str:
    """A short name for the entry; the key stored inside decides a hit, so a clash only misses.
    (zlib rather than hashlib: importing OpenSSL costs a few milliseconds of every start.)"""
    return f"{zlib.crc32(repr(parts).encode()):08x}"


def _read(path: Path):
    try:
        with open(path, "rb") as stream:
            return pickle.load(stream)
    except Exception:  # a missing, truncated, foreign or stale pickle: rebuild
        return None


def _write(path: Path, value: object) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        temporary = path.with_name(f".{path.name}.{os.getpid()}")
        with open(temporary, "wb") as stream:
            pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except Exception:  # read-only home, full disk, unpicklable value: run without a cache
        try:
            temporary.unlink()
        except Exception:
            pass


def remember_holidays() -> None:
    """Let calendars read holiday dates from the cache (when it is on)."""
    from slactl.businesstime import holidays as calendars

    if enabled():
        calendars.use_holiday_store(HolidayDates(_library_dates, holidays_release()))


def _library_dates(country: str, subdivision: str | None, year: int) -> tuple[date, ...]:
    from slactl.businesstime.holidays import holiday_dates

    return holiday_dates(country, subdivision, year)
