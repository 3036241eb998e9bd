"""Reading an incident text: the concepts it reports and the facts it states (environment, scope,
cause, exposure), healthy statements and denials, flags winning over the text."""

from __future__ import annotations

import pytest

from slactl.sla.lexicon import lexicon
from slactl.sla.reading import read
from slactl.sla.textmatch import Text


def reading(text: str, **given):
    return read(Text.of(text), lexicon(), given)


def table(rows):
    return pytest.mark.parametrize(("text", "expected"), rows, ids=[f"{t!r} reads {_shown(e)}" for t, e in rows])


def _shown(expected) -> str:
    """A set in a sorted order: test ids must not depend on the hash seed (each pytest-xdist
    worker has its own)."""
    return "{" + ", ".join(sorted(map(repr, expected))) + "}" if isinstance(expected, (set, frozenset)) else str(expected)


CONCEPTS = [
    ("se cayó el servidor", {"service-down"}),
    ("la página se cae a ratos", {"intermittent"}),  # intermittent absorbs the outage of its sentence
    ("el correo no funciona", {"mail-failure"}),  # the longer wording says more than "no funciona"
    ("no me llegan los corrreos", {"mail-failure"}),  # a doubled letter is one
    ("el dominio no resuleve", {"dns-failure"}),  # one typo past the first letter
    ("produccion KAIDA total", {"service-down"}),  # sounds alike
    ("ataque masivo de spam", {"spam-flood"}),  # not an attack: the longer wording wins
    ("borramos el registro por error", set()),  # a cause, not a failure
    ("se van a spam los boletines", {"spam-filter"}),
    ("llegan miles de correos spam", {"spam-flood"}),  # "a spam" needs its "a"
    ("nos están haciendo un DoS", {"denial-of-service"}),
    ("los dos servidores están bien", set()),  # "dos", two, is not DoS
    ("¿cómo puedo cambiar el idioma?", {"question"}),
    ("en la documentación hay un error", {"documentation-error"}),  # the error is the documentation's
    ("no podemos subir documentos", {"work-blocked"}),
    ("ningún usuario logra descargar documentos", {"work-blocked"}),  # lograr, conseguir: to manage to
    ("se ha caído la plataforma tres veces", {"intermittent"}),  # counted outages came back
    ("la plataforma se cayó unos minutos", {"intermittent"}),  # a short outage: caídas puntuales
    ("lleva caído 40 minutos", {"service-down"}),  # still down, not a short outage
    ("ahora Gmail nos rebota todo", {"mail-failure", "mail-setup"}),  # a bounce
    ("quiero que bloqueen todo lo que llegue de ese remitente", {"spam-filter"}),
    ("les paso el valor abajo", set()),  # abajo is below, unless said of what is down
    ("web, correo, DNS, todo abajo", {"service-down"}),
    ("Ojo, no es que esté caído: se puede trabajar", set()),  # a denial in the subjunctive
]


@table(CONCEPTS)
def test_concepts_are_read(text, expected):
    assert set(reading(text).concept_ids()) == expected


ENV = [
    ("staging está caído, producción funciona bien", "non-production"),  # the healthy one is removed
    ("QA está funcionando bien, pero producción está completamente caída", "production"),
    ("No es el ambiente de pruebas: es producción la que está abajo", "production"),  # a denied mention
    ("el sistema productivo está arriba, pero la sincronización se retrasa", "production"),  # only named as working
    ("el error ocurre en staging y en producción", "unknown"),  # both affected
    ("la base de datos no acepta conexiones", "unknown"),
    ("Pre-prod está bien; en producción el módulo tarda 30 segundos", "production"),  # "pre prod" is not "prod"
    ("ambiente de entrenamiento, no productivo", "non-production"),
    ("la sección Productos no carga", "unknown"),  # productos are not productivo
    ("Los ambientes de desarrollo se caen; producción no se ha visto afectada", "non-production"),
    ("No afecta a producción: la base de datos de pruebas se corrompió", "non-production"),
]


@table(ENV)
def test_the_environment_is_read(text, expected):
    assert reading(text).value("env") == expected


SCOPE = [
    ("todo caído: la web, el correo y el panel", "everything"),
    ("el servidor no responde", "everything"),  # a whole named as failing
    ("no carga la web, ni el correo ni el FTP", "everything"),  # three services at once
    ("mi sitio web está caído", "unknown"),
    ("la mitad de mis dominios no resuelven", "part"),
    ("el correo funciona bien, pero las páginas web no cargan", "part"),  # a service works, another fails
    ("de mis 5 sitios, 3 están caídos y los otros 2 cargan bien", "part"),  # other instances work
    ("no está caído, pero el botón de pago no funciona", "function"),  # what fails is a function
    ("phpMyAdmin da error 500 pero la web funciona", "function"),  # what works is named, what fails is not
    ("the site is not down, just very slow", "unknown"),  # a denial names nothing that works
    ("la página de estado dice que todo está operativo, pero no me carga nada", "everything"),  # someone else's words
    ("the sites are fine, but the email service is completely down", "part"),  # a healthy service beats "completely"
    ("No es una caída total, pero las tres tiendas están sin servicio", "part"),  # a denied whole
    ("Toda la empresa está sin servicio", "everything"),  # sin is the outage's own negation
    ("el formulario de la página no envía los mensajes al correo; la página carga bien y los correos llegan",
     "function"),  # a function of services said to work
    ("el correo no llega; la página carga bien", "part"),  # the mail itself fails
    ("de mis páginas, unas cargan y otras dan error de servidor", "part"),  # some, said with unas ... otras
]


@table(SCOPE)
def test_the_scope_is_read(text, expected):
    assert reading(text).value("scope") == expected


CAUSE = [
    ("no nos llegan correos, borramos los MX por error", "client"),
    ("mi buzón está al 100%", "client"),
    ("un colaborador nuestro editó el registro SPF", "client"),
    ("no hemos cambiado nada de nuestro lado", "provider"),
    ("no he borrado nada en meses, pero el buzón está lleno", "client"),  # the admission wins
    ("el DNS externo que usan ustedes falla", "third-party"),
    ("los correos no llegan", "unknown"),
]


@table(CAUSE)
def test_the_cause_is_read(text, expected):
    assert reading(text).value("cause") == expected


EXPOSURE = [
    ("los datos ya se han filtrado", "materialized"),
    ("usuarios han podido ver expedientes de otro departamento", "materialized"),
    ("se podría acceder a documentos de otros usuarios; no tenemos constancia de que nadie lo haya aprovechado",
     "potential"),
    ("it has not been exploited as far as we know, but it is a privacy risk", "potential"),
    ("an attacker exploited a flaw and downloaded invoices", "materialized"),
    ("vulnerabilidades que afecten a la privacidad pero que no se hayan materializado", "potential"),
    ("una compañera ha visto que se puede abrir documentos de otros; nadie lo ha aprovechado", "potential"),
]


@table(EXPOSURE)
def test_the_exposure_is_read(text, expected):
    assert reading(text).value("exposure") == expected


def test_a_given_fact_wins_over_the_text():
    read_back = reading("staging is down", env="production")
    assert (read_back.value("env"), read_back.fact("env").given) == ("production", True)
    assert [value for value, _ in read_back.environments] == ["non-production"]


def test_each_concept_keeps_the_words_it_came_from():
    [found] = reading("Nuestro sitio web se cayó desde las 9am").concepts
    assert (found.concept, [h.quote for h in found.hits]) == ("service-down", ["se cayó"])


def test_a_word_of_the_lexicon_is_no_typo_of_another():
    # "button" is one typo from "buzón" (~buton, ~buson); spelled as the lexicon has it, it is a button
    text = "Could you add a WhatsApp chat button to our website?"
    assert "mail-setup" in read(Text.of(text), lexicon()).concept_ids()
    assert "mail-setup" not in read(Text.of(text, lexicon().vocabulary), lexicon()).concept_ids()
    assert "mail-failure" in read(Text.of("no me llegan los corrreos", lexicon().vocabulary), lexicon()).concept_ids()
