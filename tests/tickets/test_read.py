"""Reading exports (``tickets.read``): the delimiter, column maps and null markers, ids met
twice, an event log read as tickets, JSON arrays; and the command line around them."""

from __future__ import annotations

import csv
import io
import json

import pytest
from cli_helpers import run
from hypothesis import given, settings, strategies as st
from budget import examples

from slactl.errors import InputError
from slactl.tickets import read
from slactl.tickets.read import BadRow, Format, Options, Row

NOW = "2026-11-24T00:00"
PLAIN = "id,provider,severity,opened,responded\nT1,ignus,high,2026-11-20T18:30,2026-11-23T08:20\n"


def write(tmp_path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def rows_of(text: str, options: Options = Options(), fmt: Format = Format.CSV) -> list[Row | BadRow]:
    return list(read.open_export(io.StringIO(text), fmt, options).rows)


@pytest.mark.parametrize("delimiter", [";", "\t", "|"], ids=["semicolons (Excel in Spanish)", "tabs", "pipes"])
def test_the_delimiter_is_sniffed_from_the_header(capsys, tmp_path, delimiter):
    path = write(tmp_path, "t.csv", PLAIN.replace(",", delimiter))
    code, out, err = run(capsys, "due", "--input", path, "--now", NOW)
    assert (code, err) == (0, "")
    (row,) = csv.DictReader(io.StringIO(out))
    # ignus "Alta | 1 hora": Fri 18:30 + 30 min, Mon 08:00 + 20 min: met in 50 min.
    assert (row["response_status"], row["response_took"]) == ("met", "50m")


def test_a_given_delimiter_wins_over_the_sniffed_one(capsys, tmp_path):
    """This header has more commas than semicolons: the sniffer says ','."""
    path = write(tmp_path, "t.csv", "id;provider;severity;opened;a,b,c,d,e,f\nT1;ignus;high;2026-11-20T18:30;\n")
    code, out, _ = run(capsys, "due", "--input", path, "--delimiter", "semicolon", "--now", NOW)
    assert code == 0 and next(csv.DictReader(io.StringIO(out)))["id"] == "T1"


def test_a_bad_header_writes_no_output_at_all(capsys, tmp_path):
    path = write(tmp_path, "t.csv", "id;provider;severity\nT1;ignus;high\n")
    code, out, err = run(capsys, "due", "--input", path, "--now", NOW)
    assert (code, out) == (2, "")
    assert err.startswith("slactl: error: line 1: the header lacks column(s) opened")


def test_a_one_column_header_says_how_it_was_split(capsys, tmp_path):
    path = write(tmp_path, "t.csv", "id provider severity opened\nT1 ignus high now\n")
    code, out, err = run(capsys, "due", "--input", path)
    assert (code, out) == (2, "") and err.rstrip().endswith("the columns were split on ',': give --delimiter if that is wrong")


def test_an_id_met_twice_is_a_bad_row_naming_the_first_line(capsys, tmp_path):
    lines = [f"T{n},ignus,high,2026-11-20T18:30," for n in range(1, 12)] + ["T7,ignus,high,2026-11-20T18:30,"]
    path = write(tmp_path, "t.csv", "id,provider,severity,opened,responded\n" + "\n".join(lines) + "\n")
    code, out, err = run(capsys, "due", "--input", path, "--now", NOW)
    assert code == 1
    assert err.splitlines() == [f"{path}:13: duplicate id T7, first at line 8",
                                "slactl: error: 1 of 12 rows skipped (bad input)"]
    assert len(out.splitlines()) == 12  # the header and the 11 other tickets


def test_an_event_log_read_as_tickets_is_one_error_before_any_output(capsys, tmp_path):
    text = "id,provider,severity,opened\nA,ignus,high,2026-11-20T18:30\nB,ignus,high,2026-11-20T18:30\n" \
           "B,ignus,high,2026-11-20T19:30\nB,ignus,high,2026-11-20T20:30\nC,ignus,high,2026-11-20T18:30\n" \
           "C,ignus,high,2026-11-20T19:30\n"
    code, out, err = run(capsys, "due", "--input", write(tmp_path, "t.csv", text), "--now", NOW)
    assert (code, out) == (2, "")
    assert err.startswith("slactl: error: line 4: id B is also on line 3, the row before (and 2 more rows repeat the "
                          "id of the row before): this is an event log")
    assert "or write it in the event form (columns time, event and id: docs/batch.md)" in err


def test_one_id_repeated_on_the_next_row_near_the_top_is_only_a_bad_row(capsys, tmp_path):
    """A help-desk export with one ticket exported twice is not an event log: the second row
    is skipped as a duplicate and the rest is judged (docs/exports.md)."""
    text = "id,provider,severity,opened\nA,ignus,high,2026-11-20T18:30\nB,ignus,high,2026-11-20T18:30\n" \
           "B,ignus,high,2026-11-20T19:30\nC,ignus,high,2026-11-20T18:30\n"
    path = write(tmp_path, "t.csv", text)
    code, out, err = run(capsys, "due", "--input", path, "--now", NOW)
    assert code == 1 and [line.split(",")[0] for line in out.splitlines()[1:]] == ["A", "B", "C"]
    assert err.splitlines() == [f"{path}:4: duplicate id B, first at line 3", "slactl: error: 1 of 4 rows skipped (bad input)"]


def test_a_repeated_id_far_from_the_top_is_only_a_bad_row():
    body = "".join(f"T{n},ignus,high,2026-11-20T18:30\n" for n in range(read.LOOKAHEAD + 5))
    found = rows_of("id,provider,severity,opened\n" + body + f"T{read.LOOKAHEAD + 4},ignus,high,2026-11-20T18:30\n")
    assert found[-1] == BadRow(read.LOOKAHEAD + 7, f"duplicate id T{read.LOOKAHEAD + 4}, first at line {read.LOOKAHEAD + 6}")


def test_columns_null_markers_provider_and_plan_can_be_given(capsys, tmp_path):
    text = "Key;Prio;Created;First answer\nK-1;alta;20/11/2026 18:30;?\nK-2;?;20/11/2026 18:30;n/a\n"
    path = write(tmp_path, "t.csv", text)
    code, out, err = run(capsys, "due", "--input", path, "--map", "id=Key", "--map", "severity=prio",
                         "--map", "opened=created", "--map", "responded=First answer", "--na", "?", "--na", "N/A",
                         "--provider", "ignus", "--dayfirst", "--now", NOW)
    assert code == 1 and err.splitlines()[0] == f"{path}:3: missing severity"
    (row,) = csv.DictReader(io.StringIO(out))
    assert (row["id"], row["severity"], row["opened"], row["response_status"]) == (
        "K-1", "high", "2026-11-20T18:30:00-06:00", "breached")


def test_the_plan_option_fills_rows_without_a_plan(capsys, tmp_path):
    path = write(tmp_path, "t.csv", "id,severity,opened,plan\nA,critical,2026-11-20T19:30,\nB,critical,2026-11-20T19:30,plus\n")
    code, out, _ = run(capsys, "report", path, "--provider", "athento", "--plan", "enterprise", "--now", NOW, "--json")
    assert code == 0
    assert {(row["plan"], row["tickets"]) for row in json.loads(out)["groups"]} == {("enterprise", 1), ("plus", 1)}


MISUSE = [
    ("an unknown field", ["--map", "when=Created"], "--map 'when=Created': unknown field 'when' (choose from: "),
    ("a map without =", ["--map", "opened"], "--map 'opened': write FIELD=COLUMN"),
    ("a column the header lacks", ["--map", "opened=Created"], "line 1: the header lacks column(s) opened (Created)"),
    ("a format that reads nothing", ["--time-format", "dd/mm/yyyy"], "--time-format 'dd/mm/yyyy' is not a strptime format"),
    ("both a format and day first", ["--time-format", "%d/%m/%Y", "--dayfirst"], "give --time-format or --dayfirst, not both"),
    ("an unknown zone", ["--input-tz", "Mars/Base"], "--input-tz: unknown time zone 'Mars/Base'"),
    ("a long delimiter", ["--delimiter", ";;"], "--delimiter ';;': give one character"),
    ("an unknown preset", ["--preset", "servicenw"], "unknown preset 'servicenw'; did you mean 'servicenow'?"),
]


@pytest.mark.parametrize("options, message", [m[1:] for m in MISUSE], ids=[m[0] for m in MISUSE])
def test_bad_reading_options_are_one_line_exit_2(capsys, tmp_path, options, message):
    code, out, err = run(capsys, "due", "--input", write(tmp_path, "t.csv", PLAIN), *options)
    assert (code, out) == (2, "")
    assert err.startswith(f"slactl: error: {message}") and err.count("\n") == 1


def test_reading_options_need_input(capsys):
    code, _, err = run(capsys, "due", "ignus", "-s", "high", "--opened", "now", "--preset", "zendesk", "--dayfirst")
    assert code == 2 and "--preset, --dayfirst only go with --input" in err


def test_a_json_array_is_read_with_the_line_each_object_starts_on():
    text = '[\n  {"id": "A", "provider": "ignus", "severity": "high", "opened": "2026-11-20T18:30"},\n' \
           '  {"id": "B", "provider": "ignus",\n   "severity": "high", "opened": {"no": 1}},\n  7\n]\n'
    found = rows_of(text, fmt=Format.JSON)
    assert found[0].id == "A" and found[0].line == 2
    assert found[1] == BadRow(3, "opened: expected text or a number, got an object")
    assert found[2] == BadRow(5, "expected a JSON object, got int")


def test_a_json_array_that_never_ends_is_one_bad_row():
    assert rows_of('[{"id": "A", "provider": "ignus"', fmt=Format.JSON) == [
        BadRow(1, "bad JSON: Expecting ',' delimiter: line 1 column 33 (char 32); the rest of the array is not read")]


@st.composite
def plain_files(draw) -> str:
    columns = draw(st.permutations(["id", "provider", "severity", "opened", "responded", "resolved", "pauses", "note"]))
    cell = st.sampled_from(["", "ignus", "high", "2026-11-20T18:30", "2026-11-23T08:20", "x", " 2026-11-21T10:00 ",
                            "2026-11-20T17:30/2026-11-23T09:00"])
    lines = [",".join(columns)]
    for number in range(draw(st.integers(0, 6))):
        values = [draw(cell) for _ in columns]
        values[columns.index("id")] = f"T{number}" if draw(st.integers(0, 5)) else "T0"
        lines.append(",".join(values))
    return "\n".join(lines) + "\n"


@settings(max_examples=examples(300), deadline=None)
@given(plain_files())
def test_a_column_map_of_the_ticket_form_reads_as_the_plain_reader(text):
    """``--na ''`` makes the mapped reader read the ticket form: it must give the same rows."""
    def outcome(options):
        try:
            return rows_of(text, options)
        except InputError as error:
            return str(error)

    assert outcome(Options(na=("",))) == outcome(Options())


def test_a_local_time_in_the_spring_forward_gap_moves_forward_when_asked(capsys, tmp_path):
    """Madrid skips 02:00-03:00 on 29 March 2026: 02:30 is no instant; forward is 03:00 CEST."""
    path = write(tmp_path, "t.csv", "id,provider,severity,plan,opened\nA,athento,critical,enterprise,2026-03-29T02:30\n")
    code, _, err = run(capsys, "due", "--input", path, "--now", NOW)
    assert code == 1 and "2026-03-29T02:30 does not exist in Europe/Madrid" in err
    code, out, _ = run(capsys, "due", "--input", path, "--now", NOW, "--nonexistent", "forward")
    assert code == 0 and next(csv.DictReader(io.StringIO(out)))["opened"] == "2026-03-29T03:00:00+02:00"


def test_servicenow_label_headers_read_as_field_names(capsys, tmp_path):
    """An incident list exported with column labels (glide.export.csv.column_header_label)."""
    path = write(tmp_path, "labels.csv",
                 '"Number","Opened","Priority","State","On hold reason","Resolved","Closed","Updated"\n'
                 '"INC2","2024-01-16 08:15:09","3 - Moderate","On Hold","Awaiting Caller","","","2024-01-16 09:01:33"\n')
    code, out, _ = run(capsys, "due", "--input", path, "--preset", "servicenow", "--provider", "ignus",
                       "--now", "2024-02-01")
    row = next(csv.DictReader(io.StringIO(out)))
    # as INC0010003 of tests/testdata/exports/servicenow_incidents.csv (tests/tickets/test_presets.py)
    assert (code, row["response_due"], row["response_status"]) == (0, "2024-02-01T18:13:36-06:00", "pending")
