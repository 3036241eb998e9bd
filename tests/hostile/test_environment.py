"""The environments slactl meets unattended, through ``python -m slactl`` in a subprocess: a policy
path from the environment pointing nowhere, a reader that goes away, no terminal, a narrow
locale, a full disk. Few cases: each costs a Python start."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOW = ["show", "conecta"]
DUE = ["due", "athento", "--severity", "bloqueante", "--plan", "enterprise", "--opened", "2026-11-20T18:30",
       "--now", "2026-11-23T09:00"]


def slactl(args: list[str], *, env: dict[str, str] | None = None, stdout=subprocess.PIPE) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if not k.startswith(("SLACTL_", "LC_", "PYTHONIO"))}
    environ.update(env or {})
    return subprocess.run([sys.executable, "-m", "slactl", *args], stdout=stdout, stderr=subprocess.PIPE,
                          env=environ, cwd=ROOT, timeout=60)


def no_traceback(done: subprocess.CompletedProcess) -> str:
    err = done.stderr.decode("utf-8", "replace")
    assert "Traceback" not in err and "Exception ignored" not in err, err
    return err


def test_a_policy_path_in_the_environment_that_does_not_exist_is_one_line(tmp_path):
    done = slactl(["providers"], env={"SLACTL_POLICIES": "/nonexistent/policies"})
    assert done.returncode == 2 and done.stdout == b""
    assert no_traceback(done) == "slactl: error: policy path '/nonexistent/policies' does not exist\n"


def test_a_policy_path_of_separators_only_is_refused_not_an_empty_set():
    done = slactl(["providers"], env={"SLACTL_POLICIES": os.pathsep})
    assert done.returncode == 2 and done.stdout == b""
    assert no_traceback(done) == (f"slactl: error: $SLACTL_POLICIES names no file ({os.pathsep!r}): give paths separated "
                                  f"by {os.pathsep!r}, or unset it for the bundled policies\n")


def test_a_policy_file_named_twice_is_read_once(tmp_path):
    ignus = str(ROOT / "policies" / "ignus.yaml")
    (tmp_path / "link.yaml").symlink_to(ignus)
    done = slactl(["providers", "--json"], env={"SLACTL_POLICIES": os.pathsep.join([ignus, ignus, str(tmp_path)])})
    assert (done.returncode, no_traceback(done)) == (0, "")
    assert [p["id"] for p in json.loads(done.stdout)] == ["ignus"]


def test_a_customers_file_in_a_policy_directory_is_refused_alike_by_validate_and_the_commands(tmp_path):
    for name in ("ignus.yaml", "athento.yaml"):
        (tmp_path / name).write_bytes((ROOT / "policies" / name).read_bytes())
    (tmp_path / "customers.yaml").write_bytes((ROOT / "examples" / "customers.yaml").read_bytes())
    message = (f"{tmp_path}/customers.yaml:1: a customers file, not a policy: give it with --customers "
               f"(or $SLACTL_CUSTOMERS), not among the policies")
    validated = slactl(["validate", str(tmp_path)])
    assert validated.returncode == 1 and message in no_traceback(validated).splitlines()
    listed = slactl(["--policies", str(tmp_path), "providers"])
    assert listed.returncode == 1 and no_traceback(listed).splitlines()[0] == message


@pytest.mark.parametrize("args", [
    pytest.param(SHOW, id="a table"),
    pytest.param(["providers", "--json"], id="JSON"),
    pytest.param(["schema"], id="the schema"),
])
def test_a_reader_that_goes_away_ends_quietly_with_exit_0(args):
    process = subprocess.Popen([sys.executable, "-m", "slactl", *args], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, cwd=ROOT)
    process.stdout.close()  # `| head -0`: gone before the first write, so every run meets EPIPE
    err = process.stderr.read().decode()
    assert process.wait(timeout=60) == 0
    assert "Traceback" not in err and "Exception ignored" not in err and err == ""


def test_head_1_in_a_shell_pipeline_gets_the_first_line_and_a_clean_exit():
    command = f"{sys.executable} -m slactl {' '.join(SHOW)} | head -1; exit ${{PIPESTATUS[0]}}"
    done = subprocess.run(["bash", "-c", command], capture_output=True, cwd=ROOT, timeout=60)
    assert (done.returncode, done.stderr) == (0, b"")
    assert done.stdout.count(b"\n") == 1


def test_without_a_terminal_there_is_no_colour_or_escape_code():
    done = slactl(DUE, env={"NO_COLOR": "1", "TERM": "dumb"})
    assert done.returncode == 0 and no_traceback(done) == ""
    assert b"\x1b[" not in done.stdout and done.stdout.decode("utf-8")


def test_a_c_locale_still_prints_utf8():
    done = slactl(SHOW, env={"LC_ALL": "C"})
    assert done.returncode == 0 and no_traceback(done) == ""
    assert "Caída Total" in done.stdout.decode("utf-8")


@pytest.mark.parametrize("args", [pytest.param(SHOW, id="a table"), pytest.param(DUE, id="deadlines"),
                                  pytest.param(["classify", "conecta", "caída total del servicio"], id="a classification")])
def test_an_ascii_only_locale_replaces_what_it_cannot_show(args):
    done = slactl(args, env={"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": "ascii"})
    assert done.returncode == 0 and no_traceback(done) == ""
    done.stdout.decode("ascii")


def test_an_ascii_only_locale_escapes_json_and_loses_nothing():
    narrow = slactl([*SHOW, "--json"], env={"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": "ascii"})
    wide = slactl([*SHOW, "--json"], env={"LC_ALL": "C.UTF-8"})
    assert narrow.returncode == wide.returncode == 0
    assert json.loads(narrow.stdout.decode("ascii")) == json.loads(wide.stdout.decode("utf-8"))


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_full_disk_on_stdout_is_one_line_and_exit_2():
    with open("/dev/full", "wb") as full:
        done = slactl(SHOW, stdout=full)
    assert done.returncode == 2
    assert no_traceback(done) == "slactl: error: cannot write the output: No space left on device\n"


def _many_tickets(path: Path, count: int) -> Path:
    rows = [f"T{n},ignus,high,,2026-11-{2 + n % 20:02d}T{8 + n % 10:02d}:15,,,\n" for n in range(count)]
    path.write_text("id,provider,severity,plan,opened,pauses,responded,resolved\n" + "".join(rows), encoding="utf-8")
    return path


def test_unbuffered_python_still_writes_a_batch_in_blocks_and_loses_nothing(tmp_path):
    """PYTHONUNBUFFERED=1 (common in container images) made every row of `due --input` one
    write system call; the rows are now joined into blocks, and are the same as --output's."""
    tickets = _many_tickets(tmp_path / "t.csv", 3000)
    args = ["due", "--input", str(tickets), "--now", "2026-12-01T00:00Z"]
    piped = slactl(args, env={"PYTHONUNBUFFERED": "1"})
    written = slactl([*args, "--output", str(tmp_path / "out.csv")])
    assert piped.returncode == written.returncode == 0 and no_traceback(piped) == ""
    assert piped.stdout == (tmp_path / "out.csv").read_bytes() and piped.stdout.count(b"\n") == 3001
    if Path("/usr/bin/strace").exists():
        traced = subprocess.run(["/usr/bin/strace", "-f", "-e", "trace=write", "-o", str(tmp_path / "trace"),
                                 sys.executable, "-m", "slactl", *args], capture_output=True, cwd=ROOT,
                                env={**os.environ, "PYTHONUNBUFFERED": "1"}, timeout=60)
        if traced.returncode == 0:  # strace may be forbidden in a container
            writes = sum(1 for line in (tmp_path / "trace").read_text().splitlines() if "write(1," in line)
            assert writes < 100, writes


def test_a_batch_read_by_head_ends_quietly_with_the_first_lines(tmp_path):
    tickets = _many_tickets(tmp_path / "t.csv", 3000)
    command = (f"PYTHONUNBUFFERED=1 {sys.executable} -m slactl due --input {tickets} --now 2026-12-01T00:00Z"
               f" | head -2; exit ${{PIPESTATUS[0]}}")
    done = subprocess.run(["bash", "-c", command], capture_output=True, cwd=ROOT, timeout=60)
    assert (done.returncode, done.stderr) == (0, b"")
    assert done.stdout.splitlines()[1].startswith(b"T0,ignus,high,")


def _closed(number: int):
    def close() -> None:
        os.close(number)  # as `>&-` or `2>&-` in a shell: Python then sets the stream to None
    return close


def _run_closed(args: list[str], number: int) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "slactl", *args], capture_output=True, cwd=ROOT, timeout=60,
                          preexec_fn=_closed(number))


@pytest.mark.parametrize("args", [DUE, ["due", "--input", "examples/tickets.csv", "--now", "2026-11-26T12:00"],
                                  ["report", "examples/tickets.csv", "--now", "2026-11-26T12:00"]],
                         ids=["due", "due --input", "report"])
def test_a_closed_stdout_is_one_line_and_exit_2(args):
    done = _run_closed(args, 1)
    assert (done.returncode, no_traceback(done)) == (2, "slactl: error: cannot write the output: standard output "
                                                        "is closed\n")


def test_a_closed_stdout_does_not_matter_to_a_run_that_writes_a_file(tmp_path):
    target = tmp_path / "out.csv"
    done = _run_closed(["due", "--input", "examples/tickets.csv", "--now", "2026-11-26T12:00", "--output",
                        str(target)], 1)
    assert (done.returncode, no_traceback(done)) == (0, "")
    assert target.read_text().count("\n") > 5


def test_a_closed_stderr_keeps_the_exit_code_and_stdout_clean():
    done = _run_closed(["due", "ignus", "--severity", "nope", "--opened", "2026-11-20T10:00"], 2)
    assert (done.returncode, done.stdout) == (2, b"")
    assert _run_closed(DUE, 2).returncode == 0


def test_running_out_of_memory_is_one_line_and_exit_1(capsys, monkeypatch):
    from cli_helpers import run

    from slactl.cli import due

    def exhausted(*_args, **_kwargs):
        raise MemoryError  # what a memory limit (ulimit -v, a container) makes of an allocation

    monkeypatch.setattr(due, "_batch", exhausted)
    code, out, err = run(capsys, "due", "--input", "examples/tickets.csv")
    assert (code, out, err) == (1, "", "slactl: error: out of memory (a memory limit of this process or the machine); "
                                       "for a batch, --jobs 1 uses the least\n")


@pytest.mark.parametrize("check, code", [(True, 1), (False, 0)], ids=["--check", "plain"])
def test_a_reader_that_goes_away_does_not_hide_what_check_found(check, code):
    # `| head`: a plain batch stops quietly (exit 0); --check reads on to give its verdict.
    args = ["due", "--input", "examples/tickets.csv", "--now", "2026-11-26T12:00", *(["--check"] if check else [])]
    process = subprocess.Popen([sys.executable, "-m", "slactl", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               cwd=ROOT)
    process.stdout.close()  # gone before the first write
    err = process.stderr.read().decode()
    assert (process.wait(timeout=60), err) == (code, "")
