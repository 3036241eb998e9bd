"""Fuzzing the policy loader: YAML-ish text and random mutations of the bundled policies end in
a policy or in ``PolicyError``/``InputError`` whose every problem is one ``FILE:LINE: message``
line; never another exception. The budget is small and fixed so CI stays fast; no timing is
asserted (slow examples would show as a hypothesis health check, not a flaky failure)."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from budget import examples
from hypothesis import strategies as st

from slactl.policy import build
from slactl.policy import load as loader
from slactl.errors import InputError, PolicyError
from slactl.policy.model import Policy

POLICIES = Path(__file__).resolve().parents[2] / "policies"
BUNDLED = [p.read_text(encoding="utf-8") for p in sorted(POLICIES.glob("*.yaml"))]
PROBLEM = re.compile(r"^.+:\d+: .+$")
FUZZ = settings(max_examples=examples(150), deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

TOKENS = [
    ":", ": ", "- ", "-", "?", "&a ", "*a", "<<: *a", "!!python/object/apply:os.system ['true']", "!x ", "!!str ",
    "\t", "  ", "[", "]", "{", "}", ",", "'", '"', "#", "|", ">", "...", "---", "%YAML 1.1", "\n", "\r\n",
    "24:00", "00:00-24:00", "08:00-07:00", "0h", "-1h", "1d1d", "99999999d", "4h", "mon-sun", "sun-mon",
    "~", "null", "yes", "no", "on", "1e999", ".nan", "-.inf", "0x1F", "9" * 40, "2026-02-30", "\ufeff",
    "\u00e9", "\u202e", "calendar: plan", "calendar: 24x7", "timezone: Mars/Base", "country: XX", "id: high",
]


def _judge(text: str) -> None:
    try:
        document = loader.parse(text, "fuzz.yaml")
        loader.check_document(document)
        result = build.policy(document)  # a document every rule accepts always builds
    except PolicyError as error:
        assert error.problems, "a PolicyError names at least one problem"
        for problem in error.problems:
            assert "\n" not in problem and PROBLEM.match(problem), repr(problem)
            assert problem.startswith("fuzz.yaml:")
    except InputError as error:
        assert "\n" not in str(error) and str(error)
    else:
        assert isinstance(result, Policy)


@FUZZ
@given(st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=12)), max_size=60).map("".join))
def test_yaml_ish_text_is_a_policy_or_located_problems(text):
    _judge(text)


@st.composite
def mutated(draw) -> str:
    lines = draw(st.sampled_from(BUNDLED)).splitlines(keepends=True)
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        at = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "token", "indent", "truncate", "replace"]))
        if action == "delete":
            del lines[at]
        elif action == "duplicate":
            lines.insert(at, lines[at])
        elif action == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[at], lines[other] = lines[other], lines[at]
        elif action == "token":
            column = draw(st.integers(0, len(lines[at])))
            lines[at] = lines[at][:column] + draw(st.sampled_from(TOKENS)) + lines[at][column:]
        elif action == "indent":
            lines[at] = draw(st.sampled_from(["", " ", "   ", "\t", "      "])) + lines[at].lstrip(" ")
        elif action == "truncate":
            lines = lines[:at]
        else:
            key, colon, _ = lines[at].partition(":")
            if colon:
                lines[at] = f"{key}: {draw(st.sampled_from(TOKENS))}\n"
    return "".join(lines)


@FUZZ
@given(mutated())
def test_mutated_bundled_policies_are_a_policy_or_located_problems(text):
    _judge(text)


@settings(max_examples=examples(60), deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=300), st.sampled_from(BUNDLED))
def test_arbitrary_bytes_in_a_file_are_a_policy_or_located_problems(noise, text):
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "fuzz.yaml"
        cut = len(noise) % (len(text) + 1)
        path.write_bytes(text.encode()[:cut] + noise + text.encode()[cut:])
        try:
            loader.load([path])
        except PolicyError as error:
            assert all("\n" not in p and PROBLEM.match(p) and p.startswith(f"{path}:") for p in error.problems)
