"""Shell completion (bash, zsh, fish) through click's mechanism: the installed ``slactl`` script
run the way each shell's completion script (``slactl --show-completion SHELL``) runs it, with
the words typed so far in ``COMP_WORDS`` and ``COMP_CWORD``."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD = ROOT / "tests" / "testdata" / "validate" / "good"
SLACTL = shutil.which("slactl", path=str(Path(sys.executable).parent)) or shutil.which("slactl")


def _complete(shell: str, line: str, **extra_env: str) -> tuple[int, list[str], str]:
    """Complete the last word of ``line`` (ending in a space: a new word) as ``shell`` would."""
    env = {k: v for k, v in os.environ.items() if k != "SLACTL_POLICIES"} | extra_env
    env["_SLACTL_COMPLETE"] = f"{shell}_complete"
    words = line.split() + ([""] if line.endswith(" ") else [])
    if shell == "fish":  # fish passes the word being completed itself
        env |= {"COMP_WORDS": line, "COMP_CWORD": words[-1]}
    else:
        env |= {"COMP_WORDS": line, "COMP_CWORD": str(len(words) - 1)}
    done = subprocess.run([SLACTL], env=env, capture_output=True, text=True, timeout=60, cwd=ROOT)
    return done.returncode, done.stdout.splitlines(), done.stderr


def _values(shell: str, lines: list[str]) -> list[str]:
    """click writes ``type,value`` (bash), ``type\nvalue\nhelp`` triples (zsh), ``type,value\thelp`` (fish)."""
    if shell == "zsh":
        return lines[1::3]
    return [line.split(",", 1)[1].split("\t")[0] for line in lines]


CASES = [
    pytest.param("slactl show ", {"athento", "conecta", "express", "ignus", "ivcisa"}, id="a provider argument offers every provider id"),
    pytest.param("slactl show i", {"ignus", "ivcisa"}, id="a provider argument offers the ids starting with what is typed"),
    pytest.param("slactl classify con", {"conecta"}, id="classify completes its provider"),
    pytest.param("slactl quote --provider ex", {"express"}, id="quote completes --provider"),
    pytest.param("slactl show athento --plan ", {"starter", "plus", "standard", "company", "enterprise"},
                 id="--plan offers the chosen provider's plans only"),
    pytest.param("slactl classify ivcisa --plan b", {"business-hours"}, id="classify --plan completes ivcisa's plans"),
    pytest.param("slactl due ignus --severity ", {"urgent", "high", "medium", "low", "alta", "urgente", "prioridad-alta"},
                 id="due --severity offers ids and Spanish aliases of the provider"),
    pytest.param("slactl due conecta -s ca", {"caida-total", "caida"},
                 id="conecta's Caída Total completes as one word without the accent"),
    pytest.param("slactl due conecta -s caí", {"caída-total", "caída"},
                 id="an accent typed still matches, completed as typed (slactl ignores accents)"),
    pytest.param("slactl show IG", {"IGnus"}, id="capitals typed still match (provider ids ignore case)"),
    pytest.param("slactl comms ivcisa --severity prod", {"production-down", "production-active", "produccion-inactiva"},
                 id="comms --severity completes ivcisa's severities"),
    pytest.param("slactl due athento --plan ent", {"enterprise"}, id="due --plan completes athento's plans"),
]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
@pytest.mark.parametrize("line, expected", CASES)
def test_completion_offers(shell, line, expected):
    code, lines, err = _complete(shell, line)
    assert (code, err) == (0, "")
    assert expected <= set(_values(shell, lines))


def test_a_provider_given_narrows_severities_to_its_own():
    _, lines, _ = _complete("bash", "slactl due ignus --severity ")
    assert "plain,total-outage" not in lines and "plain,blocker" not in lines and "plain,urgent" in lines


def test_fish_shows_the_label_as_help():
    _, lines, _ = _complete("fish", "slactl due conecta -s total")
    assert "plain,total-outage\tCaída Total" in lines


def test_completion_reads_the_policies_given_with_the_root_option():
    _, lines, _ = _complete("bash", f"slactl --policies {GOOD / 'minimal.yaml'} show ")
    assert lines == ["plain,minimal"]


def test_completion_reads_the_policies_of_the_environment():
    _, lines, _ = _complete("bash", "slactl show ", SLACTL_POLICIES=str(GOOD / "minimal.yaml"))
    assert lines == ["plain,minimal"]


@pytest.mark.parametrize("line", [
    pytest.param("slactl --policies /does/not/exist show ", id="a missing policy path completes nothing, silently"),
    pytest.param(f"slactl --policies {ROOT / 'tests' / 'testdata' / 'validate' / 'bad'} show ",
                 id="broken policy files are skipped, silently"),
    pytest.param("slactl due nosuch --severity ", id="an unknown provider falls back to every provider"),
])
def test_completion_never_fails_or_prints_errors(line):
    code, lines, err = _complete("bash", line)
    assert (code, err) == (0, "")


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_show_completion_prints_the_script_for_each_shell(shell):
    done = subprocess.run([SLACTL, "--show-completion", shell], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0
    assert f"_SLACTL_COMPLETE={shell}_complete" in done.stdout
    assert {"bash": "complete -o nosort -F", "zsh": "compdef", "fish": "complete --no-files --command slactl"}[shell] in done.stdout
