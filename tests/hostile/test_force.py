"""Data loss with ``--force``: ``due --output`` and ``comms --ics`` never replace a file of the active
policy set (however it is named: a file, a directory, ``$SLACTL_POLICIES``, a symbolic or hard
link), the input, or anything that is not a regular file (a device, a named pipe, a directory,
a symbolic link to one of those). Each is one line, exit 2, the target untouched, no temporary
file left."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from cli_helpers import run
from hostile_helpers import refused
from slactl.cli.outfile import check_output
from slactl.cli.state import State
from slactl.errors import InputError

POLICIES = Path(__file__).resolve().parents[2] / "policies"
TICKETS = "provider,severity,opened\nignus,high,2026-11-20T10:00\n"
COMMS = ["comms", "conecta", "--severity", "total-outage", "--opened", "2026-11-23T10:00"]


@pytest.fixture
def policies(tmp_path) -> Path:
    directory = tmp_path / "policies"
    shutil.copytree(POLICIES, directory)
    return directory


def _due(tmp_path: Path, target: str) -> list[str]:
    (tmp_path / "tickets.csv").write_text(TICKETS, encoding="utf-8")
    return ["due", "--input", str(tmp_path / "tickets.csv"), "--output", target, "--now", "2026-11-21T00:00"]


WRITERS = [pytest.param(lambda t, f: [*COMMS, "--ics", f], "--ics", id="comms --ics"),
           pytest.param(_due, "--output", id="due --output")]


def _left(directory: Path) -> list[str]:
    return [p.name for p in directory.iterdir() if p.name.startswith(".slactl-")]


@pytest.mark.parametrize("writer, option", WRITERS)
@pytest.mark.parametrize("given", ["directory", "file", "environment"])
def test_force_never_replaces_an_active_policy_file(capsys, tmp_path, policies, monkeypatch, writer, option, given):
    target = policies / "conecta.yaml"
    before = target.read_bytes()
    if given == "environment":
        monkeypatch.setenv("SLACTL_POLICIES", f"{policies / 'ignus.yaml'}{os.pathsep}{target}")
        chosen: list[str] = []
    else:
        chosen = ["--policies", str(policies if given == "directory" else target)]
    code, message = refused(capsys, *chosen, *writer(tmp_path, str(target)), "--force")
    assert (code, message) == (2, f"{option} {target} is a file of the active policy set; slactl never writes a policy file")
    assert target.read_bytes() == before and _left(policies) == []


@pytest.mark.parametrize("writer, option", WRITERS)
@pytest.mark.parametrize("link", ["symbolic", "hard"])
def test_force_never_replaces_a_policy_file_through_a_link(capsys, tmp_path, policies, writer, option, link):
    target = tmp_path / "innocent.ics"
    (os.symlink if link == "symbolic" else os.link)(policies / "conecta.yaml", target)
    before = (policies / "conecta.yaml").read_bytes()
    code, message = refused(capsys, "--policies", str(policies), *writer(tmp_path, str(target)), "--force")
    assert code == 2 and message.endswith("is a file of the active policy set; slactl never writes a policy file")
    assert (policies / "conecta.yaml").read_bytes() == before and target.read_bytes() == before


def test_the_bundled_policies_are_active_files_that_nothing_replaces(monkeypatch):
    monkeypatch.delenv("SLACTL_POLICIES", raising=False)
    files = State(None).policy_files()
    assert sorted(p.name for p in files) == ["athento.yaml", "conecta.yaml", "express.yaml", "ignus.yaml", "ivcisa.yaml"]
    for file in files:
        with pytest.raises(InputError, match="is a file of the active policy set"):
            check_output(str(file), force=True, protected=files)


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _directory(path: Path) -> None:
    path.mkdir()


def _device(path: Path) -> None:
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # the numbers of /dev/null
    except PermissionError:
        pytest.skip("making a device node needs root")


def _link_to_fifo(path: Path) -> None:
    _fifo(path.with_name("fifo"))
    path.symlink_to(path.with_name("fifo"))


@pytest.mark.parametrize("writer, option", WRITERS)
@pytest.mark.parametrize("make, kind", [(_fifo, "a named pipe"), (_directory, "a directory"), (_device, "a device"),
                                        (_link_to_fifo, "a named pipe")],
                         ids=["a named pipe", "a directory", "a device like /dev/null", "a symbolic link to a pipe"])
def test_force_never_replaces_what_is_not_a_regular_file(capsys, tmp_path, writer, option, make, kind):
    target = tmp_path / "target"
    make(target)
    mode = os.lstat(target).st_mode
    code, message = refused(capsys, *writer(tmp_path, str(target)), "--force")
    assert (code, message) == (2, f"{option} {target} is {kind}, not a regular file; slactl only replaces regular files "
                                  "(leave out the option to write to stdout)")
    assert os.lstat(target).st_mode == mode and _left(tmp_path) == []


@pytest.mark.parametrize("writer, option", WRITERS)
def test_force_still_replaces_a_regular_file_and_a_dangling_link(capsys, tmp_path, writer, option):
    for target in (tmp_path / "old.out", tmp_path / "dangling"):
        if target.name == "dangling":
            target.symlink_to(tmp_path / "nowhere")
        else:
            target.write_text("old")
        assert refused(capsys, *writer(tmp_path, str(target)))[1] == f"{target} already exists; pass --force to replace it"
        code, _, err = run(capsys, *writer(tmp_path, str(target)), "--force")
        assert (code, err) == (0, "") and target.is_file() and not target.is_symlink()
        assert target.read_text() != "old" and _left(tmp_path) == []


@pytest.mark.parametrize("writer, option", WRITERS)
def test_force_replaces_a_files_content_keeping_its_mode_and_the_links_to_it(capsys, tmp_path, writer, option):
    # As a shell's > does: the link stays a link, the file it names gets the output, and a file
    # readable by its group only does not become readable by everyone.
    real, link = tmp_path / "real.out", tmp_path / "link.out"
    real.write_text("old")
    real.chmod(0o640)
    link.symlink_to(real)
    code, _, err = run(capsys, *writer(tmp_path, str(link)), "--force")
    assert (code, err) == (0, "")
    assert link.is_symlink() and real.read_text() != "old" and stat.S_IMODE(real.stat().st_mode) == 0o640
    assert _left(tmp_path) == []


def test_the_input_through_a_link_is_still_the_input(capsys, tmp_path):
    args = _due(tmp_path, str(tmp_path / "alias.csv"))
    os.symlink(tmp_path / "tickets.csv", tmp_path / "alias.csv")
    code, message = refused(capsys, *args, "--force")
    assert (code, message) == (2, f"--output {tmp_path / 'alias.csv'} is the input file; write the results elsewhere")
    assert (tmp_path / "tickets.csv").read_text() == TICKETS


def test_a_policy_file_that_fails_to_load_is_still_never_replaced(capsys, tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text("slactl: 1\nid: [\n")
    code, _, err = run(capsys, "--policies", str(broken), *COMMS, "--ics", str(broken), "--force")
    assert code == 1 and broken.read_text() == "slactl: 1\nid: [\n" and _left(tmp_path) == []
