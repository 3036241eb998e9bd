"""The CI recipes of README "Use in CI": the pre-commit hook and the two shell scripts, run
against the installed `slactl`, and quoted verbatim in the README."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples" / "ci"
README = (ROOT / "README.md").read_text(encoding="utf-8")
BIN = str(Path(sys.executable).parent)
ENV = {k: v for k, v in os.environ.items() if k != "SLACTL_POLICIES"} | {"PATH": BIN + os.pathsep + os.environ["PATH"]}
HOOK = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))[0]


def _run(*argv: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run(argv, env=ENV, cwd=cwd, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("script", sorted(EXAMPLES.glob("*.sh")), ids=lambda p: f"README quotes {p.name} verbatim")
def test_readme_quotes_each_script_verbatim(script):
    assert f"```bash\n{script.read_text(encoding='utf-8')}```" in README


# Seed 001 (IVCISA): production down is answered within 2 hours, 24x7. Opened Saturday 03:00,
# the response is due 05:00.
@pytest.mark.parametrize("now, code", [
    pytest.param("2026-11-21T06:00", 1, id="sla-check fails the pipeline when the response is breached at 06:00"),
    pytest.param("2026-11-21T04:00", 0, id="sla-check passes while the response is pending at 04:00"),
])
def test_sla_check_fails_the_pipeline_only_when_breached(now, code):
    done = _run(str(EXAMPLES / "sla-check.sh"), "ivcisa", "production-down", "2026-11-21T03:00", now)
    assert done.returncode == code, done.stderr
    assert ("SLA breached: ivcisa production-down ticket opened 2026-11-21T03:00" in done.stderr) == (code == 1)


def test_sla_check_passes_an_answered_ticket():
    # Responded at 04:10, before the 05:00 due time: met, though it is now 06:00.
    done = _run(str(EXAMPLES / "sla-check.sh"), "ivcisa", "production-down", "2026-11-21T03:00", "2026-11-21T06:00",
                "--responded", "2026-11-21T04:10")
    assert done.returncode == 0, done.stderr
    assert "met: done Sat 2026-11-21 04:10" in done.stdout


def test_sla_check_reports_bad_input_as_bad_input_not_as_a_breach():
    done = _run(str(EXAMPLES / "sla-check.sh"), "ivcisa", "nosuch", "2026-11-21T03:00", "2026-11-21T04:00")
    assert done.returncode == 2 and "unknown severity 'nosuch'" in done.stderr
    assert "bad input (slactl exit 2)" in done.stderr and "SLA breached" not in done.stderr


class _Hook(BaseHTTPRequestHandler):
    received: list[tuple[str, bytes]] = []

    def do_POST(self):  # noqa: N802 - the http.server API
        body = self.rfile.read(int(self.headers["Content-Length"]))
        _Hook.received.append((self.headers["Content-Type"], body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.mark.skipif(shutil.which("curl") is None, reason="post-comms.sh uses curl")
def test_post_comms_posts_the_schedule_as_json_to_the_web_hook():
    server = HTTPServer(("127.0.0.1", 0), _Hook)
    thread = threading.Thread(target=server.handle_request, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_port}/sla"
    try:
        done = _run(str(EXAMPLES / "post-comms.sh"), "conecta", "total-outage", "2026-11-23T10:00", url)
        thread.join(timeout=30)
    finally:
        server.server_close()
    assert done.returncode == 0, done.stderr
    expected = _run("slactl", "comms", "conecta", "--severity", "total-outage", "--opened", "2026-11-23T10:00", "--json")
    [(content_type, body)] = _Hook.received
    assert content_type == "application/json"
    assert json.loads(body) == json.loads(expected.stdout)
    assert json.loads(body)["communications"][0]["at"] == "2026-11-23T10:00:00-05:00"


def _pre_commit(changed: list[str], cwd: Path) -> subprocess.CompletedProcess | None:
    """What pre-commit does: pass the changed files matching `files` to `entry`."""
    files = [f for f in changed if re.search(HOOK["files"], f)]
    return _run(*HOOK["entry"].split(), *files, cwd=cwd) if files else None


def test_the_pre_commit_hook_validates_changed_policy_files(tmp_path):
    policies = tmp_path / "policies"
    policies.mkdir()
    shutil.copy(ROOT / "tests/testdata/validate/good/minimal.yaml", policies / "minimal.yaml")
    shutil.copy(ROOT / "tests/testdata/validate/bad/unknown-key.yaml", policies / "broken.yml")
    (tmp_path / "notes.yaml").write_text("not: a policy\n")
    done = _pre_commit(["policies/minimal.yaml", "notes.yaml", "README.md"], tmp_path)
    assert (done.returncode, done.stdout) == (0, "ok policies/minimal.yaml\n")
    done = _pre_commit(["policies/minimal.yaml", "policies/broken.yml"], tmp_path)
    assert done.returncode == 1
    assert re.search(r"^policies/broken\.yml:\d+: unknown key 'descripton'", done.stderr, re.M)
    assert _pre_commit(["README.md"], tmp_path) is None


def test_the_readme_local_hook_is_the_shipped_hook():
    block = re.search(r"```yaml\n(repos:\n.*?)```", README, re.S).group(1)
    [local] = yaml.safe_load(block)["repos"][0]["hooks"]
    assert {k: local[k] for k in ("id", "name", "entry", "files")} == {k: HOOK[k] for k in ("id", "name", "entry", "files")}
    assert HOOK["language"] == "python"
