"""What a fresh tester found in ``slactl classify`` (numbered as they reported it), each fixed
as a kind, not as the one text:

1. a short word (``AC``, a name such as ``Fay``) matched a concept's word by sound or stem;
2. a generic failure word (``error``) won over the specific concept that covers it (``un error
   en la documentación``);
3. a text that is mostly not words (random bytes, base64) gave a ``high`` answer;
4. stdin that is not UTF-8 was read as other characters instead of refused.
"""

from __future__ import annotations

import base64
import io
import random
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from cli_helpers import run
from hypothesis import given, strategies as st

from slactl.policy import load as loader
from slactl.policy.severity import Facts
from slactl.sla.classify import MOSTLY_WORDS, Incident, classify
from slactl.sla.lexicon import lexicon
from slactl.sla.reading import read
from slactl.sla.textmatch import Text

POLICIES = loader.load(loader.active_paths(None))
FRESH = Path(__file__).resolve().parents[1] / "testdata" / "classify" / "fresh.yaml"


def classified(provider: str, text: str, **facts):
    return classify(POLICIES.get(provider), Incident(text, Facts(**facts)))


def concepts(text: str) -> set[str]:
    return set(read(Text.of(text), lexicon()).concept_ids())


# -- 1. short words and names match only themselves ---------------------------------------------

NOT_A_CONCEPT = [
    ("Quiero cambiar la contraseña de mi cuenta de correo en el AC de la oficina", "attack",
     "AC is two letters: hackeado's sound-alike stem is ac"),
    ("el cliente Fay pidió un reporte", "function-failure", "a name of three letters: falla sounds fay"),
    ("Rob nos mandó los datos del cliente", "data-exposure", "a name of three letters: robaron's stem is rob"),
    ("la cliente Faye pidió un reporte", "function-failure", "a sound-alike form of three letters is no key"),
]


@pytest.mark.parametrize(("text", "concept", "why"), NOT_A_CONCEPT,
                         ids=[f"{t!r} does not report {c}: {w}" for t, c, w in NOT_A_CONCEPT])
def test_a_short_word_or_a_name_is_no_concept(text, concept, why):
    assert concept not in concepts(text)


def test_the_ac_of_the_office_is_a_password_change_not_an_attack():
    # Seed 002: "Bajo: Solicitudes de servicio al cliente como: Configuración de correo electrónico ..."
    # (the policy's rule "cambiar contraseña"); "Urgente: ... Ataques DDoS / Hacking" is not read.
    result = classified("ignus", "Quiero cambiar la contraseña de mi cuenta de correo en el AC de la oficina")
    assert (result.severity.id, result.table) == ("low", "low")
    assert "attack" not in {found.concept for found in result.reading.concepts}


def test_a_name_reports_nothing():
    # No concept is read, so the table falls back to Ignus's default severity; the weighed cues
    # ("pidió un reporte": a request, Seed 002 "Bajo: Solicitudes de servicio al cliente") may
    # still answer; "Fay" is no concept.
    result = classified("ignus", "el cliente Fay pidió un reporte")
    assert (result.table, result.reading.concepts) == ("medium", ())
    assert result.severity.id in ("medium", "low")


SHORT_WORDS_STILL_READ = [
    ("la BD no responde", "database-unreachable"),  # a short word is itself
    ("las BDs no responden", "database-unreachable"),  # and its plural in s
    ("el sitio se cae", "service-down"),  # an irregular form is not a short word: cae is caído
    ("The site is DOWN", "service-down"),  # is and are are be
]


@pytest.mark.parametrize(("text", "concept"), SHORT_WORDS_STILL_READ,
                         ids=[f"{t!r} reports {c}" for t, c in SHORT_WORDS_STILL_READ])
def test_short_words_still_match_themselves(text, concept):
    assert concept in concepts(text)


def test_the_database_written_bd_is_still_urgent():
    # Seed 002: "Urgente: ... Productos impactados: ... bases de datos RDS y bases de datos locales".
    assert classified("ignus", "la BD no responde").severity.id == "urgent"


# -- 2. a specific concept covers the generic failure word it contains ---------------------------

DOCUMENTATION_ERRORS = [
    "hay un error en la documentación",
    "en la documentación hay un error",
    "la documentación tiene varios errores",
    "hay un error en la sección 3 de la documentación",
    "encontramos un error en el manual de usuario",
    "La documentación de la API está desactualizada",
    "There is a mistake in the user guide",
    "the docs are outdated",
]


@pytest.mark.parametrize("text", DOCUMENTATION_ERRORS, ids=[f"{t!r} is a documentation error" for t in DOCUMENTATION_ERRORS])
def test_an_error_in_the_documentation_is_a_documentation_error_not_a_failing_function(text):
    assert concepts(text) == {"documentation-error"}
    # Seed 003, Trivial: "... reporte de errores en la documentación, recomendaciones, solicitudes de mejoras, etc."
    assert classified("athento", text).severity.id == "trivial"


def test_ignus_has_no_row_for_the_documentation_so_it_is_not_urgent():
    # Seed 002 names no documentation request; "Urgente: Problemas que impactan directamente en el correcto
    # funcionamiento de los aplicativos" was read from the bare "error". Now nothing of the table holds.
    result = classified("ignus", "hay un error en la documentación")
    assert (result.table, result.reading.concepts[0].concept) == ("medium", "documentation-error")
    assert result.severity.id in ("medium", "low") and result.confidence != "high"


FAILURES_NEXT_TO_DOCUMENTATION = [
    "seguí la documentación y me da error",  # the error is the system's: the documentation is only followed
    "error en la carga manual de facturas",  # a bare "manual" is an adjective here
    "I followed the docs and get an error",
]


@pytest.mark.parametrize("text", FAILURES_NEXT_TO_DOCUMENTATION,
                         ids=[f"{t!r} still reports a failure" for t in FAILURES_NEXT_TO_DOCUMENTATION])
def test_a_failure_beside_the_documentation_is_still_a_failure(text):
    assert "function-failure" in concepts(text)
    # Seed 002: "Urgente: Problemas que impactan directamente en el correcto funcionamiento de los aplicativos ..."
    assert classified("ignus", text).severity.id == "urgent"


SPAM_FILTER_FAULTS = ["el filtro de spam falla", "hay un problema con el filtro antispam", "the spam filter is broken"]


@pytest.mark.parametrize("text", SPAM_FILTER_FAULTS, ids=[f"{t!r} is a spam-filter adjustment" for t in SPAM_FILTER_FAULTS])
def test_a_fault_of_the_spam_filter_is_an_adjustment_of_the_filter(text):
    assert concepts(text) == {"spam-filter"}
    # Seed 002: "Bajo: ... Ajustes en los filtros de SPAM."
    assert classified("ignus", text).severity.id == "low"


# -- 3. a text that is mostly not words gives no high confidence --------------------------------


def _noise(kind: str, seed: int) -> str:
    rng = random.Random(seed)
    raw = bytes(rng.randrange(256) for _ in range(6000))
    return {
        "random bytes read as Latin-1": raw.decode("latin-1"),
        "base64": base64.b64encode(raw).decode(),
        "a hex dump": raw.hex(" ", 2),
        "random letters": "".join(rng.choice("abcdefghijklmnopqrstuvwxyz" + " " * 10) for _ in range(6000)),
        "random capitals": "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ" + " " * 10) for _ in range(6000)),
        "random letters and digits": "".join(rng.choice("abcdefghijkmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,")
                                             for _ in range(6000)),
    }[kind]


NOISE = ["random bytes read as Latin-1", "base64", "a hex dump", "random letters", "random capitals",
         "random letters and digits"]


@pytest.mark.parametrize("kind", NOISE, ids=[f"{k} is mostly not words" for k in NOISE])
@pytest.mark.parametrize("seed", range(3))
def test_noise_is_mostly_not_words(kind, seed):
    assert read(Text.of(_noise(kind, seed)), lexicon()).words < MOSTLY_WORDS


@pytest.mark.parametrize("kind", NOISE, ids=[f"{k} gives no high confidence, and says why" for k in NOISE])
@pytest.mark.parametrize("provider", ["athento", "conecta", "ignus", "ivcisa", "express"])
def test_noise_gives_no_high_confidence_and_says_so(kind, provider):
    for seed in range(3):
        result = classified(provider, _noise(kind, seed))
        assert result.confidence != "high"
        assert any(note.text.startswith("the text is mostly not words") for note in result.notes)


def test_an_outage_buried_in_base64_is_read_but_not_trusted():
    # Seed 002: "Urgente: Servicio caído o sin funcionamiento." The words are found, in 8,000 characters of base64.
    result = classified("ignus", "el servidor está caído " + _noise("base64", 16))
    assert (result.severity.id, result.confidence) == ("urgent", "low")
    assert [note.text for note in result.notes if note.source is None] == [
        "the text is mostly not words (under 1% of its letters are in Spanish or English words): what was read in it "
        "may be chance, so the confidence is at most low"]


def test_flags_still_decide_with_high_confidence_over_noise():
    # Seed 000: "Caída Total (Crítico): Interrupción completa de los servicios de hosting." --impact total says so.
    result = classified("conecta", _noise("base64", 1), impact="total")
    assert (result.severity.id, result.confidence) == ("total-outage", "high")


def test_every_report_of_the_fresh_set_is_mostly_words():
    cases = yaml.safe_load(FRESH.read_text(encoding="utf-8"))["cases"]
    lowest = min((read(Text.of(case["text"]), lexicon()).words, case["id"]) for case in cases)
    assert lowest[0] >= 0.8, lowest


WORDS_OF_A_REPORT = [
    "VPS 192.168.1.20 no responde, SSH timeout, HTTP 502",
    "el DNS de xyz.com.mx no resuelve: dig xyz.com.mx @8.8.8.8 -> SERVFAIL",
    "SMTP 550 5.7.1 rejected: SPF fail for mx1.cliente.com",
    "Fatal error: Uncaught Error: Call to undefined function mysql_connect() in /home/user/public_html/wp-db.php:1234",
    "🔥🔥🔥 server down 😭😭",
    "AYUDA!!! TODO KAIDO, construir el instructivo en phpMyAdmin",
]


@pytest.mark.parametrize("text", WORDS_OF_A_REPORT, ids=[f"{t!r} is mostly words" for t in WORDS_OF_A_REPORT])
def test_a_terse_technical_report_is_mostly_words(text):
    result = classified("ignus", text)
    assert result.reading.words >= MOSTLY_WORDS
    assert not any(note.text.startswith("the text is mostly not words") for note in result.notes)


@given(st.text(max_size=200))
def test_the_words_of_any_text_are_a_share_of_its_letters(text):
    assert 0.0 <= read(Text.of(text), lexicon()).words <= 1.0


@pytest.mark.parametrize("text", ["Сайт не работает", "网站无法访问"])
def test_other_scripts_are_not_words_of_the_languages(text):
    assert read(Text.of(text), lexicon()).words == 0.0


# -- 4. stdin that is not UTF-8 is refused in one line ------------------------------------------


def test_stdin_that_is_not_utf8_is_refused(capsys, monkeypatch):
    stdin = io.TextIOWrapper(io.BytesIO(b"se cay\xf3 el sitio"), encoding="utf-8", errors="surrogateescape")
    monkeypatch.setattr("sys.stdin", stdin)
    assert run(capsys, "classify", "ignus", "-") == (2, "", "slactl: error: stdin is not UTF-8 text\n")


def test_stdin_in_utf8_is_read_whatever_the_locale_says(capsys, monkeypatch):
    # Seed 002: "Urgente: Servicio caído o sin funcionamiento." A byte-order mark is skipped.
    stdin = io.TextIOWrapper(io.BytesIO("\ufeffse cayó el sitio".encode()), encoding="latin-1")
    monkeypatch.setattr("sys.stdin", stdin)
    code, out, _ = run(capsys, "classify", "ignus", "-")
    assert code == 0 and out.startswith("Ignus Creative Solutions: urgent (Urgente)")
    assert "'se cayó'" in out


def test_random_bytes_on_the_real_stdin_are_refused():
    noise = bytes(random.Random(7).randrange(256) for _ in range(100_000))
    done = subprocess.run([sys.executable, "-m", "slactl", "classify", "ignus", "-"], input=noise,
                          capture_output=True, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (2, b"", b"slactl: error: stdin is not UTF-8 text\n")


# -- 3. a second tester's findings (2026-11-30) ---------------------------------------------------

STOPPED_AND_EVERYTHING = [
    # "dejó de" negates the verb after it, not "todos" further on: the scope is everything.
    ("conecta", "el servidor dejó de responder y todos los sitios están caídos"),
    ("conecta", "dejó de funcionar todo"),
    ("ivcisa", "en producción dejó de funcionar todo"),
    ("athento", "dejó de funcionar toda la plataforma"),
]


@pytest.mark.parametrize(("provider", "text"), STOPPED_AND_EVERYTHING, ids=[t for _, t in STOPPED_AND_EVERYTHING])
def test_dejar_de_does_not_deny_the_whole(provider, text):
    result = classify(POLICIES.get(provider), Incident(text), weighed=False)
    assert result.reading.value("scope") == "everything"


def test_stopped_and_everything_is_the_most_severe_class():
    # Seed 000: "Caída Total (Crítico): Interrupción completa de los servicios de hosting."
    assert classified("conecta", "el servidor dejó de responder y todos los sitios están caídos").severity.id == "total-outage"
    # Seed 001: "Sistema de producción inactivo – crítico".
    assert classified("ivcisa", "en producción dejó de funcionar todo").severity.id == "production-down"
    # Seed 003: "el sistema en producción se encuentra totalmente fuera de servicio" (Blocker).
    assert classified("athento", "dejó de funcionar toda la plataforma").severity.id == "blocker"


NOT_WHAT_THEY_SEEM = [
    ("athento", "EMERGENCIA!!!! se ha caído el logo de la cabecera, no se ve", "security-finding"),  # a page header
    ("athento", "El visor va muy lento desde ayer.\n\nUn saludo,\nJosé Manuel Pérez", "documentation-error"),  # a name
    ("ignus", "no me llegan los correos.\n\nEnviado desde mi iPhone", "mail-setup"),  # a mail client's footer
]


@pytest.mark.parametrize(("provider", "text", "concept"), NOT_WHAT_THEY_SEEM, ids=[c for _, _, c in NOT_WHAT_THEY_SEEM])
def test_a_page_header_a_name_or_a_mail_footer_is_no_concept(provider, text, concept):
    assert concept not in {found.concept for found in classified(provider, text).reading.concepts}


def test_a_test_portal_is_non_production():
    # Seed 001: "Afectación de Sistemas no productivo – no critico".
    result = classify(POLICIES.get("ivcisa"), Incident("nuestros clientes no pueden entrar al portal de pruebas"))
    assert result.reading.value("env") == "non-production" and result.severity.id == "non-production"


def test_a_polite_request_states_no_exposure_and_no_cause():
    # "Could you update it?" is a request: no potential exposure ("could"), no provider's change ("you update").
    reading = classified("athento", "Could you update it? the report export is broken").reading
    assert (reading.value("exposure"), reading.value("cause")) == ("unknown", "unknown")
