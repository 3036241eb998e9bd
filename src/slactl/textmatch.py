"""Finding a policy's phrases in free incident text, in Spanish or English.

The text and the phrase are folded (case, accents), split into words and lightly stemmed, so
``caído``, ``caida``, ``caídos``, ``cayó`` and ``cayeron`` are one word, and so are ``lento`` and
``lentitud``. A phrase matches as a sequence of whole words, never inside another word (``rds``
is not found in ``words``). Articles, possessives and object pronouns (``el``, ``the``,
``nuestro``, ``nos``) are skipped; two other words may sit between two words of the phrase
(``servidor principal se cayó`` matches ``servidor caido``), except right after a negation
(``sin servicio`` is not found in ``sin interrupción total del servicio``); a phrase never spans
punctuation or ``pero``/``but``. A match with a negation shortly before it in the same clause
(``no está caído``, ``is not down``, ``isn't down``, ``sin afectar``) does not count, unless the
phrase itself starts with one (``no funciona``, ``sin servicio``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from slactl.severity import fold

MAX_GAP = 2
"""Other words allowed between two consecutive words of a phrase."""
NEGATION_WINDOW = 3
"""Words before a match, in the same clause, that are searched for a negation."""

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_CLAUSE_BREAK = re.compile(r"[.,;:!?¿¡()\[\]\n]|\s-\s|\bbut\b|\bpero\b|\bsino\b", re.IGNORECASE)

FILLERS = frozenset(
    "el la los las lo un una unos unas al del de a the an of "
    "mi mis tu tus su sus nuestro nuestra nuestros nuestras my our your their its me te nos le les".split()
)
NEGATIONS = frozenset("no not never nunca jamas tampoco ni nor sin without".split())

_IRREGULAR = {
    **dict.fromkeys("cayo cayeron cae caen caer caia caian caiga caigan cayendo cayera".split(), "caid"),
    **dict.fromkeys("is are was were be been being am".split(), "be"),
    **dict.fromkeys("broke broken breaks".split(), "break"),
    **dict.fromkeys("fell fallen falls".split(), "fall"),
}
_SUFFIXES = sorted(
    (
        "amientos amiento imientos imiento encias encia ancias ancia entes ente itudes itud "
        "aban ando iendo amos emos imos ados adas idos idas ness ing ado ada ido ida aba ian "
        "ar er ir an en os as es ed ly o a e s"
    ).split(),
    key=len,
    reverse=True,
)
_MIN_STEM = 3


@lru_cache(maxsize=4096)
def stem(word: str) -> str:
    """The comparable form of one folded word: ``caídas`` → ``caid``, ``lentitud`` → ``lent``."""
    word = word.replace("’", "'")
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if word.endswith("mente") and len(word) - 5 >= _MIN_STEM + 1:
        return stem(word[:-5])
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
            return word[: -len(suffix)]
    return word


def is_negation(word: str) -> bool:
    return word in NEGATIONS or word.replace("’", "'").endswith("n't") or word == "cannot"


@dataclass(frozen=True, slots=True)
class Token:
    word: str
    stem: str
    start: int
    end: int
    clause: int

    @property
    def filler(self) -> bool:
        return self.word in FILLERS


@dataclass(frozen=True, slots=True)
class Hit:
    """One phrase found: ``quote`` is the words as written in the text."""

    phrase: str
    quote: str
    start: int
    end: int

    def inside(self, other: Hit) -> bool:
        """True when this hit lies within ``other`` and is shorter."""
        return other.start <= self.start and self.end <= other.end and (self.start, self.end) != (other.start, other.end)


@dataclass(frozen=True, slots=True)
class Text:
    """An incident description, tokenized once and searched for many phrases."""

    source: str
    tokens: tuple[Token, ...]

    @classmethod
    def of(cls, source: str) -> Text:
        breaks = [m.start() for m in _CLAUSE_BREAK.finditer(source)]
        tokens, clause = [], 0
        for match in _WORD.finditer(source):
            while clause < len(breaks) and breaks[clause] < match.start():
                clause += 1
            word = fold(match.group())
            for part in word.split() or [word]:
                tokens.append(Token(part, stem(part), match.start(), match.end(), clause))
        return cls(source, tuple(tokens))

    def find(self, phrase: str) -> Hit | None:
        """The first occurrence of ``phrase`` that is not negated, or None."""
        pattern = _pattern(phrase)
        if not pattern:
            return None
        content = [i for i, t in enumerate(self.tokens) if not t.filler] if not _all_fillers(phrase) else list(range(len(self.tokens)))
        for position, index in enumerate(content):
            if self.tokens[index].stem != pattern[0]:
                continue
            matched = self._extend(content, position, pattern)
            if matched is None:
                continue
            first, last = self.tokens[matched[0]], self.tokens[matched[-1]]
            if self._negated(matched, phrase):
                continue
            return Hit(phrase, self.source[first.start:last.end], first.start, last.end)
        return None

    def find_any(self, phrases: tuple[str, ...]) -> list[Hit]:
        return [hit for phrase in phrases if (hit := self.find(phrase)) is not None]

    def _extend(self, content: list[int], position: int, pattern: tuple[str, ...]) -> list[int] | None:
        matched = [content[position]]
        clause = self.tokens[content[position]].clause
        for previous, wanted in zip(pattern, pattern[1:]):
            gap = 0 if is_negation(previous) else MAX_GAP
            window = content[position + 1: position + 2 + gap]
            found = next((k for k, i in enumerate(window) if self.tokens[i].stem == wanted), None)
            if found is None or self.tokens[window[found]].clause != clause:
                return None
            position += 1 + found
            matched.append(content[position])
        return matched

    def _negated(self, matched: list[int], phrase: str) -> bool:
        """A negation before the match (unless the phrase starts with one) or in one of its gaps."""
        first, clause = matched[0], self.tokens[matched[0]].clause
        gaps = [i for i in range(first, matched[-1]) if i not in matched]
        before = [] if is_negation(_words(phrase)[0]) else range(max(0, first - NEGATION_WINDOW), first)
        return any(is_negation(self.tokens[i].word) and self.tokens[i].clause == clause for i in [*before, *gaps])


def _words(phrase: str) -> list[str]:
    return [fold(m.group()) for m in _WORD.finditer(fold(phrase))]


def _all_fillers(phrase: str) -> bool:
    return all(w in FILLERS for w in _words(phrase))


@lru_cache(maxsize=4096)
def _pattern(phrase: str) -> tuple[str, ...]:
    words = _words(phrase)
    kept = words if all(w in FILLERS for w in words) else [w for w in words if w not in FILLERS]
    return tuple(stem(w) for w in kept)
