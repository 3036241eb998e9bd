"""docs/classification.md documents the lexicon and every provider's decision table: a concept,
a component or a row added without its line there fails here."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from cli_helpers import run
from slactl.policy import load as loader
from slactl.sla.lexicon import lexicon

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "classification.md").read_text(encoding="utf-8")
POLICIES = loader.load(loader.active_paths(None))


def test_every_concept_and_component_is_documented():
    missing = [e.id for e in (*lexicon().concepts, *lexicon().components) if f"`{e.id}`" not in DOC]
    assert missing == []


@pytest.mark.parametrize("policy", [p for p in POLICIES if p.decisions.rows], ids=lambda p: p.id)
def test_every_row_of_a_bundled_table_is_documented_with_its_seed_sentence(policy):
    section = DOC.split(f"(`{policy.id}`)")[1].split("###")[0]
    undocumented = [row for row in policy.decisions.rows
                    if f"| `{row.severity}` | {', '.join(row.concepts) or 'any'} |" not in section
                    or row.source.replace("|", "\\|") not in section]
    assert undocumented == []


EXAMPLES = re.findall(r"```console\n\$ (slactl .*?)\n(.*?)```", DOC, re.S)


@pytest.mark.parametrize(("command", "expected"), EXAMPLES, ids=[c[:60] for c, _ in EXAMPLES])
def test_the_example_prints_what_the_page_says(capsys, monkeypatch, command, expected):
    assert len(EXAMPLES) == 2
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("SLACTL_POLICIES", raising=False)
    code, out, _ = run(capsys, *shlex.split(command)[1:])
    assert code == 0 and out.strip() == expected.strip()
