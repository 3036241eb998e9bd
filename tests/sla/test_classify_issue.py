"""The example texts of issue 16 ("Classification that understands incidents"), each with the
seed sentence that decides it: every kind of mistake the issue names, fixed as a kind."""

from __future__ import annotations

import pytest

from slactl.policy import load as loader
from slactl.policy.severity import Facts
from slactl.sla.classify import Incident, classify

POLICIES = loader.load(loader.active_paths(None))

EXAMPLES = [
    # An unknown wording of a listed symptom no longer falls to the default.
    ("ignus", "la base de datos no acepta conexiones desde la app", "urgent",
     "002 Urgente: Productos impactados: ... bases de datos RDS y bases de datos locales"),
    ("ignus", "no salen ni entran mensajes", "urgent",
     "002 Urgente: Error en el servidor de correo: error de recepción y envío de correos por problemas ajenos al cliente."),
    ("ignus", "we're getting flooded with junk mail", "high", "002 Alto: Ataque masivo de SPAM."),
    # Scope: part of the service, one function.
    ("conecta", "la mitad de nuestros sitios están caídos, el resto funciona", "partial-outage",
     "000 Interrupción Parcial (Urgente): Interrupción parcial de los servicios y su funcionalidad."),
    ("conecta", "phpMyAdmin da error 500 pero la web funciona", "bug",
     "000 Bug (No Urgente): Fallas en funciones específicas sin interrupción total del servicio."),
    # A decisive qualifier: the cause, a privacy hole that has materialized.
    ("ignus", "no nos llegan correos, borramos los MX por error", "high",
     "002 Alto: Error en el servidor de correo: error de recepción y envío de correos debidos al cliente."),
    ("athento", "un atacante accedió a expedientes por un fallo de seguridad", "blocker",
     "003 Se incluyen en esta categoría aquellas vulnerabilidades de seguridad que afecten a la privacidad de los "
     "datos por un agujero de seguridad del producto y que se hayan materializado."),
    # A healthy mention removes an environment instead of cancelling everything.
    ("ivcisa", "el ambiente de pruebas está caído, producción ok", "non-production",
     "001 Afectación de Sistemas no productivo – no critico: <12 horas"),
    # Inflections: a listed "no responde" matches "no responden".
    ("ivcisa", "los servidores de producción no responden", "production-down",
     "001 Sistema de producción inactivo – crítico: < 2 hora"),
]


@pytest.mark.parametrize(("provider", "text", "expected", "seed"), EXAMPLES,
                         ids=[f"{p}: {t!r} is {e}" for p, t, e, _ in EXAMPLES])
def test_the_issue_example_is_classified_as_its_seed_says(provider, text, expected, seed):
    result = classify(POLICIES.get(provider), Incident(text))
    assert result.severity is not None and result.severity.id == expected
    assert not result.default_used


def test_ivcisa_impact_total_without_an_environment_names_the_missing_fact():
    # Seed 001: "Soporte 24×7 aplica solo para ambientes productivos": every class names its
    # environment, so --impact total alone is not the least severe class but an open question.
    result = classify(POLICIES.get("ivcisa"), Incident("", Facts(impact="total")))
    assert (result.severity, result.missing, result.confidence) == (None, ("env",), "none")
    assert [(values, s.id) for values, s in result.candidates] == [
        ((("env", "production"),), "production-down"), ((("env", "non-production"),), "non-production")]
