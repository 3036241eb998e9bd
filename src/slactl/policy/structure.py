"""Check a loaded document against the JSON Schema subset the format uses (see ``spec``).

Yields ``(path, message)`` pairs, every problem rather than the first; the loader turns the
path into a line number.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from typing import Any

from slactl.policy import spec

Path = tuple[str | int, ...]

_TYPES = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "number": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "array": lambda v: isinstance(v, list),
    "object": lambda v: isinstance(v, dict),
    "null": lambda v: v is None,
}
_NAMES = {str: "a string", int: "an integer", float: "a number", bool: "true/false",
          list: "a list", dict: "a mapping", type(None): "empty (null)"}
_WANTED = {"string": "a string", "integer": "an integer", "number": "a number", "boolean": "true or false",
           "array": "a list", "object": "a mapping", "null": "empty (null)"}
# What to write instead, for each pattern the format uses (see ``spec``).
_PATTERN_HINTS = {
    spec.DURATION: "write a number and a unit, e.g. 15m, 4h, 3d, 1h30m",
    spec.ID: "use lowercase letters, digits and dashes, e.g. my-provider",
    spec.DAY_KEY: "write a weekday (mon, tue, wed, thu, fri, sat, sun) or a range such as mon-fri",
    spec.DAY_TIME_RANGE: "write HH:MM-HH:MM, e.g. 08:00-17:30",
    spec.FLAG: "use lowercase letters, digits and underscores, e.g. third_party",
    spec.PERCENT: "write a percentage such as 5% or 99.5%",
    spec.DATE: "write a date such as 2026-03-01",
    spec.WARN: "write a share of the target such as 75% or a time before it is due such as 1h",
    r"^[A-Z]{2}$": "write a two-letter ISO 3166 country code in capitals, e.g. CO, MX, ES",
    r"^[A-Z]{3}$": "write a three-letter ISO 4217 currency code in capitals, e.g. USD",
    spec.AMOUNT: 'write an amount with at most two decimals, e.g. "35.00"',
}


_SURROGATE = re.compile("[\ud800-\udfff]")


def describe(value: Any) -> str:
    return _NAMES.get(type(value), type(value).__name__)


def closest(word: str, choices: list[str]) -> str:
    """`` (did you mean 'x'?)`` when a choice is close, else the list of choices."""
    near = difflib.get_close_matches(word, choices, n=2, cutoff=0.6)
    if near:
        return " (did you mean " + " or ".join(repr(n) for n in near) + "?)"
    return " (expected one of: " + ", ".join(choices) + ")" if choices else ""


def _key_name(path: Path) -> str:
    for part in reversed(path):
        if isinstance(part, str):
            return part
    return "document"


def check(value: Any, schema: dict, root: dict, path: Path = ()) -> Iterator[tuple[Path, str]]:
    if "$ref" in schema:
        target = root
        for part in schema["$ref"].lstrip("#/").split("/"):
            target = target[part]
        schema = {**target, **{k: v for k, v in schema.items() if k != "$ref"}}
    name = _key_name(path)
    if "const" in schema and value != schema["const"]:
        yield path, f"{name!r} must be {schema['const']!r}, got {value!r}"
        return
    if "enum" in schema and value not in schema["enum"]:
        choices = [str(c) for c in schema["enum"]]
        yield path, f"{name!r} must be one of: {', '.join(choices)}; got {value!r}"
        return
    types = schema.get("type")
    if types is not None:
        types = [types] if isinstance(types, str) else types
        if not any(_TYPES[t](value) for t in types):
            wanted = " or ".join(_WANTED[t] for t in types)
            shown = f" {value!r}" if isinstance(value, (str, int, float)) and not isinstance(value, bool) else ""
            if isinstance(value, bool) and "string" in types:
                shown = " (quote it: YAML reads yes, no, on and off as true/false)"
            yield path, f"{name!r} must be {wanted}, got {describe(value)}{shown}"
            return
    if isinstance(value, str):
        yield from _check_string(value, schema, path, name)
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            yield path, f"{name!r} must be at least {schema['minimum']}, got {value}"
    elif isinstance(value, list):
        if len(value) < schema.get("minItems", 0):
            yield path, f"{name!r} needs at least {schema['minItems']} item(s)"
        if "items" in schema:
            for index, item in enumerate(value):
                yield from check(item, schema["items"], root, path + (index,))
    elif isinstance(value, dict):
        yield from _check_mapping(value, schema, root, path)


def matches(pattern: str, text: str) -> bool:
    """``text`` matches ``pattern`` as a whole, as JSON Schema reads the spec's anchored patterns:
    ``$`` is the end of the text, never before a trailing line break (``"acme\\n"`` is no id),
    and ``\\d`` and ``\\s`` are ASCII only (no Arabic-Indic digit makes a duration)."""
    return re.fullmatch(pattern, text, re.ASCII) is not None


def _surrogate(text: str) -> str | None:
    """The first half of a UTF-16 pair in ``text``: YAML's ``"\\ud83d\\ude00"`` gives two of them,
    not a character, and they cannot be printed or written as UTF-8."""
    found = _SURROGATE.search(text)
    return found.group() if found else None


def _check_string(value: str, schema: dict, path: Path, name: str) -> Iterator[tuple[Path, str]]:
    half = _surrogate(value)
    if half is not None:
        yield path, (f"{name!r} contains {half!r}, half of a UTF-16 surrogate pair and not a character "
                     "(write the character itself, or escape it whole as \\U0001F600)")
        return
    if len(value.strip()) < schema.get("minLength", 0):
        yield path, f"{name!r} must not be empty"
    pattern = schema.get("pattern")
    if pattern and not matches(pattern, value):
        yield path, f"{name!r} has a bad value {value!r}{_hint(schema)}"


def _hint(schema: dict) -> str:
    hint = _PATTERN_HINTS.get(schema.get("pattern", ""))
    return f" ({hint})" if hint else ""


def _check_mapping(value: dict, schema: dict, root: dict, path: Path) -> Iterator[tuple[Path, str]]:
    properties = schema.get("properties", {})
    extra = schema.get("additionalProperties", True)
    names = schema.get("propertyNames")
    for key in schema.get("required", ()):
        if key not in value:
            yield path, f"missing required key {key!r}" + (f" in {_key_name(path)!r}" if path else "")
    for key, item in value.items():
        where = path + (key,)
        if not isinstance(key, str):
            yield where, f"key {key!r} must be a string"
            continue
        if _surrogate(key) is not None:
            yield where, f"key {key!r} contains {_surrogate(key)!r}, half of a UTF-16 surrogate pair and not a character"
            continue
        if names is not None:
            problem = _check_name(key, names, _key_name(path))
            if problem:
                yield where, problem
                continue
        if key in properties:
            yield from check(item, properties[key], root, where)
        elif extra is False:
            place = f" in {_key_name(path)!r}" if path else ""
            yield where, f"unknown key {key!r}{place}" + closest(key, sorted(properties))
        elif isinstance(extra, dict):
            yield from check(item, extra, root, where)


def _check_name(key: str, names: dict, parent: str) -> str | None:
    """A key of a free-form mapping (weekdays, target names, calendar names) that is not allowed."""
    if "enum" in names and key not in names["enum"]:
        return f"unknown key {key!r} in {parent!r}" + closest(key, [str(c) for c in names["enum"]])
    if "pattern" in names and not matches(names["pattern"], key):
        return f"bad key {key!r} in {parent!r}{_hint(names)}"
    if "not" in names and key == names["not"].get("const"):
        return f"{key!r} is built in and cannot be redefined in {parent!r}; choose another name"
    return None
