"""Reading a ticket export: CSV with a header, or JSON Lines, one ticket a row.

Rows come out one at a time with the line they start on, so a bad row can be named and
skipped while the rest stream on in constant memory. Values stay text here (a ``Row``);
``tickets.build`` reads them into a ``Ticket``.

Columns: ``provider``, ``severity``, ``opened`` (required), ``id``, ``plan``, ``pauses``
(``START/END;START/END``), ``responded``, ``mitigated``, ``resolved`` and ``reopened`` (each
``;``-separated when a ticket was reopened), ``followed_up``, ``statuses`` and
``severity_changes`` (``TIME=VALUE;TIME=VALUE``) (optional). Unknown columns are ignored; an
empty value is absent.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import Enum
from functools import partial
from operator import itemgetter
from typing import TYPE_CHECKING, NamedTuple

from slactl.errors import InputError
from slactl.tickets.build import Fields

if TYPE_CHECKING:
    from slactl.policy.model import Plan, Policy
    from slactl.policy.severity import Severity

REQUIRED = ("provider", "severity", "opened")
OPTIONAL = ("id", "plan", "pauses", "responded", "mitigated", "resolved", "reopened", "followed_up", "statuses",
            "severity_changes")
MAX_LINE = 1024 * 1024


class Format(str, Enum):
    CSV = "csv"
    JSONL = "jsonl"


class Row(NamedTuple):
    """One ticket as a file gives it: every value a stripped string, or None when absent or empty.

    A named tuple rather than a frozen dataclass: one is made per input row, and a tuple is
    made three times faster; it is just as immutable."""

    line: int
    provider: str
    severity: str
    opened: str
    id: str | None = None
    plan: str | None = None
    pauses: str | None = None
    responded: str | None = None
    mitigated: str | None = None
    resolved: str | None = None
    reopened: str | None = None
    followed_up: str | None = None
    statuses: str | None = None
    severity_changes: str | None = None

    def fields(self, provider: Policy | None = None, severity: Severity | None = None, plan: Plan | None = None) -> Fields:
        """The row as ``tickets.build.Fields`` (``;``-separated lists split); the provider,
        severity and plan as already resolved objects when given."""
        return Fields(provider=provider or self.provider, severity=severity or self.severity, opened=self.opened,
                      plan=plan if provider is not None else self.plan, id=self.id,
                      pauses=split(self.pauses), responded=self.responded, mitigated=self.mitigated,
                      resolved=split(self.resolved), reopened=split(self.reopened), followed_up=self.followed_up,
                      statuses=split(self.statuses), severity_changes=split(self.severity_changes), line=self.line)


@dataclass(frozen=True, slots=True)
class BadRow:
    line: int
    message: str


def guess_format(name: str | None, first_line: str) -> Format:
    """JSON Lines for ``*.jsonl``/``*.ndjson`` or a first line starting with ``{``; else CSV."""
    if name and name.lower().endswith((".jsonl", ".ndjson", ".json")):
        return Format.JSONL
    if name and name.lower().endswith(".csv"):
        return Format.CSV
    return Format.JSONL if first_line.lstrip().startswith("{") else Format.CSV


def read(lines: Iterable[str], fmt: Format) -> Iterator[Row | BadRow]:
    """Tickets (or the reason a row is unusable) in input order."""
    return _csv(lines) if fmt is Format.CSV else _jsonl(lines)


def _csv(lines: Iterable[str]) -> Iterator[Row | BadRow]:
    reader = csv.reader(iter(lines))
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as error:
        raise InputError(f"line 1: bad CSV header: {error}") from None
    names = [name.strip().lower() for name in header]
    missing = [name for name in REQUIRED if name not in names]
    if missing:
        raise InputError(f"line {reader.line_num}: the header lacks column(s) {', '.join(missing)} "
                         f"(need {', '.join(REQUIRED)}; optional {', '.join(OPTIONAL)})")
    width = len(names)
    pick = itemgetter(*[names.index(name) if name in names else width for name in REQUIRED + OPTIONAL])
    line = reader.line_num + 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield BadRow(line, f"bad CSV: {error}")
            line = reader.line_num + 1
            continue
        if not row or (len(row) == 1 and not row[0].strip()):
            line = reader.line_num + 1
            continue
        if len(row) != width:
            yield BadRow(line, f"expected {width} fields as in the header, got {len(row)}")
        else:
            row.append("")  # what ``pick`` reads for a column the header lacks
            yield _row_ticket(line, pick(row))
        line = reader.line_num + 1


def _jsonl(lines: Iterable[str]) -> Iterator[Row | BadRow]:
    for line, text in enumerate(lines, start=1):
        if not text.strip():
            continue
        try:
            record = json.loads(text)
        except ValueError as error:
            yield BadRow(line, f"bad JSON: {error}")
            continue
        if not isinstance(record, dict):
            yield BadRow(line, f"expected a JSON object, got {type(record).__name__}")
            continue
        fields = {}
        for name in REQUIRED + OPTIONAL:
            value = record.get(name)
            if isinstance(value, list) and name in LISTS:
                value = ";".join(str(v) for v in value)
            fields[name] = None if value is None else str(value)
        yield row_of(line, fields)


def row_of(line: int, fields: dict[str, str | None]) -> Row | BadRow:
    """A ticket from named values (absent: None or missing)."""
    return _row_ticket(line, tuple(fields.get(name) or "" for name in REQUIRED + OPTIONAL))


def _row_ticket(line: int, fields: tuple[str, ...]) -> Row | BadRow:
    """A ticket from its values in ``REQUIRED + OPTIONAL`` order ("" when absent): stripped,
    empty ones None, the required ones checked. Without a dict in between, as a CSV row is
    read in the batch hot loop (issue 6)."""
    values = [value.strip() or None for value in fields]
    if not (values[0] and values[1] and values[2]):
        return BadRow(line, f"missing {', '.join(n for n, v in zip(REQUIRED, values) if not v)}")
    return _TUPLE(Row, (line, *values))


_TUPLE = tuple.__new__
"""Makes a ``Row`` from its values in C (``Row._make`` runs Python code per row)."""
LISTS = ("pauses", "resolved", "reopened", "statuses", "severity_changes")
"""Columns that may hold several values, ``;``-separated (a JSON list in JSON Lines)."""


def split(text: str | None) -> list[str]:
    """``A;B`` → ``["A", "B"]``; nothing for an absent value."""
    if not text:
        return []
    return [part.strip() for part in text.split(";") if part.strip()]


@contextmanager
def open_input(path: str) -> Iterator[tuple[Iterator[str], int, Format]]:
    """``(lines, fd, format)`` of a ticket file or ``-`` (stdin); the format is guessed from the
    name or the first line. ``fd`` lets a progress bar see how far the file has been read."""
    if path == "-":
        binary, owned = sys.stdin.buffer, False
    else:
        try:
            binary, owned = open(path, "rb"), True
        except OSError as error:
            raise InputError(f"cannot read {path}: {error.strerror or error}") from None
    try:
        text = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")
        try:
            first = _checked(path, 1, text.readline(MAX_LINE + 1))
        except UnicodeDecodeError:
            raise InputError(f"{path}: not UTF-8 text") from None
        yield _decoded(path, first, text), binary.fileno(), guess_format(None if path == "-" else path, first)
    finally:
        if owned:
            binary.close()


def _decoded(path: str, first: str, text: io.TextIOWrapper) -> Iterator[str]:
    if first:
        yield first
    try:
        for number, line in enumerate(iter(partial(text.readline, MAX_LINE + 1), ""), start=2):
            yield _checked(path, number, line)
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None


def _checked(path: str, number: int, line: str) -> str:
    """A line no longer than MAX_LINE: a file without line breaks (binary, /dev/zero) is refused
    before it fills the memory."""
    if len(line) > MAX_LINE:
        raise InputError(f"{path}: line {number} is longer than {MAX_LINE} characters: not a ticket export")
    return line
