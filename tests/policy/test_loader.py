"""Loading policy files: every broken file gives exact `FILE:LINE: message` lines.

Each file in testdata/validate/bad is a good policy plus one mutation, named after the defect
and described in its first line. The table pins every message verbatim and its line.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import holidays
import pytest

from cli_helpers import run
from slactl.policy import load as loader
from slactl.render.hours import hours_text
from slactl.errors import InputError, PolicyError

DATA = Path(__file__).resolve().parents[1] / "testdata" / "validate"
GOOD = DATA / "good"
BAD = DATA / "bad"
SEEDS = Path(__file__).resolve().parents[2] / "policies"


# The subdivisions come from the installed holidays library, whose list grows between releases.
_SPAIN = ", ".join(holidays.list_supported_countries()["ES"])


def _case(file: str, *problems: tuple[int, str], id: str):
    return pytest.param(file, problems, id=id)


BROKEN = [
    # -- reading and YAML safety ---------------------------------------------------------
    _case("empty-file.yaml", (1, "the file is empty"), id="a file with only a comment is empty"),
    _case("list-not-mapping.yaml", (2, "a policy must be a mapping, got a list"),
          id="a list at the top is not a policy"),
    _case("tab-indent.yaml",
          (10, "YAML syntax error: found character '\\t' that cannot start any token (indent with spaces, not tabs)"),
          id="a tab in the indentation says to indent with spaces"),
    _case("syntax-error.yaml", (9, "YAML syntax error: a quoted scalar that starts here never ends"),
          id="an unclosed quote is blamed on the line where it opens"),
    _case("duplicate-key.yaml", (5, "duplicate key 'name' (first at line 4)"),
          id="a key given twice names the first line"),
    _case("anchor.yaml", (23, "anchors and aliases (&, *) are not allowed in policy files"),
          id="an anchor is refused"),
    _case("merge-key.yaml", (14, "merge keys (<<) are not allowed in policy files"),
          id="a merge key is refused"),
    _case("python-tag.yaml",
          (4, "tag '!!python/object/apply:os.system' is not allowed in policy files (write plain YAML values)"),
          id="a python tag is refused and never run"),
    _case("custom-tag.yaml", (4, "tag '!secret' is not allowed in policy files (write plain YAML values)"),
          id="an application tag is refused"),
    # -- structure: keys, types, enums, patterns -----------------------------------------
    _case("wrong-version.yaml", (2, "'slactl' must be 1, got 2"), id="format version 2 is refused"),
    _case("missing-required.yaml", (2, "missing required key 'name'"), id="a policy without a name"),
    _case("unknown-key.yaml", (36, "unknown key 'descripton' in 'severities' (did you mean 'description'?)"),
          id="a misspelt key suggests the right one"),
    _case("wrong-type.yaml", (37, "'targets' must be a mapping, got a list"), id="a list where targets belong"),
    _case("wrong-scalar-type.yaml", (14, "'contacts' must be an integer or empty (null), got a string 'four'"),
          id="a word where a contact count belongs"),
    _case("bare-no-is-false.yaml",
          (10, "'country' must be a string, got true/false (quote it: YAML reads yes, no, on and off as true/false)"),
          id="a bare NO is read as false and the message says to quote it"),
    _case("negative-number.yaml", (14, "'tickets_per_year' must be at least 0, got -1"),
          id="a negative ticket quota"),
    _case("bad-id.yaml", (3, "'id' has a bad value 'Broken' (use lowercase letters, digits and dashes, e.g. my-provider)"),
          id="a provider id with capitals"),
    _case("trailing-newline-id.yaml",
          (3, "'id' has a bad value 'broken\\n' (use lowercase letters, digits and dashes, e.g. my-provider)"),
          id="an id with a line break at its end is refused: a pattern matches the whole text"),
    _case("lone-surrogate.yaml",
          (20, "'label' contains '\\ud83d', half of a UTF-16 surrogate pair and not a character (write the character "
               "itself, or escape it whole as \\U0001F600)"),
          id="an emoji escaped as a UTF-16 pair is two halves, not text"),
    _case("lone-surrogate-key.yaml",
          (23, "key 'response\\udc00' contains '\\udc00', half of a UTF-16 surrogate pair and not a character"),
          id="a key with half a surrogate pair"),
    _case("empty-label.yaml", (35, "'label' must not be empty"), id="an empty severity label"),
    _case("no-severities.yaml", (18, "'severities' needs at least 1 item(s)"), id="a policy with no severities"),
    _case("bad-duration.yaml",
          (24, "'max' has a bad value '4 hours' (write a number and a unit, e.g. 15m, 4h, 3d, 1h30m)"),
          id="a duration in words shows how to write one"),
    _case("bad-channel.yaml",
          (31, "'channel' must be one of: status-page, bulletin, notification, post-mortem, follow-up, report, ticket; got 'sms'"),
          id="an unknown channel lists the channels"),
    _case("bad-fact.yaml", (38, "'env' must be one of: production, non-production; got 'prod'"),
          id="an unknown environment fact"),
    _case("unknown-from.yaml", (26, "'from' must be one of: opened, resolved; got 'closed'"),
          id="a target counted from an unknown moment"),
    _case("unknown-target-name.yaml",
          (23, "unknown key 'reply' in 'targets' (expected one of: evaluation, response, mitigation, resolution, follow-up)"),
          id="an unknown target name lists the five"),
    _case("bad-weekday.yaml",
          (9, "bad key 'mon-fry' in 'hours' (write a weekday (mon, tue, wed, thu, fri, sat, sun) or a range such as mon-fri)"),
          id="a misspelt weekday"),
    _case("redefined-24x7.yaml", (7, "'24x7' is built in and cannot be redefined in 'calendars'; choose another name"),
          id="a calendar may not be called 24x7"),
    _case("bad-money.yaml",
          (20, "'express_rate' has a bad value '35 dollars' (write an amount with at most two decimals, e.g. \"35.00\")"),
          id="a rate in words"),
    # -- semantics: zones, calendars, hours ----------------------------------------------
    _case("unknown-zone.yaml",
          (5, "unknown time zone 'America/Bogata' (use an IANA name such as America/Bogota or an offset such as -05:00)"),
          id="a misspelt IANA zone"),
    _case("offset-out-of-range.yaml", (5, "time zone offset '+15:00' is out of range (at most 14:00)"),
          id="a fixed offset beyond 14 hours"),
    _case("unknown-holiday-country.yaml",
          (10, "unknown holiday country 'XX' (use an ISO 3166 code the holidays library supports, e.g. CO, MX, ES)"),
          id="a holiday country the library does not know"),
    _case("unknown-subdivision.yaml",
          (10, f"unknown subdivision 'ZZ' of ES (choose from: {_SPAIN})"),
          id="a subdivision Spain does not have"),
    _case("bad-closed-date.yaml", (11, "closed date '2026-02-30' is not a date (write 2026-12-24)"),
          id="a closed date that does not exist"),
    _case("empty-interval.yaml",
          (9, "opening hours '18:00-18:00' end before they start (an interval ending at midnight is written 24:00)"),
          id="opening hours that end where they start (an end before the start is a night)"),
    _case("night-into-morning.yaml",
          (9, "opening hours 22:00-09:00 on mon, tue, wed, thu run past midnight into the next day's 08:00-18:00"),
          id="a night running into the next morning's hours names the nights it happens on"),
    _case("bad-exception-date.yaml", (11, "exception date '2026-02-30' is not a date (write 2026-12-24)"),
          id="an exception on a date that does not exist"),
    _case("bad-exception-hours.yaml", (11, "bad exception 'half day' (write hours such as 09:00-13:00, or closed)"),
          id="an exception in words says what to write"),
    _case("exception-night-into-morning.yaml",
          (11, "opening hours 20:00-10:00 on 2026-12-23 run past midnight into the next day's 08:00-18:00"),
          id="an exception's night running into the next day's weekly hours"),
    _case("bad-holiday-date.yaml", (10, "holiday date '2026-13-01' in 'add' is not a date (write 2026-12-24)"),
          id="an added holiday that is not a date"),
    _case("holiday-added-and-removed.yaml", (10, "2026-12-24 is both added to and removed from the holidays"),
          id="a holiday both added and removed"),
    _case("remove-without-list.yaml", (10, "'remove' needs holidays to remove from: a country or an ics file"),
          id="removing holidays from no list"),
    _case("subdivision-without-country.yaml", (10, "'subdivision' needs a 'country'"),
          id="a subdivision without its country"),
    _case("empty-holidays.yaml", (10, "'holidays' is empty: give a country, an ics file or dates to add"),
          id="empty holidays"),
    _case("ics-missing.yaml", (10, "cannot read holidays file 'no-such-holidays.ics': No such file or directory"),
          id="a missing iCalendar file is located at its ics key"),
    _case("ics-malformed.yaml",
          (10, "holidays file 'malformed.ics' cannot be used: not iCalendar (it does not start with BEGIN:VCALENDAR)"),
          id="a file that is not iCalendar"),
    _case("ics-repeating.yaml",
          (10, "holidays file 'repeating.ics' cannot be used: event 'Navidad' repeats (RRULE/RDATE); list each date as "
               "its own event"),
          id="a repeating event names the event"),
    _case("overlapping-hours.yaml", (9, "opening hours 08:00-12:00 and 11:00-18:00 overlap on mon, tue, wed, thu, fri"),
          id="overlapping intervals are one line naming the days"),
    _case("hours-after-24.yaml", (9, "bad time in '08:00-25:00': hours run 00:00 to 24:00"),
          id="a time past 24:00"),
    _case("starts-at-24.yaml", (9, "'24:00-24:00' starts at 24:00; write the next day from 00:00"),
          id="an interval starting at 24:00"),
    _case("bad-hours-format.yaml", (9, "bad opening hours '8am-6pm' (write 08:00-19:00)"),
          id="opening hours in am/pm"),
    _case("backwards-day-range.yaml", (9, "day range 'fri-mon' runs backwards (write mon-fri)"),
          id="a weekday range that runs backwards"),
    _case("day-listed-twice.yaml", (10, "wed is listed twice (in 'mon-fri' and 'wed')"),
          id="a weekday under two keys"),
    _case("empty-calendar-used.yaml",
          (24, "calendar 'office' has no weekly opening hours, so target 'response' could not be due after its last exception date; give hours for days of the week"),
          (28, "calendar 'office' has no weekly opening hours, so target 'resolution' could not be due after its last exception date; give hours for days of the week"),
          id="targets on a calendar with no hours could never be due"),
    # -- semantics: targets --------------------------------------------------------------
    _case("zero-duration.yaml", (24, "'max' must be longer than zero, got '0h'"), id="a zero-length target"),
    _case("repeated-duration-unit.yaml", (24, "'max': bad duration '4h2h': unit 'h' appears twice"),
          id="a duration with one unit twice"),
    _case("warn-without-due.yaml", (40, "warning '75%' of target 'resolution' cannot apply: the target has no due time to warn before"),
          id="a warning on a target without a due time"),
    _case("warn-over-100.yaml", (25, "warning '150%' of target 'response' cannot apply: a share runs above 0% up to 100%"),
          id="a warning share above 100 percent"),
    _case("range-inverted.yaml", (26, "range of 'resolution' has min 3d greater than max 1d"),
          id="a range whose lower bound exceeds its upper bound"),
    _case("end-of-day-range-inverted.yaml",
          (26, "range of 'resolution' has min end-of-day+3d greater than max end-of-day+1d"),
          id="an end-of-day range whose lower bound exceeds its upper bound"),
    _case("target-without-bound.yaml",
          (23, "target 'response' needs one of max, min, min + max, exact, or none: true"),
          id="a target with no time"),
    _case("exact-with-max.yaml",
          (23, "target 'response' mixes exact, max; use exact alone, none alone, or min/max"),
          id="a target both exact and max"),
    _case("target-without-calendar.yaml", (23, "target 'response' needs a calendar (24x7, plan or one of: office)"),
          id="a timed target without a calendar"),
    _case("unknown-calendar.yaml", (25, "unknown calendar 'ofice' (choose from: 24x7, office)"),
          id="a target on an undeclared calendar"),
    # -- semantics: severities, plans, references ----------------------------------------
    _case("duplicate-severity-id.yaml", (40, "duplicate severity id 'high' (also at line 19)"),
          id="two severities with one id"),
    _case("duplicate-alias.yaml", (36, "alias 'urgente' of severity 'low' is already a name of severity 'high'"),
          id="an alias used by two severities"),
    _case("confusable-alias.yaml",
          (36, "alias 'аlta' of severity 'low' mixes scripts: 'а' (U+0430 CYRILLIC SMALL LETTER A) is Cyrillic among "
               "Latin letters, a look-alike; write the name in one script"),
          id="an alias with a Cyrillic letter among Latin ones names the letter"),
    _case("confusable-label.yaml",
          (35, "label 'BajΑ' of severity 'low' mixes scripts: 'Α' (U+0391 GREEK CAPITAL LETTER ALPHA) is Greek among "
               "Latin letters, a look-alike; write the name in one script"),
          id="a label with a Greek capital among Latin letters names the letter"),
    _case("invisible-alias.yaml",
          (36, "alias 'ur\\u200bgente' of severity 'low' has an invisible character '\\u200b' (U+200B ZERO WIDTH SPACE) "
               "at position 3: a name that looks like another; delete it"),
          id="an alias with a zero-width space names the character and where it is"),
    _case("default-severity-unknown.yaml",
          (17, "default severity 'medium' is not a severity (choose from: high, low)"),
          id="a default severity that does not exist"),
    _case("empty-phrase.yaml", (38, "phrase '-' must contain letters or digits"), id="a phrase with no letters"),
    _case("rule-without-match.yaml", (38, "a rule needs phrases, facts or both"), id="a rule with only a label"),
    _case("duplicate-plan.yaml", (14, "duplicate plan id 'basic'"), id="two plans with one id"),
    _case("two-default-plans.yaml",
          (16, "plan 'premium' is marked default, but so is plan 'basic'; only one plan can be the default"),
          id="two default plans blame the second"),
    _case("plan-unknown-calendar.yaml", (13, "unknown calendar 'offices' (choose from: 24x7, office)"),
          id="a plan on an undeclared calendar"),
    _case("plan-targets-unknown-severity.yaml", (15, "unknown severity 'medium' (choose from: high, low)"),
          id="plan targets for a severity that does not exist"),
    _case("plan-without-calendar.yaml", (14, "plan 'basic' has targets on the plan's calendar but no calendar"),
          id="plan targets with no plan calendar"),
    _case("note-unknown-severity.yaml", (20, "unknown severity 'medium' (choose from: high, low)"),
          id="a note for a severity that does not exist"),
    # -- semantics: communications and pricing -------------------------------------------
    _case("every-with-when.yaml",
          (33, "a recurring communication (every) cannot also have 'when'; drop it or drop 'every'"),
          id="a recurring communication with a when"),
    _case("end-of-day-after.yaml",
          (32, "'after' is elapsed time and cannot be 'end-of-day' (end-of-day is for targets and 'every')"),
          id="end-of-day where elapsed time belongs"),
    _case("cadence-unknown-calendar.yaml", (33, "unknown calendar 'ofice' (choose from: 24x7, office)"),
          id="a cadence on an undeclared calendar"),
    _case("calendar-without-every.yaml",
          (32, "'calendar' counts the time of 'every'; a communication without 'every' cannot have one"),
          id="a calendar on a one-off communication"),
    _case("guarantee-out-of-order.yaml", (21, "guarantee hours need min <= default <= max, got 1, 9, 8"),
          id="guarantee hours out of order"),
]


def test_every_bad_file_is_in_the_table():
    assert sorted(p.name for p in BAD.glob("*.yaml")) == sorted(case.values[0] for case in BROKEN)


# Files that cannot be one edit away from base.yaml: an alias needs its anchor elsewhere.
_TWO_EDITS = {"anchor.yaml"}


@pytest.mark.parametrize("file", sorted(p.name for p in BAD.glob("*.yaml")))
def test_every_bad_file_is_the_base_policy_plus_one_edit(file):
    import difflib

    base = (GOOD / "base.yaml").read_text().splitlines()[1:]
    bad = (BAD / file).read_text().splitlines()
    assert bad[0].startswith("# Defect: ")
    edits = [op for op in difflib.SequenceMatcher(None, base, bad[1:], autojunk=False).get_opcodes() if op[0] != "equal"]
    assert len(edits) == (2 if file in _TWO_EDITS else 1)


@pytest.mark.parametrize("file, problems", BROKEN)
def test_broken_policy_reports_each_problem_on_its_line(file, problems):
    path = BAD / file
    [(checked, found)] = list(loader.validate([path]))
    assert checked == path
    assert found == [f"{path}:{line}: {message}" for line, message in problems]
    assert all("\n" not in line for line in found)


@pytest.mark.parametrize("file", ["unknown-key.yaml", "anchor.yaml", "range-inverted.yaml", "python-tag.yaml",
                                  "night-into-morning.yaml", "duplicate-severity-id.yaml"])
def test_validate_command_prints_the_problem_and_exits_1(capsys, file):
    path = BAD / file
    code, out, err = run(capsys, "validate", str(path))
    assert code == 1
    assert out == ""
    lines = err.splitlines()
    assert lines[0].startswith(f"{path}:")
    assert lines[-1] == "slactl: error: 1 invalid file(s)"
    assert "Traceback" not in err


@pytest.mark.parametrize("file", ["minimal.yaml", "full.yaml", "base.yaml"])
def test_good_policy_validates(capsys, file):
    code, out, err = run(capsys, "validate", str(GOOD / file))
    assert (code, out, err) == (0, f"ok {GOOD / file}\n", "")


def test_bundled_set_validates(capsys):
    code, out, err = run(capsys, "validate")
    assert code == 0, err
    assert sorted(Path(line.removeprefix("ok ")).name for line in out.splitlines()) == [
        "athento.yaml", "conecta.yaml", "express.yaml", "ignus.yaml", "ivcisa.yaml"]


def test_good_and_bad_together_report_each_file_and_exit_1(capsys):
    code, out, err = run(capsys, "validate", str(GOOD / "minimal.yaml"), str(BAD / "zero-duration.yaml"),
                         str(BAD / "unknown-zone.yaml"))
    assert code == 1
    assert out == f"ok {GOOD / 'minimal.yaml'}\n"
    assert err.splitlines() == [
        f"{BAD / 'zero-duration.yaml'}:24: 'max' must be longer than zero, got '0h'",
        f"{BAD / 'unknown-zone.yaml'}:5: unknown time zone 'America/Bogata' (use an IANA name such as America/Bogota or an offset such as -05:00)",
        "slactl: error: 2 invalid file(s)",
    ]


# -- one file, many problems -------------------------------------------------------------

MANY = """\
slactl: 1
id: many
name: Many Problems
timezone: Europe/Madird
assumption: one
severities:
  - id: high
    label: Alta
    targets:
      response: {max: 4 hours, calendar: 24x7}
      resolution: {min: 3d, max: 1d, calendar: 24x7}
    communications:
      - {channel: sms, what: x}
"""


def test_a_file_with_several_structural_problems_reports_all_of_them(tmp_path):
    path = tmp_path / "many.yaml"
    path.write_text(MANY)
    [(_, problems)] = list(loader.validate([path]))
    assert problems == [
        f"{path}:5: unknown key 'assumption' (did you mean 'assumptions'?)",
        f"{path}:10: 'max' has a bad value '4 hours' (write a number and a unit, e.g. 15m, 4h, 3d, 1h30m)",
        f"{path}:13: 'channel' must be one of: status-page, bulletin, notification, post-mortem, follow-up, report, ticket; got 'sms'",
    ]


def test_a_file_with_several_semantic_problems_reports_all_of_them(tmp_path):
    path = tmp_path / "many.yaml"
    path.write_text(MANY.replace("assumption: one\n", "").replace("4 hours", "0m").replace("sms", "ticket"))
    [(_, problems)] = list(loader.validate([path]))
    assert problems == [
        f"{path}:4: unknown time zone 'Europe/Madird' (use an IANA name such as America/Bogota or an offset such as -05:00)",
        f"{path}:9: 'max' must be longer than zero, got '0m'",
        f"{path}:10: range of 'resolution' has min 3d greater than max 1d",
    ]


def test_load_raises_one_policy_error_with_every_problem_of_every_file():
    with pytest.raises(PolicyError) as caught:
        loader.load([BAD / "zero-duration.yaml", GOOD / "minimal.yaml", BAD / "duplicate-plan.yaml"])
    assert caught.value.problems == [
        f"{BAD / 'zero-duration.yaml'}:24: 'max' must be longer than zero, got '0h'",
        f"{BAD / 'duplicate-plan.yaml'}:14: duplicate plan id 'basic'",
    ]
    assert str(caught.value) == caught.value.problems[0]


# -- files that are not text -------------------------------------------------------------


def test_a_file_over_1_mib_is_refused_without_parsing(tmp_path):
    path = tmp_path / "huge.yaml"
    path.write_text("# padding\n" * 110_000)
    [(_, problems)] = list(loader.validate([path]))
    assert problems == [f"{path}:1: file is 1100000 bytes; policy files are limited to 1 MiB"]


def test_a_binary_file_is_refused(tmp_path):
    path = tmp_path / "binary.yaml"
    path.write_bytes(b"slactl: 1\n\x00\x01\x02")
    assert list(loader.validate([path])) == [(path, [f"{path}:1: binary file, not a YAML policy"])]


def test_a_latin1_file_names_the_line_and_byte(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("slactl: 1\nid: x\nname: Caída\n".encode("latin-1"))
    assert list(loader.validate([path])) == [(path, [f"{path}:3: not UTF-8 text (byte 0xed)"])]


def test_a_utf8_bom_is_accepted(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + (GOOD / "minimal.yaml").read_bytes())
    assert list(loader.validate([path])) == [(path, [])]


def test_a_billion_laughs_document_is_refused_at_its_first_anchor(tmp_path):
    path = tmp_path / "laughs.yaml"
    path.write_text('a: &a ["lol","lol"]\nb: &b [*a,*a]\nc: [*b,*b]\n')
    assert list(loader.validate([path])) == [
        (path, [f"{path}:1: anchors and aliases (&, *) are not allowed in policy files"])]


# -- which files are loaded --------------------------------------------------------------


def test_duplicate_provider_id_across_two_files_names_both(tmp_path):
    first, second = tmp_path / "a.yaml", tmp_path / "b.yaml"
    shutil.copy(GOOD / "minimal.yaml", first)
    shutil.copy(GOOD / "minimal.yaml", second)
    with pytest.raises(PolicyError) as caught:
        loader.load([tmp_path])
    assert caught.value.problems == [f"{second}:3: duplicate provider id 'minimal' (also in {first})"]


def test_a_directory_gives_its_yaml_files_sorted_and_skips_others(tmp_path):
    shutil.copy(GOOD / "minimal.yaml", tmp_path / "b.yml")
    shutil.copy(GOOD / "full.yaml", tmp_path / "a.yaml")
    (tmp_path / "README.md").write_text("not a policy")
    (tmp_path / "nested.yaml").mkdir()
    assert list(loader.expand([tmp_path])) == [tmp_path / "a.yaml", tmp_path / "b.yml"]
    assert [p.id for p in loader.load([tmp_path])] == ["full", "minimal"]


def test_a_directory_without_policies_is_bad_input(tmp_path):
    with pytest.raises(InputError, match=r"^no policy files \(\*\.yaml\) in directory '.*'$"):
        loader.load([tmp_path])


def test_bundled_paths_hold_the_five_seed_policies():
    assert sorted(p.id for p in loader.load(loader.bundled_paths())) == [
        "athento", "conecta", "express", "ignus", "ivcisa"]


@pytest.mark.parametrize("given, environ, expected", [
    pytest.param(["x.yaml"], {"SLACTL_POLICIES": "y.yaml"}, ["x.yaml"], id="--policies beats the environment"),
    pytest.param(["x.yaml", "d"], {}, ["x.yaml", "d"], id="--policies is repeatable"),
    pytest.param(None, {"SLACTL_POLICIES": os.pathsep.join(["y.yaml", "", "z"])}, ["y.yaml", "z"],
                 id="the environment variable is split on os.pathsep, empty parts skipped"),
    pytest.param(None, {"SLACTL_POLICIES": "  "}, None, id="a blank environment variable means the bundled set"),
    pytest.param(None, {}, None, id="nothing given means the bundled set"),
])
def test_active_paths(given, environ, expected):
    paths = loader.active_paths(given, environ)
    assert paths == ([Path(p) for p in expected] if expected is not None else loader.bundled_paths())


def test_policies_option_replaces_the_bundled_set(capsys):
    code, out, err = run(capsys, "--policies", str(GOOD / "minimal.yaml"), "providers", "--json")
    assert code == 0, err
    assert '"id": "minimal"' in out and '"athento"' not in out


def test_policies_option_repeated_loads_every_path(capsys):
    code, out, err = run(capsys, "-p", str(GOOD / "minimal.yaml"), "-p", str(GOOD / "full.yaml"), "providers", "--json")
    assert code == 0, err
    assert '"id": "minimal"' in out and '"id": "full"' in out


def test_environment_variable_replaces_the_bundled_set(capsys, monkeypatch):
    monkeypatch.setenv("SLACTL_POLICIES", os.pathsep.join([str(GOOD / "full.yaml"), str(SEEDS / "ignus.yaml")]))
    code, out, err = run(capsys, "providers", "--json")
    assert code == 0, err
    assert '"id": "full"' in out and '"id": "ignus"' in out and '"athento"' not in out


def test_a_bad_policy_in_the_active_set_fails_any_command_with_exit_1(capsys):
    code, out, err = run(capsys, "-p", str(BAD / "unknown-zone.yaml"), "providers")
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"{BAD / 'unknown-zone.yaml'}:5: unknown time zone 'America/Bogata' (use an IANA name such as America/Bogota or an offset such as -05:00)"]


@pytest.mark.parametrize("args", [
    pytest.param(["--policies", "no/such.yaml", "providers"], id="through --policies"),
    pytest.param(["validate", "no/such.yaml"], id="through validate"),
])
def test_a_missing_path_is_one_line_and_exit_2(capsys, args):
    code, out, err = run(capsys, *args)
    assert (code, out, err) == (2, "", "slactl: error: policy path 'no/such.yaml' does not exist\n")


# -- the format reference stays true -----------------------------------------------------

DOC = Path(__file__).resolve().parents[2] / "docs" / "policy-format.md"


def _complete_example() -> str:
    text = DOC.read_text(encoding="utf-8")
    start = text.index("```yaml\n", text.index("<!-- complete-example -->")) + len("```yaml\n")
    return text[start:text.index("```\n", start)]


def test_the_documented_complete_example_loads_and_matches_the_bundled_policy(tmp_path):
    path = tmp_path / "ivcisa.yaml"
    path.write_text(_complete_example(), encoding="utf-8")
    [documented] = loader.load([path])
    bundled = loader.load(loader.bundled_paths()).get("ivcisa")
    for severity in bundled.severities:
        for plan in bundled.plans:
            expected = [(t.name, t.describe(), t.calendar, t.start) for t in bundled.targets(severity, plan)]
            found = documented.targets(documented.severity(severity.id), documented.plan(plan.id))
            assert [(t.name, t.describe(), t.calendar, t.start) for t in found] == expected
    assert documented.default_plan.id == "24x7"
    assert hours_text(documented.calendar("business")) == "Mon-Fri 08:00-17:30"


def _keys(schema: dict) -> set[str]:
    return set(schema.get("properties", {}))


def test_the_format_reference_mentions_every_key_of_the_spec():
    from slactl.policy import spec

    text = DOC.read_text(encoding="utf-8")
    keys = _keys(spec.POLICY_SCHEMA)
    for definition in spec.POLICY_SCHEMA["$defs"].values():
        keys |= _keys(definition)
    keys |= _keys(spec.POLICY_SCHEMA["$defs"]["calendar"]["properties"]["holidays"])
    keys |= _keys(spec.POLICY_SCHEMA["$defs"]["pricing"]["properties"]["guarantee_hours"])
    assert sorted(k for k in keys if f"`{k}`" not in text and f"{k}:" not in text) == []
