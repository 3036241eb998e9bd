"""A user's preset file is untrusted input, read like a policy file (safe YAML, size cap, the
line of every key) and checked by a table of rules: each case is a good preset plus one
mutation, and says which line and message it earns (``FILE:LINE: message``, exit 2)."""

from __future__ import annotations

import json

import pytest
from cli_helpers import run

from slactl.tickets import presets

GOOD = """\
slactl-preset: 1
name: acme
title: Acme help desk
na: ["-"]
priorities:
  P1 - Down: p1
  P2 - Slow: p2
statuses:
  Waiting on you: waiting-on-customer
forms:
  - name: tickets
    columns:
      id: Ref
      opened: Raised
      severity: Level
      responded: {after: Raised, minutes: Minutes to answer}
      status: State
      status_since: Changed
    time:
      format: "%d.%m.%Y %H:%M"
      zone: Europe/Madrid
"""
EXPORT = "Ref,Raised,Level,Minutes to answer,State,Changed\n" \
         "R-1,20.11.2026 18:30,P2 - Slow,45,Waiting on you,20.11.2026 19:15\n" \
         "R-2,20.11.2026 18:30,-,,,\n"


def test_a_preset_file_reads_an_export(capsys, tmp_path):
    preset, export = tmp_path / "acme.yaml", tmp_path / "acme.csv"
    preset.write_text(GOOD)
    export.write_text(EXPORT)
    code, out, err = run(capsys, "due", "--input", str(export), "--preset", str(preset), "--provider", "ignus",
                         "--now", "2026-11-24T00:00", "--format", "jsonl")
    assert (code, err.splitlines()) == (1, [f"{export}:3: missing severity", "slactl: error: 1 of 2 rows skipped (bad input)"])
    row = json.loads(out)
    # Madrid 18:30 is 11:30 in Mexico City; answered 45 min later (12:15, met); waiting on the
    # customer from Madrid 19:15 (12:15) until --now: the response clock stopped then.
    assert (row["severity"], row["opened"], row["response_status"], row["response_took"]) == (
        "high", "2026-11-20T11:30:00-06:00", "met", "45m")


MUTATIONS = [
    ("a wrong version", ("slactl-preset: 1", "slactl-preset: 2"), 1, "slactl-preset must be 1 (this slactl reads version 1)"),
    ("an unknown key", ("title: Acme help desk", "title: Acme help desk\nowner: me"), 1,
     "unknown key(s) owner (known: slactl-preset, name, title, source, export, extra_levels, na, priorities, statuses, forms)"),
    ("a missing title", ("title: Acme help desk\n", ""), 1, "missing key(s) title"),
    ("a name with capitals", ("name: acme", "name: Acme"), 2, "name must be lowercase letters, digits, - or _ (e.g. servicenow)"),
    ("an unknown status", ("Waiting on you: waiting-on-customer", "Waiting on you: snoozed"), 9,
     "unknown status 'snoozed' (choose from: new, open, in-progress, pending, on-hold, waiting-on-customer, "
     "waiting-on-third-party, solved, resolved, closed)"),
    ("an unknown field", ("      severity: Level", "      urgency: Level"), 15,
     "unknown field 'urgency' for tickets rows (choose from: provider, severity, opened, id, plan, pauses, responded, "
     "mitigated, resolved, reopened, followed_up, statuses, severity_changes, customer, reporter, service, flags, status, status_since)"),
    ("a required field missing", ("      severity: Level", "      urgency: Level"), 12, "tickets rows need column(s) for severity"),
    ("a field events rows do not have", ("    columns:", "    rows: events\n    columns:"), 17,
     "unknown field 'responded' for events rows (choose from: id, time, status, severity, opened, provider, plan)"),
    ("events rows without a time", ("    columns:", "    rows: events\n    columns:"), 13, "events rows need column(s) for time"),
    ("minutes after on a field that is no time", ("      id: Ref", "      id: {after: Raised, minutes: Minutes}"), 13,
     "only a time of a ticket row may be given as minutes after another column"),
    ("a format that reads nothing", ('format: "%d.%m.%Y %H:%M"', "format: dd.mm.yyyy"), 19,
     "format 'dd.mm.yyyy' is not a strptime format that reads its own output (e.g. %d/%m/%Y %H:%M)"),
    ("an unknown zone", ("zone: Europe/Madrid", "zone: Mars/Base"), 19,
     "unknown time zone 'Mars/Base' (use an IANA name such as Europe/Berlin or an offset such as -05:00)"),
    ("extra levels neither way", ("na: [\"-\"]", "extra_levels: sometimes"), 4, "extra_levels must be one of least-severe, error"),
    ("a priority that maps to a list", ("P2 - Slow: p2", "P2 - Slow: [p2]"), 7, "a priority must map to a severity such as p1"),
    ("no forms", ("forms:", "forms: []\nold:"), 10, "forms must be a list of at least one form"),
]


@pytest.mark.parametrize("change, line, message", [m[1:] for m in MUTATIONS], ids=[m[0] for m in MUTATIONS])
def test_each_rule_names_the_line(capsys, tmp_path, change, line, message):
    old, new = change
    assert old in GOOD
    path = tmp_path / "acme.yaml"
    path.write_text(GOOD.replace(old, new, 1))
    code, out, err = run(capsys, "presets", "show", str(path))
    assert (code, out) == (2, "")
    assert f"{path}:{line}: {message}" in err.splitlines(), err


UNSAFE = [
    ("an alias", "slactl-preset: 1\nname: &n acme\ntitle: *n\nforms: []\n", 2,
     "anchors and aliases (&, *) are not allowed in policy files"),
    ("a python tag", "slactl-preset: !!python/object:os.system 1\n", 1, "tag '!!python/object:os.system' is not allowed"),
    ("a duplicate key", "slactl-preset: 1\nslactl-preset: 1\n", 2, "duplicate key 'slactl-preset' (first at line 1)"),
    ("not a mapping", "- a\n- b\n", 1, "a preset must be a mapping of keys (slactl-preset, name, title, forms, ...)"),
]


@pytest.mark.parametrize("text, line, phrase", [u[1:] for u in UNSAFE], ids=[u[0] for u in UNSAFE])
def test_a_preset_file_is_read_as_safely_as_a_policy(capsys, tmp_path, text, line, phrase):
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    code, out, err = run(capsys, "due", "--input", str(path), "--preset", str(path))
    assert (code, out) == (2, "") and "Traceback" not in err
    assert err.startswith(f"{path}:{line}: ") and phrase in err


def test_a_huge_preset_file_is_refused_before_it_is_parsed(capsys, tmp_path):
    path = tmp_path / "huge.yaml"
    path.write_text("# " + "x" * (2 * 1024 * 1024) + "\n")
    code, _, err = run(capsys, "presets", "show", str(path))
    assert code == 2 and err.startswith(f"{path}:1: file is ") and err.count("\n") == 1


def test_every_bundled_preset_is_valid_and_listed():
    assert presets.names() == ["freshdesk", "jira", "servicenow", "zammad", "zendesk"]
    for preset in presets.builtins():
        assert presets.load.parse(preset.text, preset.name).forms == preset.forms
