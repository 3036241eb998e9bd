"""Every validation rule of the policy format is exercised by a hostile file, and the error
catalogue in docs/errors.md is the one the code has.

The messages come from ``tools/errors_catalogue.py``: each row of the rule table
(``slactl.policy.rules.RULES``), each ``yield`` of ``structure``, each located problem of
``loader``, each ``ValueError`` of ``duration``. A new rule fails
``test_every_policy_rule_is_hit_by_a_hostile_file`` until a file in tests/testdata/validate/bad
or tests/hostile/policy_corpus.py earns its message.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import sys

from policy_corpus import ALL, GOOD
from slactl.policy import load as loader
from slactl.policy import spec
from slactl.policy import structure
from slactl.errors import PolicyError

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import errors_catalogue as errors_doc  # noqa: E402 - a development script beside the package
BAD = ROOT / "tests" / "testdata" / "validate" / "bad"
LOCATION = re.compile(r"^.+?:\d+: ")

# Rules no file can reach, each with the reason. Keep this short: prefer a test.
UNREACHABLE = {
    ("loader", "is a directory, not a policy file"): "expand() lists a directory's files; read() only guards a race",
    ("duration", "a duration cannot be negative"): "the duration pattern admits no minus sign",
    ("duration", "bad duration …: write a number and a unit, e.g. 15m, 4h, 3d, 1h30m"):
        "the spec's duration pattern refuses such text first, with its own hint",
}


def _messages(tmp_path: Path) -> list[str]:
    for index, case in enumerate(ALL):
        (tmp_path / f"{index:03d}.yaml").write_bytes(case.content)
    paths = sorted(BAD.glob("*.yaml")) + sorted(tmp_path.glob("*.yaml"))
    for device in ("/dev/zero", "/proc/self/mem"):  # an endless device; a file that fails to read
        if Path(device).exists():
            paths.append(Path(device))
    problems = [problem for _, found in loader.validate(paths) for problem in found]
    twice = tmp_path / "twice"
    twice.mkdir()
    for name in ("a.yaml", "b.yaml"):
        shutil.copy(GOOD / "minimal.yaml", twice / name)
    with pytest.raises(PolicyError) as caught:
        loader.load([twice])
    problems += caught.value.problems
    return [LOCATION.sub("", problem, count=1) for problem in problems]


@pytest.fixture(scope="module")
def messages(tmp_path_factory) -> list[str]:
    return _messages(tmp_path_factory.mktemp("corpus"))


RULES = errors_doc.policy_rules()


def test_the_rule_table_is_read_from_every_policy_module():
    assert {rule.module for rule in RULES} == set(errors_doc.POLICY_MODULES)
    assert len(RULES) >= 60


@pytest.mark.parametrize("rule", RULES, ids=[f"{r.module}: {r.text}" for r in RULES])
def test_every_policy_rule_is_hit_by_a_hostile_file(messages, rule):
    if (rule.module, rule.text) in UNREACHABLE:
        pytest.skip(UNREACHABLE[rule.module, rule.text])
    assert any(rule.matches(message) for message in messages), (
        f"no file of tests/testdata/validate/bad or tests/hostile/policy_corpus.py earns the {rule.module} "
        f"rule {rule.text!r}: add one")


def test_the_unreachable_list_names_only_real_rules():
    assert set(UNREACHABLE) <= {(rule.module, rule.text) for rule in RULES}


def test_every_message_of_the_corpus_comes_from_a_rule(messages):
    unknown = [m for m in messages if not any(rule.matches(m) for rule in RULES)]
    assert unknown == []


# -- the spec's own rules: every JSON Schema keyword it uses is one structure enforces --------
# ("format": date is checked by build, "closed date … is not a date")

ENFORCED = {"type", "const", "enum", "minimum", "minItems", "minLength", "pattern", "required", "properties",
            "additionalProperties", "propertyNames", "items", "$ref", "not", "format"}
ANNOTATIONS = {"$schema", "$id", "$defs", "title", "description", "examples", "default", "$comment", "deprecated"}


def _keywords(schema, found: set[str]) -> set[str]:
    if isinstance(schema, dict):
        for key, value in schema.items():
            found.add(key)
            if key in ("properties", "$defs"):
                for sub in value.values():
                    _keywords(sub, found)
            elif key not in ("enum", "const", "required", "examples", "default"):
                _keywords(value, found)
    elif isinstance(schema, list):
        for item in schema:
            _keywords(item, found)
    return found


def test_every_keyword_of_the_spec_is_enforced_by_the_structure_check():
    used = _keywords(spec.POLICY_SCHEMA, set()) - ANNOTATIONS
    assert used - ENFORCED == set(), "structure.check ignores these JSON Schema keywords: a spec rule would go unchecked"


def test_every_pattern_of_the_spec_has_a_hint():
    patterns = {v for v in _values(spec.POLICY_SCHEMA, "pattern")}
    assert patterns - set(structure._PATTERN_HINTS) == set()


def _values(schema, wanted: str):
    if isinstance(schema, dict):
        for key, value in schema.items():
            if key == wanted and isinstance(value, str):
                yield value
            else:
                yield from _values(value, wanted)
    elif isinstance(schema, list):
        for item in schema:
            yield from _values(item, wanted)


# -- docs/errors.md -----------------------------------------------------------------------------


def test_the_error_catalogue_is_generated_from_the_code():
    document = (ROOT / "docs" / "errors.md").read_text(encoding="utf-8")
    assert document == errors_doc.render(), "regenerate: python tools/errors_catalogue.py > docs/errors.md"


def test_the_catalogue_lists_every_rule_and_every_exit_code():
    document = errors_doc.render()
    assert all(f"- `{rule.text}`" in document for rule in RULES)
    assert all(f"| {code} |" in document for code in ("0", "1", "2", "130"))


def test_a_new_rule_without_a_hostile_file_is_caught(monkeypatch, messages):
    from slactl.policy import rules

    off_world = rules.Rule("zone-off-world", "zone {value!r} is off-world", rules._key("timezone"),
                           lambda text, _: iter([{"value": text}] if text == "Mars/Base" else []))
    monkeypatch.setattr(rules, "RULES", (*rules.RULES, off_world))
    [new] = [rule for rule in errors_doc.policy_rules() if rule not in RULES]
    assert (new.module, new.text) == ("rules", "zone … is off-world")
    assert not any(new.matches(message) for message in messages)
