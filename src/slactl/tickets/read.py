"""Reading a ticket export: CSV with a header, or JSON Lines, one ticket a row.

Rows come out one at a time with the line they start on, so a bad row can be named and
skipped while the rest stream on in constant memory. Values stay text here (a ``Row``);
``tickets.build`` reads them into a ``Ticket``.

Ticket form, one row per ticket. Columns: ``provider``, ``severity``, ``opened`` (required),
``id``, ``plan``, ``pauses`` (``START/END;START/END``), ``responded``, ``mitigated``,
``resolved`` and ``reopened`` (each ``;``-separated when a ticket was reopened),
``followed_up``, ``statuses`` and ``severity_changes`` (``TIME=VALUE;TIME=VALUE``) (optional).
Unknown columns are ignored; an empty value is absent.

Event form, one row per event: a header with ``time`` and ``event`` (``tickets.events``).
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from enum import Enum
from functools import partial
from operator import itemgetter


from slactl.errors import InputError
from slactl.tickets import events
from slactl.tickets.row import LISTS, OPTIONAL, REQUIRED, TRUE, BadRow, Row, _row_ticket, row_of

MAX_LINE = 1024 * 1024


class Format(str, Enum):
    CSV = "csv"
    JSONL = "jsonl"


def guess_format(name: str | None, first_line: str) -> Format:
    """JSON Lines for ``*.jsonl``/``*.ndjson`` or a first line starting with ``{``; else CSV."""
    if name and name.lower().endswith((".jsonl", ".ndjson", ".json")):
        return Format.JSONL
    if name and name.lower().endswith(".csv"):
        return Format.CSV
    return Format.JSONL if first_line.lstrip().startswith("{") else Format.CSV


def read(lines: Iterable[str], fmt: Format, *, flags: frozenset[str] = frozenset()) -> Iterator[Row | BadRow]:
    """Tickets (or the reason a row is unusable) in input order. A column named after one of
    ``flags`` (the exclusion flags of the policies, e.g. third_party) says with true or false
    whether it holds for the ticket."""
    return _csv(lines, flags) if fmt is Format.CSV else _jsonl(lines, flags)


def _csv(lines: Iterable[str], flags: frozenset[str] = frozenset()) -> Iterator[Row | BadRow]:
    reader = csv.reader(iter(lines))
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as error:
        raise InputError(f"line 1: bad CSV header: {error}") from None
    names = [name.strip().lower() for name in header]
    if "time" in names and "event" in names:
        yield from events.fold(_csv_records(reader, names, events.COLUMNS))
        return
    missing = [name for name in REQUIRED if name not in names and not (name == "provider" and "customer" in names)]
    if missing:
        raise InputError(f"line {reader.line_num}: the header lacks column(s) {', '.join(missing)} "
                         f"(need {', '.join(REQUIRED)}; optional {', '.join(OPTIONAL)})")
    width = len(names)
    pick = itemgetter(*[names.index(name) if name in names else width for name in REQUIRED + OPTIONAL])
    flagged = [(index, name) for index, name in enumerate(names) if name in flags]
    at_flags = len(REQUIRED) + OPTIONAL.index("flags")
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
            values = pick(row)
            if flagged:
                held = [name for index, name in flagged if row[index].strip().lower() in TRUE]
                values = (*values[:at_flags], ";".join(filter(None, [values[at_flags], *held])), *values[at_flags + 1:])
            yield _row_ticket(line, values)
        line = reader.line_num + 1


def _csv_records(reader, names: list[str], wanted: tuple[str, ...]) -> Iterator[tuple[int, dict] | BadRow]:
    """``(line, {column: value})`` of the ``wanted`` columns of each CSV row."""
    width = len(names)
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
        if row and not (len(row) == 1 and not row[0].strip()):
            if len(row) != width:
                yield BadRow(line, f"expected {width} fields as in the header, got {len(row)}")
            else:
                yield line, {name: value for name, value in zip(names, row) if name in wanted}
        line = reader.line_num + 1


def _jsonl(lines: Iterable[str], flags: frozenset[str] = frozenset()) -> Iterator[Row | BadRow]:
    records = _json_records(lines)
    first = next(records, None)
    if first is None:
        return
    if not isinstance(first, BadRow) and "time" in first[1] and "event" in first[1]:
        yield from events.fold(_chain(first, records))
        return
    for record in _chain(first, records):
        if isinstance(record, BadRow):
            yield record
            continue
        line, values = record
        fields = {}
        for name in REQUIRED + OPTIONAL:
            value = values.get(name)
            if isinstance(value, list) and name in LISTS:
                value = ";".join(str(v) for v in value)
            fields[name] = None if value is None else str(value)
        held = [name for name in flags if values.get(name) is True or str(values.get(name, "")).strip().lower() in TRUE]
        if held:
            fields["flags"] = ";".join(filter(None, [fields.get("flags"), *held]))
        yield row_of(line, fields)


def _chain(first, rest):
    yield first
    yield from rest


def _json_records(lines: Iterable[str]) -> Iterator[tuple[int, dict] | BadRow]:
    """``(line, object)`` of each JSON line."""
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
        yield line, record


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
