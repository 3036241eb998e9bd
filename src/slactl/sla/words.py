"""How two words of an incident are compared, in Spanish or English: by their keys.

A word is folded (case, accents), then stemmed by the Snowball stemmers of Spanish and English
(``snowballstemmer``, the stemmers the Snowball project maintains), so ``caídas`` and ``caído``,
``responden`` and ``responde``, ``emails`` and ``email`` share a key. Two words match when they
share any key:

- both stems (``servidores`` → ``servidor``; ``working`` → ``work``);
- a sound-alike form of the Spanish stem (b/v, c/k/qu, s/z, j/g, silent h, doubled letters), so
  ``serbidor``, ``KAIDA`` and ``corrreos`` are ``servidor``, ``caida`` and ``correos``;
- for sound-alike forms of five letters or more, one typo past the first letter (a letter
  added, dropped or replaced, two neighbours swapped), so one slip of the keyboard
  (``preubas``, ``resuleve``, ``usario``) still matches.

A **short word** (three letters or fewer: ``AC``, ``Fay``, ``Rob``, ``bd``, ``ver``) says too
little for a stem or a sound: it matches only itself, case and accents aside, or itself with a
plural ``s`` (``apps`` is ``app``, ``BDs`` is ``bd``). Its one key is marked ``#``, so it never
meets the stem or the sound of a longer word (``AC`` is not ``hackeado``, whose sound-alike stem
is ``ac``; ``Fay`` is not ``falla``, ``fay``; ``Rob`` is not ``robaron``). A longer word's stem
shorter than three letters is the word itself (``going`` is not ``go``), and a sound-alike form
of three letters or fewer is no key: a guessed spelling that short is a name as often as a
misspelling (``Faye`` is not ``falla``; ``zoho`` sounds ``so``).

``wordlike`` tells a word of the languages from noise (random bytes, base64, a hex dump):
``classify`` trusts nothing it read in a text whose letters are mostly not in such words.

A few words Snowball leaves apart or joins wrongly are fixed here, in the open: irregular
forms (``cayó`` is ``caer``, ``are`` is ``be``), Spanish endings Snowball keeps (``lentísimo``,
``lentitud`` → ``lent``; ``abre``, ``abren`` → ``abr``, words too short for its rules) and words it would join (``documentación`` is not
``documentos``, ``mejora`` is not ``mejor``, ``productos`` is not ``productivo``). Negations share one key, ``¬``; a word written
``=Word`` in a wording matches only that exact spelling (``=DoS`` is not ``dos``, two).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from slactl.policy.names import fold

NEGATION_KEY = "¬"
EXACT = "="
SOUND = "~"
SHORT_KEY = "#"
SHORT = 3
"""Words of this many letters or fewer match only themselves (or their plural in ``s``)."""

IRREGULAR = {
    **dict.fromkeys("cayo cayeron cae caen caer caia caian caiga caigan cayendo cayera caemos".split(), "caido"),
    **dict.fromkeys("puedo puede pueden podemos podido pudo pudieron pudimos podia podian poder".split(),
                    "poder"),
    **dict.fromkeys("creo cree creemos creen creer creia".split(), "creer"),
    **dict.fromkeys("is are was were be been being am".split(), "be"),
    **dict.fromkeys("broke broken breaks".split(), "break"),
    **dict.fromkeys("fell fallen falls".split(), "fall"),
}
"""Forms no suffix rule reaches, mapped to the form whose stem they share."""

STEM_EXCEPTIONS = {
    **dict.fromkeys("documentacion documentaciones documentation".split(), "documentacion"),
    **dict.fromkeys("informacion informaciones information".split(), "informacion"),
    **dict.fromkeys("mejora mejoras".split(), "mejora"),
    **dict.fromkeys("producto productos".split(), "producto"),
}
"""Words whose Snowball stem is another word's (``documentación`` and ``documentos`` are both
``document``, ``productos`` and ``productivo`` both ``product``): they keep a stem of their own."""

_SNOWBALL_GAPS = ("isim", "itud")
"""Spanish suffixes Snowball keeps (``lentisim``, ``lentitud``) that still mark the same word."""
_SHORT_ENDINGS = ("en", "an", "es", "as", "os", "a", "e", "o")
"""Endings Snowball leaves on words too short for its regions (``abre``, ``abren``), stripped
when it left the word whole."""
_MIN_STEM = 3
"""The shortest stem that is a key of a longer word; a sound-alike form needs one letter more."""
_MIN_TYPO = 5


def stem(word: str) -> str:
    """The Spanish stem of one folded word: ``caídas`` → ``caid``, ``lentitud`` → ``lent``."""
    return _stems(word)[0]


@lru_cache(maxsize=8192)
def keys(word: str, language: str | None = None) -> frozenset[str]:
    """The keys of one folded word: its two stems and its sound-alike form (``~`` first). A
    word known to be Spanish (``es``) has no English stem, one known to be English (``en``)
    only its English stem: the lexicon's ``page`` is not ``pago``. A word of an incident, of
    no known language, has them all. A short word (``SHORT`` letters or fewer, after the
    irregular forms: ``is`` is ``be``) is only itself: its key is the word marked ``#``. A
    plural in ``s`` of a short word (``bds``, ``apps``) has the singular's key too."""
    word = IRREGULAR.get(word, word)
    singular = {SHORT_KEY + word[:-1]} if word.endswith("s") and 2 <= len(word) - 1 <= SHORT else set()
    if len(word) <= SHORT:
        return frozenset({SHORT_KEY + word, *singular})
    spanish, english = (each if len(each) >= _MIN_STEM else word for each in _stems(word))
    sound = sound_alike(spanish)
    sounds = {SOUND + sound} if len(sound) > _MIN_STEM else set()
    if language == "en":
        return frozenset({english, *singular})
    return frozenset({spanish, *sounds, *singular} if language == "es" else {spanish, english, *sounds, *singular})


def one_typo_apart(word_keys: frozenset[str], other_keys: frozenset[str]) -> bool:
    """True when the sound-alike forms of two words (five letters or more) differ by one typo
    past the first letter: one letter added or dropped (not the last: a stem is a word without
    its ending), one replaced, or two neighbours swapped."""
    a, b = _sound_of(word_keys), _sound_of(other_keys)
    if min(len(a), len(b)) < _MIN_TYPO or abs(len(a) - len(b)) > 1 or a[0] != b[0]:
        return False
    if len(a) != len(b):
        short, long = sorted((a, b), key=len)
        return any(long[:i] + long[i + 1:] == short for i in range(1, len(long) - 1))
    differ = [i for i in range(len(a)) if a[i] != b[i]]
    return len(differ) == 1 or (len(differ) == 2 and differ[1] == differ[0] + 1
                                and a[differ[0]] == b[differ[1]] and a[differ[1]] == b[differ[0]])


def _sound_of(word_keys: frozenset[str]) -> str:
    return next((key[1:] for key in word_keys if key.startswith(SOUND)), "")


@lru_cache(maxsize=8192)
def _stems(word: str) -> tuple[str, str]:
    word = IRREGULAR.get(word, word)
    if word in STEM_EXCEPTIONS:
        kept = STEM_EXCEPTIONS[word]
        return kept, kept
    if not word.isalpha():
        return word, word
    spanish = _snowball("spanish", word)
    gaps = _SNOWBALL_GAPS + (_SHORT_ENDINGS if spanish == word else ())
    for suffix in gaps:
        if spanish.endswith(suffix) and len(spanish) - len(suffix) >= _MIN_STEM:
            spanish = spanish[: -len(suffix)]
            break
    return spanish, _snowball("english", word)


def _snowball(language: str, word: str) -> str:
    """A fresh stemmer per word: Snowball's stemmers keep their state on the instance, so one
    shared between threads could mix two words."""
    import snowballstemmer  # type: ignore[import-untyped]  # imported on the first word that needs a stem

    return snowballstemmer.stemmer(language).stemWord(word)


_SOUNDS = (("ch", "X"), ("qu", "k"), ("ce", "se"), ("ci", "si"), ("ge", "je"), ("gi", "ji"), ("ll", "y"),
           ("v", "b"), ("z", "s"), ("k", "c"), ("h", ""), ("X", "ch"))


def sound_alike(text: str) -> str:
    """The spelling a hurried Spanish writer may give ``text``: ``servidor`` → ``serbidor``,
    ``kaida`` → ``caida``, ``pagina`` → ``pajina``, ``correo`` → ``coreo`` (a doubled letter is
    one, except at the start: ``ddos`` is not ``dos``)."""
    for old, new in _SOUNDS:
        text = text.replace(old, new)
    return text[:2] + "".join(c for i, c in enumerate(text) if i >= 2 and c != text[i - 1])


_VOWELS = frozenset("aeiouy")
TINY_WORDS = frozenset(
    "a e o u y al da de di el en es fe ha he ir la le lo me mi ni no os se si su te ti tu un va ve vi ya yo "
    "i am an as at be by do go hi if in is it my of oh ok on or so to up us we".split())
"""Every word of one or two letters Spanish and English have (and ``ok``)."""
_MAX_CONSONANTS = 4
"""The longest run of consonants a word has (``instrucción``, ``construir``: ``nstr``)."""
_MAX_HUMPS = 2
"""Capitals after a small letter that a product name has (``phpMyAdmin``); random letters have
more."""


def letter_pairs(word: str) -> Iterator[str]:
    """The pairs of neighbouring letters of a folded word, its start and end marked ``^`` and
    ``$``: ``red`` → ``^r``, ``re``, ``ed``, ``d$``."""
    marked = f"^{word}$"
    return (marked[i:i + 2] for i in range(len(marked) - 1))


def wordlike(surface: str, known: frozenset[str], pairs: frozenset[str]) -> bool:
    """Whether ``surface``, one word of a text as written, is a word of Spanish or English: a
    ``known`` word (the lexicon's, such as ``ssh`` or ``ec2``), or Latin letters only (accents
    aside) with a vowel, no run of five consonants, no more than two capitals after a small
    letter, and every pair of neighbouring letters one the languages' words have (``pairs``);
    a word of one or two letters must be one of the few they have (``TINY_WORDS``).
    ``servidor``, ``CAÍDO``, ``phpMyAdmin``, ``can't`` are words; ``kJdQzX``, ``x7Fq``,
    ``þæð``, ``qk``, ``xqzt`` and numbers are not."""
    letters = surface.replace("'", "").replace("’", "")
    folded = letters.lower() if letters.isascii() else fold(letters)
    if folded in known:
        return True
    if not (folded.isascii() and folded.isalpha()):
        return False
    if len(folded) <= 2:
        return folded in TINY_WORDS
    run, vowel = 0, False
    for letter in folded:
        if letter in _VOWELS:
            run, vowel = 0, True
        else:
            run += 1
            if run > _MAX_CONSONANTS:
                return False
    if not vowel or sum(1 for a, b in zip(letters, letters[1:]) if a.islower() and b.isupper()) > _MAX_HUMPS:
        return False
    return all(pair in pairs for pair in letter_pairs(folded))
