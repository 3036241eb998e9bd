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

