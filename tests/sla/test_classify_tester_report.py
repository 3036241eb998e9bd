"""What a fresh tester found in ``slactl classify`` (numbered as they reported it), each fixed
as a kind, not as the one text:

1. a short word (``AC``, a name such as ``Fay``) matched a concept's word by sound or stem;
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
