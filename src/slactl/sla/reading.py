"""What an incident text says, in the lexicon's terms: the concepts it reports and four facts.

``read(text, lexicon, given)`` → ``Reading``: ``concepts`` (each ``Found(concept, hits)``, the
words that said it) and ``facts``, one ``FactRead(fact, value, hits, given, note)`` for each of

- ``env``: ``production`` or ``non-production``, from the environments the text names. The one
  named in the clause that carries the failure wins over one named only elsewhere (``El ambiente
  de QA está completamente caído. Producción sin novedad``); a mention denied in a clause that
  reports nothing (``no es producción, solo staging``) is no mention. Otherwise an
  environment named in a healthy statement (``producción funciona bien``) is not the one
  affected when another is named; named only as healthy, it is still the one concerned
  (``el sistema productivo está arriba, pero ...``). Both named as affected: unknown. What the
  client's customers use (``el portal que usan nuestros clientes``) is production when no
  environment is named.
- ``scope``: ``everything``, ``part`` or ``function`` (one function), weighed by what the failing
  clause states: a whole said of itself (``completamente``) with nothing said to work is
  ``everything`` over a function named as its symptom; a count of a count (``3 de 6``) is
  ``part``. Failures whose subjects are all functions (``el formulario``) are ``function``. A word such as ``algunos``, other
  instances working (``los otros dos cargan bien``), or a named service or whole failing while
  something is said to work (``el correo funciona bien, pero las páginas no cargan``) make it
  ``part``; something unnamed failing while what is named works (``phpMyAdmin da error 500
  pero la web funciona``, ``lo demás funciona``) is ``function``. Otherwise a whole named as
  failing (``el servidor no responde``), a word such as ``todo``/``completamente``, or three
  services failing at once make it ``everything``.
- ``cause``: ``client`` (``borramos el MX por error``, ``mi buzón está lleno``) before
  ``provider`` (``no hemos cambiado nada``) before ``third-party`` (``Zoho``, ``de terceros``).
- ``exposure``: ``materialized`` (``los datos ya se han filtrado``) before ``potential`` (``se
  podría acceder``).

``words`` says how much of the text is language at all: the share of its letters that stand in
words of Spanish or English (``words.wordlike``, against the lexicon's vocabulary and letter
pairs): above 0.8 in any report of the fresh set, below 0.3 in random bytes read as Latin-1,
base64, hex dumps or random letters.

A fact nothing speaks to is ``unknown``; a fact given by the caller (a flag) wins over the text.
A healthy statement is a clause with a healthy wording (``funciona``, ``está arriba``) or a
denied outage (``no está caído``), no reported problem and no one else's words (``la página de
estado dice que todo está operativo``). Findings inside a longer finding are dropped (``caída
parcial`` is not ``caída``); a concept's ``absorbs`` drops the findings of another in the same
sentence (``se cae a ratos`` is intermittent, not down); a cause (``por error``) is not a failure.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import partial
from typing import NamedTuple

from slactl.sla.lexicon import Entry, Lexicon
from slactl.sla.textmatch import COORDINATING, Hit, Text
from slactl.sla.words import wordlike

UNKNOWN = "unknown"
FACTS = ("env", "scope", "cause", "exposure")
OUTAGES = frozenset({"service-down", "mail-failure", "database-unreachable", "dns-failure"})
"""Concepts that say something is out: the ones whose scope is read."""
_DOWN = "service-down"
_SERVICE_OF = {"mail-failure": "service:mail", "database-unreachable": "service:database", "dns-failure": "service:domain"}
"""The service a failure names by itself (``el correo no llega`` is the mail failing)."""
_AND = frozenset({"y", "e", "and"})
_DENY_REACH = 3
"""How many words before an environment a negation denies it (``no está en producción``)."""
_WHOLE = frozenset({"everything", "whole"})
"""Scope wordings that read as everything; ``whole`` (``completamente``) is said of the whole
itself and outweighs a function named as its symptom."""
_OF = frozenset({"de", "of"})
_OUT = frozenset({"out"})
_NUMBERS = {word: number for number, words in enumerate(
    ["", "un una uno one", "dos two", "tres three", "cuatro four", "cinco five", "seis six", "siete seven",
     "ocho eight", "nueve nine", "diez ten", "once eleven", "doce twelve"]) for word in words.split()}
"""Counts written as words, as customers write a small count (``dos de cinco``, ``two out of five``)."""
_CUSTOMERS = "customer-facing"
"""The environment wordings that name what the client's customers use: production unless named."""


class Found(NamedTuple):
    """A concept the text reports, and the words that said it."""

    concept: str
    hits: tuple[Hit, ...]


class FactRead(NamedTuple):
    """One fact: its ``value`` (``unknown`` when nothing speaks to it), the words behind it,
    ``given`` when the caller stated it, and a ``note`` on how it was weighed."""

    fact: str
    value: str
    hits: tuple[Hit, ...] = ()
    given: bool = False
    note: str = ""


@dataclass(frozen=True, slots=True)
class Reading:
    """What ``read`` found: ``concepts`` in the lexicon's order, each with its words in text
    order, and one ``FactRead`` per fact of ``FACTS``, in that order."""

    concepts: tuple[Found, ...]
    facts: tuple[FactRead, ...]
    environments: tuple[tuple[str, Hit], ...] = ()
    """Every environment the text names (healthy or not), as ``(value, hit)``."""
    words: float = 1.0
    """The share of the text's letters that stand in words of the languages (1.0 without letters)."""

    def fact(self, name: str) -> FactRead:
        """The ``FactRead`` of ``name``, one of ``FACTS``; ``KeyError`` for another name."""
        for read in self.facts:
            if read.fact == name:
                return read
        raise KeyError(name)

    def value(self, name: str) -> str:
        """The value of fact ``name`` (``unknown`` when nothing speaks to it); ``KeyError`` for
        a name not in ``FACTS``."""
        return self.fact(name).value

    def concept_ids(self) -> frozenset[str]:
        """The ids of the concepts read."""
        return frozenset(found.concept for found in self.concepts)

    def assuming(self, name: str, value: str) -> Reading:
        """The same reading with one fact set (to weigh what a missing fact would decide)."""
        facts = tuple(FactRead(name, value, given=True, note="assumed") if f.fact == name else f for f in self.facts)
        return Reading(self.concepts, facts, self.environments, self.words)


def read(text: Text, lexicon: Lexicon, given: dict[str, str] | None = None) -> Reading:
    """The concepts and facts of ``text``; ``given`` facts (``{"env": "production"}``) win."""
    given = given or {}
    causes = _found(text, _entries(lexicon.facts, "cause"))
    figures = [hit for pattern in lexicon.figures for hit in text.search(pattern)]
    concepts, denials = _concepts(text, lexicon, [hit for _, hit in causes] + figures)
    components = _outermost(_found(text, lexicon.components, kinds=True))
    problems = [hit for concept, hit in concepts if lexicon.concept(concept).kind == "problem"]
    place = _Places(text, problems)
    problem_places = {place(hit) for hit in problems}
    component_spans = [hit for _, hit in components] + [hit for _, hit in concepts]
    reported = {hit.clause for pattern in lexicon.reported for hit in text.search(pattern)}
    healthy = [hit for hit in _not_within([h for pattern in lexicon.healthy for h in text.search(pattern)],
                                          component_spans, strictly=True)
               if hit.clause not in reported and not _after_ni(text, hit)]
    healthy_places = {place(hit) for hit in healthy} - problem_places
    denied_places = {place(hit) for hit in denials} - problem_places - healthy_places
    environments = _customers_production(_outermost(_found(text, _entries(lexicon.facts, "env"))))
    facts = {
        "env": _env(environments, place, healthy_places | denied_places, {clause for clause, _ in problem_places}, text),
        "scope": _scope(text, lexicon, concepts, components, place, healthy_places, denied_places),
        "cause": _first(causes, ("client", "provider", "third-party"), "cause"),
        "exposure": _first(_outermost(_found(text, _entries(lexicon.facts, "exposure"))), ("materialized", "potential"),
                           "exposure"),
    }
    for name, value in given.items():
        facts[name] = FactRead(name, value, given=True)
    grouped: dict[str, list[Hit]] = {}
    for concept, hit in concepts:
        grouped.setdefault(concept, []).append(hit)
    order = [entry.id for entry in lexicon.concepts]
    return Reading(tuple(Found(c, tuple(sorted(grouped[c], key=_start))) for c in order if c in grouped),
                   tuple(facts[name] for name in FACTS), tuple(sorted(environments, key=lambda item: item[1].start)),
                   text.letters_in_words(partial(wordlike, known=lexicon.vocabulary, pairs=lexicon.pairs)))


def _after_ni(text: Text, hit: Hit) -> bool:
    """After ``ni``/``nor`` in its clause: a healthy wording there is one more thing that fails
    (``se cayó todo, ni la página de login carga``: Conecta's “Interrupción completa”), not a
    healthy statement, and a function there a symptom, not the subject (``ni siquiera aparece la
    pantalla de acceso``)."""
    return any(token.word in COORDINATING for token in text.tokens
               if token.clause == hit.clause and token.start < hit.start)


def _start(hit: Hit) -> int:
    return hit.start


def _entries(entries: tuple[Entry, ...], kind: str) -> tuple[Entry, ...]:
    return tuple(entry for entry in entries if entry.kind == kind)


def _found(text: Text, entries: Iterable[Entry], kinds: bool = False) -> list[tuple[str, Hit]]:
    """``(id, hit)`` for every stretch of text a wording of ``entries`` finds, not denied;
    with ``kinds`` (components), ``(kind:id, hit)`` for every mention, denied or not."""
    return _distinct([(f"{entry.kind}:{entry.id}" if kinds else entry.id, hit)
                      for entry in entries for pattern in entry.patterns
                      for hit in text.search(pattern, negated=kinds)])


def _distinct(found: list[tuple[str, Hit]]) -> list[tuple[str, Hit]]:
    """One finding per id and stretch of text (``no responde`` found by two wordings)."""
    first: dict[tuple[str, int, int], tuple[str, Hit]] = {}
    for key, hit in found:
        first.setdefault((key, hit.start, hit.end), (key, hit))
    return list(first.values())


def _outermost(found: list[tuple[str, Hit]]) -> list[tuple[str, Hit]]:
    """The findings no longer finding contains (one pass over them sorted: a text of any length)."""
    kept = set(map(id, _not_within([hit for _, hit in found], [hit for _, hit in found], strictly=True)))
    return [(key, hit) for key, hit in found if id(hit) in kept]


def _not_within(hits: list[Hit], spans: list[Hit], strictly: bool) -> list[Hit]:
    """The ``hits`` no span of ``spans`` contains (``strictly``: a span equal to the hit's does
    not count), in one sweep by start."""
    edges = sorted(((s.start, -s.end) for s in spans))
    kept, best_end, best_start, index = [], -1, -1, 0
    for hit in sorted(hits, key=lambda h: (h.start, -h.end)):
        while index < len(edges) and edges[index][0] <= hit.start:
            start, end = edges[index][0], -edges[index][1]
            if end > best_end:
                best_end, best_start = end, start
            index += 1
        covered = best_end > hit.end or (best_end == hit.end and (best_start < hit.start or not strictly))
        if not covered:
            kept.append(hit)
    return kept


def _concepts(text: Text, lexicon: Lexicon, causes: list[Hit]) -> tuple[list[tuple[str, Hit]], list[Hit]]:
    """The concepts found, and the outages denied (``no está caído``); none inside a cause (``por
    error``) or a figure of speech (``me cayó como un balde de agua fría``)."""
    found: list[tuple[str, Hit]] = []
    denials: list[tuple[str, Hit]] = []
    for entry in lexicon.concepts:
        for pattern in entry.patterns:
            for hit in text.search(pattern, negated=entry.id == _DOWN):
                (denials if hit.negated else found).append((entry.id, hit))
    outer = _outermost(_distinct(found))
    kept = set(map(id, _not_within([hit for _, hit in outer], causes, strictly=False)))
    found = [(c, hit) for c, hit in outer if id(hit) in kept]
    for entry in lexicon.concepts:
        sentences = {hit.sentence for c, hit in found if c == entry.id}
        found = [(c, hit) for c, hit in found if not (c in entry.absorbs and hit.sentence in sentences)]
    return found, [hit for _, hit in _outermost(denials)]


class _Places:
    """Where a finding stands: its clause, cut again at ``y``/``and`` after a problem (``3 están
    caídos y los otros 2 cargan bien`` is two statements; ``dev y staging están OK`` one)."""

    def __init__(self, text: Text, problems: list[Hit]):
        first_end: dict[int, int] = {}
        for problem in problems:
            first_end[problem.clause] = min(problem.end, first_end.get(problem.clause, problem.end))
        self.cuts: dict[int, list[int]] = {}
        for token in text.tokens:
            if token.word in _AND and token.clause in first_end and first_end[token.clause] <= token.start:
                self.cuts.setdefault(token.clause, []).append(token.start)

    def __call__(self, hit: Hit) -> tuple[int, int]:
        return hit.clause, bisect_right(self.cuts.get(hit.clause, ()), hit.start)


def _customers_production(named: list[tuple[str, Hit]]) -> list[tuple[str, Hit]]:
    """What the client's customers use (``el portal que usan nuestros clientes``, ``sigue
    vendiendo``) is production when the text names no environment; a named one wins (``el
    ambiente de pruebas que usan nuestros clientes`` is a test system)."""
    if any(value != _CUSTOMERS for value, _ in named):
        return [(value, hit) for value, hit in named if value != _CUSTOMERS]
    return [("production", hit) for _, hit in named]


def _env(named: list[tuple[str, Hit]], place: _Places, healthy: set[tuple[int, int]],
         failing: set[int], text: Text) -> FactRead:
    """The environment of the clause that carries the failure, when one is named there and
    another only elsewhere (IVCISA's rows: “Afectación de Sistemas no productivo – no critico” /
    “Sistema de producción ...”): ``El ambiente de QA está completamente caído ... Producción sin
    novedad`` and ``staging database ... failed. Prod is not involved`` are non-production. A
    mention denied in a clause that reports nothing (``el problema no está en producción sino en
    QA``, ``no es producción``) is no mention. Otherwise one named in a healthy statement is removed
    when another is named; named only as healthy, it is still the one concerned."""
    denied = [(value, hit) for value, hit in named if hit.clause not in failing and _denied_before(text, hit)]
    if denied and len(denied) < len(named):
        named = [(value, hit) for value, hit in named if (value, hit) not in denied]
    in_failure = {value for value, hit in named if hit.clause in failing}
    if len(in_failure) == 1 and len({value for value, _ in named}) > 1:
        [value] = in_failure
        elsewhere = ", ".join(sorted({f"'{hit.quote}'" for v, hit in named if v != value}))
        return FactRead("env", value, tuple(hit for v, hit in named if v == value and hit.clause in failing),
                        note=f"named in the clause that fails, over {elsewhere}")
    affected = {value for value, hit in named if place(hit) not in healthy}
    working = {value for value, hit in named if place(hit) in healthy}
    if len(affected) == 1:
        [value] = affected
        note = f"{', '.join(sorted(working))} named as working" if working else ""
    elif len(affected) > 1:
        return FactRead("env", UNKNOWN, tuple(hit for _, hit in named), note="both named as affected")
    elif len(working) == 1:
        [value] = working
        note = "named only as working: the report still concerns it"
    else:
        return FactRead("env", UNKNOWN, tuple(hit for _, hit in named),
                        note="both named as working" if working else "")
    if denied and value not in {v for v, _ in denied}:
        note = "; ".join(filter(None, [note, f"'{denied[0][1].quote}' denied"]))
    return FactRead("env", value, tuple(hit for v, hit in named if v == value), note=note)


def _denied_before(text: Text, hit: Hit) -> bool:
    """A negation shortly before ``hit`` in its clause (``no está en producción``, ``no es prod``)."""
    before = [token for token in text.tokens if token.clause == hit.clause and token.end <= hit.start]
    return any(token.negation == 1 for token in before[-_DENY_REACH:])


def _scope(text: Text, lexicon: Lexicon, concepts: list[tuple[str, Hit]], components: list[tuple[str, Hit]],
           place: _Places, healthy: set[tuple[int, int]], denied: set[tuple[int, int]]) -> FactRead:
    """A denial (``no está caído``) names nothing that works: it only keeps its words out of
    what fails. A denied whole (``no es una caída total``, ``not completely down``) beside a
    failure says part of it fails. A function failing inside services said to work (``el
    formulario de la página no envía los mensajes al correo; la página carga bien y los correos
    llegan``), or beside the rest said to work (``el buscador del sitio está muerto, lo demás va
    perfecto``), is one function, even when the failure is worded as mail not sent.

    Scope is weighed by what the failing clause states, not by the last thing named: a whole said
    of itself (``completamente``, ``totally``) outweighs a function named as its symptom (``ERP en
    producción está completamente caído ... no carga la pantalla de ingreso``), and so does a
    function after ``ni``/``not even`` (``nadie consigue entrar. Ni siquiera aparece la pantalla
    de acceso``): Conecta's “Caída Total (Crítico): Interrupción completa de los servicios de
    hosting”, IVCISA's “Sistema de producción inactivo”, Athento's Blocker “totalmente fuera de
    servicio”. A count of a count (``3 de 6 dominios``) is part: Conecta's “Interrupción Parcial
    (Urgente): Interrupción parcial de los servicios y su funcionalidad.”"""
    quiet = healthy | denied
    failing = {hit.sentence for concept, hit in concepts if concept in OUTAGES}
    said = [hit for concept, hit in concepts if concept in OUTAGES]
    loose = set(map(id, _not_within([hit for _, hit in components], said, strictly=True)))
    subjects = {key for key, hit in components if hit.sentence in failing and place(hit) not in quiet
                and not (key.startswith("function:") and (id(hit) not in loose or _after_ni(text, hit)))}
    subject_kinds = {key.split(":")[0] for key in subjects}
    if any(concept in OUTAGES - {_DOWN} for concept, _ in concepts):
        subject_kinds.add("service")  # mail, a database or DNS: a service by name
    well = [(key, hit) for key, hit in components if place(hit) in healthy]
    well_kinds = {key.split(":")[0] for key, _ in well}
    well_keys = {key for key, _ in well}
    functions = {key for key in subjects if key.startswith("function:")}
    every = [(entry.id, hit) for entry in _entries(lexicon.facts, "scope") for pattern in entry.patterns
             for hit in text.search(pattern, negated=True)]
    found = _distinct([(value, hit) for value, hit in every if not hit.negated])
    denied_whole = [hit for value, hit in every if value in _WHOLE and hit.negated and hit.sentence in failing
                    and not any(t.negation for t in text.tokens if hit.start <= t.start < hit.end)
                    and not _after_ni(text, hit)]
    inside = [(value, hit) for value, hit in found if hit.sentence in failing and place(hit) not in quiet]
    part = [hit for value, hit in inside if value == "part"] + denied_whole + _counted_part(text, failing, place, quiet)
    whole = [hit for value, hit in inside if value in _WHOLE]
    stated = [hit for value, hit in inside if value == "whole"]
    if functions and stated and not part and not well:
        over = ", ".join(sorted({f"'{hit.quote}'" for key, hit in components if key in functions}))
        return FactRead("scope", "everything", tuple(stated), note=f"said of the whole, over {over}")
    if functions and ("rest" in {key.split(":")[0] for key, _ in well}
                      or (subjects - functions) | {_SERVICE_OF[c] for c, _ in concepts if c in _SERVICE_OF} <= well_keys):
        return FactRead("scope", "function", tuple(hit for key, hit in components if key in functions),
                        note="what fails is one function" + (" of what is said to work" if well_keys else ""))
    services = {key for key in subjects if key.startswith("service:")}

    def evidence(kinds: set[str]) -> tuple[Hit, ...]:
        """The mentions of components said to work whose kind is one of ``kinds``."""
        return tuple(hit for key, hit in well if key.split(":")[0] in kinds)

    named = subject_kinds & {"service", "whole"}
    if part or "others" in well_kinds or (named and well_kinds):
        note = ("something else works" if well_kinds else "a total outage denied" if denied_whole else "")
        if part and whole:
            note = "; ".join(filter(None, [note, f"'{part[0].quote}' over '{whole[0].quote}'"]))
        return FactRead("scope", "part", evidence({"service", "others", "whole", "rest"}) + tuple(part), note=note)
    if well_kinds:
        return FactRead("scope", "function", evidence({"service", "whole", "rest"}),
                        note="what works is named, what fails is not: one function")
    down = {hit.sentence for concept, hit in concepts if concept == _DOWN}
    wholes = {key for key, hit in components if key in subjects and key.startswith("whole:") and hit.sentence in down}
    if whole or wholes or len(services) >= 3:
        hits = tuple(whole) or tuple(hit for key, hit in components if key in subjects and place(hit) not in quiet)
        return FactRead("scope", "everything", hits)
    return FactRead("scope", UNKNOWN)


def _counted_part(text: Text, failing: set[int], place: _Places, quiet: set[tuple[int, int]]) -> list[Hit]:
    """A count of a count in a sentence that fails: ``3 de 6 dominios no abren``, ``2 of our 5
    sites``, ``de los 6 dominios que tengo, 3 no abren`` (a smaller number after ``de los 6``; not
    after ``un corte de 5 minutos cada 2 horas``, no article) is part (Conecta: “Interrupción Parcial (Urgente): Interrupción parcial de los servicios y su
    funcionalidad.”). Years and times are no counts: the whole stays under a thousand and above
    the part."""
    tokens = [t for t in text.tokens if t.sentence in failing and (not t.filler or t.word in _OF or t.word in _NUMBERS)]
    found = []
    for index, token in enumerate(tokens[:-1]):
        after = tokens[index + 1]
        whole = _count(after.word)
        if token.word not in _OF or whole is None or after.sentence != token.sentence:
            continue
        before = [t for t in tokens[max(0, index - 2):index] if t.sentence == token.sentence and t.word not in _OUT]
        determined = any(t.filler and token.end <= t.start < after.start for t in text.tokens)
        later = [t for t in tokens[index + 2:index + 12] if determined and t.sentence == token.sentence and t.word.isdigit()]
        counted = before[-1] if before and _count(before[-1].word) is not None else later[0] if later else None
        if counted is None or not 0 < (_count(counted.word) or 0) < whole < 1000:
            continue
        start, end = (counted, after) if counted.start < token.start else (token, counted)
        hit = Hit("N de M", text.source[start.start:end.end], start.start, end.end, start.clause, start.sentence)
        if place(hit) not in quiet:
            found.append(hit)
    return found


def _count(word: str) -> int | None:
    """The number a word of the text writes (``6``, ``seis``, ``six``), or None."""
    return int(word) if word.isdigit() else _NUMBERS.get(word)


def _first(found: list[tuple[str, Hit]], order: tuple[str, ...], fact: str) -> FactRead:
    for value in order:
        hits = tuple(hit for v, hit in found if v == value)
        if hits:
            return FactRead(fact, value, hits)
    return FactRead(fact, UNKNOWN)
