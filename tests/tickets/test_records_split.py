"""A line without a quote is split at the delimiter instead of parsed by the csv module
(``tickets.records.CsvSource``): on any well-formed CSV text both give the same records, on the
same lines."""

from __future__ import annotations

import csv
import io

from hypothesis import given, strategies as st

from slactl.tickets.records import CsvSource
from slactl.tickets.row import BadRow

CELL = st.text(alphabet="ab ,;\t|'=-", max_size=6)
QUOTED = st.text(alphabet='ab ,;\n"', max_size=6).map(lambda text: '"' + text.replace('"', '""') + '"')


def by_the_csv_module(text: str, delimiter: str) -> list:
    """What the csv module reads: each non-blank record with the line it starts on."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(reader)
    found, line = [], reader.line_num + 1
    for row in reader:
        if row and not (len(row) == 1 and not row[0].strip()):
            found.append((line, row) if len(row) == len(header) else ("bad", line))
        line = reader.line_num + 1
    return found


def by_slactl(text: str, delimiter: str) -> list:
    source = CsvSource(io.StringIO(text, newline=""), delimiter)
    return [("bad", item.line) if isinstance(item, BadRow) else item for item in source.records()]


@given(st.sampled_from([",", ";", "\t", "|"]),
       st.lists(st.lists(st.one_of(CELL, QUOTED), min_size=1, max_size=4), min_size=1, max_size=8),
       st.sampled_from(["\n", "\r\n", "\r"]), st.booleans())
def test_split_lines_read_as_the_csv_module_reads_them(delimiter, rows, ending, blank_lines):
    header = delimiter.join(f"c{i}" for i in range(3))
    lines = [header] + [delimiter.join(row) for row in rows]
    if blank_lines:
        lines.insert(2, "")
    text = ending.join(lines) + ending
    assert by_slactl(text, delimiter) == by_the_csv_module(text, delimiter)


def test_examples():
    text = 'id,provider,severity\nT-1,ignus,high\n\n"T-2","ig,nus",low\nT-3,ignus\r\n"multi\nline",x,y\nT-5,a,b\n'
    assert by_slactl(text, ",") == [(2, ["T-1", "ignus", "high"]), (4, ["T-2", "ig,nus", "low"]), ("bad", 5),
                                    (6, ["multi\nline", "x", "y"]), (8, ["T-5", "a", "b"])]
