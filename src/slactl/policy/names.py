"""How names typed by people are compared (ids, labels, aliases and phrases), and how any text
read from a file or an argument is shown: control characters escaped."""

from __future__ import annotations

import re

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_CONTROL_OR_BREAK = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
"""Control characters (all but tab and line feed, or all of them) and the bidirectional
overrides, which would let data move the cursor, recolour the terminal or reorder the text
around it; the second adds the line and paragraph separators that would end a line."""
_SHORT = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def fold(text: str) -> str:
    """Case-, accent- and separator-insensitive form used for ids, aliases and phrases."""
    if text.isascii():  # nothing to decompose: spares importing unicodedata for a typed id
        plain = text.lower()
    else:
        import unicodedata

        decomposed = unicodedata.normalize("NFKD", text.casefold())
        plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.replace("-", " ").replace("_", " ").split())


def escaped(text: str, *, one_line: bool = False) -> str:
    """``text`` safe to print as data: each control character shown as ``\\x1b``, ``\\u202e``
    (or ``\\r``); with ``one_line`` tabs and line breaks too (``\\n``), so that a file name or an
    id cannot split a one-line message. The one escaping of slactl (``render.output.plain``)."""
    return (_CONTROL_OR_BREAK if one_line else _CONTROL).sub(_escape, text)


def _escape(match: re.Match) -> str:
    character = match.group()
    code = ord(character)
    return _SHORT.get(character) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def invisible(text: str) -> tuple[int, str] | None:
    """The first character of ``text`` a reader cannot see, as ``(position, character)``: a
    control or format character (a zero-width space, a direction mark), a line or paragraph
    separator, a private-use or unassigned code point. Two names that differ only there look
    the same. None when there is none."""
    import unicodedata

    for position, character in enumerate(text):
        if unicodedata.category(character) in _INVISIBLE:
            return position, character
    return None


_INVISIBLE = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}


def foreign_letter(text: str) -> tuple[str, str, str] | None:
    """A letter of ``text`` (read in NFKC form, as ``fold`` compares it) from another script than
    most of its letters, as ``(letter, its script, the main script)``: a Cyrillic ``а`` among
    Latin letters makes a name that looks like another. Japanese may mix Han, Hiragana and
    Katakana, and Korean Han and Hangul. None when every letter is of one script."""
    import unicodedata

    letters = [(c, _script(c)) for c in unicodedata.normalize("NFKC", text) if unicodedata.category(c) in _LETTERS]
    counts: dict[str, int] = {}
    for _, script in letters:
        counts[script] = counts.get(script, 0) + 1
    if len(counts) < 2:
        return None
    main = max(counts, key=lambda script: counts[script])  # the first seen among equals
    if _SCRIPT_FAMILIES.get(main, {main}) >= set(counts):
        return None
    letter, script = next((c, s) for c, s in letters if s not in _SCRIPT_FAMILIES.get(main, {main}))
    return letter, script, main


_LETTERS = {"Lu", "Ll", "Lt", "Lo"}
_SCRIPT_FAMILIES = {
    "CJK": {"CJK", "HIRAGANA", "KATAKANA", "HANGUL"}, "HIRAGANA": {"CJK", "HIRAGANA", "KATAKANA"},
    "KATAKANA": {"CJK", "HIRAGANA", "KATAKANA"}, "HANGUL": {"CJK", "HANGUL"},
}


def _script(letter: str) -> str:
    """A letter's script, from its Unicode name (``CYRILLIC SMALL LETTER A``: ``CYRILLIC``)."""
    import unicodedata

    return unicodedata.name(letter, "UNKNOWN").split(" ", 1)[0]


def described(character: str) -> str:
    """``'а' (U+0430 CYRILLIC SMALL LETTER A)``: a character a message points at."""
    import unicodedata

    name = unicodedata.name(character, None) or _UNNAMED.get(unicodedata.category(character), "an unnamed character")
    return f"{character!r} (U+{ord(character):04X} {name})"


_UNNAMED = {"Cc": "a control character", "Cs": "half of a surrogate pair", "Co": "a private-use character",
            "Cn": "an unassigned code point"}
