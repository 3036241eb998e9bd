"""Reading a ticket export: CSV with a header, JSON Lines, or a JSON array of objects.

Rows come out one at a time with the line they start on, so a bad row can be named and
skipped while the rest stream on. Values stay text here (a ``Row``); ``tickets.build`` reads
them into a ``Ticket``.

Ticket form, one row per ticket. Columns: ``provider``, ``severity``, ``opened`` (required),
``id``, ``plan``, ``pauses`` (``START/END;START/END``), ``responded``, ``mitigated``,
``resolved`` and ``reopened`` (each ``;``-separated when a ticket was reopened),
``followed_up``, ``statuses`` and ``severity_changes`` (``TIME=VALUE;TIME=VALUE``) (optional).
Unknown columns are ignored; an empty value is absent. An id met twice is a bad row; a file
whose first rows repeat the id of the row before is an event log, refused as a whole.

Event form, one row per event: a header with ``time`` and ``event`` (``tickets.events``).

Someone else's export (a help desk's columns, values, null markers, times) is read through a
``tickets.mapping.Mapping``: a preset's (``tickets.presets``), or one made of ``Options``.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import tzinfo
from enum import Enum
from functools import partial
from itertools import chain, islice
from operator import itemgetter
from typing import TYPE_CHECKING, Union

from slactl.businesstime.zones import Choice
from slactl.errors import InputError
from slactl.policy.names import fold
from slactl.tickets import events
from slactl.tickets.mapping import Mapping, Picker
from slactl.tickets.records import CsvSource, JsonSource
from slactl.tickets.row import LISTS, OPTIONAL, REQUIRED, TRUE, BadRow, Row, _row_ticket, row_of
from slactl.tickets.seen import SeenIds
from slactl.tickets.times import FILES, TimeReading

if TYPE_CHECKING:
    from slactl.tickets.presets.model import Form, Preset

MAX_LINE = 1024 * 1024
LOOKAHEAD = 50
"""Rows read before any is given out, to tell an event log from one row per ticket."""
EVENT_LOG_REPEATS = 3
"""Rows among the first ``LOOKAHEAD`` that repeat the id of the row before, for a file to be
an event log rather than tickets with a duplicate or two."""
Source = Union[CsvSource, JsonSource]

__all__ = ["BadRow", "Export", "Format", "LISTS", "OPTIONAL", "Options", "REQUIRED", "Row", "guess_format",
           "open_export", "open_input", "read", "row_of"]


class Format(str, Enum):
    CSV = "csv"
    JSONL = "jsonl"
    JSON = "json"


def guess_format(name: str | None, first_line: str) -> Format:
    """A JSON array when the text starts with ``[``; JSON Lines for ``*.jsonl``/``*.ndjson``/
    ``*.json`` or a first line starting with ``{``; CSV for ``*.csv`` and anything else."""
    start = first_line.lstrip()
    if start.startswith("["):
        return Format.JSON
    if name and name.lower().endswith((".jsonl", ".ndjson", ".json")):
        return Format.JSONL
    if name and name.lower().endswith(".csv"):
        return Format.CSV
    return Format.JSONL if start.startswith("{") else Format.CSV


@dataclass(frozen=True, slots=True)
class Options:
    """How to read an export: a preset, ``--map FIELD=COLUMN`` pairs, a provider and plan for
    rows without one, more null markers, the CSV delimiter (None: sniffed among ``, ; TAB |``),
    how to read times (None or False: the preset's, else the default), and ``flags``: the
    exclusion flags of the policies (e.g. third_party), each read from a column of its own name
    holding true or false."""

    preset: Preset | None = None
    columns: tuple[tuple[str, str], ...] = ()
    provider: str | None = None
    plan: str | None = None
    na: tuple[str, ...] = ()
    delimiter: str | None = None
    format: str | None = None
    dayfirst: bool = False
    zone: tzinfo | None = None
    ambiguous: Choice = Choice.ERROR
    nonexistent: Choice = Choice.ERROR
    flags: frozenset[str] = frozenset()

    @property
    def mapped(self) -> bool:
        return bool(self.preset or self.columns or self.provider or self.plan or self.na)


@dataclass(frozen=True, slots=True)
class Export:
    """An export ready to stream, its header checked and its form chosen: ``reading`` says
    how its times are read, ``extra_levels`` whether a priority past a policy's last severity
    is that severity (``tickets.build.severity_of``)."""

    rows: Iterator[Row | BadRow]
    reading: TimeReading = FILES
    extra_levels: bool = False


def read(lines: Iterable[str], fmt: Format, *, flags: frozenset[str] = frozenset()) -> Iterator[Row | BadRow]:
    """Tickets (or the reason a row is unusable) in input order, from the ticket or event form;
    nothing is read until the first ticket is asked for. A column named after one of ``flags``
    (the exclusion flags of the policies, e.g. third_party) says with true or false whether it
    holds for the ticket."""
    def rows() -> Iterator[Row | BadRow]:
        yield from open_export(lines, fmt, Options(flags=flags)).rows

    return rows()


def open_export(lines: Iterable[str], fmt: Format, options: Options = Options()) -> Export:
    """Read the header (and the first rows) of an export and choose how to read the rest.
    ``InputError`` for a header that fits no form, or an event log read as tickets: before
    any row is given out."""
    source: Source = CsvSource(lines, options.delimiter) if fmt is Format.CSV else \
        JsonSource(lines, array=fmt is Format.JSON)
    if source.names is None:
        return Export(iter(()))
    reading = _reading(options, None)
    if options.preset is not None:
        return _preset_export(source, options)
    keys = [name.strip().lower() for name in source.names]
    if "time" in keys and "event" in keys and not options.columns:
        return Export(events.fold(_event_records(source, options)), reading)
    flags = [name for name in source.names if name.strip().lower() in options.flags]
    if options.mapped:
        mapping = Mapping.identity().with_options(columns=options.columns, na=options.na, provider=options.provider,
                                                  plan=options.plan)
        picker = _picker(source, mapping)
        columns = _columns(source, mapping)
        if isinstance(source, JsonSource):
            columns += flags
        rows = _flagged(source.records(columns), _flag_indexes(columns, flags), picker.ticket)
        return Export(_looked_ahead(_unique(rows, _advice(source, None))), reading)
    if isinstance(source, CsvSource):
        twice = sorted({name for name in keys if keys.count(name) > 1 and (name in REQUIRED + OPTIONAL or name in options.flags)})
        if twice:
            raise InputError(f"line 1: column(s) {', '.join(twice)} named twice in the header: which one holds the "
                             f"ticket's value cannot be told")
        missing = [name for name in REQUIRED if name not in keys and not (name == "provider" and "customer" in keys)]
        if missing:
            split = (f"; the columns were split on {_shown(source.delimiter)}: give --delimiter if that is wrong"
                     if len(keys) == 1 else "")
            raise InputError(f"line 1: the header lacks column(s) {', '.join(missing)} "
                             f"(need {', '.join(REQUIRED)}; optional {', '.join(OPTIONAL)}){split}")
        columns = source.names
        records = source.records()
    else:
        columns = list(REQUIRED + OPTIONAL) + flags
        records = source.records(columns)
        keys = columns
    if not flags:
        return Export(_looked_ahead(_unique(_plain(records, keys), _advice(source, None))), reading)
    pick = _plain_pick(keys)
    rows = _flagged(records, _flag_indexes(columns, flags), lambda line, row: _row_ticket(line, pick(row + [""])))
    return Export(_looked_ahead(_unique(rows, _advice(source, None))), reading)


def _preset_export(source: Source, options: Options) -> Export:
    preset = options.preset
    assert preset is not None and source.names is not None
    if options.provider is None and not any("provider" in form.mapping.columns for form in preset.forms) \
            and "provider" not in dict(options.columns):
        raise InputError(f"a {preset.name} export names no provider: give --provider ID, the contract that judges "
                         f"its tickets (slactl providers lists them)")
    problems = []
    for form in preset.forms:
        try:
            mapping = form.mapping.with_options(columns=options.columns, na=options.na, provider=options.provider,
                                                plan=options.plan)
            picker = _picker(source, mapping, located=False)
        except InputError as error:
            problems.append(f"{form.name}: {error}")
            continue
        records = source.records(_columns(source, mapping))
        if mapping.rows == "events":
            rows: Iterator[Row | BadRow] = events.fold_states(_picked(records, picker, event=True))
        else:
            rows = _looked_ahead(_unique(_picked(records, picker), _advice(source, preset, problems)))
        return Export(rows, _reading(options, form), preset.extra_levels)
    raise InputError(f"line 1: the header fits no form of preset {preset.name}: {'; '.join(problems)}")


def _reading(options: Options, form: Form | None) -> TimeReading:
    return TimeReading(ambiguous=options.ambiguous, nonexistent=options.nonexistent,
                       format=options.format or (form.format if form else None),
                       dayfirst=options.dayfirst or (form.dayfirst if form else False),
                       zone=options.zone or (form.zone if form else None), flexible=True)


def _columns(source: Source, mapping: Mapping) -> list[str]:
    """The columns to read: the whole CSV row; of a JSON object, the keys the mapping names
    (as the first object spells them)."""
    assert source.names is not None
    if isinstance(source, CsvSource):
        return source.names
    spelled = {fold(name): name for name in source.names}
    return list(dict.fromkeys(spelled.get(fold(column), column) for column in mapping.referenced()))


def _picker(source: Source, mapping: Mapping, *, located: bool = True) -> Picker:
    """``mapping`` over the source's columns; ``InputError`` when the header lacks what it needs."""
    assert source.names is not None
    try:
        mapping.picker(source.names)  # the header (a JSON source: the first object) has what is needed
        return mapping.picker(_columns(source, mapping))
    except InputError as error:
        if not located:
            raise
        raise InputError(f"line 1: {error}") from None


def _shown(delimiter: str) -> str:
    return {"\t": "TAB", ",": "','", ";": "';'", "|": "'|'"}.get(delimiter, repr(delimiter))


def _advice(source: Source, preset: Preset | None, passed: list[str] | None = None) -> Callable[[], str]:
    """What to say when the file turns out to be an event log: the preset that reads it, or
    why the preset's forms that fold events did not apply (``passed``)."""
    def advice() -> str:
        from slactl.tickets import presets

        if preset is not None and passed:
            return f"preset {preset.name} could not read it as {'; nor as '.join(passed)}"
        names = source.names or []
        fitting = [p.name for p in presets.builtins()
                   if any(f.mapping.rows == "events" and f.mapping.with_options(provider="any").matches(names)
                          for f in p.forms)]
        if fitting:
            return f"read it with --preset {fitting[0]}, which folds its events into tickets"
        if preset is not None:
            return f"preset {preset.name} reads it as one row per ticket; use a preset whose form folds events"
        return ("read it with a preset that folds events (slactl presets lists them), or write it in the event "
                "form (columns time, event and id: docs/batch.md)")

    return advice


# -- rows ----------------------------------------------------------------------------------------


def _plain_pick(keys: list[str]) -> Callable[[list[str]], tuple[str, ...]]:
    """The ticket fields of a row with one more, empty, value at its end (for absent columns)."""
    width = len(keys)
    return itemgetter(*[keys.index(name) if name in keys else width for name in REQUIRED + OPTIONAL])


def _plain(records: Iterator, keys: list[str]) -> Iterator[Row | BadRow]:
    """The ticket form as it is, without a mapping: the batch hot loop (issue 6)."""
    pick = _plain_pick(keys)
    for record in records:
        if isinstance(record, BadRow):
            yield record
            continue
        line, row = record
        row.append("")  # what ``pick`` reads for a column the header lacks
        yield _row_ticket(line, pick(row))


def _flag_indexes(columns: list[str], flags: list[str]) -> list[tuple[int, str]]:
    """``(index, flag)`` of each flag column among ``columns``."""
    return [(columns.index(name), name.strip().lower()) for name in flags]


def _flagged(records: Iterator, flagged: list[tuple[int, str]],
             make: Callable[[int, list[str]], Row | BadRow]) -> Iterator[Row | BadRow]:
    """``make(line, row)`` of each record, with the flags whose column holds a true value
    (``true``, ``yes``, ``1``, ``x``, ``sí``, ...) added to the ticket's ``flags``."""
    for record in records:
        if isinstance(record, BadRow):
            yield record
            continue
        line, row = record
        held = [name for index, name in flagged if row[index].strip().lower() in TRUE]
        ticket = make(line, row)
        if held and type(ticket) is Row:
            ticket = ticket._replace(flags=";".join(filter(None, [ticket.flags, *held])))
        yield ticket


def _picked(records: Iterator, picker: Picker, *, event: bool = False) -> Iterator:
    apply = picker.event if event else picker.ticket
    for record in records:
        yield record if isinstance(record, BadRow) else apply(*record)


def _event_records(source: Source, options: Options) -> Iterator[tuple[int, dict] | BadRow]:
    """``(line, {column: value})`` of the event-form columns of each record; ``--provider``
    and ``--plan`` fill rows without one."""
    assert source.names is not None
    columns = source.names if isinstance(source, CsvSource) else list(events.COLUMNS)
    keys = [name.strip().lower() for name in columns]
    defaults = {name: value for name, value in (("provider", options.provider), ("plan", options.plan)) if value}
    for record in source.records(columns):
        if isinstance(record, BadRow):
            yield record
            continue
        line, row = record
        values: dict[str, str | None] = {name: value for name, value in zip(keys, row) if name in events.COLUMNS}
        for name, value in defaults.items():
            if not (values.get(name) or "").strip():
                values[name] = value
        yield line, values


def _unique(rows: Iterator[Row | BadRow], advice: Callable[[], str]) -> Iterator[Row | BadRow]:
    """Rows whose id was met before become bad rows. When ``EVENT_LOG_REPEATS`` rows among the
    first ``LOOKAHEAD`` repeat the id of the row before, the file is an event log (one row per
    update): ``InputError`` naming the first of them. One such repeat is only a bad row."""
    seen = SeenIds()
    previous = None
    repeats: list[tuple[int, str, int]] = []
    for counted, row in enumerate(rows, start=1):
        if type(row) is Row and row.id is not None:
            first = seen.add(row.id, row.line)
            if first is not None:
                if row.id == previous and counted <= LOOKAHEAD:
                    repeats.append((row.line, row.id, first))
                    if len(repeats) == EVENT_LOG_REPEATS:
                        line, ticket_id, before = repeats[0]
                        raise InputError(f"line {line}: id {ticket_id} is also on line {before}, the row before (and "
                                         f"{EVENT_LOG_REPEATS - 1} more rows repeat the id of the row before): this "
                                         f"is an event log (one row per update of a ticket), not one row per "
                                         f"ticket; {advice()}")
                previous = row.id
                yield BadRow(row.line, f"duplicate id {row.id}, first at line {first}")
                continue
            previous = row.id
        yield row


def _looked_ahead(rows: Iterator[Row | BadRow]) -> Iterator[Row | BadRow]:
    """``rows``, the first ``LOOKAHEAD`` of them read now: a problem of the whole file is
    raised before any output is written."""
    head = list(islice(rows, LOOKAHEAD))
    return chain(head, rows)


# -- files ---------------------------------------------------------------------------------------


@contextmanager
def open_input(path: str) -> Iterator[tuple[Iterator[str], int, Format]]:
    """``(lines, fd, format)`` of a ticket file or ``-`` (stdin); the format is guessed from the
    name or the first line. ``fd`` lets a progress bar see how far the file has been read."""
    if path == "-":
        if sys.stdin is None or getattr(sys.stdin, "buffer", None) is None:
            raise InputError("cannot read stdin: it is closed")
        binary, owned = sys.stdin.buffer, False
    else:
        try:
            binary, owned = open(path, "rb"), True
        except OSError as error:
            raise InputError(f"cannot read {path}: {error.strerror or error}") from None
    try:
        try:
            fd = binary.fileno()
            text = io.TextIOWrapper(binary, encoding="utf-8-sig", newline="")
            first = text.readline(MAX_LINE + 1)
            array = first.lstrip().startswith("[")  # a JSON array: one line, often (records.MAX_DOCUMENT bounds it)
            if not array:
                _checked(path, 1, first)
        except UnicodeDecodeError:
            raise InputError(f"{path}: not UTF-8 text") from None
        except (OSError, ValueError) as error:
            shown = "stdin" if path == "-" else path
            raise InputError(f"cannot read {shown}: {getattr(error, 'strerror', None) or error}") from None
        yield _decoded(path, first, text, checked=not array), fd, guess_format(None if path == "-" else path, first)
    finally:
        if owned:
            binary.close()


def _decoded(path: str, first: str, text: io.TextIOWrapper, checked: bool = True) -> Iterator[str]:
    """The lines of ``text`` after ``first``, each checked as ``_checked`` does (inline: this
    runs once a line in the batch hot loop), or pieces of at most ``MAX_LINE`` characters
    unchecked without ``checked`` (a JSON array, whose reader bounds the whole document); a
    read error (EIO, EBADF) or bytes that are not UTF-8 are one ``InputError`` naming the input."""
    if first:
        yield first
    try:
        for number, line in enumerate(iter(partial(text.readline, MAX_LINE + 1), ""), start=2):
            if checked and len(line) > MAX_LINE:
                _checked(path, number, line)
            yield line
    except UnicodeDecodeError:
        raise InputError(f"{path}: not UTF-8 text") from None
    except OSError as error:
        shown = "stdin" if path == "-" else path
        raise InputError(f"cannot read {shown}: {error.strerror or error}") from None


def _checked(path: str, number: int, line: str) -> str:
    """A line no longer than MAX_LINE: a file without line breaks (binary, /dev/zero) is refused
    before it fills the memory."""
    if len(line) > MAX_LINE:
        raise InputError(f"{path}: line {number} is longer than {MAX_LINE} characters: not a ticket export")
    return line
