"""How names typed by people are compared: ids, labels, aliases and phrases."""

from __future__ import annotations


def fold(text: str) -> str:
    """Case-, accent- and separator-insensitive form used for ids, aliases and phrases."""
    if text.isascii():  # nothing to decompose: spares importing unicodedata for a typed id
        plain = text.lower()
    else:
        import unicodedata

        decomposed = unicodedata.normalize("NFKD", text.casefold())
        plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.replace("-", " ").replace("_", " ").split())
