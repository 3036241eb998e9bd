"""What happened to a ticket, judged as the best help desks judge it, the same through the CLI,
the API and a ticket file. Instants are computed by hand in the comments.

Ignus (seed 002): "Alta | 1 hora | 1-3 Día | Horario oficina"; "Media | 1 día | 2-5 Días";
"Urgente | 15 minutos | 2 horas | 24x7"; office hours "lunes a viernes 8 - 19 hrs" in
America/Mexico_City (-06:00). 23-27 November 2026 is Monday to Friday, no Mexican holiday.
"""

from __future__ import annotations

import json

import pytest
from cli_helpers import run, run_json

from slactl import due as api_due
from slactl.policy import load as loader

POLICIES = loader.load(loader.bundled_paths())


def targets(result: dict) -> dict[str, dict]:
    return {t["name"]: t for t in result["targets"]}


def judged(capsys, *args: str) -> dict[str, dict]:
    return targets(run_json(capsys, "due", *args))


# -- done events and implied events ------------------------------------------------------------


def test_a_ticket_resolved_in_30_minutes_is_met_on_both_targets_and_passes_the_check(capsys):
    # The example: opened Mon 10:00, resolved 10:30. Response due 11:00 (1 h): the
    # resolution at 10:30 stands for the unrecorded response (implied). Resolution 1-3 d: due Thu 26 10:00.
    found = judged(capsys, "ignus", "-s", "high", "--opened", "2026-11-23T10:00", "--resolved", "2026-11-23T10:30",
                   "--now", "2026-11-30T10:00")
    assert (found["response"]["status"], found["response"]["implied"], found["response"]["done"]) == \
        ("met", True, "2026-11-23T10:30:00-06:00")
    assert (found["resolution"]["status"], found["resolution"]["due"]) == ("met", "2026-11-26T10:00:00-06:00")
    code, _, _ = run(capsys, "due", "ignus", "-s", "high", "--opened", "2026-11-23T10:00", "--resolved",
                     "2026-11-23T10:30", "--now", "2026-11-30T10:00", "--check")
    assert code == 0


def test_a_resolution_after_the_response_due_time_implies_a_late_response(capsys):
    # Response due 11:00; resolved 12:00 without a recorded response: missed by 1 h, implied.
    found = judged(capsys, "ignus", "-s", "high", "--opened", "2026-11-23T10:00", "--resolved", "2026-11-23T12:00")
    assert (found["response"]["status"], found["response"]["implied"], found["response"]["late"]) == ("missed", True, "1h")


def test_a_recorded_response_is_not_implied(capsys):
    found = judged(capsys, "ignus", "-s", "high", "--opened", "2026-11-23T10:00", "--responded", "2026-11-23T10:40",
                   "--resolved", "2026-11-23T12:00")
    assert (found["response"]["status"], found["response"]["implied"], found["response"]["took"]) == ("met", False, "40m")


FOLLOW_UP_POLICY = """\
slactl: 1
id: acme
name: Acme
timezone: America/Bogota
severities:
  - id: high
    label: High
    targets:
      response: {max: 2h, calendar: 24x7}
      follow-up: {max: 48h, calendar: 24x7, from: resolved}
"""


def test_a_follow_up_target_can_be_marked_done(capsys, tmp_path):
    # A policy whose follow-up is a deadline (48 h on 24x7 from the resolution): resolved Mon
    # 10:00, follow-up due Wed 25 10:00; followed up Tue 24 09:00: met.
    (tmp_path / "acme.yaml").write_text(FOLLOW_UP_POLICY)
    found = targets(run_json(capsys, "--policies", str(tmp_path / "acme.yaml"), "due", "acme", "-s", "high",
                             "--opened", "2026-11-23T08:00", "--responded", "2026-11-23T09:00",
                             "--resolved", "2026-11-23T10:00", "--followed-up", "2026-11-24T09:00",
                             "--now", "2026-12-01T00:00"))
    assert (found["follow-up"]["due"], found["follow-up"]["status"]) == ("2026-11-25T10:00:00-05:00", "met")


def test_ivcisas_follow_up_is_a_window_not_a_deadline(capsys):
    # IVCISA seed 001: "realiza el seguimiento correspondiente durante las siguientes 48 horas
    # posteriores a la resolución": follow-up owed during a window (slactl comms), which no
    # export records; a resolved ticket is not breached 48 h later for the lack of a record.
    found = judged(capsys, "ivcisa", "-s", "production-down", "--opened", "2026-11-23T08:00", "--responded",
                   "2026-11-23T09:00", "--resolved", "2026-11-23T10:00", "--now", "2026-12-01T00:00")
    assert "follow-up" not in found and found["response"]["status"] == "met"


# -- reopening ----------------------------------------------------------------------------------


def test_a_reopened_ticket_resumes_its_resolution_clock_where_it_stopped(capsys):
    # Resolution 1-3 d from Mon 10:00: Thu 26 10:00. Resolved Tue 10:00, reopened Tue 15:00: those
    # 5 business hours do not count, so due Thu 15:00; resolved again Thu 17:00: 2 h late.
    found = judged(capsys, "ignus", "-s", "high", "--opened", "2026-11-23T10:00", "--responded", "2026-11-23T10:30",
                   "--resolved", "2026-11-24T10:00", "--reopened", "2026-11-24T15:00", "--resolved", "2026-11-26T17:00")
    assert (found["resolution"]["due"], found["resolution"]["status"], found["resolution"]["late"]) == \
        ("2026-11-26T15:00:00-06:00", "missed", "2h")


def test_a_policy_may_restart_the_resolution_clock_at_the_reopening(tmp_path):
    text = (loader.bundled_paths()[0] / "ignus.yaml").read_text(encoding="utf-8")
    path = tmp_path / "ignus.yaml"
    path.write_text(text.replace("default_severity: medium\n", "on_reopen: restart\ndefault_severity: medium\n"))
    policies = loader.load([path])
    # Restarted at Tue 15:00: 3 business days later is Fri 27 15:00; resolved Thu 17:00: met.
    found = {d.target.name: d for d in api_due("ignus", "high", "2026-11-23T10:00", policies=policies,
                                               responded="2026-11-23T10:30",
                                               resolved=["2026-11-24T10:00", "2026-11-26T17:00"],
                                               reopened=["2026-11-24T15:00"])}
    assert found["resolution"].due.isoformat() == "2026-11-27T21:00:00+00:00"
    assert found["resolution"].status.value == "met"


def test_a_reopening_without_a_resolution_before_it_is_refused(capsys):
    code, _, err = run(capsys, "due", "ignus", "-s", "high", "--opened", "2026-11-23T10:00",
                       "--reopened", "2026-11-24T15:00")
    assert code == 2
    assert err == "slactl: error: --reopened must follow a --resolved each time (got 0 resolution(s) and 1 reopening(s))\n"


# -- statuses, severity changes, estimates, warnings -------------------------------------------


def test_athentos_pending_status_stops_the_clock(capsys):
    # Athento seed 003: "un ticket en estado pending"; Enterprise "Atención 8-20 LV", Critica
    # response "4 horas". Opened Mon 09:00 (Madrid); pending Mon 10:00 to Tue 10:00 stops the clock:
    # 1 h before, 3 h after Tue 10:00: due Tue 13:00 (+01:00).
    found = judged(capsys, "athento", "-s", "critical", "--plan", "enterprise", "--opened", "2026-11-23T09:00",
                   "--status", "2026-11-23T10:00=pending", "--status", "2026-11-24T10:00=open")
    assert found["response"]["due"] == "2026-11-24T13:00:00+01:00"


def test_an_unknown_status_suggests_the_close_ones(capsys):
    code, _, err = run(capsys, "due", "athento", "-s", "critical", "--plan", "enterprise", "--opened", "2026-11-23T09:00",
                       "--status", "2026-11-23T10:00=pendng")
    assert code == 2 and err.startswith("slactl: error: unknown status 'pendng' for athento; did you mean 'pending'")


def test_a_severity_change_judges_the_ticket_by_its_latest_severity_since_the_opening(capsys):
    # Opened Mon 10:00 as medium, urgent from 10:30: judged as urgent since 10:00 (24x7): response due
    # 10:15, resolution 12:00. The response at 10:20 came while medium was in force (due Tue 10:00):
    # met under it, it stays met. Resolved 13:00: 1 h past 12:00, missed.
    found = judged(capsys, "ignus", "-s", "medium", "--opened", "2026-11-23T10:00", "--severity-change",
                   "2026-11-23T10:30=urgent", "--responded", "2026-11-23T10:20", "--resolved", "2026-11-23T13:00")
    assert (found["response"]["due"], found["response"]["status"]) == ("2026-11-23T10:15:00-06:00", "met")
    assert (found["resolution"]["due"], found["resolution"]["status"], found["resolution"]["late"]) == \
        ("2026-11-23T12:00:00-06:00", "missed", "1h")


def test_conectas_mitigation_estimate_is_judged_as_an_estimate_and_never_fails_the_check(capsys):
    # Conecta seed 000: "El tiempo de mitigación estimado es de 12 a 24 horas" (24x7 assumed):
    # opened Mon 10:00, mitigated Tue 11:00: 1 h over the estimate. The resolution (24-48 business
    # hours, Mon-Fri 08-18 assumed) is due Fri 27 18:00 and still pending: --check passes.
    args = ("due", "conecta", "-s", "total-outage", "--opened", "2026-11-23T10:00", "--mitigated", "2026-11-24T11:00",
            "--now", "2026-11-24T12:00")
    found = judged(capsys, *args[1:])
    assert (found["mitigation"]["status"], found["mitigation"]["estimate"], found["mitigation"]["late"]) == \
        ("over-estimate", True, "1h")
    assert (found["resolution"]["due"], found["resolution"]["status"]) == ("2026-11-27T18:00:00-05:00", "pending")
    assert run(capsys, *args, "--check")[0] == 0


@pytest.mark.parametrize("warn, now, status", [
    ("75%", "2026-11-23T10:44", "pending"), ("75%", "2026-11-23T10:45", "at-risk"),
    ("10m", "2026-11-23T10:49", "pending"), ("10m", "2026-11-23T10:50", "at-risk"),
    ("75%", "2026-11-23T11:01", "breached"),
], ids=lambda value: str(value))
def test_a_warning_marks_a_target_at_risk_before_its_breach(capsys, warn, now, status):
    # Response 1 h from Mon 10:00: due 11:00. 75 % of it has elapsed at 10:45; 10 minutes before it is 10:50.
    found = judged(capsys, "ignus", "-s", "high", "--opened", "2026-11-23T10:00", "--warn", warn, "--now", now)
    assert found["response"]["status"] == status


def test_check_fails_on_at_risk_only_when_asked(capsys):
    args = ("due", "ignus", "-s", "high", "--opened", "2026-11-23T10:00", "--warn", "75%", "--now", "2026-11-23T10:50", "--check")
    assert run(capsys, *args)[0] == 0
    assert run(capsys, *args, "--fail-on", "at-risk")[0] == 1


def test_every_timed_target_says_how_much_of_it_has_elapsed(capsys):
    # 30 of the 60 minutes of the response at 10:30; resolution 1-3 d: 30 min of 33 business hours.
    found = judged(capsys, "ignus", "-s", "high", "--opened", "2026-11-23T10:00", "--now", "2026-11-23T10:30")
    assert found["response"]["elapsed_pct"] == 50.0
    assert found["resolution"]["elapsed_pct"] == round(100 * 0.5 / 33, 1)


# -- one rule for times --------------------------------------------------------------------------


def test_a_miss_after_closing_is_never_0_late(capsys):
    # Opened Mon 18:00: the response (1 h) is due at the 19:00 closing. Answered Tue 02:55, before
    # the 08:00 opening: 0 business minutes late, 7 h 55 min of wall time.
    code, out, _ = run(capsys, "due", "ignus", "-s", "high", "--opened", "2026-11-23T18:00", "--responded", "2026-11-24T02:55")
    assert code == 0
    cells = " ".join(part.strip(" |") for part in out.splitlines())
    assert "MISSED: done Tue 2026-11-24 02:55, after closing: 0 business minutes, 7 h 55 min wall" in " ".join(cells.split())
    found = judged(capsys, "ignus", "-s", "high", "--opened", "2026-11-23T18:00", "--responded", "2026-11-24T02:55")
    assert (found["response"]["late"], found["response"]["late_wall"]) == ("0m", "7h55m")


def test_now_before_opened_is_refused(capsys):
    code, _, err = run(capsys, "due", "ignus", "-s", "high", "--opened", "2026-11-23T10:00", "--now", "2026-11-23T09:00")
    assert code == 2 and err.startswith("slactl: error: --now is before --opened")


@pytest.mark.parametrize("command", ["due", "report"])
def test_a_file_refuses_an_opening_after_now_as_the_command_line_does(capsys, tmp_path, command):
    # Two tickets, one opened after --now: that one is a bad row (the flags would refuse it),
    # the other is judged; both integer and general paths say the same.
    path = tmp_path / "t.csv"
    path.write_text("id,provider,severity,opened\nA,ignus,high,2026-11-23T10:00\nB,ignus,high,2026-11-23T08:00\n")
    args = ["due", "--input", str(path)] if command == "due" else ["report", str(path)]
    code, _, err = run(capsys, *args, "--now", "2026-11-23T09:00")
    assert code == 1
    assert err.splitlines() == [
        f"{path}:2: opened 2026-11-23T10:00:00-06:00 is after --now 2026-11-23T09:00:00-06:00: nothing about it can be judged yet",
        "slactl: error: 1 of 2 rows skipped (bad input)"]


@pytest.mark.parametrize("args, message", [
    (["--resolved", "2026-11-23T11:00", "--followed-up", "2026-11-23T10:30"], "--followed-up is before --resolved"),
    (["--followed-up", "2026-11-23T10:30"], "--followed-up without --resolved: the follow-up starts at the resolution that stands"),
    (["--resolved", "2026-11-23T11:00", "--reopened", "2026-11-23T12:00", "--followed-up", "2026-11-23T12:30"],
     "--followed-up without --resolved: the follow-up starts at the resolution that stands"),
], ids=["before the resolution", "without one", "after a reopening"])
def test_a_follow_up_comes_after_the_resolution_it_follows(capsys, tmp_path, args, message):
    # A follow-up runs from the resolution (the target starts there), so one done before it, or
    # with no resolution standing, cannot be met.
    (tmp_path / "acme.yaml").write_text(FOLLOW_UP_POLICY)
    code, _, err = run(capsys, "--policies", str(tmp_path / "acme.yaml"), "due", "acme", "-s", "high",
                       "--opened", "2026-11-23T10:00", *args)
    assert (code, err) == (2, f"slactl: error: {message}\n")


def test_a_status_in_force_without_now_is_refused_not_judged_at_the_clock(capsys):
    # Without --now, due shows due times and never reads the clock; a pausing status still in
    # force has no end to count to, so it asks for --now (as the library and files do).
    code, _, err = run(capsys, "due", "ignus", "-s", "high", "--opened", "2026-11-23T10:00",
                       "--status", "2026-11-23T10:00=pending")
    assert (code, err) == (2, "slactl: error: the ticket is in status 'pending' since 2026-11-23T10:00:00-06:00, "
                              "which stops its clocks: give --now to judge it\n")
    # A status that ended, or a --now, is judged as before: pending 10:00-12:00, then 1 h: 13:00.
    found = judged(capsys, "ignus", "-s", "high", "--opened", "2026-11-23T10:00",
                   "--status", "2026-11-23T10:00=pending", "--status", "2026-11-23T12:00=open")
    assert found["response"]["due"] == "2026-11-23T13:00:00-06:00"


def test_a_zero_length_pause_is_accepted_and_changes_nothing(capsys):
    plain = judged(capsys, "ignus", "-s", "high", "--opened", "2026-11-23T10:00")
    paused = judged(capsys, "ignus", "-s", "high", "--opened", "2026-11-23T10:00", "--pause", "2026-11-23T10:10/2026-11-23T10:10")
    assert plain == paused


def test_now_inside_a_pause_is_the_judging_instant_not_the_machine_clock(capsys):
    # Paused 10:10 until now (10:40): 30 min stopped; the response is due 11:30.
    found = judged(capsys, "ignus", "-s", "high", "--opened", "2026-11-23T10:00", "--pause", "2026-11-23T10:10/now",
                   "--now", "2026-11-23T10:40")
    assert found["response"]["due"] == "2026-11-23T11:30:00-06:00"


def test_24_00_is_the_next_days_midnight_on_the_command_line_as_in_policies(capsys):
    # 2026-11-23T24:00 is Tue 00:00; the office opens at 08:00, so the response is due 09:00.
    result = run_json(capsys, "due", "ignus", "-s", "high", "--opened", "2026-11-23T24:00")
    assert result["opened"] == "2026-11-24T00:00:00-06:00"
    assert targets(result)["response"]["due"] == "2026-11-24T09:00:00-06:00"


def test_report_reads_a_naive_now_in_each_tickets_zone_like_due(capsys, tmp_path):
    # Athento Enterprise Critica resolution "1 día": opened Fri 20 19:30 Madrid, due Mon 23 19:30;
    # at --now 2026-11-26T12:00 (Madrid time, as due reads it) it is 3 business days late: Tue 12 h,
    # Wed 12 h, Thu 08:00-12:00 4 h, Mon 19:30-20:00 0.5 h = 28 h 30 min.
    path = tmp_path / "t.csv"
    path.write_text("id,provider,plan,severity,opened,responded\nT,athento,enterprise,critical,2026-11-20T19:30,2026-11-23T09:00\n")
    code, out, _ = run(capsys, "report", str(path), "--now", "2026-11-26T12:00", "--json")
    [miss] = json.loads(out)["misses"]
    assert miss["late"] == "28h30m"
    single = judged(capsys, "athento", "-s", "critical", "--plan", "enterprise", "--opened", "2026-11-20T19:30",
                    "--responded", "2026-11-23T09:00", "--now", "2026-11-26T12:00")
    assert single["resolution"]["late"] == "28h30m"


def test_report_refuses_since_after_until(capsys, tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("provider,severity,opened\nignus,high,2026-11-23T10:00\n")
    code, _, err = run(capsys, "report", str(path), "--since", "2026-12-01", "--until", "2026-11-01")
    assert (code, err) == (2, "slactl: error: --since is after --until\n")


@pytest.mark.parametrize("under, code", [(40.0, 0), (60.0, 1)], ids=["50% passes --fail-under 40", "50% fails --fail-under 60"])
def test_report_fail_under_fails_ci_below_the_threshold(capsys, tmp_path, under, code):
    path = tmp_path / "t.csv"
    path.write_text("provider,severity,opened,responded,resolved\n"
                    "ignus,high,2026-11-23T10:00,2026-11-23T10:30,2026-11-24T10:00\n"
                    "ignus,high,2026-11-23T10:00,2026-11-23T12:00,2026-11-24T10:00\n")
    assert run(capsys, "report", str(path), "--now", "2026-11-30T00:00", "--fail-under", str(under))[0] == code


def test_due_input_check_fails_when_a_ticket_is_breached(capsys, tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("provider,severity,opened\nignus,high,2026-11-23T10:00\n")
    assert run(capsys, "due", "--input", str(path), "--now", "2026-11-23T10:30", "--check")[0] == 0
    assert run(capsys, "due", "--input", str(path), "--now", "2026-11-23T11:30", "--check")[0] == 1


def test_due_input_with_json_says_to_use_format_jsonl(capsys, tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("provider,severity,opened\nignus,high,2026-11-23T10:00\n")
    code, _, err = run(capsys, "due", "--input", str(path), "--json")
    assert code == 2 and "use --format jsonl" in err


# -- the event form ------------------------------------------------------------------------------

EVENTS = """time,event,id,value,provider,plan
2026-11-23T10:00,opened,T-1,high,ignus,
2026-11-23T10:00,opened,T-2,critical,athento,enterprise
2026-11-23T10:40,responded,T-1,,,
2026-11-24T10:00,resolved,T-1,,,
2026-11-23T09:30,responded,T-3,,,
2026-11-24T15:00,reopened,T-1,,,
2026-11-23T11:00,status,T-2,pending,,
2026-11-26T17:00,resolved,T-1,,,
2026-11-24T11:00,status,T-2,open,,
2026-11-23T09:00,opened,T-3,urgente,ignus,
2026-11-23T12:00,resolvd,T-4,,,
"""


def test_an_event_log_folds_into_tickets_judged_like_ticket_rows(capsys, tmp_path):
    path = tmp_path / "events.csv"
    path.write_text(EVENTS)
    code, out, err = run(capsys, "due", "--input", str(path), "--now", "2026-11-30T00:00", "--format", "jsonl")
    rows = {row["id"]: row for row in map(json.loads, out.splitlines())}
    # T-1 as in the reopening test above: resolution due Thu 15:00, resolved 17:00, 2 h late.
    assert (rows["T-1"]["resolution_due"], rows["T-1"]["resolution_status"], rows["T-1"]["resolution_late"]) == \
        ("2026-11-26T15:00:00-06:00", "missed", "2h")
    # T-2: Athento Enterprise Critica response 4 h from Mon 10:00 (Madrid), pending 11:00 to Tue 11:00:
    # 1 h before, 3 h after: due Tue 14:00.
    assert rows["T-2"]["response_due"] == "2026-11-24T14:00:00+01:00"
    # T-3's response came before its opened row in the file: order in the file does not matter.
    assert rows["T-3"]["response_status"] == "missed"
    assert code == 1 and err.splitlines()[0].endswith(":12: unknown event 'resolvd'; did you mean 'resolved' or 'responded'? "
                                                      "(choose from: opened, responded, mitigated, resolved, reopened, "
                                                      "followed_up, status, severity, pause, resume)")
