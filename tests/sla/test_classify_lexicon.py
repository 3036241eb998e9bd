"""The shared lexicon: its compiled JSON is the YAML compiled, its concepts and fact values are
the ones the policy format names, and every concept is reachable from its own words.

Regenerate the JSON after editing the YAML:
``SLACTL_REGENERATE=1 python -m pytest tests/sla/test_classify_lexicon.py``.
"""

from __future__ import annotations

import json
import os

import pytest
import yaml

from slactl.policy import load as loader
from slactl.policy import spec
from slactl.sla import lexicon as lexicon_module
from slactl.sla.lexicon import lexicon
from slactl.sla.reading import read
from slactl.sla.textmatch import Text

SOURCE = yaml.safe_load(lexicon_module.SOURCE.read_text(encoding="utf-8"))


def compiled_text() -> str:
    return json.dumps(lexicon_module.compile_source(SOURCE), ensure_ascii=False, separators=(",", ":")) + "\n"


def test_the_compiled_lexicon_is_the_yaml_compiled():
    fresh = compiled_text()
    if os.environ.get("SLACTL_REGENERATE"):
        lexicon_module.COMPILED.write_text(fresh, encoding="utf-8")
    assert lexicon_module.COMPILED.read_text(encoding="utf-8") == fresh, (
        "lexicon.json is stale: SLACTL_REGENERATE=1 python -m pytest tests/sla/test_classify_lexicon.py")


def test_the_concepts_are_the_ones_the_policy_format_names():
    assert tuple(c["id"] for c in SOURCE["concepts"]) == spec.CONCEPTS


def test_the_fact_values_are_the_ones_the_policy_format_names():
    read_facts = {fact: tuple(v for v in values if v != "customer-facing")
                  for fact, values in SOURCE["facts"].items() if fact != "scope"}
    assert read_facts == {k: v for k, v in spec.READ_FACTS.items() if k != "scope"}
    assert "customer-facing" in SOURCE["facts"]["env"]  # read as production unless an environment is named
    # whole: said of the whole itself (completamente), read as everything; function: read from subjects, not words
    assert tuple(SOURCE["facts"]["scope"]) == ("whole", "everything", "part")
    assert set(spec.READ_FACTS["scope"]) == {"everything", "part", "function"}


def test_every_concept_has_spanish_and_english_wordings():
    assert [c["id"] for c in SOURCE["concepts"] if not (c.get("es") and c.get("en"))] == []


@pytest.mark.parametrize("concept", [c["id"] for c in SOURCE["concepts"]])
def test_every_plain_wording_of_a_concept_finds_its_concept(concept):
    """A wording without classes or groups, written as a text, is read as its concept (or as a
    longer concept that absorbs it)."""
    raw = next(c for c in SOURCE["concepts"] if c["id"] == concept)
    plain = [w for language in ("es", "en") for w in raw[language]
             if not any(mark in w for mark in "{(=") and not w.startswith("no ")]
    missed = [w for w in plain if concept not in read(Text.of(w), lexicon()).concept_ids()]
    longer = [w for w in missed if read(Text.of(w), lexicon()).concepts]  # read as a more specific concept
    assert sorted(set(missed) - set(longer)) == []


def test_every_concept_a_bundled_policy_names_is_in_the_lexicon():
    named = {c for policy in loader.load(loader.active_paths(None)) for row in policy.decisions.rows for c in row.concepts}
    assert named <= {entry.id for entry in lexicon().concepts}


def test_the_lexicon_is_read_without_pyyaml(tmp_path):
    import subprocess
    import sys

    probe = "import sys; from slactl.sla.lexicon import lexicon; lexicon(); print('yaml' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
