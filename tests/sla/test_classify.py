"""classify(policy, incident): seed examples and definitions, realistic reports, facts, notes."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from slactl.policy import load as loader
from slactl.sla.classify import Incident, classify
from slactl.policy.severity import Facts

POLICIES = loader.load(loader.active_paths(None))


def severity_of(provider: str, text: str, **facts) -> str:
    return classify(POLICIES.get(provider), Incident(text, Facts(**facts))).severity.id


def cases(table):
    return pytest.mark.parametrize(("text", "expected"), table, ids=[f"{t!r} is {e}" for t, e in table])


# Seed 002 (Ignus), "Ejemplos de priorización por tipo de solicitud": every example request.
IGNUS_EXAMPLES = [
    ("Problemas que impactan directamente en el correcto funcionamiento de los aplicativos y servicios contratados.", "urgent"),
    ("Servicio caído o sin funcionamiento.", "urgent"),
    ("Bajo rendimiento / intermitencia del servicio.", "urgent"),
    ("Error en el servidor de correo: error de recepción y envío de correos por problemas ajenos al cliente.", "urgent"),
    ("Ataques DDoS / Hacking", "urgent"),
    ("Error en el servidor de correo: error de recepción y envío de correos debidos al cliente.", "high"),
    ("Ataque masivo de SPAM.", "high"),
    ("Mejoras y nueva funcionalidad en los aplicativos", "medium"),
    ("Actualización de configuraciones en los servicios a solicitud del cliente.", "medium"),
    ("Solicitudes de servicio al cliente como: Configuración de correo electrónico (Outlook, móvil, configuración de firma electrónica).", "low"),
    ("Ajustes en los filtros de SPAM.", "low"),
]


@cases(IGNUS_EXAMPLES)
def test_every_ignus_example_request_has_its_priority(text, expected):
    assert severity_of("ignus", text) == expected


# Seed 003 (Athento): every sentence of the four severity definitions.
ATHENTO_DEFINITIONS = [
    ("Una incidencia Blocker indica que el sistema en producción se encuentra totalmente fuera de servicio.", "blocker"),
    ("Se incluyen en esta categoría aquellas vulnerabilidades de seguridad que afecten a la privacidad de los datos por un agujero de seguridad del producto y que se hayan materializado.", "blocker"),
    ("En este caso, el sistema en producción funciona, pero servicios u operaciones críticas del sistema se encuentran interrumpidos.", "critical"),
    ("El impacto en el sistema es severo y limita funcionalidad vital del sistema (por ejemplo, crear documentos o consultar documentos de forma generalizada).", "critical"),
    ("Se incluyen en este punto vulnerabilidades que afecten a la privacidad de los datos pero que no se hayan materializado o ataques DoS que afecten a la disponibilidad del servicio.", "critical"),
    ("Existe una afectación moderada del sistema.", "major"),
    ("Puede referirse también a inestabilidad en el sistema con interrupciones periódicas del servicio o pérdida de funcionalidad del producto.", "major"),
    ("Esta categoría también puede recoger errores de desarrollo que afectan el performance del producto.", "major"),
    ("El cliente en este caso, puede perfectamente operar con el sistema.", "major"),
    ("Estas solicitudes de soporte se solucionarán mediante hotfixes o nuevas releases, pero tienen menos prioridad que las incidencias Critical.", "major"),
    ("Se incluyen en este punto vulnerabilidades que afecten al performance de la plataforma, generen lentitud o caídas puntuales.", "major"),
    ("Existe una afectación pequeña del sistema.", "trivial"),
    ("Plugins o funcionalidades concretas no se encuentran funcionando con normalidad, pero el cliente es completamente capaz de operar con el sistema.", "trivial"),
    ("Estas incidencias se resolverán mediante hotfixes y releases, pero tienen menos prioridad que incidencias Major o Critical.", "trivial"),
    ("Se incluyen en este punto vulnerabilidades que, sin afectar a la privacidad o disponibilidad de la plataforma, requieran de una especial atención.", "trivial"),
    ("Entrarían en este punto aquellas evidencias encontradas mediante la aplicación de técnicas de hacking ético, así como preguntas sobre uso del sistema, solicitudes de información en general, reporte de errores en la documentación, recomendaciones, solicitudes de mejoras, etc.", "trivial"),
]


@cases(ATHENTO_DEFINITIONS)
def test_every_athento_definition_sentence_has_its_severity(text, expected):
    assert severity_of("athento", text) == expected


# Seed 000 (Conecta): "Bug: Fallas en funciones específicas sin interrupción total del servicio",
# "Interrupción Parcial: Interrupción parcial de los servicios", "Caída Total: Interrupción completa".
CONECTA_REPORTS = [
    ("Fallas en funciones específicas sin interrupción total del servicio.", "bug"),
    ("Interrupción parcial de los servicios y su funcionalidad.", "partial-outage"),
    ("Interrupción completa de los servicios de hosting.", "total-outage"),
    ("Se cayó el hosting, ninguna de nuestras páginas abre", "total-outage"),
    ("mi sitio web esta caido desde anoche!!", "total-outage"),
    ("Our site is completely down, error 503 on every page", "total-outage"),
    ("El servidor no responde y todos los sitios están fuera de línea", "total-outage"),
    ("El correo está caído pero la web funciona", "partial-outage"),
    ("La página se cae a ratos durante el día", "partial-outage"),
    ("The site is not down, just very slow", "partial-outage"),
    ("Some of our sites return 500 errors, others load fine", "partial-outage"),
    ("We got hacked, there's malware on the site", "partial-outage"),
    ("No está caído, pero el botón de pago no funciona", "bug"),
    ("el plugin de WooCommerce da error al guardar", "bug"),
    ("El formulario de contacto no envía los mensajes", "bug"),
    ("Algunos clientes no pueden abrir la página, a otros les carga bien", "partial-outage"),
    ("El contador de visitas se quedó congelado en el mismo número desde el lunes", "bug"),
    ("Stats are stuck at the same number since Monday", "bug"),
    ("La página se congela al pagar", "partial-outage"),
]


@cases(CONECTA_REPORTS)
def test_conecta_reports(text, expected):
    assert severity_of("conecta", text) == expected


# Seed 001 (IVCISA): "no productivo <12 h, producción activo <4 h, producción inactivo <2 h".
IVCISA_REPORTS = [
    ("staging is down", "non-production"),
    ("El ambiente de pruebas no levanta", "non-production"),
    ("El servidor de QA está caído desde ayer", "non-production"),
    ("Tenemos dudas sobre la configuración del entorno de desarrollo", "non-production"),
    ("La base de datos de producción se cayó", "production-down"),
    ("Prod is down!!", "production-down"),
    ("Production API is slow for some users", "production-active"),
    ("No está caído, solo lento en producción", "production-active"),
    ("Tenemos un error en el reporte de ventas en producción", "production-active"),
    ("El sitio en vivo presenta intermitencia", "production-active"),
    ("Production API is returning 502 for all requests", "production-down"),
    ("La base de datos de QA no responde", "non-production"),
]


@cases(IVCISA_REPORTS)
def test_ivcisa_reports(text, expected):
    assert severity_of("ivcisa", text) == expected


# Seed 001: "Soporte 24×7 aplica solo para ambientes productivos" and every SLA class names its
# environment, so a report that names none has no severity until --env says which. These two were
# read as production before (an assumption the seed does not make).
IVCISA_WITHOUT_ENVIRONMENT = [
    ("La instancia EC2 no responde", "production-down"),
    ("Caída parcial del portal de clientes", "production-active"),
]


@pytest.mark.parametrize(("text", "in_production"), IVCISA_WITHOUT_ENVIRONMENT,
                         ids=[f"{t!r} needs the environment, production would give {e}" for t, e in IVCISA_WITHOUT_ENVIRONMENT])
def test_ivcisa_without_an_environment_names_the_missing_fact(text, in_production):
    # The table alone never assumes production. The weighed cues may read an environment the text
    # implies ("el portal de clientes" is what customers use): then the answer has low confidence,
    # the environment stays missing, and what each value would give is still there.
    alone = classify(POLICIES.get("ivcisa"), Incident(text), weighed=False)
    assert (alone.severity, alone.missing, alone.confidence, alone.default_used) == (None, ("env",), "none", False)
    candidates = {(("env", "production"),): in_production, (("env", "non-production"),): "non-production"}
    assert {values: s.id for values, s in alone.candidates} == candidates
    result = classify(POLICIES.get("ivcisa"), Incident(text))
    assert result.missing == ("env",) and {values: s.id for values, s in result.candidates} == candidates
    assert result.severity is None or (result.confidence == "low" and result.weighed_decides
                                       and "environment is not stated" in result.notes[0].text)
    assert severity_of("ivcisa", text, env="production") == in_production


IGNUS_REPORTS = [
    ("Hola, nuestra tienda en línea no carga desde hace 20 minutos, marca error 503", "urgent"),
    ("El VPS está muy lento desde ayer y a ratos no responde", "urgent"),
    ("No nos llegan los correos de clientes desde la mañana", "urgent"),
    ("Our website is down since 9am, customers can't buy anything", "urgent"),
    ("The RDS database is not down, but queries are really slow", "urgent"),
    ("Nuestro servidor está enviando spam, nos metieron en lista negra", "high"),
    ("Quisiera agregar una sección nueva de blog al sitio", "medium"),
    ("El sitio no está caído, solo quiero cambiar los DNS", "medium"),
    ("Necesito configurar mi correo en el celular", "low"),
    ("Can you help me set up my email signature in Outlook?", "low"),
    ("Nos están llegando miles de correos spam", "high"),
    ("Necesito ajustar los filtros de spam", "low"),
    ("El dominio expiró y la página no abre", "urgent"),
    ("El archivo adjunto no abre en Outlook", "low"),
    ("El correo no envía ni recibe desde esta mañana", "urgent"),
    ("Nos están cayendo miles de correos de spam", "high"),
    ("Está lloviendo spam en todas las cuentas", "high"),
    ("Se nos cayó el correo, no llega nada", "urgent"),
    ("Our intern changed the MX records by mistake and now email is failing", "high"),
    ("Everything is fine on our side, but email is failing", "urgent"),
    ("Please add proveedor.com to the antispam whitelist", "low"),
    ("Quisiera añadir a mi proveedor a la lista blanca del filtro antispam", "low"),
    ("Quiero programar un cron que se ejecute cada dos horas", "medium"),
    ("La plataforma se cae cada hora", "urgent"),
]


@cases(IGNUS_REPORTS)
def test_ignus_reports(text, expected):
    assert severity_of("ignus", text) == expected


ATHENTO_REPORTS = [
    ("La plataforma está caída, nadie puede entrar", "blocker"),
    ("Production is completely down since 8:00", "blocker"),
    ("Un usuario ve documentos de otro cliente: fuga de datos", "blocker"),
    ("No podemos subir documentos desde esta mañana", "critical"),
    ("We cannot upload documents at all", "critical"),
    ("Estamos sufriendo un ataque DDoS", "critical"),
    ("El entorno de pruebas está caído", "major"),
    ("La aplicación va muy lenta y a veces da timeout", "major"),
    ("The system is unstable, it goes down intermittently", "major"),
    ("El plugin de firma no funciona bien", "trivial"),
    ("¿Cómo puedo cambiar el idioma de la interfaz?", "trivial"),
    ("There is a typo in the documentation", "trivial"),
    ("No podemos firmar documentos, el módulo de firma da error", "critical"),
    ("La aplicación se cae cada cierto tiempo", "major"),
    ("We can't upload documents since this morning, users get error 500", "critical"),
    ("Gente ajena a la empresa ha descargado documentos sin autenticarse", "blocker"),
    ("Cualquiera con el enlace podría descargar los documentos sin autenticarse", "critical"),
    ("Varios usuarios vieron expedientes a los que no tienen permiso", "blocker"),
    ("People outside the company downloaded our files without authentication", "blocker"),
    ("Hay usuarios viendo documentos que no les corresponden", "blocker"),
    ("Los usuarios que no tienen permiso de escritura ven un error al subir", "trivial"),
    ("Users who have no permission get an error when uploading", "trivial"),
    ("The whole platform is completely down, every request times out", "blocker"),
    ("The API refuses connections and not a single user can work", "blocker"),
    ("Los procesos de aprobación están bloqueados, no podemos tramitar nada", "critical"),
    ("Athento se corta cada pocas horas unos minutos y vuelve solo", "major"),
    ("La app nos echa de la sesión cada tanto y después deja entrar", "major"),
    ("The app goes down every couple of hours, then works again", "major"),
    ("El manual de administrador describe una opción que ya no existe", "trivial"),
    ("The admin guide mentions a setting that does not exist", "trivial"),
]


@cases(ATHENTO_REPORTS)
def test_athento_reports(text, expected):
    assert severity_of("athento", text) == expected


FACT_CASES = [
    ("conecta", {"impact": "total"}, "total-outage"),
    ("conecta", {"impact": "partial"}, "partial-outage"),
    ("conecta", {"impact": "minor"}, "bug"),
    ("ivcisa", {"env": "production", "impact": "total"}, "production-down"),
    ("ivcisa", {"env": "production", "impact": "partial"}, "production-active"),
    ("ivcisa", {"env": "non-production", "impact": "total"}, "non-production"),
    ("athento", {"privacy": "materialized"}, "blocker"),
    ("athento", {"privacy": "vulnerability"}, "critical"),
    ("athento", {"dos": True}, "critical"),
    ("athento", {"env": "production", "impact": "total"}, "blocker"),
    ("ignus", {"dos": True}, "urgent"),
]


@pytest.mark.parametrize(("provider", "facts", "expected"), FACT_CASES,
                         ids=[f"{p} with {f} is {e}" for p, f, e in FACT_CASES])
def test_facts_alone_classify(provider, facts, expected):
    assert severity_of(provider, "", **facts) == expected


def test_most_severe_wins_and_the_others_are_listed():
    # The decision table alone (weighed=False): "caído" is Caída Total; "formulario" is a Bug.
    result = classify(POLICIES.get("conecta"), Incident("el sitio está caído y el formulario falla"), weighed=False)
    assert result.severity.id == "total-outage" and result.table == "total-outage" and result.weighed is None
    assert [s.id for s, _ in result.also] == ["bug"]
    assert [h.quote for e in result.matched for h in e.hits] == ["caído"]


def test_longer_phrase_of_a_lower_severity_wins_over_the_word_inside_it():
    result = classify(POLICIES.get("conecta"), Incident("caída parcial del servicio"))
    assert result.severity.id == "partial-outage" and not result.also


def test_no_match_uses_the_default_and_says_so():
    result = classify(POLICIES.get("ignus"), Incident("hola, buenos días"))
    assert (result.severity.id, result.default_used, result.matched) == ("medium", True, ())


def test_given_env_wins_over_the_text():
    result = classify(POLICIES.get("ivcisa"), Incident("staging is down", Facts(env="production")))
    assert result.severity.id == "production-down"
    assert [(i.fact, i.value, i.applied) for i in result.inferred] == [("env", "non-production", False)]


def test_conflicting_inferences_are_not_applied():
    result = classify(POLICIES.get("ivcisa"), Incident("el error ocurre en staging y en producción"))
    assert result.facts.env is None and all(not i.applied for i in result.inferred)


def test_ignus_third_party_note_applies_to_zoho():
    # Seed 002: "licencia/aplicaciones de terceros (Zoho, Axenda) los tiempos de respuesta pueden variar".
    result = classify(POLICIES.get("ignus"), Incident("Zoho Mail no sincroniza desde hoy"))
    assert any("Zoho" in n.text for n in result.notes)


def test_ignus_design_request_gets_the_eta_note():
    # Seed 002: "(Desarrollo / Diseño) se responderá el ticket con un ETA".
    result = classify(POLICIES.get("ignus"), Incident("Necesitamos un rediseño del home"))
    assert result.severity.id == "medium" and any("ETA" in n.text for n in result.notes)


def test_athento_resolution_clock_note_always_applies():
    # Seed 003: "Este tiempo sólo aplicará en el caso de que la solución dependa al 100% de Athento".
    result = classify(POLICIES.get("athento"), Incident("no podemos crear documentos"))
    assert any("depends 100% on Athento" in n.text for n in result.notes)


def test_targets_of_the_chosen_severity_for_the_default_plan():
    # Seed 002: "Urgente | 15 minutos | 2 horas | 24x7".
    result = classify(POLICIES.get("ignus"), Incident("servicio caído"))
    [only] = result.targets
    assert [(t.name, t.describe(), t.calendar) for t in only.targets] == [("response", "< 15m", "24x7"), ("resolution", "< 2h", "24x7")]


def test_no_default_plan_lists_every_plan():
    result = classify(POLICIES.get("athento"), Incident("no podemos crear documentos"))
    assert [p.plan.id for p in result.targets] == ["starter", "plus", "standard", "company", "enterprise"]


def test_opened_gives_due_times():
    # Seed 003: "Tiempos de Respuesta. Enterprise: Critica 4 horas"; attention 8-20 LV. Friday 18:30
    # leaves 1h30m, the other 2h30m count from Monday 08:00: due Monday 10:30.
    policy = POLICIES.get("athento")
    opened = datetime(2026, 11, 20, 18, 30, tzinfo=ZoneInfo("Europe/Madrid"))
    result = classify(policy, Incident("no podemos crear documentos", opened=opened), policy.plan("enterprise"))
    [only] = result.targets
    assert only.deadlines[0].due == datetime(2026, 11, 23, 10, 30, tzinfo=ZoneInfo("Europe/Madrid"))


def test_a_megabyte_of_text_is_read_up_to_the_limit_and_said_so():
    import time

    from slactl.sla.classify import READ_LIMIT

    begin = time.perf_counter()
    result = classify(POLICIES.get("conecta"), Incident("el servidor está caído y la web no carga, " * 25_000))
    assert (result.severity.id, result.truncated) == ("total-outage", True)
    assert time.perf_counter() - begin < 20  # about a second here; unbounded, half a minute
    assert all(h.end <= READ_LIMIT for found in result.reading.concepts for h in found.hits)
