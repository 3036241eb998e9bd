"""`slactl schema` and schema/policy.schema.json: the loader's own model, usable by any JSON Schema tool.

One source of truth: ``spec.POLICY_SCHEMA`` is what the loader checks structure against, what
``slactl schema`` prints and what the shipped file holds. The jsonschema library, reading the
same document, must agree with the loader on every good and every structurally bad test file.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from cli_helpers import run
from slactl.policy import load as loader
from slactl.policy import spec
from slactl.policy import structure
from slactl.cli.schema import render
from slactl.errors import PolicyError

ROOT = Path(__file__).resolve().parents[2]
SCHEMA_FILE = ROOT / "schema" / "policy.schema.json"
BUNDLED = sorted((ROOT / "policies").glob("*.yaml"))
TESTDATA = ROOT / "tests" / "testdata" / "validate"
VALIDATOR = jsonschema.Draft202012Validator(spec.POLICY_SCHEMA)


def _properties(schema: object, where: str = "") -> set[tuple[str, str]]:
    """Every (key, place) the schema defines, walking nested objects and $defs."""
    found: set[tuple[str, str]] = set()
    if isinstance(schema, dict):
        for key, value in schema.get("properties", {}).items():
            found.add((key, where))
            found |= _properties(value, f"{where}.{key}")
        for key, value in schema.items():
            if key != "properties":
                found |= _properties(value, f"{where}/{key}")
    elif isinstance(schema, list):
        for item in schema:
            found |= _properties(item, where)
    return found


def test_the_schema_is_a_valid_draft_2020_12_schema():
    jsonschema.Draft202012Validator.check_schema(spec.POLICY_SCHEMA)
    assert spec.POLICY_SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_slactl_schema_prints_the_loader_model_as_json(capsys):
    code, out, err = run(capsys, "schema")
    assert (code, err) == (0, "")
    assert json.loads(out) == spec.POLICY_SCHEMA


def test_the_shipped_schema_file_is_in_sync_with_the_model():
    # Regenerate with: slactl schema > schema/policy.schema.json
    assert SCHEMA_FILE.read_text(encoding="utf-8") == render(spec.POLICY_SCHEMA)
    assert render(spec.POLICY_SCHEMA) == json.dumps(spec.POLICY_SCHEMA, indent=2) + "\n"


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: f"bundled {p.name} validates with jsonschema")
def test_every_bundled_policy_validates_against_the_schema(path):
    errors = [e.message for e in VALIDATOR.iter_errors(loader.read(path).data)]
    assert errors == []


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: f"bundled {p.name} points editors at the schema")
def test_every_bundled_policy_names_the_schema_for_editors(path):
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schema/policy.schema.json"


def _testdata():
    for path in sorted(TESTDATA.glob("*/*.yaml")):
        try:
            document = loader.read(path)
        except PolicyError:
            continue  # not YAML the loader accepts: nothing to compare
        yield pytest.param(document, id=f"jsonschema agrees with the loader on {path.parent.name}/{path.name}")


# Where the loader is rightly stricter than Python's jsonschema, with the reason.
STRICTER = {
    "trailing-newline-id.yaml": "Python's jsonschema reads a pattern with re.search, whose $ matches before a trailing "
                                "line break; JSON Schema's own dialect (ECMA-262) and the loader do not",
    "lone-surrogate.yaml": "half of a UTF-16 pair is a str to Python but no character: JSON Schema has no word for it",
}


@pytest.mark.parametrize("document", list(_testdata()))
def test_jsonschema_and_the_loader_agree_on_structure(document):
    loader_problems = list(structure.check(document.data, spec.POLICY_SCHEMA, spec.POLICY_SCHEMA))
    jsonschema_problems = list(VALIDATOR.iter_errors(document.data))
    if Path(document.file).name in STRICTER:
        assert loader_problems and not jsonschema_problems, STRICTER[Path(document.file).name]
        return
    assert bool(loader_problems) == bool(jsonschema_problems), (loader_problems, [e.message for e in jsonschema_problems])


def test_a_key_added_to_the_model_appears_in_the_schema_and_its_documentation():
    # A key added to spec.py is in POLICY_SCHEMA by construction; this checks the reference page
    # names it too, so `slactl schema`, the editor and docs/policy-format.md never drift apart.
    page = (ROOT / "docs" / "policy-format.md").read_text(encoding="utf-8")
    missing = sorted({key for key, _ in _properties(spec.POLICY_SCHEMA)
                      if not re.search(rf"(`{re.escape(key)}[`:]|^\s*{re.escape(key)}:)", page, re.M)})
    assert missing == []


def test_every_key_used_by_a_bundled_policy_is_a_property_of_the_schema():
    defined = {key for key, _ in _properties(spec.POLICY_SCHEMA)}
    free_form = set(spec.TARGET_NAMES) | set(spec.WEEKDAYS)

    def keys(value: object, parent: str = "") -> set[str]:
        if isinstance(value, dict):
            # Mapping keys that are names (calendars, weekdays, severities in plan targets) are data.
            own = set() if parent in ("calendars", "hours", "targets") else set(value)
            return own.union(*(keys(v, k) for k, v in value.items()))
        if isinstance(value, list):
            return set().union(*(keys(v, parent) for v in value)) if value else set()
        return set()

    used = set().union(*(keys(loader.read(p).data) for p in BUNDLED))
    assert used - defined - free_form == set()
