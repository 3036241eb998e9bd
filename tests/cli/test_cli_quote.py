"""``slactl quote`` through the real entry point: exact JSON amounts, the human view, the
worklog file, and every error line with its exit code."""

from __future__ import annotations

import json

import pytest
from cli_helpers import run, run_json

EXAMPLE = ["--normalization", "5", "--mitigation", "10", "--guarantee", "2", "--on-demand-rate", "25"]


def amounts(document: dict) -> dict[str, str]:
    return {**{i["name"]: i["amount"] for i in document["invoices"]}, "total": document["total"]}


def test_the_issue_example_in_json(capsys):
    document = run_json(capsys, "quote", *EXAMPLE)
    # 2 × 35 = 70.00; 5 × 35 = 175.00; 10 × 25 = 250.00; total 495.00.
    assert document["currency"] == "USD"
    assert [(i["name"], i["hours"], i["rate"], i["amount"]) for i in document["invoices"]] == [
        ("guarantee", "2", "35.00", "70.00"), ("normalization", "5", "35.00", "175.00"),
        ("mitigation", "10", "25.00", "250.00")]
    assert document["total"] == "495.00"
    assert document["invoices"][2]["lines"] == [
        {"kind": "work", "date": None, "hours": "10", "rate": "25.00", "amount": "250.00"}]
    # "(a) ... situación de emergencia, (b) ... normalización (c) ... mitigar las causas (d) Horas de garantía".
    assert document["estimate"] == {"emergency_hours": "15", "normalization_hours": "5", "mitigation_hours": "10",
                                    "guarantee_hours": 2, "evaluation": {"within": "1h", "cost": "0.00"}}


JSON_CASES = [
    ("the guarantee defaults to one hour", ["--normalization", "1h30m"],
     {"guarantee": "35.00", "normalization": "52.50", "total": "87.50"}),
    ("ninety minutes are an hour and a half", ["--normalization", "90m", "--guarantee-mode", "waived"],
     {"normalization": "52.50", "total": "52.50"}),
    ("credited deducts the guarantee from normalization",
     ["--normalization", "5", "--guarantee", "2", "--guarantee-mode", "credited"],
     {"guarantee": "70.00", "normalization": "105.00", "total": "175.00"}),
    ("credited carries what normalization cannot absorb to mitigation",
     ["--normalization", "2", "--mitigation", "10", "--guarantee", "8", "--guarantee-mode", "credited",
      "--on-demand-rate", "25"],
     {"guarantee": "280.00", "normalization": "0.00", "mitigation": "40.00", "total": "320.00"}),
    ("waived drops the guarantee", ["--normalization", "5", "--guarantee", "3", "--guarantee-mode", "waived"],
     {"normalization": "175.00", "total": "175.00"}),
    ("a monthly plan bills its own rates and no guarantee",
     ["--normalization", "5", "--mitigation", "10", "--monthly-plan", "--express-rate", "30", "--on-demand-rate", "20"],
     {"normalization": "150.00", "mitigation": "200.00", "total": "350.00"}),
    ("twenty minutes round half-up to 11.67", ["--normalization", "20m", "--guarantee-mode", "waived"],
     {"normalization": "11.67", "total": "11.67"}),
]


@pytest.mark.parametrize("args, expected", [c[1:] for c in JSON_CASES], ids=[c[0] for c in JSON_CASES])
def test_json_amounts(capsys, args, expected):
    assert amounts(run_json(capsys, "quote", *args)) == expected


def test_the_human_view_names_currency_labels_and_total(capsys):
    code, out, err = run(capsys, "quote", *EXAMPLE)
    assert (code, err) == (0, "")
    for phrase in ["quote in USD (estimate)", "Invoice (2) normalization: Factura por la restitución y normalización",
                   "Bajo demanda (on-demand)", "Grand total (total general): 495.00 USD",
                   "2 h × 35.00 = 70.00 USD", "answered within 1h, cost 0.00 USD"]:
        assert phrase in out


def test_the_human_view_shows_a_credit(capsys):
    code, out, _ = run(capsys, "quote", "--normalization", "5", "--guarantee", "2", "--guarantee-mode", "credited")
    assert code == 0 and "-70.00" in out and "70.00 credited" in out


WORKLOG = """start,end,phase,note
2026-11-20T22:00,2026-11-21T02:00,normalization,restore
2026-11-21T02:00,2026-11-21T03:30,mitigation,patch
"""


def test_a_worklog_bills_one_line_per_day_per_phase(capsys, tmp_path):
    path = tmp_path / "w.csv"
    path.write_text(WORKLOG, encoding="utf-8")
    document = run_json(capsys, "quote", "--worklog", str(path), "--on-demand-rate", "20")
    normalization = document["invoices"][1]
    # 22:00-24:00 = 2 h × 35 = 70.00 on the 20th; 00:00-02:00 = 70.00 on the 21st; 1.5 h × 20 = 30.00.
    assert [(line["date"], line["hours"], line["amount"]) for line in normalization["lines"]] == [
        ("2026-11-20", "2", "70.00"), ("2026-11-21", "2", "70.00")]
    assert amounts(document) == {"guarantee": "35.00", "normalization": "140.00", "mitigation": "30.00",
                                 "total": "205.00"}
    assert (document["basis"], document["timezone"], document["estimate"]["emergency_hours"]) == (
        "worklog", "UTC", "5.5")


def test_tz_reads_the_worklog_but_the_daily_cut_stays_at_the_policys_midnight(capsys, tmp_path):
    # Seed 004: "Time Tracking, con cortes diarios"; comms lists the cut at midnight in the
    # policy's zone (express: UTC, assumed), and quote cuts at the same instant (issue 17).
    path = tmp_path / "w.csv"
    path.write_text("start,end,phase\n2026-11-20T22:00,2026-11-21T01:00,normalization\n", encoding="utf-8")
    document = run_json(capsys, "quote", "--worklog", str(path), "--tz", "America/Bogota")
    # 22:00-01:00 in Bogotá (UTC-5) is 03:00-06:00 UTC: all 3 h on the 21st (UTC).
    assert [(line["date"], line["hours"]) for line in document["invoices"][1]["lines"]] == [("2026-11-21", "3")]


def test_a_spreadsheet_bom_is_ignored(capsys, tmp_path):
    path = tmp_path / "w.csv"
    path.write_bytes("\ufeffstart,end,phase\n2026-11-20T10:00,2026-11-20T11:00,normalization\n".encode())
    assert amounts(run_json(capsys, "quote", "--worklog", str(path)))["normalization"] == "35.00"


def test_a_bad_worklog_lists_every_problem_and_bills_nothing(capsys, tmp_path):
    path = tmp_path / "w.csv"
    path.write_text("start,end,phase\n2026-11-20T10:00,2026-11-20T11:00,normalization\n"
                    "2026-11-20T10:30,2026-11-20T12:00,mitigation\n2026-11-20T15:00,2026-11-20T14:00,mitigation\n")
    code, out, err = run(capsys, "quote", "--worklog", str(path), "--json")
    assert (code, out) == (2, "")
    assert err.splitlines() == [
        f"{path}:3: overlaps line 2 (2026-11-20T10:00:00+00:00 to 2026-11-20T11:00:00+00:00)",
        f"{path}:4: end 2026-11-20T14:00 is before start 2026-11-20T15:00",
        f"slactl: error: 2 problem(s) in worklog {path}; nothing was billed"]


ERRORS = [
    ("negative hours", ["--normalization", "-1"], "--normalization: bad hours '-1'"),
    ("NaN hours", ["--mitigation", "nan"], "--mitigation: bad hours 'nan'"),
    ("infinite hours", ["--normalization", "inf"], "--normalization: bad hours 'inf'"),
    ("words for hours", ["--normalization", "five"], "write hours as 5, 1.5, 90m or 1h30m"),
    ("a fractional guarantee", ["--guarantee", "1.5"], "--guarantee: bad guarantee hours '1.5'"),
    ("a guarantee in minutes", ["--guarantee", "90m"], "write a whole number of hours"),
    ("nine guarantee hours", ["--guarantee", "9"], "guarantee hours must be a whole number from 1 to 8, got 9"),
    ("zero guarantee hours", ["--guarantee", "0"], "from 1 to 8, got 0"),
    ("a negative rate", ["--express-rate", "-35"], "--express-rate: bad rate '-35'"),
    ("a NaN rate", ["--on-demand-rate", "NaN"], "--on-demand-rate: bad rate 'NaN'"),
    ("an infinite rate", ["--express-rate", "inf"], "write an amount per hour such as 35 or 35.00"),
    ("a rate with fractions of a cent", ["--express-rate", "35.001"], "bad rate '35.001'"),
    ("mitigation without any on-demand rate", ["--mitigation", "3"],
     "pass --on-demand-rate R or set pricing.on_demand_rate in the policy file"),
    ("a monthly plan with a guarantee", ["--monthly-plan", "--guarantee", "2"], "a monthly plan asks no guarantee"),
    ("a monthly plan without its normalization rate", ["--monthly-plan", "--normalization", "2"],
     "give the plan's normalization rate with --express-rate"),
    ("a worklog and estimated hours together", ["--worklog", "pyproject.toml", "--normalization", "2"],
     "--worklog gives the hours: drop --normalization and --mitigation"),
    ("a provider without prices", ["--provider", "ignus"], "ignus publishes no prices"),
    ("an unknown provider", ["--provider", "expres"], "unknown provider 'expres'"),
    ("an unknown zone", ["--tz", "Mars/Olympus"], "--tz: unknown time zone 'Mars/Olympus'"),
    ("an unknown guarantee mode", ["--guarantee-mode", "refunded"], "--guarantee-mode"),
    ("a missing worklog file", ["--worklog", "no-such-file.csv"], "no-such-file.csv"),
]


@pytest.mark.parametrize("args, phrase", [c[1:] for c in ERRORS], ids=[f"{c[0]} is an input error" for c in ERRORS])
def test_input_errors(capsys, args, phrase):
    code, out, err = run(capsys, "quote", *args)
    assert code == 2 and out == ""
    assert err.startswith("slactl: error: ") and len(err.splitlines()) == 1
    assert phrase in err


def test_json_is_the_only_output(capsys):
    code, out, err = run(capsys, "quote", "--json")
    assert (code, err) == (0, "")
    assert json.loads(out)["total"] == "35.00"


def test_the_help_ends_with_a_pasteable_example(capsys):
    code, out, _ = run(capsys, "quote", "--help")
    assert code == 0
    assert "Example: slactl quote express --normalization 5 --mitigation 10 --guarantee 2 --on-demand-rate 25" in out
