"""``slactl comms`` through the real CLI: the JSON contract, sorting, open-ended listings,
--until, the human view, the iCalendar file and the error lines."""

from __future__ import annotations

import json
import os
from datetime import timedelta

import pytest
from cli_helpers import run, run_json
from icalendar import Calendar

TOTAL = ["conecta", "-s", "total-outage", "--opened", "2026-11-23T10:00"]
RESOLVED = [*TOTAL, "--resolved", "2026-11-24T02:00"]


def comms(capsys, *args):
    return run_json(capsys, "comms", *args)


def test_json_contract(capsys):
    document = comms(capsys, *RESOLVED)
    assert {k: document[k] for k in ("provider", "plan", "severity", "opened", "resolved", "until", "open_ended",
                                     "timezone")} == {
        "provider": "conecta", "plan": None, "severity": "total-outage", "opened": "2026-11-23T10:00:00-05:00",
        "resolved": "2026-11-24T02:00:00-05:00", "until": None, "open_ended": False, "timezone": "America/Bogota"}
    first = document["communications"][0]
    assert first["at"] == "2026-11-23T10:00:00-05:00" and first["channel"] == "status-page"
    assert first["recurring"] is False and first["rule"] == "at the opening"
    assert first["source"].startswith("Si se replica el error")
    update = document["communications"][1]
    assert {k: update[k] for k in ("at", "channel", "recurring", "index", "every", "rule")} == {
        "at": "2026-11-23T14:00:00-05:00", "channel": "status-page", "recurring": True, "index": 1, "every": "4h",
        "rule": "every 4h from the opening (#1)"}


def test_channels_are_from_the_documented_list(capsys):
    allowed = {"status-page", "bulletin", "notification", "post-mortem", "follow-up", "report", "ticket"}
    for argv in (RESOLVED, ["ivcisa", "-s", "production-down", "--opened", "2026-11-21T03:00"],
                 ["express", "-s", "emergency", "--opened", "2026-11-22T23:30"]):
        assert {c["channel"] for c in comms(capsys, *argv)["communications"]} <= allowed


def test_communications_are_sorted_by_time(capsys):
    items = comms(capsys, *RESOLVED)["communications"]
    # "cada 4 horas" and "cada 12 horas" from 10:00, stopped by the resolution at 02:00.
    assert [(c["at"][11:16], c["channel"], c["recurring"]) for c in items] == [
        ("10:00", "status-page", False),
        ("14:00", "status-page", True),
        ("18:00", "status-page", True),
        ("22:00", "status-page", True),
        ("22:00", "bulletin", True),
        ("02:00", "status-page", False),
        ("02:00", "bulletin", False),
        ("02:00", "post-mortem", False),
    ]


def test_unresolved_is_open_ended_over_72_hours_by_default(capsys):
    document = comms(capsys, *TOTAL)
    assert document["open_ended"] is True and document["until"] == "2026-11-26T10:00:00-05:00"
    recurring = [c for c in document["communications"] if c["recurring"]]
    assert len(recurring) == 18 + 6  # every 4 h and every 12 h over 72 h
    assert recurring[-1]["at"] == "2026-11-26T10:00:00-05:00"
    untimed = [c for c in document["communications"] if c["at"] is None]
    assert [c["channel"] for c in untimed] == ["status-page", "bulletin", "post-mortem"]
    assert all(c["reason"] == "not resolved yet (pass --resolved)" for c in untimed)


def test_until_shortens_the_listing(capsys):
    document = comms(capsys, *TOTAL, "--until", "2026-11-23T22:00")
    assert document["until"] == "2026-11-23T22:00:00-05:00"
    assert [c["at"][11:16] for c in document["communications"] if c["recurring"]] == ["14:00", "18:00", "22:00", "22:00"]


def test_window_items_carry_their_end(capsys):
    document = comms(capsys, "ivcisa", "-s", "production-down", "--opened", "2026-11-21T03:00",
                     "--resolved", "2026-11-21T09:00")
    follow_up = next(c for c in document["communications"] if c["channel"] == "follow-up")
    assert follow_up["at"] == "2026-11-21T09:00:00-05:00" and follow_up["until"] == "2026-11-23T09:00:00-05:00"
    assert follow_up["rule"] == "during the 48h after resolution"


def test_tz_shows_times_in_another_zone(capsys):
    document = comms(capsys, *RESOLVED, "--tz", "UTC")
    assert document["timezone"] == "UTC" and document["communications"][0]["at"] == "2026-11-23T15:00:00+00:00"


def test_athento_with_a_plan(capsys):
    # athento: Enterprise "Atención 8-20 LV", "Critica 4 horas".
    document = comms(capsys, "athento", "--plan", "enterprise", "-s", "critical", "--opened", "2026-11-20T19:30")
    assert document["plan"] == "enterprise"
    assert document["communications"][0]["at"] == "2026-11-23T11:30:00+01:00"


def test_human_view_explains_itself(capsys):
    code, out, err = run(capsys, "comms", *TOTAL, "--until", "2026-11-23T22:00")
    assert code == 0 and err == ""
    assert "Mon 2026-11-23 14:00" in out and "every 4h from the opening (#1)" in out
    assert "Open-ended: the incident is unresolved, so the recurring items go on until it is resolved" in out
    assert "status-page every 4h from the opening; bulletin every 12h from the opening" in " ".join(out.split())
    assert "not resolved yet (pass --resolved)" in out
    assert "“Reportamos en el estado del servicio cada 4 horas”" in out


def test_human_view_of_a_resolved_incident_is_not_open_ended(capsys):
    code, out, _ = run(capsys, "comms", *RESOLVED)
    assert code == 0 and "Open-ended" not in out and "Informe post mortem" in out


def test_ics_file_parses_back_with_one_event_per_timed_item(capsys, tmp_path):
    target = tmp_path / "outage.ics"
    code, out, err = run(capsys, "comms", *TOTAL, "--until", "2026-11-23T22:00", "--ics", str(target))
    assert code == 0, err
    assert f"wrote 5 event(s) to {target}; 3 item(s) without a time are not in it" in out
    calendar = Calendar.from_ical(target.read_bytes())
    events = calendar.walk("VEVENT")
    # The public case at 10:00 (15:00 UTC), updates at 14:00, 18:00, 22:00 and the bulletin at 22:00.
    starts = [e.decoded("dtstart").isoformat() for e in events]
    assert starts == ["2026-11-23T15:00:00+00:00", "2026-11-23T19:00:00+00:00", "2026-11-23T23:00:00+00:00",
                      "2026-11-24T03:00:00+00:00", "2026-11-24T03:00:00+00:00"]
    assert str(events[1]["summary"]) == "[status-page] Conecta .NET total-outage: Actualización del estado del servicio."
    assert len({str(e["uid"]) for e in events}) == 5
    assert all(e.walk("VALARM") and str(e.walk("VALARM")[0]["action"]) == "DISPLAY" for e in events)
    assert "Reportamos en el estado del servicio cada 4 horas" in str(events[1]["description"])
    assert [p.name for p in tmp_path.iterdir()] == ["outage.ics"]  # no temporary file left


def test_ics_to_stdout_is_the_calendar_alone(capsys, tmp_path):
    # `--ics -` pipes the calendar somewhere: nothing but it on stdout (no table, no "wrote").
    code, out, err = run(capsys, "comms", *TOTAL, "--until", "2026-11-23T22:00", "--ics", "-")
    assert (code, err) == (0, "")
    assert out.startswith("BEGIN:VCALENDAR") and out.rstrip().endswith("END:VCALENDAR")
    assert len(Calendar.from_ical(out.encode()).walk("VEVENT")) == 5


def test_ics_uids_are_stable_across_runs(capsys, tmp_path):
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    run(capsys, "comms", *RESOLVED, "--ics", str(first))
    run(capsys, "comms", *RESOLVED, "--ics", str(second))
    uids = [[str(e["uid"]) for e in Calendar.from_ical(p.read_bytes()).walk("VEVENT")] for p in (first, second)]
    assert uids[0] == uids[1] and len(uids[0]) == 8


def test_ics_window_has_an_end(capsys, tmp_path):
    target = tmp_path / "ivcisa.ics"
    code, _, err = run(capsys, "comms", "ivcisa", "-s", "production-down", "--opened", "2026-11-21T03:00",
                       "--resolved", "2026-11-21T09:00", "--ics", str(target))
    assert code == 0, err
    follow_up = next(e for e in Calendar.from_ical(target.read_bytes()).walk("VEVENT")
                     if "[follow-up]" in str(e["summary"]))
    assert follow_up.decoded("dtend") - follow_up.decoded("dtstart") == timedelta(hours=48)


def test_ics_force_replaces_an_existing_file(capsys, tmp_path):
    target = tmp_path / "outage.ics"
    target.write_text("old")
    code, _, err = run(capsys, "comms", *RESOLVED, "--ics", str(target), "--force")
    assert code == 0, err
    assert len(Calendar.from_ical(target.read_bytes()).walk("VEVENT")) == 8


def test_existing_file_is_kept_without_force(capsys, tmp_path):
    target = tmp_path / "outage.ics"
    target.write_text("old")
    code, out, err = run(capsys, "comms", *RESOLVED, "--ics", str(target))
    assert code == 2 and out == ""
    assert err == f"slactl: error: {target} already exists; pass --force to replace it\n"
    assert target.read_text() == "old"
    assert sorted(os.listdir(tmp_path)) == ["outage.ics"]


ERRORS = [
    ("resolved before opened is refused", [*TOTAL, "--resolved", "2026-11-23T09:00"], "--resolved is before --opened"),
    ("until before opened is refused", [*TOTAL, "--until", "2026-11-23T09:00"], "--until is before --opened"),
    ("until with resolved is refused", [*RESOLVED, "--until", "2026-11-25T00:00"],
     "--until is for an unresolved incident: with --resolved the schedule ends at the resolution"),
    ("json and ics together are refused", [*TOTAL, "--json", "--ics", "x.ics"],
     "--json and --ics cannot be combined: choose one output"),
    ("athento without a plan names the plans", ["athento", "-s", "critical", "--opened", "2026-11-20T19:30"],
     "choose one with --plan (starter, plus, standard, company, enterprise)"),
    ("an unknown severity lists the choices", ["conecta", "-s", "meltdown", "--opened", "2026-11-20T19:30"],
     "unknown severity 'meltdown'"),
    ("a malformed time says how to write one", ["conecta", "-s", "bug", "--opened", "23/11/2026"], "bad --opened '23/11/2026'"),
    ("a listing too long is refused", [*TOTAL, "--until", "2027-11-23T10:00"], "choose a nearer --until"),
]


@pytest.mark.parametrize("argv, phrase", [e[1:] for e in ERRORS], ids=[e[0] for e in ERRORS])
def test_errors_are_one_line(capsys, argv, phrase):
    code, out, err = run(capsys, "comms", *argv)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("slactl: error: ")
    assert phrase in err


def test_unwritable_directory_is_an_input_error(capsys, tmp_path):
    code, out, err = run(capsys, "comms", *RESOLVED, "--ics", str(tmp_path / "missing" / "x.ics"))
    assert code == 2 and out == "" and err.startswith("slactl: error: cannot write ")


def test_json_is_one_document(capsys):
    code, out, _ = run(capsys, "comms", *RESOLVED, "--json")
    assert code == 0 and json.loads(out)["severity"] == "total-outage"


def test_ics_uids_of_a_reopened_incident_are_unique_and_keep_the_first_resolutions(capsys, tmp_path):
    """The items of the resolution a reopening undid keep the UIDs they had before the
    reopening (a calendar that imported them updates rather than duplicates); the resolution
    after the reopening gets UIDs of its own."""
    before, after = tmp_path / "before.ics", tmp_path / "after.ics"
    opened = ["conecta", "-s", "total-outage", "--opened", "2026-11-23T09:00", "--resolved", "2026-11-23T12:00"]
    run(capsys, "comms", *opened, "--ics", str(before))
    code, _, err = run(capsys, "comms", *opened, "--reopened", "2026-11-23T14:00", "--resolved", "2026-11-24T01:00",
                       "--ics", str(after))
    assert code == 0, err
    first = {str(e["uid"]): e.decoded("dtstart") for e in Calendar.from_ical(before.read_bytes()).walk("VEVENT")}
    events = Calendar.from_ical(after.read_bytes()).walk("VEVENT")
    second = {str(e["uid"]): e.decoded("dtstart") for e in events}
    assert len(second) == len(events) == 9  # opening, 3 at 12:00, updates 18:00 and 22:00, 3 at 01:00
    assert all(second[uid] == start for uid, start in first.items())
