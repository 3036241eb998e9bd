"""The shared lexicon: incident concepts, the components a report names, and the wordings of the
facts classify reads, in Spanish and English, for every provider (``lexicon.yaml``).

The YAML is the source; ``lexicon.json`` beside it is the same lexicon compiled once (each word
already turned into its keys), so a run reads plain JSON and never imports PyYAML.
``compile_source(document)`` makes that JSON from the parsed YAML; a test keeps the two in step.

Shapes: ``lexicon()`` → ``Lexicon`` with ``concepts``, ``components`` and ``facts``, each a tuple
of ``Entry(id, kind, label, description, patterns, absorbs)``: a concept's kind is ``problem`` or
``request``, a component's ``whole``, ``service``, ``function``, ``rest`` or ``others``, a fact
value's the fact's name (``scope``, ``env``, ``cause``, ``exposure``); plus the ``healthy`` and
``reported`` wordings; and the words of its wordings (``vocabulary``) with the pairs of
neighbouring letters they have (``pairs``), by which a text's words are told from noise.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

from slactl.policy.names import fold
from slactl.sla import textmatch
from slactl.sla.textmatch import Pattern, Slot, Word, words_of
from slactl.sla.words import TINY_WORDS, letter_pairs

FORMAT = 2
COMPILED = Path(__file__).with_name("lexicon.json")
SOURCE = Path(__file__).with_name("lexicon.yaml")
LANGUAGES = ("es", "en")
_PART = re.compile(r"\{[\w-]+\}|\([^)]*\)|\S+")
_CLASS = re.compile(r"\{[\w-]+\}")
_PLAIN_WORD = re.compile(r"[^\W_]+")


class Entry(NamedTuple):
    """One concept, component or fact value: ``id``, ``kind`` (see the module docstring), the
    compiled wordings that find it, and the concepts it ``absorbs`` (their findings in the same
    sentence are read as this one: ``se cae a ratos`` is intermittent, not down). A named
    tuple, like the words and patterns it holds: the lexicon is rebuilt at each start."""

    id: str
    kind: str
    label: str = ""
    description: str = ""
    patterns: tuple[Pattern, ...] = ()
    absorbs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The shared lexicon (shapes in the module docstring): concept, component and fact-value
    entries, and the ``healthy`` wordings (``funciona``, ``está arriba``) and ``reported`` ones
    (``dice que``: someone else's words); the folded words its wordings are made of, articles
    and other small words of the languages included (``vocabulary``), and the pairs of
    neighbouring letters of those words (``pairs``, ``words.letter_pairs``)."""

    concepts: tuple[Entry, ...]
    components: tuple[Entry, ...]
    facts: tuple[Entry, ...]
    healthy: tuple[Pattern, ...]
    reported: tuple[Pattern, ...]
    figures: tuple[Pattern, ...] = ()
    """Figures of speech (``me cayó como un balde de agua fría``): no finding inside one is a problem."""
    vocabulary: frozenset[str] = frozenset()
    pairs: frozenset[str] = frozenset()

    def concept(self, concept_id: str) -> Entry:
        """The concept entry ``concept_id``; ``KeyError`` for an id not in the lexicon (callers
        pass ids read from it)."""
        for entry in self.concepts:
            if entry.id == concept_id:
                return entry
        raise KeyError(concept_id)


@cache
def lexicon() -> Lexicon:
    """The bundled lexicon, read once per process from its compiled JSON."""
    return _from_json(json.loads(COMPILED.read_text(encoding="utf-8")))


# -- compiling (development time: needs the YAML parsed, and stems every word) -----------------


def compile_source(document: dict) -> dict:
    """The JSON form of a parsed ``lexicon.yaml``: words as keys, classes as shared slots."""
    vocabulary: dict[tuple, int] = {}

    def word_id(word: Word) -> int:
        """The word's index in the shared ``words`` table, added the first time it is seen."""
        return vocabulary.setdefault((word.prefix, word.negation, word.language, tuple(sorted(word.keys))),
                                     len(vocabulary))

    def wordings(raw: dict) -> list[tuple[str, str]]:
        """An entry's ``(language, text)`` wordings, Spanish before English."""
        return [(language, text) for language in LANGUAGES for text in raw.get(language, [])]

    classes: dict[str, list[dict]] = {}
    for name, raw in {**document["classes"], **document["components"]}.items():
        classes[name] = [item for language, text in wordings(raw)  # `{stopped}`: every item of a class named before
                         for item in (classes[text[1:-1]] if text[1:-1] in classes and text.startswith("{") else
                                      [{"text": text, "words": [word_id(w) for w in _plain(text, language)]}])]

    def group(text: str, alternative: str, language: str) -> list[list[int]]:
        """One alternative of ``(a|b)``, or every alternative of a class written ``({name}|b)``."""
        name = alternative.strip()
        if name.startswith("{"):
            if name[1:-1] not in classes:
                raise ValueError(f"{text!r}: unknown class {name!r}")
            return [item["words"] for item in classes[name[1:-1]]]
        return [[word_id(w) for w in _plain(alternative, language)]]

    def pattern(language: str, text: str) -> dict:
        """Slots of a wording: a class is ``"@name"``, a group or a plain word a list of
        alternatives; consecutive plain words are read together, so articles drop out."""
        slots: list[Any] = []
        plain: list[str] = []
        for part in [*_PART.findall(text), "{}"]:
            if not part.startswith(("{", "(")):
                plain.append(part)
                continue
            slots.extend([[word_id(w)]] for w in _plain(" ".join(plain), language))
            plain = []
            if part == "{}":
                break
            if part.startswith("{"):
                if part[1:-1] not in classes:
                    raise ValueError(f"{text!r}: unknown class {part!r}")
                slots.append("@" + part[1:-1])
            else:
                alternatives = [alternative for alt in part[1:-1].split("|") for alternative in group(text, alt, language)]
                if not all(alternatives):
                    raise ValueError(f"{text!r}: an alternative of {part!r} has no words")
                slots.append(alternatives)
        if not slots:
            raise ValueError(f"{text!r} has no word to find")
        return {"text": text, "slots": slots}

    texts = [text for raw in [*document["classes"].values(), *document["components"].values(), *document["concepts"],
                              *[value for values in document["facts"].values() for value in values.values()],
                              document["healthy"], document["reported"], document["figures"]]
             for _, text in wordings(raw)]
    known = sorted({word for text in texts for word in _PLAIN_WORD.findall(fold(_CLASS.sub(" ", text)))}
                   | textmatch.FILLERS | textmatch.LIGHT | textmatch.NEGATIONS | textmatch.QUANTITIES
                   | textmatch.COORDINATING | textmatch.ABILITY | TINY_WORDS)
    return {
        "format": FORMAT,
        "vocabulary": known,
        "pairs": sorted({pair for word in known if word.isalpha() for pair in letter_pairs(word)}),
        "components": [{"id": name, "kind": raw["kind"]} for name, raw in document["components"].items()],
        "concepts": [{"id": raw["id"], "kind": raw["kind"], "label": raw["label"], "description": raw["description"],
                      "absorbs": raw.get("absorbs", []), "patterns": [pattern(*w) for w in wordings(raw)]}
                     for raw in document["concepts"]],
        "facts": [{"fact": fact, "value": value, "patterns": [pattern(*w) for w in wordings(raw)]}
                  for fact, values in document["facts"].items() for value, raw in values.items()],
        "healthy": [pattern(*w) for w in wordings(document["healthy"])],
        "reported": [pattern(*w) for w in wordings(document["reported"])],
        "figures": [pattern(*w) for w in wordings(document["figures"])],
        "classes": classes,
        "words": [[prefix, negation, language, list(keys)] for (prefix, negation, language, keys) in vocabulary],
    }


def _plain(text: str, language: str) -> list[Word]:
    """The words of a wording's plain part, articles and possessives skipped."""
    return words_of(text, only_fillers=False, language=language)


# -- loading -------------------------------------------------------------------------------------


def _from_json(data: dict) -> Lexicon:
    if data.get("format") != FORMAT:
        raise ValueError(f"lexicon.json has format {data.get('format')!r}, expected {FORMAT}")
    make = Word._make
    words = [make((frozenset(keys), prefix, negation, language)) for prefix, negation, language, keys in data["words"]]
    classes = {name: [(item["text"], tuple([words[i] for i in item["words"]])) for item in items]
               for name, items in data["classes"].items()}
    shared: dict[str, Slot] = {name: tuple([alternative for _, alternative in items]) for name, items in classes.items()}
    alone: list[Slot] = [((word,),) for word in words]

    def slot(raw: Any) -> Slot:
        """A slot from its JSON: ``"@name"`` is a shared class, a single word a shared one-word
        slot, else its alternatives."""
        if raw.__class__ is str:
            return shared[raw[1:]]
        if len(raw) == 1 and len(raw[0]) == 1:
            return alone[raw[0][0]]
        return tuple([tuple([words[i] for i in alternative]) for alternative in raw])

    def patterns(raws: list[dict]) -> tuple[Pattern, ...]:
        """The compiled patterns of a list of JSON wordings, in order."""
        return tuple([Pattern.made(raw["text"], tuple([slot(item) for item in raw["slots"]])) for raw in raws])

    return Lexicon(
        concepts=tuple([Entry(raw["id"], raw["kind"], raw["label"], raw["description"], patterns(raw["patterns"]),
                              tuple(raw["absorbs"])) for raw in data["concepts"]]),
        components=tuple([Entry(raw["id"], raw["kind"], patterns=tuple([Pattern.made(text, ((alternative,),))
                                                                        for text, alternative in classes[raw["id"]]]))
                          for raw in data["components"]]),
        facts=tuple([Entry(raw["value"], raw["fact"], patterns=patterns(raw["patterns"])) for raw in data["facts"]]),
        healthy=patterns(data["healthy"]),
        reported=patterns(data["reported"]),
        figures=patterns(data["figures"]),
        vocabulary=frozenset(data["vocabulary"]),
        pairs=frozenset(data["pairs"]),
    )
