"""How two words of an incident are compared, in Spanish or English: by their keys.

A word is folded (case, accents), then stemmed by the Snowball stemmers of Spanish and English
(``snowballstemmer``, the stemmers the Snowball project maintains), so ``caídas`` and ``caído``,
``responden`` and ``responde``, ``emails`` and ``email`` share a key. Two words match when they
share any key:

- both stems (``servidores`` → ``servidor``; ``working`` → ``work``);
- a sound-alike form of the Spanish stem (b/v, c/k/qu, s/z, j/g, silent h, doubled letters), so
  ``serbidor``, ``KAIDA`` and ``corrreos`` are ``servidor``, ``caida`` and ``correos``;
- for a sound-alike form of five letters or more, that form with one letter (not the first)
  left out, so one slip of the keyboard (``preubas``, ``resuleve``, ``usario``) still matches.

A few words Snowball leaves apart or joins wrongly are fixed here, in the open: irregular
forms (``cayó`` is ``caer``, ``are`` is ``be``), two Spanish suffixes Snowball keeps
(``lentísimo``, ``lentitud`` → ``lent``) and words it would join (``documentación`` is not
``documentos``, ``mejora`` is not ``mejor``). Negations share one key, ``¬``; a word written
``=Word`` in a wording matches only that exact spelling (``=DoS`` is not ``dos``, two).
"""

from __future__ import annotations

from functools import lru_cache

NEGATION_KEY = "¬"
EXACT = "="

IRREGULAR = {
    **dict.fromkeys("cayo cayeron cae caen caer caia caian caiga caigan cayendo cayera caemos".split(), "caido"),
    **dict.fromkeys("puedo puede pueden podemos podido pudo pudieron pudimos podia podian poder podra podria".split(),
                    "poder"),
    **dict.fromkeys("creo cree creemos creen creer creia".split(), "creer"),
    **dict.fromkeys("is are was were be been being am".split(), "be"),
    **dict.fromkeys("broke broken breaks".split(), "break"),
    **dict.fromkeys("fell fallen falls".split(), "fall"),
}
"""Forms no suffix rule reaches, mapped to the form whose stem they share."""

STEM_EXCEPTIONS = {
    **dict.fromkeys("documentacion documentaciones".split(), "documentacion"),
    **dict.fromkeys("informacion informaciones".split(), "informacion"),
    **dict.fromkeys("mejora mejoras".split(), "mejora"),
}
"""Words whose Snowball stem is another word's (``documentación`` and ``documentos`` are both
``document``): they keep a stem of their own."""

_SNOWBALL_GAPS = ("isim", "itud")
"""Spanish suffixes Snowball keeps (``lentisim``, ``lentitud``) that still mark the same word."""
_MIN_STEM = 3
_MIN_TYPO = 5


def stem(word: str) -> str:
    """The Spanish stem of one folded word: ``caídas`` → ``caid``, ``lentitud`` → ``lent``."""
    return _stems(word)[0]


@lru_cache(maxsize=8192)
def keys(word: str) -> frozenset[str]:
    """Every key of one folded word (see the module docstring)."""
    spanish, english = _stems(word)
    sound = sound_alike(spanish)
    found = {spanish, english, "~" + sound}
    if len(sound) >= _MIN_TYPO:
        found.update("?" + sound[:i] + sound[i + 1:] for i in range(1, len(sound)))
        found.add("?" + sound)
    return frozenset(found)


@lru_cache(maxsize=8192)
def _stems(word: str) -> tuple[str, str]:
    word = IRREGULAR.get(word, word)
    if word in STEM_EXCEPTIONS:
        kept = STEM_EXCEPTIONS[word]
        return kept, kept
    if not word.isalpha():
        return word, word
    spanish = _snowball("spanish", word)
    for suffix in _SNOWBALL_GAPS:
        if spanish.endswith(suffix) and len(spanish) - len(suffix) >= _MIN_STEM:
            spanish = spanish[: -len(suffix)]
    return spanish, _snowball("english", word)


def _snowball(language: str, word: str) -> str:
    """A fresh stemmer per word: Snowball's stemmers keep their state on the instance, so one
    shared between threads could mix two words."""
    import snowballstemmer  # imported on the first word that needs a stem

    return snowballstemmer.stemmer(language).stemWord(word)


_SOUNDS = (("ch", "X"), ("qu", "k"), ("ce", "se"), ("ci", "si"), ("ge", "je"), ("gi", "ji"), ("ll", "y"),
           ("v", "b"), ("z", "s"), ("k", "c"), ("h", ""), ("X", "ch"))


def sound_alike(text: str) -> str:
    """The spelling a hurried Spanish writer may give ``text``: ``servidor`` → ``serbidor``,
    ``kaida`` → ``caida``, ``pagina`` → ``pajina``, ``correo`` → ``coreo``."""
    for old, new in _SOUNDS:
        text = text.replace(old, new)
    return "".join(c for i, c in enumerate(text) if i == 0 or c != text[i - 1])
