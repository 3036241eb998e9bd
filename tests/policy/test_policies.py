"""The bundled policies hold the seeds' numbers: each case cites the sentence it comes from.

Seeds live in shared/seeds: 000 Conecta, 001 IVCISA, 002 Ignus, 003 Athento, 004 Express.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from slactl.policy import load as loader
from slactl.render.hours import hours_text
from slactl.errors import InputError
from slactl.policy.target import Bound


@pytest.fixture(scope="module")
def policies():
    return loader.load(loader.bundled_paths())


def _target(policies, provider, plan, severity, name):
    policy = policies.get(provider)
    chosen = policy.plan(plan) if plan or not policy.plans else policy.plan(None)
    found = {t.name: t for t in policy.targets(policy.severity(severity), chosen)}
    return found[name]


def _row(provider, plan, severity, name, text, calendar):
    plan_part = f" {plan}" if plan else ""
    return pytest.param(provider, plan, severity, name, text, calendar,
                        id=f"{provider}{plan_part} {severity} {name} is {text} on {calendar}")


TARGETS = [
    # -- Athento (003): "Tiempos de Respuesta" rows are Bloqueante, Critica, Mayor, Trivial --
    # "Plus - 8 horas - 3 días - 4 días - > 5 días"; Plus attends "Atención de 10-14 LV".
    _row("athento", "plus", "blocker", "response", "< 8h", "plus"),
    _row("athento", "plus", "critical", "response", "< 3d", "plus"),
    _row("athento", "plus", "major", "response", "< 4d", "plus"),
    _row("athento", "plus", "trivial", "response", "> 5d", "plus"),
    # "Standard - 6 horas - 2 días - 3 días - > 4 días"
    _row("athento", "standard", "blocker", "response", "< 6h", "standard"),
    _row("athento", "standard", "critical", "response", "< 2d", "standard"),
    _row("athento", "standard", "major", "response", "< 3d", "standard"),
    _row("athento", "standard", "trivial", "response", "> 4d", "standard"),
    # "Company - 4 horas - 8 horas - 2 días - > 3 días"
    _row("athento", "company", "blocker", "response", "< 4h", "company"),
    _row("athento", "company", "critical", "response", "< 8h", "company"),
    _row("athento", "company", "major", "response", "< 2d", "company"),
    _row("athento", "company", "trivial", "response", "> 3d", "company"),
    # "Enterprise - 2 horas - 4 horas - 1 día - > 2 días"
    _row("athento", "enterprise", "blocker", "response", "< 2h", "enterprise"),
    _row("athento", "enterprise", "critical", "response", "< 4h", "enterprise"),
    _row("athento", "enterprise", "major", "response", "< 1d", "enterprise"),
    _row("athento", "enterprise", "trivial", "response", "> 2d", "enterprise"),
    # "Tiempos de Resolución. Plus Standard - 10 horas - 5 días - 10 días - < 30 días"
    # (one column headed "Plus Standard": Plus shares Standard's times, an assumption in the YAML)
    _row("athento", "plus", "blocker", "resolution", "< 10h", "plus"),
    _row("athento", "plus", "critical", "resolution", "< 5d", "plus"),
    _row("athento", "plus", "major", "resolution", "< 10d", "plus"),
    _row("athento", "plus", "trivial", "resolution", "< 30d", "plus"),
    _row("athento", "standard", "blocker", "resolution", "< 10h", "standard"),
    _row("athento", "standard", "critical", "resolution", "< 5d", "standard"),
    _row("athento", "standard", "major", "resolution", "< 10d", "standard"),
    _row("athento", "standard", "trivial", "resolution", "< 30d", "standard"),
    # "Company - 7 horas - 2 días - 5 días - < 15 días"
    _row("athento", "company", "blocker", "resolution", "< 7h", "company"),
    _row("athento", "company", "critical", "resolution", "< 2d", "company"),
    _row("athento", "company", "major", "resolution", "< 5d", "company"),
    _row("athento", "company", "trivial", "resolution", "< 15d", "company"),
    # "Enterprise - 4 horas - 1 día - 3 días - < 7 días"
    _row("athento", "enterprise", "blocker", "resolution", "< 4h", "enterprise"),
    _row("athento", "enterprise", "critical", "resolution", "< 1d", "enterprise"),
    _row("athento", "enterprise", "major", "resolution", "< 3d", "enterprise"),
    _row("athento", "enterprise", "trivial", "resolution", "< 7d", "enterprise"),
    # -- Ignus (002): "Prioridad | Tiempo de respuesta | Tiempo de resolución | Horario" --
    # "Urgente 15 minutos 2 horas 24x7"
    _row("ignus", None, "urgent", "response", "< 15m", "24x7"),
    _row("ignus", None, "urgent", "resolution", "< 2h", "24x7"),
    # "Alta 1 hora 1-3 Día Horario oficina"
    _row("ignus", None, "high", "response", "< 1h", "office"),
    _row("ignus", None, "high", "resolution", "1d - 3d", "office"),
    # "Media 1 día 2-5 Días Horario oficina"
    _row("ignus", None, "medium", "response", "< 1d", "office"),
    _row("ignus", None, "medium", "resolution", "2d - 5d", "office"),
    # "Baja 1 día 5-10 Días Horario oficina"
    _row("ignus", None, "low", "response", "< 1d", "office"),
    _row("ignus", None, "low", "resolution", "5d - 10d", "office"),
    # -- IVCISA (001): "Sistema de producción inactivo – crítico: < 2 hora", "activo – no critico:
    # < 4 horas", "no productivo – no critico: <12 horas"; "Soporte 24×7 aplica solo para
    # ambientes productivos" so non-production counts business hours on both plans.
    _row("ivcisa", "24x7", "production-down", "response", "< 2h", "24x7"),
    _row("ivcisa", "24x7", "production-active", "response", "< 4h", "24x7"),
    _row("ivcisa", "24x7", "non-production", "response", "< 12h", "business"),
    _row("ivcisa", "business-hours", "production-down", "response", "< 2h", "business"),
    _row("ivcisa", "business-hours", "production-active", "response", "< 4h", "business"),
    _row("ivcisa", "business-hours", "non-production", "response", "< 12h", "business"),
    # "Seguimiento ... durante las siguientes 48 horas posteriores a la resolución."
    # -- Conecta (000): "El tiempo de mitigación estimado es de 12 a 24 horas. El tiempo máximo
    # de resolución es de 24-48 horas laborables para servicios de hosting compartido."
    _row("conecta", None, "total-outage", "mitigation", "12h - 24h", "24x7"),
    _row("conecta", None, "total-outage", "resolution", "24h - 48h", "business"),
    # -- Express (004): "le responderá en un lapso no mayor de 60 minutos"; "a disponibilidad de 24x7"
    # (60m is printed in its normal form, 1h)
    _row("express", None, "emergency", "evaluation", "< 1h", "24x7"),
]


@pytest.mark.parametrize("provider, plan, severity, name, text, calendar", TARGETS)
def test_target_matches_the_seed(policies, provider, plan, severity, name, text, calendar):
    target = _target(policies, provider, plan, severity, name)
    assert (target.describe(), target.calendar) == (text, calendar)


def test_express_evaluation_is_within_60_minutes(policies):
    # "le responderá en un lapso no mayor de 60 minutos"
    target = _target(policies, "express", None, "emergency", "evaluation")
    assert target.latest.as_elapsed() == timedelta(minutes=60) and target.calendar == "24x7"


def test_athento_enterprise_critical_response_is_4_hours_on_the_08_to_20_calendar(policies):
    # "Enterprise ... Atención 8-20 LV"; "Tiempos de Respuesta ... Enterprise - 2 horas - 4 horas"
    athento = policies.get("athento")
    target = _target(policies, "athento", "enterprise", "critical", "response")
    assert target.bound is Bound.MAX and target.latest.as_elapsed() == timedelta(hours=4)
    assert athento.calendar(target.calendar).hours.days[:5] == (((8 * 60, 20 * 60),),) * 5
    assert athento.calendar(target.calendar).hours.days[5:] == ((), ())


@pytest.mark.parametrize("plan, severity", [
    pytest.param("plus", "trivial", id="plus trivial response > 5 días commits no deadline"),
    pytest.param("enterprise", "trivial", id="enterprise trivial response > 2 días commits no deadline"),
])
def test_lower_bound_only_commits_no_deadline(policies, plan, severity):
    target = _target(policies, "athento", plan, severity, "response")
    assert target.bound is Bound.MIN and not target.committed and target.latest is None


@pytest.mark.parametrize("severity", ["bug", "partial-outage"])
def test_conecta_states_no_estimated_resolution_time(policies, severity):
    # "Tiempo de Resolución: No hay un tiempo de resolución estimado." (Bug and Interrupción Parcial)
    target = _target(policies, "conecta", None, severity, "resolution")
    assert (target.bound, target.calendar, target.committed) == (Bound.NONE, None, False)
    assert target.describe() == "No hay un tiempo de resolución estimado."


def test_athento_starter_has_no_targets(policies):
    # Starter lists only "Backups, Actualizaciones, Documentación de producto": no times.
    athento = policies.get("athento")
    starter = athento.plan("starter")
    assert starter.calendar is None and starter.targets == ()
    assert athento.targets(athento.severity("blocker"), starter) == ()


@pytest.mark.parametrize("provider, calendar, hours", [
    # "Atención de 10-14 LV", "Atención 10-17 LV", "Atención 9-18 LV", "Atención 8-20 LV"
    pytest.param("athento", "plus", "Mon-Fri 10:00-14:00; closed on ES public holidays", id="athento plus 10-14"),
    pytest.param("athento", "standard", "Mon-Fri 10:00-17:00; closed on ES public holidays", id="athento standard 10-17"),
    pytest.param("athento", "company", "Mon-Fri 09:00-18:00; closed on ES public holidays", id="athento company 9-18"),
    pytest.param("athento", "enterprise", "Mon-Fri 08:00-20:00; closed on ES public holidays", id="athento enterprise 8-20"),
    # "lunes a viernes 8 - 19 hrs" (holidays are an assumption in the YAML)
    pytest.param("ignus", "office", "Mon-Fri 08:00-19:00; closed on MX public holidays", id="ignus office 8-19"),
    # "de lunes a viernes de 8am a 5:30pm GMT-5" and no holidays named
    pytest.param("ivcisa", "business", "Mon-Fri 08:00-17:30", id="ivcisa business 8-17:30 without holidays"),
    # "horas laborables" with no published hours: Mon-Fri 08:00-18:00 is an assumption
    pytest.param("conecta", "business", "Mon-Fri 08:00-18:00; closed on CO public holidays", id="conecta business hours"),
    pytest.param("express", "24x7", "24x7", id="express 24x7"),
])
def test_calendar_hours(policies, provider, calendar, hours):
    assert hours_text(policies.get(provider).calendar(calendar)) == hours


def test_every_assumed_calendar_says_so(policies):
    assert policies.get("conecta").calendar("business").assumption
    assert policies.get("ignus").calendar("office").assumption


@pytest.mark.parametrize("provider, zone, offset_in_january", [
    pytest.param("conecta", "America/Bogota", -5, id="conecta in Bogotá"),
    pytest.param("ivcisa", "-05:00", -5, id="ivcisa on a fixed GMT-5"),
    pytest.param("ignus", "America/Mexico_City", -6, id="ignus in Mexico City"),
    pytest.param("athento", "Europe/Madrid", 1, id="athento in Madrid"),
])
def test_time_zones(policies, provider, zone, offset_in_january):
    from datetime import datetime

    policy = policies.get(provider)
    assert policy.zone_name == zone
    assert datetime(2026, 1, 15, 12, tzinfo=policy.zone).utcoffset() == timedelta(hours=offset_in_january)


def test_ivcisa_offset_does_not_follow_daylight_saving(policies):
    from datetime import datetime

    zone = policies.get("ivcisa").zone
    assert datetime(2026, 7, 15, 12, tzinfo=zone).utcoffset() == timedelta(hours=-5)


@pytest.mark.parametrize("provider, severities", [
    # "Bug (No Urgente)", "Interrupción Parcial (Urgente)", "Caída Total (Crítico)"
    pytest.param("conecta", ["total-outage", "partial-outage", "bug"], id="conecta three incident types"),
    pytest.param("ivcisa", ["production-down", "production-active", "non-production"], id="ivcisa three SLA times"),
    # "Existen 4 niveles de priorización de los tickets: Urgente, Alta, Media, Baja"
    pytest.param("ignus", ["urgent", "high", "medium", "low"], id="ignus four priorities"),
    pytest.param("athento", ["blocker", "critical", "major", "trivial"], id="athento four severities"),
    pytest.param("express", ["emergency"], id="express one emergency"),
])
def test_severities_most_severe_first(policies, provider, severities):
    assert [s.id for s in policies.get(provider).severities] == severities


@pytest.mark.parametrize("provider, name, severity", [
    pytest.param("conecta", "Caída Total", "total-outage", id="conecta 'Caída Total' is total-outage"),
    pytest.param("conecta", "caida-total", "total-outage", id="conecta 'caida-total' is total-outage"),
    pytest.param("conecta", "CAÍDA_TOTAL", "total-outage", id="conecta 'CAÍDA_TOTAL' is total-outage"),
    pytest.param("conecta", "critico", "total-outage", id="conecta 'critico' is total-outage"),
    pytest.param("conecta", "Crítico", "total-outage", id="conecta 'Crítico' is total-outage"),
    pytest.param("conecta", "Interrupción Parcial", "partial-outage", id="conecta 'Interrupción Parcial' is partial-outage"),
    pytest.param("conecta", "no urgente", "bug", id="conecta 'no urgente' is bug"),
    pytest.param("ignus", "urgente", "urgent", id="ignus 'urgente' is urgent"),
    pytest.param("ignus", "Alta", "high", id="ignus 'Alta' is high"),
    pytest.param("ignus", "media", "medium", id="ignus 'media' is medium"),
    pytest.param("ignus", "Baja", "low", id="ignus 'Baja' is low"),
    pytest.param("athento", "bloqueante", "blocker", id="athento 'bloqueante' is blocker"),
    pytest.param("athento", "Crítica", "critical", id="athento 'Crítica' is critical"),
    pytest.param("athento", "Mayor", "major", id="athento 'Mayor' is major"),
    pytest.param("ivcisa", "producción caída", "production-down", id="ivcisa 'producción caída' is production-down"),
    pytest.param("ivcisa", "no productivo", "non-production", id="ivcisa 'no productivo' is non-production"),
    pytest.param("express", "Emergencia", "emergency", id="express 'Emergencia' is emergency"),
])
def test_aliases_resolve_ignoring_case_accents_and_separators(policies, provider, name, severity):
    assert policies.get(provider).severity(name).id == severity


@pytest.mark.parametrize("provider, label", [
    pytest.param("conecta", "Caída Total", id="conecta keeps the Spanish label Caída Total"),
    pytest.param("ignus", "Urgente", id="ignus keeps Urgente"),
    pytest.param("athento", "Bloqueante", id="athento keeps Bloqueante"),
])
def test_most_severe_keeps_its_spanish_label(policies, provider, label):
    assert policies.get(provider).severities[0].label == label


@pytest.mark.parametrize("plan, contacts, tickets, calendar", [
    # Plus: "Contacto vía email", no stated quota
    pytest.param("plus", None, None, "plus", id="plus states no contacts or tickets"),
    # "Hasta 4 contactos autorizados - Hasta 50 tickets incluidos al año"
    pytest.param("standard", 4, 50, "standard", id="standard 4 contacts 50 tickets a year"),
    # "Hasta 7 contactos autorizados - Hasta 125 tickets incluidos al año"
    pytest.param("company", 7, 125, "company", id="company 7 contacts 125 tickets a year"),
    # "Hasta 10 contactos autorizados - Hasta 200 tickets incluidos al año"
    pytest.param("enterprise", 10, 200, "enterprise", id="enterprise 10 contacts 200 tickets a year"),
])
def test_athento_plan_quotas(policies, plan, contacts, tickets, calendar):
    chosen = policies.get("athento").plan(plan)
    assert (chosen.contacts, chosen.tickets_per_year, chosen.calendar) == (contacts, tickets, calendar)


def test_athento_has_no_default_plan_and_says_which_plans_exist(policies):
    athento = policies.get("athento")
    assert athento.default_plan is None
    with pytest.raises(InputError) as caught:
        athento.plan(None)
    assert str(caught.value) == (
        "athento has plans and no default: choose one with --plan (starter, plus, standard, company, enterprise)")


def test_ivcisa_default_plan_is_24x7(policies):
    # "ALCANCE DE SOPORTE 24×7": the document is about the 24×7 service.
    ivcisa = policies.get("ivcisa")
    assert ivcisa.plan(None).id == "24x7"
    assert [p.id for p in ivcisa.plans] == ["24x7", "business-hours"]


@pytest.mark.parametrize("severity, recurring", [
    # "Caída Total ... Reportamos en el estado del servicio cada 4 horas y enviamos un boletín cada 12 horas."
    pytest.param("total-outage", [("status-page", "4h"), ("bulletin", "12h")], id="total outage every 4h and 12h"),
    # "Interrupción Parcial ... cada 6 horas y enviamos un boletín cada 24 horas."
    pytest.param("partial-outage", [("status-page", "6h"), ("bulletin", "24h")], id="partial outage every 6h and 24h"),
    # "Bug ... No se reporta en el estado del servicio ni se envían boletines específicos."
    pytest.param("bug", [], id="bug has no recurring updates"),
])
def test_conecta_recurring_communications(policies, severity, recurring):
    conecta = policies.get("conecta")
    comms = conecta.communications_for(conecta.severity(severity))
    assert [(c.channel, str(c.every)) for c in comms if c.recurring] == recurring


def test_conecta_bug_only_gets_a_general_bulletin_at_resolution(policies):
    conecta = policies.get("conecta")
    comms = conecta.communications_for(conecta.severity("bug"))
    assert [(c.channel, c.when) for c in comms] == [("bulletin", "resolved")]


def test_ivcisa_follows_up_for_48_hours_after_resolution(policies):
    ivcisa = policies.get("ivcisa")
    follow = [c for c in ivcisa.communications_for(ivcisa.severity("production-down")) if c.channel == "follow-up"]
    assert [(c.when, str(c.until)) for c in follow] == [("resolved", "48h")]


def test_protocol_steps(policies):
    # Conecta "Caída Total" has 5 steps, "Bug" 4; IVCISA's "Proceso de resolución" has 7.
    conecta, ivcisa = policies.get("conecta"), policies.get("ivcisa")
    assert len(conecta.protocol_for(conecta.severity("total-outage"))) == 5
    assert len(conecta.protocol_for(conecta.severity("bug"))) == 4
    assert len(ivcisa.protocol_for(ivcisa.severity("non-production"))) == 7
    assert conecta.protocol_for(conecta.severity("bug"))[2].startswith("Caso Interno")


def test_express_pricing(policies):
    # "Plan Express / Emergencias 35 $USD Por hora"; "el pago de una (1) a ocho (8) horas como
    # garantía ... en su defecto es una hora"; "hasta tres facturas"
    pricing = policies.get("express").pricing
    assert (pricing.currency, pricing.express_rate) == ("USD", Decimal("35.00"))
    assert (pricing.guarantee.min, pricing.guarantee.default, pricing.guarantee.max) == (1, 1, 8)
    assert [i for i, _ in pricing.invoices] == ["guarantee", "normalization", "mitigation"]
    assert pricing.on_demand_rate is None


def test_only_express_has_pricing(policies):
    assert [p.id for p in policies if p.pricing is not None] == ["express"]


@pytest.mark.parametrize("provider", ["athento", "conecta", "express", "ignus", "ivcisa"])
def test_every_policy_names_its_seed_and_its_assumptions(policies, provider):
    policy = policies.get(provider)
    assert policy.source and policy.source.endswith(".txt")
    assert policy.assumptions
