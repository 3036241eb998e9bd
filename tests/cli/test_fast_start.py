"""A single ticket imports only what it needs: no rich for --json, no PyYAML or holidays when
the policy set comes from the cache, no holidays for calendars without holidays, no pydantic
for options that are text or flags (``cli/coercion.py``). No timings."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from cli_helpers import modules_after

HOLIDAY_FREE = """slactl: 1
id: plain
name: Plain
timezone: UTC
calendars:
  office:
    hours: {mon-fri: "09:00-17:00"}
default_severity: high
severities:
  - id: high
    label: High
    targets:
      response: {max: 4h, calendar: office}
"""


def imported(tmp_path: Path, *argv: str) -> set[str]:
    """Top-level packages imported by ``slactl ARGV`` with the cache on."""
    env = {name: value for name, value in os.environ.items() if name != "SLACTL_NO_CACHE"}
    return {name.split(".")[0] for name in modules_after(str(tmp_path / "cache"), *argv, environ=env)}


def test_json_output_never_imports_rich(tmp_path):
    assert "rich" not in imported(tmp_path, "due", "ivcisa", "-s", "production-down", "--opened",
                                  "2026-11-21T03:00", "--json")


def test_a_warm_start_imports_neither_pyyaml_nor_holidays(tmp_path):
    argv = ("due", "ignus", "-s", "high", "--opened", "2026-11-20T18:30", "--json")
    imported(tmp_path, *argv)  # fills the policy and holiday caches
    assert imported(tmp_path, *argv) & {"yaml", "holidays", "rich"} == set()


def test_a_holiday_free_policy_never_imports_holidays(tmp_path):
    policy = tmp_path / "plain.yaml"
    policy.write_text(HOLIDAY_FREE)
    argv = ("--policies", str(policy), "due", "plain", "-s", "high", "--opened", "2026-11-20T10:00", "--json")
    assert "holidays" not in imported(tmp_path, *argv)  # cold: parsed and validated
    assert "holidays" not in imported(tmp_path, *argv)  # warm: from the cache


def test_the_table_view_still_uses_rich(tmp_path):
    pytest.importorskip("rich")
    assert "rich" in imported(tmp_path, "due", "ivcisa", "-s", "production-down", "--opened", "2026-11-21T03:00")


@pytest.mark.parametrize("argv", [
    ("due", "ignus", "-s", "high", "--opened", "2026-11-20T18:30", "--pause", "2026-11-20T10:00/2026-11-20T11:00",
     "--json"),
    ("due", "--input", "examples/tickets.csv", "--now", "2026-11-24T00:00"),
    ("--policies", "policies", "providers"),
    ("classify", "ignus", "el servidor de correo está caído", "--json"),
], ids=["due with a repeated option", "due --input", "providers with --policies", "classify"])
def test_text_and_flag_options_never_import_pydantic(tmp_path, argv):
    assert "pydantic" not in imported(tmp_path, *argv)
