"""Code execution from the cache, and the rest of the kind: nothing under ``$XDG_CACHE_HOME/slactl``
can run code, hang slactl, grow without bound or change an answer. A planted pickle is never
read; a cache directory that is a symbolic link, another user's or writable by others is
neither read nor written; an entry that is a named pipe, a directory, a link or too large is
ignored; the holiday file and the policy entries stay bounded. Hypothesis plants the JSON."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from budget import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from slactl.policy import cache
from slactl.policy import load as loader

GOOD = Path(__file__).resolve().parents[1] / "testdata" / "validate" / "good"
DUE = ["due", "ignus", "-s", "high", "--opened", "2026-11-20T18:30", "--now", "2026-11-23T09:00", "--json"]


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv(cache.DISABLE, raising=False)
    policy = tmp_path / "minimal.yaml"
    policy.write_text((GOOD / "minimal.yaml").read_text())
    return policy


@pytest.fixture
def parses(monkeypatch) -> list:
    calls: list = []
    real = loader.checked

    def counting(files):
        calls.append(list(files))
        return real(files)

    monkeypatch.setattr(loader, "checked", counting)
    return calls


def _entry(policy: Path) -> str:
    return f"policies-{cache._digest(cache.fingerprint([policy])[3])}.json"


class Plant:
    """Unpickling this writes a marker file: proof that code ran."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.write_text, (self.marker, "code ran"))


def _slactl(cache_home: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, XDG_CACHE_HOME=str(cache_home))
    env.pop(cache.DISABLE, None)
    return subprocess.run([sys.executable, "-m", "slactl", *args], capture_output=True, text=True, env=env, timeout=60)


def test_a_planted_pickle_under_any_name_never_runs(tmp_path):
    folder = tmp_path / "cache" / "slactl"
    folder.mkdir(parents=True, mode=0o700)
    marker = tmp_path / "pwned"
    payload = pickle.dumps(Plant(marker))
    first = _slactl(tmp_path / "cache", *DUE)
    assert first.returncode == 0, first.stderr
    for name in ["holidays.pickle", "holidays.json", *(p.name for p in folder.iterdir()),
                 *(p.name.replace(".json", ".pickle") for p in folder.iterdir())]:
        (folder / name).write_bytes(payload)
    again = _slactl(tmp_path / "cache", *DUE)
    assert (again.returncode, again.stdout) == (0, first.stdout) and not marker.exists()


def test_a_cache_directory_that_is_a_symbolic_link_is_neither_read_nor_written(home, parses, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    cache.directory().parent.mkdir(parents=True)
    cache.directory().symlink_to(elsewhere)
    cache.policies([home])
    cache.policies([home])
    assert len(parses) == 2 and list(elsewhere.iterdir()) == []
    cache.HolidayDates(lambda c, s, y: (date(y, 1, 1),), "r1").dates("MX", None, 2026)
    assert list(elsewhere.iterdir()) == []


def test_a_cache_directory_of_another_user_is_neither_read_nor_written(home, parses):
    if os.getuid() != 0:
        pytest.skip("giving a directory to another user needs root")
    cache.policies([home])
    os.chown(cache.directory(), 65534, -1)
    before = sorted(p.name for p in cache.directory().iterdir())
    cache.policies([home])
    cache.HolidayDates(lambda c, s, y: (date(y, 1, 1),), "r1").dates("MX", None, 2026)
    assert len(parses) == 2 and sorted(p.name for p in cache.directory().iterdir()) == before


@pytest.mark.parametrize("plant", ["fifo", "directory", "symlink to /dev/zero", "too large"])
def test_an_entry_that_is_not_a_small_regular_file_is_ignored_without_hanging(home, parses, plant):
    folder = cache.directory()
    folder.mkdir(parents=True, mode=0o700)
    for name in (_entry(home), cache.HOLIDAYS):
        path = folder / name
        if plant == "fifo":
            os.mkfifo(path, 0o600)
        elif plant == "directory":
            path.mkdir(mode=0o700)
        elif plant == "symlink to /dev/zero":
            path.symlink_to("/dev/zero")
        else:
            with path.open("wb") as stream:
                stream.truncate(cache.MAX_BYTES + 1)
    assert [p.id for p in cache.policies([home])] == ["minimal"]
    assert cache.HolidayDates(lambda c, s, y: (date(y, 5, 1),), "r1").dates("MX", None, 2026) == (date(2026, 5, 1),)
    assert len(parses) == 1


def test_a_fifo_entry_does_not_hang_the_command_line(tmp_path):
    first = _slactl(tmp_path / "cache", *DUE)
    folder = tmp_path / "cache" / "slactl"
    for path in folder.iterdir():
        path.unlink()
        os.mkfifo(path, 0o600)
    again = _slactl(tmp_path / "cache", *DUE)
    assert (again.returncode, again.stdout, again.stderr) == (0, first.stdout, "")


def test_planted_directories_do_not_stop_the_bound_on_entries(home, tmp_path):
    folder = cache.directory()
    folder.mkdir(parents=True, mode=0o700)
    for index in range(3):
        (folder / f"policies-planted{index}.json").mkdir()
    for index in range(cache.MAX_ENTRIES + 5):
        other = tmp_path / f"p{index}.yaml"
        other.write_text((GOOD / "minimal.yaml").read_text().replace("id: minimal", f"id: p{index}"))
        cache.policies([other])
    regular = [p for p in folder.glob("policies-*.json") if p.is_file()]
    assert len(regular) == cache.MAX_ENTRIES


def test_the_holiday_file_is_bounded_in_years_and_in_writes(home, monkeypatch):
    folder = cache.directory()
    folder.mkdir(parents=True, mode=0o700)
    planted = {f"XX||{year}": [f"{year:04d}-01-01"] for year in range(1, 9000)}
    (folder / cache.HOLIDAYS).write_text(json.dumps({"release": [cache.FORMAT, "r1"], "dates": planted}))
    writes = []
    real = cache._write
    monkeypatch.setattr(cache, "_write", lambda name, value: (writes.append(name), real(name, value)))
    store = cache.HolidayDates(lambda c, s, y: (date(y, 1, 1),), "r1")
    for year in range(1950, 2100):
        assert store.dates("MX", None, year) == (date(year, 1, 1),)
    assert len(writes) == cache.MAX_HOLIDAY_WRITES
    kept = json.loads((folder / cache.HOLIDAYS).read_text())["dates"]
    assert len(kept) == cache.MAX_HOLIDAY_YEARS and "MX||1950" in kept


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                    max_leaves=20)


@settings(max_examples=examples(100), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(documents=JSON, junk=JSON)
def test_planted_json_with_the_right_key_never_changes_the_answer(home, documents, junk):
    key = cache.fingerprint([home])
    folder = cache.directory()
    folder.mkdir(parents=True, mode=0o700, exist_ok=True)
    (folder / _entry(home)).write_text(json.dumps({"key": key, "documents": documents, "junk": junk}))
    (folder / cache.HOLIDAYS).write_text(json.dumps({"release": [cache.FORMAT, "r1"], "dates": junk}))
    assert cache.policies([home]) == loader.load([home])
    assert cache.HolidayDates(lambda c, s, y: (date(y, 5, 1),), "r1").dates("MX", None, 2026) == (date(2026, 5, 1),)
