"""Nothing lost: no command writes to a policy file; file outputs (``comms --ics``, ``due --input
--output``) appear whole or not at all, never replace a file without ``--force``, and a failed
run leaves neither a partial file nor a temporary one."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cli_helpers import run
from hostile_helpers import refused

POLICIES = Path(__file__).resolve().parents[2] / "policies"
OPENED = "2026-11-20T10:00"
TICKETS = "provider,severity,opened,resolved\nignus,high,2026-11-20T10:00,2026-11-21T10:00\n"
WORKLOG = "start,end,phase\n2026-11-20T10:00,2026-11-20T12:00,normalization\n"


@pytest.fixture
def policies(tmp_path) -> Path:
    directory = tmp_path / "policies"
    shutil.copytree(POLICIES, directory)
    return directory


def _snapshot(directory: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in sorted(directory.iterdir())}


COMMANDS = [
    pytest.param(["providers"], id="providers"),
    pytest.param(["show", "athento", "--json"], id="show"),
    pytest.param(["validate"], id="validate"),
    pytest.param(["due", "ignus", "--severity", "high", "--opened", OPENED, "--now", "2026-11-23T09:00", "--check"],
                 id="due --check"),
    pytest.param(["due", "--input", "{tickets}", "--output", "{out}/results.csv"], id="due --input --output"),
    pytest.param(["classify", "conecta", "caída total del servicio", "--opened", OPENED], id="classify"),
    pytest.param(["comms", "conecta", "--severity", "total-outage", "--opened", OPENED, "--ics", "{out}/c.ics"],
                 id="comms --ics"),
    pytest.param(["quote", "--normalization", "5", "--mitigation", "2"], id="quote"),
    pytest.param(["quote", "--worklog", "{worklog}"], id="quote --worklog"),
    pytest.param(["report", "{tickets}", "--json"], id="report"),
    pytest.param(["schema"], id="schema"),
    pytest.param(["due", "ignus", "--severity", "nope", "--opened", OPENED], id="a failing due"),
]


@pytest.mark.parametrize("args", COMMANDS)
def test_no_command_touches_a_policy_file(capsys, tmp_path, policies, args):
    (tmp_path / "tickets.csv").write_text(TICKETS, encoding="utf-8")
    (tmp_path / "worklog.csv").write_text(WORKLOG, encoding="utf-8")
    (tmp_path / "out").mkdir()
    values = {"tickets": tmp_path / "tickets.csv", "worklog": tmp_path / "worklog.csv", "out": tmp_path / "out"}
    before = _snapshot(policies)
    code, _, err = run(capsys, "--policies", str(policies), *(a.format(**values) for a in args))
    assert "Traceback" not in err and code in (0, 1, 2)
    assert _snapshot(policies) == before


def test_a_broken_policy_is_left_exactly_as_it_was(capsys, tmp_path):
    path = tmp_path / "broken.yaml"
    shutil.copy(Path(__file__).parents[1] / "testdata" / "validate" / "bad" / "syntax-error.yaml", path)
    before = _snapshot(tmp_path)
    for args in (["validate", str(path)], ["--policies", str(path), "providers"]):
        assert run(capsys, *args)[0] == 1
    assert _snapshot(tmp_path) == before


# -- file outputs --------------------------------------------------------------------------------

COMMS = ["comms", "conecta", "--severity", "total-outage", "--opened", OPENED]


def _due_output(tmp_path: Path, *extra: str) -> list[str]:
    (tmp_path / "tickets.csv").write_text(TICKETS, encoding="utf-8")
    return ["due", "--input", str(tmp_path / "tickets.csv"), "--output", *extra]


@pytest.mark.parametrize("command", [pytest.param(lambda t, f: [*COMMS, "--ics", f], id="comms --ics"),
                                     pytest.param(lambda t, f: _due_output(t, f), id="due --output")])
def test_an_existing_file_is_refused_without_force_and_replaced_with_it(capsys, tmp_path, command):
    target = tmp_path / "precious.txt"
    target.write_text("keep me\n")
    assert refused(capsys, *command(tmp_path, str(target))) == (2, f"{target} already exists; pass --force to replace it")
    assert target.read_text() == "keep me\n"
    code, _, err = run(capsys, *command(tmp_path, str(target)), "--force")
    assert (code, err) == (0, "")
    assert target.read_text() != "keep me\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".slactl-")] == []


def test_the_batch_output_may_not_be_its_input(capsys, tmp_path):
    args = _due_output(tmp_path, str(tmp_path / "tickets.csv"), "--force")
    assert refused(capsys, *args) == (2, f"--output {tmp_path / 'tickets.csv'} is the input file; write the results elsewhere")
    assert (tmp_path / "tickets.csv").read_text() == TICKETS


@pytest.mark.parametrize("rows, args", [
    pytest.param("ignus,high,yesterday,\n", ["--strict"], id="due --strict stopping at a bad row"),
    pytest.param("ignus,high,2026-11-20T10:00,\n", ["--now", "soon"], id="due with a bad --now"),
])
def test_a_failed_batch_leaves_no_output_file(capsys, tmp_path, rows, args):
    (tmp_path / "tickets.csv").write_text(TICKETS + rows, encoding="utf-8")
    target = tmp_path / "results.csv"
    code, _, err = run(capsys, "due", "--input", str(tmp_path / "tickets.csv"), "--output", str(target), *args)
    assert code in (1, 2) and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tickets.csv"]


def test_a_batch_that_fails_mid_stream_leaves_no_partial_file(capsys, tmp_path):
    source = tmp_path / "tickets.csv"
    source.write_bytes(TICKETS.encode() + b"ignus,high,2026-11-20T10:00,\n" * 5000 + b"ignus,\xff\xfe,x,\n")
    code, message = refused(capsys, "due", "--input", str(source), "--output", str(tmp_path / "results.csv"))
    assert (code, message) == (2, f"{source}: not UTF-8 text")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tickets.csv"]


def test_a_failed_comms_run_writes_no_calendar(capsys, tmp_path):
    target = tmp_path / "c.ics"
    code, _ = refused(capsys, "comms", "conecta", "--severity", "nope", "--opened", OPENED, "--ics", str(target))
    assert code == 2 and list(tmp_path.iterdir()) == []
    code, _ = refused(capsys, *COMMS[:-2], "--opened", "9999-12-31T00:00", "--ics", str(target))
    assert code == 2 and list(tmp_path.iterdir()) == []
