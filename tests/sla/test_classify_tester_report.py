"""What a fresh tester found in ``slactl classify`` (numbered as they reported it), each fixed
as a kind, not as the one text:

4. stdin that is not UTF-8 was read as other characters instead of refused.
"""

from __future__ import annotations

import io
import random
import subprocess
import sys

from cli_helpers import run


# -- 4. stdin that is not UTF-8 is refused in one line ------------------------------------------


def test_stdin_that_is_not_utf8_is_refused(capsys, monkeypatch):
    stdin = io.TextIOWrapper(io.BytesIO(b"se cay\xf3 el sitio"), encoding="utf-8", errors="surrogateescape")
    monkeypatch.setattr("sys.stdin", stdin)
    assert run(capsys, "classify", "ignus", "-") == (2, "", "slactl: error: stdin is not UTF-8 text\n")


def test_stdin_in_utf8_is_read_whatever_the_locale_says(capsys, monkeypatch):
    # Seed 002: "Urgente: Servicio caído o sin funcionamiento." A byte-order mark is skipped.
    stdin = io.TextIOWrapper(io.BytesIO("\ufeffse cayó el sitio".encode()), encoding="latin-1")
    monkeypatch.setattr("sys.stdin", stdin)
    code, out, _ = run(capsys, "classify", "ignus", "-")
    assert code == 0 and out.startswith("Ignus Creative Solutions: urgent (Urgente)")
    assert "'se cayó'" in out


def test_random_bytes_on_the_real_stdin_are_refused():
    noise = bytes(random.Random(7).randrange(256) for _ in range(100_000))
    done = subprocess.run([sys.executable, "-m", "slactl", "classify", "ignus", "-"], input=noise,
                          capture_output=True, check=False)
    assert (done.returncode, done.stdout, done.stderr) == (2, b"", b"slactl: error: stdin is not UTF-8 text\n")
