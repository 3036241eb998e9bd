"""``slactl.sla.comms.comms`` over the bundled policies: the seeds' cadences, target-bound items and
resolution items, computed by hand.

Seeds live in shared/seeds: 000 Conecta, 001 IVCISA, 002 Ignus, 003 Athento, 004 Express.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from slactl.sla import comms as owed
from slactl.policy import load as loader
from slactl.errors import InputError
from slactl.tickets.model import Ticket

BOGOTA = ZoneInfo("America/Bogota")
MADRID = ZoneInfo("Europe/Madrid")
GMT5 = timezone(timedelta(hours=-5))
MEXICO = ZoneInfo("America/Mexico_City")


@pytest.fixture(scope="module")
def policies():
    return loader.load(loader.bundled_paths())


def agenda(policies, provider, severity, opened, *, plan=None, resolved=None, until=None):
    policy = policies.get(provider)
    ticket = Ticket(policy, policy.severity(severity), policy.plan(plan), opened,
                    resolutions=((resolved, None),) if resolved is not None else ())
    return owed.comms(ticket, until=until)


def at(zone, text):
    return datetime.fromisoformat(text).replace(tzinfo=zone)


def times(result, channel, *, recurring=None):
    return [item.at for item in result.items
            if item.channel == channel and (recurring is None or item.recurring == recurring)]


def hours_after(start, *steps):
    return [start + timedelta(hours=h) for h in steps]


MON_10 = at(BOGOTA, "2026-11-23T10:00")

# (id, severity, resolved, channel, recurring, expected instants)
CONECTA = [
    # "Caída Total ... Comunicación: Reportamos en el estado del servicio cada 4 horas y enviamos un boletín cada 12 horas."
    ("conecta total outage opened 10:00 and unresolved updates the status page at 14:00, 18:00 ... 18 times in 72 h",
     "total-outage", None, "status-page", True, hours_after(MON_10, *range(4, 73, 4))),
    ("conecta total outage opened 10:00 and unresolved sends bulletins at 22:00, 10:00 ... 6 times in 72 h",
     "total-outage", None, "bulletin", True, hours_after(MON_10, *range(12, 73, 12))),
    ("conecta total outage resolved at 02:00 stops the updates before it: 14:00, 18:00, 22:00",
     "total-outage", at(BOGOTA, "2026-11-24T02:00"), "status-page", True, hours_after(MON_10, 4, 8, 12)),
    ("conecta total outage resolved at 02:01 still owes the 02:00 update",
     "total-outage", at(BOGOTA, "2026-11-24T02:01"), "status-page", True, hours_after(MON_10, 4, 8, 12, 16)),
    ("conecta total outage resolved at 02:00 owes the 22:00 bulletin only",
     "total-outage", at(BOGOTA, "2026-11-24T02:00"), "bulletin", True, hours_after(MON_10, 12)),
    # "Actualización de Estado: Si se replica el error, creamos un caso público en nuestra página de monitoreo."
    # "Una vez resuelto, actualizamos el estado del servicio": the public case at the opening, the final update at 02:00.
    ("conecta total outage opens a public case at the opening and closes it with a final update at resolution",
     "total-outage", at(BOGOTA, "2026-11-24T02:00"), "status-page", False, [MON_10, MON_10 + timedelta(hours=16)]),
    # "Resolución y Post Mortem: Una vez resuelto, actualizamos el estado del servicio, enviamos un boletín
    # informativo y realizamos un informe post mortem detallado ... incluyendo compensaciones según el contrato."
    ("conecta total outage owes a resolution bulletin at resolution",
     "total-outage", at(BOGOTA, "2026-11-24T02:00"), "bulletin", False, [MON_10 + timedelta(hours=16)]),
    ("conecta total outage owes a post-mortem at resolution",
     "total-outage", at(BOGOTA, "2026-11-24T02:00"), "post-mortem", False, [MON_10 + timedelta(hours=16)]),
    ("conecta total outage unresolved has the post-mortem untimed",
     "total-outage", None, "post-mortem", False, [None]),
    # "Interrupción Parcial ... Comunicación: Reportamos en el estado del servicio cada 6 horas y enviamos un boletín cada 24 horas."
    ("conecta partial outage opened 10:00 and unresolved updates the status page every 6 h, 12 times in 72 h",
     "partial-outage", None, "status-page", True, hours_after(MON_10, *range(6, 73, 6))),
    ("conecta partial outage opened 10:00 and unresolved sends bulletins at 10:00 on the next three days",
     "partial-outage", None, "bulletin", True, hours_after(MON_10, 24, 48, 72)),
    ("conecta partial outage resolved Wednesday 09:00 owes updates at 16:00, 22:00, 04:00, 10:00, 16:00, 22:00, 04:00",
     "partial-outage", at(BOGOTA, "2026-11-25T09:00"), "status-page", True, hours_after(MON_10, 6, 12, 18, 24, 30, 36, 42)),
    ("conecta partial outage resolved Wednesday 10:00 drops the bulletin due at that instant",
     "partial-outage", at(BOGOTA, "2026-11-25T10:00"), "bulletin", True, hours_after(MON_10, 24)),
    # "Resolución: Una vez resuelto, actualizamos el estado del servicio y enviamos un boletín informativo."
    ("conecta partial outage resolved owes the final update and a bulletin at resolution",
     "partial-outage", at(BOGOTA, "2026-11-25T10:00"), "bulletin", False, [MON_10 + timedelta(hours=48)]),
    # "Bug ... Comunicación: No se reporta en el estado del servicio ni se envían boletines específicos."
    ("conecta bug never touches the status page", "bug", at(BOGOTA, "2026-11-25T10:00"), "status-page", None, []),
    # "Resolución: Una vez resuelto, actualizamos el software e informamos a través de un boletín general."
    ("conecta bug owes one general bulletin at resolution",
     "bug", at(BOGOTA, "2026-11-25T10:00"), "bulletin", None, [at(BOGOTA, "2026-11-25T10:00")]),
    ("conecta bug unresolved owes one bulletin with no time yet", "bug", None, "bulletin", None, [None]),
]


@pytest.mark.parametrize("severity, resolved, channel, recurring, expected", [c[1:] for c in CONECTA],
                         ids=[c[0] for c in CONECTA])
def test_conecta_cadences(policies, severity, resolved, channel, recurring, expected):
    result = agenda(policies, "conecta", severity, MON_10, resolved=resolved)
    assert times(result, channel, recurring=recurring) == expected


def test_conecta_bug_owes_nothing_but_the_bulletin(policies):
    result = agenda(policies, "conecta", "bug", MON_10)
    assert [(i.channel, i.at) for i in result.items] == [("bulletin", None)]
    assert not result.open_ended
    assert result.items[0].reason == "not resolved yet (pass --resolved)"


def test_total_outage_at_resolution_lists_final_update_bulletin_and_post_mortem_in_policy_order(policies):
    resolved = at(BOGOTA, "2026-11-24T02:00")
    result = agenda(policies, "conecta", "total-outage", MON_10, resolved=resolved)
    last = [(i.channel, i.recurring) for i in result.items if i.at == resolved]
    assert last == [("status-page", False), ("bulletin", False), ("post-mortem", False)]


def test_recurring_occurrences_are_numbered_from_one(policies):
    result = agenda(policies, "conecta", "total-outage", MON_10, until=MON_10 + timedelta(hours=12))
    assert [i.index for i in result.items if i.channel == "status-page" and i.recurring] == [1, 2, 3]


def test_until_bounds_the_listing_inclusively_and_the_agenda_is_open_ended(policies):
    result = agenda(policies, "conecta", "total-outage", MON_10, until=at(BOGOTA, "2026-11-23T22:00"))
    assert times(result, "status-page", recurring=True) == hours_after(MON_10, 4, 8, 12)
    assert times(result, "bulletin", recurring=True) == hours_after(MON_10, 12)
    assert result.open_ended and result.horizon == at(BOGOTA, "2026-11-23T22:00")


def test_resolution_ends_the_agenda(policies):
    result = agenda(policies, "conecta", "total-outage", MON_10, resolved=MON_10 + timedelta(hours=1))
    assert not result.open_ended and result.horizon is None
    assert times(result, "status-page", recurring=True) == []


def test_items_are_sorted_by_instant_with_untimed_last(policies):
    result = agenda(policies, "conecta", "total-outage", MON_10)
    timed = [i.at for i in result.items if i.at is not None]
    assert timed == sorted(timed)
    assert [i.at for i in result.items[-3:]] == [None, None, None]


def test_recurring_items_count_real_hours_across_a_dst_change(policies):
    # Madrid falls back at 03:00 CEST on 2026-10-25: 00:00 +02:00 plus 4 real hours is 03:00 +01:00.
    opened = at(MADRID, "2026-10-25T00:00")
    result = agenda(policies, "conecta", "total-outage", opened, until=at(MADRID, "2026-10-25T03:00"))
    first, = times(result, "status-page", recurring=True)
    assert first.astimezone(timezone.utc) - opened.astimezone(timezone.utc) == timedelta(hours=4)
    assert first.astimezone(MADRID).strftime("%H:%M%z") == "03:00+0100"


def test_a_huge_listing_is_refused(policies):
    with pytest.raises(InputError, match="choose a nearer --until"):
        agenda(policies, "conecta", "total-outage", MON_10, until=MON_10 + timedelta(days=365))


SAT_03 = at(GMT5, "2026-11-21T03:00")
SAT_09 = at(GMT5, "2026-11-21T09:00")

# (id, plan, resolved, expected [(channel, at, until)])
IVCISA = [
    # "Primera notificación: El cliente notifica ..."; "Segunda notificación: ... situación actual de la investigación"
    # owed by the first response, "Sistema de producción inactivo – crítico: < 2 hora" on 24x7;
    # "Tercera notificación y verificación" at resolution; "Seguimiento ... durante las siguientes 48 horas
    # posteriores a la resolución"; "Cierre de ticket" at the end of the follow-up.
    ("ivcisa production down on 24x7 resolved Saturday 09:00: five steps, follow-up until Monday 09:00",
     None, SAT_09, [
         ("notification", SAT_03, None),
         ("notification", at(GMT5, "2026-11-21T05:00"), None),
         ("notification", SAT_09, None),
         ("follow-up", SAT_09, at(GMT5, "2026-11-23T09:00")),
         ("ticket", at(GMT5, "2026-11-23T09:00"), None),
     ]),
    # "El Soporte no-24×7 cubre los días laborables de lunes a viernes de 8am a 5:30pm GMT-5": 2 h from Monday 08:00.
    ("ivcisa production down on business hours owes the second notification Monday 10:00; unresolved steps untimed",
     "business-hours", None, [
         ("notification", SAT_03, None),
         ("notification", at(GMT5, "2026-11-23T10:00"), None),
         ("notification", None, None),
         ("follow-up", None, None),
         ("ticket", None, None),
     ]),
]


@pytest.mark.parametrize("plan, resolved, expected", [c[1:] for c in IVCISA], ids=[c[0] for c in IVCISA])
def test_ivcisa_notification_steps(policies, plan, resolved, expected):
    result = agenda(policies, "ivcisa", "production-down", SAT_03, plan=plan, resolved=resolved)
    assert [(i.channel, i.at, i.until) for i in result.items] == expected
    assert not result.open_ended


# (id, provider, plan, severity, opened, channel, when, expected instant or None, phrase of the reason)
TARGETED = [
    # ignus: "Alta | 1 hora | 1-3 Día | Horario oficina", office "lunes a viernes 8 - 19 hrs".
    ("ignus high opened Friday 18:30 owes its first response Monday 08:30",
     "ignus", None, "high", at(MEXICO, "2026-11-20T18:30"), "ticket", "response", at(MEXICO, "2026-11-23T08:30"), None),
    # ignus: "Urgente | 15 minutos | 2 horas | 24x7".
    ("ignus urgent opened Saturday 23:50 owes its first response Sunday 00:05",
     "ignus", None, "urgent", at(MEXICO, "2026-11-21T23:50"), "ticket", "response", at(MEXICO, "2026-11-22T00:05"), None),
    # athento: Enterprise "Atención 8-20 LV", "Critica 4 horas".
    ("athento enterprise critical opened Friday 19:30 owes its response Monday 11:30",
     "athento", "enterprise", "critical", at(MADRID, "2026-11-20T19:30"), "ticket", "response",
     at(MADRID, "2026-11-23T11:30"), None),
    # athento: "Enterprise: Trivial > 2 días" is a lower bound, no committed instant.
    ("athento enterprise trivial has no committed response instant",
     "athento", "enterprise", "trivial", at(MADRID, "2026-11-20T19:30"), "ticket", "response", None, "lower bound only (> 2d)"),
    # athento: Starter publishes no attention hours and no response times.
    ("athento starter sets no response time",
     "athento", "starter", "blocker", at(MADRID, "2026-11-20T19:30"), "ticket", "response", None,
     "sets no response time for this severity on the starter plan"),
    # express: "le responderá en un lapso no mayor de 60 minutos, si es viable o no".
    ("express emergency owes the evaluation answer 60 minutes after the opening",
     "express", None, "emergency", at(timezone.utc, "2026-11-22T23:30"), "notification", "evaluation",
     at(timezone.utc, "2026-11-23T00:30"), None),
]


@pytest.mark.parametrize("provider, plan, severity, opened, channel, when, expected, reason", [c[1:] for c in TARGETED],
                         ids=[c[0] for c in TARGETED])
def test_items_owed_at_a_target_deadline(policies, provider, plan, severity, opened, channel, when, expected, reason):
    result = agenda(policies, provider, severity, opened, plan=plan)
    item = next(i for i in result.items if i.channel == channel and i.communication.when == when)
    assert item.at == expected
    if reason:
        assert reason in item.reason
    else:
        assert item.reason is None


EXPRESS_OPENED = at(timezone.utc, "2026-11-22T23:30")


def test_express_daily_time_tracking_cuts_at_midnight_while_unresolved(policies):
    # "los tiempos de los expertos, es controlado por un sistema de Time Tracking, con cortes diarios":
    # cut at midnight in the policy's zone (UTC). Opened Sunday 23:30, listed up to Wednesday 23:30.
    result = agenda(policies, "express", "emergency", EXPRESS_OPENED)
    assert times(result, "report", recurring=True) == [
        at(timezone.utc, "2026-11-23T00:00"), at(timezone.utc, "2026-11-24T00:00"), at(timezone.utc, "2026-11-25T00:00")]
    assert result.open_ended


def test_express_resolution_brings_the_technical_report_and_stops_the_cuts(policies):
    # "al cierre parcial o total se emite informe técnico del hecho con sus evidencias, acciones".
    resolved = at(timezone.utc, "2026-11-24T12:00")
    result = agenda(policies, "express", "emergency", EXPRESS_OPENED, resolved=resolved)
    assert [(i.channel, i.at, i.recurring) for i in result.items] == [
        ("report", at(timezone.utc, "2026-11-23T00:00"), True),
        ("notification", at(timezone.utc, "2026-11-23T00:30"), False),
        ("report", at(timezone.utc, "2026-11-24T00:00"), True),
        ("report", resolved, False),
    ]


def test_express_resolved_at_midnight_replaces_that_cut_with_the_report(policies):
    resolved = at(timezone.utc, "2026-11-24T00:00")
    result = agenda(policies, "express", "emergency", EXPRESS_OPENED, resolved=resolved)
    assert times(result, "report", recurring=True) == [at(timezone.utc, "2026-11-23T00:00")]


def test_the_daily_cut_of_comms_is_the_cut_of_the_worklog(policies):
    # Issue 17: comms and quote --worklog cut at the same instant, midnight in the policy's zone.
    from slactl.sla import worklog

    express = policies.get("express")
    entries = worklog.parse("start,end,phase\n2026-11-22T23:30,2026-11-25T01:00,normalization\n", express.zone)
    days = [effort.day for effort in worklog.daily(entries, express.zone)]
    cuts = times(agenda(policies, "express", "emergency", EXPRESS_OPENED), "report", recurring=True)
    assert [cut.date() for cut in cuts] == days[1:] and len(days) == len(cuts) + 1


# -- cadences on a calendar, and end-of-day cadences (tests/testdata/calendars) ----------------

CALENDARS = Path(__file__).resolve().parents[1] / "testdata" / "calendars"


@pytest.fixture(scope="module")
def acme():
    return loader.load([CALENDARS])


def test_every_four_business_hours_pause_overnight_and_at_the_weekend(acme):
    # plain: Mon-Fri 08:00-19:00 Mexico City. Opened Fri 2026-11-20 16:00: 3 h on Friday, 1 h Monday
    # -> Mon 09:00; 13:00; 17:00; then 2 h to 19:00 and 2 h on Tuesday -> Tue 10:00.
    result = agenda(acme, "acme", "p3", at(MEXICO, "2026-11-20T16:00"), until=at(MEXICO, "2026-11-24T12:00"))
    assert times(result, "status-page") == [at(MEXICO, "2026-11-23T09:00"), at(MEXICO, "2026-11-23T13:00"),
                                            at(MEXICO, "2026-11-23T17:00"), at(MEXICO, "2026-11-24T10:00")]
    assert [item.index for item in result.items if item.channel == "status-page"] == [1, 2, 3, 4]


def test_a_business_cadence_counts_the_calendars_exceptions(acme):
    # office opens Saturday 2026-11-21 10:00-14:00: 3 h on Friday, the fourth at Saturday 11:00;
    # then 3 h to Saturday 14:00 and 1 h Monday -> 09:00; 13:00; 17:00; Tue 10:00.
    result = agenda(acme, "acme", "p1", at(MEXICO, "2026-11-20T16:00"), until=at(MEXICO, "2026-11-24T12:00"))
    assert times(result, "status-page") == [at(MEXICO, "2026-11-21T11:00"), at(MEXICO, "2026-11-23T09:00"),
                                            at(MEXICO, "2026-11-23T13:00"), at(MEXICO, "2026-11-23T17:00"),
                                            at(MEXICO, "2026-11-24T10:00")]


def test_a_business_cadence_stops_strictly_before_the_resolution(acme):
    resolved = at(MEXICO, "2026-11-23T13:00")  # the third update's instant: replaced by the resolution
    result = agenda(acme, "acme", "p3", at(MEXICO, "2026-11-20T16:00"), resolved=resolved)
    assert times(result, "status-page", recurring=True) == [at(MEXICO, "2026-11-23T09:00")]


def test_an_end_of_day_cadence_without_a_calendar_is_each_midnight_of_the_policy_zone(acme):
    # Mexico City is -06:00: midnights Sat 21, Sun 22, Mon 23, Tue 24 (until Tue 12:00).
    result = agenda(acme, "acme", "p3", at(MEXICO, "2026-11-20T16:00"), until=at(MEXICO, "2026-11-24T12:00"))
    assert times(result, "report") == [at(MEXICO, f"2026-11-{day}T00:00") for day in (21, 22, 23, 24)]


def test_daily_cuts_follow_madrids_midnight_across_the_spring_forward(acme):
    # Madrid: Sunday 2026-03-29 00:00 is +01:00 (23:00 UTC on the 28th); Monday 00:00 is +02:00
    # (22:00 UTC on the 29th): 23 hours apart, each at local midnight.
    result = agenda(acme, "nightshift", "n1", at(MADRID, "2026-03-28T10:00"), until=at(MADRID, "2026-03-30T12:00"))
    assert [t.astimezone(timezone.utc) for t in times(result, "report")] == [
        datetime(2026, 3, 28, 23, tzinfo=timezone.utc), datetime(2026, 3, 29, 22, tzinfo=timezone.utc)]


def test_an_end_of_day_cadence_on_night_hours_is_each_nights_closing(acme):
    # Nights 22:00-06:00 Madrid: from Saturday 10:00 the clock starts at Saturday 22:00, whose night
    # closes Sunday 06:00 (+02:00, 04:00 UTC); the next closes Monday 06:00 (+02:00).
    result = agenda(acme, "nightshift", "n1", at(MADRID, "2026-03-28T10:00"), until=at(MADRID, "2026-03-30T12:00"))
    assert [t.astimezone(timezone.utc) for t in times(result, "status-page")] == [
        datetime(2026, 3, 29, 4, tzinfo=timezone.utc), datetime(2026, 3, 30, 4, tzinfo=timezone.utc)]


def test_a_business_cadence_listed_too_often_is_refused(acme):
    with pytest.raises(InputError, match=r"^status-page every 4h would be listed more than 1000 times up to "):
        agenda(acme, "acme", "p3", at(MEXICO, "2026-11-20T16:00"), until=at(MEXICO, "2030-11-20T16:00"))


def test_an_owed_item_needs_an_instant_or_a_reason(policies):
    communication = policies.get("conecta").communications_for(policies.get("conecta").severity("bug"))[0]
    with pytest.raises(ValueError):
        owed.Owed(communication, 0, None)
    with pytest.raises(ValueError):
        owed.Owed(communication, 0, MON_10, reason="both")


def test_a_reopened_incident_owes_updates_only_while_open_counted_afresh_from_the_reopening(policies):
    """conecta seed: "Reportamos en el estado del servicio cada 4 horas" while the incident is
    open, "Una vez resuelto, actualizamos el estado del servicio" and "enviamos un boletín
    informativo". Opened Mon 09:00, resolved 12:00 (no 4-hourly update was due yet), reopened
    14:00, resolved Tue 01:00: updates at 18:00 and 22:00 (every 4 h from the reopening, none
    at 13:00 or 17:00 while it stood resolved); the resolution items at 12:00 (undone) and 01:00;
    the 12-hourly bulletin would fall at 02:00, after the resolution: none."""
    policy = policies.get("conecta")
    ticket = Ticket(policy, policy.severity("total-outage"), None, at(BOGOTA, "2026-11-23T09:00"),
                    resolutions=((at(BOGOTA, "2026-11-23T12:00"), at(BOGOTA, "2026-11-23T14:00")),
                                 (at(BOGOTA, "2026-11-24T01:00"), None)))
    result = owed.comms(ticket)
    updates = [item for item in result.items if item.channel == "status-page" and item.recurring]
    assert [(item.at, item.index, item.period) for item in updates] == [
        (at(BOGOTA, "2026-11-23T18:00"), 1, 2), (at(BOGOTA, "2026-11-23T22:00"), 2, 2)]
    assert times(result, "bulletin", recurring=True) == []
    resolutions = [(item.at, item.undone) for item in result.items if item.channel == "bulletin" and not item.recurring]
    assert resolutions == [(at(BOGOTA, "2026-11-23T12:00"), True), (at(BOGOTA, "2026-11-24T01:00"), False)]
    still_open = owed.comms(Ticket(policy, policy.severity("total-outage"), None, at(BOGOTA, "2026-11-23T09:00"),
                                   resolutions=((at(BOGOTA, "2026-11-23T12:00"), at(BOGOTA, "2026-11-23T14:00")),)),
                            until=at(BOGOTA, "2026-11-23T22:00"))
    assert [item.at for item in still_open.items if item.channel == "status-page" and item.recurring] == [
        at(BOGOTA, "2026-11-23T18:00"), at(BOGOTA, "2026-11-23T22:00")]
    assert [item.reason for item in still_open.items if item.channel == "bulletin" and not item.recurring] == [
        None, "not resolved yet (pass --resolved)"]


def test_the_reopening_shows_in_the_table_and_json(capsys):
    from cli_helpers import run, run_json
    args = ["comms", "conecta", "-s", "total-outage", "--opened", "2026-11-23T09:00", "--resolved",
            "2026-11-23T12:00", "--reopened", "2026-11-23T14:00", "--resolved", "2026-11-24T01:00"]
    document = run_json(capsys, *args, "--json")
    rules = [(item["at"], item["rule"], item["period"], item["undone"]) for item in document["communications"]
             if item["channel"] == "status-page"]
    assert rules[1:] == [
        ("2026-11-23T12:00:00-05:00", "at resolution (undone by a reopening)", 1, True),
        ("2026-11-23T18:00:00-05:00", "every 4h from the reopening (#1)", 2, False),
        ("2026-11-23T22:00:00-05:00", "every 4h from the reopening (#2)", 2, False),
        ("2026-11-24T01:00:00-05:00", "at resolution", 2, False)]
    code, out, _ = run(capsys, *args)
    assert code == 0 and "every 4h from the reopening (#2)" in out


def test_what_an_undone_resolution_would_have_owed_after_the_reopening_is_not_owed(policies):
    """ivcisa seed: "Seguimiento: ... durante las siguientes 48 horas posteriores a la
    resolución." and "Cierre de ticket". Resolved Mon 14:00, reopened Tue 09:00, resolved again
    Tue 12:00: the first follow-up window runs from Mon 14:00 only until the reopening, and the
    first closure (Wed 14:00, after the reopening) was never owed; the second resolution owes
    its own window (to Thu 12:00) and closure (Thu 12:00)."""
    policy = policies.get("ivcisa")
    gmt5 = timezone(timedelta(hours=-5))
    ticket = Ticket(policy, policy.severity("production-down"), policy.plan(None), at(gmt5, "2026-11-23T10:00"),
                    resolutions=((at(gmt5, "2026-11-23T14:00"), at(gmt5, "2026-11-24T09:00")),
                                 (at(gmt5, "2026-11-24T12:00"), None)))
    result = owed.comms(ticket)
    follow_ups = [(item.at, item.until, item.undone) for item in result.items if item.channel == "follow-up"]
    assert follow_ups == [(at(gmt5, "2026-11-23T14:00"), at(gmt5, "2026-11-24T09:00"), True),
                          (at(gmt5, "2026-11-24T12:00"), at(gmt5, "2026-11-26T12:00"), False)]
    assert [item.at for item in result.items if item.channel == "ticket"] == [at(gmt5, "2026-11-26T12:00")]
