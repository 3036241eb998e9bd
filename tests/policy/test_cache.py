"""The policy cache is disposable: a hit only for exactly the same files as they are now;
anything odd about it means parsing again."""

from __future__ import annotations

import os
from datetime import date

import pytest

from slactl.policy import cache


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv(cache.DISABLE, raising=False)
    policy = tmp_path / "a.yaml"
    policy.write_text("one")
    return policy


def counting():
    calls = []

    def build(files):
        calls.append([f.read_text() for f in files])
        return {"built": calls[-1]}

    return build, calls


def test_the_second_load_of_the_same_files_is_a_hit(home):
    build, calls = counting()
    first, second = cache.policies([home], build), cache.policies([home], build)
    assert first == second and len(calls) == 1


CHANGES = [
    ("a file whose content and size change is parsed again", lambda p: p.write_text("three")),
    ("a file touched with a new mtime but the same size is parsed again",
     lambda p: os.utime(p, ns=(p.stat().st_atime_ns, p.stat().st_mtime_ns + 10**9))),
]


@pytest.mark.parametrize("change", [c[1] for c in CHANGES], ids=[c[0] for c in CHANGES])
def test_a_stale_entry_is_never_trusted(home, change):
    build, calls = counting()
    cache.policies([home], build)
    change(home)
    cache.policies([home], build)
    assert len(calls) == 2


def test_another_file_list_is_another_entry(home, tmp_path):
    other = tmp_path / "b.yaml"
    other.write_text("two")
    build, calls = counting()
    cache.policies([home], build)
    assert cache.policies([home, other], build) == {"built": ["one", "two"]}
    assert len(calls) == 2


def test_a_corrupt_cache_file_is_ignored_and_replaced(home):
    build, calls = counting()
    cache.policies([home], build)
    for entry in cache.directory().iterdir():
        entry.write_bytes(b"not a pickle")
    assert cache.policies([home], build) == {"built": ["one"]}
    assert cache.policies([home], build) == {"built": ["one"]}
    assert len(calls) == 2


def test_slactl_no_cache_turns_it_off(home, monkeypatch):
    monkeypatch.setenv(cache.DISABLE, "1")
    build, calls = counting()
    cache.policies([home], build)
    cache.policies([home], build)
    assert len(calls) == 2 and not cache.directory().exists()


def test_an_unwritable_cache_directory_still_gives_the_policies(home, tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    build, _ = counting()
    assert cache.policies([home], build) == {"built": ["one"]}


def test_holiday_dates_are_computed_once_per_release_and_year(home):
    calls = []

    def compute(country, subdivision, year):
        calls.append(year)
        return (date(year, 1, 1),)

    assert cache.HolidayDates(compute, "r1").dates("MX", None, 2026) == (date(2026, 1, 1),)
    assert cache.HolidayDates(compute, "r1").dates("MX", None, 2026) == (date(2026, 1, 1),)
    cache.HolidayDates(compute, "r2").dates("MX", None, 2026)
    assert calls == [2026, 2026]


def test_the_bundled_policies_round_trip_through_the_cache(home):
    from slactl.policy import load as loader

    files = list(loader.expand(loader.bundled_paths()))
    cold = cache.policies(files, loader.load)
    warm = cache.policies(files, loader.load)
    assert warm == cold and warm is not cold
