"""The wheel: built from this checkout, it carries the bundled policies, the schema, py.typed,
the license and the version from one place, and works installed away from the checkout."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

import slactl

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--quiet", "-w", str(out)],
                          capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        pytest.skip(f"cannot build the wheel here (offline?): {done.stderr.strip().splitlines()[-1:]}")
    [built] = out.glob("slactl-*.whl")
    return built


def _names(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def test_the_wheel_is_named_after_the_version_in_slactl_init(wheel):
    assert wheel.name == f"slactl-{slactl.__version__}-py3-none-any.whl"


def test_the_wheel_carries_the_bundled_policies(wheel):
    shipped = {n.removeprefix("slactl/policies/") for n in _names(wheel) if n.startswith("slactl/policies/")}
    assert shipped == {p.name for p in (ROOT / "policies").glob("*.yaml")}


def test_the_wheel_carries_the_schema_where_the_bundled_policies_point(wheel):
    # policies say $schema=../schema/policy.schema.json: from slactl/policies/ that is slactl/schema/.
    with zipfile.ZipFile(wheel) as archive:
        shipped = archive.read("slactl/schema/policy.schema.json").decode()
    assert shipped == (ROOT / "schema" / "policy.schema.json").read_text(encoding="utf-8")


def test_the_wheel_is_typed_and_licensed(wheel):
    names = _names(wheel)
    assert "slactl/py.typed" in names
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)


def test_the_wheel_metadata(wheel):
    with zipfile.ZipFile(wheel) as archive:
        meta_name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        entry_points = archive.read(meta_name.replace("METADATA", "entry_points.txt")).decode()
        meta = Parser().parsestr(archive.read(meta_name).decode())
    assert meta["Version"] == slactl.__version__
    assert meta["License-Expression"] == "MIT"
    assert {"Typing :: Typed", "Environment :: Console"} <= set(meta.get_all("Classifier"))
    assert "slactl = slactl.__main__:main" in entry_points


def test_the_installed_wheel_works_away_from_the_checkout(wheel, tmp_path):
    target, elsewhere = tmp_path / "site", tmp_path / "elsewhere"
    elsewhere.mkdir()
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(wheel)],
                   check=True, capture_output=True, timeout=300)
    env = {k: v for k, v in os.environ.items() if k != "SLACTL_POLICIES"} | {"PYTHONPATH": str(target)}

    def slactl_(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "slactl", *args], cwd=elsewhere, env=env,
                              capture_output=True, text=True, timeout=120)

    where = subprocess.run([sys.executable, "-c", "import slactl, slactl.policy.load as l; print(slactl.__file__); print(l.bundled_paths()[0])"],
                           cwd=elsewhere, env=env, capture_output=True, text=True, check=True).stdout.splitlines()
    assert all(line.startswith(str(target)) for line in where)
    providers = slactl_("providers", "--json")
    assert providers.returncode == 0, providers.stderr
    assert {p["id"] for p in json.loads(providers.stdout)} == {"athento", "conecta", "express", "ignus", "ivcisa"}
    validate = slactl_("validate")
    assert validate.returncode == 0 and validate.stdout.count("ok ") == 5
    assert slactl_("schema").stdout == (target / "slactl" / "schema" / "policy.schema.json").read_text(encoding="utf-8")
