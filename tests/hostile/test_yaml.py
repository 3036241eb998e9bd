"""Hostile policy files through the real CLI: exit 1, one ``FILE:LINE: message`` per problem,
never a traceback, never a hang. Paths that are not policy files: exit 2, one line."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from cli_helpers import run
from hostile_helpers import policy_problems, refused
from policy_corpus import ALL, GOOD

BAD = Path(__file__).parents[1] / "testdata" / "validate" / "bad"
PROBLEM = re.compile(r"^(?P<file>.+):(?P<line>\d+): (?P<message>\S[^\n]*)$")


@pytest.mark.parametrize("case", ALL, ids=[c.id for c in ALL])
def test_hostile_policy_file_is_one_located_line_and_exit_1(capsys, tmp_path, case):
    path = tmp_path / "policy.yaml"
    path.write_bytes(case.content)
    code, lines = policy_problems(capsys, path)
    assert (code, lines) == (1, [f"{path}:{case.line}: {case.message}"])


# The table of tests/test_loader.py pins each message of testdata/validate/bad; here each file
# also goes through the CLI, as the active policy set of an ordinary command.
@pytest.mark.parametrize("file", sorted(p.name for p in BAD.glob("*.yaml")))
def test_every_broken_policy_of_the_loader_table_fails_a_command_with_located_lines(capsys, file):
    code, lines = policy_problems(capsys, BAD / file, "show", "broken")
    assert code == 1
    assert lines and all(PROBLEM.match(line) and PROBLEM.match(line)["file"] == str(BAD / file) for line in lines)


@pytest.mark.parametrize("args", [
    pytest.param(["due", "broken", "--severity", "high", "--opened", "2026-11-20T10:00"], id="due"),
    pytest.param(["classify", "broken", "caída total"], id="classify"),
    pytest.param(["comms", "broken", "--severity", "high", "--opened", "2026-11-20T10:00"], id="comms"),
    pytest.param(["quote", "--provider", "broken", "--normalization", "1"], id="quote"),
    pytest.param(["validate"], id="validate of the active set"),
])
def test_a_broken_active_policy_fails_every_command_before_it_runs(capsys, args):
    path = BAD / "unknown-zone.yaml"
    code, out, err = run(capsys, "--policies", str(path), *args)
    assert code == 1 and out == "" and "Traceback" not in err
    assert err.splitlines()[0] == (f"{path}:5: unknown time zone 'America/Bogata' "
                                   "(use an IANA name such as America/Bogota or an offset such as -05:00)")


def test_validate_reports_every_hostile_file_of_a_directory_and_exits_1(capsys, tmp_path):
    for index, case in enumerate(ALL):
        (tmp_path / f"{index:02d}.yaml").write_bytes(case.content)
    code, out, err = run(capsys, "validate", str(tmp_path))
    assert code == 1 and out == "" and "Traceback" not in err
    lines = err.splitlines()
    assert lines[-1] == f"slactl: error: {len(ALL)} invalid file(s)"
    assert [PROBLEM.match(line)["message"] for line in lines[:-1]] == [case.message for case in ALL]


# -- paths that are not policy files -----------------------------------------------------------


def test_a_missing_policy_path_is_bad_input(capsys, tmp_path):
    code, message = refused(capsys, "--policies", str(tmp_path / "nope.yaml"), "providers")
    assert (code, message) == (2, f"policy path '{tmp_path / 'nope.yaml'}' does not exist")


def test_a_dangling_symlink_is_a_missing_path(capsys, tmp_path):
    (tmp_path / "link.yaml").symlink_to(tmp_path / "gone.yaml")
    code, message = refused(capsys, "--policies", str(tmp_path / "link.yaml"), "providers")
    assert (code, message) == (2, f"policy path '{tmp_path / 'link.yaml'}' does not exist")


def test_a_directory_without_policies_is_bad_input(capsys, tmp_path):
    (tmp_path / "notes.txt").write_text("not a policy")
    (tmp_path / "sub.yaml").mkdir()
    code, message = refused(capsys, "--policies", str(tmp_path), "providers")
    assert (code, message) == (2, f"no policy files (*.yaml) in directory '{tmp_path}'")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_an_unreadable_file_is_one_line(capsys, tmp_path):
    path = tmp_path / "secret.yaml"
    path.write_bytes((GOOD / "minimal.yaml").read_bytes())
    path.chmod(0)
    code, lines = policy_problems(capsys, path)
    assert (code, lines) == (1, [f"{path}:1: cannot read: Permission denied"])


@pytest.mark.skipif(not Path("/proc/self/mem").exists(), reason="Linux only")
def test_a_file_that_fails_to_read_is_one_line(capsys):
    code, lines = policy_problems(capsys, "/proc/self/mem")
    assert (code, lines) == (1, ["/proc/self/mem:1: cannot read: Input/output error"])


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_device_is_cut_at_the_size_limit(capsys):
    code, lines = policy_problems(capsys, "/dev/zero")
    assert (code, lines) == (1, ["/dev/zero:1: more than 1048576 bytes; policy files are limited to 1 MiB"])


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_a_named_pipe_without_a_writer_does_not_hang(capsys, tmp_path):
    path = tmp_path / "pipe.yaml"
    os.mkfifo(path)
    code, lines = policy_problems(capsys, path)
    assert (code, lines) == (1, [f"{path}:1: the file is empty"])


def test_a_policy_path_from_the_environment_pointing_nowhere_is_bad_input(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("SLACTL_POLICIES", str(tmp_path / "nowhere"))
    code, message = refused(capsys, "providers")
    assert (code, message) == (2, f"policy path '{tmp_path / 'nowhere'}' does not exist")
