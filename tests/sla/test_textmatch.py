"""Phrases found in incident text: inflection, accents, whole words, gaps, negation, clauses."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from slactl.policy.names import fold
from slactl.sla.textmatch import Text, stem

SAME_WORD = [
    ("caído", "caida"), ("caído", "caídos"), ("caído", "cayó"), ("caído", "cayeron"), ("caído", "CAÍDAS"),
    ("lento", "lentitud"), ("lento", "lentos"), ("lento", "lentísimo"), ("intermitente", "intermitencia"),
    ("intermitente", "intermitentemente"), ("funciona", "funcionan"), ("funciona", "funcionando"),
    ("service", "services"), ("crash", "crashed"), ("crash", "crashes"), ("is", "are"),
]


@pytest.mark.parametrize(("a", "b"), SAME_WORD, ids=[f"{a} and {b} are one word" for a, b in SAME_WORD])
def test_inflections_share_a_stem(a, b):
    assert stem(fold(a)) == stem(fold(b))


FOUND = [
    ("se cayo", "Se cayó el servidor", "Se cayó"),
    ("caido", "los servicios cayeron anoche", "cayeron"),
    ("caido", "sitio caido desde ayer", "caido"),
    ("servidor caido", "el servidor principal se cayó", "servidor principal se cayó"),
    ("lentitud", "la web está muy lenta", "lenta"),
    ("intermitente", "hay intermitencia en el servicio", "intermitencia"),
    ("no llegan los correos", "No nos llegan los correos", "No nos llegan los correos"),
    ("down", "The site is DOWN", "DOWN"),
    ("ataque ddos", "sufrimos un ataque DDoS", "ataque DDoS"),
    ("fuera de servicio", "todo fuera del servicio", "fuera del servicio"),
    ("rds", "la base RDS no responde", "RDS"),
    ("site not working", "Site not working", "Site not working"),
]


@pytest.mark.parametrize(("phrase", "text", "quote"), FOUND,
                         ids=[f"{p!r} is found in {t!r} as {q!r}" for p, t, q in FOUND])
def test_phrase_is_found_and_quoted_as_written(phrase, text, quote):
    hit = Text.of(text).find(fold(phrase))
    assert hit is not None and hit.quote == quote


NOT_FOUND = [
    ("rds", "these words are fine", "inside another word"),
    ("caido", "no está caído", "negated in Spanish"),
    ("caido", "no se ha caído nada", "negated before an auxiliary"),
    ("down", "the site is not down", "negated in English"),
    ("down", "the site isn't down", "negated by a contraction"),
    ("site down", "the site isn't down", "negation inside the gap"),
    ("afecten a la privacidad", "sin afectar a la privacidad", "negated by sin"),
    ("sin servicio", "sin interrupción total del servicio", "no gap right after a negation"),
    ("servidor caido", "el servidor funciona. Otro sistema está caído", "across a full stop"),
    ("servidor caido", "el servidor responde pero el correo se cayó", "across pero"),
    ("servidor caido", "servidor de la base de correo principal caído", "too far apart"),
    ("correo caido", "caído el correo", "words in another order"),
]


@pytest.mark.parametrize(("phrase", "text", "why"), NOT_FOUND,
                         ids=[f"{p!r} is not found in {t!r}: {w}" for p, t, w in NOT_FOUND])
def test_phrase_is_not_found(phrase, text, why):
    assert Text.of(text).find(fold(phrase)) is None


TYPOS_AND_FORMS = [
    ("no responde", "los servidores no responden", "no responden"),  # Snowball: any inflection
    ("caido", "produccion KAIDA total", "KAIDA"),  # sounds alike: k/c
    ("servidor", "el serbidor VPS", "serbidor"),  # b/v
    ("correo", "no llegan los corrreos", "corrreos"),  # a doubled letter is one
    ("pruebas", "el ambiente de preubas", "preubas"),  # two neighbours swapped
    ("no resuelve", "el dominio no resuleve", "no resuleve"),  # two neighbours swapped
    ("abre", "los sitios sí abren", "abren"),  # a word too short for Snowball's regions
    ("no funciona", "dejaron de funcionar los correos", "dejaron de funcionar"),  # dejar de negates
    ("no carga", "a los clientes tampoco les carga", "tampoco les carga"),  # any negation stands for no
    ("no puede enviar", "ningún usuario puede enviar correos", "ningún usuario puede enviar"),  # a quantity reaches on
    ("correo no funciona", "el correo (webmail e IMAP) no funciona", "correo (webmail e IMAP) no funciona"),
    ("email down", "the email service is completely down", "email service is completely down"),  # light words
]


@pytest.mark.parametrize(("phrase", "text", "quote"), TYPOS_AND_FORMS,
                         ids=[f"{p!r} is found in {t!r} as {q!r}" for p, t, q in TYPOS_AND_FORMS])
def test_forms_typos_and_negations_are_found(phrase, text, quote):
    hit = Text.of(text).find(fold(phrase))
    assert hit is not None and hit.quote == quote


STILL_NOT_FOUND = [
    ("nada funciona", "el botón no funciona", "a quantity stands only for a quantity"),
    ("documentacion", "crear documentos", "Snowball's shared stem is kept apart"),
    ("productivo", "la sección Productos", "productos are not productivo"),
    ("falla", "no creo que sea una falla del servidor", "denied through 'creo que sea'"),
    ("carga", "ni el login carga", "ni reaches past the subject"),
    ("integrar", "el buscador interno", "two letters apart is not one typo"),
]


@pytest.mark.parametrize(("phrase", "text", "why"), STILL_NOT_FOUND,
                         ids=[f"{p!r} is not found in {t!r}: {w}" for p, t, w in STILL_NOT_FOUND])
def test_phrase_is_still_not_found(phrase, text, why):
    assert Text.of(text).find(fold(phrase)) is None


SHORT_WORDS = [
    ("bd", "la BD no responde", "BD"),  # itself, case aside
    ("bd", "las BDs no responden", "BDs"),  # and its plural in s
    ("app", "las apps no cargan", "apps"),
    ("caido", "el sitio se cae", "cae"),  # an irregular form is read first
    ("is", "they are", "are"),
]


@pytest.mark.parametrize(("phrase", "text", "quote"), SHORT_WORDS,
                         ids=[f"{p!r} is found in {t!r} as {q!r}" for p, t, q in SHORT_WORDS])
def test_a_short_word_is_found_as_itself(phrase, text, quote):
    hit = Text.of(text).find(fold(phrase))
    assert hit is not None and hit.quote == quote


SHORT_WORDS_NOT_FOUND = [
    ("hackeado", "en el AC de la oficina", "AC is two letters: hack sounds ac"),
    ("falla", "el cliente Fay pidió un reporte", "Fay is three letters: falla sounds fay"),
    ("robaron", "Rob nos mandó los datos", "Rob is three letters: robaron's stem is rob"),
    ("falla", "la cliente Faye pidió un reporte", "a sound-alike form of three letters is no key"),
    ("zoho", "el so de la oficina", "so is two letters: zoho sounds so"),
    ("ver", "la señora Vera llamó", "a short wording is only itself"),
    ("going", "we go", "a stem shorter than three letters is the whole word"),
]


@pytest.mark.parametrize(("phrase", "text", "why"), SHORT_WORDS_NOT_FOUND,
                         ids=[f"{p!r} is not found in {t!r}: {w}" for p, t, w in SHORT_WORDS_NOT_FOUND])
def test_a_short_word_is_not_a_stem_or_a_sound(phrase, text, why):
    assert Text.of(text).find(fold(phrase)) is None


@given(st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=3),
       st.text("abcdefghijklmnopqrstuvwxyz", min_size=4, max_size=12))
def test_a_short_word_shares_no_key_with_a_longer_one_but_its_plural(short, longer):
    from slactl.sla.words import keys

    shared = keys(short) & keys(longer)
    assert not shared or longer == short + "s" or keys(short) == keys(longer)


def test_an_exact_word_is_not_stemmed():
    from slactl.sla.textmatch import Pattern, Word

    dos = Pattern.made("=dos", (((Word.of("dos", exact="dos"),),),))
    assert Text.of("un ataque DoS").search(dos) and Text.of("los dos servidores").search(dos)
    assert not Text.of("los DDoS").search(dos)


def test_phrase_starting_with_a_negation_is_found():
    hit = Text.of("Hoy no funciona nada").find("no funciona nada")
    assert hit is not None and hit.quote == "no funciona nada"


def test_negation_in_an_earlier_clause_does_not_count():
    assert Text.of("No, el sitio está caído").find("caido") is not None


def test_a_dot_inside_a_word_ends_no_sentence():
    parsed = Text.of("agreguen facturas@proveedor.com a la lista. Gracias")
    assert len({t.sentence for t in parsed.tokens if t.word != "gracias"}) == 1
    assert parsed.tokens[-1].sentence != parsed.tokens[0].sentence


def test_inside_is_strict():
    outer = Text.of("caída parcial").find("caida parcial")
    inner = Text.of("caída parcial").find("caido")
    assert inner.inside(outer) and not outer.inside(outer)


@given(st.text(max_size=80))
def test_any_text_tokenizes_and_quotes_stay_within_it(text):
    parsed = Text.of(text)
    for token in parsed.tokens:
        assert 0 <= token.start < token.end <= len(text)
    for word in {t.word for t in parsed.tokens}:
        hit = parsed.find(word)
        if hit is not None:
            assert hit.quote == text[hit.start:hit.end]
