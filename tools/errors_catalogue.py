"""The error catalogue, so it cannot drift: ``python tools/errors_catalogue.py > docs/errors.md``.

A development script, not part of the package (nothing in the wheel parses Python source). The
semantic rules of the policy format come from their table (``slactl.policy.rules.RULES``); the
messages of the loader, the structure check and durations, and every ``InputError`` (or row
problem) of the other modules, are read from the source. ``tests/hostile/test_rule_table.py``
checks that docs/errors.md equals this output and that every policy message is earned by a
file of the hostile corpus.
"""

from __future__ import annotations

import ast
import re
import string
import sys
from dataclasses import dataclass
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[1] / "src" / "slactl"
POLICY_MODULES = ("loader", "structure", "rules", "duration")
_FILES = {"loader": "policy/load", "structure": "policy/structure", "duration": "businesstime/duration"}
_PREFIX = re.compile(r"^\{[^}]*\}:\{[^}]*\}: ")  # the FILE:LINE: a loader f-string starts with


@dataclass(frozen=True, slots=True, order=True)
class Template:
    """One message as written in the source: literal text with ``{...}`` holes."""

    module: str
    parts: tuple[str | None, ...]  # literal text, or None for a hole

    @property
    def text(self) -> str:
        return "".join("…" if part is None else part for part in self.parts)

    @property
    def pattern(self) -> re.Pattern:
        return re.compile("".join(".*?" if part is None else re.escape(part) for part in self.parts) + r"\Z", re.S)

    def matches(self, message: str) -> bool:
        """``message`` is an instance; a duration's message comes after the key it belongs to."""
        return bool(self.pattern.search(message) if self.module == "duration" else self.pattern.match(message))


def _parts(node: ast.expr) -> list[str | None] | None:
    """The literal and hole parts of a message expression; None if it is not a message."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        parts: list[str | None] = []
        for value in node.values:
            parts.extend(_parts(value) or [None] if isinstance(value, ast.Constant) else [None])
        return parts
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _parts(node.left), _parts(node.right)
        if left is None and right is None:
            return None
        return (left or [None]) + (right or [None])
    return None


def _merge(parts: list[str | None]) -> tuple[str | None, ...]:
    merged: list[str | None] = []
    for part in parts:
        if part is None and merged and merged[-1] is None:
            continue
        if part is not None and merged and merged[-1] is not None:
            merged[-1] += part
        elif part != "":
            merged.append(part)
    return tuple(merged)


def _template(module: str, node: ast.expr, *, located: bool = False) -> Template | None:
    parts = _parts(node)
    if parts is None or not any(isinstance(p, str) and p.strip(" .:;()") for p in parts):
        return None
    if located:
        parts = _after_location(parts)
        if parts is None:
            return None
    return Template(module, _merge(parts))


def _after_location(parts: list[str | None]) -> list[str | None] | None:
    """``f"{file}:{line}: message"`` or ``f"{file}:1: message"`` -> the message parts."""
    if len(parts) < 2 or parts[0] is not None or not isinstance(parts[1], str):
        return None
    literal = re.match(r"^:\d+: (.*)$", parts[1], re.S)
    if literal:
        return [literal.group(1), *parts[2:]]
    if parts[1] == ":" and len(parts) > 3 and parts[2] is None and isinstance(parts[3], str) and parts[3].startswith(": "):
        return [parts[3][2:], *parts[4:]]
    return None


def _calls(tree: ast.AST, name: str) -> list[ast.Call]:
    def called(node: ast.Call) -> str:
        func = node.func
        return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""

    return [node for node in ast.walk(tree) if isinstance(node, ast.Call) and called(node) == name]


def _format_parts(message: str) -> list[str | None]:
    """A ``str.format`` template as literal parts and holes (None)."""
    parts: list[str | None] = []
    for literal, field, _, _ in string.Formatter().parse(message):
        parts.append(literal)
        if field is not None:
            parts.append(None)
    return parts


def _tree(module: str) -> ast.Module:
    return ast.parse((SOURCE / f"{_FILES[module]}.py").read_text(encoding="utf-8"))


def policy_rules() -> list[Template]:
    """Every message a policy file can earn, deduplicated, in source order per module."""
    found: list[Template] = []
    from slactl.policy.rules import RULES

    loader, structure, duration = (_tree(m) for m in ("loader", "structure", "duration"))
    for call in _calls(loader, "_Problem"):
        found.append(_template("loader", call.args[1]))
    for node in ast.walk(loader):  # helpers that return a whole message
        if isinstance(node, ast.FunctionDef) and node.name.endswith("_message"):
            found += [_template("loader", r.value) for r in ast.walk(node) if isinstance(r, ast.Return) and r.value]
    for call in _calls(loader, "problem"):
        found.append(_template("loader", call.args[1]))
    for call in _calls(loader, "PolicyError") + _calls(loader, "append"):
        for arg in call.args:
            for item in arg.elts if isinstance(arg, ast.List) else [arg]:
                found.append(_template("loader", item, located=True))
    for node in ast.walk(structure):
        if isinstance(node, ast.Yield) and isinstance(node.value, ast.Tuple) and len(node.value.elts) == 2:
            found.append(_template("structure", node.value.elts[1]))
        if isinstance(node, ast.FunctionDef) and node.name == "_check_name":
            found += [_template("structure", r.value) for r in ast.walk(node) if isinstance(r, ast.Return) and r.value]
    for rule in RULES:
        found.append(Template("rules", _merge(_format_parts(rule.message))))
    for call in _calls(duration, "ValueError"):
        found.append(_template("duration", call.args[0]))
    return _unique(found)


_INPUT_CALLS = {"InputError": 0, "BadRow": 1}  # the call, and which argument is the message


def input_errors() -> list[Template]:
    """Every ``InputError`` message (and row problem) outside the policy loader."""
    found: list[Template] = []
    for path in sorted(SOURCE.rglob("*.py")):
        module = path.relative_to(SOURCE).with_suffix("").as_posix().replace("/", ".")
        if module in ("policy.load", "policy.structure", "policy.rules", "policy.build", "businesstime.duration"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for name, index in _INPUT_CALLS.items():
            for call in _calls(tree, name):
                if len(call.args) > index:
                    found.append(_template(module, call.args[index]))
        for node in ast.walk(tree):  # worklog: problems.append((line, f"..."))
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "append"
                    and node.args and isinstance(node.args[0], ast.Tuple) and len(node.args[0].elts) == 2):
                found.append(_template(module, node.args[0].elts[1]))
        for node in ast.walk(tree):  # calendar.limits: the messages are constants
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str) \
                    and any(isinstance(t, ast.Name) and t.id.isupper() and t.id in ("NEVER_REACHED", "BEYOND_9999") for t in node.targets):
                found.append(_template(module, node.value))
    return _unique(found)


def _unique(templates: list[Template | None]) -> list[Template]:
    seen, result = set(), []
    for template in templates:
        if template is not None and (template.module, template.parts) not in seen:
            seen.add((template.module, template.parts))
            result.append(template)
    return result


EXIT_CODES = [
    ("0", "Success. `validate`: every file is valid. `due --check`: nothing is breached."),
    ("1", "A failed check: an invalid policy file (any command), a breached target with `due --check`, "
          "rows skipped by `due --input`/`report`, an invalid file in `validate`."),
    ("2", "Bad input: an unknown provider, severity or plan, a bad time, amount, option or file, "
          "output that cannot be written. Nothing was computed."),
    ("129", "Interrupted by SIGHUP (the terminal went away): one line `slactl: error: interrupted`, and the "
            "temporary file of `--output` or `--ics` removed."),
    ("130", "Interrupted (Ctrl-C, SIGINT): the same."),
    ("143", "Stopped by SIGTERM: the same."),
]

_HEAD = """\
# Errors

<!-- Generated by `python tools/errors_catalogue.py > docs/errors.md`; do not edit.
     tests/hostile/test_rule_table.py fails when this file and the code disagree. -->

slactl never prints a traceback for a mistake in its input: every problem is one line on
stderr, and the exit code says which kind it is. Anything else is a bug; please report it.

- A problem in a policy file is `FILE:LINE: message`, one line per problem, every problem of
  every file (`slactl validate` ends with `slactl: error: N invalid file(s)`).
- A problem with a command's input is `slactl: error: message`.
- A bad row of a ticket export or worklog is `FILE:LINE: message`, followed by one
  `slactl: error: ...` summary line.
- A mistake on the command line itself (an unknown command or option, a missing argument, a
  value outside a fixed choice) is `slactl: error: ... (see slactl COMMAND --help)`, exit 2.
- `--json` never mixes errors into stdout.

In the catalogue below, `…` stands for the part of a message that names the value at fault
(a key, a file, a time, the closest suggestions).

## Exit codes

| code | meaning |
|---|---|
"""


def render() -> str:
    lines = [_HEAD.rstrip("\n")]
    lines += [f"| {code} | {meaning} |" for code, meaning in EXIT_CODES]
    lines += ["", "## Policy files (exit 1)", ""]
    titles = {"loader": "Reading the file and YAML safety", "structure": "Structure (keys, types, values; see `spec.py`)",
              "rules": "Meaning (calendars, targets, severities, plans, references; `policy/rules.py`)", "duration": "Durations"}
    rules = policy_rules()
    for module in POLICY_MODULES:
        lines += [f"### {titles[module]}", ""]
        lines += [f"- `{_code(t.text)}`" for t in rules if t.module == module]
        lines.append("")
    lines += ["## Command input (exit 2; rows: exit 1 when skipped, 2 for a worklog)", ""]
    errors = input_errors()
    for module in sorted({t.module for t in errors}):
        lines += [f"### `{module}`", ""]
        lines += [f"- `{_code(t.text)}`" for t in errors if t.module == module]
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _code(text: str) -> str:
    return text.replace("`", "'")


if __name__ == "__main__":
    sys.path.insert(0, str(SOURCE.parent))
    print(render(), end="")
