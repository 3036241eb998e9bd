"""The policy cache is disposable and data only: a hit only for exactly the same files as they are
now; anything odd about it (foreign, shared, corrupt, planted) means parsing again."""

from __future__ import annotations

import json
import os
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import pytest

from slactl.errors import PolicyError
from slactl.policy import cache
from slactl.policy import load as loader

GOOD = Path(__file__).resolve().parents[1] / "testdata" / "validate" / "good"


@pytest.fixture
def home(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv(cache.DISABLE, raising=False)
    policy = tmp_path / "minimal.yaml"
    policy.write_text((GOOD / "minimal.yaml").read_text())
    return policy


@pytest.fixture
def parses(monkeypatch):
    """How many times the policy files were read and checked (a miss)."""
    calls = []
    real = loader.checked

    def counting(files):
        calls.append(list(files))
        return real(files)

    monkeypatch.setattr(loader, "checked", counting)
    return calls


def entries() -> list[Path]:
    return sorted(cache.directory().glob("policies-*.json"))


def test_the_second_load_of_the_same_files_is_a_hit(home, parses):
    first, second = cache.policies([home]), cache.policies([home])
    assert [p.id for p in first] == [p.id for p in second] == ["minimal"]
    assert len(parses) == 1


def test_a_cached_entry_is_plain_json(home):
    cache.policies([home])
    [entry] = entries()
    stored = json.loads(entry.read_text(encoding="utf-8"))
    assert stored["documents"][0]["data"]["id"] == "minimal"


CHANGES = [
    ("a file whose content and size change is parsed again",
     lambda p: p.write_text(p.read_text().replace("Minimal", "Minimal policy"))),
    ("a file touched with a new mtime but the same size is parsed again",
     lambda p: os.utime(p, ns=(p.stat().st_atime_ns, p.stat().st_mtime_ns + 10**9))),
    ("an edit of the same size whose old mtime is put back (touch -r, rsync -t) is parsed again",
     lambda p: _same_size_same_mtime(p, p.read_text().replace("Minimal", "Minimum"))),
    ("a file replaced by a copy keeping size and mtime (cp -p) is parsed again",
     lambda p: _replaced_by_a_copy(p)),
]


def _same_size_same_mtime(path: Path, text: str) -> None:
    before = path.stat()
    assert len(text.encode()) == before.st_size
    path.write_text(text)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def _replaced_by_a_copy(path: Path) -> None:
    import shutil

    copy = path.with_name("copy.yaml")
    shutil.copy2(path, copy)  # content, size and mtime kept; a new inode
    os.replace(copy, path)


@pytest.mark.parametrize("change", [c[1] for c in CHANGES], ids=[c[0] for c in CHANGES])
def test_a_stale_entry_is_never_trusted(home, parses, change):
    cache.policies([home])
    change(home)
    cache.policies([home])
    assert len(parses) == 2


def test_an_edited_file_that_breaks_is_reported_not_served_from_the_cache(home):
    cache.policies([home])
    home.write_text(home.read_text().replace("timezone: UTC", "timezone: Mars/Base"))
    with pytest.raises(PolicyError, match="unknown time zone 'Mars/Base'"):
        cache.policies([home])


def test_another_file_list_is_another_entry(home, parses):
    cache.policies([home])
    assert [p.id for p in cache.policies([home, GOOD / "full.yaml"])] == ["minimal", "full"]
    assert len(parses) == 2 and len(entries()) == 2


@pytest.mark.parametrize("content", [b"not json", b"\x80\x81", b'{"key": 1}', b"[" * 100_000, b'{"key": null, "documents": 3}'],
                         ids=["text", "binary", "a wrong key", "JSON nested beyond the recursion limit", "a wrong shape"])
def test_a_corrupt_cache_file_is_ignored_and_replaced(home, parses, content):
    cache.policies([home])
    [entry] = entries()
    entry.write_bytes(content)
    assert [p.id for p in cache.policies([home])] == ["minimal"]
    assert [p.id for p in cache.policies([home])] == ["minimal"]
    assert len(parses) == 2


def test_a_planted_entry_with_the_right_key_but_a_document_that_does_not_build_is_ignored(home, parses):
    cache.policies([home])
    [entry] = entries()
    stored = json.loads(entry.read_text())
    stored["documents"][0]["data"]["timezone"] = {"not": "a zone"}
    entry.write_text(json.dumps(stored))
    assert [p.id for p in cache.policies([home])] == ["minimal"]
    assert len(parses) == 2


@pytest.mark.parametrize("uid, mode, trusted", [
    (os.getuid(), 0o100600, True), (os.getuid() + 1, 0o100600, False),
    (os.getuid(), 0o100620, False), (os.getuid(), 0o100602, False), (os.getuid(), 0o040700, True),
], ids=["mine, private", "another user's", "group-writable", "world-writable", "my private directory"])
def test_only_what_is_mine_and_writable_by_nobody_else_is_trusted(uid, mode, trusted):
    status = os.stat_result((mode, 0, 0, 1, uid, 0, 10, 0, 0, 0))
    assert cache._trusted(status) is trusted


def test_a_cache_directory_others_may_write_is_ignored_and_never_written(home, parses):
    cache.policies([home])
    cache.directory().chmod(0o777)
    cache.policies([home])
    cache.policies([home])
    assert len(parses) == 3


def test_an_entry_others_may_write_is_ignored_and_replaced_by_a_private_one(home, parses):
    cache.policies([home])
    [entry] = entries()
    entry.chmod(0o666)
    cache.policies([home])
    cache.policies([home])
    assert len(parses) == 2 and entry.stat().st_mode & 0o777 == 0o600


def test_a_symlinked_entry_is_not_followed(home, parses, tmp_path):
    cache.policies([home])
    [entry] = entries()
    elsewhere = tmp_path / "elsewhere.json"
    elsewhere.write_text(entry.read_text())
    entry.unlink()
    entry.symlink_to(elsewhere)
    cache.policies([home])
    assert len(parses) == 2


def test_the_cache_keeps_a_bounded_number_of_entries(home, tmp_path):
    for index in range(cache.MAX_ENTRIES + 5):
        other = tmp_path / f"p{index}.yaml"
        other.write_text((GOOD / "minimal.yaml").read_text().replace("id: minimal", f"id: p{index}"))
        cache.policies([other])
    assert len(entries()) == cache.MAX_ENTRIES


def test_slactl_no_cache_turns_it_off(home, parses, monkeypatch):
    monkeypatch.setenv(cache.DISABLE, "1")
    cache.policies([home])
    cache.policies([home])
    assert len(parses) == 2 and not cache.directory().exists()


def test_an_unwritable_cache_directory_still_gives_the_policies(home, tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert [p.id for p in cache.policies([home])] == ["minimal"]


def test_holiday_dates_are_computed_once_per_release_and_year(home):
    calls = []

    def compute(country, subdivision, year):
        calls.append(year)
        return (date(year, 1, 1),)

    assert cache.HolidayDates(compute, "r1").dates("MX", None, 2026) == (date(2026, 1, 1),)
    assert cache.HolidayDates(compute, "r1").dates("MX", None, 2026) == (date(2026, 1, 1),)
    cache.HolidayDates(compute, "r2").dates("MX", None, 2026)
    assert calls == [2026, 2026]
    assert json.loads((cache.directory() / "holidays.json").read_text())["dates"] == {"MX||2026": ["2026-01-01"]}


def test_holiday_dates_shared_by_threads_are_each_computed_once(home):
    # Many threads asking for many years at once: every answer right, each year computed once,
    # and what the file holds (writes are bounded per run) is right (a table copied while
    # another thread filled it used to fail).
    calls = []

    def compute(country, subdivision, year):
        calls.append(year)
        return (date(year, 1, 1), date(year, 12, 25))

    shared = cache.HolidayDates(compute, "r1")
    years = list(range(1990, 2090))
    with ThreadPoolExecutor(max_workers=16) as pool:
        answers = list(pool.map(lambda year: shared.dates("MX", None, year), years * 4))
    assert answers == [(date(y, 1, 1), date(y, 12, 25)) for y in years * 4]
    assert sorted(calls) == years
    stored = json.loads((cache.directory() / "holidays.json").read_text())["dates"]
    assert stored and all(stored[f"MX||{y}"] == [f"{y}-01-01", f"{y}-12-25"] for y in (int(k[4:]) for k in stored))


@pytest.mark.parametrize("value", ["relative/cache", "./cache", ""])
def test_a_relative_or_empty_xdg_cache_home_is_ignored(value, monkeypatch, tmp_path):
    # XDG Base Directory: "If an implementation encounters a relative path in any of these
    # variables it should consider the path invalid and ignore it."
    monkeypatch.setenv("HOME", str(tmp_path))
    assert cache.directory({"XDG_CACHE_HOME": value}) == tmp_path / ".cache" / "slactl"
    assert cache.directory({"XDG_CACHE_HOME": str(tmp_path / "x")}) == tmp_path / "x" / "slactl"


def test_planted_holiday_dates_that_are_not_dates_are_recomputed(home):
    cache.directory().mkdir(parents=True, mode=0o700)
    (cache.directory() / "holidays.json").write_text(
        json.dumps({"release": [cache.FORMAT, "r1"], "dates": {"MX||2026": ["__import__('os')"]}}))
    assert cache.HolidayDates(lambda c, s, y: (date(y, 5, 1),), "r1").dates("MX", None, 2026) == (date(2026, 5, 1),)


def test_the_bundled_policies_round_trip_through_the_cache(home):
    files = list(loader.expand(loader.bundled_paths()))
    cold = cache.policies(files)
    warm = cache.policies(files)
    assert warm == cold and warm is not cold


# -- files a policy names: iCalendar holidays (issue 17) ------------------------------------------

CALENDARS = Path(__file__).resolve().parents[1] / "testdata" / "calendars"


@pytest.fixture
def acme(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv(cache.DISABLE, raising=False)
    folder = tmp_path / "policies"
    folder.mkdir()
    for name in ("acme.yaml", "acme-holidays.ics"):
        (folder / name).write_bytes((CALENDARS / name).read_bytes())
    return folder


def _office_dates(policies) -> tuple:
    return policies.get("acme").calendar("office").ics_holidays.dates


def test_a_hit_builds_the_holidays_file_from_the_cache_without_reading_it(acme, parses, monkeypatch):
    cold = cache.policies([acme / "acme.yaml"])
    monkeypatch.setattr(loader, "attach_files", lambda document: pytest.fail("the holidays file was read again"))
    warm = cache.policies([acme / "acme.yaml"])
    assert len(parses) == 1 and _office_dates(warm) == _office_dates(cold) == (date(2026, 12, 30),)
    assert warm.get("acme").calendar("office").ics_holidays.spans == cold.get("acme").calendar("office").ics_holidays.spans


@pytest.mark.parametrize("change, dates", [
    pytest.param(lambda p: p.write_bytes(p.read_bytes().replace(b"20261230", b"20261229")), (date(2026, 12, 29),),
                 id="new content"),
    pytest.param(lambda p: os.utime(p, ns=(p.stat().st_atime_ns, p.stat().st_mtime_ns + 10**9)), (date(2026, 12, 30),),
                 id="a new mtime"),
])
def test_a_changed_holidays_file_is_read_again(acme, parses, change, dates):
    cache.policies([acme / "acme.yaml"])
    change(acme / "acme-holidays.ics")
    warm = cache.policies([acme / "acme.yaml"])
    assert len(parses) == 2 and _office_dates(warm) == dates


def test_a_holidays_file_that_disappears_is_reported_not_served_from_the_cache(acme):
    cache.policies([acme / "acme.yaml"])
    (acme / "acme-holidays.ics").unlink()
    with pytest.raises(PolicyError, match=r"acme\.yaml:\d+: cannot read holidays file 'acme-holidays.ics': No such file"):
        cache.policies([acme / "acme.yaml"])
