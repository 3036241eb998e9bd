"""Hostile policy files, each built in a temporary directory: the bytes, and the one problem
line they must give (``FILE:LINE: message``). Shared by test_yaml (through the CLI) and
test_rule_table (every rule of the loader must be hit by some file)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

GOOD = Path(__file__).parents[1] / "testdata" / "validate" / "good"
BASE = (GOOD / "base.yaml").read_text(encoding="utf-8")
MINIMAL = (GOOD / "minimal.yaml").read_text(encoding="utf-8")


def edit(old: str, new: str, text: str = BASE) -> bytes:
    """``text`` with one unique edit, as UTF-8."""
    assert text.count(old) == 1, old
    return text.replace(old, new).encode("utf-8")


def laughs(levels: int = 9) -> bytes:
    """The "billion laughs": each level an anchor holding ten aliases of the one before."""
    lines = ['lol0: &lol0 "lol"']
    lines += [f"lol{i}: &lol{i} [{', '.join([f'*lol{i - 1}'] * 10)}]" for i in range(1, levels + 1)]
    return ("\n".join(lines) + "\n").encode()


@dataclass(frozen=True)
class Bad:
    id: str
    content: bytes
    line: int
    message: str


# -- reading: size, bytes, encoding --------------------------------------------------------
READING = [
    Bad("a 50 MB file is refused by its size before any parsing",
        b"# padding\n" * 5_000_000, 1, "file is 50000000 bytes; policy files are limited to 1 MiB"),
    Bad("a PNG renamed .yaml is a binary file",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 1, "binary file, not a YAML policy"),
    Bad("a UTF-16 file (NUL bytes) is a binary file",
        MINIMAL.encode("utf-16"), 1, "binary file, not a YAML policy"),
    Bad("a Latin-1 accent on line 4 names the line and the byte",
        MINIMAL.replace("Minimal Provider", "Compañía").encode("latin-1"), 4, "not UTF-8 text (byte 0xf1)"),
    Bad("an empty file", b"", 1, "the file is empty"),
    Bad("a file of blank lines", b"\n\n   \n", 1, "the file is empty"),
    Bad("a bare document marker is a null document", b"---\n", 2, "a policy must be a mapping, got empty (null)"),
    Bad("a bell character", b"slactl: 1\nname: \x07\n", 1,
        "YAML error: unacceptable character #x0007: special characters are not allowed"),
    Bad("a customers file among the policies", b"slactl: 1\ncustomers:\n  - {id: a, name: A, provider: ignus}\n", 1,
        "a customers file, not a policy: give it with --customers (or $SLACTL_CUSTOMERS), not among the policies"),
]

# -- YAML syntax and safety ------------------------------------------------------------------
YAML = [
    Bad("a flow list that never closes is blamed where it opens",
        edit("    aliases: [alta, urgente]\n", "    aliases: [alta, urgente\n"), 22,
        "YAML syntax error: expected ',' or ']', but got ':'"),
    Bad("a quote that never closes at the end of the file is blamed where it opens",
        BASE.encode() + b"source: 'unfinished\n", 40, "YAML syntax error: a quoted scalar that starts here never ends"),
    Bad("a mapping value where none may start",
        edit("name: Broken Provider\n", "name: Broken: Provider\n"), 4,
        "YAML syntax error: mapping values are not allowed here"),
    Bad("a tab before a nested key",
        edit("    label: Alta\n", "\tlabel: Alta\n"), 20,
        "YAML syntax error: found character '\\t' that cannot start any token (indent with spaces, not tabs)"),
    Bad("two documents in one file",
        BASE.encode() + b"---\nslactl: 1\n", 40, "YAML syntax error: but found another document"),
    Bad("a duplicate key deep in a calendar names the first",
        edit('      mon-fri: "08:00-18:00"\n', '      mon-fri: "08:00-18:00"\n      mon-fri: "09:00-17:00"\n'), 10,
        "duplicate key 'mon-fri' (first at line 9)"),
    Bad("the billion laughs is refused at its first anchor", laughs(), 1,
        "anchors and aliases (&, *) are not allowed in policy files"),
    Bad("an alias alone (no anchor) is refused",
        edit("    label: Baja\n", "    label: *alta\n"), 35,
        "anchors and aliases (&, *) are not allowed in policy files"),
    Bad("a list nested 10000 deep is refused, not a recursion error",
        b"slactl: " + b"[" * 10_000 + b"]" * 10_000 + b"\n", 1,
        "nested more than 32 levels deep; a policy needs far fewer"),
    Bad("a python object tag is refused and never built",
        edit("name: Broken Provider\n", "name: !!python/object/new:os.system [echo pwned]\n"), 4,
        "tag '!!python/object/new:os.system' is not allowed in policy files (write plain YAML values)"),
    Bad("a python name tag is refused",
        edit("name: Broken Provider\n", "name: !!python/name:os.system\n"), 4,
        "tag '!!python/name:os.system' is not allowed in policy files (write plain YAML values)"),
    Bad("a binary tag is refused", edit("name: Broken Provider\n", "name: !!binary aGVsbG8=\n"), 4,
        "tag '!!binary' is not allowed in policy files (write plain YAML values)"),
    Bad("a set tag on a mapping is refused", edit("plans:\n", "plans: !!set\n"), 11,
        "tag '!!set' is not allowed in policy files (write plain YAML values)"),
    Bad("a complex key is refused", edit("name: Broken Provider\n", "name: Broken Provider\n? [a, b]\n: c\n"), 5,
        "a key must be a plain scalar"),
    Bad("a null key is refused", edit("name: Broken Provider\n", "name: Broken Provider\n~: c\n"), 5,
        "a key must be a plain scalar"),
    Bad("a bare yes as a key is not a string", edit("name: Broken Provider\n", "name: Broken Provider\nyes: c\n"), 5,
        "key True must be a string"),
    Bad("a scalar where the policy belongs", b"just some text\n", 1, "a policy must be a mapping, got a string"),
]

# -- structure and semantics the bad/ table does not already cover ---------------------------
SEMANTICS = [
    Bad("24:00 may end an interval but 24:30 is past midnight",
        edit('"08:00-18:00"', '"08:00-24:30"'), 9, "bad time in '08:00-24:30': hours run 00:00 to 24:00"),
    Bad("minutes past 59",
        edit('"08:00-18:00"', '"08:75-18:00"'), 9, "bad time in '08:75-18:00': hours run 00:00 to 24:00"),
    Bad("an empty interval (start equals end)",
        edit('"08:00-18:00"', '"08:00-08:00"'), 9,
        "opening hours '08:00-08:00' end before they start (an interval ending at midnight is written 24:00)"),
    Bad("two intervals of one day overlapping in a list",
        edit('mon-fri: "08:00-18:00"', 'mon-fri: ["08:00-13:00", "12:00-18:00"]'), 9,
        "opening hours 08:00-13:00 and 12:00-18:00 overlap on mon, tue, wed, thu, fri"),
    Bad("a negative duration does not parse",
        edit("        max: 4h\n", "        max: -4h\n"), 24,
        "'max' has a bad value '-4h' (write a number and a unit, e.g. 15m, 4h, 3d, 1h30m)"),
    Bad("a duration in minutes of zero", edit("        max: 4h\n", "        max: 0m\n"), 24,
        "'max' must be longer than zero, got '0m'"),
    Bad("a duration of a million days is out of range", edit("        max: 4h\n", "        max: 1000000d\n"), 24,
        "'max': a duration cannot exceed 100000 days"),
    Bad("a recurring communication every zero hours", edit("        every: 4h\n", "        every: 0h\n"), 32,
        "'every' must be longer than zero, got '0h'"),
    Bad("a recurring communication with an until", edit("        every: 4h\n", "        every: 4h\n        until: 1d\n"), 33,
        "a recurring communication (every) cannot also have 'until'; drop it or drop 'every'"),
    Bad("a label that folds to an alias of another severity",
        edit("    label: Baja\n", "    label: Urgente\n"), 35,
        "label 'Urgente' of severity 'low' is already a name of severity 'high'"),
    Bad("the other severity's id as an alias",
        edit("    aliases: [baja]\n", "    aliases: [baja, high]\n"), 36,
        "alias 'high' of severity 'low' is already a name of severity 'high'"),
    Bad("targets on the plan calendar in a policy without plans",
        edit("        calendar: office\n      resolution:", "        calendar: plan\n      resolution:",
             BASE.replace("plans:\n  - id: basic\n    calendar: office\n  - id: premium\n    default: true\n    calendar: 24x7\n", "")),
        12, "a target counts on the plan's calendar but the policy has no plans"),
    Bad("an unknown zone abbreviation", edit("timezone: America/Bogota", "timezone: EST5EDTX"), 5,
        "unknown time zone 'EST5EDTX' (use an IANA name such as America/Bogota or an offset such as -05:00)"),
    Bad("a negative money amount", edit("default_severity: low\n", "default_severity: low\n"
                                        "pricing:\n  currency: USD\n  express_rate: '-1'\n"
                                        "  guarantee_hours: {min: 1, default: 1, max: 8}\n"), 20,
        "'express_rate' has a bad value '-1' (write an amount with at most two decimals, e.g. \"35.00\")"),
    Bad("a NaN rate passes the type check but is no amount",
        edit("default_severity: low\n", "default_severity: low\npricing:\n  currency: USD\n  express_rate: .nan\n"
             "  guarantee_hours: {min: 1, default: 1, max: 8}\n"), 20,
        "'express_rate' must be a non-negative amount such as \"35.00\", got nan"),
    Bad("an explicit int tag on a word",
        edit("    calendar: office\n  - id: premium", "    calendar: office\n    contacts: !!int four\n  - id: premium"), 14,
        "bad value 'four': invalid literal for int() with base 10: 'four'"),
    Bad("a fixed offset of 99 hours", edit("timezone: America/Bogota", "timezone: '+99:00'"), 5,
        "time zone offset '+99:00' is out of range (at most 14:00)"),
]

# -- the classification table (decision rows) ----------------------------------------------------
_ROW = "      severity: high\n      source: Alta, by contract.\n"
DECISIONS = [
    Bad("a decision row gives a severity the policy does not have",
        BASE.encode() + b"classification:\n  table:\n    - concepts: [service-down]\n      severity: urgent\n"
                        b"      source: Urgente, by contract.\n", 43,
        "decision row gives 'urgent', which is not a severity id (choose from: high, low)"),
    Bad("a decision row with neither concepts nor facts would hold for every incident",
        BASE.encode() + b"classification:\n  table:\n    - label: always\n" + _ROW.encode(), 42,
        "a decision row needs concepts, facts or both"),
    Bad("a row accepts an unknown environment in a table that requires it",
        BASE.encode() + b"classification:\n  requires: [env]\n  table:\n    - env: [production, unknown]\n"
        + _ROW.encode(), 43, "the table requires env, so a row cannot accept env 'unknown'"),
    Bad("a table requires a fact no row tests",
        BASE.encode() + b"classification:\n  requires: [env]\n  table:\n    - concepts: [service-down]\n"
        + _ROW.encode(), 41, "the table requires 'env', but no row tests it"),
]

ALL = READING + YAML + SEMANTICS + DECISIONS
