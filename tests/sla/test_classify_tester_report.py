"""What a fresh tester found in ``slactl classify`` (numbered as they reported it), each fixed
as a kind, not as the one text:

1. a short word (``AC``, a name such as ``Fay``) matched a concept's word by sound or stem;
2. a generic failure word (``error``) won over the specific concept that covers it (``un error
   en la documentación``);
4. stdin that is not UTF-8 was read as other characters instead of refused.
"""

from __future__ import annotations

import io
import random
import subprocess
import sys

import pytest
from cli_helpers import run

from slactl.policy import load as loader
from slactl.policy.severity import Facts
from slactl.sla.classify import Incident, classify
from slactl.sla.lexicon import lexicon
from slactl.sla.reading import read
from slactl.sla.textmatch import Text

POLICIES = loader.load(loader.active_paths(None))


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
    assert (result.severity.id, result.confidence) == ("low", "low")


def test_a_name_reports_nothing():
    # Nothing is read, so Ignus's default severity is used and the confidence is none.
    result = classified("ignus", "el cliente Fay pidió un reporte")
    assert (result.default_used, result.confidence, result.reading.concepts) == (True, "none", ())


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
    assert (result.severity.id, result.default_used, result.confidence) == ("medium", True, "none")


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
