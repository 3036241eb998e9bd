"""Hostile command input through the real CLI, one table for every command: each case exits 2
(bad input) with exactly one stderr line naming the problem, nothing on stdout, no traceback."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from cli_helpers import run
from hostile_helpers import refused

O = "2026-11-20T10:00"
HERE = str(Path(__file__))
CUSTOMERS = str(Path(__file__).resolve().parents[2] / "examples" / "customers.yaml")
ISO = "write ISO 8601 such as 2026-11-20T18:30, 2026-11-20T18:30:00-06:00, 2026-11-20T23:30Z, or now"

CASES = [
    pytest.param(['due', 'ignus', '--severity', 'high', '--opened', '2026-13-01T10:00'], 2, "bad --opened '2026-13-01T10:00': " + ISO,
                 id='a 13th month is not a time'),
    pytest.param(['due', 'ignus', '--severity', 'high', '--opened', '2026-11-20T25:00'], 2, "bad --opened '2026-11-20T25:00': " + ISO,
                 id='hour 25 is not a time'),
    pytest.param(['due', 'ignus', '--severity', 'high', '--opened', 'yesterday'], 2, "bad --opened 'yesterday': " + ISO,
                 id='a word is not a time'),
    pytest.param(['due', 'ignus', '--severity', 'high', '--opened', '20/11/2026 10:00'], 2, "bad --opened '20/11/2026 10:00': " + ISO,
                 id='a day/month/year date is not ISO 8601'),
    pytest.param(['due', 'ignus', '--severity', 'high', '--opened', ''], 2, 'missing --opened (or give --input FILE for a batch of tickets)',
                 id='an empty --opened is missing'),
    pytest.param(['due', 'ignus', '--severity', 'high', '--opened', '2026-11-20T10:00+99:00'], 2, "bad --opened '2026-11-20T10:00+99:00': " + ISO,
                 id='an offset of 99 hours is not a time'),
    pytest.param(['due', 'ignus', '--severity', 'high', '--opened', '0000-01-01T00:00'], 2, "bad --opened '0000-01-01T00:00': " + ISO,
                 id='year 0 is not a time'),
    pytest.param(['due', 'ignus', '--severity', 'high', '--opened', '0001-01-01T00:00'], 2,
                 '--opened 0001-01-01T00:00 is out of range: slactl reads times from the year 1900 on',
                 id='an opening in year 1 is out of range'),
    pytest.param(['due', 'ignus', '--severity', 'high', '--opened', '0001-01-01T00:05+02:00'], 2,
                 '--opened 0001-01-01T00:05+02:00 is out of range: slactl reads times from the year 1900 on',
                 id='an opening in year 1 with an offset is out of range, not an overflow'),
    pytest.param(['due', 'ignus', '--severity', 'high', '--opened', '9999-12-31T23:00'], 2, '--opened 9999-12-31T23:00:00 is out of range',
                 id='an opening late on 9999-12-31 is out of range'),
    pytest.param(['due', 'ignus', '--severity', 'high', '--opened', '9999-12-31T20:00Z'], 2, 'deadline beyond year 9999',
                 id='a deadline past year 9999 is out of range'),
    pytest.param(['due', 'ignus', '--severity', 'high', '--opened', '10000-01-01T00:00'], 2, "bad --opened '10000-01-01T00:00': " + ISO,
                 id='year 10000 is not a time'),
    pytest.param(['due', 'ignus', '--severity', 'high', '--opened', '2026-11-20T10:00 junk'], 2, "bad --opened '2026-11-20T10:00 junk': " + ISO,
                 id='trailing junk after a time'),
    pytest.param(['due', 'athento', '--severity', 'blocker', '--plan', 'enterprise', '--opened', '2026-03-29T02:30'], 2, '--opened 2026-03-29T02:30 does not exist in Europe/Madrid (clocks spring forward); add an offset: 2026-03-29T01:30:00+01:00 or 2026-03-29T03:30:00+02:00',
                 id='a wall time in the spring-forward gap is refused with both offsets'),
    pytest.param(['due', 'athento', '--severity', 'blocker', '--plan', 'enterprise', '--opened', '2026-10-25T02:30'], 2, '--opened 2026-10-25T02:30 is ambiguous in Europe/Madrid (clocks fall back, it happens twice); add an offset: 2026-10-25T02:30:00+02:00 or 2026-10-25T02:30:00+01:00',
                 id='a wall time in the fall-back overlap is refused with both offsets'),
    pytest.param(['due', 'athento', '--severity', 'blocker', '--plan', 'enterprise', '--opened', '2026-03-28T10:00', '--resolved', '2026-03-29T02:30'], 2, '--resolved 2026-03-29T02:30 does not exist in Europe/Madrid (clocks spring forward); add an offset: 2026-03-29T01:30:00+01:00 or 2026-03-29T03:30:00+02:00',
                 id='a --resolved in the gap is refused'),
    pytest.param(['due', 'athento', '--severity', 'blocker', '--plan', 'enterprise', '--opened', '2026-03-28T10:00', '--pause', '2026-03-29T02:15/2026-03-29T04:00'], 2, 'pause start 2026-03-29T02:15 does not exist in Europe/Madrid (clocks spring forward); add an offset: 2026-03-29T01:15:00+01:00 or 2026-03-29T03:15:00+02:00',
                 id='a pause starting in the gap is refused'),
    pytest.param(['due', 'athento', '--severity', 'blocker', '--plan', 'enterprise', '--opened', '2026-03-28T10:00', '--now', '2026-03-29T02:15'], 2, '--now 2026-03-29T02:15 does not exist in Europe/Madrid (clocks spring forward); add an offset: 2026-03-29T01:15:00+01:00 or 2026-03-29T03:15:00+02:00',
                 id='a --now in the gap is refused'),
    pytest.param(['due', 'ignus', '--severity', 'high', '--opened', O, '--resolved', '2026-11-20T09:59'], 2, '--resolved is before --opened',
                 id='--resolved before --opened'),
    pytest.param(['due', 'ignus', '--severity', 'high', '--opened', O, '--pause', '2026-11-20T12:00/2026-11-20T11:00'], 2, "--pause '2026-11-20T12:00/2026-11-20T11:00' ends before it starts",
                 id='a pause that ends before it starts'),
    pytest.param(['due', 'ignus', '--severity', 'high', '--opened', O, '--pause', '2026-11-20T12:00'], 2, "bad --pause '2026-11-20T12:00': write START/END, e.g. 2026-11-20T10:00/2026-11-20T12:00",
                 id='a pause without a slash'),
    pytest.param(['due', 'ignus', '--severity', 'high', '--opened', O, '--pause', '2026-11-20T12:00/'], 2, "bad --pause '2026-11-20T12:00/': write START/END, e.g. 2026-11-20T10:00/2026-11-20T12:00",
                 id='a pause without an end'),
    pytest.param(['due', 'ignus', '--severity', 'high', '--opened', O, '--pause', '2026-11-20T12:00/soon'], 2, "bad pause end 'soon': " + ISO,
                 id='a pause whose end is not a time'),
    pytest.param(['due', 'ignus', '--severity', 'high', '--opened', O, '--pause', '2026-11-20T11:00/2026-11-20T13:00', '--pause', '2026-11-20T12:00/2026-11-20T14:00'], 2, 'pauses overlap: 2026-11-20T11:00:00-06:00/2026-11-20T13:00:00-06:00 and 2026-11-20T12:00:00-06:00/2026-11-20T14:00:00-06:00',
                 id='two overlapping pauses'),
    pytest.param(['due', 'ignus', '--severity', 'high', '--opened', O, '--pause', '2026-11-20T11:00/9999-12-31T23:59'], 2, 'pause end 9999-12-31T23:59:00 is out of range',
                 id='a pause ending on the last minute of 9999 is out of range'),
    pytest.param(['due', 'ignsu', '--severity', 'high', '--opened', O], 2, "unknown provider 'ignsu'; did you mean 'ignus'? (choose from: athento, conecta, express, ignus, ivcisa)",
                 id='a misspelt provider suggests the closest'),
    pytest.param(['due', 'ignus', '--severity', 'hihg', '--opened', O], 2, "unknown severity 'hihg' for ignus; did you mean 'high'? (choose from: urgent, high, medium, low)",
                 id='a misspelt severity suggests the closest'),
    pytest.param(['due', 'conecta', '--severity', 'caida totl', '--opened', O], 2, "unknown severity 'caida totl' for conecta; did you mean 'caida total' (total-outage)? (choose from: total-outage, partial-outage, bug)",
                 id='a misspelt Spanish label suggests the closest names'),
    pytest.param(['due', 'ivcisa', '--severity', 'prod-dwn', '--opened', O], 2, "unknown severity 'prod-dwn' for ivcisa; did you mean 'production down' (production-down) or 'production' (production-active)? (choose from: production-down, production-active, non-production)",
                 id='a suggested alias says which severity it means'),
    pytest.param(['due', 'athento', '--severity', 'blocker', '--plan', 'enterprize', '--opened', O], 2, "unknown plan 'enterprize' for athento; did you mean 'enterprise'? (choose from: starter, plus, standard, company, enterprise)",
                 id='a misspelt plan suggests the closest'),
    pytest.param(['due', 'ignus', '--severity', 'high', '--plan', 'gold', '--opened', O], 2, "ignus has no plans; drop --plan 'gold'",
                 id='a plan for a provider without plans'),
    pytest.param(['due', 'athento', '--severity', 'blocker', '--opened', O], 2, 'athento has plans and no default: choose one with --plan (starter, plus, standard, company, enterprise)',
                 id='a provider with plans and no default needs --plan'),
    pytest.param(['due', 'ignus', '--severity', 'high', '--opened', O, '--tz', 'Mars/Olympus'], 2, "--tz: unknown time zone 'Mars/Olympus' (use an IANA name such as Europe/Madrid or an offset such as -05:00)",
                 id='an unknown --tz'),
    pytest.param(['due', 'ignus', '--severity', 'high'], 2, 'missing --opened (or give --input FILE for a batch of tickets)',
                 id='due without --opened'),
    pytest.param(['due', 'ignus', '--input', 'x.csv'], 2, '--input reads every ticket from the file; drop PROVIDER',
                 id='--input with a PROVIDER'),
    pytest.param(['due', 'ignus', '--severity', 'high', '--opened', O, '--output', 'x.csv'], 2, '--output only goes with --input (a file of tickets)',
                 id='--output without --input'),
    pytest.param(['due', '--input', 'x.csv', '--format', 'xml'], 2, "invalid value for '--format': 'xml' is not one of 'csv', 'jsonl'. (see slactl due --help)",
                 id='an unknown --format'),
    pytest.param(['due', '--input', '/nonexistent/x.csv'], 2, 'cannot read /nonexistent/x.csv: No such file or directory',
                 id='a missing --input file'),
    pytest.param(['due', 'ignus', '--severity', 'high', '--opened', O, '--now', 'later', '--check'], 2, "bad --now 'later': " + ISO,
                 id='--check with a bad --now'),
    pytest.param(['classify', 'ignus', '   '], 2, 'nothing to classify: give the incident TEXT or facts such as --impact total',
                 id='classify with blank text and no facts'),
    pytest.param(['classify', 'ignsu', 'se cayó'], 2, "unknown provider 'ignsu'; did you mean 'ignus'? (choose from: athento, conecta, express, ignus, ivcisa)",
                 id='classify a misspelt provider'),
    pytest.param(['classify', 'ignus', 'se cayó', '--opened', 'ayer'], 2, "bad --opened 'ayer': " + ISO,
                 id='classify with a bad --opened'),
    pytest.param(['classify', 'athento', 'se cayó', '--plan', 'enterprise', '--opened', '2026-03-29T02:30'], 2, '--opened 2026-03-29T02:30 does not exist in Europe/Madrid (clocks spring forward); add an offset: 2026-03-29T01:30:00+01:00 or 2026-03-29T03:30:00+02:00',
                 id='classify opened in the gap'),
    pytest.param(['classify', 'ignus', 'x', '--env', 'prod'], 2, "invalid value for '--env': 'prod' is not one of 'production', 'non-production'. (see slactl classify --help)",
                 id='classify with an unknown --env'),
    pytest.param(['classify', 'athento', 'x', '--plan', 'gold'], 2, "unknown plan 'gold' for athento (choose from: starter, plus, standard, company, enterprise)",
                 id='classify with an unknown plan'),
    pytest.param(['comms', 'conecta', '--severity', 'total-outage', '--opened', O, '--until', '2026-11-20T09:00'], 2, '--until is before --opened',
                 id='comms --until before --opened'),
    pytest.param(['comms', 'conecta', '--severity', 'total-outage', '--opened', O, '--until', '9999-12-31T00:00'], 2, 'status-page every 4h would be listed 17472711 times up to 9999-12-31T00:00:00-05:00; choose a nearer --until (at most 1000 occurrences)',
                 id='comms --until in 9999 would list millions of updates'),
    pytest.param(['comms', 'conecta', '--severity', 'total-outage', '--opened', O, '--until', '2026-11-21T09:00', '--resolved', '2026-11-21T09:00'], 2, '--until is for an unresolved incident: with --resolved the schedule ends at the resolution',
                 id='comms --until with --resolved'),
    pytest.param(['comms', 'conecta', '--severity', 'total-outage', '--opened', O, '--json', '--ics', 'x.ics'], 2, '--json and --ics cannot be combined: choose one output',
                 id='comms --json with --ics'),
    pytest.param(['comms', 'conecta', '--severity', 'total-outage', '--opened', '9999-12-31T00:00'], 2, 'deadline beyond year 9999',
                 id='comms opened at the end of 9999 is out of range'),
    pytest.param(['comms', 'conecta', '--severity', 'total-outage', '--opened', O, '--resolved', '2026-11-19T10:00'], 2, '--resolved is before --opened',
                 id='comms --resolved before --opened'),
    pytest.param(['comms', 'conecta', '--severity', 'total-outage', '--opened', O, '--ics', '/nonexistent/dir/a.ics'], 2, 'cannot write /nonexistent/dir/a.ics: No such file or directory',
                 id='comms --ics into a missing directory'),
    pytest.param(['quote', '--normalization', 'nan'], 2, "--normalization: bad hours 'nan': write hours as 5, 1.5, 90m or 1h30m",
                 id='NaN hours'),
    pytest.param(['quote', '--normalization', 'inf'], 2, "--normalization: bad hours 'inf': write hours as 5, 1.5, 90m or 1h30m",
                 id='infinite hours'),
    pytest.param(['quote', '--mitigation', '-3'], 2, "--mitigation: bad hours '-3': write hours as 5, 1.5, 90m or 1h30m",
                 id='negative hours'),
    pytest.param(['quote', '--normalization', '1,5'], 2, "--normalization: bad hours '1,5': write hours as 5, 1.5, 90m or 1h30m; use a dot for decimals",
                 id='a decimal comma says to use a dot'),
    pytest.param(['quote', '--normalization', '1000000'], 2, "--normalization: bad hours '1000000': more than 100000 hours",
                 id='a million hours'),
    pytest.param(['quote', '--normalization', '1e3'], 2, "--normalization: bad hours '1e3': write hours as 5, 1.5, 90m or 1h30m",
                 id='hours in exponent notation'),
    pytest.param(['quote', '--guarantee', '0'], 2, 'guarantee hours must be a whole number from 1 to 8, got 0',
                 id='zero guarantee hours'),
    pytest.param(['quote', '--guarantee', '9'], 2, 'guarantee hours must be a whole number from 1 to 8, got 9',
                 id='nine guarantee hours (Express allows 1 to 8)'),
    pytest.param(['quote', '--guarantee', '1.5'], 2, "--guarantee: bad guarantee hours '1.5': write a whole number of hours such as 2",
                 id='a fractional guarantee'),
    pytest.param(['quote', '--normalization', '1', '--express-rate', 'NaN'], 2, "--express-rate: bad rate 'NaN': write an amount per hour such as 35 or 35.00",
                 id='a NaN rate'),
    pytest.param(['quote', '--normalization', '1', '--on-demand-rate', '-25'], 2, "--on-demand-rate: bad rate '-25': write an amount per hour such as 35 or 35.00",
                 id='a negative rate'),
    pytest.param(['quote', '--normalization', '1', '--express-rate', '35.001'], 2, "--express-rate: bad rate '35.001': write an amount per hour such as 35 or 35.00",
                 id='a rate with three decimals'),
    pytest.param(['quote', '--provider', 'ignus', '--normalization', '1'], 2, 'ignus publishes no prices (no pricing: block); policies with prices: express',
                 id='a quote from a provider without prices'),
    pytest.param(['quote', '--provider', 'expres', '--normalization', '1'], 2, "unknown provider 'expres'; did you mean 'express'? (choose from: athento, conecta, express, ignus, ivcisa)",
                 id='a quote from a misspelt provider'),
    pytest.param(['quote', '--normalization', '1', '--tz', 'Nowhere/City'], 2, "--tz: unknown time zone 'Nowhere/City' (use an IANA name such as Europe/Madrid or an offset such as -05:00)",
                 id='a quote with an unknown --tz'),
    pytest.param(['quote', '--monthly-plan', '--guarantee', '2', '--normalization', '1'], 2, 'a monthly plan asks no guarantee: drop --guarantee and --guarantee-mode',
                 id='a guarantee with a monthly plan'),
    pytest.param(['quote', '--worklog', '/nonexistent/w.csv'], 2, "invalid value for '--worklog': File '/nonexistent/w.csv' does not exist. (see slactl quote --help)",
                 id='a missing worklog'),
    pytest.param(['quote', '--worklog', HERE, '--normalization', '1'], 2, '--worklog gives the hours: drop --normalization and --mitigation',
                 id='a worklog and estimated hours together'),
    pytest.param(['quote', '--guarantee-mode', 'bogus'], 2, "invalid value for '--guarantee-mode': 'bogus' is not one of 'separate', 'credited', 'waived'. (see slactl quote --help)",
                 id='an unknown guarantee mode'),
    pytest.param(['report', '/nonexistent.csv'], 2, 'cannot read /nonexistent.csv: No such file or directory',
                 id='report of a missing file'),
    pytest.param(['report', HERE, '--since', 'ayer'], 2, "bad --since 'ayer': " + ISO,
                 id='report with a bad --since'),
    pytest.param(['report', HERE, '--fail-under', 'nan'], 2,
                 "invalid value for '--fail-under': 'nan' is not a percentage from 0 to 100 (e.g. 95 or 95%) (see slactl report --help)",
                 id='a CI gate of nan, which no compliance is below'),
    pytest.param(['due', 'ignus', '-s', 'high', '--opened', O, '--now', O, '--warn', '0h'], 2,
                 '--warn: a warning 0 before the due time is the breach itself: give a length above zero',
                 id='a warning of nothing, as a policy is refused one'),
    pytest.param(['due', 'ignus', '-s', 'high', '--opened', O, '--tz', ''], 2,
                 "--tz: unknown time zone '' (use an IANA name such as Europe/Madrid or an offset such as -05:00)",
                 id='an empty --tz is no zone, not the default'),
    pytest.param(['--customers', CUSTOMERS, 'credits', HERE, '--month', '0001-01'], 2,
                 "bad --month '0001-01': write YYYY-MM from 1900-01, e.g. 2026-11", id='a month before 1900'),
    pytest.param(['frobnicate'], 2, "no such command 'frobnicate'. (see slactl --help)",
                 id='an unknown command'),
    pytest.param(['providers', '--frob'], 2, "no such option '--frob'. (see slactl providers --help)",
                 id='an unknown option'),
    pytest.param(['classify', 'ignus', '-el sitio no carga'], 2,
                 "no such option '-e'; to give a value that starts with '-', put -- before it "
                 "(see slactl classify --help)", id='a pasted report that starts with a dash'),
    # Digits of other scripts are no numbers here, wherever a number is read (int() and dateutil
    # would take them; nothing else in slactl does, so a file and a flag stay alike).
    pytest.param(['quote', '--normalization', '\u0663'], 2, "--normalization: bad hours '\u0663': write hours as 5, 1.5, 90m or 1h30m",
                 id='hours in Arabic-Indic digits'),
    pytest.param(['quote', '--normalization', '1', '--express-rate', '\u0663\u0665'], 2, "--express-rate: bad rate '\u0663\u0665': write an amount per hour such as 35 or 35.00",
                 id='a rate in Arabic-Indic digits'),
    pytest.param(['quote', '--normalization', '1', '--express-rate', '1000000000000'], 2, "--express-rate: bad rate '1000000000000': write an amount per hour such as 35 or 35.00",
                 id='a rate of a trillion'),
    pytest.param(['due', 'ignus', '-s', 'high', '--opened', '\u0662\u0660\u0662\u0666-11-20T18:30'], 2,
                 "bad --opened '\u0662\u0660\u0662\u0666-11-20T18:30': " + ISO, id='an opening in Arabic-Indic digits'),
    pytest.param(['show', 'athento', '--plan', 'gold'], 2, "unknown plan 'gold' for athento (choose from: starter, plus, standard, company, enterprise)",
                 id='show an unknown plan'),
]


@pytest.mark.parametrize("args, code, message", CASES)
def test_bad_command_input_is_one_line(capsys, args, code, message):
    assert refused(capsys, *args) == (code, message)


# -- files of rows: each bad row is FILE:LINE: message, then one summary line ------------------

TICKETS = """\
provider,severity,opened,resolved,pauses
ignus,high,yesterday,,
ignus,hihg,2026-11-20T10:00,,
ignus,high,2026-11-20T10:00
nope,high,2026-11-20T10:00,,
ignus,high,9999-12-31T20:00Z,,
athento,blocker,2026-03-29T02:30,,
ignus,high,2026-11-20T10:00,2026-11-20T09:00,
ignus,high,2026-11-20T10:00,,2026-11-20T11:00/2026-11-20T13:00;2026-11-20T12:00/2026-11-20T14:00
ignus,high,2026-11-20T10:00,,2026-11-20T13:00/2026-11-20T11:00
"""
TICKET_PROBLEMS = [
    (2, "bad opened 'yesterday': " + ISO),
    (3, "unknown severity 'hihg' for ignus; did you mean 'high'? (choose from: urgent, high, medium, low)"),
    (4, "expected 5 fields as in the header, got 3"),
    (5, "unknown provider 'nope' (choose from: athento, conecta, express, ignus, ivcisa)"),
    (6, "opened 9999-12-31T14:00:00-06:00 is after --now 2026-11-21T04:00:00-06:00: nothing about it can be judged yet"),
    (7, "athento has plans and no default: choose one with a plan column (starter, plus, standard, company, enterprise)"),
    (8, "resolved is before opened"),
    (9, "pauses overlap: 2026-11-20T11:00:00-06:00/2026-11-20T13:00:00-06:00 and "
        "2026-11-20T12:00:00-06:00/2026-11-20T14:00:00-06:00"),
    (10, "pause '2026-11-20T13:00/2026-11-20T11:00' ends before it starts"),
]


def test_every_bad_ticket_row_is_named_and_skipped(capsys, tmp_path):
    from cli_helpers import run

    path = tmp_path / "tickets.csv"
    path.write_text(TICKETS, encoding="utf-8")
    code, out, err = run(capsys, "due", "--input", str(path), "--now", "2026-11-21T10:00Z")
    assert code == 1 and "Traceback" not in err
    assert err.splitlines() == [f"{path}:{line}: {message}" for line, message in TICKET_PROBLEMS] + [
        f"slactl: error: {len(TICKET_PROBLEMS)} of {len(TICKET_PROBLEMS)} rows skipped (bad input)"]
    assert out.splitlines()[1:] == []  # the header only


@pytest.mark.parametrize("content, message", [
    pytest.param("provider,severity\nignus,high\n",
                 "line 1: the header lacks column(s) opened (need provider, severity, opened; "
                 "optional id, plan, pauses, responded, mitigated, resolved, reopened, followed_up, statuses, severity_changes, "
                 "customer, reporter, service, flags)",
                 id="a ticket file without an opened column"),
    pytest.param(b"provider,severity,opened\n\xff\xfe\n", "{path}: not UTF-8 text", id="a ticket file that is not UTF-8"),
])
def test_an_unusable_ticket_file_is_one_line(capsys, tmp_path, content, message):
    from cli_helpers import run

    path = tmp_path / "tickets.csv"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    code, _, err = run(capsys, "due", "--input", str(path))  # stdout may hold the streamed header
    assert (code, err) == (2, f"slactl: error: {message.format(path=path)}\n")


WORKLOGS = [
    pytest.param("start,end\n2026-11-20T10:00,2026-11-20T11:00\n",
                 [(1, "bad header (missing phase): expected start,end,phase[,note]")], id="a worklog without a phase column"),
    pytest.param("start,end,phase,hours\n", [(1, "bad header (unknown column 'hours'): expected start,end,phase[,note]")],
                 id="a worklog with an unknown column"),
    pytest.param("", [(1, "empty worklog: expected the header start,end,phase[,note]")], id="an empty worklog"),
    pytest.param("start,end,phase\n", [(1, "no entries after the header")], id="a worklog with only the header"),
    pytest.param("start,end,phase\n2026-11-20T10:00,2026-11-20T11:00,normalization\n"
                 "2026-11-20T10:30,2026-11-20T12:00,normalization\n",
                 [(3, "overlaps line 2 (2026-11-20T10:00:00+00:00 to 2026-11-20T11:00:00+00:00)")],
                 id="overlapping entries name the first"),
    pytest.param("start,end,phase\nsoon,2026-11-20T12:00,fixing\n",
                 [(2, "bad start time 'soon': write ISO 8601 such as 2026-11-20T18:30, 2026-11-20T18:30:00-06:00 or 2026-11-20T23:30Z"),
                  (2, "unknown phase 'fixing' (choose from: normalization, mitigation)")],
                 id="a row with a bad time and an unknown phase gives both"),
    pytest.param("start,end,phase\n2026-11-20T12:00,2026-11-20T11:00,mitigation\n",
                 [(2, "end 2026-11-20T11:00 is before start 2026-11-20T12:00")], id="an entry that ends before it starts"),
    pytest.param("start,end,phase\n2026-11-20T12:00,normalization\n",
                 [(2, "expected 3 fields (start,end,phase), got 2")], id="a row with a missing field"),
    pytest.param("start,end,phase\n1900-01-01T00:00,9999-12-31T23:59,normalization\n",
                 [(2, "entry from 1900-01-01T00:00 to 9999-12-31T23:59 is longer than 100000 hours")],
                 id="an entry of seventy million hours"),
    pytest.param("start,end,phase\n0001-01-01T00:05+02:00,0001-01-01T01:05+02:00,normalization\n",
                 [(2, "start time 0001-01-01T00:05+02:00 is out of range: slactl reads times from the year 1900 on"),
                  (2, "end time 0001-01-01T01:05+02:00 is out of range: slactl reads times from the year 1900 on")],
                 id="an entry in year 1 is out of range, not an overflow"),
]


@pytest.mark.parametrize("content, problems", WORKLOGS)
def test_a_bad_worklog_names_every_problem_and_bills_nothing(capsys, tmp_path, content, problems):
    from cli_helpers import run

    path = tmp_path / "worklog.csv"
    path.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "quote", "--worklog", str(path))
    assert (code, out) == (2, "") and "Traceback" not in err
    assert err.splitlines() == [f"{path}:{line}: {message}" for line, message in problems] + [
        f"slactl: error: {len(problems)} problem(s) in worklog {path}; nothing was billed"]


def test_a_worklog_that_is_not_utf8_is_one_line(capsys, tmp_path):
    path = tmp_path / "worklog.csv"
    path.write_bytes("start,end,phase\n2026-11-20T10:00,2026-11-20T11:00,normalización\n".encode("latin-1"))
    code, message = refused(capsys, "quote", "--worklog", str(path))
    assert code == 2 and message.startswith(f"cannot read worklog {path}: 'utf-8' codec can't decode byte 0xf3")


def test_a_worklog_entry_on_the_last_day_of_9999_is_billed(capsys, tmp_path):
    from cli_helpers import run_json

    path = tmp_path / "worklog.csv"
    path.write_text("start,end,phase\n9999-12-31T22:00,9999-12-31T23:00,normalization\n", encoding="utf-8")
    assert run_json(capsys, "quote", "--worklog", str(path))


@pytest.mark.parametrize("command", [pytest.param(["due", "--input"], id="due --input"),
                                     pytest.param(["report"], id="report")])
def test_a_file_without_line_breaks_is_refused_before_it_fills_the_memory(capsys, tmp_path, command):
    path = tmp_path / "tickets.csv"
    path.write_bytes(b"provider,severity,opened\n" + b"x" * (2 * 1024 * 1024))
    code, _, err = run(capsys, *command, str(path))  # due may have streamed the header already
    assert (code, err) == (2, f"slactl: error: {path}: line 2 is longer than 1048576 characters: not a ticket export\n")


def test_a_json_array_on_one_line_longer_than_a_line_may_be_is_read(capsys, tmp_path):
    # A help desk's API export is often one compact line; the array's own bound (256 MiB) holds.
    import json

    tickets = [{"id": f"T{n}", "provider": "ignus", "severity": "high", "opened": "2026-11-20T10:00",
                "note": "x" * 200} for n in range(6000)]
    array, lines = tmp_path / "tickets.json", tmp_path / "tickets.jsonl"
    array.write_text(json.dumps(tickets))
    lines.write_text("".join(json.dumps(ticket) + "\n" for ticket in tickets))
    assert array.stat().st_size > 1024 * 1024
    read_whole = run(capsys, "due", "--input", str(array), "--now", "2027-01-01T00:00Z", "--jobs", "1")
    read_by_line = run(capsys, "due", "--input", str(lines), "--now", "2027-01-01T00:00Z", "--jobs", "1")
    assert read_whole == read_by_line and read_whole[0] == 0 and read_whole[1].count("\n") == 6000


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_worklog_is_refused_before_it_fills_the_memory(capsys):
    code, out, err = run(capsys, "quote", "--worklog", "/dev/zero")
    assert (code, out) == (2, "")
    assert err == "slactl: error: worklog /dev/zero is larger than 64 MiB: not a time-tracking export\n"


def test_an_endless_incident_text_on_stdin_is_refused(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("a" * (2**20 + 1)))
    code, out, err = run(capsys, "classify", "ignus", "-")
    assert (code, out) == (2, "")
    assert err == "slactl: error: the incident text on stdin is longer than 1048576 characters\n"


@pytest.mark.parametrize("args", [
    pytest.param(["due", "ignus", "--severity", "high", "--opened", "9" * 5000], id="a time"),
    pytest.param(["due", "ignus", "--severity", "x" * 5000, "--opened", O], id="a severity"),
    pytest.param(["comms", "conecta", "--severity", "total-outage", "--opened", O, "--until", "7" * 5000], id="--until"),
])
def test_a_huge_value_is_named_by_its_ends_and_length_not_echoed_whole(capsys, args):
    code, out, err = run(capsys, *args)
    assert code == 2 and out == "" and err.count("\n") == 1
    assert "(5,000 characters)" in err and len(err) < 400
