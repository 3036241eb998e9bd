"""Presets: how to read the exports of the common help desks (ServiceNow, Zendesk, Jira Service
Management, Freshdesk, Zammad) without a script in between.

A preset is a small YAML file (``*.yaml`` next to this module; the format is in
docs/exports.md): which columns hold a ticket's values, how the help desk writes priorities
(to ``pN``, the N-th most severe severity of a policy) and statuses, its null markers, how it
writes times, and whether its rows are tickets or the events of an event log. A user's own
preset file is read the same way, as untrusted input.
"""

from __future__ import annotations

import difflib
from functools import cache
from pathlib import Path

from slactl.errors import InputError
from slactl.tickets.presets.load import PresetError, parse, read
from slactl.tickets.presets.model import Form, Preset

__all__ = ["Form", "Preset", "PresetError", "builtins", "get", "names"]

HERE = Path(__file__).resolve().parent


def names() -> list[str]:
    """The names of the bundled presets, sorted."""
    return sorted(path.stem for path in HERE.glob("*.yaml"))


@cache
def _bundled(name: str) -> Preset:
    path = HERE / f"{name}.yaml"
    return parse(path.read_text(encoding="utf-8"), f"{name} (bundled preset)")


def builtins() -> list[Preset]:
    """Every bundled preset, by name."""
    return [_bundled(name) for name in names()]


def get(name_or_file: str) -> Preset:
    """A bundled preset by name, else the preset file at that path. ``InputError`` for neither,
    ``PresetError`` for a file that is not a valid preset."""
    wanted = name_or_file.strip()
    if wanted.lower() in names():
        return _bundled(wanted.lower())
    path = Path(wanted)
    if path.exists():
        return read(path)
    near = difflib.get_close_matches(wanted.lower(), names(), n=1, cutoff=0.6)
    hint = f"; did you mean {near[0]!r}?" if near else ""
    raise InputError(f"unknown preset {name_or_file!r}{hint} (choose from: {', '.join(names())}; or give a preset file)")
