"""Reading a ticket export: CSV with a header, or JSON Lines, one ticket a row.

Rows come out one at a time with the line they start on, so a bad row can be named and
skipped while the rest stream on in constant memory. Values stay text here; times are read
in the provider's zone by ``batch``.

Columns: ``provider``, ``severity``, ``opened`` (required), ``plan``, ``id``, ``pauses``
(``START/END;START/END``), ``responded``, ``mitigated``, ``resolved`` (optional). Unknown
columns are ignored; an empty value is absent.
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
from typing import NamedTuple

from slactl.errors import InputError

REQUIRED = ("provider", "severity", "opened")
OPTIONAL = ("id", "plan", "pauses", "responded", "mitigated", "resolved")
MAX_LINE = 1024 * 1024


class Format(str, Enum):
    CSV = "csv"
    JSONL = "jsonl"


class Ticket(NamedTuple):
    """One row as typed: every value a stripped string, or None when absent or empty.

    A named tuple rather than a frozen dataclass: one is made per input row, and a tuple is
    made three times faster (issue 6); it is just as immutable."""

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


def read(lines: Iterable[str], fmt: Format) -> Iterator[Ticket | BadRow]:
    """Tickets (or the reason a row is unusable) in input order."""
    return _csv(lines) if fmt is Format.CSV else _jsonl(lines)


def _csv(lines: Iterable[str]) -> Iterator[Ticket | BadRow]:
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


def _jsonl(lines: Iterable[str]) -> Iterator[Ticket | BadRow]:
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
            if isinstance(value, list) and name == "pauses":
                value = ";".join(str(v) for v in value)
            fields[name] = None if value is None else str(value)
        yield _ticket(line, fields)


def _ticket(line: int, fields: dict[str, str | None]) -> Ticket | BadRow:
    """A ticket from named values (absent: None or missing)."""
    return _row_ticket(line, tuple(fields.get(name) or "" for name in REQUIRED + OPTIONAL))


def _row_ticket(line: int, fields: tuple[str, ...]) -> Ticket | BadRow:
    """A ticket from its values in ``REQUIRED + OPTIONAL`` order ("" when absent): stripped,
    empty ones None, the required ones checked. Without a dict in between, as a CSV row is
    read in the batch hot loop (issue 6)."""
    values = [value.strip() or None for value in fields]
    if not (values[0] and values[1] and values[2]):
        return BadRow(line, f"missing {', '.join(n for n, v in zip(REQUIRED, values) if not v)}")
    return _TUPLE(Ticket, (line, *values))


_TUPLE = tuple.__new__
"""Makes a ``Ticket`` from its ten values in C (``Ticket._make`` runs Python code per row)."""


def split_pauses(text: str | None) -> list[str]:
    """``START/END;START/END`` → ``["START/END", "START/END"]``."""
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
