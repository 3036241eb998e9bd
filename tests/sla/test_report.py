"""``slactl report``: compliance per provider, plan and severity over a ticket export.
Due times are the worked examples of docs/deadlines.md (ignus seed: "Alta | 1 hora | 1-3 Día |
Horario oficina", "lunes a viernes 8 - 19 hrs")."""

from __future__ import annotations

import json
from collections import Counter
from datetime import timedelta

import pytest
from cli_helpers import run

from slactl.sla.report import quantile

HEADER = "id,provider,severity,plan,opened,pauses,responded,resolved\n"
# ignus high opened Fri 2026-11-20 18:30: response due Mon 08:30, resolution due Wed 18:30.
EXPORT = HEADER + "\n".join([
    "MET,ignus,high,,2026-11-20T18:30,,2026-11-23T08:20,2026-11-25T18:00",     # both in time
    "LATE,ignus,high,,2026-11-20T18:30,,2026-11-23T09:30,2026-11-25T18:00",    # response 1 h late
    "OPEN,ignus,high,,2026-11-20T18:30,,,",                                     # nothing done by Tue: breached
    "SOON,ignus,high,,2026-11-23T18:30,,,",                                     # due Tue 08:30: pending
    "OLD,ignus,high,,2026-10-01T10:00,,2026-10-01T10:10,2026-10-01T12:00",     # before --since
    "Z,ivcisa,production-down,,2026-11-21T03:00,,2026-11-21T04:00,",            # 24x7, response 2 h: met
]) + "\n"
NOW = "2026-11-24T06:00Z"  # Tue 00:00 in Mexico City


@pytest.fixture
def export(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text(EXPORT)
    return str(path)


def report(capsys, export, *more):
    code, out, err = run(capsys, "report", export, "--now", NOW, "--since", "2026-11-01", "--json", *more)
    assert (code, err) == (0, "")
    return json.loads(out)


def test_each_group_counts_met_missed_breached_and_pending(capsys, export):
    document = report(capsys, export)
    (ignus,) = [g for g in document["groups"] if g["provider"] == "ignus"]
    assert {k: ignus[k] for k in ("tickets", "met", "missed", "breached", "pending")} == {
        "tickets": 4, "met": 1, "missed": 1, "breached": 1, "pending": 1}
    assert ignus["compliance"] == pytest.approx(100 / 3, abs=0.01)


def test_times_to_response_are_business_time_nearest_rank(capsys, export):
    (ignus,) = [g for g in report(capsys, export)["groups"] if g["provider"] == "ignus"]
    # MET: Fri 18:30-19:00 + Mon 08:00-08:20 = 50 min; LATE: 30 min + 1 h 30 min = 2 h.
    assert (ignus["response_median"], ignus["response_p90"]) == ("50m", "2h")


def test_misses_say_how_late_in_business_time(capsys, export):
    misses = {(m["id"], m["target"]): m for m in report(capsys, export)["misses"]}
    assert misses[("LATE", "response")]["status"] == "missed"
    assert misses[("LATE", "response")]["late"] == "1h"
    # OPEN: response due Mon 08:30; at Tue 00:00 it is Mon 08:30-19:00 late = 10 h 30 min.
    assert misses[("OPEN", "response")]["status"] == "breached"
    assert misses[("OPEN", "response")]["late"] == "10h30m"


def test_since_and_until_filter_on_opening(capsys, export):
    # Fri 18:30 in Mexico City is Sat 00:30Z; --until is exclusive.
    assert report(capsys, export, "--until", "2026-11-21T00:30Z")["total"]["tickets"] == 0
    assert report(capsys, export, "--until", "2026-11-21T00:31Z")["total"]["tickets"] == 3  # MET, LATE, OPEN


def test_the_table_view_has_the_groups_and_a_bar_chart(capsys, export):
    code, out, _ = run(capsys, "report", export, "--now", NOW)
    assert code == 0
    assert "SLA compliance" in out and "ignus" in out and "Misses (" in out and "█" in out


def test_bad_rows_are_reported_and_exit_1(capsys, tmp_path):
    path = tmp_path / "e.csv"
    path.write_text(HEADER + "X,nope,high,,2026-11-20T18:30,,,\n")
    code, out, err = run(capsys, "report", str(path), "--json")
    assert code == 1 and json.loads(out)["total"]["tickets"] == 0
    assert err.splitlines()[0].startswith(f"{path}:2: unknown provider")


QUANTILES = [
    ("the median of an odd count is the middle value", [1, 2, 3], 0.5, 2),
    ("the median of an even count is the lower middle (nearest rank)", [1, 2, 3, 4], 0.5, 2),
    ("p90 of ten values is the ninth", list(range(1, 11)), 0.9, 9),
    ("p90 of one value is that value", [7], 0.9, 7),
]


@pytest.mark.parametrize("values, q, expected", [c[1:] for c in QUANTILES], ids=[c[0] for c in QUANTILES])
def test_quantiles(values, q, expected):
    assert quantile(Counter(values), q) == timedelta(seconds=expected)


def test_no_values_no_quantile():
    assert quantile(Counter(), 0.5) is None


def test_report_agrees_with_due_input_on_every_ticket(capsys, tmp_path):
    """Both commands over one generated file (every provider, plan and severity; pauses, done
    times, Madrid's DST days): report's verdict counts are those the due rows imply."""
    import csv as csv_module
    import sys
    from collections import Counter
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    import tickets as generator

    path = tmp_path / "tickets.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv_module.writer(handle)
        writer.writerow(generator.COLUMNS)
        writer.writerows(generator.tickets(1500))
    code, out, _ = run(capsys, "due", "--input", str(path), "--now", "2027-01-01T00:00", "--format", "jsonl")
    assert code == 0
    expected: Counter = Counter()
    for row in map(json.loads, out.splitlines()):
        statuses = [row[f"{t}_status"] for t in ("evaluation", "response", "mitigation", "resolution", "follow_up")
                    if row[f"{t}_due"] and row[f"{t}_status"] not in ("within-estimate", "over-estimate")]
        verdict = ("untimed" if not statuses else "missed" if "missed" in statuses else "breached" if "breached" in statuses
                   else "met" if all(s == "met" for s in statuses) else "pending")
        expected[(row["provider"], row["plan"], row["severity"], verdict)] += 1
    code, out, _ = run(capsys, "report", str(path), "--now", "2027-01-01T00:00", "--json")
    found: Counter = Counter()
    for group in json.loads(out)["groups"]:
        for verdict in ("met", "missed", "breached", "pending", "untimed"):
            if group[verdict]:
                found[(group["provider"], group["plan"], group["severity"], verdict)] += group[verdict]
    assert found == expected and sum(found.values()) == 1500


def test_report_json_gives_now_as_the_tickets_were_judged_and_counts_skipped_rows(capsys, tmp_path):
    """A naive --now is read in each provider's zone (docs/batch.md), so JSON cannot give it as
    a UTC instant; an instant with an offset stays one. Skipped rows are counted in JSON too."""
    path = tmp_path / "t.csv"
    path.write_text("id,provider,severity,opened\nA,ignus,high,2026-11-02T10:00\nB,nope,high,2026-11-02T10:00\n")
    for given, shown in (("2026-11-30T00:00", "2026-11-30T00:00:00"), ("2026-11-30T00:00Z", "2026-11-30T00:00:00+00:00")):
        code, out, err = run(capsys, "report", str(path), "--now", given, "--json")
        document = json.loads(out)
        assert code == 1 and "1 of 2 rows skipped" in err
        assert (document["now"], document["rows"], document["skipped"]) == (shown, 2, 1)


@pytest.mark.parametrize("given", ["50", "50%", " 50 % "])
def test_fail_under_takes_a_percentage_with_or_without_its_sign(capsys, tmp_path, given):
    """`--warn 75%` takes the sign; so does `--fail-under` (a tester's `--fail-under 50%` was refused).
    One breached ticket: compliance 0 %, below 50 %: exit 1 and the one line saying so."""
    path = tmp_path / "t.csv"
    path.write_text("id,provider,severity,opened\nA,ignus,high,2026-11-02T10:00\n")
    code, _, err = run(capsys, "report", str(path), "--now", "2026-11-30T00:00", "--fail-under", given)
    assert (code, err) == (1, "slactl: error: compliance 0.0% is below --fail-under 50%\n")
