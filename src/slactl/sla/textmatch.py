"""Finding wordings in free incident text, in Spanish or English.

A wording is a sequence of words; the text and the wording are split into words and compared
by their keys (``words``: folded, stemmed in Spanish and English, sound-alike, one typo), so
``caído``, ``caídos``, ``cayó``, ``KAIDA`` are one word; a word of three letters or fewer is only
itself (``AC`` is not ``hackeado``, ``Fay`` is not ``falla``). A wording matches as a sequence of whole
words, never inside another word (``rds`` is not found in ``words``). Articles, possessives and
object pronouns (``el``, ``the``, ``nuestro``, ``nos``) are skipped, and so are light words
(``está``, ``is``, ``ya``, ``completely``); two other words may sit between two words of a
wording (``servidor principal se cayó`` matches ``servidor caido``), except right after a
negation (``sin servicio`` is not found in ``sin interrupción total del servicio``) unless it is
a quantity (``ningún usuario puede`` matches ``no puede``). A wording never spans punctuation or
``pero``/``but``/``aunque``; a parenthesis is skipped, not a break (``el correo (webmail e IMAP)
no funciona``). A negation in a wording stands for any negation (``no carga`` is found in
``tampoco carga``, ``nadie puede`` and ``dejó de cargar``), a quantity only for the same quantity
(``nada funciona`` is not found in ``no funciona``). A match with a negation shortly before it in
the same clause (``no está caído``, ``is not down``, ``isn't down``, ``sin afectar``, ``no creo
que sea una falla``, ``ni el login carga``) is negated, unless the wording itself starts with one
(``no funciona``, and then a negation inside it is the same one: ``no llega ningún correo``);
``cannot`` and ``can't`` report an inability, so ``can't send emails`` is found. ``=word`` in a
wording matches that word only, not its stem, even an article (``por =su cuenta``).

A wording is compiled once into a ``Pattern``: slots of alternatives (the lexicon's word classes
such as ``{mail}`` become slots), each alternative a sequence of ``Word``s. Words of the text
are stemmed only when they start like a word of a wording being tried.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from slactl.policy.names import fold
from slactl.sla.words import EXACT, IRREGULAR, NEGATION_KEY, keys, one_typo_apart, sound_alike, stem

__all__ = ["Hit", "Pattern", "Text", "Word", "stem"]

MAX_GAP = 2
"""Other words (light words and skipped words aside) allowed between two words of a wording."""
_REACH = 12
"""Words of any kind looked at after a word of a wording: a run of articles and light words is
not read to its end."""
NEGATION_WINDOW = 4
"""Words before a match (articles and possessives aside), in the same clause, searched for a negation."""

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_CLAUSE_BREAK = re.compile(
    r"\.(?![^\W_])|[,;:!?¿¡()\[\]\n]|\s-\s|\b(?:but|pero|sino|aunque|although|though|however|whereas|mientras que|en cambio)\b", re.IGNORECASE)
_SENTENCE_BREAK = re.compile(r"\.(?![^\W_])|[;!?¿¡\n]")
"""A full stop ends a clause and a sentence; a dot with a letter or digit right after it is inside
a word (``facturas@proveedor.com``, ``ocr.lang``, ``v2.3``) and ends neither."""

FILLERS = frozenset(
    "el la los las lo un una unos unas al del de a the an of "
    "mi mis tu tus su sus nuestro nuestra nuestros nuestras my our your their its me te nos le les".split()
)
NEGATIONS = frozenset("no not never nunca jamas tampoco ni nor sin without stopped".split())
QUANTITIES = frozenset("ningun ninguno ninguna ningunos ningunas nadie nada none nobody nothing".split())
"""Negations that name a quantity: ``ningún usuario puede`` says nobody can, so the word they
negate may come two words later."""
LIGHT = frozenset(
    "se ha han hay haya hayan he esta estan estaba estaban es son fue fueron is are was were be been has have had "
    "do does did ya yet still todavia aun really realmente completely totally totalmente completamente "
    "currently actualmente muy very que sea sean este esten parece parecen creo hemos habia habiamos".split()
)
"""Words that may stand between a negation and what it negates (``no está caído``, ``is not
completely down``, ``no creo que sea una falla``, ``no es que esté caído``: ``sea`` and ``esté``
are the subjunctives such a denial takes) and that do not count as a gap inside a
wording; any other word ends a negation's reach (``no podemos crear documentos`` is a report
that documents cannot be created, not a denial)."""
COORDINATING = frozenset("ni tampoco nor neither".split())
"""Negations that reach past the subject: ``ni el login carga`` says the login does not load."""
ABILITY = frozenset("can could".split())
"""``cannot`` / ``can't`` report an inability, not a denial: ``can't send emails`` is a problem."""
_COPULAS = frozenset("es era fue sea".split())
_THAT = frozenset({"que", "that"})
"""``no es que``: the negation denies the whole statement that follows."""
_CONTRACTIONS = {"can't": "can not", "cannot": "can not", "won't": "will not"}
_STOP = "dej"
"""``dejar de`` (``dejó de funcionar``, ``dejaron de responder``) negates what follows."""


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


@lru_cache(maxsize=8192)
def prefix(word: str) -> str:
    """The first two letters of a folded word as it sounds: words that can match share it."""
    return sound_alike(IRREGULAR.get(word, word)[:4])[:2]


class Word(NamedTuple):
    """One word of a wording: its keys, and the ``prefix`` every matching word starts with.
    A negation (``negation`` 1) matches any negation, a quantity (2) only the same quantity:
    ``nada funciona`` is not ``no funciona``, ``nada`` is not ``nadie``. (A named tuple: the lexicon builds a thousand at each
    start, several times faster than frozen dataclasses.)"""

    keys: frozenset[str]
    prefix: str
    negation: int = 0
    language: str | None = None
    """``es`` or ``en`` for a lexicon word: a word of the text is stemmed in that language only."""

    @classmethod
    def of(cls, word: str, exact: str | None = None, negation: int = 0, language: str | None = None) -> Word:
        """The ``Word`` of a folded word of a wording: a negation (``negation`` 1) with no keys,
        a quantity (2) with its keys under the negation prefix, ``exact`` (``=word``) with that
        word as its only key, else its keys for ``language`` (all of them when None)."""
        if negation == 2:
            return cls(keys(word, language), NEGATION_KEY, negation, language)
        if negation:
            return cls(frozenset(), NEGATION_KEY, negation)
        if exact is not None:
            return cls(frozenset({EXACT + exact}), prefix(word))
        return cls(keys(word, language), prefix(word), 0, language)


Slot = tuple[tuple[Word, ...], ...]
"""One place of a wording: alternatives, each a sequence of words (``{mail}``: ``correo``,
``cuenta de correo``, ``email`` ...)."""


class Pattern(NamedTuple):
    """A compiled wording: ``text`` as written, ``slots`` as matched, ``starts`` the prefixes its
    first word may have (a named tuple, like ``Word``: the lexicon builds hundreds at each start)."""

    text: str
    slots: tuple[Slot, ...]
    starts: frozenset[str] = frozenset()

    @classmethod
    def made(cls, text: str, slots: tuple[Slot, ...]) -> Pattern:
        """A pattern of ``slots``, its ``starts`` taken from the first word of each alternative
        of the first slot."""
        return cls(text, slots, frozenset([alternative[0].prefix for alternative in slots[0]]) if slots else frozenset())

    @classmethod
    def of(cls, phrase: str) -> Pattern:
        """A plain phrase, each word a slot of its own (cached: policies repeat their phrases)."""
        return _phrase_pattern(phrase)

    @property
    def negation_first(self) -> bool:
        """True when every alternative of the first slot starts with a negation or quantity
        (``no funciona``): a match of it is then never read as denied."""
        return all(alternative[0].negation > 0 for alternative in self.slots[0]) if self.slots else False


def words_of(text: str, only_fillers: bool = True, language: str | None = None) -> list[Word]:
    """The words of a plain wording in ``language`` (``es``, ``en``, or None: either), skipping
    fillers (unless it has nothing else and ``only_fillers``); ``=word`` matches that word only,
    not its stem, and may be a filler (``por =su cuenta``)."""
    parsed = Text.of(text)

    def exact(token: Token) -> bool:
        """Whether the wording writes this word ``=word``."""
        return token.start > 0 and text[token.start - 1] == EXACT

    kept = [t for t in parsed.tokens if not t.filler or exact(t)] or (list(parsed.tokens) if only_fillers else [])
    return [Word.of(t.word, t.word if exact(t) else None, t.negation, language) for t in kept]


@lru_cache(maxsize=4096)
def _prefixes(folded: str) -> tuple[str, ...]:
    """The prefix of each word a folded phrase must find (fillers, and words a negation
    stands for, aside)."""
    words = [part for match in _WORD.finditer(folded) for part in _split(match.group())]
    return tuple(prefix(w) for w in words if w not in FILLERS and w not in NEGATIONS and w not in QUANTITIES)


@lru_cache(maxsize=4096)
def _phrase_pattern(phrase: str) -> Pattern:
    return Pattern.made(phrase, tuple(((word,),) for word in words_of(phrase)))


class Token(NamedTuple):
    """One word of a text (a named tuple: a text has hundreds)."""

    word: str
    surface: str
    start: int
    end: int
    clause: int
    span: int
    """The clause a wording may run through: a parenthesis does not end it (``el correo
    (webmail e IMAP) no funciona``), its own words are skipped."""
    depth: int
    sentence: int
    negation: int = 0
    """0: none; 1: a negation (``no``, ``sin``, ``dejó de``); 2: a quantity (``ningún``, ``nadie``)."""
    prefix: str = ""
    known: bool = False
    """A word of the lexicon, spelled as it is there: no typo of another (``button`` is not ``buzón``)."""

    @property
    def filler(self) -> bool:
        """An article, possessive or object pronoun (``FILLERS``): a wording skips it."""
        return self.word in FILLERS

    @property
    def light(self) -> bool:
        """A light word (``LIGHT``: ``está``, ``is``, ``ya``): no gap inside a wording, and it
        does not end a negation's reach."""
        return self.word in LIGHT


class Hit(NamedTuple):
    """One wording found: ``quote`` is the words as written in the text; ``negated`` when a
    negation denies it (only asked for by ``Text.search(..., negated=True)``). A named tuple:
    a text yields hundreds."""

    phrase: str
    quote: str
    start: int
    end: int
    clause: int = 0
    sentence: int = 0
    negated: bool = False

    def inside(self, other: Hit) -> bool:
        """True when this hit lies within ``other`` and is shorter."""
        return other.start <= self.start and self.end <= other.end and (self.start, self.end) != (other.start, other.end)


@dataclass(frozen=True, slots=True)
class Text:
    """An incident description, split into words once and searched for many wordings."""

    source: str
    tokens: tuple[Token, ...]
    content: tuple[int, ...]
    """Indices of the tokens a wording may match (every token, for now)."""
    index: dict[str, tuple[int, ...]]
    """Positions in ``content`` by word prefix (``¬`` for negations)."""

    @classmethod
    def of(cls, source: str, known: frozenset[str] = frozenset()) -> Text:
        """``source`` split once into folded ``Token``s (English contractions opened), each with
        its clause, sentence, parenthesis depth and negation mark, indexed by prefix; a word of
        ``known`` (the lexicon's vocabulary) is spelled right, so it is never read as one typo
        away from another word."""
        breaks = [(m.start(), m.group()) for m in _CLAUSE_BREAK.finditer(source)]
        sentence_breaks = [m.start() for m in _SENTENCE_BREAK.finditer(source)]
        parts: list[tuple[str, int, int, int, int, int, int]] = []
        clause = span = sentence = next_break = depth = 0
        outer: list[int] = []
        for match in _WORD.finditer(source):
            while next_break < len(breaks) and breaks[next_break][0] < match.start():
                mark = breaks[next_break][1]
                clause += 1
                if mark in "([":
                    outer.append(span)
                    depth += 1
                    span = clause
                elif mark in ")]" and outer:
                    span = outer.pop()
                    depth -= 1
                else:
                    span = clause
                next_break += 1
            while sentence < len(sentence_breaks) and sentence_breaks[sentence] < match.start():
                sentence += 1
            for part in _split(fold(match.group())):
                parts.append((part, match.start(), match.end(), clause, span, depth, sentence))
        tokens = []
        for i, (word, start, end, clause, span, depth, sentence) in enumerate(parts):
            before = parts[i - 1][0] if i else ""
            after = parts[i + 1][0] if i + 1 < len(parts) else ""
            negation = _negation(word, before, after)
            tokens.append(Token(word, source[start:end], start, end, clause, span, depth, sentence, negation,
                                NEGATION_KEY if negation else prefix(word), word in known))
        content = tuple(range(len(tokens)))
        index: dict[str, list[int]] = {}
        for position, i in enumerate(content):
            index.setdefault(tokens[i].prefix, []).append(position)
        return cls(source, tuple(tokens), content, {k: tuple(v) for k, v in index.items()})

    def letters_in_words(self, is_word: Callable[[str], bool]) -> float:
        """The share of the text's letters that stand in words ``is_word`` accepts (each word
        of the text given as written), 1.0 when the text has no letters."""
        letters = sum(1 for c in self.source if c.isalpha())
        if not letters:
            return 1.0
        verdicts: dict[str, bool] = {}
        found = 0
        for match in _WORD.finditer(self.source):
            word = match.group()
            verdict = verdicts.get(word)
            if verdict is None:
                verdict = verdicts[word] = is_word(word)
            if verdict:
                found += sum(1 for c in word if c.isalpha())
        return found / letters

    def find(self, phrase: str) -> Hit | None:
        """The first occurrence of ``phrase`` that is not negated, or None. A phrase one of whose
        words starts like no word of the text is not even compiled (its words never stemmed)."""
        folded = fold(phrase)
        if not self._may_hold(folded):
            return None
        return next(iter(self.search(Pattern.of(folded))), None)

    def _may_hold(self, folded: str) -> bool:
        return all(start in self.index for start in _prefixes(folded))

    def find_any(self, phrases: tuple[str, ...]) -> list[Hit]:
        """The first occurrence not negated (``find``) of each of ``phrases`` found, in the
        order of ``phrases``; the ones not found are left out."""
        return [hit for phrase in phrases if (hit := self.find(phrase)) is not None]

    def search(self, pattern: Pattern, negated: bool = False) -> list[Hit]:
        """Every occurrence of ``pattern``, one per first word, in text order; the negated ones
        only when ``negated`` (then marked so)."""
        if not pattern.slots or pattern.starts.isdisjoint(self.index):
            return []
        found = []
        failed: set = set()
        for start in self._starts(pattern.slots[0]):
            matched = self._match(pattern.slots, start, failed)
            if matched is None or self._stop_particle(matched[0]):
                continue
            denied = self._negated(matched, pattern.negation_first)
            if denied and not negated:
                continue
            first, last = self.tokens[matched[0]], self.tokens[matched[-1]]
            found.append(Hit(pattern.text, self.source[first.start:last.end], first.start, last.end,
                             first.clause, first.sentence, denied))
        return found

    def _starts(self, slot: Slot) -> list[int]:
        positions: set[int] = set()
        for alternative in slot:
            word = alternative[0]
            positions.update(p for p in self.index.get(word.prefix, ()) if self._is(p, word))
        return sorted(positions)

    def _is(self, position: int, word: Word) -> bool:
        token = self.tokens[self.content[position]]
        if word.negation == 1:
            return token.negation > 0
        if word.negation == 2:
            return token.negation == 2 and _same(token.word, word, not token.known)
        if EXACT + token.word in word.keys:
            return True
        if token.prefix != word.prefix or token.filler:
            return False
        return _same(token.word, word, not token.known)

    def _match(self, slots: tuple[Slot, ...], start: int, failed: set | None = None) -> list[int] | None:
        """Token indices of the first way ``slots`` match from content position ``start``.
        ``failed`` remembers the ways on that cannot succeed, whatever came before them (the
        rest of a wording depends only on where its last word was found): a long text that
        repeats its words is searched in linear time, not by trying every combination again."""
        failed = set() if failed is None else failed
        for alternative in slots[0]:
            if self._is(start, alternative[0]):
                found = self._extend(slots, 0, alternative, 1, [start], failed)
                if found is not None:
                    return [self.content[p] for p in found]
        return None

    def _extend(self, slots: tuple[Slot, ...], slot: int, words: tuple[Word, ...], at: int,
                matched: list[int], failed: set) -> list[int] | None:
        key = (slot, id(words), at, matched[-1])
        if key in failed:
            return None
        if at == len(words):
            if slot + 1 == len(slots):
                return matched
            for alternative in slots[slot + 1]:
                found = self._extend(slots, slot + 1, alternative, 0, matched, failed)
                if found is not None:
                    return found
            failed.add(key)
            return None
        for position in self._window(matched[-1]):
            if self._is(position, words[at]):
                found = self._extend(slots, slot, words, at + 1, [*matched, position], failed)
                if found is not None:
                    return found
        failed.add(key)
        return None

    def _window(self, position: int) -> Iterator[int]:
        """Content positions that may hold the next word after ``position``: the next one right
        after a negation, else up to ``MAX_GAP`` counted words on, in the same clause."""
        previous = self.tokens[self.content[position]]
        allowed = 0 if previous.negation == 1 else MAX_GAP
        counted = 0
        for next_position in range(position + 1, min(len(self.content), position + 1 + _REACH)):
            token = self.tokens[self.content[next_position]]
            if token.span != previous.span:
                if token.depth > previous.depth:
                    continue
                return
            yield next_position
            if not (token.light or token.filler):
                counted += 1
                if counted > allowed:
                    return

    def _stop_particle(self, index: int) -> bool:
        """The ``de`` of ``dejar de`` (``dejó de responder``): part of the negation, never the
        first word of a wording (``de todos`` is not in ``dejó de responder y todos``)."""
        return (index > 0 and self.tokens[index].word == "de" and bool(self.tokens[index - 1].negation)
                and self.tokens[index - 1].word.startswith(_STOP))

    def _negated(self, matched: list[int], negation_first: bool) -> bool:
        """A negation in one of the match's gaps, or just before it; neither for a wording that
        starts with one (``no llega ningún correo`` is one negation, said twice)."""
        if negation_first:
            return False
        first = matched[0]
        if any(self.tokens[i].negation and self.tokens[i].span == self.tokens[first].span
               for i in range(first, matched[-1]) if i not in matched):
            return True
        index, clause, subject, seen = first - 1, self.tokens[first].clause, 0, 0
        while index >= 0 and self.tokens[index].clause == clause:
            token = self.tokens[index]
            if token.negation:
                return subject == 0 or token.word in COORDINATING
            if token.word in _THAT and self._denies_what_follows(index):
                return True
            if not token.filler:
                seen += 1
                if seen > NEGATION_WINDOW:
                    return False
            if not (token.light or token.filler):
                subject += 1
                if subject > 1:
                    return False
            index -= 1
        return False


    def _denies_what_follows(self, index: int) -> bool:
        """``no es que ...``, ``not that ...`` before ``que``/``that`` at ``index``: a negation of
        the whole statement after it, whatever its subject (``no es que algo esté caído``, ``it's
        not that anything is broken``: Ignus' “Servicio caído” is denied, so a mail setup asked
        with urgent words stays Bajo: “Configuración de correo electrónico”)."""
        before = [token for token in self.tokens[max(0, index - 2):index] if token.clause == self.tokens[index].clause]
        if before and before[-1].negation == 1:
            return True
        return len(before) == 2 and before[-1].word in _COPULAS and before[0].negation == 1


@lru_cache(maxsize=65536)
def _same(folded: str, word: Word, typos: bool = True) -> bool:
    """Whether a folded word of a text is ``word`` by its keys, or (with ``typos``) one typo
    away (remembered: a long text repeats its words, and the lexicon its wordings)."""
    found = keys(folded, word.language)
    return not found.isdisjoint(word.keys) or (typos and one_typo_apart(found, word.keys))


def _negation(word: str, before: str, after: str) -> int:
    if word in QUANTITIES:
        return 2
    if word in NEGATIONS and not (word == "not" and before in ABILITY):
        return 1
    if after == "de" and word.startswith(_STOP) and stem(word) == _STOP:
        return 1
    return 0
