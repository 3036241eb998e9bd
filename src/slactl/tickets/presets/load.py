"""From a preset file to a ``Preset``: read safely (``policy.load``: size cap, UTF-8, no anchors,
aliases, tags or duplicate keys, the line of every key), checked against a table of rules,
every problem reported as ``FILE:LINE: message``.

The format, with every key, is in docs/exports.md; the bundled presets are examples of it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path as FsPath
from typing import Any

from slactl.errors import InputError, PolicyError
from slactl.policy.model import STATUSES
from slactl.policy.names import fold
from slactl.tickets.mapping import EVENT_FIELDS, ROWS, TICKET_FIELDS, Mapping
from slactl.tickets.presets.model import Form, Preset
from slactl.tickets.times import format_works

VERSION_KEY = "slactl-preset"
NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")
TOP_KEYS = (VERSION_KEY, "name", "title", "source", "export", "extra_levels", "na", "priorities", "statuses", "forms")
FORM_KEYS = ("name", "rows", "when", "columns", "time")
TIME_KEYS = ("format", "dayfirst", "zone")
AFTER_KEYS = ("after", "minutes")
LEVELS = ("least-severe", "error")
TIME_FIELDS = frozenset({"opened", "responded", "mitigated", "resolved", "reopened", "followed_up", "status_since",
                         "time"})
Path = tuple[str | int, ...]


class PresetError(PolicyError):
    """A preset file is invalid: one ``FILE:LINE: message`` per problem. Bad input (exit 2),
    reported like a policy file."""

    exit_code = 2


@dataclass(frozen=True, slots=True)
class Rule:
    """One rule of the format: ``places(data)`` yields ``(path, value)`` where it applies;
    ``broken(value)`` says what is wrong there, or None."""

    places: Callable[[Any], Iterator[tuple[Path, Any]]]
    broken: Callable[[Any], str | None]


def parse(text: str, file: str) -> Preset:
    """The preset of YAML ``text``; ``PresetError`` with every problem."""
    from slactl.policy import load

    try:
        document = load.parse(text, file)
    except PolicyError as error:
        raise PresetError(error.problems) from None
    problems = [document.problem(path, message) for path, message in _problems(document.data)]
    if problems:
        raise PresetError(problems)
    return _build(document.data, file, text)


def read(path: FsPath) -> Preset:
    """The preset in file ``path``."""
    from slactl.policy import load

    import yaml

    try:
        document = load.read(path)
    except PolicyError as error:
        raise PresetError(error.problems) from None
    problems = [document.problem(where, message) for where, message in _problems(document.data)]
    if problems:
        raise PresetError(problems)
    return _build(document.data, str(path), yaml.safe_dump(document.data, sort_keys=False, allow_unicode=True))


# -- the rules -----------------------------------------------------------------------------------


def _problems(data: Any) -> Iterator[tuple[Path, str]]:
    if not isinstance(data, dict):
        yield (), "a preset must be a mapping of keys (slactl-preset, name, title, forms, ...)"
        return
    for rule in RULES:
        for path, value in rule.places(data):
            message = rule.broken(value)
            if message:
                yield path, message


def _top(data: dict) -> Iterator[tuple[Path, Any]]:
    yield (), data


def _key(name: str) -> Callable[[dict], Iterator[tuple[Path, Any]]]:
    def places(data: dict) -> Iterator[tuple[Path, Any]]:
        if name in data:
            yield (name,), data[name]
    return places


def _entries(name: str) -> Callable[[dict], Iterator[tuple[Path, Any]]]:
    def places(data: dict) -> Iterator[tuple[Path, Any]]:
        found = data.get(name)
        if isinstance(found, dict):
            for key, value in found.items():
                yield (name, key), value
    return places


def _forms(data: dict) -> Iterator[tuple[Path, Any]]:
    found = data.get("forms")
    if isinstance(found, list):
        for index, form in enumerate(found):
            yield ("forms", index), form


def _in_forms(key: str) -> Callable[[dict], Iterator[tuple[Path, Any]]]:
    def places(data: dict) -> Iterator[tuple[Path, Any]]:
        for path, form in _forms(data):
            if isinstance(form, dict) and key in form:
                yield path + (key,), (form, form[key])
    return places


def _columns(data: dict) -> Iterator[tuple[Path, Any]]:
    for path, form in _forms(data):
        if isinstance(form, dict) and isinstance(form.get("columns"), dict):
            for name, value in form["columns"].items():
                yield path + ("columns", name), (form, name, value)


def _unknown(known: tuple[str, ...]) -> Callable[[Any], str | None]:
    def broken(value: Any) -> str | None:
        if not isinstance(value, dict):
            return None
        extra = [str(key) for key in value if key not in known]
        return f"unknown key(s) {', '.join(extra)} (known: {', '.join(known)})" if extra else None
    return broken


def _missing(required: tuple[str, ...]) -> Callable[[Any], str | None]:
    def broken(value: Any) -> str | None:
        if not isinstance(value, dict):
            return None
        absent = [key for key in required if key not in value]
        return f"missing key(s) {', '.join(absent)}" if absent else None
    return broken


def _text(what: str) -> Callable[[Any], str | None]:
    return lambda value: None if isinstance(value, str) and value.strip() else f"{what} must be text"


def _texts(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(item, str) and item.strip() for item in value)


def _form_shape(value: Any) -> str | None:
    if not isinstance(value, dict):
        return "a form must be a mapping (name, rows, when, columns, time)"
    return _unknown(FORM_KEYS)(value) or _missing(("name", "columns"))(value)


def _rows(item: tuple[dict, Any]) -> str | None:
    return None if item[1] in ROWS else f"rows must be one of {', '.join(ROWS)}, not {item[1]!r}"


def _when(item: tuple[dict, Any]) -> str | None:
    return None if _texts(item[1]) else "when must be a list of column names"


def _columns_shape(item: tuple[dict, Any]) -> str | None:
    form, columns = item
    if not isinstance(columns, dict) or not columns:
        return "columns must map fields to column names"
    rows = form.get("rows", "tickets")
    needed = ("id", "time", "severity") if rows == "events" else ("opened", "severity")
    absent = [name for name in needed if name not in columns]
    if absent and rows in ROWS:
        return f"{rows} rows need column(s) for {', '.join(absent)}"
    return None


def _column(item: tuple[dict, str, Any]) -> str | None:
    form, name, value = item
    rows = form.get("rows", "tickets")
    fields = EVENT_FIELDS if rows == "events" else TICKET_FIELDS
    if name not in fields:
        return f"unknown field {name!r} for {rows} rows (choose from: {', '.join(fields)})"
    if isinstance(value, str) and value.strip() or _texts(value):
        return None
    if isinstance(value, dict):
        if rows == "events" or name not in TIME_FIELDS:
            return "only a time of a ticket row may be given as minutes after another column"
        shape = _unknown(AFTER_KEYS)(value) or _missing(AFTER_KEYS)(value)
        if shape:
            return shape
        after, minutes = value["after"], value["minutes"]
        if not (isinstance(after, str) and after.strip() or _texts(after)) or not (isinstance(minutes, str) and minutes.strip()):
            return "after must name a column (or a list of them) and minutes a column"
        return None
    return "a field takes a column name, a list of them (the first with a value counts), or {after: COLUMN, minutes: COLUMN}"


def _time(item: tuple[dict, Any]) -> str | None:
    _, value = item
    if not isinstance(value, dict):
        return "time must be a mapping (format, dayfirst, zone)"
    shape = _unknown(TIME_KEYS)(value)
    if shape:
        return shape
    fmt, dayfirst, zone = value.get("format"), value.get("dayfirst", False), value.get("zone")
    if fmt is not None and (not isinstance(fmt, str) or not format_works(fmt)):
        return f"format {fmt!r} is not a strptime format that reads its own output (e.g. %d/%m/%Y %H:%M)"
    if not isinstance(dayfirst, bool):
        return "dayfirst must be true or false"
    if fmt is not None and dayfirst:
        return "dayfirst is for times without a format; the format already orders day and month"
    if zone is not None and not _zone_works(zone):
        return f"unknown time zone {zone!r} (use an IANA name such as Europe/Berlin or an offset such as -05:00)"
    return None


def _zone_works(zone: Any) -> bool:
    from slactl.businesstime.zones import parse_zone

    if not isinstance(zone, str):
        return False
    try:
        parse_zone(zone)
    except InputError:
        return False
    return True


def _status(value: Any) -> str | None:
    if not isinstance(value, str) or fold(value) not in {fold(s) for s in STATUSES}:
        return f"unknown status {value!r} (choose from: {', '.join(STATUSES)})"
    return None


def _form_names(data: dict) -> Iterator[tuple[Path, Any]]:
    seen: set[str] = set()
    for path, form in _forms(data):
        if isinstance(form, dict) and isinstance(form.get("name"), str):
            if form["name"] in seen:
                yield path + ("name",), form["name"]
            seen.add(form["name"])


RULES = (
    Rule(_top, _unknown(TOP_KEYS)),
    Rule(_top, _missing((VERSION_KEY, "name", "title", "forms"))),
    Rule(_key(VERSION_KEY), lambda v: None if v == 1 and not isinstance(v, bool) else f"{VERSION_KEY} must be 1 (this slactl reads version 1)"),
    Rule(_key("name"), lambda v: None if isinstance(v, str) and NAME.match(v) else "name must be lowercase letters, digits, - or _ (e.g. servicenow)"),
    Rule(_key("title"), _text("title")),
    Rule(_key("source"), _text("source")),
    Rule(_key("export"), _text("export")),
    Rule(_key("extra_levels"), lambda v: None if v in LEVELS else f"extra_levels must be one of {', '.join(LEVELS)}"),
    Rule(_key("na"), lambda v: None if isinstance(v, list) and all(isinstance(i, str) for i in v) else "na must be a list of texts (the values that mean no value)"),
    Rule(_key("priorities"), lambda v: None if isinstance(v, dict) else "priorities must map a help desk's priorities to severities (p1, p2, ...)"),
    Rule(_entries("priorities"), lambda v: None if isinstance(v, str) and v.strip() else "a priority must map to a severity such as p1"),
    Rule(_key("statuses"), lambda v: None if isinstance(v, dict) else "statuses must map a help desk's statuses to slactl's"),
    Rule(_entries("statuses"), _status),
    Rule(_key("forms"), lambda v: None if isinstance(v, list) and v else "forms must be a list of at least one form"),
    Rule(_forms, _form_shape),
    Rule(_form_names, lambda v: f"form name {v!r} is used twice"),
    Rule(_in_forms("name"), lambda item: _text("a form's name")(item[1])),
    Rule(_in_forms("rows"), _rows),
    Rule(_in_forms("when"), _when),
    Rule(_in_forms("columns"), _columns_shape),
    Rule(_columns, _column),
    Rule(_in_forms("time"), _time),
)


# -- building ------------------------------------------------------------------------------------


def _build(data: dict, file: str, text: str) -> Preset:
    from slactl.businesstime.zones import parse_zone

    forms = []
    for form in data["forms"]:
        columns, after = {}, {}
        for name, value in form["columns"].items():
            if isinstance(value, dict):
                bases = value["after"]
                after[name] = ((bases,) if isinstance(bases, str) else tuple(bases), value["minutes"])
            else:
                columns[name] = (value,) if isinstance(value, str) else tuple(value)
        mapping = Mapping(rows=form.get("rows", "tickets"), columns=columns, after=after,
                          severities=data.get("priorities") or {}, statuses=data.get("statuses") or {},
                          na=frozenset(data.get("na") or ()), when=tuple(form.get("when") or ()))
        time = form.get("time") or {}
        zone_name = time.get("zone")
        forms.append(Form(form["name"], mapping, time.get("format"), time.get("dayfirst", False),
                          parse_zone(zone_name, what="zone") if zone_name else None, zone_name))
    return Preset(data["name"], data["title"].strip(), tuple(forms), data.get("extra_levels", "least-severe") == "least-severe",
                  data.get("source"), data.get("export"), file, text)
