"""`slactl providers`, `show` and `validate` through the real entry point: exit codes and output."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli_helpers import run, run_json
from slactl import __version__
from slactl.cli import cli

DATA = Path(__file__).resolve().parents[1] / "testdata" / "validate"
IDS = ["athento", "conecta", "express", "ignus", "ivcisa"]


def _slactl(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k != "SLACTL_POLICIES"}
    return subprocess.run([sys.executable, "-m", "slactl", *args], cwd=cwd, capture_output=True, text=True,
                          env={**environ, **(env or {})}, timeout=60)


def _row(output: str, *cells: str) -> bool:
    """True when one table row holds these cells in this order."""
    pattern = r"\|\s*" + r"\s*\|\s*".join(re.escape(c) for c in cells) + r"\s*\|"
    return re.search(pattern, output) is not None


# -- providers ---------------------------------------------------------------------------


def test_providers_json_lists_the_five_providers_with_severities_and_plans(capsys):
    listed = run_json(capsys, "providers")
    assert [p["id"] for p in listed] == IDS
    by_id = {p["id"]: p for p in listed}
    assert by_id["athento"]["plans"] == ["starter", "plus", "standard", "company", "enterprise"]
    assert by_id["athento"]["default_plan"] is None
    assert by_id["ivcisa"]["plans"] == ["24x7", "business-hours"]
    assert by_id["ivcisa"]["default_plan"] == "24x7"
    assert by_id["ignus"]["severities"] == ["urgent", "high", "medium", "low"]
    assert by_id["conecta"]["severities"] == ["total-outage", "partial-outage", "bug"]
    assert by_id["express"]["severities"] == ["emergency"]
    assert by_id["conecta"]["timezone"] == "America/Bogota"
    assert by_id["ivcisa"]["timezone"] == "-05:00"


def test_providers_table_marks_the_default_plan(capsys):
    code, out, err = run(capsys, "providers")
    assert (code, err) == (0, "")
    assert _row(out, "ignus", "Ignus Creative Solutions", "America/Mexico_City", "-", "urgent, high, medium, low")
    assert _row(out, "ivcisa", "IVCISA", "-05:00", "24x7*, business-hours")
    assert out.rstrip().endswith("* default plan")
    assert all(f"| {provider}" in out for provider in IDS)


# -- show --------------------------------------------------------------------------------


def test_show_json_athento_enterprise_critical_response_is_4h_on_enterprise(capsys):
    # 003: "Enterprise - 2 horas - 4 horas ..." (Critica is the second column), "Atención 8-20 LV"
    shown = run_json(capsys, "show", "athento", "--plan", "enterprise")
    assert [p["id"] for p in shown["plans"]] == ["enterprise"]
    assert shown["plans"][0]["contacts"] == 10 and shown["plans"][0]["tickets_per_year"] == 200
    critical = next(s for s in shown["severities"] if s["id"] == "critical")
    response = critical["targets"]["enterprise"][0]
    assert {k: response[k] for k in ("name", "bound", "max", "calendar", "text")} == {
        "name": "response", "bound": "max", "max": "4h", "calendar": "enterprise", "text": "< 4h"}
    enterprise = next(c for c in shown["calendars"] if c["name"] == "enterprise")
    assert enterprise["hours"] == "Mon-Fri 08:00-20:00; closed on ES public holidays"


def test_show_json_without_plan_gives_targets_for_every_plan(capsys):
    shown = run_json(capsys, "show", "athento")
    blocker = shown["severities"][0]
    assert list(blocker["targets"]) == ["starter", "plus", "standard", "company", "enterprise"]
    assert blocker["targets"]["starter"] == []
    assert [t["text"] for t in blocker["targets"]["plus"]] == ["< 8h", "< 10h"]


def test_show_json_policy_without_plans_keys_targets_by_star(capsys):
    # 000: "El tiempo de mitigación estimado es de 12 a 24 horas ... 24-48 horas laborables"
    shown = run_json(capsys, "show", "conecta")
    total = shown["severities"][0]
    assert [(t["name"], t["bound"], t["min"], t["max"], t["calendar"]) for t in total["targets"]["*"]] == [
        ("mitigation", "range", "12h", "24h", "24x7"), ("resolution", "range", "24h", "48h", "business")]
    partial = shown["severities"][1]
    assert [(t["bound"], t["text"]) for t in partial["targets"]["*"]] == [
        ("none", "No hay un tiempo de resolución estimado.")]


def test_show_json_express_pricing(capsys):
    # 004: "35 $USD Por hora"; "de una (1) a ocho (8) horas como garantía"
    pricing = run_json(capsys, "show", "express")["pricing"]
    assert (pricing["currency"], pricing["express_rate"]) == ("USD", "35.00")
    assert pricing["guarantee_hours"] == {"min": 1, "default": 1, "max": 8}
    # 004: the evaluation is given "sin ningún costo para usted"; "hasta tres facturas".
    assert pricing["evaluation_cost"] == "0.00"
    assert [invoice["id"] for invoice in pricing["invoices"]] == ["guarantee", "normalization", "mitigation"]


def test_show_plan_matches_the_label_ignoring_case(capsys):
    assert [p["id"] for p in run_json(capsys, "show", "athento", "--plan", "ENTERPRISE")["plans"]] == ["enterprise"]


def test_show_human_ivcisa_business_plan(capsys):
    # 001: "de lunes a viernes de 8am a 5:30pm GMT-5"; production down "< 2 hora"
    code, out, err = run(capsys, "show", "ivcisa", "--plan", "business-hours")
    assert (code, err) == (0, "")
    assert out.startswith("IVCISA (ivcisa) - time zone -05:00 - source 001_5be5b87c295edf56.txt\n")
    assert _row(out, "business", "Mon-Fri 08:00-17:30")
    assert _row(out, "business-hours", "production-down", "Sistema de producción inactivo – crítico",
                "response", "< 2h", "business")
    assert _row(out, "business-hours", "non-production", "Afectación de sistemas no productivo – no crítico",
                "response", "< 12h", "business")
    assert "| 24x7 (default)" not in out


def test_show_human_ignus(capsys):
    # 002: "Urgente 15 minutos 2 horas 24x7"; "lunes a viernes 8 - 19 hrs"
    code, out, err = run(capsys, "show", "ignus")
    assert (code, err) == (0, "")
    assert _row(out, "office", "Mon-Fri 08:00-19:00; closed on MX public holidays")
    assert _row(out, "urgent", "Urgente", "response", "< 15m", "24x7")
    assert _row(out, "high", "Alta", "resolution", "1d - 3d", "office")


# -- bad input: one line, exit 2 ---------------------------------------------------------


@pytest.mark.parametrize("args, message", [
    pytest.param(["show", "ignsu"],
                 "unknown provider 'ignsu'; did you mean 'ignus'? (choose from: athento, conecta, express, ignus, ivcisa)",
                 id="a misspelt provider suggests ignus"),
    pytest.param(["show", "athento", "--plan", "enterprize"],
                 "unknown plan 'enterprize' for athento; did you mean 'enterprise'? "
                 "(choose from: starter, plus, standard, company, enterprise)",
                 id="a misspelt plan suggests enterprise"),
    pytest.param(["show", "conecta", "--plan", "gold"], "conecta has no plans; drop --plan 'gold'",
                 id="a plan for a provider without plans"),
    pytest.param(["due", "athento", "--severity", "critical", "--opened", "2026-11-20T10:00"],
                 "athento has plans and no default: choose one with --plan (starter, plus, standard, company, enterprise)",
                 id="athento without --plan where one is needed lists the plans"),
])
def test_bad_input_is_one_line_and_exit_2(capsys, args, message):
    code, out, err = run(capsys, *args)
    assert (code, out, err) == (2, "", f"slactl: error: {message}\n")


# -- validate ----------------------------------------------------------------------------


def test_validate_prints_ok_per_file_and_exits_0(capsys):
    code, out, err = run(capsys, "validate", str(DATA / "good"))
    assert (code, err) == (0, "")
    assert out.splitlines() == [f"ok {DATA / 'good' / name}" for name in ("base.yaml", "full.yaml", "minimal.yaml")]


def test_validate_without_paths_checks_the_active_set(capsys, monkeypatch):
    monkeypatch.setenv("SLACTL_POLICIES", str(DATA / "good" / "minimal.yaml"))
    code, out, err = run(capsys, "validate")
    assert (code, out, err) == (0, f"ok {DATA / 'good' / 'minimal.yaml'}\n", "")


def test_validate_a_bad_directory_reports_every_file_and_exits_1(capsys):
    code, out, err = run(capsys, "validate", str(DATA / "bad"))
    files = len(list((DATA / "bad").glob("*.yaml")))
    assert (code, out) == (1, "")
    assert err.splitlines()[-1] == f"slactl: error: {files} invalid file(s)"
    assert all(re.match(r"^\S+\.yaml:\d+: \S", line) for line in err.splitlines()[:-1])


# -- version and help --------------------------------------------------------------------


def test_version(capsys):
    assert run(capsys, "--version") == (0, f"slactl {__version__}\n", "")


@pytest.mark.parametrize("command, example", [
    ("providers", "Example: slactl providers --json"),
    ("show", "Example: slactl show athento --plan enterprise"),
    ("validate", "Example: slactl validate policies/ my-policy.yaml"),
])
def test_help_ends_with_a_pasteable_example(command, example):
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert example in result.output


# -- end to end, from a directory that is not the checkout ------------------------------


def test_python_m_slactl_help(tmp_path):
    done = _slactl("--help", cwd=tmp_path)
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout.startswith("Usage: slactl [OPTIONS] COMMAND [ARGS]...")
    assert all(name in done.stdout for name in ("providers", "show", "validate"))


def test_bundled_set_validates_from_any_directory(tmp_path):
    done = _slactl("validate", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert [Path(line.removeprefix("ok ")).name for line in done.stdout.splitlines()] == [f"{i}.yaml" for i in IDS]


def test_unknown_provider_end_to_end_has_no_traceback(tmp_path):
    done = _slactl("show", "ignsu", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "slactl: error: unknown provider 'ignsu'; did you mean 'ignus'? "
        "(choose from: athento, conecta, express, ignus, ivcisa)\n")


def test_unknown_command_end_to_end_is_one_line(tmp_path):
    done = _slactl("bogus", cwd=tmp_path)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "slactl: error: no such command 'bogus'. (see slactl --help)\n"


def test_show_json_end_to_end_is_one_json_document(tmp_path):
    done = _slactl("show", "ignus", "--json", cwd=tmp_path)
    assert (done.returncode, done.stderr) == (0, "")
    assert json.loads(done.stdout)["id"] == "ignus"


def test_environment_variable_end_to_end(tmp_path):
    bad = DATA / "bad" / "anchor.yaml"
    done = _slactl("providers", cwd=tmp_path, env={"SLACTL_POLICIES": str(bad)})
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == f"{bad}:23: anchors and aliases (&, *) are not allowed in policy files\n"
