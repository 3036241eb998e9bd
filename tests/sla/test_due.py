"""``slactl due`` through the real CLI: worked examples from the seeds, every bound, pauses,
--now/--check, DST and the error lines."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from cli_helpers import run, run_json


def targets(capsys, *args):
    document = run_json(capsys, "due", *args)
    return {t["name"]: t for t in document["targets"]}, document


# (id, argv, target, expected earliest, expected due)
WORKED = [
    # ignus seed: "Alta | 1 hora | 1-3 Día | Horario oficina" and "lunes a viernes 8 - 19 hrs".
    ("ignus high opened Friday 18:30 has its response due Monday 08:30",
     ["ignus", "-s", "high", "--opened", "2026-11-20T18:30"], "response", None, "2026-11-23T08:30:00-06:00"),
    ("ignus high opened Friday 18:30 resolves between Monday 18:30 and Wednesday 18:30",
     ["ignus", "-s", "high", "--opened", "2026-11-20T18:30"], "resolution",
     "2026-11-23T18:30:00-06:00", "2026-11-25T18:30:00-06:00"),
    # Mon 2026-11-16 is Mexico's Revolution Day (third Monday of November), from `holidays`.
    ("ignus high opened Friday 13th 18:30 skips the Monday holiday: due Tuesday 08:30",
     ["ignus", "-s", "alta", "--opened", "2026-11-13T18:30"], "response", None, "2026-11-17T08:30:00-06:00"),
    # ignus seed: "Urgente | 15 minutos | 2 horas | 24x7".
    ("ignus urgent opened Saturday 23:50 is answered by Sunday 00:05 on 24x7",
     ["ignus", "-s", "urgente", "--opened", "2026-11-21T23:50"], "response", None, "2026-11-22T00:05:00-06:00"),
    ("ignus medium opened Monday 08:00 gets its one-day response by Monday 19:00 (the closing edge)",
     ["ignus", "-s", "medium", "--opened", "2026-11-23T08:00"], "response", None, "2026-11-23T19:00:00-06:00"),
    # athento seed: Enterprise "Atención 8-20 LV", Critica response "4 horas".
    ("athento enterprise critical opened Friday 19:30 Madrid is due Monday 11:30",
     ["athento", "--plan", "enterprise", "-s", "critical", "--opened", "2026-11-20T19:30"], "response", None,
     "2026-11-23T11:30:00+01:00"),
    # athento seed: Plus "Atención de 10-14 LV", Bloqueante response "8 horas" = two 4-hour days.
    ("athento plus blocker opened Monday 10:00 is answered by Monday... no, Tuesday 14:00",
     ["athento", "--plan", "plus", "-s", "bloqueante", "--opened", "2026-11-23T10:00"], "response", None,
     "2026-11-24T14:00:00+01:00"),
    # Trivial on Enterprise: "> 2 días" is a lower bound only, no committed deadline.
    ("athento enterprise trivial response is a lower bound only: earliest two business days later, no due",
     ["athento", "--plan", "enterprise", "-s", "trivial", "--opened", "2026-11-23T08:00"], "response",
     "2026-11-24T20:00:00+01:00", None),
    # ivcisa seed: "Sistema de producción inactivo – crítico: < 2 hora", 24x7 "todos los días del año".
    ("ivcisa production-down on the 24x7 plan opened Saturday 03:00 is due 05:00",
     ["ivcisa", "-s", "production-down", "--opened", "2026-11-21T03:00"], "response", None,
     "2026-11-21T05:00:00-05:00"),
    # ivcisa seed: "lunes a viernes de 8am a 5:30pm GMT-5" for the non-24x7 plan.
    ("ivcisa production-down on business hours opened Saturday 03:00 is due Monday 10:00",
     ["ivcisa", "--plan", "business-hours", "-s", "production-down", "--opened", "2026-11-21T03:00"], "response",
     None, "2026-11-23T10:00:00-05:00"),
    # "Soporte 24×7 aplica solo para ambientes productivos": non-production counts business hours on 24x7 too.
    # Friday 17:00-17:30 gives 0.5 h, Monday 9.5 h, Tuesday 08:00-10:00 the last 2 h.
    ("ivcisa non-production on the 24x7 plan counts business hours: Friday 17:00 + 12h is Tuesday 10:00",
     ["ivcisa", "-s", "non-production", "--opened", "2026-11-20T17:00"], "response", None,
     "2026-11-24T10:00:00-05:00"),
    # conecta seed: "El tiempo de mitigación estimado es de 12 a 24 horas" (24x7).
    ("conecta total outage opened 10:00 mitigates between 22:00 and 10:00 next day",
     ["conecta", "-s", "caida-total", "--opened", "2026-11-23T10:00"], "mitigation",
     "2026-11-23T22:00:00-05:00", "2026-11-24T10:00:00-05:00"),
    # conecta seed: "24-48 horas laborables" on the assumed Mon-Fri 08-18 calendar (10 h a day).
    ("conecta total outage opened Monday 10:00 resolves between Wednesday 14:00 and Friday 18:00",
     ["conecta", "-s", "total-outage", "--opened", "2026-11-23T10:00"], "resolution",
     "2026-11-25T14:00:00-05:00", "2026-11-27T18:00:00-05:00"),
    # express seed: "le responderá en un lapso no mayor de 60 minutos".
    ("express emergency evaluation is answered within 60 minutes",
     ["express", "-s", "emergency", "--opened", "2026-11-22T23:30Z"], "evaluation", None,
     "2026-11-23T00:30:00+00:00"),
]


@pytest.mark.parametrize("argv, name, earliest, due", [w[1:] for w in WORKED], ids=[w[0] for w in WORKED])
def test_worked_examples(capsys, argv, name, earliest, due):
    found, _ = targets(capsys, *argv)
    assert found[name]["earliest"] == earliest
    assert found[name]["due"] == due


def test_json_contract_keys(capsys):
    found, document = targets(capsys, "ignus", "-s", "high", "--opened", "2026-11-20T18:30")
    assert document["provider"] == "ignus" and document["plan"] is None and document["severity"] == "high"
    assert document["opened"] == "2026-11-20T18:30:00-06:00"
    assert document["timezone"] == "America/Mexico_City"
    assert found["response"] | {} == found["response"]
    assert {k: found["response"][k] for k in ("name", "calendar", "bound", "earliest", "status")} == {
        "name": "response", "calendar": "office", "bound": "max", "earliest": None, "status": None}
    assert found["resolution"]["bound"] == "range"


BOUNDS = [
    ("a 'no estimated time' target has bound none and no times",
     ["conecta", "-s", "bug", "--opened", "2026-11-23T10:00"], "resolution", "none"),
    ("a '< 30 días' target is max", ["athento", "--plan", "standard", "-s", "trivial", "--opened", "2026-11-23T10:00"],
     "resolution", "max"),
    ("a '> 4 días' target is min", ["athento", "--plan", "standard", "-s", "trivial", "--opened", "2026-11-23T10:00"],
     "response", "min"),
    ("a '12 a 24 horas' target is a range", ["conecta", "-s", "total-outage", "--opened", "2026-11-23T10:00"],
     "mitigation", "range"),
]


@pytest.mark.parametrize("argv, name, bound", [b[1:] for b in BOUNDS], ids=[b[0] for b in BOUNDS])
def test_bounds(capsys, argv, name, bound):
    found, _ = targets(capsys, *argv)
    assert found[name]["bound"] == bound
    if bound == "none":
        assert found[name]["due"] is None and found[name]["earliest"] is None
    if bound == "min":
        assert found[name]["due"] is None and found[name]["earliest"] is not None


def test_pause_across_a_weekend_moves_the_deadline_by_the_business_time_it_covered(capsys):
    # Friday 17:30-Monday 09:00 covers 1.5 h of office time on Friday and 1 h on Monday.
    found, _ = targets(capsys, "ignus", "-s", "high", "--opened", "2026-11-20T17:00",
                       "--pause", "2026-11-20T17:30/2026-11-23T09:00")
    assert found["response"]["due"] == "2026-11-23T09:30:00-06:00"


def test_pause_outside_hours_changes_nothing(capsys):
    found, _ = targets(capsys, "ignus", "-s", "high", "--opened", "2026-11-20T18:30",
                       "--pause", "2026-11-21T10:00/2026-11-22T10:00")
    assert found["response"]["due"] == "2026-11-23T08:30:00-06:00"


NOW = [
    ("pending with the business time left", "2026-11-23T08:00", "pending", 1800, None),
    ("exactly at the due instant is still pending with nothing left", "2026-11-23T08:30", "pending", 0, None),
    ("one minute late is breached by a minute", "2026-11-23T08:31", "breached", None, 60),
    ("late over the weekend counts wall time late and business time late apart", "2026-11-24T08:30", "breached",
     None, 11 * 3600),  # Monday 08:30-19:00 (10.5 h) + Tuesday 08:00-08:30 (0.5 h)
]


@pytest.mark.parametrize("now, status, left, late", [n[1:] for n in NOW], ids=[n[0] for n in NOW])
def test_status_at_now(capsys, now, status, left, late):
    found, _ = targets(capsys, "ignus", "-s", "high", "--opened", "2026-11-20T18:30", "--now", now)
    response = found["response"]
    assert response["status"] == status
    assert response["left_seconds"] == left
    assert response["late_seconds"] == late


@pytest.mark.parametrize("now, code", [("2026-11-23T08:00", 0), ("2026-11-23T08:31", 1)],
                         ids=["check passes before the deadline", "check fails after the deadline"])
def test_check_exit_codes(capsys, now, code):
    result, out, _ = run(capsys, "due", "ignus", "-s", "high", "--opened", "2026-11-20T18:30", "--now", now, "--check")
    assert result == code
    assert ("BREACHED 1 min ago" in out) == (code == 1)


def test_tz_shows_times_in_another_zone(capsys):
    found, document = targets(capsys, "ignus", "-s", "high", "--opened", "2026-11-20T18:30", "--tz", "UTC")
    assert document["timezone"] == "UTC"
    assert found["response"]["due"] == "2026-11-23T14:30:00+00:00"


def test_opened_with_an_offset_is_taken_as_given(capsys):
    found, _ = targets(capsys, "ignus", "-s", "high", "--opened", "2026-11-21T00:30:00Z")
    assert found["response"]["due"] == "2026-11-23T08:30:00-06:00"


def test_human_view_says_when_and_how_long(capsys):
    code, out, _ = run(capsys, "due", "ignus", "-s", "high", "--opened", "2026-11-20T18:30", "--now", "2026-11-23T08:00")
    assert code == 0
    assert "Mon 2026-11-23 08:30" in out and "pending, due in 30 min of business time" in out


ERRORS = [
    ("unknown provider suggests the closest", ["due", "ignsu", "-s", "high", "--opened", "now"], 2, "did you mean 'ignus'"),
    ("unknown severity lists the choices", ["due", "ignus", "-s", "huge", "--opened", "now"], 2, "unknown severity 'huge'"),
    ("athento without a plan names the plans", ["due", "athento", "-s", "critical", "--opened", "now"], 2,
     "choose one with --plan (starter, plus, standard, company, enterprise)"),
    ("a malformed time says how to write one", ["due", "ignus", "-s", "high", "--opened", "20/11/2026"], 2,
     "bad --opened '20/11/2026'"),
    ("a spring-forward gap shows both candidates", ["due", "athento", "--plan", "enterprise", "-s", "major",
                                                    "--opened", "2026-03-29T02:30"], 2,
     "does not exist in Europe/Madrid (clocks spring forward); add an offset: 2026-03-29T01:30:00+01:00 or 2026-03-29T03:30:00+02:00"),
    ("a fall-back overlap shows both candidates", ["due", "athento", "--plan", "enterprise", "-s", "major",
                                                   "--opened", "2026-10-25T02:30"], 2,
     "is ambiguous in Europe/Madrid (clocks fall back, it happens twice); add an offset: 2026-10-25T02:30:00+02:00 or 2026-10-25T02:30:00+01:00"),
    ("an inverted pause is refused", ["due", "ignus", "-s", "high", "--opened", "2026-11-20T18:30",
                                      "--pause", "2026-11-21T10:00/2026-11-21T09:00"], 2, "ends before it starts"),
    ("overlapping pauses are refused", ["due", "ignus", "-s", "high", "--opened", "2026-11-20T18:30",
                                        "--pause", "2026-11-21T10:00/2026-11-21T12:00",
                                        "--pause", "2026-11-21T11:00/2026-11-21T13:00"], 2, "pauses overlap"),
    ("resolved before opened is refused", ["due", "ivcisa", "-s", "production-down", "--opened", "2026-11-21T10:00",
                                           "--resolved", "2026-11-21T09:00"], 2, "--resolved is before --opened"),
    ("an unknown display zone is refused", ["due", "ignus", "-s", "high", "--opened", "now", "--tz", "Mars/Base"], 2,
     "unknown time zone 'Mars/Base'"),
]


@pytest.mark.parametrize("argv, code, phrase", [e[1:] for e in ERRORS], ids=[e[0] for e in ERRORS])
def test_errors_are_one_line(capsys, argv, code, phrase):
    result, out, err = run(capsys, *argv)
    assert result == code
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("slactl: error: ")
    assert phrase in err


# -- issue 17: calendars and targets real contracts need (tests/testdata/calendars) -----------------
# acme (America/Mexico_City, -06:00 all year): office Mon-Fri 08:00-19:00, MX holidays but
# 2026-11-16 removed, 2026-12-28 added; acme-holidays.ics closes 2026-12-30 all day, 2026-11-27
# 14:00-19:00 and 2027-01-05 08:00-10:00 (floating); exceptions 2026-11-21 10:00-14:00 (a Saturday),
# 2026-12-24 09:00-13:00, 2026-12-31 closed. nights Mon-Sun 22:00-06:00. p1: response by
# end-of-day, resolution by end-of-day+1d on office; p2: 2h and 1d-3d on nights; p3: end-of-day on
# 24x7, 4h on plain office hours. nightshift (Europe/Madrid): nights 22:00-06:00, 7h and end-of-day.

CALENDARS = ["--policies", str(Path(__file__).resolve().parents[1] / "testdata" / "calendars")]

ISSUE_17 = [
    # Friday 13 18:30 is open: the day closes 19:00; the next business day is Monday 16, a holiday removed.
    ("p1 opened Friday 13 18:30: by Friday's closing, then Monday 16 (Revolution Day worked)",
     ["acme", "-s", "p1", "--opened", "2026-11-13T18:30"], "2026-11-13T19:00:00-06:00", "2026-11-16T19:00:00-06:00"),
    # After Friday's closing the clock starts at the next opening, the exception Saturday 21 10:00-14:00.
    ("p1 opened Friday 20:00 starts on the opened Saturday: by 14:00, then Monday 19:00",
     ["acme", "-s", "p1", "--opened", "2026-11-20T20:00"], "2026-11-21T14:00:00-06:00", "2026-11-23T19:00:00-06:00"),
    # The ics file closes Friday 27 from 14:00: that day's closing is 14:00.
    ("p1 opened Friday 27 13:00 ends its day at the timed closure, 14:00",
     ["acme", "-s", "p1", "--opened", "2026-11-27T13:00"], "2026-11-27T14:00:00-06:00", "2026-11-30T19:00:00-06:00"),
    ("p1 opened Wednesday 23 18:00: the next business day is the half day, closing 13:00",
     ["acme", "-s", "p1", "--opened", "2026-12-23T18:00"], "2026-12-23T19:00:00-06:00", "2026-12-24T13:00:00-06:00"),
    # After 13:00 on the 24th: 25 holiday, weekend, 28 added, so Tuesday 29; then 30 (ics), 31 (closed),
    # 1 January (holiday), weekend: Monday 4 January 2027.
    ("p1 opened Christmas Eve 14:00 counts from Tuesday 29 and ends the year on Monday 4 January",
     ["acme", "-s", "p1", "--opened", "2026-12-24T14:00"], "2026-12-29T19:00:00-06:00", "2027-01-04T19:00:00-06:00"),
    # Monday 10:00 to 19:00 is 9 h, Tuesday's closing 20 h; paused 11:00-13:00 (2 h): 1 h + 6 h on
    # Monday, then Tuesday 08:00 + 2 h = 10:00 and, for the resolution, 11 h Tuesday + 2 h = Wednesday 10:00.
    ("p1 with a two-hour pause moves both closings by two business hours",
     ["acme", "-s", "p1", "--opened", "2026-11-23T10:00", "--pause", "2026-11-23T11:00/2026-11-23T13:00"],
     "2026-11-24T10:00:00-06:00", "2026-11-25T10:00:00-06:00"),
    # Saturday 05:00 is Friday's night (1 h left); the second hour is Saturday 22:00-23:00. Seven hours
    # into Friday's night, three business days on: Monday's night at 05:00 = Tuesday 05:00.
    ("p2 opened Saturday 05:00 counts on Friday's night",
     ["acme", "-s", "p2", "--opened", "2026-11-21T05:00"], "2026-11-21T23:00:00-06:00", "2026-11-24T05:00:00-06:00"),
    # 24x7: the day ends at midnight; plain office: 1 h on the 31st, 1 January a holiday, Monday 08:00 + 3 h.
    ("p3 opened New Year's Eve 18:00: by midnight on 24x7, and 4 office hours end Monday 11:00",
     ["acme", "-s", "p3", "--opened", "2026-12-31T18:00"], "2027-01-01T00:00:00-06:00", "2027-01-04T11:00:00-06:00"),
    # Madrid, spring forward: Saturday's night 22:00 (+01:00) to Sunday 06:00 (+02:00) is 7 real hours.
    ("nightshift opened Saturday 22:00 before spring forward: 7 hours end at the night's closing",
     ["nightshift", "-s", "n1", "--opened", "2026-03-28T22:00"], "2026-03-29T06:00:00+02:00", "2026-03-29T06:00:00+02:00"),
    # Fall back: 22:00 (+02:00, 20:00 UTC) + 7 h = 03:00 UTC = 04:00 (+01:00); the night closes 06:00 (+01:00).
    ("nightshift opened Saturday 22:00 before fall back: 7 hours end 04:00, the night at 06:00",
     ["nightshift", "-s", "n1", "--opened", "2026-10-24T22:00"], "2026-10-25T04:00:00+01:00", "2026-10-25T06:00:00+01:00"),
]


@pytest.mark.parametrize("argv, response, resolution", [c[1:] for c in ISSUE_17], ids=[c[0] for c in ISSUE_17])
def test_calendar_additions_in_due(capsys, argv, response, resolution):
    found, _ = _targets_with(capsys, argv)
    assert (found["response"]["due"], found["resolution"]["due"]) == (response, resolution)


def _targets_with(capsys, argv):
    document = run_json(capsys, *CALENDARS, "due", *argv)
    return {t["name"]: t for t in document["targets"]}, document


def test_an_end_of_day_target_is_shown_as_a_closing(capsys):
    found, _ = _targets_with(capsys, ["acme", "-s", "p1", "--opened", "2026-11-23T10:00"])
    assert (found["response"]["bound"], found["response"]["text"]) == ("max", "by end-of-day")
    assert found["resolution"]["text"] == "by end-of-day+1d"


def test_breached_end_of_day_is_late_by_business_time(capsys):
    # Due Monday 19:00; judged Tuesday 09:00: 1 business hour late (Monday night is closed), 14 h wall.
    found, _ = _targets_with(capsys, ["acme", "-s", "p1", "--opened", "2026-11-23T10:00", "--now", "2026-11-24T09:00"])
    assert (found["response"]["status"], found["response"]["late_seconds"]) == ("breached", 3600)


def test_the_api_computes_the_same_closings():
    from slactl import comms, due, load_policies

    acme = load_policies(CALENDARS[1]).get("acme")
    # As in the CLI table above: a two-hour pause on Monday moves end-of-day to Tuesday 10:00.
    found = {d.target.name: d.due.isoformat() for d in due(acme, "p1", "2026-11-23T10:00",
                                                          pauses=["2026-11-23T11:00/2026-11-23T13:00"])}
    assert found == {"response": "2026-11-24T16:00:00+00:00", "resolution": "2026-11-25T16:00:00+00:00"}
    agenda = comms(acme, "p3", "2026-11-20T16:00", until="2026-11-23T10:00")
    assert [item.at for item in agenda.items if item.channel == "status-page"] == [datetime.fromisoformat("2026-11-23T09:00:00-06:00")]


def test_a_target_whose_clock_is_paused_now_says_so_and_keeps_its_time_left(capsys):
    """ignus seed: "Alta | 1 hora | 1-3 Día | Horario oficina", "lunes a viernes 8 - 19 hrs"
    (3 days = 33 business hours). Opened Mon 09:00, waiting on the customer from 10:00: one
    business hour has run, so 32 h are left, frozen while the clock stands still; counted from
    Wed 10:00 (the end of the pause): Wed 9 h + Thu 11 h + Fri 11 h + Mon 1 h, due Mon 09:00."""
    base = ["ignus", "-s", "high", "--opened", "2026-11-23T09:00", "--now", "2026-11-23T12:00"]
    for stop in (["--pause", "2026-11-23T10:00/2026-11-25T10:00"], ["--status", "2026-11-23T10:00=pending"]):
        found, _ = targets(capsys, *base, *stop)
        resolution = found["resolution"]
        assert (resolution["status"], resolution["left"], resolution["paused"]) == ("pending", "32h", True)
        if stop[0] == "--pause":
            assert resolution["due"] == "2026-11-30T09:00:00-06:00"
        assert found["response"]["paused"] is False  # breached at 10:00: its clock no longer matters
    running, _ = targets(capsys, *base, "--pause", "2026-11-23T10:00/2026-11-23T11:00")
    assert (running["resolution"]["left"], running["resolution"]["paused"]) == ("31h", False)
    code, text, _ = run(capsys, "due", *base, "--pause", "2026-11-23T10:00/2026-11-25T10:00")
    assert code == 0 and "pending, clock paused, 32 h of business time left" in " ".join(text.split())


def test_a_target_met_under_the_severity_then_in_force_says_which(capsys):
    """ignus seed: "Urgente | 15 minutos | 2 horas | 24x7", "Baja | 1 día | 5-10 Días | Horario
    oficina". Opened Mon 09:00 as low, answered 09:20, escalated to urgent at 09:30: judged as
    urgent since the opening the response was due 09:15, but at 09:20 low was in force and its
    response was due Tue 09:00: met, and the table says under which severity (not a bare "met"
    next to a due time before the answer)."""
    args = ["ignus", "-s", "low", "--opened", "2026-11-23T09:00", "--severity-change", "2026-11-23T09:30=urgent",
            "--responded", "2026-11-23T09:20", "--now", "2026-11-23T13:00"]
    found, _ = targets(capsys, *args)
    response = found["response"]
    assert (response["due"], response["status"], response["met_under"]) == ("2026-11-23T09:15:00-06:00", "met", "low")
    code, text, _ = run(capsys, "due", *args)
    assert code == 0 and "met under the earlier severity low: done Mon 2026-11-23 09:20" in " ".join(text.split())
    on_time, _ = targets(capsys, "ignus", "-s", "urgent", "--opened", "2026-11-23T09:00", "--responded",
                         "2026-11-23T09:10", "--now", "2026-11-23T13:00")
    assert (on_time["response"]["status"], on_time["response"]["met_under"]) == ("met", None)


def test_with_another_display_zone_the_calendar_footer_says_whose_hours_they_are(capsys):
    """ignus seed: "lunes a viernes 8 - 19 hrs" (Guadalajara): shown in Madrid with --tz, the due
    times move (09:00 Mexico City is 16:00 Madrid) but the opening hours stay Mexico's: the
    footer names their zone rather than let 08:00-19:00 read as Madrid's."""
    base = ["due", "ignus", "-s", "high", "--opened", "2026-11-23T09:00", "--now", "2026-11-23T12:00"]
    code, text, _ = run(capsys, *base, "--tz", "Europe/Madrid")
    assert code == 0 and "calendar office (America/Mexico_City time): Mon-Fri 08:00-19:00" in text
    assert "Tue 2026-11-24 16:00" in text  # the resolution's lower bound, 1 business day later, in Madrid
    code, text, _ = run(capsys, *base)
    assert code == 0 and "calendar office: Mon-Fri 08:00-19:00" in text


@pytest.mark.parametrize("event", [
    ["--responded", "2026-11-23T12:00"], ["--resolved", "2026-11-23T12:00"],
    ["--severity-change", "2026-11-23T12:00=urgent"], ["--status", "2026-11-23T12:00=pending"],
])
def test_an_event_after_now_is_refused_not_judged(capsys, event):
    """Judged at 10:30, a response at 12:00 has not happened yet: it was judged MISSED, a later
    escalation made the ticket BREACHED under a severity it did not have, a later status was
    ignored. One rule now: refused, naming the event (a planned --pause may lie ahead)."""
    code, out, err = run(capsys, "due", "ignus", "-s", "medium", "--opened", "2026-11-23T10:00",
                         "--now", "2026-11-23T10:30", *event)
    assert (code, out) == (2, "")
    assert err.startswith(f"slactl: error: {event[0]} 2026-11-23T12:00:00-06:00 is after --now "
                          f"2026-11-23T10:30:00-06:00: it has not happened yet")
    code, _, _ = run(capsys, "due", "ignus", "-s", "medium", "--opened", "2026-11-23T10:00",
                     "--now", "2026-11-23T10:30", "--pause", "2026-11-23T11:00/2026-11-23T12:00")
    assert code == 0


def test_the_status_in_force_at_now_decides_whether_the_clock_stands_still(capsys):
    """A pausing status that starts at --now stops the clock from then; one that ended at --now
    (another status from that instant, or a --pause ending there) no longer does."""
    base = ["ignus", "-s", "high", "--opened", "2026-11-23T10:00", "--now", "2026-11-23T10:30"]
    cases = [(["--status", "2026-11-23T10:30=pending"], True),
             (["--status", "2026-11-23T10:10=pending", "--status", "2026-11-23T10:30=open"], False),
             (["--status", "2026-11-23T10:10=pending"], True),
             (["--pause", "2026-11-23T10:10/2026-11-23T10:30"], False),
             (["--pause", "2026-11-23T10:10/2026-11-23T11:00"], True)]
    for more, paused in cases:
        found, _ = targets(capsys, *base, *more)
        assert found["response"]["paused"] is paused, more


def test_a_pause_given_over_a_pausing_status_stops_the_clock_once(capsys):
    """Pending from 10:10 (a pausing status of ignus) and a pause given from 10:20 until now
    cover the same time: the clock stops once from 10:10 (as Zendesk and ServiceNow merge
    stopped time), not "pauses overlap". ignus seed: "Alta | 1 hora": 10 minutes ran, 50 left."""
    found, _ = targets(capsys, "ignus", "-s", "high", "--opened", "2026-11-23T10:00", "--now", "2026-11-23T10:30",
                       "--status", "2026-11-23T10:10=pending", "--pause", "2026-11-23T10:20/now")
    assert (found["response"]["left"], found["response"]["paused"]) == ("50m", True)


def test_a_target_finished_at_the_instant_of_a_severity_change_is_judged_under_the_new_one(capsys):
    """A change takes effect at its instant, as a status does: answered at 10:20 when the ticket
    became urgent at 10:20 is judged as urgent (ignus seed "Urgente | 15 minutos": due 10:15 as
    if urgent since the 10:00 opening), missed by 5 minutes, not met under medium."""
    found, _ = targets(capsys, "ignus", "-s", "medium", "--opened", "2026-11-23T10:00", "--severity-change",
                       "2026-11-23T10:20=urgent", "--responded", "2026-11-23T10:20", "--now", "2026-11-23T11:00")
    response = found["response"]
    assert (response["due"], response["status"], response["late"], response["met_under"]) == (
        "2026-11-23T10:15:00-06:00", "missed", "5m", None)


def test_a_pause_that_begins_after_the_response_does_not_move_the_response_due_time(capsys, tmp_path):
    """ignus seed: "Media | 1 día | 2-5 Días | Horario oficina", "lunes a viernes 8 - 19 hrs".
    Opened Mon 10:00, answered 11:00, pending from 12:00: the response was due Tue 10:00 (one
    business day) when it was given, and stays so; the open resolution's clock stands still
    from 12:00 (2 business hours ran), in the table, in JSON and in a ticket file alike."""
    found, _ = targets(capsys, "ignus", "-s", "medium", "--opened", "2026-11-23T10:00", "--responded",
                       "2026-11-23T11:00", "--status", "2026-11-23T12:00=pending", "--now", "2026-11-27T00:00")
    assert (found["response"]["due"], found["response"]["status"]) == ("2026-11-24T10:00:00-06:00", "met")
    assert found["resolution"]["paused"] is True
    path = tmp_path / "t.csv"
    path.write_text("id,provider,severity,opened,responded,statuses\n"
                    "A,ignus,medium,2026-11-23T10:00,2026-11-23T11:00,2026-11-23T12:00=pending\n")
    code, out, _ = run(capsys, "due", "--input", str(path), "--now", "2026-11-27T00:00", "--format", "jsonl")
    row = json.loads(out.splitlines()[0])
    assert code == 0 and (row["response_due"], row["response_status"]) == ("2026-11-24T10:00:00-06:00", "met")
