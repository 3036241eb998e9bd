"""The records of an export, before anyone says what they mean: CSV rows under a header, or
JSON objects (JSON Lines, or the items of a JSON array), each with the line it starts on.

A source gives its column names (the CSV header, the keys of the first JSON object), then
``(line, [text, ...])`` per record for the columns asked for, or a ``BadRow`` for a record
that cannot be read: a CSV row with the wrong number of fields, or whose field outgrows the
CSV field limit (one bad row, however many lines the field spans); JSON that does not parse,
nests too deeply, is not an object, holds half of a character (a lone surrogate escape), or
gives an object or list where text is wanted.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain

from slactl.errors import InputError
from slactl.tickets.row import LISTS, BadRow

DELIMITERS = ",;\t|"
MAX_DOCUMENT = 256 * 1024 * 1024
"""A JSON array is read whole: bigger exports should be JSON Lines (``jq -c '.[]'``)."""
Record = tuple[int, list[str]]


class CsvSource:
    """A CSV text: ``names`` (the header as written), ``delimiter`` (given, or sniffed among
    ``, ; TAB |``) and, while reading, ``line``: where the current record starts.

    A line without a quote (nearly every line of an export) is split at the delimiter, which is
    what the csv module reads from it, at a fraction of the cost (the batch hot loop, issue 12);
    a line with a quote, a NUL or a field the csv module would find too long is read by the csv
    module, which reads on as far as its record goes (a quoted field may span lines)."""

    def __init__(self, lines: Iterable[str], delimiter: str | None = None) -> None:
        self.line = 1
        self._lines = iter(lines)
        first = next(self._lines, None)
        self.delimiter = delimiter or (sniff(first) if first is not None else ",")
        self.names: list[str] | None = None
        if first is None:
            return
        header = self._reader(chain([first], self._lines))
        try:
            self.names = next(header)
        except csv.Error as error:
            raise InputError(f"line 1: bad CSV header: {error}") from None
        except StopIteration:
            self.names = None
        self._after_header = header.line_num + 1

    def _reader(self, lines: Iterable[str]):
        """The csv module's reader of ``lines``, in this file's dialect."""
        return csv.reader(lines, delimiter=self.delimiter, quotechar='"', doublequote=True)

    def records(self, columns: Sequence[str] | None = None) -> Iterator[Record | BadRow]:
        """Each non-blank record with all its fields (``columns`` is for JSON sources)."""
        if self.names is None:
            return
        width, delimiter, limit = len(self.names), self.delimiter, _FIELD_LIMIT
        line = self._after_header
        for text in self._lines:
            self.line = line
            if '"' not in text and "\0" not in text and len(text) < limit:
                row = text.rstrip("\r\n").split(delimiter)
                read = 1
            else:
                found, read = self._quoted(text, line)
                if isinstance(found, BadRow):
                    yield found
                    line += read
                    continue
                row = found
            if row and not (len(row) == 1 and not row[0].strip()):
                if len(row) != width:
                    yield BadRow(line, f"expected {width} fields as in the header, got {len(row)}")
                else:
                    yield line, row
            line += read

    def _quoted(self, text: str, line: int) -> tuple[list[str] | BadRow, int]:
        """The record starting with ``text`` (on ``line``), read by the csv module, and how many
        lines it took; a record that cannot be read is a ``BadRow``."""
        quotes = [0]

        def counted(first: str) -> Iterator[str]:
            quotes[0] += first.count('"')
            yield first
            for more in self._lines:
                quotes[0] += more.count('"')
                yield more

        reader = self._reader(counted(text))
        try:
            row = next(reader)
        except csv.Error as error:
            read = max(reader.line_num, 1)
            if quotes[0] % 2:  # stopped inside a quoted field: skip to the line that closes it
                for more in self._lines:
                    read += 1
                    if more.count('"') % 2:
                        break
            return BadRow(line, f"bad CSV: {error}"), read
        except StopIteration:
            return [], 1
        if quotes[0] % 2 and any("\n" in field or "\r" in field for field in row):
            # A quote opened and never closed: the csv module reads the rest of the file
            # into that one field. Say so, rather than judge or miscount what follows.
            return BadRow(line, f"a quoted field opened on line {line} is never closed: lines {line} to "
                                f"{line + reader.line_num - 1} were read as one value"), reader.line_num
        return row, reader.line_num


_FIELD_LIMIT = csv.field_size_limit()
"""The csv module's field size limit: a line at least this long is left to it, so that a field
too long is refused the same way however it is written."""


def sniff(first: str) -> str:
    """The delimiter of a header line: csv.Sniffer's guess among ``, ; TAB |`` (a comma when
    it cannot tell, e.g. for a single column)."""
    try:
        return csv.Sniffer().sniff(first, delimiters=DELIMITERS).delimiter
    except csv.Error:
        return ","


class JsonSource:
    """JSON objects, one per line (JSON Lines) or the items of one array (``array``): ``names``
    are the keys of the first object."""

    delimiter = ","

    def __init__(self, lines: Iterable[str], *, array: bool) -> None:
        self.line = 1
        objects = _array(lines) if array else _json_lines(lines)
        self._first = next(objects, None)
        self._objects = objects
        self.names: list[str] | None = None
        if self._first is not None:
            self.names = list(self._first[1]) if not isinstance(self._first, BadRow) else []

    def records(self, columns: Sequence[str]) -> Iterator[Record | BadRow]:
        """The values of ``columns`` of each object (an absent key is empty)."""
        if self._first is None:
            return
        for item in chain([self._first], self._objects):
            if isinstance(item, BadRow):
                yield item
                continue
            line, record = item
            self.line = line
            try:
                yield line, [_text(name, record.get(name)) for name in columns]
            except _NotText as problem:
                yield BadRow(line, str(problem))


class _NotText(ValueError):
    pass


def _text(name: str, value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, list) and name.strip().lower() in LISTS and all(isinstance(v, (str, int, float)) for v in value):
        return ";".join(str(v) for v in value)
    raise _NotText(f"{name}: expected text or a number, got {'a list' if isinstance(value, list) else 'an object'}")


_SURROGATE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_LONE = re.compile("[\ud800-\udfff]")


def _decoded(line: int, text: str) -> tuple[int, dict] | BadRow:
    try:
        record = json.loads(text)
    except RecursionError:
        return BadRow(line, "bad JSON: nested too deeply")
    except ValueError as error:
        return BadRow(line, f"bad JSON: {error}")
    if not isinstance(record, dict):
        return BadRow(line, f"expected a JSON object, got {type(record).__name__}")
    if _SURROGATE.search(text) and _has_lone_surrogate(record):
        return BadRow(line, "bad JSON: a \\u escape that is half of a character (a lone surrogate) is not text")
    return line, record


def _has_lone_surrogate(value, depth: int = 0) -> bool:
    """Whether a decoded JSON value holds half of a surrogate pair (a pair decodes to one
    character): text that cannot be written out."""
    if isinstance(value, str):
        return bool(_LONE.search(value))
    if depth > 64:
        return False
    if isinstance(value, dict):
        return any(_has_lone_surrogate(k, depth + 1) or _has_lone_surrogate(v, depth + 1) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_lone_surrogate(v, depth + 1) for v in value)
    return False


def _json_lines(lines: Iterable[str]) -> Iterator[tuple[int, dict] | BadRow]:
    for line, text in enumerate(lines, start=1):
        if text.strip():
            yield _decoded(line, text)


def _array(lines: Iterable[str]) -> Iterator[tuple[int, dict] | BadRow]:
    """``(line, object)`` of each item of a JSON array, read whole (up to ``MAX_DOCUMENT``)."""
    parts, size = [], 0
    for text in lines:
        size += len(text)
        if size > MAX_DOCUMENT:
            raise InputError(f"a JSON array longer than {MAX_DOCUMENT // 1024 // 1024} MiB: write it as JSON Lines, "
                             f"e.g. jq -c '.[]' FILE")
        parts.append(text)
    document = "".join(parts)
    decoder = json.JSONDecoder()
    position = document.index("[") + 1
    line = document.count("\n", 0, position) + 1
    while True:
        skipped = _BETWEEN.match(document, position).end()  # type: ignore[union-attr]
        line += document.count("\n", position, skipped)
        position = skipped
        if position >= len(document):
            yield BadRow(line, "bad JSON: the array never ends (no closing ])")
            return
        if document[position] == "]":
            return
        try:
            _, end = decoder.raw_decode(document, position)
        except RecursionError:
            yield BadRow(line, "bad JSON: nested too deeply; the rest of the array is not read")
            return
        except ValueError as error:
            yield BadRow(line, f"bad JSON: {error}; the rest of the array is not read")
            return
        yield _decoded(line, document[position:end])
        line += document.count("\n", position, end)
        position = end


_BETWEEN = re.compile(r"[\s,]*")
