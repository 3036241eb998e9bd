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
phrase itself starts with one (``no funciona``, ``sin servicio``); ``cannot`` and ``can't`` report
an inability, so ``can't send emails`` is found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from slactl.policy.names import fold

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
LIGHT = frozenset(
    "se ha han hay haya hayan he esta estan estaba estaban es son fue fueron is are was were be been has have had "
    "do does did ya yet still todavia aun really realmente completely totally totalmente completamente "
    "currently actualmente muy very".split()
)
"""Words that may stand between a negation and what it negates (``no está caído``, ``is not
completely down``); any other word ends its reach (``no podemos crear documentos`` is a report
that documents cannot be created, not a denial)."""
ABILITY = frozenset("can could".split())
"""``cannot`` / ``can't`` report an inability, not a denial: ``can't send emails`` is a problem."""
_CONTRACTIONS = {"can't": "can not", "cannot": "can not", "won't": "will not"}

_IRREGULAR = {
    **dict.fromkeys("cayo cayeron cae caen caer caia caian caiga caigan cayendo cayera".split(), "caid"),
    **dict.fromkeys("is are was were be been being am".split(), "be"),
    **dict.fromkeys("broke broken breaks".split(), "break"),
    **dict.fromkeys("fell fallen falls".split(), "fall"),
}
_SUFFIXES = sorted(
    (
        "isimos isimas isimo isima amientos amiento imientos imiento encias encia ancias ancia entes ente itudes itud "
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
    return word in NEGATIONS


def _split(word: str) -> list[str]:
    """Folded words, English contractions opened: ``isn't`` → ``is not``, ``can't`` → ``can not``."""
    parts = []
    for part in word.replace("’", "'").split():
        if part in _CONTRACTIONS:
            parts.extend(_CONTRACTIONS[part].split())
        elif part.endswith("n't"):
            parts.extend((part[:-3], "not"))
        else:
            parts.append(part)
    return parts


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
            for part in _split(fold(match.group())):
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
        """A negation just before the match (unless the phrase starts with one) or in one of its gaps."""
        first = matched[0]
        gaps = [i for i in range(first, matched[-1]) if i not in matched]
        if any(self._negation_at(i) for i in gaps):
            return True
        if is_negation(_words(phrase)[0]):
            return False
        index, clause = first - 1, self.tokens[first].clause
        while index >= 0 and first - index <= NEGATION_WINDOW and self.tokens[index].clause == clause:
            if self._negation_at(index):
                return True
            if self.tokens[index].word not in LIGHT | FILLERS:
                return False
            index -= 1
        return False

    def _negation_at(self, index: int) -> bool:
        before = self.tokens[index - 1].word if index > 0 else ""
        return is_negation(self.tokens[index].word) and before not in ABILITY


def _words(phrase: str) -> list[str]:
    return [part for m in _WORD.finditer(fold(phrase)) for part in _split(fold(m.group()))]


def _all_fillers(phrase: str) -> bool:
    return all(w in FILLERS for w in _words(phrase))


@lru_cache(maxsize=4096)
def _pattern(phrase: str) -> tuple[str, ...]:
    words = _words(phrase)
    kept = words if all(w in FILLERS for w in words) else [w for w in words if w not in FILLERS]
    return tuple(stem(w) for w in kept)
